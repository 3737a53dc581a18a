/// Finds an annotation's span again in a text that may have changed, by its
/// exact quote and the context around it.
public enum Anchoring {
    /// Where the target now stands, or `nil` when its quote is gone.
    ///
    /// The stored position is kept when the quote is still there. Otherwise
    /// every occurrence of the quote is scored by how much of the stored
    /// prefix and suffix surround it; the best wins, and among equals the one
    /// nearest the old position.
    ///
    /// - Complexity: O(n·m) in the worst case for text length n and quote length m.
    public static func locate(_ target: TextQuoteTarget, in document: Document) -> Range<Int>? {
        guard !target.exact.isEmpty else { return nil }
        if target.end <= document.length, target.start < target.end,
            document.text(scalars: target.range) == target.exact[...]
        {
            return target.range
        }
        let text = Array(document.text.utf8)
        let needle = Array(target.exact.utf8)
        let prefix = Array(target.prefix.utf8)
        let suffix = Array(target.suffix.utf8)
        let index = document.scalarIndex
        var best: (score: Int, distance: Int, range: Range<Int>)?
        for start in occurrences(of: needle, in: text) {
            let end = start + needle.count
            let score = commonSuffix(text[..<start], prefix) + commonPrefix(text[end...], suffix)
            let scalarStart = index.scalarOffset(ofUTF8: start)
            let distance = abs(scalarStart - target.start)
            if let current = best, current.score > score || (current.score == score && current.distance <= distance) {
                continue
            }
            best = (score, distance, scalarStart..<index.scalarOffset(ofUTF8: end))
        }
        return best?.range
    }

    /// Byte offsets where `needle` starts in `haystack`.
    public static func occurrences(of needle: [UInt8], in haystack: [UInt8]) -> [Int] {
        guard !needle.isEmpty, needle.count <= haystack.count else { return [] }
        var found: [Int] = []
        let first = needle[0]
        var position = 0
        let last = haystack.count - needle.count
        while position <= last {
            if haystack[position] == first {
                var matched = true
                for offset in 1..<needle.count where haystack[position + offset] != needle[offset] {
                    matched = false
                    break
                }
                if matched { found.append(position) }
            }
            position += 1
        }
        return found
    }

    static func commonSuffix(_ text: ArraySlice<UInt8>, _ prefix: [UInt8]) -> Int {
        var count = 0
        var left = text.endIndex
        var right = prefix.endIndex
        while left > text.startIndex, right > prefix.startIndex, text[left - 1] == prefix[right - 1] {
            left -= 1
            right -= 1
            count += 1
        }
        return count
    }

    static func commonPrefix(_ text: ArraySlice<UInt8>, _ suffix: [UInt8]) -> Int {
        var count = 0
        var left = text.startIndex
        var right = suffix.startIndex
        while left < text.endIndex, right < suffix.endIndex, text[left] == suffix[right] {
            left += 1
            right += 1
            count += 1
        }
        return count
    }
}
