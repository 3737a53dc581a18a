import AnalyzerTestSupport
import Foundation
import LoupeCore
import Testing
@testable import SentimentAnalysis

@Suite struct SentimentExampleTests {
    static let examples: [Example] = (try? SentimentAnalyzer.loadExamples().examples) ?? []

    @Test(arguments: examples.map(\.id))
    func example(id: String) throws {
        let failures = try ExampleAssertions.failures(of: SentimentAnalyzer.self, example: id)
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test func examplesFileCoversPositiveNegativeAndQuiet() {
        #expect(Self.examples.count >= 8)
        #expect(Self.examples.contains { $0.isQuiet })
    }
}
