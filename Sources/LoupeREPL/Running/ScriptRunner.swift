import Foundation
import LoupeCore

/// A script's lines, read strictly: a file that is not UTF-8 is an error
/// naming the line and byte, not silently altered text.
enum ScriptFile {
    static func read(_ path: String) throws(CommandError) -> [(number: Int, text: String)] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CommandError("\(path): no such script file")
        }
        guard !isDirectory.boolValue, let data = FileManager.default.contents(atPath: path) else {
            throw CommandError("\(path): cannot be read as a script")
        }
        return try lines(of: [UInt8](data), name: path)
    }

    static func lines(of bytes: [UInt8], name: String) throws(CommandError) -> [(number: Int, text: String)] {
        var result: [(number: Int, text: String)] = []
        var start = 0
        var number = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            number += 1
            result.append((number, try decode(Array(bytes[start..<end]), name: name, line: number, lineStart: start)))
            start = end + 1
        }
        return result
    }

    static func decode(_ line: [UInt8], name: String, line number: Int, lineStart: Int) throws(CommandError) -> String {
        var bytes = line
        if bytes.last == 0x0D { bytes.removeLast() }
        if number == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if let offset = TextDecoding.firstInvalidOffset(bytes) {
            let what = bytes[offset] == 0 ? "NUL byte" : "invalid UTF-8"
            throw CommandError("\(name):\(number): \(what) at byte offset \(lineStart + offset) of the file")
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Runs commands from a script, `-c` or a pipe: no prompts, errors as
/// `FILE:LINE: error: MESSAGE`, stopping at the first failure unless told to
/// keep going.
public final class ScriptRunner {
    let session: Session
    let keepGoing: Bool

    public init(session: Session, keepGoing: Bool) {
        self.session = session
        self.keepGoing = keepGoing
    }

    /// Runs the lines; returns how many commands failed (at most one unless
    /// keeping going). Stops early on `quit`.
    @discardableResult
    public func run(_ lines: [(number: Int, text: String)], name: String) -> Int {
        var failures = 0
        for (number, text) in lines {
            if !runLine(text, location: "\(name):\(number)") {
                failures += 1
                if !keepGoing { return failures }
            }
            if session.quitRequested { break }
            if Interrupts.requested, !session.interactive {
                session.console.error("interrupted; stopped before \(name):\(number + 1)")
                return failures + 1
            }
        }
        return failures
    }

    /// Runs one line's commands; false if one failed.
    public func runLine(_ text: String, location: String) -> Bool {
        let previous = session.console.location
        session.console.location = location
        defer { session.console.location = previous }
        let commands: [[Word]]
        do {
            commands = try CommandLexer.commands(in: text)
        } catch {
            session.console.error(error.message)
            return false
        }
        var succeeded = true
        for words in commands {
            do {
                try session.execute(words)
            } catch {
                session.console.error(error.message)
                succeeded = false
                if !keepGoing { return false }
            }
            if session.quitRequested { break }
        }
        return succeeded
    }
}
