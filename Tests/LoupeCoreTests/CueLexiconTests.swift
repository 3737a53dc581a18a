import Testing
@testable import LoupeCore

@Suite struct CueLexiconTests {
    func matches(_ cues: [String], in text: String) throws -> [(String, [String])] {
        var lexicon = CueLexicon<String>()
        for cue in cues { try lexicon.add(cue, payload: cue) }
        let doc = document(text)
        return lexicon.matches(in: doc).map { (String(doc.text(scalars: $0.range)), $0.payloads) }
    }

    @Test func matchesInflectionsCaseAndCurlyApostrophes() throws {
        let found = try matches(["sanction", "it's just a business"], in: "New SANCTIONS were sanctioned. “It’s just a business,” he said.")
        #expect(found.map(\.0) == ["SANCTIONS", "sanctioned", "It’s just a business"])
        #expect(found[2].1 == ["it's just a business"])
    }

    @Test func prefersTheLongestCueAndDoesNotOverlap() throws {
        let found = try matches(["security", "national security", "national"], in: "A national security threat; national pride; security.")
        #expect(found.map(\.0) == ["national security", "national", "security"])
    }

    @Test func multiWordCuesNeedAdjacentTokens() throws {
        let found = try matches(["supply chain", "rare earth"], in: "The supply, chain and rare-earth supply chains; rare earths.")
        #expect(found.map(\.0) == ["supply chains", "rare earths"])
    }

    @Test func cuesSharingWordsKeepAllPayloads() throws {
        var lexicon = CueLexicon<Int>()
        try lexicon.add("threat", payload: 1)
        try lexicon.add("Threats", payload: 2)
        let doc = document("The threat deepened.")
        #expect(lexicon.matches(in: doc).first?.payloads == [1, 2])
        #expect(lexicon.count == 1)
    }

    @Test func offsetsAreScalarOffsets() throws {
        let text = "😀 Émigrés fear sanctions."
        let found = try matches(["sanction"], in: text)
        let range = try #require(try {
            var lexicon = CueLexicon<String>()
            try lexicon.add("sanction", payload: "")
            return lexicon.matches(in: document(text)).first?.range
        }())
        #expect(pythonSlice(text, range) == "sanctions")
        #expect(found.map(\.0) == ["sanctions"])
    }

    @Test(arguments: [
        ("", CueLexiconError.empty("")),
        ("  ", CueLexiconError.empty("  ")),
        ("?!", CueLexiconError.onlyPunctuation("?!")),
    ])
    func rejectsEmptyAndPunctuationCues(cue: String, error: CueLexiconError) {
        var lexicon = CueLexicon<Int>()
        #expect(throws: error) { try lexicon.add(cue, payload: 0) }
    }

    @Test func rejectsStopWordOnlyCuesWhenAsked() throws {
        var lexicon = CueLexicon<Int>()
        #expect(throws: CueLexiconError.onlyStopWords("of the")) { try lexicon.add("of the", payload: 0, rejectStopWordsOnly: true) }
        try lexicon.add("of the people", payload: 0, rejectStopWordsOnly: true)
        try lexicon.add("of the", payload: 0)
        #expect(StopWords.contains("The"))
        #expect(!StopWords.contains("sanctions"))
    }

    @Test func aLexiconMadeAfterADocumentWasReadStillMatchesIt() throws {
        let doc = document("Zyxwvut quarrels over qwertyuiop, and exactly Zyxwvuts.")
        var first = CueLexicon<Int>()
        try first.add("quarrel", payload: 1)
        #expect(first.matches(in: doc).count == 1)  // the document's words are numbered now
        // Words no lexicon had when the document was read, stemmed and exact.
        var later = CueLexicon<Int>()
        try later.add("zyxwvut", payload: 2)
        try later.add("qwertyuiop", payload: 3, exact: true)
        #expect(later.matches(in: doc).map { String(doc.text(scalars: $0.range)) } == ["Zyxwvut", "qwertyuiop", "Zyxwvuts"])
        // And a document read after both matches both.
        let fresh = document("Zyxwvut and qwertyuiop quarrel.")
        #expect(later.matches(in: fresh).count == 2 && first.matches(in: fresh).count == 1)
    }

    @Test func spellingsSeenBeforeAndLongOnesMatchAlike() throws {
        // The second document's spellings are remembered from the first; "Counterintelligenceoperations"
        // is longer than the short-key table holds.
        let text = "Counterintelligenceoperations and sanctions; COUNTERINTELLIGENCEOPERATIONS sanctioned."
        let cues = ["counterintelligenceoperation", "sanction"]
        let first = try matches(cues, in: text)
        let again = try matches(cues, in: text)
        #expect(first.map(\.0) == ["Counterintelligenceoperations", "sanctions", "COUNTERINTELLIGENCEOPERATIONS", "sanctioned"])
        #expect(again.map(\.0) == first.map(\.0))
    }

    @Test func manyQuotationMarksStayLinear() {
        var lexicon = CueLexicon<Int>()
        try? lexicon.add("\" so-called", payload: 0)
        let doc = document(String(repeating: "\"", count: 100_000))
        #expect(lexicon.matches(in: doc).isEmpty)
    }
}

@Suite struct ExactCueTests {
    @Test func exactCuesMatchTheFormAsWrittenOnly() throws {
        var lexicon = CueLexicon<String>()
        try lexicon.add("profiteers", payload: "exact", exact: true)
        try lexicon.add("sanction", payload: "stem")
        let doc = document("Profiteers made a profit; the profiteer was sanctioned.")
        let found = lexicon.matches(in: doc).map { (String(doc.text(scalars: $0.range)), $0.payloads) }
        #expect(found.map(\.0) == ["Profiteers", "sanctioned"])
    }

    @Test func exactAndStemmedCuesCanShareAPhrase() throws {
        var lexicon = CueLexicon<Int>()
        try lexicon.add("greedy capitalists", payload: 1, exact: true)
        try lexicon.add("greedy", payload: 2)
        let doc = document("Greedy capitalists and greedy capital.")
        let found = lexicon.matches(in: doc).map { String(doc.text(scalars: $0.range)) }
        #expect(found == ["Greedy capitalists", "greedy"])
    }
}

@Suite struct ShortKeyTableTests {
    @Test func holdsEveryKeyThroughGrowthAndTellsApartKeysThatDifferOnlyInLength() {
        var table = ShortKeyTable(capacity: 4)
        let keys = (0..<5_000).map { Array("w\($0)".utf8) } + [Array("ab".utf8), Array("ab\u{0}".utf8), Array(repeating: 0x7A, count: 23)]
        for (index, key) in keys.enumerated() {
            key.withUnsafeBufferPointer { table.set($0, UInt64(index)) }
        }
        #expect(table.count == keys.count)
        for (index, key) in keys.enumerated() {
            #expect(key.withUnsafeBufferPointer { table.value(for: $0) } == UInt64(index))
        }
        #expect(Array("w5000".utf8).withUnsafeBufferPointer { table.value(for: $0) } == nil)
        #expect(Array("a".utf8).withUnsafeBufferPointer { table.value(for: $0) } == nil)
        // Setting a key again replaces its value.
        keys[0].withUnsafeBufferPointer { table.set($0, 99) }
        #expect(keys[0].withUnsafeBufferPointer { table.value(for: $0) } == 99 && table.count == keys.count)
        #expect(!Array(repeating: 0x7A, count: 24).withUnsafeBufferPointer { ShortKeyTable.canHold($0) })
    }

    @Test func aBatchLookUpFindsWhatSingleLookUpsFind() {
        var table = ShortKeyTable(capacity: 16)
        // Enough keys for collisions and long probe runs.
        for index in 0..<3_000 where index % 3 != 0 {
            Array("k\(index)".utf8).withUnsafeBufferPointer { table.set($0, UInt64(index) << 32 | 7) }
        }
        let asked = (0..<3_000).map { Array("k\($0)".utf8) } + [Array("k1\u{0}".utf8), Array(repeating: 0x6B, count: 23)]
        let prepared = asked.map { key in key.withUnsafeBufferPointer { ShortKeyTable.prepare($0) } }
        var found = [UInt64?](repeating: 0, count: asked.count)
        prepared.withUnsafeBufferPointer { keys in found.withUnsafeMutableBufferPointer { table.values(of: keys, into: $0) } }
        for (index, key) in asked.enumerated() {
            let single = key.withUnsafeBufferPointer { table.value(for: $0) }
            #expect(found[index] == single)
        }
        #expect(found[1] == 1 << 32 | 7 && found[3] == nil && found.compactMap { $0 }.count == 2_000)
    }
}
