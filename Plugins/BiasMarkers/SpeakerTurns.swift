import LoupeCore

/// The turns of a transcript within a document: sentences spoken by someone
/// a speaker's label names ("Q: …", "SMITH: …", "[Host] …", "((Jane Doe)) …"),
/// as interviews, hearings and press conferences are printed. What is said
/// there is not in the writer's own voice: an interviewer's question asks, it
/// does not steer the reader, so it is no rhetorical question, and a speaker's
/// exclamation is theirs.
///
/// A label counts as a speaker's when a role word names it ("Q", "Answer",
/// "Interviewer", "Host", …) or when it opens at least two sentences of the
/// document, since a transcript names its speakers at every turn while a
/// one-off lead-in ("Bottom Line: …") is the writer's. A sentence is a turn when
/// it or its paragraph opens with such a label, or when the next sentence
/// does (a question answered by a named speaker).
struct SpeakerTurns {
    /// For each sentence, whether it is a turn of a transcript.
    private let turns: [Bool]

    /// Words that name a transcript's speakers by their role, lower-cased.
    static let roleWords: Set<String> = [
        "q", "a", "question", "answer", "interviewer", "interviewee", "reporter", "host", "moderator", "anchor",
    ]
    /// The longest label, in UTF-8 bytes (inside its brackets, or before its colon).
    static let longestLabel = 40
    /// The most words a label before a colon may have ("Senator Jane Q. Doe:").
    static let labelWords = 4

    /// The turns of `document`'s transcripts (none, in a text that has no speaker labels).
    init(of document: Document) {
        let segmentation = document.segmentation
        let sentences = segmentation.sentences
        var text = document.text
        let labels: [String?] = text.withUTF8 { bytes in
            sentences.map { Self.label(in: bytes, at: $0.span.utf8.lowerBound).map { String(decoding: $0, as: UTF8.self) } }
        }
        var uses: [String: Int] = [:]
        for case let label? in labels { uses[label, default: 0] += 1 }
        let opens = labels.map { label -> Bool in
            guard let label else { return false }
            return (uses[label] ?? 0) >= 2 || Self.roleWords.contains(label.lowercased())
        }
        var turns = [Bool](repeating: false, count: sentences.count)
        if opens.contains(true) {
            var paragraphOpens = false
            for index in sentences.indices {
                let startsParagraph = index == 0 || sentences[index - 1].paragraph != sentences[index].paragraph
                if startsParagraph { paragraphOpens = opens[index] }
                let answered = index + 1 < sentences.count && opens[index + 1]
                turns[index] = paragraphOpens || opens[index] || answered
            }
        }
        self.turns = turns
    }

    /// Whether sentence `index` is said by a speaker of a transcript, not by the writer.
    func isTurn(_ index: Int) -> Bool { index < turns.count && turns[index] }

    /// The label a sentence starting at UTF-8 offset `start` opens with, if any:
    /// the inside of "(…)", "((…))" or "[…]" starting with a capital letter, or
    /// one to ``labelWords`` capitalised words followed by a colon and a space
    /// ("Q:", "Jane Doe:"), or "Q." and "A." as interview transcripts write them.
    static func label(in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> UnsafeBufferPointer<UInt8>? {
        guard start < bytes.count else { return nil }
        let first = bytes[start]
        if first == UInt8(ascii: "(") || first == UInt8(ascii: "[") {
            return bracketed(in: bytes, at: start)
        }
        guard isCapital(first) else { return nil }
        // "Q." and "A.": a role letter with a full stop, then a space.
        if first == UInt8(ascii: "Q") || first == UInt8(ascii: "A"), start + 2 < bytes.count, bytes[start + 1] == UInt8(ascii: "."),
            bytes[start + 2] == 0x20
        {
            return UnsafeBufferPointer(rebasing: bytes[start..<(start + 1)])
        }
        var position = start
        var words = 0
        while position < bytes.count, position - start <= longestLabel {
            guard isCapital(bytes[position]) else { return nil }
            words += 1
            position += 1
            while position < bytes.count, isWordByte(bytes[position]) { position += 1 }
            guard position < bytes.count else { return nil }
            if bytes[position] == UInt8(ascii: ":") {
                let followed = position + 1 < bytes.count && (bytes[position + 1] == 0x20 || bytes[position + 1] == 0x09)
                return followed ? UnsafeBufferPointer(rebasing: bytes[start..<position]) : nil
            }
            guard bytes[position] == 0x20, words < labelWords else { return nil }
            position += 1
        }
        return nil
    }

    /// The inside of a bracketed label opening at `start`: "(Host)", "((Jane Doe))", "[Reporter]".
    private static func bracketed(in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> UnsafeBufferPointer<UInt8>? {
        let open = bytes[start]
        let close = open == UInt8(ascii: "(") ? UInt8(ascii: ")") : UInt8(ascii: "]")
        let doubled = start + 1 < bytes.count && bytes[start + 1] == open
        let inner = start + (doubled ? 2 : 1)
        guard inner < bytes.count, isCapital(bytes[inner]) else { return nil }
        var position = inner
        while position < bytes.count, position - inner <= longestLabel {
            let byte = bytes[position]
            if byte == close {
                if doubled { guard position + 1 < bytes.count, bytes[position + 1] == close else { return nil } }
                let after = position + (doubled ? 2 : 1)
                // A label stands before what is said: a space, a colon or the end of the line follows it.
                guard after >= bytes.count || bytes[after] == 0x20 || bytes[after] == UInt8(ascii: ":") || bytes[after] == 0x0A
                else { return nil }
                return UnsafeBufferPointer(rebasing: bytes[inner..<position])
            }
            // A sentence inside brackets is an aside, not a name.
            if byte == open || byte == 0x0A || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: ",") {
                return nil
            }
            position += 1
        }
        return nil
    }

    @inline(__always)
    private static func isCapital(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }

    /// Letters of a name in a label: ASCII letters, apostrophes, hyphens, full stops
    /// ("Jr.", "O'Neil"), and the bytes of non-ASCII letters.
    @inline(__always)
    private static func isWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "'"), UInt8(ascii: "-"),
            UInt8(ascii: "."), 0x80...0xFF:
            return true
        default:
            return false
        }
    }
}
