import AnalyzerTestSupport
import Foundation
import Testing
@testable import LoupeCore

/// An analyzer that builds on another's layer: it marks again, as an
/// "echo", every span it is given in the word list's layer.
struct EchoAnalyzer: LayerReadingAnalyzer {
    struct Options: AnalyzerOptions {}

    static let descriptor = AnalyzerDescriptor(
        id: "echo", name: "Echo", summary: "Repeats the word list's marks (a test analyzer).", version: "1.0.0",
        reads: ["test"])
    static var examplesURL: URL? { nil }

    init(options: Options) throws(AnalyzerError) {}

    func analyze(_ document: Document, reading annotations: [Annotation]) -> [Suggestion] {
        annotations.compactMap { annotation in
            guard let target = annotation.target else { return nil }
            return Suggestion(layer: "echo", label: "echo-" + annotation.label, range: target.range, rule: "echo.repeat")
        }
    }
}

/// Two analyzers that each read the other's layer.
struct LoopAnalyzer: LayerReadingAnalyzer {
    struct Options: AnalyzerOptions {}

    static let descriptor = AnalyzerDescriptor(
        id: "loop", name: "Loop", summary: "Reads echo's layer (a test analyzer).", version: "1.0.0", reads: ["echo"])
    static var examplesURL: URL? { nil }

    init(options: Options) throws(AnalyzerError) {}

    func analyze(_ document: Document, reading annotations: [Annotation]) -> [Suggestion] { [] }
}

@Suite struct LayerReadingTests {
    static let text = "The danger is real, and the crisis too."

    @Test func aReaderRunsAfterTheWriterAndSeesItsSuggestions() throws {
        let ordered = try AnalyzerRegistry.ordered([AnalyzerEntry(EchoAnalyzer.self), AnalyzerEntry(WordListAnalyzer.self)])
        #expect(ordered.map(\.descriptor.id) == ["word-list", "echo"])
        let analyzers = try ordered.map { entry throws(AnalyzerError) in try entry.make(options: [:]) }
        let runner = AnalysisRunner(analyzers: analyzers, time: "2026-01-01T00:00:00Z")
        let store = AnnotationStore(directory: TestPaths.temporaryDirectory())
        let doc = document(Self.text, id: "d")
        _ = store.add(doc)
        _ = try store.analyze(runner, documents: ["d"], jobs: 1, stop: { false })
        let echoes = store.annotations(in: "d").filter { $0.layer == "echo" }.map(\.label).sorted()
        #expect(echoes == ["echo-alarm", "echo-alarm"])
    }

    @Test func aReaderAloneReadsWhatIsSavedButNotWhatWasRejected() throws {
        let store = AnnotationStore(directory: TestPaths.temporaryDirectory())
        let doc = document(Self.text, id: "d")
        _ = store.add(doc)
        let words = AnalysisRunner(analyzers: [try WordListAnalyzer(options: .init())], time: "2026-01-01T00:00:00Z")
        _ = try store.analyze(words, documents: ["d"], jobs: 1, stop: { false })
        var first = try #require(store.annotations(in: "d").first { $0.layer == "test" && $0.target != nil })
        let before = first
        first.status = .rejected
        try store.apply([AnnotationChange(documentID: "d", before: before, after: first)])
        let echo = AnalysisRunner(analyzers: [try EchoAnalyzer(options: .init())], time: "2026-01-01T00:00:00Z")
        _ = try store.analyze(echo, documents: ["d"], jobs: 1, stop: { false })
        #expect(store.annotations(in: "d").filter { $0.layer == "echo" }.count == 1, "the rejected mark is not echoed")
    }

    @Test func aCycleIsAnError() {
        #expect(throws: AnalyzerError.self) {
            _ = try AnalyzerRegistry.ordered([AnalyzerEntry(EchoAnalyzer.self), AnalyzerEntry(LoopAnalyzer.self), AnalyzerEntry(
                ReaderOfLoop.self)])
        }
        do {
            _ = try AnalyzerRegistry.ordered([AnalyzerEntry(LoopAnalyzer.self), AnalyzerEntry(ReaderOfLoop.self)])
            Issue.record("a cycle was ordered")
        } catch {
            #expect(error.description.contains("loop, reader-of-loop"))
            #expect(error.description.contains("in a cycle"))
        }
    }
}

/// Writes the "echo" layer and reads "loop": with LoopAnalyzer, a cycle.
struct ReaderOfLoop: LayerReadingAnalyzer {
    struct Options: AnalyzerOptions {}

    static let descriptor = AnalyzerDescriptor(
        id: "reader-of-loop", name: "Reader of loop", summary: "A test analyzer.", version: "1.0.0", layers: ["echo"],
        reads: ["loop"])
    static var examplesURL: URL? { nil }

    init(options: Options) throws(AnalyzerError) {}

    func analyze(_ document: Document, reading annotations: [Annotation]) -> [Suggestion] { [] }
}
