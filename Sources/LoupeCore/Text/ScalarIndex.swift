/// Converts between UTF-8 byte offsets and Unicode scalar offsets in one text.
///
/// Loupe persists scalar offsets (what Python's `text[start:end]` and the W3C
/// `TextPositionSelector` use) but scans text as UTF-8. The table is built once
/// per document; for ASCII text both offsets coincide and no table is kept.
public struct ScalarIndex: Sendable {
    /// UTF-8 offset of the start of each scalar, plus the total byte count at
    /// the end; empty when the text is ASCII.
    private let utf8OffsetOfScalar: [Int32]
    /// Number of Unicode scalars in the text.
    public let scalarCount: Int
    /// Number of UTF-8 bytes in the text.
    public let utf8Count: Int

    /// Builds the table for `text`.
    ///
    /// - Complexity: O(n) in the text's UTF-8 length.
    public init(_ text: String) {
        // Over the contiguous bytes of a native string (all but bridged ones):
        // the string's own byte iterator costs several times as much per byte.
        var text = text
        (utf8Count, scalarCount, utf8OffsetOfScalar) = text.withUTF8(Self.table)
    }

    /// The top bit of each byte of a word.
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The top bit of each continuation byte (10xxxxxx: top bit set, the next
    /// clear) of eight bytes read as one word, the others clear.
    @inline(__always)
    private static func continuationBits(_ word: UInt64) -> UInt64 { word & ~(word << 1) & highBits }

    /// The text's byte count, scalar count and table, read eight bytes at a
    /// time: a word is counted with a few arithmetic tests, and a word with
    /// no continuation byte (any word of ASCII) starts eight scalars, whose
    /// offsets are written without a test each.
    private static func table(_ bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int, [Int32]) {
        precondition(bytes.count < Int(Int32.max), "a text of 2 GiB or more has offsets the table cannot hold")
        let count = bytes.count
        // Where the whole words end: the bytes after them are read one by one.
        let wordsEnd = count - count % 8
        var continuations = 0
        var high: UInt64 = 0
        if let base = bytes.baseAddress {
            for offset in stride(from: 0, to: wordsEnd, by: 8) {
                let word = UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)
                high |= word
                continuations &+= continuationBits(word).nonzeroBitCount
            }
        }
        for index in wordsEnd..<count {
            let byte = bytes[index]
            continuations &+= byte & 0xC0 == 0x80 ? 1 : 0
            high |= UInt64(byte)
        }
        let scalars = count - continuations
        if high & highBits == 0 { return (count, scalars, []) }
        let table = [Int32](unsafeUninitializedCapacity: scalars + 1) { slots, initialized in
            var next = 0
            if let base = bytes.baseAddress {
                for offset in stride(from: 0, to: wordsEnd, by: 8) {
                    let word = UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)
                    if continuationBits(word) == 0 {
                        for lane in 0..<8 { slots[next + lane] = Int32(truncatingIfNeeded: offset + lane) }
                        next += 8
                    } else {
                        for index in offset..<(offset + 8) where bytes[index] & 0xC0 != 0x80 {
                            slots[next] = Int32(truncatingIfNeeded: index)
                            next += 1
                        }
                    }
                }
            }
            for index in wordsEnd..<count where bytes[index] & 0xC0 != 0x80 {
                slots[next] = Int32(truncatingIfNeeded: index)
                next += 1
            }
            slots[next] = Int32(truncatingIfNeeded: count)
            initialized = next + 1
        }
        return (count, scalars, table)
    }

    /// Whether every scalar is ASCII, so both kinds of offset coincide.
    public var isASCII: Bool { utf8OffsetOfScalar.isEmpty }

    /// The UTF-8 offset where scalar number `scalarOffset` starts
    /// (`scalarCount` maps to the end of the text).
    public func utf8Offset(ofScalar scalarOffset: Int) -> Int {
        precondition(scalarOffset >= 0 && scalarOffset <= scalarCount, "scalar offset out of range")
        if isASCII { return scalarOffset }
        return Int(utf8OffsetOfScalar[scalarOffset])
    }

    /// The scalar offset of the scalar that contains UTF-8 offset `utf8Offset`.
    ///
    /// - Complexity: O(log n).
    public func scalarOffset(ofUTF8 utf8Offset: Int) -> Int {
        precondition(utf8Offset >= 0 && utf8Offset <= utf8Count, "UTF-8 offset out of range")
        if isASCII { return utf8Offset }
        var low = 0
        var high = utf8OffsetOfScalar.count - 1
        let target = Int32(utf8Offset)
        while low < high {
            let middle = (low + high + 1) / 2
            if utf8OffsetOfScalar[middle] <= target { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// Converts a scalar range to a UTF-8 range.
    public func utf8Range(ofScalars range: Range<Int>) -> Range<Int> {
        utf8Offset(ofScalar: range.lowerBound)..<utf8Offset(ofScalar: range.upperBound)
    }
}
