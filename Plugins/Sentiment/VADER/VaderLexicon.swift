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
        for (number, line) in try Self.lines(of: lexicon).enumerated() {
            let trimmed = Self.trimmed(line)
            if trimmed.isEmpty { continue }
            let fields = Self.fields(of: trimmed)
            guard fields.count >= 2, let valence = Double(fields[1]) else {
                throw .invalidData(path: lexicon.path, reason: "line \(number + 1): expected WORD<TAB>VALENCE")
            }
            Self.update(&table, String(fields[0])) { $0.valence = valence }
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
        for line in try Self.lines(of: emoji) {
            let fields = Self.fields(of: line)
            guard fields.count >= 2 else { continue }
            let key = Array(fields[0].unicodeScalars)
            // Only one-scalar keys can match: the reference compares one code point at a time.
            guard key.count == 1 else { continue }
            emojiTable[key[0].value] = Array(Self.trimmed(fields[1]).unicodeScalars)
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

    /// The file's lines, split at "\n" as the reference splits them (a "\r"
    /// before it is dropped too), found by bytes: these files are read at
    /// every start.
    private static func lines(of url: URL) throws(AnalyzerError) -> [Substring] {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw .invalidData(path: url.path, reason: "cannot be read")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw .invalidData(path: url.path, reason: "not UTF-8")
        }
        // Empty lines are kept, so numbers in errors are line numbers.
        return split(text[...], at: 0x0A).map { line in
            line.utf8.last == 0x0D ? line[line.startIndex..<line.utf8.index(before: line.endIndex)] : line
        }
    }

    /// The tab-separated fields of a line.
    static func fields(of line: Substring) -> [Substring] { split(line, at: 0x09) }

    /// `text` cut at every `separator` byte (ASCII), empty pieces kept: by
    /// bytes, because a Character-wise split costs more than the rest of loading.
    static func split(_ text: Substring, at separator: UInt8) -> [Substring] {
        var pieces: [Substring] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        var index = start
        while index < utf8.endIndex {
            if utf8[index] == separator {
                pieces.append(text[start..<index])
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        pieces.append(text[start..<utf8.endIndex])
        return pieces
    }

    /// `text` without white space at either end (the Unicode White_Space
    /// property: what Foundation's `.whitespacesAndNewlines` holds).
    static func trimmed(_ text: Substring) -> Substring {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return text[text.endIndex...] }
        return Substring(scalars[first...last])
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
