import AnalyzerTestSupport
import Foundation
import LoupeCore
import Testing
@testable import BiasMarkersAnalysis

@Suite struct BiasMarkersExampleTests {
    static let examples: [Example] = (try? BiasMarkersAnalyzer.loadExamples().examples) ?? []

    @Test(arguments: examples.map(\.id))
    func example(id: String) throws {
        let failures = try ExampleAssertions.failures(of: BiasMarkersAnalyzer.self, example: id)
        #expect(failures.isEmpty, "\(failures)")
    }
}

/// Span precision and recall per category on sentences written for this test.
@Suite struct BiasMarkersEvaluationTests {
    struct Gold {
        var text: String
        var spans: [(range: Range<Int>, label: String)]
    }

    static func gold() throws -> [Gold] {
        let url = try #require(Bundle.module.url(forResource: "bias-sentences", withExtension: "json"))
        let value = try JSONParser.parse([UInt8](Data(contentsOf: url)))
        return try (value["sentences"]?.arrayValue ?? []).map { item in
            let marked = try #require(item["text"]?.stringValue)
            let labels = (item["labels"]?.arrayValue ?? []).compactMap(\.stringValue)
            var plain = ""
            var ranges: [Range<Int>] = []
            var start = 0
            var offset = 0
            for scalar in marked.unicodeScalars {
                if scalar == "\u{27E6}" { start = offset } else if scalar == "\u{27E7}" { ranges.append(start..<offset) } else {
                    plain.unicodeScalars.append(scalar)
                    offset += 1
                }
            }
            return Gold(text: plain, spans: Array(zip(ranges, labels)).map { ($0.0, $0.1) })
        }
    }

    @Test func precisionAndRecallPerCategory() throws {
        let analyzer = try BiasMarkersAnalyzer(options: .init())
        var predicted: [String: Int] = [:], goldCount: [String: Int] = [:]
        var exactHits: [String: Int] = [:], exactRecall: [String: Int] = [:]
        var overlapPrecision: [String: Int] = [:], overlapRecall: [String: Int] = [:]
        var falseAlarmsOnNeutral = 0
        let sentences = try Self.gold()
        #expect(sentences.count >= 150)
        for sentence in sentences {
            let found = analyzer.analyze(Document(id: "s", text: sentence.text, sourcePath: "bias-sentences.json"))
                .compactMap { suggestion in suggestion.range.map { ($0, suggestion.label) } }
            if sentence.spans.isEmpty { falseAlarmsOnNeutral += found.count }
            for (range, label) in found {
                predicted[label, default: 0] += 1
                if sentence.spans.contains(where: { $0.label == label && $0.range == range }) { exactHits[label, default: 0] += 1 }
                if sentence.spans.contains(where: { $0.label == label && $0.range.overlaps(range) }) { overlapPrecision[label, default: 0] += 1 }
            }
            for (range, label) in sentence.spans {
                goldCount[label, default: 0] += 1
                if found.contains(where: { $0.1 == label && $0.0.overlaps(range) }) { overlapRecall[label, default: 0] += 1 }
                if found.contains(where: { $0.1 == label && $0.0 == range }) { exactRecall[label, default: 0] += 1 }
            }
        }
        func ratio(_ part: Int, _ whole: Int) -> String { whole == 0 ? "  -  " : String(format: "%.2f", Double(part) / Double(whole)) }
        var report = "category: exact P/R, overlap P/R (predicted, gold)\n"
        for label in Set(predicted.keys).union(goldCount.keys).sorted() {
            let p = predicted[label, default: 0], g = goldCount[label, default: 0]
            report += "  \(label): \(ratio(exactHits[label, default: 0], p))/\(ratio(exactRecall[label, default: 0], g)), "
                + "\(ratio(overlapPrecision[label, default: 0], p))/\(ratio(overlapRecall[label, default: 0], g)) (\(p), \(g))\n"
        }
        let allPredicted = predicted.values.reduce(0, +), allGold = goldCount.values.reduce(0, +)
        let exact = exactHits.values.reduce(0, +)
        let recalled = exactRecall.values.reduce(0, +)
        report += "  all: exact \(ratio(exact, allPredicted))/\(ratio(recalled, allGold)), overlap \(ratio(overlapPrecision.values.reduce(0, +), allPredicted))/\(ratio(overlapRecall.values.reduce(0, +), allGold)); markers on neutral sentences: \(falseAlarmsOnNeutral)\n"
        print(report)
        // Bars set below the figures measured when the test set was first run.
        #expect(Double(recalled) / Double(allGold) >= 0.6, "\(report)")
        #expect(Double(exact) / Double(max(1, allPredicted)) >= 0.6, "\(report)")
    }
}

@Suite struct BiasMarkersInputTests {
    func folder(_ files: [String: String]) -> String {
        let path = TestScratch.folder("lexicons")
        for (name, text) in files { _ = FileManager.default.createFile(atPath: path + "/" + name, contents: Data(text.utf8)) }
        return path
    }

    @Test(arguments: [
        ("spin.tsv", "# comment\nspin doctor\t2\tpejorative\nbad line without tabs\n", "spin.tsv:3: expected cue<TAB>strength<TAB>rationale"),
        ("spin.tsv", "spin\t7\twhy\n", "spin.tsv:1: strength must be 1, 2 or 3 (0 for an exception)"),
        ("spin.tsv", "\t1\twhy\n", "spin.tsv:1: cue \"\" is empty"),
        ("spin.tsv", "?!\t1\twhy\n", "spin.tsv:1: cue \"?!\" has no words"),
        ("spin.tsv", "spin\t1\t\n", "spin.tsv:1: the rationale is empty"),
    ])
    func malformedLexiconsNameFileAndLine(name: String, text: String, message: String) {
        let path = folder([name: text])
        do {
            _ = try BiasMarkersAnalyzer.make(options: ["lexicons": .string(path)])
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains(message), "\(error.description)")
        }
    }

    @Test func extraLexiconsAddCategories() throws {
        let path = folder(["spin.tsv": "spin doctor\t2\tpejorative label for a press officer\n"])
        let analyzer = try BiasMarkersAnalyzer.make(options: ["lexicons": .string(path)])
        let found = analyzer.analyze(Document(id: "d", text: "The spin doctors were busy.", sourcePath: "d")).filter { $0.range != nil }
        #expect(found.map(\.label) == ["spin"])
        // The category's rationale is said once, in the summary; the mark names its category by its label.
        let summary = try #require(analyzer.analyze(Document(id: "d", text: "The spin doctors were busy.", sourcePath: "d")).first { $0.range == nil })
        #expect(summary.attributes["rationales"]?["spin"] == "pejorative label for a press officer")
        #expect(found.first?.attributes["rationale"] == nil && found.first?.attributes["category"] == nil)
    }

    @Test func aRationaleIsSaidOnceUnlessAMarkSaysSomethingElse() {
        func mark(_ label: String, _ rationale: String) -> Suggestion {
            Suggestion(layer: "bias-markers", label: label, range: 0..<1, rule: "r", attributes: ["category": .string(label), "rationale": .string(rationale)])
        }
        var marks = [mark("loaded-language", "emotive"), mark("loaded-language", "a word heightened"), mark("loaded-language", "emotive"), mark("hedge", "softens")]
        var summary = Suggestion(layer: "bias-markers", label: "density", range: nil, rule: "bias.density")
        BiasMarkersAnalyzer.sayRationalesOnce(&marks, summary: &summary)
        #expect(summary.attributes["rationales"] == ["loaded-language": "emotive", "hedge": "softens"])
        #expect(marks.map { $0.attributes["rationale"] } == [nil, "a word heightened", nil, nil])
        #expect(marks.allSatisfy { $0.attributes["category"] == nil })
    }

    @Test func aFileNamedCategoryDotPartAddsToTheCategory() throws {
        let path = folder(["spin.tsv": "spin doctor\t2\tpejorative\n", "spin.more.tsv": "=spinmeister\t2\tpejorative too\n"])
        let analyzer = try BiasMarkersAnalyzer.make(options: ["lexicons": .string(path)])
        let found = analyzer.analyze(Document(id: "d", text: "The spin doctors and the spinmeister were busy.", sourcePath: "d"))
            .filter { $0.range != nil }
        #expect(found.map(\.label) == ["spin", "spin"])
    }

    @Test func withNameCallingLeftOutALabelPhraseStaysLoadedLanguage() throws {
        let analyzer = try BiasMarkersAnalyzer.make(options: ["categories": ["loaded-language"]])
        let found = analyzer.analyze(Document(id: "d", text: "Residents blamed the greedy landlords for the rents.", sourcePath: "d"))
            .filter { $0.range != nil }
        #expect(found.map(\.label) == ["loaded-language"])
        #expect(found.first?.range == 21..<37)  // "greedy landlords", as the phrase it modifies
    }

    @Test func aLabelTakenIntoALoadedPhraseKeepsItsCue() throws {
        let analyzer = try BiasMarkersAnalyzer.make(options: [:])
        let marks = analyzer.analyze(Document(id: "d", text: "The obsequious acolytes cheered the decision.", sourcePath: "d"))
            .filter { $0.range != nil }
        #expect(marks.map(\.label) == ["name-calling"])
        #expect(marks.first?.cues.map(\.text) == ["obsequious", "acolytes"])
    }

    @Test func aTitleInTitleCaseIsReadForCuesNotNames() throws {
        let analyzer = try BiasMarkersAnalyzer.make(options: [:])
        // The title: a capital is no sign of a name, and the modifier reaches the capitalised noun.
        let text = "Council's Shameful Vote Leaves Tenants in the Cold\n\nThe council voted on Monday."
        let marks = analyzer.analyze(Document(id: "d", text: text, sourcePath: "d")).filter { $0.range != nil }
        #expect(marks.map(\.label) == ["loaded-language"])
        #expect(marks.first?.range == 10..<23)  // "Shameful Vote"
        // The same words as a later line are taken for a name, as in any sentence.
        let later = "The council voted on Monday.\n\nCouncil's Shameful Vote Leaves Tenants in the Cold"
        #expect(analyzer.analyze(Document(id: "d", text: later, sourcePath: "d")).filter { $0.range != nil }.isEmpty)
        // A word the text below uses as a name stays one in the title: "Savage" is no label here.
        let named = "Columnist Dan Savage Responds To Critics\n\nThe columnist Dan Savage wrote a reply on Monday."
        let titleSavage = 14..<20
        #expect(!analyzer.analyze(Document(id: "d", text: named, sourcePath: "d")).contains { $0.range?.overlaps(titleSavage) == true })
        let unnamed = "Columnist Dan Savage Responds To Critics\n\nThe columnist wrote a reply on Monday."
        #expect(analyzer.analyze(Document(id: "d", text: unnamed, sourcePath: "d")).contains { $0.range?.overlaps(titleSavage) == true })
    }

    @Test func aPhraseOfTheNationIsOneMark() throws {
        let analyzer = try BiasMarkersAnalyzer.make(options: [:])
        let marks = analyzer.analyze(Document(id: "d", text: "The mayor says every American deserves a library card.", sourcePath: "d"))
            .filter { $0.range != nil }
        #expect(marks.map(\.label) == ["flag-waving"])
    }

    @Test func aLiteralSenseHoldsOnlyWithinItsReach() throws {
        let analyzer = try BiasMarkersAnalyzer.make(options: [:])
        func labels(_ text: String) -> [String] {
            analyzer.analyze(Document(id: "d", text: text, sourcePath: "d")).filter { $0.range != nil }.map(\.label)
        }
        // Words of wildlife in the next sentence make the animal literal; two away, or in another paragraph, the label stands.
        #expect(labels("Jackals raid the bins. Poachers sell their skulls.").isEmpty)
        #expect(labels("The senator called his rivals jackals. The vote was close. Poachers sell their skulls.") == ["name-calling"])
        #expect(labels("Poachers sell jackal skulls.\n\nThe senator called his rivals jackals.") == ["name-calling"])
        // A cue that judges stays marked beside the words of its field.
        #expect(!labels("The governor's hurricane response was a disaster.").isEmpty)
        #expect(!labels("The drought relief plan has been a disaster for ranchers.").isEmpty)
        // A hazard in the same sentence makes "destroyed" a report, a hazard as a figure ("a flood of", "a tsunami of") does not.
        #expect(labels("The wildfire destroyed the old mill.").isEmpty)
        #expect(labels("A tsunami of lies will destroy the party.").contains("appeal-to-fear"))
        // A cue loaded only as a verb is the plain noun after a determiner, a preposition or a number.
        #expect(labels("Crews hauled 400 trash bags and cleared the blast site.").isEmpty)
        #expect(labels("The senator will cave.") == ["loaded-language"])
        // Not after a contraction in 's or a relative "that": "It's trash", "a report that slams the agency".
        #expect(labels("\"It's trash,\" the senator said of the bill.") == labels("\"Pure trash,\" the senator said of the bill."))
        #expect(!labels("It is the third report that slams the agency.").isEmpty)
    }

    @Test func optionsAreChecked() {
        #expect(throws: AnalyzerError.self) { try BiasMarkersAnalyzer.make(options: ["minimumStrength": 5]) }
        #expect(throws: AnalyzerError.self) { try BiasMarkersAnalyzer.make(options: ["categories": ["no-such-category"]]) }
    }

    @Test func aHundredThousandQuotationMarksStaySane() throws {
        let analyzer = try BiasMarkersAnalyzer(options: .init())
        let text = String(repeating: "\"", count: 100_000) + "\n" + String(repeating: "“plan” ", count: 20_000)
        let found = analyzer.analyze(Document(id: "q", text: text, sourcePath: "q"))
        #expect(found.filter { $0.label == "scare-quotes" }.count == 20_000)
        let summary = try #require(found.first { $0.range == nil })
        #expect(summary.label == "density")
    }

    @Test func densityIsPerThousandWords() throws {
        let analyzer = try BiasMarkersAnalyzer(options: .init())
        let text = "The regime lied. " + String(repeating: "The council met today. ", count: 24)
        let summary = try #require(analyzer.analyze(Document(id: "d", text: text, sourcePath: "d")).first { $0.range == nil })
        #expect(summary.attributes["words"] == 99)
        #expect(summary.attributes["densityPerThousandWords"] == .double(10.1) && summary.attributes["counts"]?["name-calling"] == 1)

    }
}
