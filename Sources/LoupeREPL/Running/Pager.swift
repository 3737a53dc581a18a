import Foundation
import LoupeCore

/// Long listings at the prompt go through a pager, as git's do: `$PAGER`,
/// else `less -FRX` (which quits at once when the text fits the screen and
/// keeps colour), else they are printed as they are.
enum Pager {
    /// Commands whose output is a listing a person reads page by page.
    static let listings: Set<String> = [
        "list", "show", "docs", "find", "help", "examples", "diff", "agree", "evaluate", "analyzers", "compare", "meta",
        "dups",
    ]

    /// Whether the command on `line` (its first word) is a listing to page.
    static func pages(_ line: String, session: Session) -> Bool {
        guard let words = try? CommandLexer.commands(in: line), words.count == 1, let name = words[0].first?.text,
            let spec = session.commands.spec(named: name)
        else { return false }
        if listings.contains(spec.name) { return true }
        // An analyzer's table command.
        return !CommandTable.builtin.contains { $0.name == spec.name }
    }

    /// Shows `text`: through the pager when it is longer than the screen.
    static func show(_ text: String, rows: Int?, write: (String) -> Void) {
        let lines = text.reduce(0) { $0 + ($1 == "\n" ? 1 : 0) }
        guard let rows, lines >= rows - 1, let command = command() else {
            write(text)
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        var environment = ProcessInfo.processInfo.environment
        if environment["LESS"] == nil { environment["LESS"] = "FRX" }
        process.environment = environment
        let input = Pipe()
        process.standardInput = input
        do {
            try process.run()
        } catch {
            write(text)
            return
        }
        // A pager quit early (q) closes its input: the rest is not wanted.
        signal(SIGPIPE, SIG_IGN)
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { AtomicFile.writeFully(input.fileHandleForWriting.fileDescriptor, $0) }
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    /// The pager's command line: `$PAGER` (empty or `cat` means none), else less if installed.
    static func command() -> String? {
        if let pager = ProcessInfo.processInfo.environment["PAGER"] {
            let trimmed = pager.trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty || trimmed == "cat" ? nil : trimmed
        }
        for folder in ["/usr/bin", "/bin", "/usr/local/bin"] where FileManager.default.isExecutableFile(atPath: folder + "/less") {
            return folder + "/less"
        }
        return nil
    }
}
