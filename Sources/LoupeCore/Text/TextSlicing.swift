#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

extension StringProtocol {
    /// Whether `other`'s UTF-8 bytes occur in this text's: a search for the
    /// same bytes, without Foundation's `contains`, which goes through its
    /// locale-aware search (and finds nothing for an empty string, as here).
    public func containsUTF8(_ other: String) -> Bool {
        guard !other.isEmpty else { return false }
        var other = other
        return other.withUTF8 { needle in
            utf8.withContiguousStorageIfAvailable { Self.occurs(needle, in: $0) }
                ?? Array(utf8).withUnsafeBufferPointer { Self.occurs(needle, in: $0) }
        }
    }

    /// Whether `needle` (not empty) occurs in `haystack`: candidates found by
    /// `memchr` on the first byte, each checked with `memcmp`.
    private static func occurs(_ needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = haystack.baseAddress, let pattern = needle.baseAddress, needle.count <= haystack.count else { return false }
        let lastStart = haystack.count - needle.count
        var start = 0
        while start <= lastStart {
            guard let hit = memchr(base + start, Int32(pattern[0]), lastStart - start + 1) else { return false }
            let offset = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if memcmp(base + offset, pattern, needle.count) == 0 { return true }
            start = offset + 1
        }
        return false
    }
}
