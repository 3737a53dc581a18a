/// Why a cue could not be added.
public enum CueLexiconError: Error, Sendable, Equatable, CustomStringConvertible {
    case empty(String)
    case onlyPunctuation(String)
    case onlyStopWords(String)

    public var description: String {
        switch self {
        case .empty(let cue): return "cue \(Sanitizer.quoted(cue)) is empty"
        case .onlyPunctuation(let cue): return "cue \(Sanitizer.quoted(cue)) has no words, only punctuation"
        case .onlyStopWords(let cue): return "cue \(Sanitizer.quoted(cue)) has only stop words, which would match almost anywhere"
        }
    }
}

/// Where a cue matched: the document tokens it covers, their scalar range,
/// and the payloads of every cue with that word sequence.
public struct CueMatch<Payload: Sendable>: Sendable {
    public var tokens: Range<Int>
    public var range: Range<Int>
    public var payloads: [Payload]
}

/// Cue words and phrases matched on token sequences, so that "sanctions",
/// "sanctioned" and "Sanction" all match the cue "sanction" and "national
/// security" matches as one cue, without a regular expression per cue.
///
/// Tokens are compared after ``CueNormalizer`` (case folded, curly
/// apostrophes made straight, English words stemmed). At each position the
/// longest cue wins, and matches do not overlap.
public struct CueLexicon<Payload: Sendable>: Sendable {
    private var words = ByteKeyTable<Int32>(capacity: 64)
    private struct Node: Sendable {
        var children: [Int32: Int32] = [:]
        var payloads: [Payload] = []
    }
    private var nodes: [Node] = [Node()]

    public init() {}

    /// Number of distinct cue sequences.
    public private(set) var count = 0

    /// Adds a cue; fails for an empty cue, one of punctuation only, or (when
    /// asked) one of stop words only.
    public mutating func add(_ cue: String, payload: Payload, rejectStopWordsOnly: Bool = false) throws(CueLexiconError) {
        let document = Document(id: "cue", text: cue, sourcePath: "cue")
        let tokens = document.segmentation.tokens
        guard !tokens.isEmpty else { throw .empty(cue) }
        guard tokens.contains(where: { $0.kind != .punctuation }) else { throw .onlyPunctuation(cue) }
        let bytes = Array(cue.utf8)
        var normalized: [[UInt8]] = []
        var scratch: [UInt8] = []
        for token in tokens {
            CueNormalizer.normalize(bytes[token.span.utf8], into: &scratch)
            normalized.append(scratch)
        }
        if rejectStopWordsOnly {
            let content = zip(tokens, normalized).filter { $0.0.kind == .word && !StopWords.containsNormalized($0.1) }
            if content.isEmpty, tokens.contains(where: { $0.kind == .word }), !tokens.contains(where: { $0.kind == .number }) {
                throw .onlyStopWords(cue)
            }
        }
        var node = 0
        for word in normalized {
            let id = wordID(word)
            if let child = nodes[node].children[id] {
                node = Int(child)
            } else {
                nodes.append(Node())
                nodes[node].children[id] = Int32(nodes.count - 1)
                node = nodes.count - 1
            }
        }
        if nodes[node].payloads.isEmpty { count += 1 }
        nodes[node].payloads.append(payload)
    }

    private mutating func wordID(_ word: [UInt8]) -> Int32 {
        var key = word
        if let id = key.withUnsafeMutableBufferPointer({ words.value(for: UnsafeBufferPointer($0)) }) { return id }
        let id = Int32(words.count)
        words.insert(String(decoding: word, as: UTF8.self), id)
        return id
    }

    /// The id of every token of a document (-1 for words no cue uses).
    ///
    /// - Complexity: O(n) in the document's length.
    public func tokenIDs(of document: Document) -> [Int32] {
        let text = document.text
        var scratch: [UInt8] = []
        scratch.reserveCapacity(64)
        var ids: [Int32] = []
        ids.reserveCapacity(document.segmentation.tokens.count)
        let table = words
        // Words repeat: remember each spelling's id instead of normalising it again.
        var seen = ByteKeyTable<Int32>(capacity: 1024)
        text.utf8.withContiguousStorageIfAvailable { buffer in
            for token in document.segmentation.tokens {
                let raw = UnsafeBufferPointer(rebasing: buffer[token.span.utf8])
                if let id = seen.value(for: raw) {
                    ids.append(id)
                    continue
                }
                CueNormalizer.normalize(raw, into: &scratch)
                let id = scratch.withUnsafeBufferPointer { table.value(for: $0) } ?? -1
                seen.insert(bytes: raw, id)
                ids.append(id)
            }
        }
        return ids
    }

    /// Leftmost-longest, non-overlapping matches over a range of tokens
    /// (all of them by default).
    public func matches(in document: Document, tokens range: Range<Int>? = nil, ids precomputed: [Int32]? = nil) -> [CueMatch<Payload>] {
        let tokens = document.segmentation.tokens
        let ids = precomputed ?? tokenIDs(of: document)
        let bounds = range ?? 0..<tokens.count
        var found: [CueMatch<Payload>] = []
        var position = bounds.lowerBound
        while position < bounds.upperBound {
            var node = 0
            var cursor = position
            var best: (end: Int, node: Int)?
            while cursor < bounds.upperBound, ids[cursor] >= 0, let child = nodes[node].children[ids[cursor]] {
                node = Int(child)
                cursor += 1
                if !nodes[node].payloads.isEmpty { best = (cursor, node) }
            }
            if let best {
                found.append(
                    CueMatch(
                        tokens: position..<best.end,
                        range: tokens[position].span.scalars.lowerBound..<tokens[best.end - 1].span.scalars.upperBound,
                        payloads: nodes[best.node].payloads))
                position = best.end
            } else {
                position += 1
            }
        }
        return found
    }
}

/// How tokens are compared for cue matching: lower case (full Unicode
/// casing for non-ASCII words), curly apostrophes made straight, and
/// English words stemmed (``EnglishStemmer``) — except words ending in
/// "ly", which match as written: an adverb often means something its stem
/// does not ("reportedly" is not "report", "clearly" is not "clear").
public enum CueNormalizer {
    /// Normalises one token's UTF-8 bytes into `output`.
    public static func normalize(_ bytes: some Collection<UInt8>, into output: inout [UInt8]) {
        output.removeAll(keepingCapacity: true)
        var ascii = true
        var iterator = bytes.makeIterator()
        while let byte = iterator.next() {
            if byte >= 0x80 {
                ascii = false
                break
            }
            output.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
        }
        if !ascii {
            let folded = String(decoding: Array(bytes), as: UTF8.self).lowercased()
                .replacingApostrophes()
            output.removeAll(keepingCapacity: true)
            output.append(contentsOf: folded.utf8)
        }
        let count = output.count
        if count > 4, output[count - 2] == UInt8(ascii: "l"), output[count - 1] == UInt8(ascii: "y") { return }
        EnglishStemmer.stem(&output)
    }
}

extension String {
    fileprivate func replacingApostrophes() -> String {
        guard unicodeScalars.contains(where: { $0 == "\u{2019}" || $0 == "\u{2018}" || $0 == "\u{02BC}" }) else { return self }
        return String(String.UnicodeScalarView(unicodeScalars.map { $0 == "\u{2019}" || $0 == "\u{2018}" || $0 == "\u{02BC}" ? "'" : $0 }))
    }
}

/// Common English function words, for rejecting cues that would match almost anywhere.
public enum StopWords {
    static let list = [
        "a", "an", "the", "and", "or", "but", "nor", "so", "yet", "of", "to", "in", "on", "at", "by", "for", "with",
        "from", "as", "into", "onto", "over", "under", "about", "than", "then", "that", "this", "these", "those",
        "it", "its", "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "has", "have",
        "had", "will", "would", "shall", "should", "can", "could", "may", "might", "must", "he", "she", "they",
        "we", "you", "i", "me", "him", "her", "them", "us", "his", "their", "our", "your", "my", "who", "whom",
        "which", "what", "when", "where", "why", "how", "there", "here", "not", "no", "if", "also", "just", "very",
    ]

    static let normalized: Set<[UInt8]> = Set(list.map { word in
        var output: [UInt8] = []
        CueNormalizer.normalize(Array(word.utf8), into: &output)
        return output
    })

    /// Whether a word (as typed) is a stop word.
    public static func contains(_ word: String) -> Bool {
        var output: [UInt8] = []
        CueNormalizer.normalize(Array(word.utf8), into: &output)
        return normalized.contains(output)
    }

    static func containsNormalized(_ word: [UInt8]) -> Bool { normalized.contains(word) }
}
