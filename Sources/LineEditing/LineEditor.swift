internal import CLibEdit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An interactive line editor on the terminal, backed by libedit: emacs key
/// bindings, a persistent history file, tab completion through a callback, and
/// Ctrl-C as a key that abandons the current line instead of killing the program.
///
/// Use it only when standard input and output are terminals; scripts and
/// pipes should be read directly. Not thread-safe: use it from one thread.
public final class LineEditor {
    /// What one call to ``readLine(prompt:)`` produced.
    public enum Input: Equatable, Sendable {
        /// A line, without its newline.
        case line(String)
        /// Ctrl-C: the line was abandoned.
        case interrupted
        /// Ctrl-D on an empty line, or the terminal closed.
        case endOfInput
    }

    /// Given the text before the cursor, the words that could complete the
    /// word being typed there (the text after the last space).
    public typealias Completer = (_ lineBeforeCursor: String) -> [String]

    /// State the C callbacks reach through `EL_CLIENTDATA`.
    final class Context {
        var prompt: UnsafeMutablePointer<CChar>?
        var completer: Completer
        var interrupted = false

        init(completer: @escaping Completer) { self.completer = completer }

        deinit { free(prompt) }
    }

    private let editor: OpaquePointer
    private let history: OpaquePointer
    private let context: Context
    private let historyPath: String?
    /// Kept alive because libedit stores the pointer.
    private let programName: UnsafeMutablePointer<CChar>?

    /// Sets the locale for UTF-8 input (libedit drops non-ASCII bytes in the C
    /// locale) and makes the editor; `nil` if libedit cannot start.
    public init?(programName: String, historyPath: String?, historySize: Int = 1000, completer: @escaping Completer) {
        LineEditor.useUTF8Locale()
        guard let name = strdup(programName), let editor = loupe_el_init(name), let history = loupe_history_init() else {
            return nil
        }
        self.programName = name
        self.editor = editor
        self.history = history
        self.historyPath = historyPath
        self.context = Context(completer: completer)

        _ = loupe_history_set_size(history, Int32(historySize))
        _ = loupe_history_set_unique(history, 1)
        if let historyPath { _ = loupe_history_load(history, historyPath) }
        _ = loupe_el_set_history(editor, history)
        _ = loupe_el_set_editor(editor, "emacs")
        _ = loupe_el_set_signal(editor, 1)
        _ = loupe_el_set_clientdata(editor, Unmanaged.passUnretained(context).toOpaque())
        _ = loupe_el_set_prompt(editor) { editor in
            guard let editor, let context = LineEditor.context(of: editor) else { return nil }
            return context.prompt
        }
        _ = loupe_el_add_function(editor, "loupe-complete", "Complete the word before the cursor") { editor, _ in
            guard let editor else { return UInt8(CC_ERROR) }
            return LineEditor.complete(editor)
        }
        _ = loupe_el_bind(editor, "^I", "loupe-complete")
        _ = loupe_el_add_function(editor, "loupe-interrupt", "Abandon the current line") { editor, _ in
            guard let editor, let context = LineEditor.context(of: editor) else { return UInt8(CC_ERROR) }
            context.interrupted = true
            return UInt8(CC_NEWLINE)
        }
        _ = loupe_el_disable_interrupt_key(editor)
        _ = loupe_el_bind(editor, "^C", "loupe-interrupt")
    }

    deinit {
        loupe_el_end(editor)
        loupe_history_end(history)
        free(programName)
    }

    private static func context(of editor: OpaquePointer) -> Context? {
        guard let raw = loupe_el_get_clientdata(editor) else { return nil }
        return Unmanaged<Context>.fromOpaque(raw).takeUnretainedValue()
    }

    /// Reads one line, showing `prompt`.
    public func readLine(prompt: String) -> Input {
        free(context.prompt)
        context.prompt = strdup(prompt)
        context.interrupted = false
        var count: Int32 = 0
        let raw = loupe_el_gets(editor, &count)
        if context.interrupted {
            fputs("^C\n", stdoutStream())
            return .interrupted
        }
        guard let raw else {
            if count < 0 && errno == EINTR { return .interrupted }
            return .endOfInput
        }
        var line = String(cString: raw)
        while line.hasSuffix("\n") || line.hasSuffix("\r") { line.removeLast() }
        return .line(line)
    }

    /// Adds a line to the history (and the history file, at ``saveHistory()``).
    public func addToHistory(_ line: String) {
        let trimmed = line.trimmingSpaces()
        guard !trimmed.isEmpty else { return }
        _ = loupe_history_enter(history, trimmed)
        saveHistory()
    }

    /// Writes the history file, if there is one.
    public func saveHistory() {
        if let historyPath { _ = loupe_history_save(history, historyPath) }
    }

    /// Completes the word before the cursor: one match is inserted with a
    /// space, several are narrowed to their common prefix or listed.
    private static func complete(_ editor: OpaquePointer) -> UInt8 {
        guard let context = context(of: editor), let info = loupe_el_line(editor) else { return UInt8(CC_ERROR) }
        let before = UnsafeBufferPointer(
            start: UnsafeRawPointer(info.pointee.buffer).assumingMemoryBound(to: UInt8.self),
            count: info.pointee.cursor - info.pointee.buffer)
        let line = String(decoding: before, as: UTF8.self)
        let word = String(line.split(separator: " ", omittingEmptySubsequences: false).last ?? "")
        let matches = Array(Set(context.completer(line).filter { $0.hasPrefix(word) })).sorted()
        if matches.isEmpty { return UInt8(CC_ERROR) }
        if matches.count == 1 {
            let rest = String(matches[0].dropFirst(word.count))
            let suffix = matches[0].hasSuffix(":") || matches[0].hasSuffix("=") ? "" : " "
            _ = loupe_el_insertstr(editor, rest + suffix)
            return UInt8(CC_REFRESH)
        }
        let common = commonPrefix(matches)
        if common.count > word.count {
            _ = loupe_el_insertstr(editor, String(common.dropFirst(word.count)))
            return UInt8(CC_REFRESH)
        }
        let listing = "\n" + matches.joined(separator: "  ") + "\n"
        fputs(listing, stdoutStream())
        return UInt8(CC_REDISPLAY)
    }

    static func commonPrefix(_ words: [String]) -> String {
        guard var prefix = words.first else { return "" }
        for word in words.dropFirst() {
            while !word.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }

    /// Sets `LC_CTYPE` from the environment, falling back to `C.UTF-8` when
    /// that is not a UTF-8 locale.
    public static func useUTF8Locale() {
        setlocale(LC_CTYPE, "")
        if let codeset = nl_langinfo(nl_item(CODESET)), String(cString: codeset) == "UTF-8" { return }
        setlocale(LC_CTYPE, "C.UTF-8")
    }
}

private func stdoutStream() -> UnsafeMutablePointer<FILE> { loupe_stdout() }

extension String {
    func trimmingSpaces() -> String {
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
