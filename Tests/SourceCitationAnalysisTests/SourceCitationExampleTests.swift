import AnalyzerTestSupport
import Foundation
import LoupeCore
import Testing
@testable import SourceCitationAnalysis

@Suite struct SourceCitationExampleTests {
    static let examples: [Example] = (try? SourceCitationAnalyzer.loadExamples().examples) ?? []

    @Test func examplesCoverEveryPattern() {
        #expect(Self.examples.count >= 25)
        let labels = Set(Self.examples.flatMap { $0.expected.map(\.label) })
        for label in CitationLabel.allCases { #expect(labels.contains(label.rawValue), "no example for \(label.rawValue)") }
        #expect(Self.examples.filter(\.isQuiet).count >= 5)
    }

    @Test(arguments: examples.map(\.id))
    func example(id: String) throws {
        let failures = try ExampleAssertions.failures(of: SourceCitationAnalyzer.self, example: id)
        #expect(failures.isEmpty, "\(failures)")
    }
}
