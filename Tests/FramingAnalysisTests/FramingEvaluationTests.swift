import Foundation
import LoupeCore
import Testing
@testable import FramingAnalysis

/// Accuracy of the primary frame on paragraphs written for this test (four or
/// more per Media Frames Corpus dimension), with the confusion between frames.
@Suite struct FramingEvaluationTests {
    struct Paragraph {
        var frame: String
        var text: String
    }

    static func paragraphs() throws -> [Paragraph] {
        let url = try #require(Bundle.module.url(forResource: "mfc-paragraphs", withExtension: "json"))
        let value = try JSONParser.parse([UInt8](Data(contentsOf: url)))
        return (value["paragraphs"]?.arrayValue ?? []).compactMap { item in
            guard let frame = item["frame"]?.stringValue, let text = item["text"]?.stringValue else { return nil }
            return Paragraph(frame: frame, text: text)
        }
    }

    static func primaryFrame(of text: String, analyzer: FramingAnalyzer) -> String {
        let document = Document(id: "p", text: text, sourcePath: "mfc-paragraphs.json")
        return analyzer.analyze(document).first { $0.range == nil }?.label ?? "none"
    }

    @Test func primaryFrameAccuracyAndConfusion() throws {
        let analyzer = try FramingAnalyzer(options: .init())
        let paragraphs = try Self.paragraphs()
        #expect(paragraphs.count >= 60)
        var correct = 0
        var confusion: [String: [String: Int]] = [:]
        for paragraph in paragraphs {
            let predicted = Self.primaryFrame(of: paragraph.text, analyzer: analyzer)
            if predicted == paragraph.frame { correct += 1 }
            confusion[paragraph.frame, default: [:]][predicted, default: 0] += 1
        }
        let accuracy = Double(correct) / Double(paragraphs.count)
        var report = "framing primary-frame accuracy: \(correct)/\(paragraphs.count) = \(String(format: "%.3f", accuracy))\n"
        for frame in analyzer.codebook.frames.map(\.id) {
            let row = confusion[frame, default: [:]].sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            report += "  \(frame): " + row.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + "\n"
        }
        print(report)
        // Chance is 1/15; the bar is set below the accuracy measured when the test set was first run.
        #expect(accuracy >= 0.7, "\(report)")
    }
}
