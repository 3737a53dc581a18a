import LoupeCore

/// The scores VADER gives one sentence, with the words that made them.
struct VaderScore: Sendable {
    /// Normalised sum of valences, −1…1, rounded to 4 decimals like the reference.
    var compound: Double
    var positive: Double
    var neutral: Double
    var negative: Double
    var cues: [VaderCue]
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
}

/// Scores sentences by the VADER method, reusing its buffers between
/// sentences so that analysing a document makes no string per token.
///
/// Not thread-safe: make one per document (or per thread).
struct VaderScorer {
    let lexicon: VaderLexicon

    /// The sentence after emoji were replaced by their descriptions.
    private var scalars: [Unicode.Scalar] = []
    /// For each scalar above, the document scalar offset it came from.
    private var origins: [Int32] = []
    private var tokens: [Token] = []
    private var sentiments: [Double] = []
    private var applied: [VaderRulesApplied] = []
    private var lowered: [UInt8] = []

    private struct Token {
        var start: Int
        var end: Int
        var word: VaderWord
        var isUpper: Bool
        var hasNT: Bool
    }

    init(lexicon: VaderLexicon) {
        self.lexicon = lexicon
    }

    // MARK: Text → tokens

    /// Python's `str.isspace()`: Unicode White_Space plus the information separators.
    @inline(__always)
    static func isPythonSpace(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return value == 0x20 || (0x09...0x0D).contains(value) || (0x1C...0x1F).contains(value) }
        return scalar.properties.isWhitespace
    }

    @inline(__always)
    static func isASCIIPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E: return true
        default: return false
        }
    }

    /// Python's `str.isupper()`: some cased character, and no lower- or title-case one.
    private func isUpper(_ range: Range<Int>) -> Bool {
        var cased = false
        for index in range {
            let scalar = scalars[index]
            let value = scalar.value
            if value < 0x80 {
                if value >= 0x61 && value <= 0x7A { return false }
                if value >= 0x41 && value <= 0x5A { cased = true }
                continue
            }
            let properties = scalar.properties
            if properties.isLowercase || properties.generalCategory == .titlecaseLetter { return false }
            if properties.isUppercase { cased = true }
        }
        return cased
    }

    /// Loads a sentence: replaces emoji by their descriptions as the reference
    /// does (a space before a description unless one precedes it), strips the
    /// ends, splits at white space and strips ASCII punctuation from words
    /// longer than two characters once stripped.
    private mutating func load(_ text: Substring, startingAt offset: Int) {
        scalars.removeAll(keepingCapacity: true)
        origins.removeAll(keepingCapacity: true)
        tokens.removeAll(keepingCapacity: true)
        var previousSpace = true
        var source = Int32(offset)
        for scalar in text.unicodeScalars {
            if scalar.value >= 0x80, let description = lexicon.emoji[scalar.value] {
                if !previousSpace {
                    scalars.append(" ")
                    origins.append(source)
                }
                for part in description {
                    scalars.append(part)
                    origins.append(source)
                }
                previousSpace = false
            } else {
                scalars.append(scalar)
                origins.append(source)
                previousSpace = scalar == " "
            }
            source += 1
        }
        var index = 0
        let count = scalars.count
        while index < count {
            while index < count, Self.isPythonSpace(scalars[index]) { index += 1 }
            guard index < count else { break }
            let start = index
            while index < count, !Self.isPythonSpace(scalars[index]) { index += 1 }
            var first = start
            var last = index
            while first < last, Self.isASCIIPunctuation(scalars[first]) { first += 1 }
            while last > first, Self.isASCIIPunctuation(scalars[last - 1]) { last -= 1 }
            if last - first <= 2 {
                first = start
                last = index
            }
            tokens.append(Token(start: first, end: last, word: VaderWord(), isUpper: false, hasNT: false))
        }
        for position in tokens.indices {
            let range = tokens[position].start..<tokens[position].end
            tokens[position].isUpper = isUpper(range)
            lookUp(position)
        }
    }

    /// Lower-cases a token into the reusable buffer and finds it in the tables.
    private mutating func lookUp(_ position: Int) {
        let range = tokens[position].start..<tokens[position].end
        lowered.removeAll(keepingCapacity: true)
        var ascii = true
        for index in range {
            let value = scalars[index].value
            if value >= 0x80 {
                ascii = false
                break
            }
            lowered.append(UInt8(value >= 0x41 && value <= 0x5A ? value + 0x20 : value))
        }
        if !ascii {
            // Rare: full Unicode lower-casing, as Python's str.lower().
            lowered.removeAll(keepingCapacity: true)
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[range])
            lowered.append(contentsOf: String(view).lowercased().utf8)
        }
        var hasNT = false
        if lowered.count >= 3 {
            for index in 0...(lowered.count - 3)
            where lowered[index] == UInt8(ascii: "n") && lowered[index + 1] == UInt8(ascii: "'") && lowered[index + 2] == UInt8(ascii: "t") {
                hasNT = true
                break
            }
        }
        tokens[position].hasNT = hasNT
        tokens[position].word = lowered.withUnsafeBufferPointer { lexicon.words.value(for: $0) } ?? VaderWord()
    }

    // MARK: Rules

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
            scalar += valence > 0 ? lexicon.rules.capsIncrement : -lexicon.rules.capsIncrement
        }
        return scalar
    }

    /// Scores one sentence of `document`.
    mutating func score(_ text: Substring, startingAt offset: Int) -> VaderScore {
        load(text, startingAt: offset)
        let rules = lexicon.rules
        let count = tokens.count
        sentiments.removeAll(keepingCapacity: true)
        applied.removeAll(keepingCapacity: true)
        var upperCount = 0
        for token in tokens where token.isUpper { upperCount += 1 }
        let capsDiffer = count - upperCount > 0 && count - upperCount < count

        for i in 0..<count {
            var changes: VaderRulesApplied = []
            defer { applied.append(changes) }
            let word = tokens[i].word
            if word.booster != 0 || (isWord(i, .kind) && i + 1 < count && isWord(i + 1, .of)) {
                sentiments.append(0)
                continue
            }
            guard word.inLexicon else {
                sentiments.append(0)
                continue
            }
            var valence = word.valence
            if isWord(i, .no), i != count - 1, tokens[i + 1].word.inLexicon {
                valence = 0
            }
            if (i > 0 && isWord(i - 1, .no)) || (i > 1 && isWord(i - 2, .no))
                || (i > 2 && isWord(i - 3, .no) && (isWord(i - 1, .or) || isWord(i - 1, .nor)))
            {
                valence = word.valence * rules.negationScalar
                changes.insert(.noNegation)
            }
            if tokens[i].isUpper, capsDiffer {
                valence += valence > 0 ? rules.capsIncrement : -rules.capsIncrement
                changes.insert(.capitals)
            }
            for distance in 0..<3 where i > distance && !tokens[i - distance - 1].word.inLexicon {
                let before = i - distance - 1
                var scalar = boost(from: before, valence: valence, capsDiffer: capsDiffer)
                if scalar != 0 {
                    scalar *= rules.distanceDamping[distance]
                    changes.insert(tokens[before].word.booster > 0 ? .booster : .dampener)
                }
                valence += scalar
                valence = negationCheck(valence, distance: distance, at: i, changes: &changes)
                if distance == 2 { valence = idiomCheck(valence, at: i, changes: &changes) }
            }
            valence = leastCheck(valence, at: i, changes: &changes)
            sentiments.append(valence)
        }
        butCheck()
        return summarize()
    }

    private func negationCheck(_ valence: Double, distance: Int, at i: Int, changes: inout VaderRulesApplied) -> Double {
        let negation = lexicon.rules.negationScalar
        let amplifier = lexicon.rules.neverSoAmplifier
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
        let special = lexicon.specialCases
        let around: [WordGram?] = [gram(i - 1, i), gram(i - 2, i - 1, i), gram(i - 2, i - 1), gram(i - 3, i - 2, i - 1), gram(i - 3, i - 2)]
        for case let key? in around {
            if let value = special[key] {
                valence = value
                changes.insert(.idiom)
                break
            }
        }
        let count = tokens.count
        if count - 1 > i, let key = gram(i, i + 1), let value = special[key] {
            valence = value
            changes.insert(.idiom)
        }
        if count - 1 > i + 1, let key = gram(i, i + 1, i + 2), let value = special[key] {
            valence = value
            changes.insert(.idiom)
        }
        for case let key? in [gram(i - 3, i - 2, i - 1), gram(i - 3, i - 2), gram(i - 2, i - 1)] {
            if let scalar = lexicon.phraseBoosters[key] {
                valence += scalar
                changes.insert(.phraseBooster)
            }
        }
        return valence
    }

    private func leastCheck(_ valence: Double, at i: Int, changes: inout VaderRulesApplied) -> Double {
        guard i > 0, !tokens[i - 1].word.inLexicon, isWord(i - 1, .least) else { return valence }
        if i > 1, isWord(i - 2, .at) || isWord(i - 2, .very) { return valence }
        changes.insert(.least)
        return valence * lexicon.rules.negationScalar
    }

    /// The contrastive "but": halves what comes before it and raises what
    /// follows by half, replicating the reference's list walk (which finds
    /// each value by equality, so repeated values are treated as it treats them).
    private mutating func butCheck() {
        guard let but = tokens.firstIndex(where: { $0.word.id == RuleWord.but.rawValue }) else { return }
        let weights = lexicon.rules.butWeights
        ButShift.apply(to: &sentiments, but: but, before: weights.before, after: weights.after) { index, value, isBefore in
            if value != 0 { applied[index].insert(isBefore ? .butBefore : .butAfter) }
        }
    }

    // MARK: Scores

    private func punctuationAmplifier() -> Double {
        var exclamations = 0
        var questions = 0
        var first = 0
        var last = scalars.count
        while first < last, Self.isPythonSpace(scalars[first]) { first += 1 }
        while last > first, Self.isPythonSpace(scalars[last - 1]) { last -= 1 }
        for index in first..<last {
            if scalars[index] == "!" { exclamations += 1 } else if scalars[index] == "?" { questions += 1 }
        }
        let rules = lexicon.rules
        let exclamation = Double(min(exclamations, rules.exclamation.maximumMarks)) * rules.exclamation.perMark
        var question = 0.0
        if questions >= rules.question.minimumMarks {
            question = questions <= rules.question.maximumMarks ? Double(questions) * rules.question.perMark : rules.question.cappedAmplifier
        }
        return exclamation + question
    }

    private func summarize() -> VaderScore {
        guard !sentiments.isEmpty else { return VaderScore(compound: 0, positive: 0, neutral: 0, negative: 0, cues: []) }
        var sum = 0.0
        for value in sentiments { sum += value }
        let amplifier = punctuationAmplifier()
        if sum > 0 { sum += amplifier } else if sum < 0 { sum -= amplifier }
        let alpha = lexicon.rules.normalizationAlpha
        let compound = min(1, max(-1, sum / (sum * sum + alpha).squareRoot()))
        var positive = 0.0
        var negative = 0.0
        var neutral = 0.0
        for value in sentiments {
            if value > 0 { positive += value + 1 }
            if value < 0 { negative += value - 1 }
            if value == 0 { neutral += 1 }
        }
        if positive > abs(negative) { positive += amplifier } else if positive < abs(negative) { negative -= amplifier }
        let total = positive + abs(negative) + neutral
        var cues: [VaderCue] = []
        for (index, value) in sentiments.enumerated() where value != 0 || tokens[index].word.inLexicon && !applied[index].isEmpty {
            let token = tokens[index]
            let start = Int(origins[token.start])
            let end = Int(origins[token.end - 1]) + 1
            cues.append(VaderCue(range: start..<end, lexiconValence: token.word.inLexicon ? token.word.valence : 0, valence: value, rules: applied[index]))
        }
        return VaderScore(
            compound: Self.round(compound, places: 4), positive: Self.round(abs(positive / total), places: 3),
            neutral: Self.round(abs(neutral / total), places: 3), negative: Self.round(abs(negative / total), places: 3),
            cues: cues)
    }

    /// Rounds half to even, as Python's round() does for most values.
    static func round(_ value: Double, places: Int) -> Double {
        let scale = places == 4 ? 10_000.0 : 1_000.0
        return (value * scale).rounded(.toNearestOrEven) / scale
    }
}
