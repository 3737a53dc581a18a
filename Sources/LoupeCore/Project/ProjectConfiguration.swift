import Foundation

/// A project's settings, kept in `loupe.json` in the working folder (or the
/// file `--config` names): what to open, where annotations go, who is
/// annotating, analyzer options, and external analyzers.
///
/// ```json
/// {
///   "open": ["seeds"],
///   "annotations": "annotations",
///   "annotator": "Ana",
///   "jobs": 2,
///   "analyzers": {"sentiment": {"sentenceThreshold": 0.5}},
///   "external": {"quote-finder": {"command": ["python3", "analyzers/quote_finder.py"], "timeout": 10}}
/// }
/// ```
///
/// Every key is optional; command-line flags win over the file. A file that
/// is not valid JSON, a key the file may not have (the nearest known one is
/// named), or a value of the wrong type is one error naming the file, the
/// line and the key.
public struct ProjectConfiguration: Sendable, Equatable {
    public static let defaultFileName = "loupe.json"

    /// Paths opened when none are given on the command line.
    public var open: [String]?
    public var annotations: String?
    public var annotator: String?
    public var jobs: Int?
    /// Options per analyzer id, as `set ANALYZER.OPTION VALUE` takes them.
    public var analyzers: [String: [String: JSONValue]] = [:]
    /// External analyzers by id, in the order the file names them.
    public var external: [ExternalAnalyzerSpec] = []
    /// The file it was read from (paths in it are relative to its folder).
    public var path: String?

    public init() {}

    static let keys = ["open", "annotations", "annotator", "jobs", "analyzers", "external"]
    static let externalKeys = ["command", "timeout"]

    /// Why a configuration file cannot be used.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var path: String
        public var line: Int?
        public var message: String

        public var description: String { "\(path)\(line.map { ":\($0)" } ?? ""): \(message)" }
    }

    /// Reads `path`; `nil` when it does not exist.
    public static func load(_ path: String) throws(Failure) -> ProjectConfiguration? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(path: path, message: "cannot be read")
        }
        return try parse([UInt8](data), path: path)
    }

    /// Reads a configuration from its bytes; errors name `path`.
    public static func parse(_ bytes: [UInt8], path: String) throws(Failure) -> ProjectConfiguration {
        let value: JSONValue
        let locations: JSONLocations
        do {
            (value, locations) = try JSONParser.parseWithLocations(bytes)
        } catch {
            throw Failure(path: path, line: error.line, message: "invalid JSON (column \(error.column)): \(error.reason)")
        }
        func line(_ keys: [String]) -> Int? {
            locations.lineAndColumn(of: keys.map { "/" + $0 }.joined()).line
        }
        func fail(_ keys: [String], _ message: String) -> Failure {
            Failure(path: path, line: line(keys), message: (keys.isEmpty ? "" : keys.joined(separator: ".") + ": ") + message)
        }
        guard let object = value.objectValue else { throw fail([], "expected a JSON object of settings") }
        var configuration = ProjectConfiguration()
        configuration.path = path
        for key in object.keys.sorted() where !keys.contains(key) {
            let hint = Spelling.nearest(to: key, in: keys).map { "; did you mean \"\($0)\"?" } ?? ""
            throw fail([key], "not a setting\(hint) (settings: \(keys.joined(separator: ", ")))")
        }
        if let open = object["open"] {
            guard let items = open.arrayValue, let paths = Optional(items.compactMap(\.stringValue)), paths.count == items.count else {
                throw fail(["open"], "expected a list of paths")
            }
            configuration.open = paths
        }
        for key in ["annotations", "annotator"] {
            guard let field = object[key] else { continue }
            guard let text = field.stringValue, !text.isEmpty, !text.unicodeScalars.contains(where: Sanitizer.isUnsafe) else {
                throw fail([key], "expected a printable text")
            }
            if key == "annotations" { configuration.annotations = text } else { configuration.annotator = text }
        }
        if let jobs = object["jobs"] {
            guard let count = jobs.intValue, (1...256).contains(count) else { throw fail(["jobs"], "expected a whole number from 1 to 256") }
            configuration.jobs = count
        }
        if let analyzers = object["analyzers"] {
            guard let table = analyzers.objectValue else { throw fail(["analyzers"], "expected an object of options per analyzer") }
            for (id, options) in table {
                guard let fields = options.objectValue else { throw fail(["analyzers", id], "expected an object of options") }
                configuration.analyzers[id] = fields
            }
        }
        if let external = object["external"] {
            guard let table = external.objectValue else { throw fail(["external"], "expected an object of external analyzers by id") }
            let folder = (path as NSString).deletingLastPathComponent
            for id in table.keys.sorted() {
                // Files write an analyzer's provenance as `id@version`: an id is a plain name.
                guard !id.isEmpty, id.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0) }) else {
                    throw fail(["external", id], "an analyzer id is lower-case letters, digits, '-', '_' and '.'")
                }
                guard let fields = table[id]?.objectValue else { throw fail(["external", id], "expected an object with \"command\"") }
                for key in fields.keys.sorted() where !externalKeys.contains(key) {
                    let hint = Spelling.nearest(to: key, in: externalKeys).map { "; did you mean \"\($0)\"?" } ?? ""
                    throw fail(["external", id, key], "not a setting of an external analyzer\(hint)")
                }
                guard let items = fields["command"]?.arrayValue, !items.isEmpty,
                    let command = Optional(items.compactMap(\.stringValue)), command.count == items.count
                else {
                    throw fail(["external", id, "command"], "expected the program and its arguments as a list of texts")
                }
                var timeout = 30.0
                if let value = fields["timeout"] {
                    guard let seconds = value.doubleValue, seconds.isFinite, seconds > 0, seconds <= 3600 else {
                        throw fail(["external", id, "timeout"], "expected seconds, more than 0 and at most 3600")
                    }
                    timeout = seconds
                }
                configuration.external.append(
                    ExternalAnalyzerSpec(id: id, command: command, directory: folder.isEmpty ? "." : folder, timeout: timeout))
            }
        }
        return configuration
    }

    /// The file's JSON: keys sorted, indented, one setting per line.
    public func encoded() -> [UInt8] {
        var object: [String: JSONValue] = [:]
        if let open { object["open"] = .array(open.map { .string($0) }) }
        if let annotations { object["annotations"] = .string(annotations) }
        if let annotator { object["annotator"] = .string(annotator) }
        if let jobs { object["jobs"] = .int(jobs) }
        if !analyzers.isEmpty { object["analyzers"] = .object(analyzers.mapValues { .object($0) }) }
        if !external.isEmpty {
            object["external"] = .object(Dictionary(uniqueKeysWithValues: external.map { spec in
                var fields: [String: JSONValue] = ["command": .array(spec.command.map { .string($0) })]
                if spec.timeout != 30 { fields["timeout"] = .double(spec.timeout) }
                return (spec.id, .object(fields))
            }))
        }
        return Array((JSONWriter.pretty(.object(object)) + "\n").utf8)
    }

    /// Writes the file atomically (to ``path``, or `loupe.json` here).
    public func save() throws(StoreError) {
        try AtomicFile.write(encoded(), to: path ?? Self.defaultFileName)
    }
}
