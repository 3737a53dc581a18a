/// A half-open range of the document text, in both offset units.
///
/// `scalars` is the persisted, user-visible unit; `utf8` is for scanning
/// `String.UTF8View` quickly.
public struct TextSpan: Sendable, Hashable {
    /// Unicode scalar offsets `[start, end)`.
    public var scalars: Range<Int>
    /// UTF-8 byte offsets `[start, end)` of the same span.
    public var utf8: Range<Int>

    public init(scalars: Range<Int>, utf8: Range<Int>) {
        self.scalars = scalars
        self.utf8 = utf8
    }
}
