import AnalyzerTestSupport
import Foundation
import LoupeCore
import Testing
@testable import FramingAnalysis

@Suite struct FramingExampleTests {
    static let examples: [Example] = (try? FramingAnalyzer.loadExamples().examples) ?? []

    @Test(arguments: examples.map(\.id))
    func example(id: String) throws {
        let analyzer = try FramingAnalyzer(options: .init())
        let example = try #require(Self.examples.first { $0.id == id })
        let failures = ExampleAssertions.failures(of: analyzer, on: ExampleSet(analyzer: "framing", examples: [example]))
        #expect(failures.isEmpty, "\(failures)")
    }
}
