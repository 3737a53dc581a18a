import LoupeCore

/// A mention of a target in a document.
struct TargetMention: Sendable {
    var name: String
    var kind: String
    var sentence: Int
    /// Scalar range of the mention.
    var range: Range<Int>
}

/// Finds target mentions: aliases from the target lexicon, then runs of
/// capitalised words that are not in it ("Kirill Dmitriev", "USGS"), a lone
/// surname joining the full name it ends when the document has one.
struct TargetFinder {
    let lexicon: TargetLexicon
    let detectNames: Bool

    func mentions(in document: Document) -> [TargetMention] {
        let segmentation = document.segmentation
        let tokens = segmentation.tokens
        let text = document.text
        var found: [TargetMention] = []
        var names: [TargetMention] = []
        func word(_ index: Int) -> Substring { text.slice(utf8: tokens[index].span.utf8) }
        func bare(_ word: Substring) -> Substring { Self.bare(word) }
        func span(_ first: Int, _ last: Int) -> Range<Int> {
            tokens[first].span.scalars.lowerBound..<tokens[last].span.scalars.upperBound
        }
        /// Whether the token at `index` starts with a capital letter, read from the text's bytes.
        func startsWithCapital(_ index: Int) -> Bool {
            let utf8 = text.utf8
            let position = utf8.index(utf8.startIndex, offsetBy: tokens[index].span.utf8.lowerBound)
            let byte = utf8[position]
            if byte < 0x80 { return byte >= 0x41 && byte <= 0x5A }
            return text.unicodeScalars[position].properties.isUppercase
        }
        for (sentenceIndex, sentence) in segmentation.sentences.enumerated() {
            // Entries of a reference list name sources, not what the article is about.
            if segmentation.isReferenceEntry(sentence.paragraph, in: text) { continue }
            let range = sentence.tokens
            var claimed = [Bool](repeating: false, count: range.count)
            var position = range.lowerBound
            while position < range.upperBound {
                defer { position += 1 }
                guard tokens[position].kind == .word, lexicon.isAliasStart(text.utf8, at: tokens[position].span.utf8.lowerBound) else {
                    continue
                }
                let written = word(position)
                let stem = bare(written)
                let isPossessive = stem != written
                guard let candidates = lexicon.aliases[stem] else { continue }
                for alias in candidates where position + alias.rest.count < range.upperBound {
                    // A possessive ends a name: "Russia’s" can only be a whole alias.
                    if isPossessive, !alias.rest.isEmpty { continue }
                    var matches = true
                    for (offset, expected) in alias.rest.enumerated() {
                        let actual = word(position + 1 + offset)
                        let isLast = offset == alias.rest.count - 1
                        if actual != expected && !(isLast && bare(actual) == expected) {
                            matches = false
                            break
                        }
                    }
                    guard matches else { continue }
                    let last = position + alias.rest.count
                    let target = lexicon.targets[alias.target]
                    found.append(TargetMention(name: target.name, kind: target.kind, sentence: sentenceIndex, range: span(position, last)))
                    for index in position...last { claimed[index - range.lowerBound] = true }
                    position = last
                    break
                }
            }
            if detectNames {
                names += nameRuns(
                    in: sentenceIndex, range: range, claimed: claimed, word: word, bare: bare, span: span, startsWithCapital: startsWithCapital)
            }
        }
        return found + mergeSurnames(names)
    }

    /// Lower-case words that join the parts of a name ("Bank of England", "Ursula von der Leyen").
    private static let connectors: Set<Substring> = ["of", "de", "von", "van", "der", "al", "bin", "la", "du"]

    private func isCapitalised(_ word: Substring) -> Bool {
        guard let byte = word.utf8.first else { return false }
        if byte < 0x80 { return byte >= 0x41 && byte <= 0x5A }
        return word.unicodeScalars.first?.properties.isUppercase ?? false
    }

    private func startsWithLetter(_ word: Substring) -> Bool {
        guard let byte = word.utf8.first else { return false }
        if byte < 0x80 { return (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
        return word.unicodeScalars.first?.properties.isAlphabetic ?? false
    }

    /// The word without a possessive ending (’s, 's, or s’ / s'), compared as bytes.
    static func bare(_ word: Substring) -> Substring {
        let bytes = word.utf8
        let count = bytes.count
        guard count >= 2 else { return word }
        let end = bytes.endIndex
        let last = bytes[bytes.index(before: end)]
        if last == UInt8(ascii: "s") {
            let before = bytes[bytes.index(end, offsetBy: -2)]
            if before == UInt8(ascii: "'") { return Substring(bytes[bytes.startIndex..<bytes.index(end, offsetBy: -2)]) }
            if before == 0x99, count >= 4, bytes[bytes.index(end, offsetBy: -3)] == 0x80, bytes[bytes.index(end, offsetBy: -4)] == 0xE2 {
                return Substring(bytes[bytes.startIndex..<bytes.index(end, offsetBy: -4)])
            }
            return word
        }
        if last == UInt8(ascii: "'"), bytes[bytes.index(end, offsetBy: -2)] == UInt8(ascii: "s") {
            return Substring(bytes[bytes.startIndex..<bytes.index(before: end)])
        }
        if last == 0x99, count >= 4, bytes[bytes.index(end, offsetBy: -2)] == 0x80, bytes[bytes.index(end, offsetBy: -3)] == 0xE2,
            bytes[bytes.index(end, offsetBy: -4)] == UInt8(ascii: "s")
        {
            return Substring(bytes[bytes.startIndex..<bytes.index(end, offsetBy: -3)])
        }
        return word
    }

    private func nameRuns(
        in sentence: Int, range: Range<Int>, claimed: [Bool], word fetch: (Int) -> Substring, bare: (Substring) -> Substring,
        span: (Int, Int) -> Range<Int>, startsWithCapital: (Int) -> Bool
    ) -> [TargetMention] {
        let tokens = range
        // Most sentences have no capitalised word: nothing to do, and no word made.
        guard range.contains(where: startsWithCapital) else { return [] }
        let words = range.map(fetch)
        func word(_ index: Int) -> Substring { words[index - range.lowerBound] }
        var wordCount = 0
        var capitalised = 0
        for index in tokens where startsWithLetter(word(index)) {
            wordCount += 1
            if isCapitalised(word(index)) { capitalised += 1 }
        }
        // Headings in title case ("Smoke and Mirrors?") would make every word a
        // name; a sentence that ends with a full stop is never one.
        let last = word(tokens.upperBound - 1)
        let endsLikeProse = last == "." || last == "!" || last == "”" || last == "\"" || last == "…"
        if !endsLikeProse, wordCount >= 2, capitalised * 10 >= wordCount * 6 { return [] }
        var runs: [TargetMention] = []
        var index = tokens.lowerBound
        let connectors = Self.connectors
        func nameWord(_ position: Int) -> Bool {
            guard !claimed[position - tokens.lowerBound] else { return false }
            let text = bare(word(position))
            return isCapitalised(text) && !lexicon.notNames.contains(text) && !lexicon.titles.contains(text)
                && !lexicon.titles.contains(word(position)) && text.unicodeScalars.count > 1
        }
        while index < tokens.upperBound {
            guard nameWord(index) else {
                index += 1
                continue
            }
            var last = index
            while last + 1 < tokens.upperBound, bare(word(last)) == word(last) {
                if last + 1 < tokens.upperBound, lexicon.titles.contains(word(last + 1)) { break }
                if nameWord(last + 1) {
                    last += 1
                } else if last + 2 < tokens.upperBound, connectors.contains(word(last + 1)), nameWord(last + 2) {
                    last += 2
                } else {
                    break
                }
            }
            // "Foreign" in "Foreign Minister Sergei Lavrov" belongs to the title.
            let followedByTitle = last + 1 < tokens.upperBound && lexicon.titles.contains(word(last + 1))
            if followedByTitle, (index...last).allSatisfy({ lexicon.titleModifiers.contains(word($0)) }) {
                index = last + 1
                continue
            }
            let single = last == index
            let isAcronym = word(index).unicodeScalars.allSatisfy { $0.properties.isUppercase || $0 == "." }
            // A lone capitalised word opening a sentence may be an ordinary word;
            // it counts only if the document uses it as a name elsewhere.
            let tentative = single && index == tokens.lowerBound && !isAcronym
            do {
                let name: String
                if single {
                    name = String(bare(word(index)))
                } else {
                    var parts: [Substring] = []
                    for position in index...last { parts.append(position == last ? bare(word(position)) : word(position)) }
                    name = parts.joined(separator: " ")
                }
                runs.append(TargetMention(name: name, kind: tentative ? "tentative" : "name", sentence: sentence, range: span(index, last)))
            }
            index = last + 1
        }
        return runs
    }

    /// "Dmitriev" joins "Kirill Dmitriev" when exactly one longer name ends
    /// with it; sentence-opening words stay only if they join a name or are
    /// used as a name elsewhere.
    private func mergeSurnames(_ names: [TargetMention]) -> [TargetMention] {
        let confirmed = names.filter { $0.kind == "name" }
        var fullNamesByLastWord: [Substring: Set<String>] = [:]
        for name in confirmed.map(\.name) where name.utf8.contains(0x20) {
            if let last = name.split(separator: " ").last { fullNamesByLastWord[last, default: []].insert(name) }
        }
        let known = Set(confirmed.map(\.name))
        return names.compactMap { mention in
            var merged = mention
            merged.kind = "name"
            if !mention.name.utf8.contains(0x20), let matches = fullNamesByLastWord[Substring(mention.name)], matches.count == 1,
                let name = matches.first
            {
                merged.name = name
                return merged
            }
            if mention.kind == "tentative", !known.contains(mention.name) { return nil }
            return merged
        }
    }
}
