/// Splits a text into paragraphs, sentences and tokens in one pass per line.
///
/// Paragraphs are non-blank lines. Sentences end at `.`, `!`, `?` or an
/// ellipsis followed by white space and a plausible sentence start, and never
/// inside `U.S.`, `Mr.`, `Dr.`, `No. 5`, `19. Mar 2025`, decimals, an ellipsis
/// followed by lower case, or before the closing quote after a full stop.
///
/// - Complexity: O(n) in the length of the text.
public enum Segmenter {
    /// Segments `text`; `index` must be the text's own offset table. With
    /// `interruptible` false, a requested stop (Ctrl-C) does not cut the
    /// segmentation short: for short texts whose tokens must be whole, such as
    /// the cues of a lexicon being loaded.
    public static func segment(_ text: String, index: ScalarIndex, interruptible: Bool = true) -> Segmentation {
        var paragraphs: [TextSpan] = []
        var sentences: [Sentence] = []
        var tokens: [Token] = []
        var scalarOffset = 0
        func scan(_ bytes: UnsafeBufferPointer<UInt8>) {
            // Room for the tokens of prose at once (English runs to a token per five or six
            // bytes): grown a piece at a time, the list is copied over a dozen times.
            tokens.reserveCapacity(bytes.count / 5 + 16)
            // Made here: it points into `bytes`, which must not outlive this call.
            var line = LineBuffer()
            var lineStart = 0
            while lineStart <= bytes.count {
                if interruptible, Interruption.isRequested { return }
                var lineEnd = lineStart
                while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
                let lineBytes = UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd])
                line.load(lineBytes)
                line.process(
                    scalarBase: scalarOffset, utf8Base: lineStart,
                    paragraphs: &paragraphs, sentences: &sentences, tokens: &tokens)
                scalarOffset += line.count + 1  // the line and its newline
                lineStart = lineEnd + 1
            }
        }
        // Native strings are contiguous UTF-8; others are copied once.
        if text.utf8.withContiguousStorageIfAvailable(scan) == nil {
            Array(text.utf8).withUnsafeBufferPointer(scan)
        }
        return Segmentation(paragraphs: paragraphs, sentences: sentences, tokens: tokens)
    }
}

/// The scalars of one line with their classes and relative UTF-8 offsets.
///
/// An ASCII line (nearly every line of English news) is read from its bytes
/// where they lie, with no copy; only other lines are decoded into arrays.
private struct LineBuffer {
    /// The line's bytes while it is ASCII, valid until the next ``load(_:)``.
    private var ascii = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    /// A non-ASCII line's scalars, classes and the UTF-8 offsets where they start.
    private var scalars: [Unicode.Scalar] = []
    private var classes: [CharacterClass] = []
    private var utf8Offsets: [Int] = []
    private var endUTF8 = 0
    private(set) var count = 0

    /// The current line's tokens, kept so each line reuses the storage.
    var lineTokens: [(range: Range<Int>, kind: Token.Kind)] = []

    /// Whether the line is ASCII, so UTF-8 offsets equal scalar positions.
    private(set) var isASCII = true

    /// ASCII classes by byte.
    private static let asciiTable: [CharacterClass] = (0..<128).map { CharacterClass.of(Unicode.Scalar(UInt8($0))) }
    /// The table, held by each buffer (a reference, not a copy) so that reading
    /// a class needs no check that a global is initialised.
    private let asciiClasses = LineBuffer.asciiTable

    @inline(__always)
    func scalar(_ position: Int) -> Unicode.Scalar {
        isASCII ? Unicode.Scalar(ascii[position]) : scalars[position]
    }

    @inline(__always)
    func characterClass(_ position: Int) -> CharacterClass {
        isASCII ? asciiClasses[Int(ascii[position])] : classes[position]
    }

    /// Loads a line's bytes (valid UTF-8, as a `String` holds it, without its
    /// newline), which must stay valid until the next load.
    mutating func load(_ bytes: UnsafeBufferPointer<UInt8>) {
        endUTF8 = bytes.count
        var high: UInt8 = 0
        for byte in bytes { high |= byte }
        isASCII = high < 0x80
        if isASCII {
            ascii = bytes
            count = bytes.count
            return
        }
        ascii = UnsafeBufferPointer(start: nil, count: 0)
        scalars.removeAll(keepingCapacity: true)
        classes.removeAll(keepingCapacity: true)
        utf8Offsets.removeAll(keepingCapacity: true)
        var offset = 0
        while offset < bytes.count {
            let lead = bytes[offset]
            var value: UInt32
            var length: Int
            switch lead {
            case 0..<0x80: (value, length) = (UInt32(lead), 1)
            case 0xC0..<0xE0: (value, length) = (UInt32(lead & 0x1F), 2)
            case 0xE0..<0xF0: (value, length) = (UInt32(lead & 0x0F), 3)
            default: (value, length) = (UInt32(lead & 0x07), 4)
            }
            length = min(length, bytes.count - offset)
            for next in 1..<max(1, length) { value = value << 6 | UInt32(bytes[offset + next] & 0x3F) }
            let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
            scalars.append(scalar)
            classes.append(CharacterClass.of(scalar))
            utf8Offsets.append(offset)
            offset += length
        }
        count = scalars.count
    }

    func utf8(_ position: Int) -> Int {
        if isASCII { return position }
        return position < count ? utf8Offsets[position] : endUTF8
    }

    func isSpace(_ position: Int) -> Bool {
        characterClass(position) == .space || characterClass(position) == .newline
    }

    mutating func process(
        scalarBase: Int, utf8Base: Int,
        paragraphs: inout [TextSpan], sentences: inout [Sentence], tokens: inout [Token]
    ) {
        var first = 0
        var last = count
        while first < last, isSpace(first) { first += 1 }
        while last > first, isSpace(last - 1) { last -= 1 }
        guard first < last else { return }
        let paragraphIndex = paragraphs.count
        paragraphs.append(span(first..<last, scalarBase: scalarBase, utf8Base: utf8Base))

        // Tokens of this line, as local scalar ranges, in a buffer kept from line to line.
        var local = lineTokens
        lineTokens = []
        local.removeAll(keepingCapacity: true)
        defer { lineTokens = local }
        tokenize(first..<last, into: &local)
        let tokenBase = tokens.count
        for token in local {
            tokens.append(Token(span: span(token.range, scalarBase: scalarBase, utf8Base: utf8Base), kind: token.kind))
        }

        var sentenceStart = 0
        var position = 0
        while position < local.count {
            guard isTerminator(local[position]) else {
                position += 1
                continue
            }
            var end = position
            while end + 1 < local.count, local[end + 1].range.lowerBound == local[end].range.upperBound,
                isTerminator(local[end + 1]) || isCloser(local[end + 1])
            {
                end += 1
            }
            let next = end + 1
            if next < local.count, local[next].range.lowerBound > local[end].range.upperBound,
                shouldSplit(tokens: local, terminator: position, next: next)
            {
                appendSentence(
                    local, sentenceStart..<next, paragraph: paragraphIndex, tokenBase: tokenBase,
                    scalarBase: scalarBase, utf8Base: utf8Base, into: &sentences)
                sentenceStart = next
            }
            position = next
        }
        if sentenceStart < local.count {
            appendSentence(
                local, sentenceStart..<local.count, paragraph: paragraphIndex, tokenBase: tokenBase,
                scalarBase: scalarBase, utf8Base: utf8Base, into: &sentences)
        }
    }

    private func span(_ range: Range<Int>, scalarBase: Int, utf8Base: Int) -> TextSpan {
        TextSpan(
            scalars: (scalarBase + range.lowerBound)..<(scalarBase + range.upperBound),
            utf8: (utf8Base + utf8(range.lowerBound))..<(utf8Base + utf8(range.upperBound)))
    }

    private func appendSentence(
        _ local: [(range: Range<Int>, kind: Token.Kind)], _ tokenRange: Range<Int>, paragraph: Int, tokenBase: Int,
        scalarBase: Int, utf8Base: Int, into sentences: inout [Sentence]
    ) {
        let range = local[tokenRange.lowerBound].range.lowerBound..<local[tokenRange.upperBound - 1].range.upperBound
        sentences.append(
            Sentence(
                span: span(range, scalarBase: scalarBase, utf8Base: utf8Base), paragraph: paragraph,
                tokens: (tokenBase + tokenRange.lowerBound)..<(tokenBase + tokenRange.upperBound)))
    }

    // MARK: Tokens

    private func tokenize(_ bounds: Range<Int>, into tokens: inout [(range: Range<Int>, kind: Token.Kind)]) {
        var position = bounds.lowerBound
        let end = bounds.upperBound
        while position < end {
            // Ctrl-C within one enormous line: the tokens so far stand (the document does not keep a cut segmentation).
            if tokens.count & 0xFFFF == 0xFFFF, Interruption.isRequested { return }
            let kind = characterClass(position)
            if kind == .space || kind == .newline {
                position += 1
                continue
            }
            if kind.isWordCharacter {
                let (tokenEnd, tokenKind) = scanWord(from: position, end: end)
                tokens.append((position..<tokenEnd, tokenKind))
                position = tokenEnd
                continue
            }
            if scalar(position) == ".", position + 2 < end, scalar(position + 1) == ".", scalar(position + 2) == "." {
                var dotsEnd = position + 3
                while dotsEnd < end, scalar(dotsEnd) == "." { dotsEnd += 1 }
                tokens.append((position..<dotsEnd, .punctuation))
                position = dotsEnd
                continue
            }
            tokens.append((position..<(position + 1), .punctuation))
            position += 1
        }
    }

    private func scanWord(from start: Int, end: Int) -> (Int, Token.Kind) {
        var position = start
        var hasLetter = false
        var isInitialism = characterClass(start) == .letter
            && (start + 1 >= end || characterClass(start + 1) != .letter && characterClass(start + 1) != .mark)
        var joinedInitials = 0
        while true {
            if isASCII {
                position = scanASCIIWordCharacters(from: position, end: end, hasLetter: &hasLetter)
            } else {
                while position < end, characterClass(position).isWordCharacter {
                    if characterClass(position) == .letter { hasLetter = true }
                    position += 1
                }
            }
            guard position + 1 < end else { break }
            let joiner = scalar(position)
            let before = characterClass(position - 1)
            let after = characterClass(position + 1)
            switch joiner {
            case "'", "\u{2019}", "\u{02BC}":
                if before == .letter || before == .mark, after == .letter {
                    position += 1
                    isInitialism = false
                    continue
                }
            case "-", "\u{2010}", "\u{2011}":
                if before.isWordCharacter, after.isWordCharacter {
                    position += 1
                    isInitialism = false
                    continue
                }
            case ".":
                if before == .digit, after == .digit {
                    position += 1
                    continue
                }
                if isInitialism, after == .letter,
                    position + 2 >= end || (characterClass(position + 2) != .letter && characterClass(position + 2) != .mark)
                {
                    position += 2
                    joinedInitials += 1
                    hasLetter = true
                    continue
                }
                if !isInitialism, before.isWordCharacter, scalar(position + 1).isLowercaseLetter {
                    // Host names and similar: "politsturm.com".
                    position += 1
                    continue
                }
            case ",":
                if before == .digit, after == .digit, isThousandsGroup(at: position + 1, end: end) {
                    position += 1
                    continue
                }
            case ":":
                if before == .digit, after == .digit, !hasLetter {
                    position += 1
                    continue
                }
            default:
                break
            }
            break
        }
        if isInitialism, joinedInitials > 0, position < end, scalar(position) == "." {
            position += 1
        }
        return (position, hasLetter ? .word : .number)
    }

    /// Where a run of ASCII letters and digits starting at `start` ends (an
    /// ASCII line has no marks), read straight from the line's bytes: the
    /// same answer as asking ``characterClass(_:)`` of each, without a table
    /// look-up and a test of the line's kind per byte.
    @inline(__always)
    private func scanASCIIWordCharacters(from start: Int, end: Int, hasLetter: inout Bool) -> Int {
        var position = start
        var letters = false
        while position < end {
            let byte = ascii[position]
            if (byte | 0x20) &- UInt8(ascii: "a") < 26 {
                letters = true
            } else if byte &- UInt8(ascii: "0") >= 10 {
                break
            }
            position += 1
        }
        if letters { hasLetter = true }
        return position
    }

    private func isThousandsGroup(at position: Int, end: Int) -> Bool {
        guard position + 3 <= end else { return false }
        for offset in 0..<3 where characterClass(position + offset) != .digit { return false }
        return position + 3 == end || characterClass(position + 3) != .digit
    }

    // MARK: Sentences

    private func text(_ range: Range<Int>) -> String {
        var view = String.UnicodeScalarView()
        for position in range { view.append(scalar(position)) }
        return String(view)
    }

    /// The word lower-cased, when it could be in one of the lists of
    /// ``SentenceLexicon`` (all ASCII, none longer than
    /// ``SentenceLexicon/longestFoldedWord``); `nil` otherwise. Words that
    /// short make small strings, which need no allocation.
    private func foldedASCII(_ range: Range<Int>) -> String? {
        guard range.count <= SentenceLexicon.longestFoldedWord else { return nil }
        // Folded into a few bytes on the stack, then made a string at once.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, range.count)) { folded -> String? in
            for (slot, position) in range.enumerated() {
                let value = scalar(position).value
                guard value < 0x80 else { return nil }
                folded[slot] = UInt8(value >= 0x41 && value <= 0x5A ? value + 0x20 : value)
            }
            return String(decoding: UnsafeBufferPointer(rebasing: folded[0..<range.count]), as: UTF8.self)
        }
    }

    private func isTerminator(_ token: (range: Range<Int>, kind: Token.Kind)) -> Bool {
        let last = scalar(token.range.upperBound - 1)
        switch token.kind {
        case .punctuation:
            return last == "." || last == "!" || last == "?" || last == "\u{2026}" || last == "\u{203D}"
        case .word:
            return last == "." && token.range.count > 1
        case .number:
            return false
        }
    }

    private func isCloser(_ token: (range: Range<Int>, kind: Token.Kind)) -> Bool {
        guard token.kind == .punctuation, token.range.count == 1 else { return false }
        switch scalar(token.range.lowerBound) {
        case "\"", "'", "\u{201D}", "\u{2019}", "\u{00BB}", "\u{203A}", ")", "]", "}": return true
        default: return false
        }
    }

    private func shouldSplit(
        tokens: [(range: Range<Int>, kind: Token.Kind)], terminator: Int, next: Int
    ) -> Bool {
        let nextToken = tokens[next]
        let firstScalar = scalar(nextToken.range.lowerBound)
        if firstScalar.isLowercaseLetter { return false }
        let mark = tokens[terminator]
        let markLast = scalar(mark.range.upperBound - 1)
        if mark.kind == .word {
            // An initialism such as "U.S." ends a sentence only before a
            // typical sentence opening.
            return nextToken.kind == .word && SentenceLexicon.sentenceStarters.contains(text(nextToken.range))
        }
        if markLast != "." { return true }
        if mark.range.count > 1 { return true }  // "..." before a capital
        guard terminator > 0, tokens[terminator - 1].range.upperBound == mark.range.lowerBound else { return true }
        let previous = tokens[terminator - 1]
        switch previous.kind {
        case .number:
            // "19. Mar 2025": a day number before a month.
            guard let month = foldedASCII(nextToken.range) else { return true }
            return !SentenceLexicon.months.contains(month)
        case .word:
            // One look-up for the four lists, asked in the same order.
            if let folded = foldedASCII(previous.range), let uses = SentenceLexicon.abbreviationUses[folded] {
                if uses.contains(.title) { return false }
                if uses.contains(.beforeNumbers) { return nextToken.kind != .number }
                if uses.contains(.monthAbbreviation), nextToken.kind == .number { return false }
                if uses.contains(.inSentence) { return false }
            }
            if previous.range.count == 1, scalar(previous.range.lowerBound).isUppercaseLetter {
                return false  // an initial: "John F. Kennedy"
            }
            return true
        case .punctuation:
            return true
        }
    }
}

/// Word lists for sentence boundaries.
enum SentenceLexicon {
    /// Titles before a name: a full stop after them never ends a sentence.
    static let titles: Set<String> = [
        "mr", "mrs", "ms", "messrs", "mmes", "dr", "prof", "sen", "sens", "rep", "reps", "gov", "gen", "col", "lt", "sgt",
        "capt", "cmdr", "adm", "maj", "cpl", "pvt", "rev", "hon", "pres", "supt", "fr", "st", "mt", "ft", "atty",
        "amb", "insp", "det", "sr", "jr",
    ]
    /// Abbreviations that stand before a number: `No. 5`, `Art. 3`, `p. 12`.
    static let beforeNumbers: Set<String> = ["no", "nos", "nr", "art", "sec", "vol", "ch", "p", "pp", "fig", "op", "para"]
    /// Abbreviations that do not end sentences in news text.
    static let inSentenceAbbreviations: Set<String> = ["vs", "cf", "ca", "approx", "viz", "al", "dept", "est"]
    static let monthAbbreviations: Set<String> = [
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ]
    static let months: Set<String> = monthAbbreviations.union([
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december",
    ])
    /// Which of the lists of abbreviations above each word is in.
    struct AbbreviationUse: OptionSet {
        let rawValue: UInt8
        static let title = AbbreviationUse(rawValue: 1 << 0)
        static let beforeNumbers = AbbreviationUse(rawValue: 1 << 1)
        static let monthAbbreviation = AbbreviationUse(rawValue: 1 << 2)
        static let inSentence = AbbreviationUse(rawValue: 1 << 3)
    }

    /// The words of ``titles``, ``beforeNumbers``, ``monthAbbreviations`` and
    /// ``inSentenceAbbreviations`` with the lists each is in: the word before
    /// a full stop is hashed once, not once per list.
    static let abbreviationUses: [String: AbbreviationUse] = {
        var uses: [String: AbbreviationUse] = [:]
        for (list, use) in [
            (titles, AbbreviationUse.title), (beforeNumbers, .beforeNumbers), (monthAbbreviations, .monthAbbreviation),
            (inSentenceAbbreviations, .inSentence),
        ] {
            for word in list { uses[word, default: []].insert(use) }
        }
        return uses
    }()

    /// The length of the longest word of the lower-case lists above.
    static let longestFoldedWord = months.union(titles).union(beforeNumbers).union(inSentenceAbbreviations).map(\.count).max() ?? 0

    /// Words that typically open a sentence, used after an initialism.
    static let sentenceStarters: Set<String> = [
        "The", "This", "That", "These", "Those", "It", "Its", "He", "She", "They", "We", "I", "You", "In", "On",
        "At", "But", "And", "Or", "So", "However", "A", "An", "There", "His", "Her", "Their", "Our", "As", "For",
        "If", "When", "While", "After", "Before", "Meanwhile", "According", "Yet", "Still", "Now", "Since",
        "Although", "Despite", "Moreover", "Furthermore", "Thus", "Even", "Many", "Some", "Most", "Officials",
        "What", "Why", "How", "Who", "Where", "Such", "Under", "With", "By", "From", "To", "Today", "Yesterday",
    ]
}
