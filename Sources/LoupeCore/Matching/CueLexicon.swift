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
///
/// The word sequences live in a ``CueTrie``, which knows nothing of the
/// payloads: the walk over every token is the same non-generic code for
/// every lexicon, and a payload list is only touched where a cue matched.
public struct CueLexicon<Payload: Sendable>: Sendable {
    private var trie = CueTrie()
    /// The payloads of each cue sequence, by ``CueTrie`` terminal number.
    private var payloads: [[Payload]] = []

    public init() {}

    /// Number of distinct cue sequences.
    public var count: Int { payloads.count }

    /// Adds a cue; fails for an empty cue, one of punctuation only, or (when
    /// asked) one of stop words only. An `exact` cue matches its words as
    /// written (case folded but not stemmed): "profiteers" but not "profit".
    ///
    /// - Returns: the number of the cue's word sequence, the same for cues that
    ///   match alike ("claim", "claims"), whose payloads a match carries together.
    @discardableResult
    public mutating func add(
        _ cue: String, payload: Payload, rejectStopWordsOnly: Bool = false, exact: Bool = false
    ) throws(CueLexiconError) -> Int {
        let terminal = try trie.insert(cue, rejectStopWordsOnly: rejectStopWordsOnly, exact: exact)
        if terminal == payloads.count { payloads.append([]) }
        payloads[terminal].append(payload)
        return terminal
    }

    /// The number of every token of a document as ``CueWords`` numbers the
    /// words of all lexicons (-1 for a word no lexicon uses): its stem's, and
    /// its exact form's when some cue is exact.
    ///
    /// - Complexity: O(n) in the document's length; nothing to compute when
    ///   the lexicon is older than the document's numbers.
    public func tokenIDs(of document: Document) -> CueTokenIDs { trie.tokenIDs(of: document) }

    /// Leftmost-longest, non-overlapping matches over a range of tokens
    /// (all of them by default). A token may continue a cue by its stem or,
    /// for exact cues, by its form as written.
    public func matches(in document: Document, tokens range: Range<Int>? = nil, ids precomputed: CueTokenIDs? = nil) -> [CueMatch<Payload>] {
        let tokens = document.segmentation.tokens
        let ids = precomputed ?? tokenIDs(of: document)
        return trie.longestMatches(ids: ids, in: range ?? 0..<tokens.count).map { found in
            CueMatch(
                tokens: found.tokens,
                range: tokens[found.tokens.lowerBound].span.scalars.lowerBound..<tokens[found.tokens.upperBound - 1].span.scalars.upperBound,
                payloads: payloads[found.terminal])
        }
    }
}

/// The word sequences of a ``CueLexicon``: normalised words numbered once,
/// and a trie over those numbers whose edges sit in one open-addressing
/// table (node and word in a 64-bit key) with a dense row for the root,
/// which every token position consults.
struct CueTrie: Sendable {
    /// Prefix of exact (unstemmed) word keys, keeping them apart from stems.
    private static let exactMark = CueWords.exactMark
    /// How many words ``CueWords`` had numbered after this trie's last word:
    /// a document numbered at least as late has the numbers of all of them.
    private var wordsNumbered = 0
    /// Whether any cue is exact, so documents need exact ids as well.
    private var hasExactCues = false
    /// Whether any cue is stemmed; a lexicon of exact cues only skips stemming documents.
    private var hasStemmedCues = false
    /// For each node, the number of the cue sequence ending there, or -1.
    private var terminals: [Int32] = [-1]
    private var sequences = 0
    /// The root's child for each word number, or 0 (the root is never a
    /// child); words numbered past its end, other lexicons' words, have none.
    private var rootChildren: [Int32] = []
    /// Edges below the root: key `parent << 32 | word`, value child; an empty slot's key is `UInt64.max`.
    private var edgeKeys = [UInt64](repeating: .max, count: 16)
    private var edgeChildren = [Int32](repeating: 0, count: 16)
    private var edgeCount = 0

    /// Adds a cue's word sequence and returns the number of the sequence
    /// (a new one, equal to the count of sequences before, or an existing one).
    mutating func insert(_ cue: String, rejectStopWordsOnly: Bool, exact: Bool) throws(CueLexiconError) -> Int {
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
        var node: Int32 = 0
        for word in normalized {
            let id = wordID(word)
            if let next = child(of: node, word: id) {
                node = next
            } else {
                let next = Int32(terminals.count)
                terminals.append(-1)
                link(node, word: id, to: next)
                node = next
            }
        }
        if exact { hasExactCues = true } else { hasStemmedCues = true }
        if terminals[Int(node)] < 0 {
            terminals[Int(node)] = Int32(sequences)
            sequences += 1
        }
        return Int(terminals[Int(node)])
    }

    private mutating func wordID(_ word: [UInt8]) -> Int32 {
        let id = CueWords.number(word)
        if Int(id) >= rootChildren.count { rootChildren += repeatElement(0, count: Int(id) + 1 - rootChildren.count) }
        wordsNumbered = max(wordsNumbered, Int(id) + 1)
        return id
    }

    @inline(__always)
    private func rootChild(_ word: Int32) -> Int32 {
        Int(word) < rootChildren.count ? rootChildren[Int(word)] : 0
    }

    @inline(__always)
    private static func slot(_ key: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    @inline(__always)
    private func child(of node: Int32, word: Int32) -> Int32? {
        if node == 0 {
            let child = rootChild(word)
            return child == 0 ? nil : child
        }
        let key = UInt64(UInt32(bitPattern: node)) << 32 | UInt64(UInt32(bitPattern: word))
        let mask = edgeKeys.count - 1
        var slot = Self.slot(key, mask: mask)
        while true {
            let stored = edgeKeys[slot]
            if stored == key { return edgeChildren[slot] }
            if stored == .max { return nil }
            slot = (slot + 1) & mask
        }
    }

    private mutating func link(_ node: Int32, word: Int32, to child: Int32) {
        if node == 0 {
            rootChildren[Int(word)] = child
            return
        }
        if (edgeCount + 1) * 2 > edgeKeys.count {
            let oldKeys = edgeKeys, oldChildren = edgeChildren
            edgeKeys = [UInt64](repeating: .max, count: oldKeys.count * 2)
            edgeChildren = [Int32](repeating: 0, count: oldKeys.count * 2)
            for (key, value) in zip(oldKeys, oldChildren) where key != .max { place(key, value) }
        }
        place(UInt64(UInt32(bitPattern: node)) << 32 | UInt64(UInt32(bitPattern: word)), child)
        edgeCount += 1
    }

    private mutating func place(_ key: UInt64, _ child: Int32) {
        let mask = edgeKeys.count - 1
        var slot = Self.slot(key, mask: mask)
        while edgeKeys[slot] != .max { slot = (slot + 1) & mask }
        edgeKeys[slot] = key
        edgeChildren[slot] = child
    }

    /// See ``CueLexicon/tokenIDs(of:)``.
    func tokenIDs(of document: Document) -> CueTokenIDs {
        var vocabulary = document.cueVocabulary
        if vocabulary.wordsNumbered < wordsNumbered || hasExactCues && vocabulary.exactWordOfToken.isEmpty {
            // A lexicon newer than the document's numbers: the numbers taken again, now.
            vocabulary = CueVocabulary(of: document)
        }
        return CueTokenIDs(
            stemmed: hasStemmedCues ? vocabulary.stemWordOfToken : [Int32](repeating: -1, count: vocabulary.tokenCount),
            exact: hasExactCues ? vocabulary.exactWordOfToken : [])
    }

    /// Leftmost-longest, non-overlapping matches over `bounds`: each the
    /// tokens it covers and the number of its cue sequence.
    func longestMatches(ids: CueTokenIDs, in bounds: Range<Int>) -> [(tokens: Range<Int>, terminal: Int)] {
        var found: [(tokens: Range<Int>, terminal: Int)] = []
        guard bounds.upperBound <= ids.stemmed.count else { return found }
        let hasExact = !ids.exact.isEmpty
        var stack: [(node: Int32, cursor: Int)] = []
        var position = bounds.lowerBound
        while position < bounds.upperBound {
            // Ctrl-C in one enormous sentence: the matches so far are returned, and the caller stops.
            if position & 0xFFFF == 0, Interruption.isRequested { return found }
            // Most tokens start no cue: two array reads tell.
            let stemID = ids.stemmed[position]
            let exactID = hasExact ? ids.exact[position] : -1
            let byStem = stemID >= 0 ? rootChild(stemID) : 0
            let byExact = exactID >= 0 ? rootChild(exactID) : 0
            if byStem == 0 && byExact == 0 {
                position += 1
                continue
            }
            var best: (end: Int, node: Int32)?
            stack.removeAll(keepingCapacity: true)
            if byStem != 0 { stack.append((byStem, position + 1)) }
            if byExact != 0 { stack.append((byExact, position + 1)) }
            while let (node, cursor) = stack.popLast() {
                if terminals[Int(node)] >= 0, cursor > (best?.end ?? -1) { best = (cursor, node) }
                guard cursor < bounds.upperBound else { continue }
                let stem = ids.stemmed[cursor]
                if stem >= 0, let next = child(of: node, word: stem) { stack.append((next, cursor + 1)) }
                if hasExact {
                    let exactWord = ids.exact[cursor]
                    if exactWord >= 0, let next = child(of: node, word: exactWord) { stack.append((next, cursor + 1)) }
                }
            }
            if let best {
                found.append((position..<best.end, Int(terminals[Int(best.node)])))
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
