import Foundation
import Testing
@testable import LoupeCore

/// The default corpus: its oddities (curly and straight quotes, no-break
/// spaces, a Cyrillic letter inside an English word) are real.
@Suite struct SeedTests {
    static func load() -> [String: Document] {
        let result = DocumentLoader().load(paths: [TestPaths.seeds.path])
        return Dictionary(uniqueKeysWithValues: result.documents.map { ($0.id, $0) })
    }

    @Test func loadsAllFiveInSortedOrder() {
        let result = DocumentLoader().load(paths: [TestPaths.seeds.path])
        #expect(result.errors.isEmpty)
        #expect(result.documents.map(\.id) == [
            "000_19d9e6d631ab6c94", "001_876527049f9a8c39", "002_9dc0145e2ef6cc36", "003_dc80155c430df523",
            "004_5e08cd89a83175d0",
        ])
    }

    @Test func readsMetadataFromEachFormat() throws {
        let docs = Self.load()
        let markdown = try #require(docs["000_19d9e6d631ab6c94"]).metadata
        #expect(markdown.title == "Russia Offers to Hand Over the Development of its Rare Earth Minerals to the US")
        #expect(markdown.outlet == "us.politsturm.com")
        #expect(markdown.url == "http://us.politsturm.com")
        #expect(markdown.date == "2025-03-11")

        #expect(docs["001_876527049f9a8c39"]?.metadata.title == "Russia Offers to Hand Over the Development of its Rare Earth Minerals to the US")

        let byline = try #require(docs["002_9dc0145e2ef6cc36"]).metadata
        #expect(byline.title == "Rare Earths: Russia Offers Cooperation to the U.S.")
        #expect(byline.date == "2025-03-19T09:48")
        #expect(byline.author == nil)

        // 003 opens with its first paragraph and 004 with a "Highlights" list: neither has a title in its text.
        #expect(docs["003_dc80155c430df523"]?.metadata.title == nil)
        #expect(docs["004_5e08cd89a83175d0"]?.metadata.title == nil)
        #expect(MetadataSniffer.title(from: "Key takeaways:") == nil)
        #expect(MetadataSniffer.title(from: "- a point in a list") == nil)
        #expect(MetadataSniffer.title(from: "## **A Short Heading**") == "A Short Heading")
        #expect(MetadataSniffer.outlet(fromURL: "https://www.example.org/news/1?x=2") == "example.org")
        #expect(MetadataSniffer.outlet(fromURL: "not a url") == nil)
    }

    @Test func keepsTheTextExactlyAsInTheFile() throws {
        for (id, document) in Self.load() {
            let bytes = try Data(contentsOf: TestPaths.seeds.appendingPathComponent(id + ".txt"))
            #expect(Array(document.text.utf8) == [UInt8](bytes), "\(id) text changed on load")
        }
    }

    @Test func offsetsAgreeWithPythonSlicesOnTheOddities() throws {
        let doc = try #require(Self.load()["001_876527049f9a8c39"])
        let scalars = Array(doc.text.unicodeScalars)
        let cyrillic = try #require(scalars.firstIndex(of: "\u{0421}"))
        #expect(pythonSlice(doc.text, cyrillic..<(cyrillic + 7)) == "Сurrent")
        #expect(String(doc.text(scalars: cyrillic..<(cyrillic + 7))) == "Сurrent")
        let word = try #require(doc.segmentation.tokens.first { $0.span.scalars.lowerBound == cyrillic })
        #expect(word.span.scalars == cyrillic..<(cyrillic + 7))
        let nbsp = try #require(scalars.firstIndex(of: "\u{A0}"))
        #expect(String(doc.text(scalars: nbsp..<(nbsp + 1))) == "\u{A0}")
    }

    @Test func splitsTheSeedSentencesSensibly() throws {
        let doc = try #require(Self.load()["003_dc80155c430df523"])
        let sentences = doc.segmentation.sentences.map { String(doc.text(scalars: $0.span.scalars)) }
        #expect(sentences.contains("“We would be ready to offer this to our American partners… if they showed interest in working together,” Putin stated, highlighting that Russia is among the global leaders in rare-earth mineral wealth."))
        let german = try #require(Self.load()["002_9dc0145e2ef6cc36"])
        let germanSentences = german.segmentation.sentences.map { String(german.text(scalars: $0.span.scalars)) }
        #expect(germanSentences.contains("by | 19. Mar 2025 - 09:48 | Politics"))
        #expect(germanSentences.contains("Russia’s sovereign wealth fund plans to develop domestic rare earth deposits and is also seeking partnerships with U.S. companies."))
    }
}
