import Synchronization

/// A document's distinct word forms as cue matching compares them, worked
/// out once per document and shared by every lexicon that matches on it
/// (framing's codebook, the bias lexicons, source citation's several word
/// lists): normalising and stemming is most of matching, and each spelling
/// needs it once, not once per lexicon. Each token's word is also numbered
/// as ``CueWords`` numbers the words of every lexicon, so that a lexicon
/// loaded before the document was read matches on these numbers as they are.
public struct CueVocabulary: Sendable {
    /// For each token, the index of its spelling in ``stems`` and ``exacts``.
    public let spellingOfToken: [Int32]
    /// Each distinct spelling normalised and stemmed (``CueNormalizer``).
    public let stems: [[UInt8]]
    /// Each distinct spelling normalised but not stemmed.
    public let exacts: [[UInt8]]
    /// For each token, the ``CueWords`` number of its stem, or -1 when no lexicon uses it.
    let stemWordOfToken: [Int32]
    /// For each token, the ``CueWords`` number of its exact form, or -1; empty
    /// when no lexicon had exact cues when the document was read.
    let exactWordOfToken: [Int32]
    /// How many words ``CueWords`` had numbered when these numbers were taken:
    /// a lexicon with a word numbered since looks its words up itself.
    let wordsNumbered: Int

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
        let stems = StemCache.stems(of: exacts)
        self.stems = stems
        self.exacts = exacts
        // One look-up per distinct spelling, then one array read per token.
        let numbers = CueWords.numbers(stems: stems, exacts: exacts)
        stemWordOfToken = spellingOfToken.map { numbers.stems[Int($0)] }
        exactWordOfToken = numbers.exacts.isEmpty ? [] : spellingOfToken.map { numbers.exacts[Int($0)] }
        wordsNumbered = numbers.count
    }
}

/// The normalised words of every cue lexicon in this process, numbered once:
/// a stem, or an exact form behind the mark ``exactMark``. A document's
/// tokens are numbered against it once (``CueVocabulary``), and every lexicon
/// matches on those numbers, instead of each looking up every word itself.
/// Only lexicons add words, so it holds a few thousand.
enum CueWords {
    /// Prefix of exact (unstemmed) word keys, keeping them apart from stems.
    static let exactMark: UInt8 = 0x01
    private struct State {
        var table = ByteKeyTable<Int32>(capacity: 4096)
        var hasExact = false
    }
    private static let state = Mutex(State())

    /// The number of a word (its normalised bytes, with the exact mark for an
    /// exact form), numbering it if it is new.
    static func number(_ word: [UInt8]) -> Int32 {
        state.withLock { state in
            if word.first == exactMark { state.hasExact = true }
            if let known = word.withUnsafeBufferPointer({ state.table.value(for: $0) }) { return known }
            let number = Int32(state.table.count)
            word.withUnsafeBufferPointer { state.table.insert(bytes: $0, number) }
            return number
        }
    }

    /// How many words are numbered.
    static var count: Int { state.withLock { $0.table.count } }

    /// The number of each stem and each exact form (-1 for a word no lexicon
    /// uses; no exact numbers while no lexicon has exact cues), and how many
    /// words were numbered then.
    static func numbers(stems: [[UInt8]], exacts: [[UInt8]]) -> (stems: [Int32], exacts: [Int32], count: Int) {
        state.withLock { state in
            let table = state.table
            let stemNumbers = stems.map { stem in stem.withUnsafeBufferPointer { table.value(for: $0) } ?? -1 }
            var exactNumbers: [Int32] = []
            if state.hasExact {
                var scratch: [UInt8] = [exactMark]
                exactNumbers = exacts.map { form in
                    scratch.removeSubrange(1...)
                    scratch += form
                    return scratch.withUnsafeBufferPointer { table.value(for: $0) } ?? -1
                }
            }
            return (stemNumbers, exactNumbers, table.count)
        }
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
