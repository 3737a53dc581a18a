import ArgumentParser
import Foundation
import LoupeCore
import LoupeREPL

/// `loupe stream`: analysis as a plain standard-input-to-standard-output
/// filter, for corpora of any size and for engines that spread a filter over
/// many machines (GNU parallel, Hadoop Streaming, Spark's `RDD.pipe`).
struct Stream: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loupe stream",
        abstract: "Analyze JSONL documents from standard input or files; write one JSONL record per document.",
        discussion: """
            Each input line is a document as 'open' reads a .jsonl corpus: {"id": …, "text": …} with optional title, \
            outlet, date, url and author. Each output line is {"annotations": […], "id": …, "length": …, "sha256": …}, \
            the annotations in the schema of the annotation files, in input order. A bad input line gets one error \
            naming its file and line on standard error; the others are still processed, and the exit status is 1. \
            Set SOURCE_DATE_EPOCH to give every annotation the same creation time, so that runs are byte-identical. \
            Bring the results into the workbench with the REPL's 'import' command.
            """
    )

    @Option(name: .long, help: ArgumentHelp("Analyzers to run, separated by commas (default: all).", valueName: "list"))
    var analyzers: String?

    @Option(name: .long, help: "Worker threads (default: one per core).")
    var jobs: Int?

    @Option(name: .customLong("set"), help: ArgumentHelp("An analyzer option, as the REPL's 'set' takes it (repeatable).", valueName: "analyzer.option=value"))
    var settings: [String] = []

    @Flag(name: .long, help: "No progress line on standard error, even at a terminal.")
    var quiet = false

    @Argument(help: "JSONL files ('-' or none: standard input).")
    var files: [String] = []

    mutating func validate() throws {
        if let jobs, !(1...256).contains(jobs) { throw ValidationError("--jobs takes a whole number from 1 to 256") }
    }

    func run() throws {
        Interrupts.install()
        let registry = Workbench.analyzers
        var types = registry.entries
        if let analyzers {
            types = []
            for name in analyzers.split(separator: ",", omittingEmptySubsequences: false).map({ $0.trimmingCharacters(in: .whitespaces) }) {
                do {
                    types.append(try registry.analyzer(name))
                } catch {
                    throw ValidationError("--analyzers: \(error.description)")
                }
            }
        }
        var options: [String: [String: JSONValue]] = [:]
        for setting in settings {
            guard let equals = setting.firstIndex(of: "="), let dot = setting[..<equals].firstIndex(of: ".") else {
                throw ValidationError("--set takes ANALYZER.OPTION=VALUE, not \(Sanitizer.quoted(setting))")
            }
            let analyzer = String(setting[..<dot])
            let key = String(setting[setting.index(after: dot)..<equals])
            do {
                _ = try registry.analyzer(analyzer)
            } catch {
                throw ValidationError("--set: \(error.description)")
            }
            options[analyzer, default: [:]][key] = JSONValue.option(String(setting[setting.index(after: equals)...]))
        }
        do throws(AnalyzerError) {
            types = try AnalyzerRegistry.ordered(types)
        } catch {
            throw ValidationError(error.description)
        }
        var instances: [any Analyzer] = []
        for type in types {
            do {
                instances.append(try type.make(options: options[type.descriptor.id] ?? [:]))
            } catch {
                throw ValidationError(error.description)
            }
        }

        var inputs: [StreamProcessor.Input] = []
        var failed = false
        for file in files.isEmpty ? ["-"] : files {
            if file == "-" {
                inputs.append(.init(name: "<stdin>", descriptor: STDIN_FILENO))
                continue
            }
            let descriptor = open(file, O_RDONLY | O_CLOEXEC)
            var status = stat()
            if descriptor < 0 || fstat(descriptor, &status) != 0 || (status.st_mode & S_IFMT) == S_IFDIR {
                let reason = descriptor < 0 ? String(cString: strerror(errno)) : "a folder, not a JSONL file"
                if descriptor >= 0 { close(descriptor) }
                Self.error("\(file): cannot be read (\(reason))")
                failed = true
                continue
            }
            inputs.append(.init(name: file, descriptor: descriptor))
        }

        let processor = StreamProcessor(
            runner: AnalysisRunner(analyzers: instances, time: Timestamp.now()),
            jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        let output = DescriptorWriter(descriptor: STDOUT_FILENO)
        let showProgress = !quiet && isatty(STDERR_FILENO) == 1
        let start = ContinuousClock.now
        var lastDrawn = start
        let summary = processor.run(
            inputs, to: output,
            report: { message in
                if showProgress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
                Self.error(message, prefixed: false)
            },
            stop: { Interrupts.requested },
            progress: { summary in
                guard showProgress else { return }
                let now = ContinuousClock.now
                guard now - lastDrawn > .milliseconds(250) else { return }
                lastDrawn = now
                let seconds = Double((now - start).components.attoseconds) / 1e18 + Double((now - start).components.seconds)
                let rate = seconds > 0 ? Double(summary.bytesRead) / 1e6 / seconds : 0
                FileHandle.standardError.write(Data(
                    "\r\u{1B}[Kstream: \(summary.documents) documents, \(summary.bytesRead / 1_000_000) MB read, \(String(format: "%.1f", rate)) MB/s".utf8))
            })
        if showProgress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        for input in inputs where input.descriptor != STDIN_FILENO { close(input.descriptor) }
        if let reason = summary.stoppedBecause {
            Self.error(reason)
            throw ExitCode(reason == "interrupted" ? 130 : 1)
        }
        throw ExitCode(failed || summary.badLines > 0 ? 1 : 0)
    }

    /// One error line on standard error, sanitised (a path or an id in it may hold anything).
    static func error(_ message: String, prefixed: Bool = true) {
        FileHandle.standardError.write(Data(((prefixed ? "loupe stream: error: " : "") + Sanitizer.sanitize(message) + "\n").utf8))
    }
}
