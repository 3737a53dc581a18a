import Testing
@testable import LoupeCore

@Suite struct SegmenterTests {
    static func sentences(_ text: String) -> [String] {
        let doc = document(text)
        return doc.segmentation.sentences.map { String(doc.text(scalars: $0.span.scalars)) }
    }

    static let cases: [(String, [String])] = [
        ("The U.S. imposed sanctions. Russia objected.", ["The U.S. imposed sanctions.", "Russia objected."]),
        ("Talks with the U.S. He said no.", ["Talks with the U.S.", "He said no."]),
        ("Mr. Smith met Dr. Jones. They talked.", ["Mr. Smith met Dr. Jones.", "They talked."]),
        ("Resolution No. 5 passed. It was late.", ["Resolution No. 5 passed.", "It was late."]),
        ("by | 19. Mar 2025 - 09:48 | Politics", ["by | 19. Mar 2025 - 09:48 | Politics"]),
        ("It rose 2.5 percent to $3.75 billion. Then it fell.", ["It rose 2.5 percent to $3.75 billion.", "Then it fell."]),
        ("We would be ready… if they showed interest. Fine.", ["We would be ready… if they showed interest.", "Fine."]),
        ("He paused... and went on. Next.", ["He paused... and went on.", "Next."]),
        ("“It doesn’t concern us.” He smiled.", ["“It doesn’t concern us.”", "He smiled."]),
        ("She said \"no.\" Then she left.", ["She said \"no.\"", "Then she left."]),
        ("Why? Because. Really!", ["Why?", "Because.", "Really!"]),
        ("\"Why?\" he asked.", ["\"Why?\" he asked."]),
        ("John F. Kennedy spoke. Crowds cheered.", ["John F. Kennedy spoke.", "Crowds cheered."]),
        ("Inflation hit 5% in 2023. The bank acted.", ["Inflation hit 5% in 2023.", "The bank acted."]),
        ("Smoke and Mirrors?\nWhile Putin’s offer may seem like an opening.", ["Smoke and Mirrors?", "While Putin’s offer may seem like an opening."]),
        ("Sen. Frist said (see p. 12) it passed.", ["Sen. Frist said (see p. 12) it passed."]),
        ("Visit us.politsturm.com for more. Done.", ["Visit us.politsturm.com for more.", "Done."]),
        ("The e.g. clause applies. Yes.", ["The e.g. clause applies.", "Yes."]),
    ]

    @Test(arguments: cases)
    func splitsSentences(text: String, expected: [String]) {
        #expect(Self.sentences(text) == expected)
    }

    @Test func paragraphsAreNonBlankTrimmedLines() {
        let text = "  First line. \n\n\u{A0}\nSecond\u{A0}line\n   \nThird"
        let doc = document(text)
        let paragraphs = doc.segmentation.paragraphs.map { String(doc.text(scalars: $0.scalars)) }
        #expect(paragraphs == ["First line.", "Second\u{A0}line", "Third"])
        #expect(doc.segmentation.sentences.map(\.paragraph) == [0, 1, 2])
    }

    @Test func tokensKeepWordsWhole() {
        let text = "Russia’s war-torn U.S. allies don't sell 2,600 tons at 09:48 (RDIF)."
        let doc = document(text)
        let tokens = doc.segmentation.tokens.map { String(doc.text(scalars: $0.span.scalars)) }
        #expect(tokens == ["Russia’s", "war-torn", "U.S.", "allies", "don't", "sell", "2,600", "tons", "at", "09:48", "(", "RDIF", ")", "."])
        let kinds = doc.segmentation.tokens.map(\.kind)
        #expect(kinds[2] == .word)
        #expect(kinds[6] == .number)
        #expect(kinds[9] == .number)
        #expect(kinds.last == .punctuation)
    }

    @Test func sentencesHoldTheirTokens() {
        let doc = document("One two. Three four five.")
        let sentences = doc.segmentation.sentences
        #expect(sentences.count == 2)
        #expect(sentences[0].tokens == 0..<3)
        #expect(sentences[1].tokens == 3..<7)
        #expect(doc.segmentation.sentenceIndex(containing: 10) == 1)
        #expect(doc.segmentation.sentenceIndex(containing: 8) == nil)
    }

    @Test func handlesDegenerateInput() {
        #expect(Self.sentences("").isEmpty)
        #expect(Self.sentences("\n\n  \n").isEmpty)
        #expect(Self.sentences("...").count == 1)
        let long = String(repeating: "word ", count: 100_000)
        #expect(Self.sentences(long).count == 1)
        let quotes = String(repeating: "\"", count: 100_000)
        #expect(document(quotes).segmentation.tokens.count == 100_000)
    }
}
