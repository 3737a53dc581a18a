import AnalyzerTestSupport
import Foundation
import LoupeCore
import Testing
@testable import SentimentAnalysis

@Suite struct SentimentExampleTests {
    let analyzer = try! SentimentAnalyzer(options: .init())

    static let examples: [Example] = (try? SentimentAnalyzer.loadExamples().examples) ?? []

    @Test(arguments: examples.map(\.id))
    func example(id: String) throws {
        let example = try #require(Self.examples.first { $0.id == id })
        let set = ExampleSet(analyzer: "sentiment", examples: [example])
        let failures = ExampleAssertions.failures(of: analyzer, on: set)
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test func examplesFileCoversPositiveNegativeAndQuiet() {
        #expect(Self.examples.count >= 8)
        #expect(Self.examples.contains { $0.isQuiet })
    }
}
