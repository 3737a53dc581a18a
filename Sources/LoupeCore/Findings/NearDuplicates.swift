/// Near-identical documents (the same story reposted, an article and its
/// copy without a reference list), found in time linear in the corpus: each
/// document's five-word shingles are summarised by a MinHash signature,
/// signatures are banded so that only documents sharing a band are compared,
/// and each candidate pair is measured exactly (Jaccard similarity of the
/// shingle sets).
public enum NearDuplicates {
    /// A pair of documents and how alike they are.
    public struct Pair: Sendable, Equatable {
        public var first: String
        public var second: String
        /// Jaccard similarity of their sets of five-word shingles, 0…1.
        public var similarity: Double
    }

    static let shingleLength = 5
    static let bands = 16
    static let rows = 4
    static var hashes: Int { bands * rows }

    /// The hashes of a document's five-word shingles (lower-cased words and
    /// numbers; a document shorter than that is its own single shingle), sorted, unique.
    public static func shingles(of document: Document) -> [UInt64] {
        let tokens = document.segmentation.tokens
        var words: [UInt64] = []
        words.reserveCapacity(tokens.count)
        document.text.utf8.withContiguousStorageIfAvailable { bytes in
            for token in tokens where token.kind != .punctuation {
                var hash: UInt64 = 0xCBF2_9CE4_8422_2325
                for byte in bytes[token.span.utf8] {
                    let lower = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
                    hash = (hash ^ UInt64(lower)) &* 0x0000_0100_0000_01B3
                }
                words.append(hash)
            }
        }
        guard !words.isEmpty else { return [] }
        var shingles: [UInt64] = []
        let count = max(1, words.count - shingleLength + 1)
        shingles.reserveCapacity(count)
        for start in 0..<count {
            var hash: UInt64 = 0x9E37_79B9_7F4A_7C15
            for word in words[start..<min(words.count, start + shingleLength)] { hash = mix(hash ^ word) }
            shingles.append(hash)
        }
        shingles.sort()
        var unique: [UInt64] = []
        unique.reserveCapacity(shingles.count)
        for hash in shingles where unique.last != hash { unique.append(hash) }
        return unique
    }

    /// SplitMix64's finaliser: a good 64-bit mix.
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The MinHash signature: for each of the hash functions (h1 + i·h2, one
    /// mix per shingle), the least value over the shingles.
    static func signature(_ shingles: [UInt64]) -> [UInt64] {
        var signature = [UInt64](repeating: .max, count: hashes)
        for shingle in shingles {
            let h1 = mix(shingle), h2 = mix(h1) | 1
            var value = h1
            for index in 0..<hashes {
                if value < signature[index] { signature[index] = value }
                value = value &+ h2
            }
        }
        return signature
    }

    /// Jaccard similarity of two sorted, unique hash lists.
    public static func jaccard(_ a: [UInt64], _ b: [UInt64]) -> Double {
        guard !a.isEmpty || !b.isEmpty else { return 0 }
        var i = 0, j = 0, shared = 0
        while i < a.count, j < b.count {
            if a[i] == b[j] {
                shared += 1
                i += 1
                j += 1
            } else if a[i] < b[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return Double(shared) / Double(a.count + b.count - shared)
    }

    /// Pairs of `documents` at least `threshold` alike, most alike first.
    /// `stop` is asked between documents (Ctrl-C).
    public static func pairs(in documents: [Document], threshold: Double, stop: () -> Bool = { false }) -> [Pair] {
        var shingleSets: [[UInt64]] = []
        var buckets: [Int: [UInt64: [Int]]] = [:]
        shingleSets.reserveCapacity(documents.count)
        for (index, document) in documents.enumerated() {
            if stop() { return [] }
            let shingles = shingles(of: document)
            shingleSets.append(shingles)
            guard !shingles.isEmpty else { continue }
            let signature = signature(shingles)
            for band in 0..<bands {
                var key: UInt64 = UInt64(band)
                for row in 0..<rows { key = mix(key ^ signature[band * rows + row]) }
                buckets[band, default: [:]][key, default: []].append(index)
            }
        }
        var seen = Set<Int64>()
        var found: [Pair] = []
        for band in 0..<bands {
            for members in (buckets[band] ?? [:]).values where members.count > 1 {
                // A bucket of many identical boilerplate texts is still linear to list: compare each with the first few.
                for (position, a) in members.enumerated() {
                    for b in members[(position + 1)...].prefix(50) {
                        let key = Int64(a) << 32 | Int64(b)
                        guard seen.insert(key).inserted else { continue }
                        let similarity = jaccard(shingleSets[a], shingleSets[b])
                        if similarity >= threshold {
                            found.append(Pair(first: documents[a].id, second: documents[b].id, similarity: similarity))
                        }
                    }
                }
            }
        }
        return found.sorted { ($0.similarity, $1.first, $1.second) > ($1.similarity, $0.first, $0.second) }
    }

    /// The sentences one document has and the other lacks (compared with
    /// spacing and case folded), in text order: what differs between a pair.
    public static func differences(_ first: Document, _ second: Document) -> (onlyFirst: [Range<Int>], onlySecond: [Range<Int>]) {
        func key(_ document: Document, _ range: Range<Int>) -> String {
            document.text(scalars: range).lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        func sentences(_ document: Document) -> [(range: Range<Int>, key: String)] {
            document.segmentation.sentences.map { ($0.span.scalars, key(document, $0.span.scalars)) }
        }
        let a = sentences(first), b = sentences(second)
        let keysA = Set(a.map(\.key)), keysB = Set(b.map(\.key))
        return (a.filter { !keysB.contains($0.key) }.map(\.range), b.filter { !keysA.contains($0.key) }.map(\.range))
    }
}
