import Foundation
import LoupeCore

/// What Loupe knows about one lower-cased word for VADER: its lexicon
/// valence, booster scalar, negation flag and rule-word id.
struct VaderWord: Sendable {
    /// Lexicon valence; NaN when the word is not in the lexicon.
    var valence: Double = .nan
    /// Booster (positive) or dampener (negative) scalar; 0 when neither.
    var booster: Double = 0
    var isNegation = false
    /// Id of a word the rules refer to (see ``RuleWord``), or one of a
    /// special-case phrase; -1 otherwise.
    var id: Int32 = -1
    /// The word's valence toward a target it concerns, for the target
    /// scores only (`newsValences` of target-rules.json); NaN for most words.
    /// VADER's own rules never read it: an entry that has only this behaves
    /// exactly as a word missing from the table.
    var news: Double = .nan

    var inLexicon: Bool { !valence.isNaN }
}

/// Words the VADER rules test by name.
enum RuleWord: Int32, CaseIterable {
    case no, or, nor, never, so, this, without, doubt, least, at, very, kind, of, but

    var text: String { String(describing: self) }
}

/// Up to three rule-word ids, for phrase look-ups without strings.
struct WordGram: Hashable, Sendable {
    var first: Int32
    var second: Int32
    var third: Int32 = -1
}

/// The VADER lexicon, emoji descriptions and rules, loaded once into
/// immutable tables shared by every analysis.
struct VaderLexicon: Sendable {
    let words: ByteKeyTable<VaderWord>
    /// Single-scalar emoji → their description's scalars.
    let emoji: [UInt32: [Unicode.Scalar]]
    let rules: VaderRules
    /// The numeric constants, in a plain struct the hot loop can copy freely.
    let constants: VaderConstants
    let specialCases: [WordGram: Double]
    /// Multi-word boosters ("kind of", "sort of", "just enough").
    let phraseBoosters: [WordGram: Double]

    init(lexicon: URL, emoji: URL, rules: URL, news: [String: Double] = [:]) throws(AnalyzerError) {
        let rules = try VaderRules.load(from: rules)
        self.rules = rules
        constants = VaderConstants(rules)
        var table = ByteKeyTable<VaderWord>(capacity: 8_000)
        let lexiconFile = try DataFile(url: lexicon)
        var badLine: Int?
        lexiconFile.forEachLine { number, line in
            let trimmed = Self.trimmed(line)
            if trimmed.isEmpty { return true }
            // WORD<TAB>VALENCE[<TAB>…]: the word and the valence are the first two tab-separated fields.
            guard let tab = trimmed.firstIndex(of: 0x09) else {
                badLine = number
                return false
            }
            let word = UnsafeBufferPointer(rebasing: trimmed[..<tab])
            let rest = trimmed[(tab + 1)...]
            let valenceEnd = rest.firstIndex(of: 0x09) ?? rest.endIndex
            let valenceBytes = UnsafeBufferPointer(rebasing: rest[..<valenceEnd])
            guard let valence = Self.plainDecimal(valenceBytes) ?? Double(String(decoding: valenceBytes, as: UTF8.self)) else {
                badLine = number
                return false
            }
            // A word seen before (none is, in the shipped file) merges as the string path does.
            if table.index(of: word) < 0 {
                table.insert(bytes: word, VaderWord(valence: valence))
            } else {
                Self.update(&table, String(decoding: word, as: UTF8.self)) { $0.valence = valence }
            }
            return true
        }
        if let badLine {
            throw .invalidData(path: lexicon.path, reason: "line \(badLine + 1): expected WORD<TAB>VALENCE")
        }
        var nextID = Int32(RuleWord.allCases.count)
        var ids: [String: Int32] = [:]
        for word in RuleWord.allCases { ids[word.text] = word.rawValue }
        func id(of word: String) -> Int32 {
            if let known = ids[word] { return known }
            ids[word] = nextID
            nextID += 1
            return nextID - 1
        }
        func gram(_ phrase: String) -> WordGram? {
            let parts = phrase.split(separator: " ").map { id(of: String($0)) }
            switch parts.count {
            case 2: return WordGram(first: parts[0], second: parts[1])
            case 3: return WordGram(first: parts[0], second: parts[1], third: parts[2])
            default: return nil
            }
        }
        var special: [WordGram: Double] = [:]
        for (phrase, valence) in rules.specialCases {
            if let key = gram(phrase) { special[key] = valence }
        }
        var phrases: [WordGram: Double] = [:]
        for (word, direction) in rules.boosters {
            if word.contains(" ") {
                if let key = gram(word) { phrases[key] = rules.boosterScalar(direction) }
            } else {
                Self.update(&table, word) { $0.booster = rules.boosterScalar(direction) }
            }
        }
        for word in rules.negations { Self.update(&table, word) { $0.isNegation = true } }
        for (word, wordID) in ids { Self.update(&table, word) { $0.id = wordID } }
        for (word, valence) in news.sorted(by: { $0.key < $1.key }) { Self.update(&table, word.lowercased()) { $0.news = valence } }
        words = table
        specialCases = special
        phraseBoosters = phrases

        var emojiTable: [UInt32: [Unicode.Scalar]] = [:]
        try DataFile(url: emoji).forEachLine { _, line in
            // EMOJI<TAB>DESCRIPTION[<TAB>…], the line untrimmed.
            guard let tab = line.firstIndex(of: 0x09) else { return true }
            let key = String(decoding: UnsafeBufferPointer(rebasing: line[..<tab]), as: UTF8.self).unicodeScalars
            // Only one-scalar keys can match: the reference compares one code point at a time.
            guard let scalar = key.first, key.index(after: key.startIndex) == key.endIndex else { return true }
            let rest = line[(tab + 1)...]
            let descriptionEnd = rest.firstIndex(of: 0x09) ?? rest.endIndex
            emojiTable[scalar.value] = Array(
                String(decoding: Self.trimmed(UnsafeBufferPointer(rebasing: rest[..<descriptionEnd])), as: UTF8.self).unicodeScalars)
            return true
        }
        self.emoji = emojiTable
    }

    /// Adds what one source says about a word to its entry, creating it if needed.
    private static func update(_ table: inout ByteKeyTable<VaderWord>, _ word: String, _ change: (inout VaderWord) -> Void) {
        var fresh = VaderWord()
        change(&fresh)
        table.insert(word, fresh) { old, _ in
            var merged = old
            change(&merged)
            return merged
        }
    }

    /// The value of a plain decimal of at most 15 digits ("-1.5", "0.25"),
    /// exactly as `Double(_:)` reads it, or `nil` for anything else (which
    /// `Double(_:)` then reads). The digits without the point are a whole
    /// number below 2^53 and the divisor a power of ten up to 10^15, both
    /// exact doubles, so the one correctly rounded division gives the
    /// correctly rounded value of the decimal, as `strtod` does.
    static func plainDecimal(_ text: UnsafeBufferPointer<UInt8>) -> Double? {
        var index = 0
        var negative = false
        if index < text.count, text[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        var digits: UInt64 = 0
        var digitCount = 0
        var fractionDigits = 0
        var seenPoint = false
        while index < text.count {
            let byte = text[index]
            if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                guard digitCount < 15 else { return nil }
                digits = digits * 10 + UInt64(byte - UInt8(ascii: "0"))
                digitCount += 1
                if seenPoint { fractionDigits += 1 }
            } else if byte == UInt8(ascii: "."), !seenPoint {
                seenPoint = true
            } else {
                return nil
            }
            index += 1
        }
        guard digitCount > 0 else { return nil }
        let value = Double(digits) / Self.powersOfTen[fractionDigits]
        return negative ? -value : value
    }

    private static let powersOfTen: [Double] = [
        1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ]

    /// `text` without white space at either end (the Unicode White_Space
    /// property: what Foundation's `.whitespacesAndNewlines` holds). ASCII
    /// ends are trimmed by byte; a non-ASCII byte at an end is judged by its
    /// scalar (U+00A0, U+3000… are white space too).
    static func trimmed(_ text: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var first = 0
        var end = text.count
        while first < end {
            let byte = text[first]
            if byte == 0x20 || (0x09...0x0D).contains(byte) {
                first += 1
            } else if byte >= 0x80, let decoded = decodeScalar(in: text, at: first, end: end), decoded.scalar.properties.isWhitespace {
                first += decoded.length
            } else {
                break
            }
        }
        while end > first {
            let byte = text[end - 1]
            if byte == 0x20 || (0x09...0x0D).contains(byte) {
                end -= 1
                continue
            }
            guard byte >= 0x80 else { break }
            // The last scalar starts at the last byte that is not a continuation byte.
            var start = end - 1
            while start > first, text[start] & 0xC0 == 0x80 { start -= 1 }
            guard let decoded = decodeScalar(in: text, at: start, end: end), start + decoded.length == end,
                decoded.scalar.properties.isWhitespace
            else { break }
            end = start
        }
        return UnsafeBufferPointer(rebasing: text[first..<end])
    }

    /// The scalar whose UTF-8 starts at `index` (before `end`), with its length in bytes.
    private static func decodeScalar(in text: UnsafeBufferPointer<UInt8>, at index: Int, end: Int) -> (scalar: Unicode.Scalar, length: Int)? {
        var iterator = UnsafeBufferPointer(rebasing: text[index..<end]).makeIterator()
        var decoder = UTF8()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { return nil }
        return (scalar, UTF8.width(scalar))
    }
}

/// VADER's numbers without the word lists, for the scoring loop.
struct VaderConstants: Sendable {
    var capsIncrement: Double
    var negationScalar: Double
    var neverSoAmplifier: Double
    var alpha: Double
    var damping: (Double, Double, Double)
    var butBefore: Double
    var butAfter: Double
    var exclamationPerMark: Double
    var exclamationMaximum: Int
    var questionPerMark: Double
    var questionMinimum: Int
    var questionMaximum: Int
    var questionCapped: Double

    init(_ rules: VaderRules) {
        capsIncrement = rules.capsIncrement
        negationScalar = rules.negationScalar
        neverSoAmplifier = rules.neverSoAmplifier
        alpha = rules.normalizationAlpha
        damping = (rules.distanceDamping[0], rules.distanceDamping[1], rules.distanceDamping[2])
        butBefore = rules.butWeights.before
        butAfter = rules.butWeights.after
        exclamationPerMark = rules.exclamation.perMark
        exclamationMaximum = rules.exclamation.maximumMarks
        questionPerMark = rules.question.perMark
        questionMinimum = rules.question.minimumMarks
        questionMaximum = rules.question.maximumMarks
        questionCapped = rules.question.cappedAmplifier
    }

    func damping(_ distance: Int) -> Double { distance == 0 ? damping.0 : distance == 1 ? damping.1 : damping.2 }
}
