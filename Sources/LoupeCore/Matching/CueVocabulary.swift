import Synchronization

/// A document's distinct word forms as cue matching compares them, worked
/// out once per document and shared by every lexicon that matches on it
/// (framing's codebook, the bias lexicons, source citation's several word
/// lists): normalising and stemming is most of matching, and each spelling
/// needs it once, not once per lexicon.
public struct CueVocabulary: Sendable {
    /// For each token, the index of its spelling in ``stems`` and ``exacts``.
    public let spellingOfToken: [Int32]
    /// Each distinct spelling normalised and stemmed (``CueNormalizer``).
    public let stems: [[UInt8]]
    /// Each distinct spelling normalised but not stemmed.
    public let exacts: [[UInt8]]

    /// The vocabulary of `document`'s tokens.
    ///
    /// - Complexity: O(n) in the document's length.
    public init(of document: Document) {
        let tokens = document.segmentation.tokens
        var spellingOfToken: [Int32] = []
        spellingOfToken.reserveCapacity(tokens.count)
        var exacts: [[UInt8]] = []
        var seen = ByteKeyTable<Int32>(capacity: 1024)
        var scratch: [UInt8] = []
        scratch.reserveCapacity(64)
        document.text.utf8.withContiguousStorageIfAvailable { buffer in
            for token in tokens {
                let raw = UnsafeBufferPointer(rebasing: buffer[token.span.utf8])
                if let index = seen.value(for: raw) {
                    spellingOfToken.append(index)
                    continue
                }
                let index = Int32(exacts.count)
                CueNormalizer.normalize(raw, into: &scratch, stem: false)
                exacts.append(scratch)
                seen.insert(bytes: raw, index)
                spellingOfToken.append(index)
            }
        }
        self.spellingOfToken = spellingOfToken
        self.stems = StemCache.stems(of: exacts)
        self.exacts = exacts
    }
}

/// Stems of the words seen so far in this process, shared by every
/// document: stemming is pure, and a corpus keeps using the same few
/// thousand words, so most documents find nearly all of theirs here.
enum StemCache {
    /// Word → stem, in the byte-keyed table the lexicons use (a Swift
    /// dictionary keyed by byte arrays spent most of a lexical analyzer's
    /// time hashing its keys).
    private static let table = Mutex(ByteKeyTable<[UInt8]>(capacity: 4096))
    /// Words kept at most (a few MB); past that, new words are stemmed each time.
    static let capacity = 200_000

    /// The stem of each normalised word, as ``CueNormalizer/stem(_:)`` gives it.
    static func stems(of words: [[UInt8]]) -> [[UInt8]] {
        var stems = table.withLock { known in
            words.map { word in word.withUnsafeBufferPointer { known.value(for: $0) } ?? [] }
        }
        var fresh: [([UInt8], [UInt8])] = []
        for index in words.indices where stems[index].isEmpty && !words[index].isEmpty {
            var stem = words[index]
            CueNormalizer.stem(&stem)
            stems[index] = stem
            fresh.append((words[index], stem))
        }
        if !fresh.isEmpty {
            table.withLock { known in
                guard known.count < capacity else { return }
                for (word, stem) in fresh where !stem.isEmpty {
                    // Two spellings may normalise alike, and another worker may have added the word meanwhile.
                    word.withUnsafeBufferPointer { bytes in
                        if known.value(for: bytes) == nil { known.insert(bytes: bytes, stem) }
                    }
                }
            }
        }
        return stems
    }
}
