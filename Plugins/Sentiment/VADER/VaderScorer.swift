import LoupeCore

/// The scores VADER gives one sentence, with the words that made them.
struct VaderScore: Sendable {
    /// Normalised sum of valences, −1…1, rounded to 4 decimals like the reference.
    var compound: Double
    var positive: Double
    var neutral: Double
    var negative: Double
    var cues: [VaderCue]
    /// Words with a valence for target scores (``VaderWord/news``), when explained.
    var news: [VaderNewsWord] = []
}

/// A word of the sentence with a valence for target scores only.
struct VaderNewsWord: Sendable {
    /// Scalar range in the document.
    var range: Range<Int>
    var valence: Double
}

/// A word that contributed to a sentence's score.
struct VaderCue: Sendable {
    /// Scalar range in the document.
    var range: Range<Int>
    /// The word's lexicon valence.
    var lexiconValence: Double
    /// Its valence after every rule.
    var valence: Double
    /// The rules that changed it.
    var rules: VaderRulesApplied
}

/// Rules that changed a word's valence, for explanations.
struct VaderRulesApplied: OptionSet, Sendable {
    let rawValue: UInt16

    static let booster = VaderRulesApplied(rawValue: 1 << 0)
    static let dampener = VaderRulesApplied(rawValue: 1 << 1)
    static let negation = VaderRulesApplied(rawValue: 1 << 2)
    static let noNegation = VaderRulesApplied(rawValue: 1 << 3)
    static let capitals = VaderRulesApplied(rawValue: 1 << 4)
    static let neverSo = VaderRulesApplied(rawValue: 1 << 5)
    static let idiom = VaderRulesApplied(rawValue: 1 << 6)
    static let butBefore = VaderRulesApplied(rawValue: 1 << 7)
    static let butAfter = VaderRulesApplied(rawValue: 1 << 8)
    static let least = VaderRulesApplied(rawValue: 1 << 9)
    static let phraseBooster = VaderRulesApplied(rawValue: 1 << 10)

    static let names: [(VaderRulesApplied, String)] = [
        (.booster, "booster"), (.dampener, "dampener"), (.negation, "negation"), (.noNegation, "no-negation"),
        (.capitals, "all-caps"), (.neverSo, "never-so"), (.idiom, "idiom"), (.butBefore, "before-but"),
        (.butAfter, "after-but"), (.least, "least"), (.phraseBooster, "kind-of"),
    ]

    var names: [String] { Self.names.filter { contains($0.0) }.map(\.1) }

    /// The names of the rules applied as JSON strings, in one list made at its size.
    var nameValues: [JSONValue] {
        var values: [JSONValue] = []
        values.reserveCapacity(rawValue.nonzeroBitCount)
        for (rule, name) in Self.names where contains(rule) { values.append(.string(name)) }
        return values
    }
}

/// Scores sentences by the VADER method, reusing its buffers between
/// sentences so that analysing a document makes no string per token.
///
/// Not thread-safe: make one per document (or per thread).
struct VaderScorer {
    let lexicon: VaderLexicon

    /// The sentence as UTF-8, after emoji were replaced by their descriptions.
    private var bytes: [UInt8] = []
    /// With emoji replaced: the document scalar offset each byte came from.
    private var origins: [Int32] = []
    private var sentenceStart = 0
    private var tokens: [Token] = []
    private var sentiments: [Double] = []
    private var applied: [VaderRulesApplied] = []

    /// A word: its place in the document and what the tables say about it.
    private struct Token {
        /// Document scalar offsets of the word.
        var sourceStart: Int
        var sourceEnd: Int
        var word: VaderWord
        var isUpper: Bool
        var hasNT: Bool
    }

    /// Exclamation and question marks of the sentence, counted while tokenizing.
    private var exclamations = 0
    private var questions = 0

    /// The lexicon's tables, held here so each sentence does not copy (and
    /// retain) them again.
    private let table: ByteKeyTable<VaderWord>
    private let emoji: [UInt32: [Unicode.Scalar]]
    private let classes: [UInt8]

    /// Whether ASCII words go through the 8-bytes-at-a-time scanner; tests
    /// turn it off to check it against the plain byte-by-byte path.
    let scansWords: Bool

    init(lexicon: VaderLexicon, scansWords: Bool = true) {
        self.lexicon = lexicon
        self.scansWords = scansWords
        table = lexicon.words
        emoji = lexicon.emoji
        classes = Self.asciiClass
    }

    // MARK: Text → tokens

    /// Byte classes for ASCII: 1 white space (Python's `isspace`), 2 punctuation.
    private static let asciiClass: [UInt8] = (0..<128).map { byte -> UInt8 in
        if byte == 0x20 || (0x09...0x0D).contains(byte) || (0x1C...0x1F).contains(byte) { return 1 }
        switch byte {
        case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E: return 2
        default: return 0
        }
    }

    /// Loads a sentence: replaces emoji by their descriptions as the reference
    /// does (a space before a description unless one precedes it), splits at
    /// white space and strips ASCII punctuation from words that keep more
    /// than two characters once stripped.
    private mutating func load(_ text: Substring, startingAt offset: Int) {
        sentenceStart = offset
        let complete = text.utf8.withContiguousStorageIfAvailable { buffer in
            tokenize(buffer, origins: nil)
        }
        if complete == true { return }
        // Emoji (or non-contiguous text): rebuild the text, then tokenize that.
        replaceEmoji(text, startingAt: offset)
        let copied = bytes
        let origins = self.origins
        copied.withUnsafeBufferPointer { buffer in
            origins.withUnsafeBufferPointer { origins in
                _ = tokenize(buffer, origins: origins)
            }
        }
    }

    /// Splits `buffer` into tokens in one pass, counting '!' and '?' on the
    /// way. Without `origins`, the buffer is the sentence itself and a
    /// described emoji makes it give up (returning false) so the caller can
    /// replace emoji first; with them, they map bytes to document offsets.
    private mutating func tokenize(_ buffer: UnsafeBufferPointer<UInt8>, origins: UnsafeBufferPointer<Int32>?) -> Bool {
        // Locals, written back at the end: stores into `self` inside the loop
        // would make the compiler reload every table after each token.
        var tokens = self.tokens
        self.tokens = []
        tokens.removeAll(keepingCapacity: true)
        var exclamations = 0
        var questions = 0
        let table = self.table
        let emoji = self.emoji
        let scansWords = self.scansWords
        let sentenceStart = self.sentenceStart
        let count = buffer.count
        defer {
            self.tokens = tokens
            self.exclamations = exclamations
            self.questions = questions
        }
        return classes.withUnsafeBufferPointer { classes in
            // One allocation: the sentence padded with spaces (so the word
            // scanner can read 8 bytes at any of its positions), then room
            // for one lower-cased word.
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 2 * count + Self.padding) { temporary in
            guard let work = temporary.baseAddress else { return true }
            if let source = buffer.baseAddress { work.update(from: source, count: count) }
            (work + count).update(repeating: 0x20, count: Self.padding)
            let scratch = UnsafeMutableBufferPointer(rebasing: temporary[(count + Self.padding)...])
            var index = 0
            var scalar = 0
            while index < count {
                let byte = buffer[index]
                if byte < 0x80 {
                    if classes[Int(byte)] == 1 {
                        index += 1
                        scalar += 1
                        continue
                    }
                } else {
                    let (decoded, length) = Self.decode(buffer, at: index)
                    if decoded.properties.isWhitespace {
                        index += length
                        scalar += 1
                        continue
                    }
                }
                let start = index
                let startScalar = scalar
                if origins == nil, scansWords, let end = Self.scanASCIIWord(
                    work, from: start, table: table, into: &tokens,
                    exclamations: &exclamations, questions: &questions, offset: sentenceStart + startScalar)
                {
                    scalar += end - start
                    index = end
                    continue
                }
                var ascii = true
                while index < count {
                    let byte = buffer[index]
                    if byte < 0x80 {
                        if classes[Int(byte)] == 1 { break }
                        if byte == UInt8(ascii: "!") {
                            exclamations += 1
                        } else if byte == UInt8(ascii: "?") {
                            questions += 1
                        }
                        index += 1
                    } else {
                        let (decoded, length) = Self.decode(buffer, at: index)
                        if decoded.properties.isWhitespace { break }
                        if origins == nil, emoji[decoded.value] != nil { return false }
                        ascii = false
                        index += length
                    }
                    scalar += 1
                }
                index = min(index, count)
                var first = start
                var last = index
                while first < last, buffer[first] < 0x80, classes[Int(buffer[first])] == 2 { first += 1 }
                while last > first, buffer[last - 1] < 0x80, classes[Int(buffer[last - 1])] == 2 { last -= 1 }
                var kept: Int
                if ascii {
                    kept = last - first
                } else {
                    kept = 0
                    for position in first..<last where buffer[position] & 0xC0 != 0x80 { kept += 1 }
                }
                if kept <= 2 {
                    first = start
                    last = index
                }
                var token = Self.describe(buffer, first, last, scratch: scratch, table: table)
                // "“terrific.”": the reference strips only ASCII punctuation, so the word inside is lost to the
                // sentence score; the target scores read it (VADER's rules never read `news`).
                if !ascii, !token.word.inLexicon, token.word.news.isNaN,
                    let inner = Self.innerValence(buffer, first, last, scratch: scratch, table: table)
                {
                    token.word.news = inner
                }
                if let origins {
                    token.sourceStart = Int(origins[first])
                    token.sourceEnd = Int(origins[last - 1]) + 1
                } else if ascii {
                    token.sourceStart = sentenceStart + startScalar + (first - start)
                    token.sourceEnd = sentenceStart + startScalar + (last - start)
                } else {
                    var before = 0
                    for position in start..<first where buffer[position] & 0xC0 != 0x80 { before += 1 }
                    var inside = 0
                    for position in first..<last where buffer[position] & 0xC0 != 0x80 { inside += 1 }
                    token.sourceStart = sentenceStart + startScalar + before
                    token.sourceEnd = token.sourceStart + inside
                }
                tokens.append(token)
            }
            return true
            }
        }
    }

    /// Bytes of padding after a sentence's copy: a whole 8-byte load fits past any position.
    private static let padding = 16
    private static let highBits: UInt64 = 0x8080_8080_8080_8080
    private static let lowBits: UInt64 = 0x0101_0101_0101_0101

    /// For 8 bytes below 0x80 each: 0x80 in every byte whose value is in
    /// `low...high`, 0 in the others (no carry crosses a byte).
    @inline(__always)
    private static func bytes(_ word: UInt64, in low: UInt8, _ high: UInt8) -> UInt64 {
        let atLeastLow = word &+ lowBits &* UInt64(0x80 - low)
        let aboveHigh = word &+ lowBits &* UInt64(0x7F - high)
        return atLeastLow & ~aboveHigh & highBits
    }

    /// The common case, 8 bytes at a time: a word of ASCII bytes is found,
    /// lower-cased in place, checked for capitals, '!', '?' and apostrophes,
    /// trimmed of punctuation, hashed and looked up, with no branch per byte.
    /// Returns the word's end, or `nil` when a non-ASCII byte comes before it
    /// (the general path takes over). `work` is the sentence padded with
    /// spaces, so reading 8 bytes at any position of the sentence is safe.
    @inline(__always)
    private static func scanASCIIWord(
        _ work: UnsafeMutablePointer<UInt8>, from start: Int, table: ByteKeyTable<VaderWord>,
        into tokens: inout [Token], exclamations: inout Int, questions: inout Int, offset sourceOffset: Int
    ) -> Int? {
        var position = start
        var firstKept = -1
        var lastKept = -1
        var upperSeen: UInt64 = 0
        var lowerSeen: UInt64 = 0
        var apostrophes: UInt64 = 0
        while true {
            let raw = UInt64(littleEndian: UnsafeRawPointer(work + position).loadUnaligned(as: UInt64.self))
            let high = raw & highBits
            let ascii = raw & ~highBits
            // Python's isspace() for ASCII: 0x09-0x0D and 0x1C-0x20.
            let space = (bytes(ascii, in: 0x09, 0x0D) | bytes(ascii, in: 0x1C, 0x20)) & ~high
            let stop = space | high
            if high & stop & (0 &- stop) != 0 { return nil }  // a non-ASCII byte before the word's end
            let length = stop == 0 ? 8 : stop.trailingZeroBitCount >> 3
            let valid = length == 8 ? highBits : highBits & ((1 &<< UInt64(8 * length)) &- 1)
            let upper = bytes(ascii, in: 0x41, 0x5A) & valid
            let lower = bytes(ascii, in: 0x61, 0x7A) & valid
            let punctuation = bytes(ascii, in: 0x21, 0x7E) & valid & ~(upper | lower | bytes(ascii, in: 0x30, 0x39))
            let kept = valid & ~punctuation
            if kept != 0 {
                if firstKept < 0 { firstKept = position + kept.trailingZeroBitCount >> 3 }
                lastKept = position + 8 - kept.leadingZeroBitCount >> 3
            }
            if punctuation != 0 {
                exclamations += (bytes(ascii, in: 0x21, 0x21) & valid).nonzeroBitCount
                questions += (bytes(ascii, in: 0x3F, 0x3F) & valid).nonzeroBitCount
                apostrophes |= bytes(ascii, in: 0x27, 0x27) & valid
            }
            if upper != 0 {
                UnsafeMutableRawPointer(work + position).storeBytes(of: (raw | upper >> 2).littleEndian, as: UInt64.self)
            }
            upperSeen |= upper
            lowerSeen |= lower
            position += length
            if length < 8 { break }
        }
        // Punctuation is stripped from both ends unless that leaves two characters or fewer.
        var first = start
        var last = position
        if firstKept >= 0, lastKept - firstKept > 2 {
            first = firstKept
            last = lastKept
        }
        let key = UnsafeBufferPointer(start: work + first, count: last - first)
        let hash = ByteKeyTable<VaderWord>.hash(paddedKey: UnsafeRawPointer(work + first), count: last - first)
        let word = table.value(for: key, hash: hash) ?? VaderWord()
        tokens.append(
            Token(
                sourceStart: sourceOffset + (first - start), sourceEnd: sourceOffset + (last - start),
                word: word, isUpper: upperSeen != 0 && lowerSeen == 0, hasNT: apostrophes != 0 && containsNT(key)))
        return position
    }

    /// A token with what the tables say about it, in one pass over its bytes
    /// for ASCII words: lower-casing, hashing, Python's `isupper()` and "n't".
    /// Its source offsets are the byte range; `tokenize` replaces them with
    /// document offsets. Words of a sentence read in place go through
    /// ``scanASCIIWord(_:from:table:into:exclamations:questions:offset:)``;
    /// this serves sentences rebuilt around emoji and hands non-ASCII words to
    /// ``describeMixed`` (folding the two measured 35% slower).
    @inline(__always)
    private static func describe(
        _ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, scratch: UnsafeMutableBufferPointer<UInt8>,
        table: ByteKeyTable<VaderWord>
    ) -> Token {
        var hasLower = false
        var hasUpper = false
        var hasNT = false
        var length = 0
        var index = start
        while index < end {
            let byte = buffer[index]
            if byte >= 0x80 { return describeMixed(buffer, start, end, scratch: scratch, table: table) }
            var lower = byte
            if byte >= 0x41 && byte <= 0x5A {
                hasUpper = true
                lower = byte + 0x20
            } else if byte >= 0x61 && byte <= 0x7A {
                hasLower = true
            }
            scratch[length] = lower
            if length >= 2, lower == UInt8(ascii: "t"), scratch[length - 1] == UInt8(ascii: "'"), scratch[length - 2] == UInt8(ascii: "n") {
                hasNT = true
            }
            length += 1
            index += 1
        }
        let word = table.value(for: UnsafeBufferPointer(rebasing: scratch[0..<length])) ?? VaderWord()
        return Token(sourceStart: start, sourceEnd: end, word: word, isUpper: hasUpper && !hasLower, hasNT: hasNT)
    }

    /// The valence of the word inside quotation marks, dashes or other punctuation outside ASCII that cling
    /// to it ("“terrific.”", "‘liar’"), for the target scores only: its news valence, else its lexicon valence;
    /// `nil` when no such mark clings to it, when two characters or fewer are left, or when the word inside
    /// has neither.
    private static func innerValence(
        _ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, scratch: UnsafeMutableBufferPointer<UInt8>,
        table: ByteKeyTable<VaderWord>
    ) -> Double? {
        func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
            if scalar.value < 0x80 { return asciiClass[Int(scalar.value)] == 2 }
            switch scalar.properties.generalCategory {
            case .initialPunctuation, .finalPunctuation, .dashPunctuation, .otherPunctuation, .openPunctuation, .closePunctuation:
                return true
            default:
                return false
            }
        }
        var first = start
        var last = end
        var marksOutsideASCII = false
        while first < last {
            let (scalar, width) = decode(buffer, at: first)
            guard isPunctuation(scalar) else { break }
            if width > 1 { marksOutsideASCII = true }
            first += width
        }
        while last > first {
            var lead = last - 1
            while lead > first, buffer[lead] & 0xC0 == 0x80 { lead -= 1 }
            let (scalar, width) = decode(buffer, at: lead)
            guard isPunctuation(scalar) else { break }
            if width > 1 { marksOutsideASCII = true }
            last = lead
        }
        guard marksOutsideASCII else { return nil }
        var kept = 0
        for position in first..<last where buffer[position] & 0xC0 != 0x80 { kept += 1 }
        guard kept > 2 else { return nil }
        let word = describe(buffer, first, last, scratch: scratch, table: table).word
        if !word.news.isNaN { return word.news }
        return word.inLexicon ? word.valence : nil
    }

    /// Whether lower-cased bytes contain "n't" (only a straight apostrophe counts, as in the reference).
    private static func containsNT(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 3 else { return false }
        for position in 2..<bytes.count
        where bytes[position] == UInt8(ascii: "t") && bytes[position - 1] == UInt8(ascii: "'") && bytes[position - 2] == UInt8(ascii: "n") {
            return true
        }
        return false
    }

    /// The lower case of a letter whose lower case is one scalar at a fixed
    /// offset (Latin-1, Cyrillic, Greek capitals); `nil` when another rule applies.
    @inline(__always)
    private static func simpleLowercase(_ value: UInt32) -> UInt32? {
        switch value {
        case 0xC0...0xDE where value != 0xD7: return value + 0x20  // À-Þ, not ×
        case 0x410...0x42F: return value + 0x20  // А-Я
        case 0x400...0x40F: return value + 0x50  // Ѐ-Џ
        case 0x391...0x3A9 where value != 0x3A2 && value != 0x3A3: return value + 0x20  // Α-Ω; Σ lowers by context
        default: return nil
        }
    }

    /// Words with non-ASCII characters, still without a String when every
    /// character is caseless (’ “ — …) or has a simple lower case; full
    /// Unicode casing, as Python's, otherwise.
    private static func describeMixed(
        _ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, scratch: UnsafeMutableBufferPointer<UInt8>,
        table: ByteKeyTable<VaderWord>
    ) -> Token {
        var hasLower = false
        var hasUpper = false
        var length = 0
        var index = start
        func append(_ byte: UInt8) {
            scratch[length] = byte
            length += 1
        }
        while index < end {
            let byte = buffer[index]
            if byte < 0x80 {
                if byte >= 0x41 && byte <= 0x5A {
                    hasUpper = true
                    append(byte + 0x20)
                } else {
                    if byte >= 0x61 && byte <= 0x7A { hasLower = true }
                    append(byte)
                }
                index += 1
                continue
            }
            let (scalar, width) = decode(buffer, at: index)
            let properties = scalar.properties
            var lowered = scalar.value
            if properties.isUppercase {
                hasUpper = true
                guard let simple = simpleLowercase(scalar.value) else { return describeUnicode(buffer, start, end, table: table) }
                lowered = simple
            } else if properties.isLowercase || properties.generalCategory == .titlecaseLetter {
                hasLower = true
                if properties.changesWhenLowercased { return describeUnicode(buffer, start, end, table: table) }
            } else if properties.changesWhenLowercased {
                return describeUnicode(buffer, start, end, table: table)
            }
            guard let loweredScalar = Unicode.Scalar(lowered) else { return describeUnicode(buffer, start, end, table: table) }
            // Lower-case letters of these scripts are at most two bytes, like their capitals.
            for byte in loweredScalar.utf8 { append(byte) }
            index += width
        }
        let lowered = UnsafeBufferPointer(rebasing: scratch[0..<length])
        let word = table.value(for: lowered) ?? VaderWord()
        return Token(sourceStart: start, sourceEnd: end, word: word, isUpper: hasUpper && !hasLower, hasNT: containsNT(lowered))
    }

    /// The rare path: full Unicode casing, as Python's.
    private static func describeUnicode(
        _ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, table: ByteKeyTable<VaderWord>
    ) -> Token {
        let text = String(decoding: buffer[start..<end], as: UTF8.self)
        var cased = false
        var isUpper = true
        for scalar in text.unicodeScalars {
            let properties = scalar.properties
            if properties.isLowercase || properties.generalCategory == .titlecaseLetter {
                isUpper = false
                break
            }
            if properties.isUppercase { cased = true }
        }
        var lower = Array(text.lowercased().utf8)
        return lower.withUnsafeMutableBufferPointer { bytes in
            let lowered = UnsafeBufferPointer(bytes)
            let word = table.value(for: lowered) ?? VaderWord()
            return Token(sourceStart: start, sourceEnd: end, word: word, isUpper: isUpper && cased, hasNT: containsNT(lowered))
        }
    }

    @inline(__always)
    private static func decode(_ buffer: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int) {
        let lead = buffer[index]
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for offset in 1..<length where index + offset < buffer.count {
            value = value << 6 | UInt32(buffer[index + offset] & 0x3F)
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    /// The slow path for sentences with emoji: rebuilds the bytes with each
    /// emoji's description, remembering where every byte came from.
    private mutating func replaceEmoji(_ text: Substring, startingAt offset: Int) {
        bytes.removeAll(keepingCapacity: true)
        origins.removeAll(keepingCapacity: true)
        var previousSpace = true
        var source = Int32(offset)
        func append(_ scalar: Unicode.Scalar, from origin: Int32) {
            for byte in String(scalar).utf8 {
                bytes.append(byte)
                origins.append(origin)
            }
        }
        for scalar in text.unicodeScalars {
            if scalar.value >= 0x80, let description = lexicon.emoji[scalar.value] {
                if !previousSpace { append(" ", from: source) }
                for part in description { append(part, from: source) }
                previousSpace = false
            } else {
                append(scalar, from: source)
                previousSpace = scalar == " "
            }
            source += 1
        }
    }

    // MARK: Rules

    /// Scores one sentence of `document`.
    mutating func score(_ text: Substring, startingAt offset: Int, explain: Bool = true) -> VaderScore {
        load(text, startingAt: offset)
        let count = tokens.count
        // Zeros for every token at once; only lexicon words then write their valence.
        sentiments.removeAll(keepingCapacity: true)
        sentiments.append(contentsOf: repeatElement(0, count: count))
        applied.removeAll(keepingCapacity: true)
        if explain { applied.append(contentsOf: repeatElement([], count: count)) }
        let constants = lexicon.constants
        // The walk reads the tokens through a pointer and gets the tables as
        // locals: calling methods of `self` here would copy the whole scorer
        // for each call.
        let (but, walked) = tokens.withUnsafeBufferPointer { tokens in
            sentiments.withUnsafeMutableBufferPointer { sentiments in
                applied.withUnsafeMutableBufferPointer { applied in
                    RuleWalk(tokens: tokens, constants: constants, specialCases: lexicon.specialCases, phraseBoosters: lexicon.phraseBoosters)
                        .run(into: sentiments, applied: explain ? applied : nil)
                }
            }
        }
        var totals = walked
        if let but {
            ButShift.apply(to: &sentiments, but: but, before: constants.butBefore, after: constants.butAfter) { index, value, isBefore in
                if explain, value != 0 { applied[index].insert(isBefore ? .butBefore : .butAfter) }
            }
            // The shift changed values the walk had added up: add them again.
            totals = SentenceTotals()
            for value in sentiments { totals.add(value) }
        }
        let amplifier = Self.punctuationAmplifier(exclamations: exclamations, questions: questions, rules: constants)
        return Self.summarize(
            totals, sentiments: sentiments, tokens: tokens, applied: applied, amplifier: amplifier, alpha: constants.alpha,
            explain: explain)
    }

    /// The sums VADER makes of a sentence's valences, each added in the
    /// reference's order. Zeros add nothing to a sum (x + 0 is x, and a sum
    /// that starts at +0 never becomes -0), so only words with a valence are
    /// added, and the zeros are counted as the rest.
    struct SentenceTotals {
        var sum = 0.0
        var positive = 0.0
        var negative = 0.0
        var nonzero = 0

        @inline(__always)
        mutating func add(_ value: Double) {
            guard value != 0 else { return }
            sum += value
            nonzero += 1
            if value > 0 { positive += value + 1 } else { negative += value - 1 }
        }
    }

    /// The word-level rules over one sentence's tokens: lexicon valence,
    /// "no", negation, capitals, boosters and dampeners, "never so", idioms,
    /// "kind of" and "least", in the reference's order.
    private struct RuleWalk {
        let tokens: UnsafeBufferPointer<Token>
        let constants: VaderConstants
        let specialCases: [WordGram: Double]
        let phraseBoosters: [WordGram: Double]

        /// Writes each token's valence (and, when asked, the rules applied);
        /// returns the position of the first "but" and the sums of the valences.
        func run(
            into sentiments: UnsafeMutableBufferPointer<Double>, applied: UnsafeMutableBufferPointer<VaderRulesApplied>?
        ) -> (but: Int?, totals: SentenceTotals) {
            var totals = SentenceTotals()
            let count = tokens.count
            // One pass for the capitals and the first "but".
            var upperCount = 0
            var but: Int?
            for index in 0..<count {
                if tokens[index].isUpper { upperCount += 1 }
                if but == nil, tokens[index].word.id == RuleWord.but.rawValue { but = index }
            }
            let capsDiffer = count - upperCount > 0 && count - upperCount < count
            for i in 0..<count {
                let word = tokens[i].word
                guard word.inLexicon else { continue }
                if word.booster != 0 || (isWord(i, .kind) && i + 1 < count && isWord(i + 1, .of)) { continue }
                var changes: VaderRulesApplied = []
                var valence = word.valence
                if isWord(i, .no), i != count - 1, tokens[i + 1].word.inLexicon {
                    valence = 0
                }
                if (i > 0 && isWord(i - 1, .no)) || (i > 1 && isWord(i - 2, .no))
                    || (i > 2 && isWord(i - 3, .no) && (isWord(i - 1, .or) || isWord(i - 1, .nor)))
                {
                    valence = word.valence * constants.negationScalar
                    changes.insert(.noNegation)
                }
                if tokens[i].isUpper, capsDiffer {
                    valence += valence > 0 ? constants.capsIncrement : -constants.capsIncrement
                    changes.insert(.capitals)
                }
                for distance in 0..<3 where i > distance && !tokens[i - distance - 1].word.inLexicon {
                    let before = i - distance - 1
                    var scalar = boost(from: before, valence: valence, capsDiffer: capsDiffer)
                    if scalar != 0 {
                        scalar *= constants.damping(distance)
                        changes.insert(tokens[before].word.booster > 0 ? .booster : .dampener)
                    }
                    valence += scalar
                    valence = negationCheck(valence, distance: distance, at: i, changes: &changes)
                    if distance == 2 { valence = idiomCheck(valence, at: i, changes: &changes) }
                }
                valence = leastCheck(valence, at: i, changes: &changes)
                sentiments[i] = valence
                totals.add(valence)
                applied?[i] = changes
            }
            return (but, totals)
        }

        @inline(__always)
        private func id(_ index: Int) -> Int32 { tokens[index].word.id }

        @inline(__always)
        private func isWord(_ index: Int, _ word: RuleWord) -> Bool { tokens[index].word.id == word.rawValue }

        @inline(__always)
        private func isNegated(_ index: Int) -> Bool { tokens[index].word.isNegation || tokens[index].hasNT }

        /// The booster's effect on a valence, signed against it and stronger in capitals.
        private func boost(from index: Int, valence: Double, capsDiffer: Bool) -> Double {
            var scalar = tokens[index].word.booster
            guard scalar != 0 else { return 0 }
            if valence < 0 { scalar = -scalar }
            if tokens[index].isUpper, capsDiffer {
                scalar += valence > 0 ? constants.capsIncrement : -constants.capsIncrement
            }
            return scalar
        }

        private func negationCheck(_ valence: Double, distance: Int, at i: Int, changes: inout VaderRulesApplied) -> Double {
            let negation = constants.negationScalar
            let amplifier = constants.neverSoAmplifier
            func soOrThis(_ index: Int) -> Bool { isWord(index, .so) || isWord(index, .this) }
            switch distance {
            case 0:
                if isNegated(i - 1) {
                    changes.insert(.negation)
                    return valence * negation
                }
            case 1:
                if isWord(i - 2, .never), soOrThis(i - 1) {
                    changes.insert(.neverSo)
                    return valence * amplifier
                }
                if isWord(i - 2, .without), isWord(i - 1, .doubt) { return valence }
                if isNegated(i - 2) {
                    changes.insert(.negation)
                    return valence * negation
                }
            default:
                // As in the reference: "never so/this" two words back, or "so"/"this" just before.
                if (isWord(i - 3, .never) && soOrThis(i - 2)) || soOrThis(i - 1) {
                    changes.insert(.neverSo)
                    return valence * amplifier
                }
                if isWord(i - 3, .without), isWord(i - 2, .doubt) || isWord(i - 1, .doubt) { return valence }
                if isNegated(i - 3) {
                    changes.insert(.negation)
                    return valence * negation
                }
            }
            return valence
        }

        private func gram(_ a: Int, _ b: Int, _ c: Int? = nil) -> WordGram? {
            let first = id(a)
            let second = id(b)
            guard first >= 0, second >= 0 else { return nil }
            guard let c else { return WordGram(first: first, second: second) }
            let third = id(c)
            guard third >= 0 else { return nil }
            return WordGram(first: first, second: second, third: third)
        }

        /// Special-case phrases around the word, and "kind of"-style boosters before it (i ≥ 3).
        private func idiomCheck(_ valence: Double, at i: Int, changes: inout VaderRulesApplied) -> Double {
            var valence = valence
            let special = specialCases
            // The phrases ending at or just before the word, in the reference's order; the first found wins.
            if let value = phrase(special, i - 1, i) ?? phrase(special, i - 2, i - 1, i) ?? phrase(special, i - 2, i - 1)
                ?? phrase(special, i - 3, i - 2, i - 1) ?? phrase(special, i - 3, i - 2)
            {
                valence = value
                changes.insert(.idiom)
            }
            let count = tokens.count
            if count - 1 > i, let value = phrase(special, i, i + 1) {
                valence = value
                changes.insert(.idiom)
            }
            if count - 1 > i + 1, let value = phrase(special, i, i + 1, i + 2) {
                valence = value
                changes.insert(.idiom)
            }
            // Three lookups written out: an array literal here would allocate for every sentiment word.
            let boosters = phraseBoosters
            if let scalar = phrase(boosters, i - 3, i - 2, i - 1) {
                valence += scalar
                changes.insert(.phraseBooster)
            }
            if let scalar = phrase(boosters, i - 3, i - 2) {
                valence += scalar
                changes.insert(.phraseBooster)
            }
            if let scalar = phrase(boosters, i - 2, i - 1) {
                valence += scalar
                changes.insert(.phraseBooster)
            }
            return valence
        }

        /// The value a table gives the phrase of these tokens, if any (no table entry has a word without an id).
        @inline(__always)
        private func phrase(_ table: [WordGram: Double], _ a: Int, _ b: Int, _ c: Int? = nil) -> Double? {
            guard !table.isEmpty, let key = gram(a, b, c) else { return nil }
            return table[key]
        }

        private func leastCheck(_ valence: Double, at i: Int, changes: inout VaderRulesApplied) -> Double {
            guard i > 0, !tokens[i - 1].word.inLexicon, isWord(i - 1, .least) else { return valence }
            if i > 1, isWord(i - 2, .at) || isWord(i - 2, .very) { return valence }
            changes.insert(.least)
            return valence * constants.negationScalar
        }
    }

    // MARK: Scores

    /// The emphasis that '!' and '?' add to a sentence's sum.
    private static func punctuationAmplifier(exclamations: Int, questions: Int, rules: VaderConstants) -> Double {
        let exclamation = Double(min(exclamations, rules.exclamationMaximum)) * rules.exclamationPerMark
        var question = 0.0
        if questions >= rules.questionMinimum {
            question = questions <= rules.questionMaximum ? Double(questions) * rules.questionPerMark : rules.questionCapped
        }
        return exclamation + question
    }

    /// Static, with what it reads passed in: a method of `self` would be
    /// handed a copy of the whole scorer.
    private static func summarize(
        _ totals: SentenceTotals, sentiments: [Double], tokens: [Token], applied: [VaderRulesApplied], amplifier: Double,
        alpha: Double, explain: Bool
    ) -> VaderScore {
        guard !sentiments.isEmpty else { return VaderScore(compound: 0, positive: 0, neutral: 0, negative: 0, cues: []) }
        var sum = totals.sum
        var positive = totals.positive
        var negative = totals.negative
        let neutral = Double(sentiments.count - totals.nonzero)
        if sum > 0 { sum += amplifier } else if sum < 0 { sum -= amplifier }
        let compound = min(1, max(-1, sum / (sum * sum + alpha).squareRoot()))
        if positive > abs(negative) { positive += amplifier } else if positive < abs(negative) { negative -= amplifier }
        let total = positive + abs(negative) + neutral
        var cues: [VaderCue] = []
        for (index, value) in sentiments.enumerated() where explain && (value != 0 || tokens[index].word.inLexicon && !applied[index].isEmpty) {
            let token = tokens[index]
            cues.append(VaderCue(range: token.sourceStart..<token.sourceEnd, lexiconValence: token.word.inLexicon ? token.word.valence : 0, valence: value, rules: applied[index]))
        }
        var news: [VaderNewsWord] = []
        if explain {
            for token in tokens where !token.word.news.isNaN {
                news.append(VaderNewsWord(range: token.sourceStart..<token.sourceEnd, valence: token.word.news))
            }
        }
        return VaderScore(
            compound: Self.round(compound, places: 4), positive: Self.round(abs(positive / total), places: 3),
            neutral: Self.round(abs(neutral / total), places: 3), negative: Self.round(abs(negative / total), places: 3),
            cues: cues, news: news)
    }

    /// Rounds as Python's round(value, places) does: to the nearest multiple
    /// of 10^-places judged on the value's exact binary expansion, half to
    /// even only on an exact tie. The product `value * scale` is itself
    /// rounded, so when it lands exactly halfway the fused multiply-add
    /// (`value * scale - product`, rounded once) tells on which side the
    /// exact product lies: 0.1125 is a little above 0.1125 in binary, and
    /// Python rounds it to 0.113, not 0.112.
    static func round(_ value: Double, places: Int) -> Double {
        let scale = places == 4 ? 10_000.0 : 1_000.0
        let product = value * scale
        var rounded = product.rounded(.toNearestOrEven)
        if abs(product - rounded) == 0.5 {
            let residual = (-product).addingProduct(value, scale)
            if residual > 0 {
                rounded = product + 0.5
            } else if residual < 0 {
                rounded = product - 0.5
            }
        }
        return rounded / scale
    }
}
