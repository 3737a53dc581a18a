import AnalyzerTestSupport
import Foundation
import LoupeCore
import Testing
@testable import FramingAnalysis

@Suite struct CodebookTests {
    func write(_ text: String) -> String {
        let path = TestScratch.file("codebook", extension: "json")
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    @Test(arguments: [
        (#"{"frames": []}"#, "the codebook has no frames"),
        (#"{"frames": [{"id": "a", "cues": {"cost": 1}}, {"id": "a", "cues": {"war": 1}}]}"#, "frame id \"a\" is used twice"),
        (#"{"frames": [{"id": "a", "cues": {"of the": 1}}]}"#, "frame \"a\": cue \"of the\" has only stop words"),
        (#"{"frames": [{"id": "a", "cues": {"": 1}}]}"#, "cue \"\" is empty"),
        (#"{"frames": [{"id": "a", "cues": {"?!": 1}}]}"#, "has no words, only punctuation"),
        (#"{"frames": [{"id": "a", "cues": {"cost": -2}}]}"#, "frame \"a\", cue \"cost\": the weight must be a positive number"),
        (#"{"frames": [{"id": "Bad Id", "cues": {"cost": 1}}]}"#, "must be lower-case letters"),
        (#"{"frames": [{"id": "a", "cues": {}}]}"#, "the codebook has no cues"),
        (#"{"frames": [{"id": "a", "cues": {"cost": 1}}], "fallbackFrame": "b"}"#, "fallbackFrame \"b\" is not a frame id"),
        (#"{"frames": [{"id": "a", "cues": {"cost": 1}}], "notCues": "free of charge"}"#, "\"notCues\" must be a list of phrases"),
        (#"{"frames": [{"id": "a", "cues": {"cost": 1}}], "notCues": ["free of charge", 3]}"#, "entry 2 of \"notCues\" is not a phrase"),
        (#"{"frames": [{"id": "a", "cues": {"cost": 1}}], "notCues": ["of the"]}"#, "notCues: cue \"of the\" has only stop words"),
        (#"{"frames": [{"id": "a", "cues": {"high costs": 1}}], "notCues": ["high cost"]}"#,
         "notCues: \"high cost\" matches as frame \"a\"'s cue \"high costs\" does; a phrase is a cue or no cue, not both"),
        ("{\"frames\": [\n  {\"id\": \"a\" \"cues\": {}}]}", ":2:14: invalid JSON"),
    ])
    func malformedCodebooksGetClearErrors(text: String, message: String) {
        let path = write(text)
        do {
            _ = try FramingAnalyzer.make(options: ["codebook": .string(path)])
            Issue.record("expected an error for \(text)")
        } catch {
            #expect(error.description.hasPrefix(path), "\(error.description)")
            #expect(error.description.contains(message), "\(error.description)")
        }
    }

    @Test func aMissingCodebookNamesThePath() {
        #expect(throws: AnalyzerError.self) { try FramingAnalyzer.make(options: ["codebook": "no/such/codebook.json"]) }
    }

    @Test func aUserCodebookReplacesTheDefault() throws {
        let path = write(#"{"codebook": "mine", "frames": [{"id": "energy", "cues": {"oil": 1, "gas pipeline": 2}}]}"#)
        let analyzer = try FramingAnalyzer.make(options: ["codebook": .string(path), "sentenceThreshold": 1])
        let suggestions = analyzer.analyze(Document(id: "d", text: "Oil prices rose. The gas pipelines were closed.", sourcePath: "d"))
        #expect(suggestions.filter { $0.range != nil }.map(\.label) == ["energy", "energy"])
        let summary = try #require(suggestions.first { $0.range == nil })
        #expect(summary.label == "energy")
        #expect(summary.attributes["codebook"] == "mine")
        #expect(summary.attributes["distribution"] == ["energy": 1.0])
    }

    @Test func theSecondShippedCodebookLoads() throws {
        let analyzer = try FramingAnalyzer.make(options: ["codebook": "semetko-valkenburg"])
        #expect(analyzer.codebook.frames.map(\.id) == [
            "attribution-of-responsibility", "human-interest", "conflict", "morality", "economic-consequences",
        ])
        let summary = analyzer.analyze(Document(id: "d", text: "The rivals clashed in a bitter dispute.", sourcePath: "d")).first { $0.range == nil }
        #expect(summary?.label == "conflict")
    }

    @Test func titlesCountMoreAndDistributionsNameTheFramesFound() throws {
        let analyzer = try FramingAnalyzer(options: .init())
        let text = "Troops mass at the border\nThe tariff raised prices. Profits fell."
        let document = Document(id: "d", text: text, metadata: DocumentMetadata(title: "Troops mass at the border"), sourcePath: "d")
        let summary = try #require(analyzer.analyze(document).first { $0.range == nil })
        #expect(summary.label == "security-defense")
        let shares = try #require(summary.attributes["distribution"]?.objectValue)
        #expect(Set(shares.keys) == ["security-defense", "economic"])
        #expect(abs(shares.values.compactMap(\.doubleValue).reduce(0, +) - 1) < 0.001)
        // The evidence: the strongest cues of each frame named, with their spans.
        #expect(Set(summary.cues.compactMap { $0.details["frame"]?.stringValue }) == ["security-defense", "economic"])
        #expect(summary.cues.count == 4)
        #expect(summary.attributes["runnersUp"] == ["economic"])
        let plain = try #require(analyzer.analyze(Document(id: "d", text: text, sourcePath: "d")).first { $0.range == nil })
        #expect(plain.label == "economic")
    }

    @Test func aDocumentWithNoCuesFallsBack() throws {
        let analyzer = try FramingAnalyzer(options: .init())
        let summary = analyzer.analyze(Document(id: "d", text: "Tulips bloomed.", sourcePath: "d")).first { $0.range == nil }
        #expect(summary?.label == "other")
        #expect(summary?.confidence == nil)
        #expect(analyzer.analyze(Document(id: "e", text: "", sourcePath: "d")).count == 1)
    }

    @Test func aLargeDocumentGivesSaneOutput() throws {
        let analyzer = try FramingAnalyzer.make(options: ["sentenceThreshold": 1, "allFrames": true])
        let paragraph = "The tariff raised prices for consumers. Troops moved to the border. The court ruled against the law.\n"
        let document = Document(id: "big", text: String(repeating: paragraph, count: 4_000), sourcePath: "big")
        let suggestions = analyzer.analyze(document)
        #expect(suggestions.count == 12_001)
        let summary = try #require(suggestions.first { $0.range == nil })
        #expect(Set(["economic", "security-defense", "legality"]).contains(summary.label))
    }
}

@Suite struct SentenceSuggestionTests {
    static let text = "The tariff raised prices and cut profits. Troops moved. The court ruled the tariff unlawful under the statute."

    @Test func byDefaultOnlyClearlySignalledSentencesGetTheirStrongestFrame() throws {
        let analyzer = try FramingAnalyzer(options: .init())
        let sentences = analyzer.analyze(Document(id: "d", text: Self.text, sourcePath: "d")).filter { $0.range != nil }
        // Three economic cues in the first sentence; one cue in the second; the third
        // carries legality most strongly (court, ruled, unlawful, statute) and some economics.
        #expect(sentences.map(\.label) == ["economic", "legality"])
        #expect(sentences.allSatisfy { ($0.attributes["score"]?.doubleValue ?? 0) >= 3 })
    }

    @Test func theFullOutputIsAnOptionAway() throws {
        let analyzer = try FramingAnalyzer.make(options: ["sentenceThreshold": 1, "allFrames": true])
        let sentences = analyzer.analyze(Document(id: "d", text: Self.text, sourcePath: "d")).filter { $0.range != nil }
        #expect(Set(sentences.map(\.label)).isSuperset(of: ["economic", "security-defense", "legality"]))
        #expect(sentences.count > 3)
    }
}

@Suite struct CueWeightingTests {
    @Test func cuesThatNormaliseAlikeCountOncePerMatch() throws {
        let path = TestScratch.file("codebook", extension: "json")
        _ = FileManager.default.createFile(
            atPath: path, contents: Data(#"{"frames": [{"id": "supply", "cues": {"deposit": 1, "deposits": 1.5, "Deposit": 1}}]}"#.utf8))
        let analyzer = try FramingAnalyzer.make(options: ["codebook": .string(path), "sentenceThreshold": 1])
        let suggestions = analyzer.analyze(Document(id: "d", text: "New deposits were found.", sourcePath: "d"))
        let sentence = try #require(suggestions.first { $0.range != nil })
        #expect(sentence.attributes["score"] == 1.5)
        #expect(sentence.cues.count == 1)
        // The term "deposits" (weight 1.5), which is the text as written: saved as text and weight only.
        #expect(sentence.cues.first?.text == "deposits" && sentence.cues.first?.details == ["weight": 1.5])
    }
}

@Suite struct DocumentReadoutTests {
    static func codebook() -> String {
        let path = TestScratch.file("codebook", extension: "json")
        let text = #"{"frames": [{"id": "church", "cues": {"bishop": 1, "parish": 1, "=protestant": 1}}, {"id": "money", "cues": {"tax": 1, "budget": 1, "price": 1}}]}"#
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    @Test func weightsAreSharesOfSentencesNotCueCounts() throws {
        let analyzer = try FramingAnalyzer.make(options: ["codebook": .string(Self.codebook())])
        // Five church cues in one sentence (wholly given to it), one money cue in each of three
        // (half given to it): money is given more of the article.
        let text = "The bishop, the bishop's parish and every parish bishop met. The tax rose. The budget fell. The price stayed."
        let summary = try #require(analyzer.analyze(Document(id: "d", text: text, sourcePath: "d")).first { $0.range == nil })
        #expect(summary.label == "money")
        #expect(summary.attributes["distribution"] == ["money": 0.6, "church": 0.4])
        #expect(summary.attributes["frames"] == ["money", "church"])
        #expect(summary.attributes["framedSentences"] == 2.5)
    }

    @Test func aWordTheStoryKeepsUsingCountsAQuarterAfterItsFirstSentence() throws {
        let analyzer = try FramingAnalyzer.make(options: ["codebook": .string(Self.codebook())])
        // "tax" alone carries only its first sentence (half of it); with a new money cue a later
        // sentence is given 1.25 cues' worth (1 + a quarter), 0.625 of it: 1.125 against
        // the bishop's 0.5.
        let text = "The tax rose. The tax fell. The tax stayed. The tax and the budget grew. The bishop spoke."
        let summary = try #require(analyzer.analyze(Document(id: "d", text: text, sourcePath: "d")).first { $0.range == nil })
        #expect(summary.attributes["distribution"] == ["money": 0.6923, "church": 0.3077])
        #expect(summary.attributes["framedSentences"] == 1.625)
        // The sentence annotations still show every sentence the word carries.
        let everySentence = try FramingAnalyzer.make(options: ["codebook": .string(Self.codebook()), "sentenceThreshold": 1])
        let sentences = everySentence.analyze(Document(id: "d", text: text, sourcePath: "d")).filter { $0.range != nil }
        #expect(sentences.filter { $0.label == "money" }.count == 4)
    }

    @Test func aSentenceIsHalfGivenToAFrameByOneCueAndWhollyByTwo() {
        #expect(FramingAnalyzer.share(score: 0.5, weight: 1) == 0)
        #expect(FramingAnalyzer.share(score: 1, weight: 1) == 0.5)
        #expect(FramingAnalyzer.share(score: 2, weight: 1) == 1)
        #expect(FramingAnalyzer.share(score: 7, weight: 1) == 1)
        #expect(FramingAnalyzer.share(score: 2, weight: 2) == 0.5)
        #expect(FramingAnalyzer.share(score: 3, weight: 0) == 0)
    }

    @Test func aFrameBelowThePresenceShareIsNotListed() throws {
        let analyzer = try FramingAnalyzer.make(options: ["codebook": .string(Self.codebook()), "presenceShare": 0.5])
        let text = "The tax rose. The budget fell. The price stayed. The bishop spoke."
        let summary = try #require(analyzer.analyze(Document(id: "d", text: text, sourcePath: "d")).first { $0.range == nil })
        #expect(summary.attributes["frames"] == ["money"])
        #expect(throws: AnalyzerError.self) { try FramingAnalyzer.make(options: ["presenceShare": 2]) }
    }

    @Test func aPhraseThatIsNoCueKeepsItsWordsFromCounting() throws {
        let path = CodebookTests().write(#"{"frames": [{"id": "law", "cues": {"charge": 1, "court": 1}}], "notCues": ["free of charge", "=in charge of"]}"#)
        let analyzer = try FramingAnalyzer.make(options: ["codebook": .string(path), "sentenceThreshold": 1])
        // The phrases match as the longest cues and add nothing; the word alone still counts.
        let free = analyzer.analyze(Document(id: "d", text: "Entry is free of charge. She is in charge of the kitchen.", sourcePath: "d"))
        #expect(free.filter { $0.range != nil }.isEmpty)
        #expect(free.first { $0.range == nil }?.attributes["distribution"] == [:])
        let charged = analyzer.analyze(Document(id: "d", text: "The charge was read in court.", sourcePath: "d"))
        let sentence = try #require(charged.first { $0.range != nil })
        #expect(sentence.label == "law")
        #expect(sentence.cues.map(\.text) == ["charge", "court"])
    }

    @Test func anExactCueMatchesOnlyItsOwnForm() throws {
        let analyzer = try FramingAnalyzer.make(options: ["codebook": .string(Self.codebook())])
        let protest = analyzer.analyze(Document(id: "d", text: "Protesters marched.", sourcePath: "d")).first { $0.range == nil }
        #expect(protest?.attributes["distribution"] == [:])
        let church = analyzer.analyze(Document(id: "d", text: "A Protestant choir sang.", sourcePath: "d")).first { $0.range == nil }
        #expect(church?.label == "church")
    }
}
