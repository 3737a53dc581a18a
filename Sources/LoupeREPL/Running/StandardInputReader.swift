#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads lines from a file descriptor as they arrive (so a pipe is served
/// line by line), as raw bytes that the caller validates.
struct LineReader {
    let descriptor: Int32
    private var buffer: [UInt8] = []
    private var consumed = 0
    private var finished = false
    /// Byte offset of the start of the next line in the whole stream.
    private(set) var offset = 0

    init(descriptor: Int32) { self.descriptor = descriptor }

    /// The next line without its newline, or `nil` at the end.
    mutating func next() -> [UInt8]? {
        while true {
            if let newline = buffer[consumed...].firstIndex(of: 0x0A) {
                let line = Array(buffer[consumed..<newline])
                offset += newline + 1 - consumed
                consumed = newline + 1
                return line
            }
            if finished {
                guard consumed < buffer.count else { return nil }
                let line = Array(buffer[consumed...])
                offset += buffer.count - consumed
                consumed = buffer.count
                return line
            }
            if consumed > 0 {
                buffer.removeFirst(consumed)
                consumed = 0
            }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR {
                if Interrupts.requested { finished = true }
                continue
            }
            if count <= 0 {
                finished = true
            } else {
                buffer.append(contentsOf: chunk[0..<count])
            }
        }
    }
}

extension ScriptRunner {
    /// Runs commands from standard input, line by line as they arrive.
    public func runStandardInput() -> Int {
        var reader = LineReader(descriptor: STDIN_FILENO)
        var failures = 0
        var number = 0
        while let bytes = { let start = reader.offset; return reader.next().map { ($0, start) } }() {
            number += 1
            let text: String
            do {
                text = try ScriptFile.decode(bytes.0, name: "<stdin>", line: number, lineStart: bytes.1)
            } catch {
                session.console.error(error.message)
                failures += 1
                if !keepGoing { return failures }
                continue
            }
            if !runLine(text, location: "<stdin>:\(number)") {
                failures += 1
                if !keepGoing { return failures }
            }
            if session.quitRequested || Interrupts.requested { break }
        }
        return failures
    }
}

/// Public access to script files for the executable.
public enum ScriptFileReader {
    /// The lines of a script file, validated as UTF-8.
    public static func read(_ path: String) throws(CommandError) -> [(number: Int, text: String)] {
        try ScriptFile.read(path)
    }
}

extension Session {
    /// Opens the paths given on the command line; true if any failed. Only
    /// an interactive session prints the summary line, so a script's output
    /// is its commands' output alone.
    public func openAtStart(paths: [String]) -> Bool {
        open(paths: paths, summarize: interactive).failed
    }

    /// The implicit save at the end of a script with autosave on.
    public func saveAllForExit() throws(CommandError) {
        defer { log?.write(console: console) }
        try saveAll(quiet: true)
    }
}
