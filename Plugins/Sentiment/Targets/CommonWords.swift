#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import LoupeCore

/// The common words of English in lower case (`common-words.txt`, from SCOWL),
/// so that the target finder can tell a capitalised word that opens a sentence
/// or a heading and is a name ("Okafor wore a suit") from an ordinary word
/// capitalised by its place ("Officials wore suits").
///
/// The list is kept as the file's bytes with the start of each word, in byte
/// order, and searched by bisection: it is asked only of capitalised words
/// that open a sentence or stand in a heading, so reading it at start-up (a
/// millisecond or two) matters more than the cost of a look-up.
struct CommonWords: Sendable {
    private let bytes: [UInt8]
    /// Each word's start and end in ``bytes``, in byte order of the words.
    private let words: [Range<Int32>]

    /// The longest word looked up, in bytes; a longer capitalised word counts as common (it stays unnamed).
    static let longestWord = 40

    /// An empty list: no word is common.
    init() {
        bytes = []
        words = []
    }

    /// Reads one word per line; lines starting with `#` are comments. Words out of byte order are sorted.
    init(url: URL) throws(AnalyzerError) {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw .invalidData(path: url.lastPathComponent, reason: "cannot be read: \(error.localizedDescription)")
        }
        guard data.count < Int(Int32.max) else { throw .invalidData(path: url.lastPathComponent, reason: "is too large") }
        let bytes = [UInt8](data)
        var words: [Range<Int32>] = []
        words.reserveCapacity(bytes.count / 8)
        var sorted = true
        bytes.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress else { return }
            var start = 0
            while start < bytes.count {
                // The line's end, found by memchr: the list is a megabyte, read at every start.
                let end = memchr(base + start, 0x0A, bytes.count - start).map { UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - base }
                    ?? bytes.count
                defer { start = end + 1 }
                var last = end
                if last > start, bytes[last - 1] == 0x0D { last -= 1 }
                guard last > start, bytes[start] != UInt8(ascii: "#") else { continue }
                let word = Int32(start)..<Int32(last)
                // Equal neighbours (a duplicate) keep the order; only a word before its predecessor needs a sort.
                if sorted, let previous = words.last, Self.precedes(word, previous, in: bytes) { sorted = false }
                words.append(word)
            }
            if !sorted { words.sort { Self.precedes($0, $1, in: bytes) } }
        }
        self.bytes = bytes
        self.words = words
    }

    var count: Int { words.count }

    /// Whether one word comes before another in byte order (a prefix first).
    private static func precedes(_ left: Range<Int32>, _ right: Range<Int32>, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        compare(UnsafeBufferPointer(rebasing: bytes[Int(left.lowerBound)..<Int(left.upperBound)]),
                UnsafeBufferPointer(rebasing: bytes[Int(right.lowerBound)..<Int(right.upperBound)])) < 0
    }

    /// Byte order of two words: negative, zero or positive.
    private static func compare(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>) -> Int {
        let common = min(left.count, right.count)
        if common > 0, let leftBase = left.baseAddress, let rightBase = right.baseAddress {
            let order = memcmp(leftBase, rightBase, common)
            if order != 0 { return Int(order) }
        }
        return left.count - right.count
    }

    /// Whether a word as written ("Officials", "Long-term", "Okafor") is a common word once its capitals are
    /// lowered, one with a prefix ("Unvaccinated"), or two joined ("Stormwater"; each of five letters or more,
    /// so that "Whitfield" and "Goldberg" stay names); a hyphenated word is when one of its parts of three
    /// letters or more is ("Michigan-Based", not "Al-Amin"). Only ASCII capitals are lowered; a word longer
    /// than ``longestWord`` bytes counts as common.
    func contains(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !word.isEmpty else { return false }
        guard word.count <= Self.longestWord else { return true }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.longestWord) { lowered in
            var partStart = 0
            for index in 0...word.count {
                if index == word.count || word[index] == UInt8(ascii: "-") {
                    // A part of one or two letters ("al-", "El-") is a particle, no word to judge by.
                    if index >= partStart + 3, isWordOrCompound(UnsafeBufferPointer(rebasing: lowered[partStart..<index])) { return true }
                    partStart = index + 1
                    if index < word.count { lowered[index] = word[index] }
                    continue
                }
                let byte = word[index]
                lowered[index] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            }
            return false
        }
    }

    /// Prefixes that make common words of common words ("unvaccinated", "nonprofit", "overstaffed"); not
    /// "co", "de" or "re", which open surnames as often ("Coleman", "DeWine", "Redford").
    private static let prefixes: [[UInt8]] = [
        "un", "non", "pre", "anti", "dis", "mis", "over", "under", "post", "semi", "multi", "inter", "counter",
        "super", "self",
    ].map { Array($0.utf8) }

    /// Whether a lower-case word is in the list, is one of ``prefixes`` before a listed word of four letters or
    /// more, or is two words of the list of five letters or more each.
    private func isWordOrCompound(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        if isListed(word) { return true }
        for prefix in Self.prefixes where word.count >= prefix.count + 4 && word.starts(with: prefix) {
            if isListed(UnsafeBufferPointer(rebasing: word[prefix.count...])) { return true }
        }
        guard word.count >= 10 else { return false }
        for split in 5...(word.count - 5)
        where isListed(UnsafeBufferPointer(rebasing: word[..<split])) && isListed(UnsafeBufferPointer(rebasing: word[split...])) {
            return true
        }
        return false
    }

    /// Whether the list holds exactly this word (bisection over the words in byte order).
    private func isListed(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { bytes in
            var low = 0
            var high = words.count
            while low < high {
                let middle = (low + high) / 2
                let range = words[middle]
                let order = Self.compare(UnsafeBufferPointer(rebasing: bytes[Int(range.lowerBound)..<Int(range.upperBound)]), word)
                if order == 0 { return true }
                if order < 0 { low = middle + 1 } else { high = middle }
            }
            return false
        }
    }
}
