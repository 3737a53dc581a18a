import Crypto
import Synchronization

/// One article as loaded: its id, text, metadata, and the facts derived from
/// the text once and shared by every consumer (offset table, segmentation,
/// SHA-256).
///
/// A document is immutable; the derived facts are computed on first use and
/// cached, so opening a corpus of thousands of documents costs little until a
/// document is actually read.
public final class Document: Sendable {
    /// Stable identifier, safe as a file name.
    public let id: String
    /// The text: the file's UTF-8 with a leading BOM removed and CRLF/CR made LF.
    public let text: String
    public let metadata: DocumentMetadata
    /// The file it was read from, as given.
    public let sourcePath: String
    /// The line of a JSONL corpus it was read from, if any.
    public let sourceLine: Int?

    private struct Derived {
        var length: Int?
        var scalarIndex: ScalarIndex?
        var segmentation: Segmentation?
        var cueVocabulary: CueVocabulary?
        var sha256: String?
    }
    private let derived = Mutex(Derived())

    public init(
        id: String, text: String, metadata: DocumentMetadata = DocumentMetadata(), sourcePath: String,
        sourceLine: Int? = nil
    ) {
        self.id = id
        self.text = text
        self.metadata = metadata
        self.sourcePath = sourcePath
        self.sourceLine = sourceLine
    }

    /// Where it was read from: a path, or `corpus.jsonl:LINE`.
    public var source: String {
        sourceLine.map { "\(sourcePath):\($0)" } ?? sourcePath
    }

    /// The UTF-8 ↔ scalar offset table.
    public var scalarIndex: ScalarIndex {
        if let cached = derived.withLock({ $0.scalarIndex }) { return cached }
        let index = ScalarIndex(text)
        derived.withLock {
            $0.scalarIndex = index
            $0.length = index.scalarCount
        }
        return index
    }

    /// Length in Unicode scalars.
    public var length: Int {
        if let cached = derived.withLock({ $0.length }) { return cached }
        return scalarIndex.scalarCount
    }

    /// Drops the offset table and the segmentation (they are rebuilt when next
    /// asked for), keeping the length and hash: a corpus-wide analysis calls
    /// this once a document is done, so memory holds one segmentation per
    /// worker rather than one per document.
    public func releaseDerivedFacts() {
        derived.withLock {
            $0.scalarIndex = nil
            $0.segmentation = nil
            $0.cueVocabulary = nil
        }
    }

    /// Paragraphs, sentences and tokens, computed once.
    public var segmentation: Segmentation {
        if let cached = derived.withLock({ $0.segmentation }) { return cached }
        let segmentation = Segmenter.segment(text, index: scalarIndex)
        // Cut short by Ctrl-C: the command stopping now sees an empty text (the same every
        // time it asks, so token indices agree), and nothing is kept.
        if Interruption.isRequested { return Segmentation(paragraphs: [], sentences: [], tokens: []) }
        derived.withLock { $0.segmentation = segmentation }
        return segmentation
    }

    /// The tokens numbered for cue matching, computed once and shared
    /// by every lexicon.
    public var cueVocabulary: CueVocabulary {
        if let cached = derived.withLock({ $0.cueVocabulary }) { return cached }
        let vocabulary = CueVocabulary(of: self)
        // Made from a segmentation Ctrl-C emptied: serves this command only.
        if Interruption.isRequested { return vocabulary }
        derived.withLock { $0.cueVocabulary = vocabulary }
        return vocabulary
    }

    /// Lower-case hexadecimal SHA-256 of the text's UTF-8.
    public var sha256: String {
        if let cached = derived.withLock({ $0.sha256 }) { return cached }
        let digest = text.utf8.withContiguousStorageIfAvailable { SHA256.hash(data: UnsafeRawBufferPointer($0)) }
            ?? SHA256.hash(data: Array(text.utf8))
        // One string of 64 digits (a string per byte, joined, made 33 allocations per document).
        let hex = AnnotationID.hex(digest)
        derived.withLock { $0.sha256 = hex }
        return hex
    }

    /// The text of a scalar range.
    ///
    /// - Precondition: the range lies within `0...length`.
    public func text(scalars range: Range<Int>) -> Substring {
        text.slice(utf8: scalarIndex.utf8Range(ofScalars: range))
    }
}
