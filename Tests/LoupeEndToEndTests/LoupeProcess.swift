import AnalyzerTestSupport
import Foundation

/// Runs the built `loupe` executable for end-to-end tests.
enum LoupeProcess {
    /// The `loupe` binary built next to the test bundle.
    static let executable: URL = {
        if let override = ProcessInfo.processInfo.environment["LOUPE_BINARY"] {
            return URL(fileURLWithPath: override)
        }
        var candidates: [URL] = []
        if let bundle = Bundle.main.executableURL?.deletingLastPathComponent() {
            candidates.append(bundle.appendingPathComponent("loupe"))
            candidates.append(bundle.deletingLastPathComponent().appendingPathComponent("loupe"))
        }
        for bundle in Bundle.allBundles {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("loupe"))
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug/loupe"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!
    }()

    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs one of the repository's Python checkers (`scripts/NAME`) and
    /// returns its exit status and what it printed (both streams).
    static func checker(_ name: String, _ arguments: [String], in directory: URL? = nil) throws -> (status: Int32, output: String) {
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        check.arguments = ["python3", repositoryRoot.appendingPathComponent("scripts/" + name).path] + arguments
        if let directory { check.currentDirectoryURL = directory }
        let output = Pipe()
        check.standardOutput = output
        check.standardError = output
        try check.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        check.waitUntilExit()
        return (check.terminationStatus, printed)
    }

    /// Whether `output` has a line of `analyzer`'s summary, at whatever version, with `summary` after
    /// the version ("framing@1.4.0: 5 documents"): a version bump changes no test.
    static func hasSummaryLine(_ output: String, analyzer: String, _ summary: String) -> Bool {
        output.split(separator: "\n").contains { line in
            guard line.hasPrefix(analyzer + "@"), let colon = line.firstIndex(of: ":") else { return false }
            return line[colon...].hasPrefix(": " + summary)
        }
    }

    /// A fresh working folder holding a copy of the seeds.
    static func workspace() -> URL {
        let url = URL(fileURLWithPath: TestScratch.folder("loupe-e2e"))
        try? FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("seeds"), to: url.appendingPathComponent("seeds"))
        return url
    }

    static func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        environment["LOUPE_ANNOTATOR"] = "e2e"
        environment.removeValue(forKey: "NO_COLOR")
        for (key, value) in extra { environment[key] = value }
        return environment
    }

    /// Runs loupe with `arguments`, feeding `input` on standard input.
    static func run(_ arguments: [String], input: String = "", in directory: URL, environment extra: [String: String] = [:]) throws -> Result {
        try run(arguments, inputBytes: Array(input.utf8), in: directory, environment: extra)
    }

    /// A started loupe with pipes on standard input, output and error.
    struct Running {
        var process: Process
        var stdin: Pipe
        var stdout: Pipe
        var stderr: Pipe
    }

    static func start(_ arguments: [String], in directory: URL, environment extra: [String: String] = [:]) throws -> Running {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = environment(extra)
        let running = Running(process: process, stdin: Pipe(), stdout: Pipe(), stderr: Pipe())
        process.standardInput = running.stdin
        process.standardOutput = running.stdout
        process.standardError = running.stderr
        try process.run()
        return running
    }

    static func run(_ arguments: [String], inputBytes: [UInt8], in directory: URL, environment extra: [String: String] = [:]) throws -> Result {
        let running = try start(arguments, in: directory, environment: extra)
        let (process, stdin, stdout, stderr) = (running.process, running.stdin, running.stdout, running.stderr)
        stdin.fileHandleForWriting.write(Data(inputBytes))
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
            stderr: String(decoding: err, as: UTF8.self))
    }
}
