import LoupeCore

/// A span as a command names it: `"exact text"` (first occurrence, or
/// `"text"#N`), `@START-END`, `sN`, `hN` or `doc`.
enum SpanReference {
    /// The scalar range the word names in `document`, or `nil` for `doc`.
    static func resolve(_ word: Word, in document: Document, session: Session) throws(CommandError) -> Range<Int>? {
        let text = word.text
        if word.quoted {
            guard !text.isEmpty else { throw CommandError("empty quote: a span needs some text") }
            var occurrence = 1
            if !word.suffix.isEmpty {
                guard word.suffix.hasPrefix("#"), let number = Int(word.suffix.dropFirst()), number >= 1 else {
                    throw CommandError("\(Sanitizer.quoted(text + word.suffix)): write \"text\"#N for the Nth occurrence")
                }
                occurrence = number
            }
            let hits = exactOccurrences(of: text, in: document)
            guard !hits.isEmpty else {
                throw CommandError("quote \(Sanitizer.quoted(text)) not found in \(Sanitizer.sanitize(document.id)) (quotes match exactly; try 'find')")
            }
            guard occurrence <= hits.count else {
                throw CommandError("quote \(Sanitizer.quoted(text)) occurs \(hits.count) time(s) in \(Sanitizer.sanitize(document.id)), not \(occurrence)")
            }
            return hits[occurrence - 1]
        }
        if text == "doc" { return nil }
        if text.hasPrefix("@") {
            let parts = text.dropFirst().split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 2, let start = Int(parts[0]), let end = Int(parts[1]) else {
                throw CommandError("\(Sanitizer.quoted(text)) is not a span; write @START-END with scalar offsets")
            }
            guard start < end else { throw CommandError("span \(text) is empty: START must be below END") }
            guard start >= 0, end <= document.length else {
                throw CommandError("span \(text) is out of range: \(Sanitizer.sanitize(document.id)) has \(document.length) characters (offsets 0-\(document.length))")
            }
            return start..<end
        }
        if let kind = text.first, kind == "s" || kind == "h", let number = Int(text.dropFirst()) {
            if kind == "s" {
                let sentences = document.segmentation.sentences
                guard number >= 1, number <= sentences.count else {
                    throw CommandError("no sentence \(text): \(Sanitizer.sanitize(document.id)) has \(sentences.count) sentences")
                }
                return sentences[number - 1].span.scalars
            }
            guard session.hitsDocumentID == document.id, !session.hits.isEmpty else {
                throw CommandError("no find hits in \(Sanitizer.sanitize(document.id)); run 'find TEXT' first")
            }
            guard number >= 1, number <= session.hits.count else {
                throw CommandError("no hit \(text): the last find had \(session.hits.count) hit(s)")
            }
            return session.hits[number - 1]
        }
        throw CommandError("\(Sanitizer.quoted(text)) is not a span; use \"exact text\", @START-END, sN, hN or doc")
    }

    static func exactOccurrences(of text: String, in document: Document) -> [Range<Int>] {
        let needle = Array(text.utf8)
        let haystack = Array(document.text.utf8)
        let index = document.scalarIndex
        return Anchoring.occurrences(of: needle, in: haystack).compactMap { start in
            // Matches must start and end on scalar boundaries (always true for valid UTF-8 needles).
            index.scalarOffset(ofUTF8: start)..<index.scalarOffset(ofUTF8: start + needle.count)
        }
    }
}
