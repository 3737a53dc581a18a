/// Turns file bytes into document text: strict UTF-8, leading BOM removed,
/// CRLF and lone CR made LF, and nothing else changed.
public enum TextDecoding {
    /// A reason the bytes are not text.
    public enum Failure: Error, Equatable {
        case nulByte(offset: Int)
        case invalidUTF8(offset: Int)
    }

    /// Decodes `bytes`, rejecting NUL bytes and invalid UTF-8 with their offset.
    ///
    /// - Complexity: O(n).
    public static func decode(_ bytes: [UInt8]) -> Result<String, Failure> {
        if let offset = firstInvalidOffset(bytes) {
            if bytes[offset] == 0 { return .failure(.nulByte(offset: offset)) }
            return .failure(.invalidUTF8(offset: offset))
        }
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        return .success(bytes.withUnsafeBufferPointer { lineEndsNormalized(UnsafeBufferPointer(rebasing: $0[start...])) })
    }

    /// `text` with CRLF and lone CR made LF, byte by byte: a CR is a line end whatever stands around it
    /// (Foundation's `replacingOccurrences(of: "\r\n", …)`, which compares characters, was seen to miss a
    /// CRLF after a combining mark).
    ///
    /// - Complexity: O(n); a text without CR is returned as it is.
    public static func normalizingLineEnds(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            bytes.contains(0x0D) ? lineEndsNormalized(bytes) : nil
        } ?? text
    }

    /// The UTF-8 `bytes` as a string, CRLF and lone CR made LF.
    private static func lineEndsNormalized(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.contains(0x0D) else { return String(decoding: bytes, as: UTF8.self) }
        return String(unsafeUninitializedCapacity: bytes.count) { output in
            var written = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x0D {
                    output[written] = 0x0A
                    if index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
                } else {
                    output[written] = byte
                }
                written += 1
                index += 1
            }
            return written
        }
    }

    /// The offset of the first NUL byte or invalid UTF-8 sequence, if any.
    public static func firstInvalidOffset(_ bytes: [UInt8]) -> Int? {
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte < 0x80 {
                if byte == 0 { return index }
                index += 1
                continue
            }
            let length: Int
            var minimum: UInt32
            var value: UInt32
            switch byte {
            case 0xC2...0xDF: length = 2; minimum = 0x80; value = UInt32(byte & 0x1F)
            case 0xE0...0xEF: length = 3; minimum = 0x800; value = UInt32(byte & 0x0F)
            case 0xF0...0xF4: length = 4; minimum = 0x10000; value = UInt32(byte & 0x07)
            default: return index
            }
            guard index + length <= count else { return index }
            for offset in 1..<length {
                let continuation = bytes[index + offset]
                guard continuation & 0xC0 == 0x80 else { return index }
                value = value << 6 | UInt32(continuation & 0x3F)
            }
            if value < minimum || value > 0x10FFFF || (0xD800...0xDFFF).contains(value) { return index }
            index += length
        }
        return nil
    }
}
