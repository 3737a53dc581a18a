import Testing
@testable import LoupeCore

@Suite struct QuoteFinderTests {
    func quotes(_ text: String) -> [String] {
        let doc = document(text)
        let tokens = doc.segmentation.tokens
        return QuoteFinder.quotes(in: doc).map { quote in
            String(doc.text(scalars: tokens[quote.open].span.scalars.lowerBound..<tokens[quote.close].span.scalars.upperBound))
        }
    }

    @Test func findsCurlyStraightAndSingleQuotes() {
        #expect(quotes("He called it “efficient” and \"unviable\", a ‘partner’.") == ["“efficient”", "\"unviable\"", "‘partner’"])
    }

    @Test func keepsNestedStraightQuotes() {
        let found = quotes("He said that \"after the war, the \"main enemy\" remained\" in place.")
        #expect(found.contains("\"main enemy\""))
        #expect(found.contains("\"after the war, the \"main enemy\" remained\""))
    }

    @Test func mixedDoubleMarksCloseOneQuotation() {
        #expect(quotes("“We will rebuild,\" the mayor said.") == ["“We will rebuild,\""])
        #expect(quotes("\"We will rebuild,” the mayor said.") == ["\"We will rebuild,”"])
        #expect(quotes("“We will rebuild here,“ said the mayor.") == ["“We will rebuild here,“"])
        // An opening mark with a word glued after it still opens a quotation inside another.
        #expect(quotes("“She called it “unfair” twice,” he said.").contains("“unfair”"))
        // A straight mark inside a curly quotation whose own closing mark follows is an inch mark, not its end.
        #expect(quotes("“We need a 12\" pipe,” he said.") == ["“We need a 12\" pipe,”"])
    }

    @Test func anUnclosedQuoteEndsWithItsParagraph() {
        let found = quotes("“This never closes, and runs on.\nA new paragraph with “a quote” here.")
        #expect(found == ["“a quote”"])
    }

    @Test func doubledApostrophesAreDoubleQuotes() {
        let doc = document("''We will win,'' she said, and the ''plan'' stands; the boss' car isn't theirs.")
        let found = QuoteFinder.quotes(in: doc)
        #expect(found.count == 2)
        let tokens = doc.segmentation.tokens
        let inner = found.map { quote in
            String(doc.text(scalars: tokens[quote.inner.lowerBound].span.scalars.lowerBound..<tokens[quote.inner.upperBound - 1].span.scalars.upperBound))
        }
        #expect(inner == ["We will win,", "plan"])
        #expect(found.allSatisfy { $0.markTokens == 2 })
    }

    @Test func aFreeStandingMarkClosesAnOpenQuote() {
        #expect(quotes("\"We moved to the 'centre,' \" she said, \"and stayed.\"") == ["\"We moved to the 'centre,' \"", "\"and stayed.\""])
    }

    @Test func apostrophesAreNotQuotes() {
        #expect(quotes("Russia’s plan and the countries’ deals don’t matter.").isEmpty)
    }

    @Test func aHundredThousandMarksStayLinear() {
        #expect(quotes(String(repeating: "\"", count: 100_000)).count == 50_000)
    }
}
