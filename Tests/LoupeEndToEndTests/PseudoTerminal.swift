import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Drives `loupe` on a pseudo-terminal, as a person at a keyboard would:
/// waits for the prompt and for raw mode before typing, and keeps what it has
/// read but not yet matched.
final class PseudoTerminal {
    let process = Process()
    private var master: Int32 = -1
    private var buffer: [UInt8] = []
    /// Everything read so far, for failure messages.
    private(set) var transcript = ""

    init(arguments: [String], in directory: URL, environment: [String: String]) throws {
        var slave: Int32 = -1
        var size = winsize(ws_row: 40, ws_col: 100, ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&master, &slave, nil, nil, &size) == 0 else { throw PTYError("openpty failed") }
        let handle = FileHandle(fileDescriptor: slave, closeOnDealloc: true)
        process.executableURL = LoupeProcess.executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = LoupeProcess.environment(environment)
        process.standardInput = handle
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        close(slave)
    }

    deinit {
        if process.isRunning { process.terminate() }
        if master >= 0 { close(master) }
    }

    struct PTYError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// Reads until `text` appears; consumes up to and including it.
    @discardableResult
    func expect(_ text: String, timeout: TimeInterval = 10) throws -> String {
        let needle = Array(text.utf8)
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let range = find(needle) {
                let consumed = Array(buffer[..<range.upperBound])
                buffer.removeFirst(range.upperBound)
                return String(decoding: consumed, as: UTF8.self)
            }
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else { throw PTYError("timed out waiting for \(text.debugDescription); saw: \(transcript.debugDescription)") }
            var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Int32(min(remaining, 0.2) * 1000))
            if ready > 0 {
                var chunk = [UInt8](repeating: 0, count: 4096)
                let count = read(master, &chunk, chunk.count)
                if count > 0 {
                    buffer += chunk[0..<count]
                    transcript += String(decoding: chunk[0..<count], as: UTF8.self)
                } else if !process.isRunning {
                    throw PTYError("loupe exited while waiting for \(text.debugDescription); saw: \(transcript.debugDescription)")
                }
            }
        }
    }

    private func find(_ needle: [UInt8]) -> Range<Int>? {
        guard needle.count <= buffer.count else { return nil }
        for start in 0...(buffer.count - needle.count) where buffer[start..<(start + needle.count)].elementsEqual(needle) {
            return start..<(start + needle.count)
        }
        return nil
    }

    /// Waits until libedit has put the terminal in raw mode (it prints the
    /// prompt first), so keys are not cooked by the line discipline.
    func waitForRawMode(timeout: TimeInterval = 5) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            var attributes = termios()
            if tcgetattr(master, &attributes) == 0, attributes.c_lflag & tcflag_t(ICANON) == 0 { return }
            usleep(2_000)
        }
        throw PTYError("the terminal never left canonical mode; saw: \(transcript.debugDescription)")
    }

    /// Types keys once the editor is ready for them.
    func type(_ keys: String) throws {
        try waitForRawMode()
        let bytes = Array(keys.utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Waits for the process to end and returns its status.
    func waitForExit(timeout: TimeInterval = 10) throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            guard Date() < deadline else { throw PTYError("loupe did not exit; saw: \(transcript.debugDescription)") }
            var chunk = [UInt8](repeating: 0, count: 4096)
            var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            if poll(&descriptor, 1, 50) > 0 {
                let count = read(master, &chunk, chunk.count)
                if count > 0 { transcript += String(decoding: chunk[0..<count], as: UTF8.self) }
            }
        }
        return process.terminationStatus
    }
}
