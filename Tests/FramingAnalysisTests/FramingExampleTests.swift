import AnalyzerTestSupport
import Foundation
import LoupeCore
import Testing
@testable import FramingAnalysis

@Suite struct FramingExampleTests {
    static let examples: [Example] = (try? FramingAnalyzer.loadExamples().examples) ?? []

    /// A file that fails to parse would leave the parameterised test with no cases: it must load.
    @Test func theExamplesLoad() throws {
        #expect(try FramingAnalyzer.loadExamples().examples.count >= 30)
    }

    @Test(arguments: examples.map(\.id))
    func example(id: String) throws {
        let failures = try ExampleAssertions.failures(of: FramingAnalyzer.self, example: id)
        #expect(failures.isEmpty, "\(failures)")
    }
}
