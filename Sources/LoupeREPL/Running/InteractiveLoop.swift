import Foundation
import LineEditing
import LoupeCore

/// The interactive REPL: a prompt showing the current document, line
/// editing with history and completion, Ctrl-C to abandon a line, Ctrl-D or
/// `quit` to end (asking first about unsaved changes).
public final class InteractiveLoop {
    let session: Session
    let historyPath: String

    public init(session: Session, historyPath: String) {
        self.session = session
        self.historyPath = historyPath
    }

    /// Runs until the session ends; returns the exit status.
    public func run() -> Int32 {
        let completion = Completion(session: session)
        guard let editor = LineEditor(programName: "loupe", historyPath: historyPath, completer: { completion.candidates(for: $0) }) else {
            session.console.error("cannot start the line editor; run with --script or pipe commands in")
            return 1
        }
        session.confirm = { question in
            switch editor.readLine(prompt: question) {
            case .line(let answer): return ["y", "yes"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased())
            case .interrupted, .endOfInput: return false
            }
        }
        session.readKey = { [session] prompt in
            session.console.write(prompt)
            let key = KeyReader.readKey()
            session.console.write("\n")
            return key
        }
        session.readText = { prompt in
            switch editor.readLine(prompt: prompt) {
            case .line(let text): return text
            case .interrupted, .endOfInput: return nil
            }
        }
        session.console.line("Loupe \(LoupeVersion.current) · \(session.store.documentCount) document(s) open · type 'help' for commands")
        let runner = ScriptRunner(session: session, keepGoing: true)
        while !session.quitRequested {
            switch editor.readLine(prompt: prompt()) {
            case .interrupted:
                continue
            case .endOfInput:
                session.console.line()
                do {
                    try session.requestQuit()
                } catch {
                    session.console.error(error.message)
                }
            case .line(let line):
                editor.addToHistory(line)
                Interrupts.reset()
                let paged = Pager.pages(line, session: session)
                if paged { session.console.beginCapture() }
                _ = runner.runLine(line, location: "")
                if paged {
                    Pager.show(session.console.endCapture(), rows: Terminal.rows()) { text in
                        FileHandle.standardOutput.write(Data(text.utf8))
                    }
                }
                session.console.location = nil
            }
        }
        editor.saveHistory()
        return 0
    }

    func prompt() -> String {
        var name = "loupe"
        if let id = session.currentDocumentID {
            name += " " + Layout.truncate(Sanitizer.sanitize(id), to: 32)
        }
        if !session.store.dirtyDocumentIDs.isEmpty { name += "*" }
        return name + "> "
    }
}

/// The version `loupe --version` prints.
public enum LoupeVersion {
    public static let current = "0.1.0"
}
