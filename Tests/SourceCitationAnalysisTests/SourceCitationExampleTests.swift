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
        let analyzer = try SourceCitationAnalyzer(options: .init())
        let example = try #require(Self.examples.first { $0.id == id })
        let failures = ExampleAssertions.failures(of: analyzer, on: ExampleSet(analyzer: "source-citation", examples: [example]))
        #expect(failures.isEmpty, "\(failures)")
    }
}
