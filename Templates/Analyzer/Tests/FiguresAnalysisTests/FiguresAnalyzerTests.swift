import AnalyzerTestSupport
import FiguresAnalysis
import LoupeCore
import Testing

/// Every example in examples.json, each a test case of its own, checked as
/// Loupe checks its own analyzers: the marked spans and labels, a rule and
/// cues that quote the text, and offsets that survive a multi-byte prefix.
@Suite struct FiguresAnalyzerTests {
    static let exampleIDs: [String] = (try? FiguresAnalyzer.loadExamples().examples.map(\.id)) ?? []

    @Test func thereAreExamples() {
        #expect(!Self.exampleIDs.isEmpty)
    }

    @Test(arguments: exampleIDs)
    func example(_ id: String) throws {
        let failures = try ExampleAssertions.failures(of: FiguresAnalyzer.self, example: id)
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    @Test func aMistypedOptionIsRefused() {
        #expect(throws: AnalyzerError.self) { try FiguresAnalyzer.make(options: ["plainDigits": .int(99)]) }
    }
}
