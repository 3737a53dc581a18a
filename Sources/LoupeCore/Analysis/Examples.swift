import Foundation

/// An analyzer's examples: short texts with the spans it must find marked
/// inline as `⟦…⟧`, and quiet texts where it must find nothing.
///
/// The same file drives the analyzer's tests and the REPL's `examples` command.
public struct ExampleSet: Sendable {
    public var analyzer: String
    public var examples: [Example]

    public init(analyzer: String, examples: [Example]) {
        self.analyzer = analyzer
        self.examples = examples
    }

    /// Reads `examples.json`: `{"analyzer": ID, "examples": [{"id", "text", "expect": [{"label", "layer"?}], "document": [...], "quiet": Bool, "note"}]}`.
    public static func load(from url: URL, analyzer: String) throws(AnalyzerError) -> ExampleSet {
        let path = url.path
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .invalidData(path: path, reason: "cannot be read")
        }
        let value: JSONValue
        do {
            value = try JSONParser.parse([UInt8](data))
        } catch {
            throw .invalidData(path: path, reason: "invalid JSON at \(error)")
        }
        guard let items = value["examples"]?.arrayValue else {
            throw .invalidData(path: path, reason: "expected an object with an \"examples\" array")
        }
        return ExampleSet(analyzer: value["analyzer"]?.stringValue ?? analyzer, examples: try parse(items, source: path))
    }

    /// Examples in the form of `examples.json`'s `"examples"` array; errors name `source`.
    public static func parse(_ items: [JSONValue], source: String) throws(AnalyzerError) -> [Example] {
        var examples: [Example] = []
        for (index, item) in items.enumerated() {
            do {
                examples.append(try Example(json: item))
            } catch {
                throw .invalidData(path: source, reason: "example \(index + 1): \(error.reason)")
            }
        }
        return examples
    }
}

/// What an example expects at one place.
public struct ExpectedFinding: Sendable, Hashable {
    public var label: String
    /// The layer, when the example names one.
    public var layer: String?
    /// Scalar range in the example's plain text; `nil` for the whole document.
    public var range: Range<Int>?
}

/// One example text with its expectations.
public struct Example: Sendable {
    public var id: String
    /// The text as written, markers included.
    public var markedText: String
    /// The text without markers, as the analyzer sees it.
    public var text: String
    public var expected: [ExpectedFinding]
    /// A quiet example expects no span-level finding at all.
    public var isQuiet: Bool
    public var note: String?
    /// Options the example runs with, over the defaults (`"options": {…}`):
    /// for behaviour that is off by default.
    public var options: [String: JSONValue]

    struct Fault: Error {
        var reason: String
    }

    static let open: Unicode.Scalar = "\u{27E6}"
    static let close: Unicode.Scalar = "\u{27E7}"

    init(json: JSONValue) throws(Fault) {
        guard let id = json["id"]?.stringValue else { throw Fault(reason: "missing \"id\"") }
        guard let marked = json["text"]?.stringValue else { throw Fault(reason: "\(id): missing \"text\"") }
        self.id = id
        markedText = marked
        isQuiet = json["quiet"]?.boolValue ?? false
        note = json["note"]?.stringValue
        if let raw = json["options"] {
            guard let options = raw.objectValue else { throw Fault(reason: "\(id): \"options\" must be an object") }
            self.options = options
        } else {
            options = [:]
        }
        var plain = ""
        var ranges: [Range<Int>] = []
        var openAt: Int?
        var offset = 0
        for scalar in marked.unicodeScalars {
            if scalar == Self.open {
                guard openAt == nil else { throw Fault(reason: "\(id): nested ⟦ markers") }
                openAt = offset
            } else if scalar == Self.close {
                guard let start = openAt else { throw Fault(reason: "\(id): ⟧ without ⟦") }
                ranges.append(start..<offset)
                openAt = nil
            } else {
                plain.unicodeScalars.append(scalar)
                offset += 1
            }
        }
        if openAt != nil { throw Fault(reason: "\(id): ⟦ never closed") }
        text = plain
        let expectations = json["expect"]?.arrayValue ?? []
        guard expectations.count == ranges.count else {
            throw Fault(reason: "\(id): \(ranges.count) marked spans but \(expectations.count) entries in \"expect\"")
        }
        if isQuiet, !ranges.isEmpty { throw Fault(reason: "\(id): a quiet example cannot mark spans") }
        var expected: [ExpectedFinding] = []
        for (range, item) in zip(ranges, expectations) {
            guard let label = item["label"]?.stringValue else { throw Fault(reason: "\(id): an expectation lacks \"label\"") }
            expected.append(ExpectedFinding(label: label, layer: item["layer"]?.stringValue, range: range))
        }
        for item in json["document"]?.arrayValue ?? [] {
            guard let label = item["label"]?.stringValue else { throw Fault(reason: "\(id): a document expectation lacks \"label\"") }
            expected.append(ExpectedFinding(label: label, layer: item["layer"]?.stringValue, range: nil))
        }
        if !isQuiet, expected.isEmpty { throw Fault(reason: "\(id): expects nothing; mark spans or set \"quiet\": true") }
        self.expected = expected
    }

    /// The example's text behind `prefix`, with every expected range shifted by
    /// the prefix's length in scalars.
    public func shifted(by prefix: String) -> Example {
        var copy = self
        let shift = prefix.unicodeScalars.count
        copy.text = prefix + text
        copy.markedText = prefix + markedText
        copy.expected = expected.map { finding in
            var moved = finding
            moved.range = finding.range.map { ($0.lowerBound + shift)..<($0.upperBound + shift) }
            return moved
        }
        return copy
    }
}

/// The result of running an analyzer on an example.
public struct ExampleOutcome: Sendable {
    public var example: Example
    public var suggestions: [Suggestion]
    /// Expectations no suggestion met.
    public var missing: [ExpectedFinding]
    /// Span-level suggestions on a quiet example.
    public var unexpected: [Suggestion]

    public var passed: Bool { missing.isEmpty && unexpected.isEmpty }

    /// Runs `analyzer` on `example` and compares.
    public static func check(_ example: Example, with analyzer: any Analyzer) -> ExampleOutcome {
        let document = Document(id: "example-" + example.id, text: example.text, sourcePath: "examples.json")
        let suggestions = analyzer.analyze(document)
        let missing = example.expected.filter { expected in
            !suggestions.contains { suggestion in
                suggestion.label == expected.label && suggestion.range == expected.range
                    && (expected.layer == nil || expected.layer == suggestion.layer)
            }
        }
        let unexpected = example.isQuiet ? suggestions.filter { $0.range != nil } : []
        return ExampleOutcome(example: example, suggestions: suggestions, missing: missing, unexpected: unexpected)
    }
}
