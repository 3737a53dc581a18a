import Foundation
import LoupeCore

/// A small, real analyzer used only by tests to exercise the analyzer
/// contract: it marks every token whose lower-cased text is in a word list.
public struct WordListAnalyzer: Analyzer {
    public struct Options: AnalyzerOptions {
        public var words: [String]
        public var label: String

        public init() {
            words = ["danger", "threat", "crisis"]
            label = "alarm"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let defaults = Options()
            words = try container.decodeIfPresent([String].self, forKey: .words) ?? defaults.words
            label = try container.decodeIfPresent(String.self, forKey: .label) ?? defaults.label
        }
    }

    public static let descriptor = AnalyzerDescriptor(
        id: "word-list", name: "Word List", summary: "Marks words from a list (a test analyzer).", version: "1.0.0",
        layers: ["test"], labels: ["alarm", "summary"], colour: .cyan)

    public static var examplesURL: URL? { Bundle.module.url(forResource: "word-list-examples", withExtension: "json") }

    let words: Set<String>
    let label: String

    public init(options: Options) throws(AnalyzerError) {
        guard !options.words.isEmpty else { throw .invalidOptions(analyzer: Self.descriptor.id, reason: "words must not be empty") }
        guard !options.label.isEmpty else { throw .invalidOptions(analyzer: Self.descriptor.id, reason: "label must not be empty") }
        words = Set(options.words.map { $0.lowercased() })
        label = options.label
    }

    public func analyze(_ document: Document) -> [Suggestion] {
        var suggestions: [Suggestion] = []
        var count = 0
        for token in document.segmentation.tokens where token.kind == .word {
            let text = String(document.text.slice(utf8: token.span.utf8))
            guard words.contains(text.lowercased()) else { continue }
            count += 1
            suggestions.append(
                Suggestion(
                    layer: "test", label: label, range: token.span.scalars, rule: "word-list.match",
                    cues: [Cue(text: text, range: token.span.scalars)], confidence: 0.5))
        }
        if count > 0 {
            suggestions.append(
                Suggestion(layer: "test", label: "summary", range: nil, rule: "word-list.count", attributes: ["count": .int(count)]))
        }
        return suggestions
    }
}

/// Its per-document table, so the workbench's handling of analyzers' own
/// commands is tested with an analyzer the workbench knows nothing of.
extension WordListAnalyzer: DocumentTableView {
    public static let tableCommand = TableCommand(name: "matches", summary: "Show how many listed words a document has.")

    public static func tableAnnotation(in annotations: [Annotation]) -> Annotation? {
        annotations.first { $0.layer == "test" && $0.label == "summary" && $0.target == nil && $0.status != .rejected }
    }

    public static func tableLines(documentID: String, annotation: Annotation) -> [String] {
        ["\(Sanitizer.sanitize(documentID)): \(annotation.attributes["count"]?.intValue ?? 0) listed words"]
    }

    public static func tableJSON(documentID: String, annotation: Annotation) -> JSONValue {
        .object(["document": .string(documentID), "count": annotation.attributes["count"] ?? .int(0)])
    }
}
