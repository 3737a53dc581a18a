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
        var stems: [[UInt8]] = []
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
                let index = Int32(stems.count)
                CueNormalizer.normalize(raw, into: &scratch, stem: false)
                exacts.append(scratch)
                CueNormalizer.stem(&scratch)
                stems.append(scratch)
                seen.insert(bytes: raw, index)
                spellingOfToken.append(index)
            }
        }
        self.spellingOfToken = spellingOfToken
        self.stems = stems
        self.exacts = exacts
    }
}
