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
    /// For each token, the number of its spelling in this document (0, 1, …
    /// in order of first use): tokens written alike share it, so a rule can
    /// work out what it asks of a word once per spelling. A spelling longer
    /// than 23 bytes (rare) gets a number at each of its tokens.
    public let spellingOfToken: [Int32]
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
        spellingOfToken = numbers.spellingOfToken
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
    /// Spellings remembered at most (the table is then 16 MB); past that, new ones are worked out each time.
    static let spellingCapacity = 200_000

    private struct State {
        var table = ByteKeyTable<Int32>(capacity: 4096)
        var hasExact = false
        /// Spelling as written → its stem's number in the high 32 bits, its exact
        /// form's in the low 32 (each -1 when no lexicon has it; the exact one is
        /// -1 too while no lexicon has exact cues).
        var spellings = ShortKeyTable(capacity: 16_384)
        /// The same for spellings longer than ``ShortKeyTable`` holds (few).
        var longSpellings = ByteKeyTable<UInt64>(capacity: 256)
        var spellingCount: Int { spellings.count + longSpellings.count }

        mutating func remember(_ raw: UnsafeBufferPointer<UInt8>, _ value: UInt64) {
            if ShortKeyTable.canHold(raw) {
                spellings.set(raw, value)
            } else if longSpellings.value(for: raw) == nil {
                longSpellings.insert(bytes: raw, value)
            }
        }

        mutating func forgetSpellings() {
            spellings = ShortKeyTable(capacity: 16_384)
            longSpellings = ByteKeyTable(capacity: 256)
        }
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
            if state.spellingCount > 0 { state.forgetSpellings() }
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
        // The document's distinct spellings first, in a table small enough to stay
        // in the cache: the process-wide one is large, and each look-up there
        // costs a few cache misses, so it is asked once per spelling, not per token.
        // (A long spelling, rare, counts as new at each token.)
        var local = ShortKeyTable(capacity: max(64, tokens.count / 2))
        var spellingOfToken: [Int32] = []
        spellingOfToken.reserveCapacity(tokens.count)
        var spans: [Range<Int>] = []
        for token in tokens {
            let raw = UnsafeBufferPointer(rebasing: text[token.span.utf8])
            let isShort = ShortKeyTable.canHold(raw)
            if isShort, let known = local.value(for: raw) {
                spellingOfToken.append(Int32(truncatingIfNeeded: known))
            } else {
                let spelling = Int32(spans.count)
                if isShort { local.set(raw, UInt64(spelling)) }
                spellingOfToken.append(spelling)
                spans.append(token.span.utf8)
            }
        }
        var packed = [UInt64](repeating: 0, count: spans.count)
        // Spellings new to the process.
        var missing: [Int] = []
        // The short spellings' keys, worked out before taking the lock, and looked up together.
        var prepared: [ShortKeyTable.PreparedKey] = []
        prepared.reserveCapacity(spans.count)
        for span in spans {
            let raw = UnsafeBufferPointer(rebasing: text[span])
            if ShortKeyTable.canHold(raw) { prepared.append(ShortKeyTable.prepare(raw)) }
        }
        var found = [UInt64?](repeating: nil, count: prepared.count)
        let taken: (count: Int, hasExact: Bool) = packed.withUnsafeMutableBufferPointer { packed in
            state.withLock { (state: inout State) -> (count: Int, hasExact: Bool) in
                prepared.withUnsafeBufferPointer { keys in
                    found.withUnsafeMutableBufferPointer { state.spellings.values(of: keys, into: $0) }
                }
                var short = 0
                for spelling in spans.indices {
                    let raw = UnsafeBufferPointer(rebasing: text[spans[spelling]])
                    let known: UInt64?
                    if ShortKeyTable.canHold(raw) {
                        known = found[short]
                        short += 1
                    } else {
                        known = state.longSpellings.value(for: raw)
                    }
                    if let known {
                        packed[spelling] = known
                    } else {
                        missing.append(spelling)
                    }
                }
                return (state.table.count, state.hasExact)
            }
        }
        if !missing.isEmpty { numberNewSpellings(missing, at: spans, in: text, taken: taken, into: &packed) }
        var numbers = TokenNumbers(count: tokens.count)
        numbers.spellingOfToken = spellingOfToken
        numbers.hasExact = taken.hasExact
        numbers.wordsNumbered = taken.count
        for index in tokens.indices { numbers.set(index, packed[Int(spellingOfToken[index])]) }
        if !numbers.hasExact { numbers.exacts = [] }
        return numbers
    }

    /// Numbers the spellings at `missing` (positions in `spans`), which were
    /// not remembered: each normalised and stemmed without holding the lock,
    /// then numbered and remembered under it.
    private static func numberNewSpellings(
        _ missing: [Int], at spans: [Range<Int>], in text: UnsafeBufferPointer<UInt8>, taken: (count: Int, hasExact: Bool),
        into packed: inout [UInt64]
    ) {
        var exacts: [[UInt8]] = []
        var stems: [[UInt8]] = []
        exacts.reserveCapacity(missing.count)
        stems.reserveCapacity(missing.count)
        for spelling in missing {
            var exact: [UInt8] = []
            CueNormalizer.normalize(UnsafeBufferPointer(rebasing: text[spans[spelling]]), into: &exact, stem: false)
            var stem: [UInt8] = exact
            if !stem.isEmpty { CueNormalizer.stem(&stem) }
            exacts.append(exact)
            stems.append(stem)
        }
        packed.withUnsafeMutableBufferPointer { packed in
            state.withLock { (state: inout State) -> Void in
                var scratch: [UInt8] = [exactMark]
                // Remembered only while the numbers are those of the first look-up: a
                // lexicon that numbered words meanwhile has made the others forget.
                let remember = state.table.count == taken.count && state.hasExact == taken.hasExact
                for (position, spelling) in missing.enumerated() {
                    let stemNumber: Int32 = stems[position].withUnsafeBufferPointer { state.table.value(for: $0) } ?? -1
                    var exactNumber: Int32 = -1
                    if state.hasExact {
                        scratch.removeSubrange(1...)
                        scratch.append(contentsOf: exacts[position])
                        exactNumber = scratch.withUnsafeBufferPointer { state.table.value(for: $0) } ?? -1
                    }
                    let value = pack(stem: stemNumber, exact: exactNumber)
                    packed[spelling] = value
                    let raw = UnsafeBufferPointer(rebasing: text[spans[spelling]])
                    if remember, state.spellingCount < spellingCapacity { state.remember(raw, value) }
                }
            }
        }
    }
}

/// The numbers ``CueWords`` gives a document's tokens.
struct TokenNumbers {
    /// For each token, the number of its spelling in the document.
    var spellingOfToken: [Int32] = []
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

/// A hash table from short byte strings (1 to 23 bytes: nearly every token
/// of a text) to 64-bit values, each entry one 32-byte slot holding its key:
/// a look-up reads one slot, or a few neighbouring ones, and nothing else.
/// ``ByteKeyTable`` keeps keys apart from slots, which costs a cache miss or
/// two more per look-up once a table outgrows the cache, as the spellings of
/// a whole corpus do. Longer keys are refused (``canHold(_:)``).
public struct ShortKeyTable: Sendable {
    /// The longest key held.
    public static let maximumKeyLength = 23

    /// The key's first 16 bytes in `low` and `middle`, its last 7 in `high`
    /// with its length in the top byte (0 marks an empty slot); zero-padded.
    private struct Slot {
        var low: UInt64 = 0
        var middle: UInt64 = 0
        var high: UInt64 = 0
        var value: UInt64 = 0
    }

    private var slots: [Slot]
    private var mask: Int
    /// Keys held.
    public private(set) var count = 0

    /// An empty table with room for about `capacity` keys before it grows.
    public init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Slot](repeating: Slot(), count: size)
        mask = size - 1
    }

    /// Whether a key of these bytes can be held.
    @inline(__always)
    public static func canHold(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
        key.count > 0 && key.count <= maximumKeyLength
    }

    /// The key as a slot's three words.
    @inline(__always)
    private static func words(_ key: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64, UInt64) {
        var words: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &words) { $0.copyMemory(from: UnsafeRawBufferPointer(key)) }
        return (UInt64(littleEndian: words.0), UInt64(littleEndian: words.1), UInt64(littleEndian: words.2) | UInt64(key.count) << 56)
    }

    @inline(__always)
    private static func hash(_ words: (UInt64, UInt64, UInt64)) -> Int {
        var state = (words.0 &* 0x9E37_79B9_7F4A_7C15) ^ words.1
        state = (state ^ (state >> 31)) &* 0xBF58_476D_1CE4_E5B9 ^ words.2
        state = (state ^ (state >> 29)) &* 0x94D0_49BB_1331_11EB
        return Int(truncatingIfNeeded: state ^ (state >> 32))
    }

    /// The value for `key` (which ``canHold(_:)``), if present.
    @inline(__always)
    public func value(for key: UnsafeBufferPointer<UInt8>) -> UInt64? {
        let words = Self.words(key)
        return slots.withUnsafeBufferPointer { Self.find(words, hash: Self.hash(words), in: $0, mask: mask) }
    }

    /// The value stored under a key's words, probing from its hash's slot.
    @inline(__always)
    private static func find(_ words: (UInt64, UInt64, UInt64), hash: Int, in slots: UnsafeBufferPointer<Slot>, mask: Int) -> UInt64? {
        var slot = hash & mask
        while true {
            let entry = slots[slot]
            if entry.high == 0 { return nil }
            if entry.low == words.0 && entry.middle == words.1 && entry.high == words.2 { return entry.value }
            slot = (slot + 1) & mask
        }
    }

    /// A key worked out once: its slot words and its hash, for ``values(of:into:)``.
    struct PreparedKey {
        fileprivate let words: (UInt64, UInt64, UInt64)
        fileprivate let hash: Int
    }

    /// `key` (which ``canHold(_:)``) prepared for a batch look-up.
    @inline(__always)
    static func prepare(_ key: UnsafeBufferPointer<UInt8>) -> PreparedKey {
        let words = Self.words(key)
        return PreparedKey(words: words, hash: Self.hash(words))
    }

    /// The values of many keys at once, written to `values` (nil where absent).
    ///
    /// A large table (a corpus's spellings) does not stay in the cache, and
    /// looking keys up one after another waits for memory at each one. Here
    /// every key's first slot is read first, in a loop whose reads do not
    /// depend on each other, so the processor fetches them all at once; the
    /// look-ups then find them in the cache.
    func values(of keys: UnsafeBufferPointer<PreparedKey>, into values: UnsafeMutableBufferPointer<UInt64?>) {
        slots.withUnsafeBufferPointer { slots in
            var touched: UInt64 = 0
            for key in keys { touched &+= slots[key.hash & mask].high }
            // A use of the sum, so that the reads are kept; whatever it writes, the loop below overwrites.
            if touched == UInt64.max { values.initialize(repeating: nil) }
            for (index, key) in keys.enumerated() { values[index] = Self.find(key.words, hash: key.hash, in: slots, mask: mask) }
        }
    }

    /// Sets the value for `key` (which ``canHold(_:)``).
    public mutating func set(_ key: UnsafeBufferPointer<UInt8>, _ value: UInt64) {
        if (count + 1) * 2 > slots.count { grow() }
        let words = Self.words(key)
        var slot = Self.hash(words) & mask
        while slots[slot].high != 0 {
            if slots[slot].low == words.0 && slots[slot].middle == words.1 && slots[slot].high == words.2 {
                slots[slot].value = value
                return
            }
            slot = (slot + 1) & mask
        }
        slots[slot] = Slot(low: words.0, middle: words.1, high: words.2, value: value)
        count += 1
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(), count: old.count * 2)
        mask = slots.count - 1
        for entry in old where entry.high != 0 {
            var slot = Self.hash((entry.low, entry.middle, entry.high)) & mask
            while slots[slot].high != 0 { slot = (slot + 1) & mask }
            slots[slot] = entry
        }
    }
}
