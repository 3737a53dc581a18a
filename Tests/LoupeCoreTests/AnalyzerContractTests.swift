import AnalyzerTestSupport
import Foundation
import Testing
@testable import LoupeCore

@Suite struct AnalyzerContractTests {
    let analyzer = try! WordListAnalyzer(options: .init())

    @Test func examplesPassAsWrittenAndBehindAMultiBytePrefix() throws {
        let examples = try WordListAnalyzer.loadExamples()
        #expect(examples.examples.count == 4)
        #expect(ExampleAssertions.failures(of: analyzer, on: examples).isEmpty)
    }

    @Test func examplesCatchAWrongOffset() throws {
        /// An analyzer that reports UTF-8 offsets instead of scalar offsets.
        struct ByteOffsetAnalyzer: Analyzer {
            struct Options: AnalyzerOptions {}
            static let descriptor = AnalyzerDescriptor(id: "bytes", name: "Bytes", summary: "Wrong on purpose.", version: "0")
            static var examplesURL: URL? { nil }
            init(options: Options) throws(AnalyzerError) {}
            func analyze(_ document: Document) -> [Suggestion] {
                document.segmentation.tokens.filter { document.text.slice(utf8: $0.span.utf8).lowercased() == "danger" }.map {
                    Suggestion(layer: "test", label: "alarm", range: $0.span.utf8, rule: "bytes")
                }
            }
        }
        let examples = try WordListAnalyzer.loadExamples()
        let failures = ExampleAssertions.failures(of: try ByteOffsetAnalyzer(options: .init()), on: examples)
        #expect(failures.contains { $0.contains("behind a multi-byte prefix") })
    }

    @Test func optionsDecodeWithDefaultsAndReportBadValues() throws {
        let custom = try WordListAnalyzer.make(options: ["words": ["storm"]])
        let found = custom.analyze(document("A storm is coming, not a danger."))
        #expect(found.map(\.label) == ["alarm", "summary"])
        do {
            _ = try WordListAnalyzer.make(options: ["words": 3])
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix("word-list: invalid options: option \"words\""))
        }
        #expect(throws: AnalyzerError.self) { try WordListAnalyzer.make(options: ["words": []]) }
    }

    @Test func suggestionsBecomeAnnotationsWithDerivedIDs() {
        let doc = document("The danger is real.", id: "d1")
        let first = analyzer.analyze(doc).map { $0.annotation(in: doc, by: WordListAnalyzer.descriptor, at: "t1") }
        let second = analyzer.analyze(doc).map { $0.annotation(in: doc, by: WordListAnalyzer.descriptor, at: "t2") }
        #expect(first.map(\.id) == second.map(\.id))
        #expect(first[0].creator == .analyzer(id: "word-list", version: "1.0.0"))
        #expect(first[0].status == .suggested)
        #expect(first[0].attributes["rule"] == "word-list.match")
        #expect(first[0].attributes["cues"] == [["text": "danger", "start": 4, "end": 10]])
        let other = document("The danger is real.", id: "d2")
        let elsewhere = analyzer.analyze(other).map { $0.annotation(in: other, by: WordListAnalyzer.descriptor, at: "t1") }
        #expect(Set(elsewhere.map(\.id)).isDisjoint(with: first.map(\.id)))
    }

    @Test func rerunningReplacesOnlyUnreviewedSuggestions() throws {
        let doc = document("A danger, a threat and a crisis.", id: "d")
        let store = AnnotationStore(directory: TestPaths.temporaryDirectory())
        _ = store.add(doc)
        func run(_ analyzer: WordListAnalyzer, at time: String) throws -> [AnnotationChange] {
            let new = analyzer.analyze(doc).map { $0.annotation(in: doc, by: WordListAnalyzer.descriptor, at: time) }
            let changes = SuggestionMerge.changes(documentID: doc.id, existing: store.annotations(in: doc.id), analyzerID: "word-list", new: new)
            try store.apply(changes)
            return changes
        }
        #expect(try run(analyzer, at: "t1").count == 4)
        _ = store.save()
        let saved = FileManager.default.contents(atPath: store.filePath(for: doc.id))
        #expect(try run(analyzer, at: "t2").isEmpty, "an unchanged rerun changes nothing")
        _ = store.save()
        #expect(FileManager.default.contents(atPath: store.filePath(for: doc.id)) == saved)

        // A human accepts one, rejects one, and adds one of their own.
        var annotations = store.annotations(in: doc.id).filter { $0.target != nil }
        var accepted = annotations[0]
        accepted.status = .accepted
        var rejected = annotations[1]
        rejected.status = .rejected
        let own = Annotation(
            id: "h-own", layer: "test", label: "alarm", target: TextQuoteTarget(document: doc, range: 2..<8),
            creator: .human(name: "Ana"), status: .accepted, created: "t")
        try store.apply([
            AnnotationChange(documentID: doc.id, before: annotations[0], after: accepted),
            AnnotationChange(documentID: doc.id, before: annotations[1], after: rejected),
            AnnotationChange(documentID: doc.id, before: nil, after: own),
        ])
        annotations = store.annotations(in: doc.id)

        // A narrower word list withdraws the unreviewed suggestions only.
        let narrow = try WordListAnalyzer.make(options: ["words": ["nothing-matches"]])
        _ = try run(narrow, at: "t3")
        let after = store.annotations(in: doc.id)
        #expect(after.contains(accepted))
        #expect(after.contains(rejected))
        #expect(after.contains(own))
        #expect(after.count == 3)
    }

    @Test func registrySortsAndSuggestsNearestID() throws {
        let registry = AnalyzerRegistry([WordListAnalyzer.self])
        #expect(registry.ids == ["word-list"])
        #expect(throws: AnalyzerError.unknownAnalyzer("word-lst", suggestion: "word-list")) { try registry.analyzer("word-lst") }
    }
}
