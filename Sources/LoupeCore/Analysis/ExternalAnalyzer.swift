import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How an external analyzer is declared (in `loupe.json`): the program to
/// start and how long to wait for each of its replies.
public struct ExternalAnalyzerSpec: Sendable, Equatable {
    /// The id the analyzer must announce in its handshake.
    public var id: String
    /// The program and its arguments; a program without a `/` is looked up
    /// in `PATH`, one with a `/` is relative to `directory`.
    public var command: [String]
    /// The folder it runs in (the configuration file's).
    public var directory: String
    /// Seconds to wait for the handshake and for each document's reply.
    public var timeout: Double

    public init(id: String, command: [String], directory: String, timeout: Double = 30) {
        self.id = id
        self.command = command
        self.directory = directory
        self.timeout = timeout
    }
}

/// An analyzer that is another program, in any language, speaking Loupe's
/// external analyzer protocol (`docs/external-analyzers.md`): one JSON
/// object per line on its standard input and output. The program is started
/// once per `analyze` run, told the options in a handshake, to which it
/// answers with its descriptor; then it gets one document per request and
/// answers with its suggestions. Its standard error is kept (the last few
/// lines) and shown when it fails.
///
/// Whatever the program does, the session goes on: a reply that is late,
/// malformed, or outside the protocol (a span outside the text, an id or a
/// status it must not set) is one error naming the analyzer and the
/// document, the process is stopped, and the run is rolled back. Its
/// suggestions get the same provenance, ids and merge rules as a built-in's.
public struct ExternalAnalyzer: FallibleAnalyzer {
    /// External analyzers take their options as JSON in the handshake; this
    /// type only satisfies the protocol.
    public struct Options: AnalyzerOptions {
        public init() {}
    }

    public static let descriptor = AnalyzerDescriptor(
        id: "external", name: "External analyzer", summary: "A program speaking Loupe's external analyzer protocol.",
        version: "1.0.0")

    public static var examplesURL: URL? { nil }

    public init(options: Options) throws(AnalyzerError) {
        throw .invalidOptions(analyzer: Self.descriptor.id, reason: "an external analyzer is made from its declaration")
    }

    public let instanceDescriptor: AnalyzerDescriptor
    private let connection: ExternalConnection

    /// Starts the program, sends it `options` and reads its descriptor.
    public init(spec: ExternalAnalyzerSpec, options: [String: JSONValue]) throws(AnalyzerError) {
        let connection = try ExternalConnection(spec: spec)
        let announced = try connection.handshake(options: options)
        self.connection = connection
        instanceDescriptor = announced.descriptor
    }

    public func analyze(_ document: Document) -> [Suggestion] {
        (try? analyzeOrFail(document)) ?? []
    }

    public func analyzeOrFail(_ document: Document) throws(AnalyzerError) -> [Suggestion] {
        try connection.analyze(document, layers: instanceDescriptor.layers)
    }

    /// What a program announces in its handshake.
    public struct Announcement: Sendable {
        public var descriptor: AnalyzerDescriptor
        /// Its options with their defaults.
        public var options: [String: JSONValue]
        public var examples: [Example]
    }

    /// The registry entry of a declared external analyzer: the program is
    /// started once to read its descriptor (with default options), and
    /// again for every run.
    public static func entry(for spec: ExternalAnalyzerSpec) throws(AnalyzerError) -> AnalyzerEntry {
        let connection = try ExternalConnection(spec: spec)
        let announcement = try connection.handshake(options: [:])
        connection.close()
        let examples = announcement.examples
        let id = announcement.descriptor.id
        return AnalyzerEntry(
            descriptor: announcement.descriptor, optionNames: announcement.options.keys.sorted(),
            make: { options throws(AnalyzerError) in
                for key in options.keys.sorted() where announcement.options[key] == nil {
                    let known = announcement.options.keys.sorted()
                    let hint = Spelling.nearest(to: key, in: known).map { "; did you mean \"\($0)\"?" } ?? ""
                    throw .invalidOptions(analyzer: id, reason: "no option \(Sanitizer.quoted(key))\(hint) (its options: \(known.joined(separator: ", ")))")
                }
                return try ExternalAnalyzer(spec: spec, options: options)
            },
            examples: { ExampleSet(analyzer: id, examples: examples) })
    }
}

/// One running external analyzer: its process and pipes. Requests are sent
/// one at a time (a lock); the process is stopped when the connection goes.
final class ExternalConnection: @unchecked Sendable {
    private let spec: ExternalAnalyzerSpec
    private let process = Process()
    private let input: Int32
    private let output: Int32
    private let lock = NSLock()
    private var pending: [UInt8] = []
    private var failed: AnalyzerError?
    private var closed = false
    private let errorTail = ErrorTail()
    private let errorHandle: FileHandle
    /// The longest reply read (a runaway program cannot fill the memory).
    static let maximumReply = 256 << 20

    init(spec: ExternalAnalyzerSpec) throws(AnalyzerError) {
        self.spec = spec
        guard let program = spec.command.first, !program.isEmpty else {
            throw .external(analyzer: spec.id, document: nil, reason: "its command is empty")
        }
        guard let executable = Self.locate(program, in: spec.directory) else {
            throw .external(analyzer: spec.id, document: nil, reason: "program \(Sanitizer.quoted(program)) not found"
                + (program.contains("/") ? " (relative to \(spec.directory))" : " in PATH"))
        }
        // A program that dies makes writes to its pipe fail with EPIPE instead of killing Loupe.
        signal(SIGPIPE, SIG_IGN)
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = Array(spec.command.dropFirst())
        process.currentDirectoryURL = URL(fileURLWithPath: spec.directory)
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        errorHandle = stderr.fileHandleForReading
        let tail = errorTail
        errorHandle.readabilityHandler = { handle in tail.append(handle.availableData) }
        do {
            try process.run()
        } catch {
            errorHandle.readabilityHandler = nil
            throw .external(analyzer: spec.id, document: nil, reason: "could not be started (\(error.localizedDescription))")
        }
        input = stdin.fileHandleForWriting.fileDescriptor
        output = stdout.fileHandleForReading.fileDescriptor
        // Keep the pipes' handles alive as long as the descriptors are used.
        handles = [stdin, stdout, stderr]
    }

    private var handles: [Pipe] = []

    deinit { close() }

    /// A program path: as given when it has a `/` (relative to `directory`),
    /// else the first executable of that name in `PATH`.
    static func locate(_ program: String, in directory: String) -> String? {
        if program.contains("/") {
            let path = program.hasPrefix("/") ? program : (directory as NSString).appendingPathComponent(program)
            return FileManager.default.isExecutableFile(atPath: path) ? path : nil
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = String(folder) + "/" + program
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Sends the options and reads the descriptor.
    func handshake(options: [String: JSONValue]) throws(AnalyzerError) -> ExternalAnalyzer.Announcement {
        lock.lock()
        defer { lock.unlock() }
        let reply = try exchange(["type": "hello", "protocol": 1, "options": .object(options)], document: nil, phase: "its handshake")
        return try Self.announcement(reply, declared: spec.id, fail: { reason in fail(reason, document: nil) })
    }

    /// One document's suggestions.
    func analyze(_ document: Document, layers: [String]) throws(AnalyzerError) -> [Suggestion] {
        lock.lock()
        defer { lock.unlock() }
        if let failed { throw failed }
        var fields: [String: JSONValue] = ["id": .string(document.id), "text": .string(document.text)]
        for field in document.metadata.fields { fields[field.key] = .string(field.value) }
        let reply = try exchange(["type": "analyze", "document": .object(fields)], document: document.id, phase: "the document")
        do throws(AnalyzerError) {
            return try ExternalReply.suggestions(reply, document: document, layers: layers, analyzer: spec.id)
        } catch {
            failed = error
            stop(graceful: false)
            throw error
        }
    }

    /// Closes the program's input and waits a moment for it to end; stops it otherwise.
    func close() {
        lock.lock()
        defer { lock.unlock() }
        stop()
    }

    /// Ends the program: its input closed, a moment to finish when it is
    /// `graceful` (a normal end of the run), then terminated.
    private func stop(graceful: Bool = true) {
        guard !closed else { return }
        closed = true
        closeDescriptor(input)
        let deadline = Date().addingTimeInterval(graceful ? 2 : 0.1)
        while process.isRunning, Date() < deadline { usleep(10_000) }
        if process.isRunning {
            process.terminate()
            let grace = Date().addingTimeInterval(0.2)
            while process.isRunning, Date() < grace { usleep(10_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        // Its children may keep the pipes open: wait for the process itself, briefly.
        let end = Date().addingTimeInterval(1)
        while process.isRunning, Date() < end { usleep(10_000) }
        errorHandle.readabilityHandler = nil
    }

    /// Writes a message and reads the reply line, within the timeout.
    private func exchange(_ message: [String: JSONValue], document: String?, phase: String) throws(AnalyzerError) -> JSONValue {
        if closed { throw fail("it was stopped after an earlier failure", document: document) }
        let line = Array((JSONWriter.compact(.object(message)) + "\n").utf8)
        if let problem = line.withUnsafeBytes({ AtomicFile.writeFully(input, $0) }) {
            throw fail("could not be written to (\(problem))\(exitNote())", document: document)
        }
        let deadline = Date().addingTimeInterval(spec.timeout)
        while true {
            if let newline = pending.firstIndex(of: 0x0A) {
                let bytes = Array(pending[..<newline])
                pending.removeSubrange(...newline)
                if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
                do {
                    return try JSONParser.parse(bytes)
                } catch {
                    let shown = Sanitizer.quoted(String(decoding: bytes.prefix(60), as: UTF8.self))
                    throw fail("answered \(phase) with a line that is not JSON (\(shown)): each message is one JSON object on a line", document: document)
                }
            }
            if pending.count > Self.maximumReply {
                throw fail("sent a reply longer than \(Self.maximumReply >> 20) MB", document: document)
            }
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 {
                throw fail("no reply to \(phase) within \(Self.seconds(spec.timeout)) s (the timeout)", document: document)
            }
            var descriptor = pollfd(fd: output, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Int32(min(remaining, 1) * 1000))
            if ready < 0, errno == EINTR { continue }
            if Interruption.isRequested { throw fail("interrupted", document: document) }
            guard ready > 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let count = chunk.withUnsafeMutableBytes { read(output, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            if count <= 0 {
                throw fail("ended its output before answering \(phase)\(exitNote())", document: document)
            }
            pending += chunk[..<count]
        }
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    /// The failure, recorded; the process is stopped.
    private func fail(_ reason: String, document: String?) -> AnalyzerError {
        stop(graceful: false)
        var text = reason
        let tail = errorTail.lastLine()
        if !tail.isEmpty { text += "; its standard error: " + Sanitizer.quoted(tail) }
        let error = AnalyzerError.external(analyzer: spec.id, document: document, reason: text)
        failed = error
        return error
    }

    private func exitNote() -> String {
        usleep(50_000)
        guard !process.isRunning else { return "" }
        return " (it exited with status \(process.terminationStatus))"
    }

    /// The descriptor a handshake reply announces.
    static func announcement(
        _ reply: JSONValue, declared: String, fail: (String) -> AnalyzerError
    ) throws(AnalyzerError) -> ExternalAnalyzer.Announcement {
        guard let object = reply.objectValue else { throw fail("answered the handshake with something other than an object") }
        if object["type"]?.stringValue == "error" {
            throw fail("refused: " + Sanitizer.sanitize(object["message"]?.stringValue ?? "no message"))
        }
        guard object["type"]?.stringValue == "descriptor" else {
            throw fail("answered the handshake with type \(Sanitizer.quoted(object["type"]?.stringValue ?? "none")), not \"descriptor\"")
        }
        guard object["protocol"]?.intValue == 1 else { throw fail("speaks protocol \(object["protocol"].map(JSONWriter.compact) ?? "none"), not 1") }
        func text(_ key: String) throws(AnalyzerError) -> String {
            guard let value = object[key]?.stringValue, !value.isEmpty else { throw fail("its descriptor has no \"\(key)\" text") }
            return value
        }
        let id = try text("id")
        guard id == declared else { throw fail("announced id \(Sanitizer.quoted(id)), but the configuration declares \(Sanitizer.quoted(declared))") }
        func strings(_ key: String) throws(AnalyzerError) -> [String]? {
            guard let value = object[key] else { return nil }
            guard let items = value.arrayValue?.compactMap(\.stringValue), items.count == value.arrayValue?.count else {
                throw fail("its descriptor's \"\(key)\" is not a list of texts")
            }
            return items
        }
        let descriptor = AnalyzerDescriptor(
            id: id, name: try text("name"), summary: try text("summary"), version: try text("version"),
            layers: try strings("layers"), labels: try strings("labels") ?? [])
        guard !descriptor.layers.isEmpty else { throw fail("its descriptor declares no layer") }
        let options = object["options"]?.objectValue ?? [:]
        var examples: [Example] = []
        if let items = object["examples"] {
            guard let list = items.arrayValue else { throw fail("its descriptor's \"examples\" is not a list") }
            do {
                examples = try ExampleSet.parse(list, source: "its descriptor")
            } catch {
                throw fail(error.description)
            }
        }
        return ExternalAnalyzer.Announcement(descriptor: descriptor, options: options, examples: examples)
    }
}

/// The last lines a program wrote to its standard error.
final class ErrorTail: @unchecked Sendable {
    private let lock = NSLock()
    private var bytes: [UInt8] = []

    func append(_ data: Data) {
        lock.lock()
        defer { lock.unlock() }
        bytes += data
        if bytes.count > 4096 { bytes.removeFirst(bytes.count - 4096) }
    }

    /// The last non-empty line.
    func lastLine() -> String {
        lock.lock()
        defer { lock.unlock() }
        let lines = String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline)
        return lines.last.map { String($0.prefix(200)) } ?? ""
    }
}

/// Reading a document's reply: every suggestion checked against the
/// protocol and the text.
enum ExternalReply {
    static let forbiddenKeys = ["id", "status", "creator", "created", "modified", "target", "orphaned"]

    static func suggestions(
        _ reply: JSONValue, document: Document, layers: [String], analyzer: String
    ) throws(AnalyzerError) -> [Suggestion] {
        func fail(_ reason: String) -> AnalyzerError { .external(analyzer: analyzer, document: document.id, reason: reason) }
        guard let object = reply.objectValue else { throw fail("answered with something other than an object") }
        if object["type"]?.stringValue == "error" {
            throw fail("failed: " + Sanitizer.sanitize(object["message"]?.stringValue ?? "no message"))
        }
        guard object["type"]?.stringValue == "suggestions" else {
            throw fail("answered with type \(Sanitizer.quoted(object["type"]?.stringValue ?? "none")), not \"suggestions\"")
        }
        guard object["document"]?.stringValue == document.id else {
            throw fail("answered for document \(Sanitizer.quoted(object["document"]?.stringValue ?? "none"))")
        }
        guard let items = object["suggestions"]?.arrayValue else { throw fail("its reply has no \"suggestions\" list") }
        let length = document.length
        var suggestions: [Suggestion] = []
        suggestions.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            let place = "suggestion \(index + 1)"
            guard let fields = item.objectValue else { throw fail("\(place) is not an object") }
            for key in forbiddenKeys where fields[key] != nil {
                throw fail("\(place) sets \"\(key)\", which Loupe sets (ids derive from the span and label; a person decides the status)")
            }
            let layer = fields["layer"]?.stringValue ?? layers[0]
            guard layers.contains(layer) else { throw fail("\(place) is in layer \(Sanitizer.quoted(layer)), which its descriptor does not declare") }
            guard let label = fields["label"]?.stringValue, !label.isEmpty, !label.unicodeScalars.contains(where: Sanitizer.isUnsafe) else {
                throw fail("\(place) has no printable \"label\"")
            }
            guard let rule = fields["rule"]?.stringValue, !rule.isEmpty else { throw fail("\(place) names no \"rule\"") }
            var range: Range<Int>?
            if fields["start"] != nil || fields["end"] != nil {
                guard let start = fields["start"]?.intValue, let end = fields["end"]?.intValue else {
                    throw fail("\(place): \"start\" and \"end\" must both be whole numbers")
                }
                guard 0 <= start, start < end, end <= length else {
                    throw fail("\(place): span \(start)-\(end) is outside the text (0-\(length), in Unicode scalars)")
                }
                range = start..<end
            }
            var cues: [Cue] = []
            for cue in fields["cues"]?.arrayValue ?? [] {
                guard let start = cue["start"]?.intValue, let end = cue["end"]?.intValue, 0 <= start, start <= end, end <= length else {
                    throw fail("\(place): a cue's span is missing or outside the text")
                }
                let text = String(document.text(scalars: start..<end))
                if let claimed = cue["text"]?.stringValue, claimed != text {
                    throw fail("\(place): a cue says \(Sanitizer.quoted(claimed)) but its span holds \(Sanitizer.quoted(text))")
                }
                cues.append(Cue(text: text, range: start..<end))
            }
            var confidence: Double?
            if let value = fields["confidence"] {
                guard let number = value.doubleValue, number.isFinite, (0...1).contains(number) else {
                    throw fail("\(place): \"confidence\" must be a number from 0 to 1")
                }
                confidence = number
            }
            let attributes = fields["attributes"]?.objectValue ?? [:]
            if fields["attributes"] != nil, fields["attributes"]?.objectValue == nil { throw fail("\(place): \"attributes\" must be an object") }
            suggestions.append(
                Suggestion(
                    layer: layer, label: label, range: range, rule: rule, cues: cues, attributes: attributes,
                    confidence: confidence, key: fields["key"]?.stringValue))
        }
        return suggestions
    }
}

private func closeDescriptor(_ descriptor: Int32) {
    #if canImport(Glibc)
    _ = Glibc.close(descriptor)
    #elseif canImport(Darwin)
    _ = Darwin.close(descriptor)
    #endif
}
