import Foundation
import LoupeCore

/// The session as a script: every command that changes annotations (and
/// what it depends on: the current document, the last search, the
/// annotator) is appended to `session.log` beside the annotation files, each
/// preceded by `set time` when the time moved on, so that running the log
/// as a script on the same documents, into an empty annotations folder,
/// gives byte-identical annotation files. Commands are kept in memory and
/// written when the session saves: a session that saves nothing writes
/// nothing, and the log always ends with the save that made the files.
public final class SessionLog {
    public let path: String
    private var lastTime: String?

    /// Commands that change nothing a replay needs: listings, reports, help.
    static let readOnly: Set<String> = [
        "docs", "show", "list", "help", "analyzers", "examples", "agree", "evaluate", "diff", "quit", "exit", "source", "review",
        "export", "dups", "compare", "report",
    ]

    public init(path: String) {
        self.path = path
    }

    /// Whether a command (its first word) belongs in the log.
    func records(_ words: [Word], session: Session) -> Bool {
        guard let name = words.first?.text, let spec = session.commands.spec(named: name) else { return false }
        if Self.readOnly.contains(spec.name) { return false }
        if spec.name == "set", words.count == 1 { return false }
        // 'meta' without KEY=VALUE only shows.
        if spec.name == "meta", !words.dropFirst().contains(where: { $0.text.contains("=") }) { return false }
        if spec.name == "set", words.count >= 2, ["color", "colour", "timing", "time"].contains(words[1].text) { return false }
        // An analyzer's own table command only shows.
        return CommandTable.builtin.contains { $0.name == spec.name }
    }

    /// Commands recorded since the last write.
    private var pending = ""

    /// Records a command run at `time`.
    func record(_ words: [Word], time: String) {
        if time != lastTime {
            pending += "set time \(time)\n"
            lastTime = time
        }
        pending += CommandLexer.line(of: words) + "\n"
    }

    /// Appends what was recorded to the file; a log that cannot be written
    /// is reported once and then left alone (the session goes on).
    func write(console: Console) {
        guard !pending.isEmpty else { return }
        var text = pending
        pending = ""
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        let isNew = !FileManager.default.fileExists(atPath: path)
        if isNew {
            text = "# Loupe session log: every command that changed annotations, with its time. Run it as a script\n"
                + "# (loupe DOCUMENTS --annotations EMPTY_FOLDER --script THIS_FILE) to make the same annotation files.\n" + text
        }
        guard let handle = FileHandle(forWritingAtPath: path) ?? (FileManager.default.createFile(atPath: path, contents: nil) ? FileHandle(forWritingAtPath: path) : nil) else {
            if !failed { console.warning("\(path): the session log cannot be written; the session goes on without it") }
            failed = true
            return
        }
        defer { try? handle.close() }
        _ = try? handle.seekToEnd()
        try? handle.write(contentsOf: Data(text.utf8))
    }

    private var failed = false
}
