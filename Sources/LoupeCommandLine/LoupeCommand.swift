import ArgumentParser
import Foundation
import LoupeCore
import LoupeREPL
import Synchronization

/// Loupe's command line, for the `loupe` executable and for a package that
/// builds its own with more analyzers:
///
/// ```swift
/// import LoupeAnalyzers
/// import LoupeCommandLine
///
/// Loupe.main(analyzers: BuiltinAnalyzers.all + [MyAnalyzer.self])
/// ```
public enum Loupe {
    /// Parses the command line and runs the workbench (or `loupe stream`)
    /// with `analyzers`; exits with the status the run ends with (2 for usage
    /// errors).
    public static func main(analyzers: [any Analyzer.Type]) -> Never {
        let registry = AnalyzerRegistry(analyzers)
        Workbench.registry.withLock { $0 = registry }
        LoupeCommand.main()
        exit(0)
    }
}

/// The analyzers of this run, set once by ``Loupe/main(analyzers:)`` before
/// the command line is parsed.
enum Workbench {
    static let registry = Mutex(AnalyzerRegistry([]))

    static var analyzers: AnalyzerRegistry { registry.withLock { $0 } }
}

/// The `loupe` command: opens documents and runs the REPL, interactively at a
/// terminal or from a script, `-c` or a pipe.
struct LoupeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loupe",
        abstract: "A workbench for the close reading of news.",
        discussion: """
            With no PATH, opens ./seeds if it exists. At a terminal, commands are read with line editing; otherwise \
            from --script, -c or standard input, with errors as FILE:LINE: error: MESSAGE and exit status 1 on the \
            first failure (2 for usage errors); status lines go to standard error there. Type 'help' in the REPL \
            for the commands. 'loupe stream' analyses JSONL from standard input to standard output for corpora of \
            any size (see 'loupe stream --help').
            """,
        version: LoupeVersion.current
    )

    @Argument(help: "Files (.txt, .md, .jsonl) or folders to open.")
    var paths: [String] = []

    @Option(name: .long, help: "Folder of annotation files (default: the configuration's, else ./annotations).")
    var annotations: String?

    @Option(name: .long, help: "Project configuration (default: ./loupe.json when it exists).")
    var config: String?

    @Option(name: .long, help: "Your name, recorded on your annotations and reviews (default: $LOUPE_ANNOTATOR or $USER).")
    var annotator: String?

    @Option(name: .long, help: "Run the commands in FILE, then exit.")
    var script: String?

    @Option(name: .customShort("c"), help: ArgumentHelp("Run COMMANDS (separated by ';'), then exit.", valueName: "commands"))
    var commands: String?

    @Flag(name: .long, help: "In a script, go on after a failing command (the exit status is still 1).")
    var keepGoing = false

    @Flag(name: .long, help: "In a script, print no status lines (what 'save', 'analyze' and the like did), only the data commands print and errors.")
    var quiet = false

    @Flag(name: .long, help: "No colour (also when NO_COLOR is set).")
    var noColor = false

    mutating func validate() throws {
        if script != nil, commands != nil { throw ValidationError("use --script or -c, not both") }
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        Interrupts.install()
        let interactive = script == nil && commands == nil && Terminal.isInteractive
        let colorAllowed = interactive && !noColor && environment["NO_COLOR"].map(\.isEmpty) != false
            && environment["TERM"] != "dumb"
        let console = Console.standard(color: colorAllowed)
        // In scripts, standard output carries only what commands were asked
        // for (a program may parse it); what they did goes to standard error.
        console.statusDestination = quiet ? .silent : interactive ? .output : .errors
        console.showsProgress = !quiet && isatty(STDERR_FILENO) == 1
        console.fitsToWidth = isatty(STDOUT_FILENO) == 1
        // The project configuration: flags win over it.
        var configuration: ProjectConfiguration?
        do {
            if let config {
                guard let loaded = try ProjectConfiguration.load(config) else {
                    console.error("\(config): no such configuration file")
                    throw ExitCode(2)
                }
                configuration = loaded
            } else {
                configuration = try ProjectConfiguration.load(ProjectConfiguration.defaultFileName)
            }
        } catch let failure as ProjectConfiguration.Failure {
            console.error(failure.description)
            throw ExitCode(2)
        }
        var startFailed = false
        var registry = Workbench.analyzers
        for spec in configuration?.external ?? [] {
            do {
                registry = try registry.adding([try ExternalAnalyzer.entry(for: spec)])
            } catch {
                console.error("\(configuration?.path ?? ProjectConfiguration.defaultFileName): \(error.description)")
                startFailed = true
            }
        }
        let name = annotator ?? configuration?.annotator ?? environment["LOUPE_ANNOTATOR"] ?? environment["USER"] ?? "anonymous"
        let store = AnnotationStore(directory: annotations ?? configuration?.annotations ?? "annotations")
        let session = Session(
            store: store, registry: registry, console: console, annotator: name, interactive: interactive)
        session.log = SessionLog(path: (store.directory as NSString).appendingPathComponent("session.log"))
        if let configuration {
            session.configuration = configuration
            if let jobs = configuration.jobs { session.jobs = jobs }
            // Options are checked, and the analyzers made with them kept, once.
            for (id, options) in configuration.analyzers.sorted(by: { $0.key < $1.key }) {
                do throws(CommandError) {
                    try session.applyOptions(options, to: id)
                } catch {
                    console.error("\(configuration.path ?? ProjectConfiguration.defaultFileName): analyzers.\(id): \(error.message)")
                    startFailed = true
                }
            }
        }

        // Read the script before opening anything, so a missing script is a usage error.
        var scriptLines: [(number: Int, text: String)]?
        var scriptName = "-c"
        if let script {
            do {
                scriptLines = try ScriptFileReader.read(script)
                scriptName = script
            } catch {
                console.error(error.description)
                throw ExitCode(2)
            }
        } else if let commands {
            scriptLines = [(1, commands)]
        }

        var openPaths = paths
        if openPaths.isEmpty, let configured = configuration?.open {
            openPaths = configured
        }
        if openPaths.isEmpty {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: "seeds", isDirectory: &isDirectory), isDirectory.boolValue {
                openPaths = ["seeds"]
            }
        }
        if !openPaths.isEmpty {
            console.location = interactive ? nil : "loupe"
            startFailed = session.openAtStart(paths: openPaths) || startFailed
            console.location = nil
        }

        if interactive {
            let history = environment["LOUPE_HISTORY"] ?? ((environment["HOME"] ?? ".") + "/.loupe_history")
            let status = InteractiveLoop(session: session, historyPath: history).run()
            throw ExitCode(status)
        }

        // Ctrl-C while the documents were opening stops a script before its first
        // command: that command would clear the request and the run would go on.
        if Interrupts.requested {
            console.error("interrupted")
            throw ExitCode(130)
        }
        if startFailed, !keepGoing { throw ExitCode(1) }
        let runner = ScriptRunner(session: session, keepGoing: keepGoing)
        var failures = 0
        if let scriptLines {
            failures = runner.run(scriptLines, name: scriptName)
        } else {
            failures = runner.runStandardInput()
        }
        if Interrupts.requested {
            console.error("interrupted")
            throw ExitCode(130)
        }
        if session.autosave, failures == 0 || keepGoing {
            do {
                try session.saveAllForExit()
            } catch {
                failures += 1
            }
        }
        // Exits here, with the session still in memory: the files are saved and the log
        // written, and releasing every document and annotation one by one on the way out
        // took 3% of a scripted batch run. Standard output is flushed by exit(3).
        Foundation.exit(failures > 0 || startFailed || session.lockedAtOpen > 0 ? 1 : 0)
    }

    /// Parses the command line; usage errors exit with status 2. A first
    /// argument `stream` runs the streaming filter instead of the REPL (a
    /// file of that name opens as `./stream`).
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "stream" {
            Stream.runAsRoot(Array(arguments.dropFirst()))
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                exit(withError: error)
            }
            FileHandle.standardError.write(Data((Sanitizer.terminalSafe(fullMessage(for: error)) + "\n").utf8))
            Foundation.exit(2)
        }
    }
}

extension Stream {
    /// Parses and runs `loupe stream ARGUMENTS`; exits.
    static func runAsRoot(_ arguments: [String]) -> Never {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            Foundation.exit(0)
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success { exit(withError: error) }
            FileHandle.standardError.write(Data((Sanitizer.terminalSafe(fullMessage(for: error)) + "\n").utf8))
            Foundation.exit(2)
        }
    }
}
