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

    @Option(name: .long, help: "Folder of annotation files.")
    var annotations: String = "annotations"

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
        let name = annotator ?? environment["LOUPE_ANNOTATOR"] ?? environment["USER"] ?? "anonymous"
        let store = AnnotationStore(directory: annotations)
        let session = Session(
            store: store, registry: Workbench.analyzers, console: console, annotator: name, interactive: interactive)

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
        if openPaths.isEmpty {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: "seeds", isDirectory: &isDirectory), isDirectory.boolValue {
                openPaths = ["seeds"]
            }
        }
        var startFailed = false
        if !openPaths.isEmpty {
            console.location = interactive ? nil : "loupe"
            startFailed = session.openAtStart(paths: openPaths)
            console.location = nil
        }

        if interactive {
            let history = environment["LOUPE_HISTORY"] ?? ((environment["HOME"] ?? ".") + "/.loupe_history")
            let status = InteractiveLoop(session: session, historyPath: history).run()
            throw ExitCode(status)
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
        throw ExitCode(failures > 0 || startFailed || session.lockedAtOpen > 0 ? 1 : 0)
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
