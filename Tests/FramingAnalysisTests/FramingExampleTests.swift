import AnalyzerTestSupport
import Foundation
import LoupeCore
import Testing
@testable import FramingAnalysis

@Suite struct FramingExampleTests {
    static let examples: [Example] = (try? FramingAnalyzer.loadExamples().examples) ?? []

    @Test(arguments: examples.map(\.id))
    func example(id: String) throws {
        let failures = try ExampleAssertions.failures(of: FramingAnalyzer.self, example: id)
        #expect(failures.isEmpty, "\(failures)")
    }
}
