import Foundation
import Testing

/// The REPL at a terminal: completion, history, Ctrl-C, Ctrl-D and the
/// question before unsaved changes are discarded.
@Suite(.serialized) struct InteractiveTests {
    func start(_ workspace: URL, history: URL) throws -> PseudoTerminal {
        try PseudoTerminal(
            arguments: [], in: workspace,
            environment: ["LOUPE_HISTORY": history.path, "TERM": "xterm", "HOME": workspace.path, "LANG": "C.UTF-8", "PAGER": "cat"])
    }

    @Test func completionHistoryCtrlCAndCtrlD() throws {
        let workspace = LoupeProcess.workspace()
        let history = workspace.appendingPathComponent("history")
        let terminal = try start(workspace, history: history)
        try terminal.expect("type 'help' for commands")
        try terminal.expect("loupe 000_19d9e6d631ab6c94> ")

        // Tab completes a command name, then a document id (libedit redraws
        // the line, so the completed text is checked by what the command does).
        try terminal.type("us\t2\r")
        try terminal.expect("current document: 001_876527049f9a8c39")
        try terminal.expect("loupe 001_876527049f9a8c39> ")
        try terminal.type("use 002\t\r")
        try terminal.expect("current document: 002_9dc0145e2ef6cc36")
        try terminal.expect("loupe 002_9dc0145e2ef6cc36> ")

        // Ctrl-C abandons the line and keeps the session.
        try terminal.type("bogus half-typed line")
        try terminal.expect("half-typed line")
        try terminal.type("\u{03}")
        try terminal.expect("^C")
        try terminal.expect("loupe 002_9dc0145e2ef6cc36> ")

        // Up recalls the last command from history.
        try terminal.type("use 1\r")
        try terminal.expect("loupe 000_19d9e6d631ab6c94> ")
        try terminal.type("\u{1B}[A\u{1B}[A\r")
        try terminal.expect("current document: 002_9dc0145e2ef6cc36")
        try terminal.expect("> ")

        // Ctrl-D on an empty line ends the session.
        try terminal.type("\u{04}")
        #expect(try terminal.waitForExit() == 0)
        #expect(!terminal.transcript.contains("unknown command"))
        let saved = try String(contentsOf: history, encoding: .utf8)
        #expect(saved.contains("use\\040002_9dc0145e2ef6cc36"))
        #expect(saved.contains("use\\0402"))
        #expect(saved.contains("use\\0401"))
        #expect(!saved.contains("bogus"))
    }

    @Test func historySurvivesARestart() throws {
        let workspace = LoupeProcess.workspace()
        let history = workspace.appendingPathComponent("history")
        try "_HiStOrY_V2_\nuse\\0404\n".write(to: history, atomically: true, encoding: .utf8)
        let terminal = try start(workspace, history: history)
        try terminal.expect("loupe 000_19d9e6d631ab6c94> ")
        try terminal.type("\u{1B}[A\r")
        try terminal.expect("current document: 003_dc80155c430df523")
        try terminal.expect("> ")
        try terminal.type("quit\r")
        #expect(try terminal.waitForExit() == 0)
    }

    @Test func quitAsksBeforeDiscardingUnsavedWork() throws {
        let workspace = LoupeProcess.workspace()
        let terminal = try start(workspace, history: workspace.appendingPathComponent("history"))
        try terminal.expect("loupe 000_19d9e6d631ab6c94> ")
        try terminal.type("annotate s1 note:title\r")
        try terminal.expect("added h-")
        try terminal.expect("loupe 000_19d9e6d631ab6c94*> ")
        try terminal.type("\u{04}")
        try terminal.expect("Discard them and quit? [y/N] ")
        try terminal.type("n\r")
        try terminal.expect("not quitting")
        try terminal.expect("*> ")
        try terminal.type("save\r")
        try terminal.expect("saved 1 file")
        try terminal.expect("> ")
        try terminal.type("quit\r")
        #expect(try terminal.waitForExit() == 0)
        #expect(FileManager.default.fileExists(atPath: workspace.appendingPathComponent("annotations/000_19d9e6d631ab6c94.json").path))
    }

    @Test func reviewDecidesWithSingleKeys() throws {
        let workspace = LoupeProcess.workspace()
        let terminal = try start(workspace, history: workspace.appendingPathComponent("history"))
        try terminal.expect("loupe 000_19d9e6d631ab6c94> ")
        try terminal.type("analyze bias-markers\r")
        // The review counts what the analyzer has just suggested, however many that is.
        let analyzed = try terminal.expect("*> ")
        let total = try #require(analyzed.firstMatch(of: /1 document, (\d+) suggestions/).flatMap { Int($0.1) })
        try #require(total > 3)
        try terminal.type("review layer=bias-markers\r")
        try terminal.expect("── 1 of \(total) · 000_19d9e6d631ab6c94")
        try terminal.expect("[q]uit")
        try terminal.type("a")
        try terminal.expect("── 2 of \(total)")
        try terminal.type("r")
        try terminal.expect("── 3 of \(total)")
        // Undo takes back the last decision and shows its suggestion again.
        try terminal.type("u")
        try terminal.expect("── 2 of \(total)")
        try terminal.type("s")
        try terminal.expect("── 3 of \(total)")
        try terminal.type("b")
        try terminal.expect("── 2 of \(total)")
        try terminal.type("e")
        try terminal.expect("new label for ")
        try terminal.type("loaded-language\r")
        try terminal.expect("── 3 of \(total)")
        try terminal.type("q")
        try terminal.expect("reviewed 2 of \(total): 1 accepted, 0 rejected, 1 edited; \(total - 2) left as suggested")
        try terminal.expect("> ")
        try terminal.type("list layer=bias-markers status=accepted --json\r")
        try terminal.expect("> ")
        try terminal.type("quit\r")
        try terminal.expect("Discard them and quit? [y/N] ")
        try terminal.type("y\r")
        #expect(try terminal.waitForExit() == 0)
        let accepted = terminal.transcript.components(separatedBy: "\"status\": \"accepted\"").count - 1
        #expect(accepted == 2, "\(terminal.transcript.suffix(2000))")
        #expect(terminal.transcript.contains("\"label\": \"loaded-language\""))
        #expect(terminal.transcript.contains("\"reviewer\": \"e2e\""), "who decided is recorded")
    }

    @Test func longListingsGoThroughThePager() throws {
        let workspace = LoupeProcess.workspace()
        // A pager that marks each line it shows (the terminal has 40 rows).
        let terminal = try PseudoTerminal(
            arguments: [], in: workspace,
            environment: ["LOUPE_HISTORY": workspace.appendingPathComponent("history").path, "TERM": "xterm", "HOME": workspace.path,
                          "LANG": "C.UTF-8", "PAGER": "sed 's/^/PAGED: /'"])
        try terminal.expect("loupe 000_19d9e6d631ab6c94> ")
        try terminal.type("docs\r")
        try terminal.expect("(> current")
        try terminal.expect("> ")
        #expect(!terminal.transcript.contains("PAGED:"), "a short listing is printed as it is")
        try terminal.type("analyze\r")
        try terminal.expect("*> ")
        try terminal.type("list status=suggested\r")
        try terminal.expect("PAGED: a-")
        try terminal.expect("*> ")
        try terminal.type("quit\r")
        try terminal.expect("Discard them and quit? [y/N] ")
        try terminal.type("y\r")
        #expect(try terminal.waitForExit() == 0)
    }

    @Test func colourIsUsedAtATerminalUnlessNO_COLOR() throws {
        let workspace = LoupeProcess.workspace()
        let coloured = try start(workspace, history: workspace.appendingPathComponent("h1"))
        try coloured.expect("> ")
        try coloured.type("lisst\r")
        try coloured.expect("\u{1B}[31merror:\u{1B}[0m unknown command \"lisst\"; did you mean 'list'?")
        try coloured.type("quit\r")
        #expect(try coloured.waitForExit() == 0)

        let plain = try PseudoTerminal(
            arguments: [], in: workspace,
            environment: ["LOUPE_HISTORY": workspace.appendingPathComponent("h2").path, "TERM": "xterm", "NO_COLOR": "1"])
        try plain.expect("> ")
        try plain.type("lisst\r")
        try plain.expect("error: unknown command")
        #expect(!plain.transcript.contains("\u{1B}[31m"))
        try plain.type("quit\r")
        #expect(try plain.waitForExit() == 0)
    }
}
