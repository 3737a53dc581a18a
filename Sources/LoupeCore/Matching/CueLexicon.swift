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
    /// Prefix of exact (unstemmed) word keys, keeping them apart from stems.
    private static var exactMark: UInt8 { 0x01 }
    /// Whether any cue is exact, so documents need exact ids as well.
    private var hasExactCues = false
    /// Whether any cue is stemmed; a lexicon of exact cues only skips stemming documents.
    private var hasStemmedCues = false
    private struct Node: Sendable {
        var children: [Int32: Int32] = [:]
        var payloads: [Payload] = []
    }
    private var nodes: [Node] = [Node()]

    public init() {}

    /// Number of distinct cue sequences.
    public private(set) var count = 0

    /// Adds a cue; fails for an empty cue, one of punctuation only, or (when
    /// asked) one of stop words only. An `exact` cue matches its words as
    /// written (case folded but not stemmed): "profiteers" but not "profit".
    public mutating func add(
        _ cue: String, payload: Payload, rejectStopWordsOnly: Bool = false, exact: Bool = false
    ) throws(CueLexiconError) {
        // Not cut short by Ctrl-C: a lexicon loaded after a stop was requested must not
        // read its cues as empty (a built-in codebook is loaded once per process).
        let tokens = Segmenter.segment(cue, index: ScalarIndex(cue), interruptible: false).tokens
        guard !tokens.isEmpty else { throw .empty(cue) }
        guard tokens.contains(where: { $0.kind != .punctuation }) else { throw .onlyPunctuation(cue) }
        let bytes = Array(cue.utf8)
        var normalized: [[UInt8]] = []
        var scratch: [UInt8] = []
        for token in tokens {
            CueNormalizer.normalize(bytes[token.span.utf8], into: &scratch, stem: !exact)
            normalized.append(exact ? [Self.exactMark] + scratch : scratch)
        }
        if rejectStopWordsOnly {
            let content = zip(tokens, normalized).filter {
                $0.0.kind == .word && !StopWords.containsNormalized(exact ? Array($0.1.dropFirst()) : $0.1)
            }
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
        if exact { hasExactCues = true } else { hasStemmedCues = true }
    }

    private mutating func wordID(_ word: [UInt8]) -> Int32 {
        var key = word
        if let id = key.withUnsafeMutableBufferPointer({ words.value(for: UnsafeBufferPointer($0)) }) { return id }
        let id = Int32(words.count)
        words.insert(String(decoding: word, as: UTF8.self), id)
        return id
    }

    /// The ids of every token of a document (-1 for words no cue uses): its
    /// stem's, and its exact form's when some cue is exact.
    ///
    /// - Complexity: O(n) in the document's length.
    public func tokenIDs(of document: Document) -> CueTokenIDs {
        let vocabulary = document.cueVocabulary
        let table = words
        // One look-up per distinct spelling, then one array read per token.
        var stemOfSpelling: [Int32] = []
        if hasStemmedCues {
            stemOfSpelling = vocabulary.stems.map { stem in stem.withUnsafeBufferPointer { table.value(for: $0) } ?? -1 }
        }
        var exactOfSpelling: [Int32] = []
        if hasExactCues {
            var scratch: [UInt8] = [Self.exactMark]
            exactOfSpelling = vocabulary.exacts.map { form in
                scratch.removeSubrange(1...)
                scratch += form
                return scratch.withUnsafeBufferPointer { table.value(for: $0) } ?? -1
            }
        }
        let spellings = vocabulary.spellingOfToken
        let stemmed = hasStemmedCues ? spellings.map { stemOfSpelling[Int($0)] } : [Int32](repeating: -1, count: spellings.count)
        let exact = hasExactCues ? spellings.map { exactOfSpelling[Int($0)] } : []
        return CueTokenIDs(stemmed: stemmed, exact: exact)
    }

    /// Leftmost-longest, non-overlapping matches over a range of tokens
    /// (all of them by default). A token may continue a cue by its stem or,
    /// for exact cues, by its form as written.
    public func matches(in document: Document, tokens range: Range<Int>? = nil, ids precomputed: CueTokenIDs? = nil) -> [CueMatch<Payload>] {
        let tokens = document.segmentation.tokens
        let ids = precomputed ?? tokenIDs(of: document)
        let bounds = range ?? 0..<tokens.count
        var found: [CueMatch<Payload>] = []
        var position = bounds.lowerBound
        var stack: [(node: Int, cursor: Int)] = []
        while position < bounds.upperBound {
            // Ctrl-C in one enormous sentence: the matches so far are returned, and the caller stops.
            if position & 0xFFFF == 0, Interruption.isRequested { return found }
            var best: (end: Int, node: Int)?
            stack.removeAll(keepingCapacity: true)
            stack.append((0, position))
            while let (node, cursor) = stack.popLast() {
                if cursor > position, !nodes[node].payloads.isEmpty, cursor > (best?.end ?? -1) { best = (cursor, node) }
                guard cursor < bounds.upperBound else { continue }
                let stemID = ids.stemmed[cursor]
                if stemID >= 0, let child = nodes[node].children[stemID] { stack.append((Int(child), cursor + 1)) }
                if !ids.exact.isEmpty {
                    let exactID = ids.exact[cursor]
                    if exactID >= 0, let child = nodes[node].children[exactID] { stack.append((Int(child), cursor + 1)) }
                }
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

/// Per-token word ids for cue matching (see ``CueLexicon/tokenIDs(of:)``).
public struct CueTokenIDs: Sendable {
    /// The id of each token's stem, or -1.
    public var stemmed: [Int32]
    /// The id of each token's exact form, or -1; empty when no cue is exact.
    public var exact: [Int32]
}

/// How tokens are compared for cue matching: lower case (full Unicode
/// casing for non-ASCII words), curly apostrophes made straight, and
/// English words stemmed (``EnglishStemmer``) — except words ending in
/// "ly", which match as written: an adverb often means something its stem
/// does not ("reportedly" is not "report", "clearly" is not "clear").
public enum CueNormalizer {
    /// Normalises one token's UTF-8 bytes into `output` (stemmed unless told not to).
    public static func normalize(_ bytes: some Collection<UInt8>, into output: inout [UInt8], stem: Bool = true) {
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
        if stem { Self.stem(&output) }
    }

    /// Stems a normalised word in place, as ``normalize(_:into:stem:)`` does.
    public static func stem(_ output: inout [UInt8]) {
        let count = output.count
        if count > 4 && output[count - 2] == UInt8(ascii: "l") && output[count - 1] == UInt8(ascii: "y") { return }
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
