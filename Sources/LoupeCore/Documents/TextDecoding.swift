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
        guard bytes[start...].contains(0x0D) else {
            return .success(String(decoding: bytes[start...], as: UTF8.self))
        }
        var normalized = [UInt8]()
        normalized.reserveCapacity(bytes.count - start)
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0D {
                normalized.append(0x0A)
                if index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
            } else {
                normalized.append(byte)
            }
            index += 1
        }
        return .success(String(decoding: normalized, as: UTF8.self))
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
