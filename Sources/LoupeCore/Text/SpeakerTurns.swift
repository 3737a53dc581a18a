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
///
/// Analyzers ask it what the writer says in their own voice (bias markers'
/// rhetorical questions) and where a speaker's words begin after a label.
public struct SpeakerTurns: Sendable {
    /// For each sentence, whether it is a turn of a transcript.
    private let turns: [Bool]
    /// For each sentence that opens with a speaker's label, the UTF-8 offset
    /// where the speaker's words begin (past the label, its colon and spaces).
    private let speechStarts: [Int: Int]

    /// Words that name a transcript's speakers by their role, lower-cased.
    public static let roleWords: Set<String> = [
        "q", "a", "question", "answer", "interviewer", "interviewee", "reporter", "host", "moderator", "anchor",
    ]
    /// The longest label, in UTF-8 bytes (inside its brackets, or before its colon).
    public static let longestLabel = 40
    /// The most words a label before a colon may have ("Senator Jane Q. Doe:").
    public static let labelWords = 4

    /// The turns of `document`'s transcripts (none, in a text that has no speaker labels).
    public init(of document: Document) {
        let segmentation = document.segmentation
        let sentences = segmentation.sentences
        var text = document.text
        let found: [(name: String, speech: Int)?] = text.withUTF8 { bytes in
            sentences.map { sentence in
                Self.label(in: bytes, at: sentence.span.utf8.lowerBound, end: sentence.span.utf8.upperBound).map {
                    (String(decoding: UnsafeBufferPointer(rebasing: bytes[$0.name]), as: UTF8.self), $0.speech)
                }
            }
        }
        var uses: [String: Int] = [:]
        for case let label? in found { uses[label.name, default: 0] += 1 }
        // "A" answers only where "Q" asks: alone, "A. Philip Randolph said" is a name's initial.
        let asks = uses["Q"] != nil
        var speechStarts: [Int: Int] = [:]
        let opens = found.enumerated().map { index, label -> Bool in
            guard let label else { return false }
            let role = label.name == "A" ? asks : Self.roleWords.contains(label.name.lowercased())
            guard (uses[label.name] ?? 0) >= 2 || role else { return false }
            speechStarts[index] = label.speech
            return true
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
        self.speechStarts = speechStarts
    }

    /// Whether sentence `index` is said by a speaker of a transcript, not by the writer.
    public func isTurn(_ index: Int) -> Bool { index < turns.count && turns[index] }

    /// Where the speaker's words begin (a UTF-8 offset of the text) in sentence
    /// `index`, when it opens with a speaker's label; nil otherwise.
    public func speechStart(ofSentence index: Int) -> Int? { speechStarts[index] }

    /// The label a sentence starting at UTF-8 offset `start` opens with, if any:
    /// the inside of "(…)", "((…))" or "[…]" starting with a capital letter, or
    /// one to ``labelWords`` capitalised words followed by a colon and a space
    /// ("Q:", "Jane Doe:"), or "Q." and "A." as interview transcripts write them.
    /// Gives the label's name (its UTF-8 range) and where the words after it begin. The
    /// label lies before `end` (the sentence's end; the text's by default).
    public static func label(in bytes: UnsafeBufferPointer<UInt8>, at start: Int, end: Int? = nil) -> (name: Range<Int>, speech: Int)? {
        let bytes = UnsafeBufferPointer(rebasing: bytes[..<min(end ?? bytes.count, bytes.count)])
        guard start < bytes.count else { return nil }
        let first = bytes[start]
        if first == UInt8(ascii: "(") || first == UInt8(ascii: "[") {
            return bracketed(in: bytes, at: start)
        }
        guard capitalLength(bytes, at: start) > 0 else { return nil }
        // "Q." and "A.": a role letter with a full stop, then a space.
        if first == UInt8(ascii: "Q") || first == UInt8(ascii: "A"), start + 2 < bytes.count, bytes[start + 1] == UInt8(ascii: "."),
            bytes[start + 2] == 0x20
        {
            return (start..<(start + 1), skippingSpaces(in: bytes, from: start + 2))
        }
        var position = start
        var words = 0
        while position < bytes.count, position - start <= longestLabel {
            let capital = capitalLength(bytes, at: position)
            guard capital > 0 else { return nil }
            words += 1
            position += capital
            while position < bytes.count, isWordByte(bytes[position]) { position += 1 }
            guard position < bytes.count else { return nil }
            if bytes[position] == UInt8(ascii: ":") {
                let followed = position + 1 < bytes.count && (bytes[position + 1] == 0x20 || bytes[position + 1] == 0x09)
                return followed ? (start..<position, skippingSpaces(in: bytes, from: position + 1)) : nil
            }
            guard bytes[position] == 0x20, words < labelWords else { return nil }
            position += 1
        }
        return nil
    }

    /// The inside of a bracketed label opening at `start`: "(Host)", "((Jane Doe))", "[Reporter]".
    private static func bracketed(in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> (name: Range<Int>, speech: Int)? {
        let open = bytes[start]
        let close = open == UInt8(ascii: "(") ? UInt8(ascii: ")") : UInt8(ascii: "]")
        let doubled = start + 1 < bytes.count && bytes[start + 1] == open
        let inner = start + (doubled ? 2 : 1)
        guard inner < bytes.count, capitalLength(bytes, at: inner) > 0 else { return nil }
        var position = inner
        while position < bytes.count, position - inner <= longestLabel {
            let byte = bytes[position]
            if byte == close {
                if doubled { guard position + 1 < bytes.count, bytes[position + 1] == close else { return nil } }
                let after = position + (doubled ? 2 : 1)
                // A label stands before what is said: a space, a colon or the end of the line follows it.
                guard after >= bytes.count || bytes[after] == 0x20 || bytes[after] == UInt8(ascii: ":") || bytes[after] == 0x0A
                else { return nil }
                var speech = after
                if speech < bytes.count, bytes[speech] == UInt8(ascii: ":") { speech += 1 }
                return (inner..<position, skippingSpaces(in: bytes, from: speech))
            }
            // A sentence inside brackets is an aside, not a name.
            if byte == open || byte == 0x0A || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: ",") {
                return nil
            }
            position += 1
        }
        return nil
    }

    /// The first offset at or after `position` that is not a space or a tab.
    private static func skippingSpaces(in bytes: UnsafeBufferPointer<UInt8>, from position: Int) -> Int {
        var position = min(position, bytes.count)
        while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x09 { position += 1 }
        return position
    }

    /// The length in bytes of the capital letter at `position`, or 0: an ASCII capital, or a
    /// capital of Latin-1 ("É", "Ø": C3 80 to C3 9E, but not "×").
    @inline(__always)
    private static func capitalLength(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> Int {
        let byte = bytes[position]
        if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { return 1 }
        guard byte == 0xC3, position + 1 < bytes.count else { return 0 }
        let next = bytes[position + 1]
        return next >= 0x80 && next <= 0x9E && next != 0x97 ? 2 : 0
    }

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
