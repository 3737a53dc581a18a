import Foundation

/// What an analyzer is, as plain data: shown by `analyzers`, recorded in the
/// provenance of every annotation it makes.
public struct AnalyzerDescriptor: Sendable, Hashable {
    /// Stable, lower-case, hyphenated id (`framing`, `source-citation`).
    public var id: String
    /// Title Case name.
    public var name: String
    /// One sentence saying what it finds.
    public var summary: String
    /// Semantic version; changes whenever its logic or lexicons change.
    public var version: String
    /// The layers its annotations are in (usually just its id); the
    /// workbench completes and colours them.
    public var layers: [String]
    /// The labels it may suggest, for completion and listings (it may also
    /// use others, from a codebook or options).
    public var labels: [String]
    /// The colour its layers are drawn in at a terminal; `nil` picks one
    /// from the layer's name.
    public var colour: TerminalStyle?
    /// Layers of other analyzers it reads (see ``LayerReadingAnalyzer``):
    /// `analyze` runs their writers first.
    public var reads: [String]

    public init(
        id: String, name: String, summary: String, version: String, layers: [String]? = nil, labels: [String] = [],
        colour: TerminalStyle? = nil, reads: [String] = []
    ) {
        self.id = id
        self.name = name
        self.summary = summary
        self.version = version
        self.layers = layers ?? [id]
        self.labels = labels
        self.colour = colour
        self.reads = reads
    }
}

/// An analyzer that builds on other analyzers' output (sentiment toward the
/// sources source citation found, say): it declares the layers it reads in
/// its descriptor's ``AnalyzerDescriptor/reads``, and is given the
/// document's annotations in them: what is saved (rejected ones left out)
/// and what the analyzers run before it in the same run suggested.
public protocol LayerReadingAnalyzer: Analyzer {
    func analyze(_ document: Document, reading annotations: [Annotation]) -> [Suggestion]
}

extension LayerReadingAnalyzer {
    public func analyze(_ document: Document) -> [Suggestion] { analyze(document, reading: []) }
}

/// An analyzer's configuration: `Codable` so it can come from the REPL's
/// `set` command or a file, with every field defaulted by `init()`.
public protocol AnalyzerOptions: Codable, Sendable {
    init()
}

/// A module that reads a segmented document and suggests annotations.
///
/// Analyzers are pure: the same document and options give the same
/// suggestions, with no global mutable state. `init(options:)` loads lexicons
/// once into immutable storage; `analyze(_:)` may run on many documents at once.
public protocol Analyzer: Sendable {
    associatedtype Options: AnalyzerOptions

    static var descriptor: AnalyzerDescriptor { get }

    /// The module's `examples.json`, read by its tests and the REPL's `examples` command.
    static var examplesURL: URL? { get }

    init(options: Options) throws(AnalyzerError)

    /// Suggestions for one document, each explaining itself by rule and cues.
    func analyze(_ document: Document) -> [Suggestion]

    /// What this instance is: its type's ``descriptor``, except for an
    /// analyzer whose identity is only known at run time (an external one).
    var instanceDescriptor: AnalyzerDescriptor { get }
}

extension Analyzer {
    public var instanceDescriptor: AnalyzerDescriptor { Self.descriptor }
}

extension Analyzer {
    /// Decodes options from JSON (missing fields keep their defaults) and
    /// makes the analyzer.
    public static func make(options: [String: JSONValue]) throws(AnalyzerError) -> Self {
        try checkNames(of: options)
        let decoded: Options
        if options.isEmpty {
            decoded = Options()
        } else {
            do {
                let data = Data(JSONWriter.compact(.object(options)).utf8)
                decoded = try JSONDecoder().decode(Options.self, from: data)
            } catch let error as DecodingError {
                throw .invalidOptions(analyzer: descriptor.id, reason: AnalyzerError.describe(error))
            } catch {
                throw .invalidOptions(analyzer: descriptor.id, reason: "\(error)")
            }
        }
        return try Self(options: decoded)
    }

    /// The names of the analyzer's options: the keys its default options
    /// encode, and its stored properties (an optional one left `nil` by
    /// default is not encoded).
    public static var optionNames: [String] {
        var names = Set(defaultOptions.keys)
        for child in Mirror(reflecting: Options()).children {
            if let label = child.label, !label.hasPrefix("_") { names.insert(label) }
        }
        return names.sorted()
    }

    /// The default options as JSON, by name.
    public static var defaultOptions: [String: JSONValue] {
        guard let data = try? JSONEncoder().encode(Options()),
            let object = try? JSONParser.parse(String(decoding: data, as: UTF8.self)).objectValue
        else { return [:] }
        return object
    }

    /// Refuses options the analyzer does not have (a mistyped name would be
    /// silently ignored by decoding) and numbers that are not finite (JSON
    /// has no infinity: `1e400` would be stored as null).
    static func checkNames(of options: [String: JSONValue]) throws(AnalyzerError) {
        guard !options.isEmpty else { return }
        let defaults = defaultOptions
        let known = optionNames
        for key in options.keys.sorted() where !known.contains(key) {
            let hint = Spelling.nearest(to: key, in: known).map { "; did you mean \"\($0)\"?" } ?? ""
            throw .invalidOptions(
                analyzer: descriptor.id,
                reason: "no option \(Sanitizer.quoted(key))\(hint) (its options: \(known.joined(separator: ", ")))")
        }
        for key in options.keys.sorted() {
            guard let value = options[key] else { continue }
            if case .double(let number) = value, !number.isFinite {
                throw .invalidOptions(analyzer: descriptor.id, reason: "option \"\(key)\": not a finite number")
            }
            // A whole number where the default is one: in range, and whole.
            if case .int = defaults[key] {
                switch value {
                case .int: break
                case .double(let number):
                    let reason = number.rounded() != number ? "a whole number is expected, not \(number)" : "\(number) is out of range"
                    throw .invalidOptions(analyzer: descriptor.id, reason: "option \"\(key)\": \(reason)")
                default:
                    throw .invalidOptions(analyzer: descriptor.id, reason: "option \"\(key)\": a whole number is expected")
                }
            }
        }
    }

    /// The examples, read from ``examplesURL``.
    public static func loadExamples() throws(AnalyzerError) -> ExampleSet {
        guard let url = examplesURL else { return ExampleSet(analyzer: descriptor.id, examples: []) }
        return try ExampleSet.load(from: url, analyzer: descriptor.id)
    }
}

/// An analyzer that can fail on a document (an external program that
/// dies, hangs or answers what the protocol does not allow): the run stops
/// at the failure and everything it applied is taken back.
public protocol FallibleAnalyzer: Analyzer {
    func analyzeOrFail(_ document: Document) throws(AnalyzerError) -> [Suggestion]
}

/// Why an analyzer could not be made or its data read.
public enum AnalyzerError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownAnalyzer(String, suggestion: String?)
    case invalidOptions(analyzer: String, reason: String)
    case invalidData(path: String, reason: String)
    /// An external analyzer failed: at its start or handshake (no document),
    /// or on a document.
    case external(analyzer: String, document: String?, reason: String)

    public var description: String {
        switch self {
        case .unknownAnalyzer(let id, let suggestion):
            let hint = suggestion.map { "; did you mean '\($0)'?" } ?? "; see 'analyzers'"
            return "unknown analyzer \(Sanitizer.quoted(id))\(hint)"
        case .invalidOptions(let analyzer, let reason):
            return "\(analyzer): invalid options: \(reason)"
        case .invalidData(let path, let reason):
            return "\(path): \(reason)"
        case .external(let analyzer, let document, let reason):
            return "external analyzer \(analyzer)" + (document.map { ", document \(Sanitizer.sanitize($0))" } ?? "") + ": " + reason
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map(\.stringValue).joined(separator: ".")
            return keys.isEmpty ? "" : "option \"\(keys)\": "
        }
        switch error {
        case .typeMismatch(let type, let context): return path(context) + "expected \(type)"
        case .valueNotFound(let type, let context): return path(context) + "missing \(type)"
        case .keyNotFound(let key, let context): return path(context) + "missing option \"\(key.stringValue)\""
        case .dataCorrupted(let context): return path(context) + context.debugDescription
        @unknown default: return "\(error)"
        }
    }
}

extension JSONValue {
    /// An analyzer option's value as a person types it (`set`, `--set`):
    /// JSON when it parses as JSON, `[a, b]` as a list of strings (a shell
    /// or the REPL's lexer has removed the inner quotes), else text.
    public static func option(_ text: String) -> JSONValue {
        if let value = try? JSONParser.parse(text) { return value }
        if text.hasPrefix("["), text.hasSuffix("]") {
            let items = text.dropFirst().dropLast().split(separator: ",").map {
                String($0).trimmingCharacters(in: .whitespaces)
            }
            return .array(items.filter { !$0.isEmpty }.map { .string($0) })
        }
        return .string(text)
    }
}
