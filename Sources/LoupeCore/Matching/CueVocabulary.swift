import Synchronization

/// A document's words numbered as cue matching compares them, worked out
/// once per document and shared by every lexicon that matches on it
/// (framing's codebook, the bias lexicons, source citation's several word
/// lists): normalising and stemming is most of matching, and each spelling
/// needs it once per process, not once per lexicon or per document. Each
/// token's word is numbered as ``CueWords`` numbers the words of every
/// lexicon, so that a lexicon loaded before the document was read matches on
/// these numbers as they are.
public struct CueVocabulary: Sendable {
    /// For each token, the ``CueWords`` number of its stem, or -1 when no lexicon uses it.
    let stemWordOfToken: [Int32]
    /// For each token, the ``CueWords`` number of its exact form, or -1; empty
    /// when no lexicon had exact cues when the document was read.
    let exactWordOfToken: [Int32]
    /// How many words ``CueWords`` had numbered when these numbers were taken:
    /// a lexicon with a word numbered since needs a vocabulary made after it.
    let wordsNumbered: Int

    /// The number of tokens.
    public var tokenCount: Int { stemWordOfToken.count }

    /// The vocabulary of `document`'s tokens.
    ///
    /// Each token's spelling is looked up in ``CueWords``'s table of the
    /// spellings met so far (one lock for the whole document); only spellings
    /// new to the process are normalised and stemmed, outside the lock.
    ///
    /// - Complexity: O(n) in the document's length.
    public init(of document: Document) {
        let tokens = document.segmentation.tokens
        var text = document.text
        let numbers: TokenNumbers = text.withUTF8 { (buffer: UnsafeBufferPointer<UInt8>) -> TokenNumbers in
            CueWords.numbers(ofTokens: tokens, in: buffer)
        }
        stemWordOfToken = numbers.stems
        exactWordOfToken = numbers.exacts
        wordsNumbered = numbers.wordsNumbered
    }
}

/// The normalised words of every cue lexicon in this process, numbered once:
/// a stem, or an exact form behind the mark ``exactMark``. A document's
/// tokens are numbered against it once (``CueVocabulary``), and every lexicon
/// matches on those numbers, instead of each looking up every word itself.
/// Only lexicons add words, so it holds a few thousand.
///
/// It also remembers, for each token spelling met in a document (as written,
/// "Senators'" or "RULED"), the numbers of its stem and exact form: a corpus
/// keeps using the same few tens of thousands of spellings, so after its first
/// documents nearly every token is one look-up. Numbering a new word forgets
/// them, since a spelling's number may then change from none to the new one.
enum CueWords {
    /// Prefix of exact (unstemmed) word keys, keeping them apart from stems.
    static let exactMark: UInt8 = 0x01
    /// Spellings remembered at most (a few MB); past that, new ones are worked out each time.
    static let spellingCapacity = 200_000

    private struct State {
        var table = ByteKeyTable<Int32>(capacity: 4096)
        var hasExact = false
        /// Spelling as written → its stem's number in the high 32 bits, its exact
        /// form's in the low 32 (each -1 when no lexicon has it; the exact one is
        /// -1 too while no lexicon has exact cues).
        var spellings = ByteKeyTable<UInt64>(capacity: 16_384)
    }
    private static let state = Mutex(State())

    /// The number of a word (its normalised bytes, with the exact mark for an
    /// exact form), numbering it if it is new.
    static func number(_ word: [UInt8]) -> Int32 {
        state.withLock { (state: inout State) -> Int32 in
            if let known = word.withUnsafeBufferPointer({ state.table.value(for: $0) }) { return known }
            if word.first == exactMark { state.hasExact = true }
            let number = Int32(state.table.count)
            word.withUnsafeBufferPointer { state.table.insert(bytes: $0, number) }
            // A remembered spelling may be this word, which had no number until now.
            if state.spellings.count > 0 { state.spellings = ByteKeyTable(capacity: 16_384) }
            return number
        }
    }

    /// How many words are numbered.
    static var count: Int { state.withLock { $0.table.count } }

    @inline(__always)
    private static func pack(stem: Int32, exact: Int32) -> UInt64 {
        let high = UInt64(UInt32(bitPattern: stem))
        let low = UInt64(UInt32(bitPattern: exact))
        return high << 32 | low
    }

    /// For each token of a text (its UTF-8 bytes), the number of its stem and
    /// of its exact form (no exact numbers while no lexicon has exact cues),
    /// and how many words were numbered when they were taken.
    static func numbers(ofTokens tokens: [Token], in text: UnsafeBufferPointer<UInt8>) -> TokenNumbers {
        var numbers = TokenNumbers(count: tokens.count)
        // Tokens whose spelling is new to the process.
        var missing: [Int] = []
        state.withLock { (state: inout State) -> Void in
            for index in tokens.indices {
                let raw = UnsafeBufferPointer(rebasing: text[tokens[index].span.utf8])
                if let packed = state.spellings.value(for: raw) {
                    numbers.set(index, packed)
                } else {
                    missing.append(index)
                }
            }
            numbers.hasExact = state.hasExact
            numbers.wordsNumbered = state.table.count
        }
        if !missing.isEmpty { numberNewSpellings(missing, of: tokens, in: text, into: &numbers) }
        if !numbers.hasExact { numbers.exacts = [] }
        return numbers
    }

    /// Numbers the tokens at `missing`, whose spellings were not remembered:
    /// each new spelling normalised and stemmed once, without holding the
    /// lock, then numbered and remembered under it.
    private static func numberNewSpellings(
        _ missing: [Int], of tokens: [Token], in text: UnsafeBufferPointer<UInt8>, into numbers: inout TokenNumbers
    ) {
        var distinct = ByteKeyTable<Int32>(capacity: missing.count)
        var spellingOfMissing: [Int32] = []
        spellingOfMissing.reserveCapacity(missing.count)
        var spans: [Range<Int>] = []
        var exacts: [[UInt8]] = []
        var stems: [[UInt8]] = []
        for index in missing {
            let span = tokens[index].span.utf8
            let raw = UnsafeBufferPointer(rebasing: text[span])
            if let known = distinct.value(for: raw) {
                spellingOfMissing.append(known)
                continue
            }
            var exact: [UInt8] = []
            CueNormalizer.normalize(raw, into: &exact, stem: false)
            var stem: [UInt8] = exact
            if !stem.isEmpty { CueNormalizer.stem(&stem) }
            let spelling = Int32(spans.count)
            distinct.insert(bytes: raw, spelling)
            spellingOfMissing.append(spelling)
            spans.append(span)
            exacts.append(exact)
            stems.append(stem)
        }
        let taken = (count: numbers.wordsNumbered, hasExact: numbers.hasExact)
        var packed = [UInt64](repeating: 0, count: spans.count)
        state.withLock { (state: inout State) -> Void in
            var scratch: [UInt8] = [exactMark]
            // Remembered only while the numbers are those of the first look-up: a
            // lexicon that numbered words meanwhile has made the others forget.
            let remember = state.table.count == taken.count && state.hasExact == taken.hasExact
            for spelling in spans.indices {
                let stemNumber: Int32 = stems[spelling].withUnsafeBufferPointer { state.table.value(for: $0) } ?? -1
                var exactNumber: Int32 = -1
                if state.hasExact {
                    scratch.removeSubrange(1...)
                    scratch.append(contentsOf: exacts[spelling])
                    exactNumber = scratch.withUnsafeBufferPointer { state.table.value(for: $0) } ?? -1
                }
                let value = pack(stem: stemNumber, exact: exactNumber)
                packed[spelling] = value
                let raw = UnsafeBufferPointer(rebasing: text[spans[spelling]])
                if remember, state.spellings.count < spellingCapacity, state.spellings.value(for: raw) == nil {
                    state.spellings.insert(bytes: raw, value)
                }
            }
        }
        for position in missing.indices {
            numbers.set(missing[position], packed[Int(spellingOfMissing[position])])
        }
    }
}

/// The numbers ``CueWords`` gives a document's tokens.
struct TokenNumbers {
    /// For each token, the number of its stem, or -1.
    var stems: [Int32]
    /// For each token, the number of its exact form, or -1; empty when
    /// ``hasExact`` is false.
    var exacts: [Int32]
    /// Whether any lexicon had exact cues when the numbers were taken.
    var hasExact = false
    /// How many words were numbered then.
    var wordsNumbered = 0

    init(count: Int) {
        stems = [Int32](repeating: -1, count: count)
        exacts = [Int32](repeating: -1, count: count)
    }

    /// Sets token `index`'s numbers from a packed pair (stem high, exact low).
    mutating func set(_ index: Int, _ packed: UInt64) {
        stems[index] = Int32(truncatingIfNeeded: packed >> 32)
        exacts[index] = Int32(truncatingIfNeeded: packed & 0xFFFF_FFFF)
    }
}
