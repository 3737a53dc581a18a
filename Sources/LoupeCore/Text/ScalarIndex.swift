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
        let utf8 = text.utf8
        utf8Count = utf8.count
        var scalars = 0
        var isASCII = true
        for byte in utf8 {
            if byte & 0xC0 != 0x80 { scalars += 1 }
            if byte >= 0x80 { isASCII = false }
        }
        scalarCount = scalars
        if isASCII {
            utf8OffsetOfScalar = []
            return
        }
        var table = [Int32]()
        table.reserveCapacity(scalars + 1)
        var offset: Int32 = 0
        for byte in utf8 {
            if byte & 0xC0 != 0x80 { table.append(offset) }
            offset += 1
        }
        table.append(offset)
        utf8OffsetOfScalar = table
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
