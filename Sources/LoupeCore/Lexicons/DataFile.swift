import Foundation

/// A UTF-8 data file of an analyzer's (a lexicon, a word list, a table of
/// rules), read once and cut into lines by bytes.
///
/// Analyzers read their data at every start, so that `loupe stream` and
/// every scripted run pay for it. Splitting a file as a `String` into
/// `Character`s and trimming each field with Foundation's
/// `trimmingCharacters(in:)` cost the bias markers 640 million instructions
/// at each start, more than analysing three hundred press releases.
public struct DataFile: Sendable {
    /// Where the file was read from, for error messages.
    public let path: String
    /// The file's bytes, valid UTF-8, without a leading byte-order mark.
    public let bytes: [UInt8]

    /// Reads the file; one that cannot be read or is not UTF-8 is an error naming it.
    public init(url: URL) throws(AnalyzerError) {
        path = url.path
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw .invalidData(path: url.path, reason: "cannot be read")
        }
        // Copied in one go: building the array from `data` as a sequence goes byte by byte.
        var bytes = [UInt8](unsafeUninitializedCapacity: data.count) { buffer, count in
            count = data.copyBytes(to: buffer)
        }
        // A byte-order mark, which editors on Windows write, is no part of the first line.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw .invalidData(path: url.path, reason: "is not valid UTF-8")
        }
        self.bytes = bytes
    }

    /// Calls `body` with each line's number (from 0) and bytes, split at
    /// "\n" (a "\r" before it is dropped too), empty lines included so that
    /// numbers are line numbers, until it returns false.
    public func forEachLine<Failure: Error>(
        _ body: (Int, UnsafeBufferPointer<UInt8>) throws(Failure) -> Bool
    ) throws(Failure) {
        try bytes.withUnsafeBufferPointer { (buffer) throws(Failure) in
            var number = 0
            var start = 0
            while true {
                let end = buffer[start...].firstIndex(of: 0x0A) ?? buffer.count
                var lineEnd = end
                if lineEnd > start, buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                guard try body(number, UnsafeBufferPointer(rebasing: buffer[start..<lineEnd])) else { return }
                if end == buffer.count { return }
                number += 1
                start = end + 1
            }
        }
    }

    /// Calls `body` with each record of a tab-separated file: every line
    /// that is neither blank nor a `#` comment, as its fields, each trimmed
    /// of spaces and tabs (``isSpace(_:)``), with its line number (from 1)
    /// for messages (``location(ofLine:)``).
    public func forEachRecord<Failure: Error>(_ body: (_ line: Int, _ fields: [String]) throws(Failure) -> Void) throws(Failure) {
        try forEachLine { (number, line) throws(Failure) in
            guard let first = line.first, first != UInt8(ascii: "#") else { return true }
            let text = String(decoding: line, as: UTF8.self)
            guard !text.unicodeScalars.allSatisfy(Self.isSpace) else { return true }
            let fields = text.utf8.split(separator: 0x09, omittingEmptySubsequences: false).map { field in
                Self.trimmingSpace(Substring(field))
            }
            try body(number + 1, fields)
            return true
        }
    }

    /// `path:line`, where a message about a record points.
    public func location(ofLine line: Int) -> String {
        "\(path):\(line)"
    }

    /// Whether a scalar is a space as Foundation's `CharacterSet.whitespaces`
    /// has it: a tab or a space separator (Unicode category Zs).
    public static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || (scalar.value >= 0x80 && scalar.properties.generalCategory == .spaceSeparator)
    }

    /// The text without the spaces (``isSpace(_:)``) at its ends.
    public static func trimmingSpace(_ text: Substring) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }), let last = scalars.lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(scalars[first...last])
    }
}
