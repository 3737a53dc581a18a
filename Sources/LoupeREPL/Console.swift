import Foundation
import LoupeCore

/// Where a session's output goes, and how it may look.
///
/// Ordinary output goes to `output`; errors and warnings go to `errors`,
/// prefixed with the location of the command (`FILE:LINE: error: …` in
/// scripts, `error: …` at the prompt).
public final class Console {
    public var color: Bool
    public var width: Int
    /// `FILE:LINE` of the command being run in a script, or `nil` at the prompt.
    public var location: String?
    /// Where status lines go (`saved 3 files`, an `analyze` summary): with the
    /// output at the prompt; to standard error in scripts, so that standard
    /// output holds only data; nowhere with `--quiet`.
    public var statusDestination: StatusDestination = .output
    /// Whether long commands may draw a progress line on standard error (it is a terminal).
    public var showsProgress = false
    /// Whether listings are fitted to ``width`` (standard output is a
    /// terminal); in a file or a pipe, lines are written whole.
    public var fitsToWidth = false

    /// Where ``status(_:)`` writes.
    public enum StatusDestination: Sendable {
        case output
        case errors
        case silent
    }
    private let direct: (String) -> Void
    private let errors: (String) -> Void
    /// Output held back while a listing is captured for the pager.
    private var captured: String?

    private func output(_ text: String) {
        if captured != nil { captured? += text } else { direct(text) }
    }

    /// Holds back ordinary output (not errors or status lines on standard
    /// error) until ``endCapture()``.
    public func beginCapture() { captured = "" }

    /// The output held back since ``beginCapture()``; output flows again.
    public func endCapture() -> String {
        defer { captured = nil }
        return captured ?? ""
    }

    public init(color: Bool, width: Int, output: @escaping (String) -> Void, errors: @escaping (String) -> Void) {
        self.color = color
        self.width = width
        self.direct = output
        self.errors = errors
    }

    /// A console on the process's standard output and error.
    public static func standard(color: Bool) -> Console {
        Console(
            color: color, width: Terminal.width(),
            output: { FileHandle.standardOutput.write(Data($0.utf8)) },
            errors: { FileHandle.standardError.write(Data($0.utf8)) })
    }

    /// Writes a line of output. Everything the console writes passes
    /// ``Sanitizer/terminalSafe(_:)``: only line breaks, tabs and colour
    /// codes reach the terminal raw, whatever a command put in the text.
    public func line(_ text: String = "") { output(Sanitizer.terminalSafe(text) + "\n") }

    /// Writes a status line: what a command did, as opposed to the data it
    /// was asked for.
    public func status(_ text: String) {
        switch statusDestination {
        case .output: output(Sanitizer.terminalSafe(text) + "\n")
        case .errors: errors(Sanitizer.terminalSafe(text) + "\n")
        case .silent: break
        }
    }

    /// Writes output as it is.
    public func write(_ text: String) { output(Sanitizer.terminalSafe(text)) }

    /// Writes one error line (a line break in the message is shown escaped,
    /// so it stays one line).
    public func error(_ message: String) {
        errors(prefix() + paint("error:", .red) + " " + Sanitizer.sanitize(message) + "\n")
    }

    /// Writes one warning line.
    public func warning(_ message: String) {
        errors(prefix() + paint("warning:", .yellow) + " " + Sanitizer.sanitize(message) + "\n")
    }

    private func prefix() -> String {
        guard let location, !location.isEmpty else { return "" }
        return location + ": "
    }

    /// `text` in a colour, when colour is on.
    public func paint(_ text: String, _ style: TerminalStyle) -> String {
        color ? style.apply(to: text) : text
    }
}

/// Facts about the terminal.
public enum Terminal {
    /// Rows of the terminal on standard output, if it is one.
    public static func rows() -> Int? {
        var size = winsize()
        if isatty(STDOUT_FILENO) == 1, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 {
            return Int(size.ws_row)
        }
        return nil
    }

    /// Columns of the terminal on standard output, else `$COLUMNS`, else 80.
    public static func width() -> Int {
        var size = winsize()
        if isatty(STDOUT_FILENO) == 1, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            return Int(size.ws_col)
        }
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 20 {
            return columns
        }
        return 80
    }

    /// Whether standard input and output are both terminals.
    public static var isInteractive: Bool { isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 }
}
