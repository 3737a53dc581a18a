import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `loupe stream`: JSONL documents in, one JSONL record of annotations per
/// document out, in input order, with memory bounded by a few documents in
/// flight whatever the input's length.
///
/// Each output record is `{"annotations":[…],"id":…,"length":…,"sha256":…}`
/// with the annotations in the annotation files' schema and order, so that
/// the REPL's `import` can merge them and any JSON reader can use them.
/// Reading and writing happen on the calling thread; parsing, analysis and
/// encoding on the workers.
public struct StreamProcessor: Sendable {
    /// One input: a path, or `-` for standard input.
    public struct Input: Sendable {
        public var name: String
        public var descriptor: Int32

        public init(name: String, descriptor: Int32) {
            self.name = name
            self.descriptor = descriptor
        }
    }

    /// What a run did.
    public struct Summary: Sendable {
        public var documents = 0
        /// Lines that were not documents, each reported.
        public var badLines = 0
        public var bytesRead = 0
        public var bytesWritten = 0
        /// Why the run stopped early (a read or write error, an interruption).
        public var stoppedBecause: String?
    }

    public let runner: AnalysisRunner
    public let jobs: Int

    public init(runner: AnalysisRunner, jobs: Int) {
        self.runner = runner
        self.jobs = max(1, jobs)
    }

    /// Processes the inputs in order.
    ///
    /// - Parameters:
    ///   - report: receives each error line (`FILE:LINE: error: …`), without a newline.
    ///   - progress: called after each document with the summary so far.
    public func run(
        _ inputs: [Input], to output: DescriptorWriter, report: (String) -> Void,
        stop: @escaping @Sendable () -> Bool = { false }, progress: (Summary) -> Void = { _ in }
    ) -> Summary {
        var summary = Summary()
        let runner = self.runner
        let writeFailed = StopFlag()
        for input in inputs {
            var reader = LineReader(descriptor: input.descriptor)
            let name = input.name
            let readBefore = summary.bytesRead
            OrderedPipeline.run(
                jobs: jobs, window: jobs * 8,
                produce: { () -> LineReader.Line? in
                    while let line = reader.next() {
                        summary.bytesRead = readBefore + reader.bytesRead
                        // Blank lines separate nothing and are skipped, as `open` does.
                        if line.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                        return line
                    }
                    summary.bytesRead = readBefore + reader.bytesRead
                    return nil
                },
                transform: { line in Self.process(line, name: name, runner: runner) },
                consume: { outcome in
                    switch outcome {
                    case .success(let record):
                        output.write(record)
                        if output.failure != nil { writeFailed.raise() }
                        summary.documents += 1
                    case .failure(let message):
                        report(message.message)
                        summary.badLines += 1
                    }
                    progress(summary)
                },
                stop: { stop() || writeFailed.isRaised })
            if let failure = reader.failure {
                summary.stoppedBecause = "\(name): read error: \(failure)"
                break
            }
            if output.failure != nil || stop() { break }
        }
        output.flush()
        if let failure = output.failure {
            summary.stoppedBecause = "standard output: write error: \(failure)"
        } else if stop(), summary.stoppedBecause == nil {
            summary.stoppedBecause = "interrupted"
        }
        summary.bytesWritten = output.bytesWritten
        return summary
    }

    /// The output line for one input line, or the error that names it.
    static func process(_ line: LineReader.Line, name: String, runner: AnalysisRunner) -> Result<[UInt8], StreamLineError> {
        let document: Document
        switch CorpusRecord.parse(line.bytes[...], path: name, line: line.number) {
        case .success(let parsed): document = parsed
        case .failure(let error): return .failure(StreamLineError(Self.message(for: error, name: name, line: line.number)))
        }
        guard runner.readsLayers else {
            // The suggestions written as their annotations without making those (see SuggestionEncoding).
            let made = runner.members.map { SuggestionEncoding.Made(descriptor: $0.descriptor, suggestions: $0.analyzer.analyze(document)) }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(256 + made.reduce(0) { $0 + $1.suggestions.count } * 512)
            bytes.appendLiteral("{\"annotations\":")
            SuggestionEncoding.appendAnnotations(of: made, in: document, at: runner.time, to: &bytes)
            appendRecordEnd(document: document, to: &bytes)
            return .success(bytes)
        }
        var annotations = Annotation.inStorageOrder(runner.annotations(for: document).joined())
        // Two analyzers never share an id; one analyzer's duplicates (none today) keep the first.
        var seen = Set<String>()
        annotations.removeAll { !seen.insert($0.id).inserted }
        return .success(record(document: document, annotations: annotations))
    }

    /// `{"annotations":[…],"id":…,"length":…,"sha256":…}` and a newline.
    public static func record(document: Document, annotations: [Annotation]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(256 + annotations.count * 512)
        bytes.appendLiteral("{\"annotations\":[")
        for (index, annotation) in annotations.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            AnnotationCoding.append(annotation, to: &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
        appendRecordEnd(document: document, to: &bytes)
        return bytes
    }

    /// `,"id":…,"length":…,"sha256":…}` and a newline; the document's derived facts are released.
    private static func appendRecordEnd(document: Document, to bytes: inout [UInt8]) {
        bytes.appendLiteral(",\"id\":")
        JSONWriter.appendString(document.id, to: &bytes)
        JSONWriter.appendMember("length", int: document.length, to: &bytes)
        JSONWriter.appendMember("sha256", string: document.sha256, to: &bytes)
        bytes.appendLiteral("}\n")
        document.releaseDerivedFacts()
    }

    static func message(for error: DocumentError, name: String, line: Int) -> String {
        switch error {
        case .corpusLine(let path, let number, let reason): return "\(path):\(number): error: \(reason)"
        case .unsafeID(_, let id, let reason):
            return "\(name):\(line): error: document id \(Sanitizer.quoted(id)) is not a safe file name (\(reason))"
        default: return "\(name):\(line): error: \(error.description)"
        }
    }
}

/// A flag one thread raises and others check.
final class StopFlag: Sendable {
    private let raised = Mutex(false)

    func raise() { raised.withLock { $0 = true } }

    var isRaised: Bool { raised.withLock { $0 } }
}

/// A line of stream input that is not a document, with the message naming it.
public struct StreamLineError: Error, Sendable {
    public var message: String

    public init(_ message: String) { self.message = message }
}
