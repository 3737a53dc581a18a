/// The Porter2 ("Snowball English") stemmer, so that "sanction", "sanctions"
/// and "sanctioned" match one cue.
///
/// It works in place on lower-case ASCII bytes, with no `String` per word;
/// words with other characters are left as they are. Written from the
/// published description of the algorithm (snowballstem.org).
///
/// - Complexity: O(n) in the word's length.
public enum EnglishStemmer {
    /// The stem of a lower-case word.
    public static func stem(_ word: String) -> String {
        var bytes = Array(word.utf8)
        stem(&bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Stems lower-case ASCII bytes in place (anything else is left alone).
    public static func stem(_ word: inout [UInt8]) {
        guard word.count > 2, word.allSatisfy({ $0 >= 0x27 && $0 < 0x80 }) else { return }
        var w = Word(word)
        w.run()
        word = w.bytes
    }
}

private let apostrophe = UInt8(ascii: "'")
private let letterY = UInt8(ascii: "y")
private let capitalY = UInt8(ascii: "Y")


/// The algorithm's suffix lists, built once.
private enum Suffixes {
    static let step0 = ["'s'", "'s", "'"].map { Array($0.utf8) }
    static let step1a = ["sses", "ied", "ies", "s", "us", "ss"].map { Array($0.utf8) }
    static let step1b = ["eed", "eedly", "ed", "edly", "ing", "ingly"].map { Array($0.utf8) }
    static let specialPrefixes = ["gener", "commun", "arsen"].map { Array($0.utf8) }
    static let addE = ["at", "bl", "iz"].map { Array($0.utf8) }
    static let doubles = Array("bdfgmnprt".utf8)
    static let liEndings = Array("cdeghkmnrt".utf8)
    static let sses = Array("sses".utf8), ss = Array("ss".utf8), ied = Array("ied".utf8), ies = Array("ies".utf8)
    static let s = Array("s".utf8), i = Array("i".utf8), ie = Array("ie".utf8), ee = Array("ee".utf8)
    static let eed = Array("eed".utf8), eedly = Array("eedly".utf8), ogi = Array("ogi".utf8), li = Array("li".utf8)
    static let ative = Array("ative".utf8), ion = Array("ion".utf8)
}

/// A word being stemmed, with its R1 and R2 regions.
private struct Word {
    var bytes: [UInt8]
    var r1 = 0
    var r2 = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    static func isVowel(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"), letterY: return true
        default: return false
        }
    }

    func vowel(_ index: Int) -> Bool { Self.isVowel(bytes[index]) }

    func ends(with suffix: [UInt8]) -> Bool {
        bytes.count >= suffix.count && bytes[(bytes.count - suffix.count)...].elementsEqual(suffix)
    }

    mutating func replaceSuffix(_ count: Int, with replacement: [UInt8]) {
        bytes.removeLast(count)
        bytes.append(contentsOf: replacement)
    }

    /// The longest of `suffixes` the word ends with.
    func longest(_ suffixes: [[UInt8]]) -> [UInt8]? {
        var best: [UInt8]?
        for suffix in suffixes where ends(with: suffix) && suffix.count > (best?.count ?? -1) { best = suffix }
        return best
    }

    func start(ofSuffix suffix: [UInt8]) -> Int { bytes.count - suffix.count }

    /// Whether a vowel occurs before `end` (none before a start at or below 0: step 0 can cut "'s's" to "s").
    func hasVowel(before end: Int) -> Bool {
        guard end > 0 else { return false }
        return (0..<end).contains { vowel($0) }
    }

    /// A short syllable ending at `end` (exclusive): non-vowel, vowel,
    /// non-vowel other than w, x or Y; or vowel, non-vowel at the word's start.
    func isShortSyllable(endingAt end: Int) -> Bool {
        if end == 2 { return vowel(0) && !vowel(1) }
        guard end >= 3 else { return false }
        let last = bytes[end - 1]
        return !vowel(end - 3) && vowel(end - 2) && !vowel(end - 1)
            && last != UInt8(ascii: "w") && last != UInt8(ascii: "x") && last != capitalY
    }

    var isShort: Bool { r1 >= bytes.count && isShortSyllable(endingAt: bytes.count) }

    mutating func run() {
        if let exception = Exceptions.first[bytes] {
            bytes = exception
            return
        }
        if bytes.first == apostrophe { bytes.removeFirst() }
        guard bytes.count > 2 else { return }
        markConsonantY()
        computeRegions()
        step0()
        step1a()
        if Exceptions.second.contains(bytes) {
            finish()
            return
        }
        step1b()
        step1c()
        step2()
        step3()
        step4()
        step5()
        finish()
    }

    mutating func markConsonantY() {
        if bytes[0] == letterY { bytes[0] = capitalY }
        for index in 1..<bytes.count where bytes[index] == letterY && vowel(index - 1) {
            bytes[index] = capitalY
        }
    }

    mutating func computeRegions() {
        r1 = bytes.count
        for prefix in Suffixes.specialPrefixes where bytes.starts(with: prefix) {
            r1 = prefix.count
        }
        if r1 == bytes.count {
            r1 = Self.regionStart(in: bytes, from: 0)
        }
        r2 = Self.regionStart(in: bytes, from: r1)
    }

    /// After the first non-vowel that follows a vowel, at or after `from`.
    static func regionStart(in bytes: [UInt8], from: Int) -> Int {
        var index = from + 1
        while index < bytes.count {
            if !isVowel(bytes[index]) && isVowel(bytes[index - 1]) { return index + 1 }
            index += 1
        }
        return bytes.count
    }

    mutating func step0() {
        if let suffix = longest(Suffixes.step0) { bytes.removeLast(suffix.count) }
    }

    mutating func step1a() {
        guard let suffix = longest(Suffixes.step1a) else { return }
        if suffix == Suffixes.sses {
            replaceSuffix(4, with: Suffixes.ss)
        } else if suffix == Suffixes.ied || suffix == Suffixes.ies {
            replaceSuffix(3, with: start(ofSuffix: suffix) > 1 ? Suffixes.i : Suffixes.ie)
        } else if suffix == Suffixes.s {
            // Delete if the part before the s (but not just before it) has a vowel.
            if hasVowel(before: bytes.count - 2) { bytes.removeLast() }
        }
        // "us" and "ss" stay.
    }

    mutating func step1b() {
        guard let suffix = longest(Suffixes.step1b) else { return }
        let stemEnd = start(ofSuffix: suffix)
        if suffix == Suffixes.eed || suffix == Suffixes.eedly {
            if stemEnd >= r1 { replaceSuffix(suffix.count, with: Suffixes.ee) }
            return
        }
        guard hasVowel(before: stemEnd) else { return }
        bytes.removeLast(suffix.count)
        if Suffixes.addE.contains(where: ends(with:)) {
            bytes.append(UInt8(ascii: "e"))
        } else if let last = bytes.last, bytes.count >= 2, bytes[bytes.count - 2] == last,
            Suffixes.doubles.contains(last)
        {
            bytes.removeLast()
        } else if isShort {
            bytes.append(UInt8(ascii: "e"))
        }
    }

    mutating func step1c() {
        guard let last = bytes.last, last == letterY || last == capitalY, bytes.count > 2, !vowel(bytes.count - 2) else { return }
        bytes[bytes.count - 1] = UInt8(ascii: "i")
    }

    static let step2Rules: [([UInt8], [UInt8])] = [
        ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("abli", "able"), ("entli", "ent"), ("izer", "ize"),
        ("ization", "ize"), ("ational", "ate"), ("ation", "ate"), ("ator", "ate"), ("alism", "al"), ("aliti", "al"),
        ("alli", "al"), ("fulness", "ful"), ("ousli", "ous"), ("ousness", "ous"), ("iveness", "ive"), ("iviti", "ive"),
        ("biliti", "ble"), ("bli", "ble"), ("ogi", "og"), ("fulli", "ful"), ("lessli", "less"), ("li", ""),
    ].map { (Array($0.0.utf8), Array($0.1.utf8)) }

    static let step2Suffixes = step2Rules.map(\.0)

    mutating func step2() {
        guard let suffix = longest(Self.step2Suffixes), start(ofSuffix: suffix) >= r1 else { return }
        let stemEnd = start(ofSuffix: suffix)
        if suffix == Suffixes.ogi {
            guard stemEnd > 0, bytes[stemEnd - 1] == UInt8(ascii: "l") else { return }
        }
        if suffix == Suffixes.li {
            guard stemEnd > 0, Suffixes.liEndings.contains(bytes[stemEnd - 1]) else { return }
        }
        let replacement = Self.step2Rules.first { $0.0 == suffix }?.1 ?? []
        replaceSuffix(suffix.count, with: replacement)
    }

    static let step3Rules: [([UInt8], [UInt8])] = [
        ("tional", "tion"), ("ational", "ate"), ("alize", "al"), ("icate", "ic"), ("iciti", "ic"), ("ical", "ic"),
        ("ful", ""), ("ness", ""), ("ative", ""),
    ].map { (Array($0.0.utf8), Array($0.1.utf8)) }

    static let step3Suffixes = step3Rules.map(\.0)

    mutating func step3() {
        guard let suffix = longest(Self.step3Suffixes), start(ofSuffix: suffix) >= r1 else { return }
        if suffix == Suffixes.ative, start(ofSuffix: suffix) < r2 { return }
        let replacement = Self.step3Rules.first { $0.0 == suffix }?.1 ?? []
        replaceSuffix(suffix.count, with: replacement)
    }

    static let step4Suffixes: [[UInt8]] = [
        "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate", "iti", "ous",
        "ive", "ize", "ion",
    ].map { Array($0.utf8) }

    mutating func step4() {
        guard let suffix = longest(Self.step4Suffixes), start(ofSuffix: suffix) >= r2 else { return }
        if suffix == Suffixes.ion {
            let stemEnd = start(ofSuffix: suffix)
            guard stemEnd > 0, bytes[stemEnd - 1] == UInt8(ascii: "s") || bytes[stemEnd - 1] == UInt8(ascii: "t") else { return }
        }
        bytes.removeLast(suffix.count)
    }

    mutating func step5() {
        guard let last = bytes.last else { return }
        let position = bytes.count - 1
        if last == UInt8(ascii: "e") {
            if position >= r2 || (position >= r1 && !isShortSyllable(endingAt: position)) { bytes.removeLast() }
        } else if last == UInt8(ascii: "l"), position >= r2, bytes.count >= 2, bytes[position - 1] == UInt8(ascii: "l") {
            bytes.removeLast()
        }
    }

    mutating func finish() {
        for index in bytes.indices where bytes[index] == capitalY { bytes[index] = letterY }
    }
}


/// Words the algorithm treats specially.
private enum Exceptions {
    static let first: [[UInt8]: [UInt8]] = Dictionary(uniqueKeysWithValues: [
        ("skis", "ski"), ("skies", "sky"), ("dying", "die"), ("lying", "lie"), ("tying", "tie"), ("idly", "idl"),
        ("gently", "gentl"), ("ugly", "ugli"), ("early", "earli"), ("only", "onli"), ("singly", "singl"), ("sky", "sky"),
        ("news", "news"), ("howe", "howe"), ("atlas", "atlas"), ("cosmos", "cosmos"), ("bias", "bias"), ("andes", "andes"),
    ].map { (Array($0.0.utf8), Array($0.1.utf8)) })
    static let second: Set<[UInt8]> = Set(
        ["inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed"].map { Array($0.utf8) })
}
