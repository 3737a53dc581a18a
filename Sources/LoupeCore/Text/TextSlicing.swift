extension String {
    /// The text between two UTF-8 offsets (which must fall on scalar boundaries).
    public func slice(utf8 range: Range<Int>) -> Substring {
        let start = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
        let end = utf8.index(start, offsetBy: range.count)
        return self[start..<end]
    }

    /// Number of Unicode scalars, i.e. the length in Loupe's offset unit.
    public var scalarLength: Int { unicodeScalars.count }
}
