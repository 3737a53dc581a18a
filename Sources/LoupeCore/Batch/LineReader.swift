#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file descriptor line by line in large blocks, without decoding:
/// each line's bytes (without its `\n`, or a `\r\n`'s `\r`) and its 1-based
/// number. A last line without a newline is still a line.
///
/// Memory holds one block and the current line, however long the input.
public struct LineReader {
    /// One line of input.
    public struct Line: Sendable {
        public var number: Int
        public var bytes: [UInt8]
    }

    private let descriptor: Int32
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var number = 0
    private var finished = false
    /// Why reading stopped early, if it did.
    public private(set) var failure: String?
    /// Bytes read so far.
    public private(set) var bytesRead = 0

    public init(descriptor: Int32, blockSize: Int = 1 << 20) {
        self.descriptor = descriptor
        buffer = [UInt8](repeating: 0, count: blockSize)
    }

    /// The next line, or `nil` at the end of the input (or a read error, see ``failure``).
    public mutating func next() -> Line? {
        var pending: [UInt8] = []
        while true {
            if let newline = buffer[start..<end].firstIndex(of: 0x0A) {
                pending += buffer[start..<newline]
                start = newline + 1
                return finish(pending)
            }
            pending += buffer[start..<end]
            start = 0
            end = 0
            if finished { return pending.isEmpty ? nil : finish(pending) }
            fill()
        }
    }

    private mutating func finish(_ line: [UInt8]) -> Line {
        number += 1
        var bytes = line
        if bytes.last == 0x0D { bytes.removeLast() }
        return Line(number: number, bytes: bytes)
    }

    private mutating func fill() {
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                failure = String(cString: strerror(errno))
                finished = true
                return
            }
            if count == 0 { finished = true }
            end = count
            bytesRead += count
            return
        }
    }
}

/// Buffered writes to a file descriptor, reporting the first failure (a
/// closed pipe, a full disk) instead of dying of it.
public final class DescriptorWriter {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private let capacity: Int
    /// The first write error; nothing more is written after it.
    public private(set) var failure: String?
    /// Bytes handed to ``write(_:)`` so far.
    public private(set) var bytesWritten = 0

    public init(descriptor: Int32, capacity: Int = 1 << 16) {
        self.descriptor = descriptor
        self.capacity = capacity
        buffer.reserveCapacity(capacity)
    }

    public func write(_ bytes: [UInt8]) {
        guard failure == nil else { return }
        bytesWritten += bytes.count
        buffer += bytes
        if buffer.count >= capacity { flush() }
    }

    /// Writes out what is buffered.
    public func flush() {
        guard failure == nil, !buffer.isEmpty else { return }
        failure = buffer.withUnsafeBytes { AtomicFile.writeFully(descriptor, $0) }
        buffer.removeAll(keepingCapacity: true)
    }
}
