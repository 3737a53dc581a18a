/// One annotation: a label on a layer, on a span of a document or on the whole
/// document, with its provenance and review status.
public struct Annotation: Sendable, Hashable {
    public var id: String
    /// The layer, e.g. `framing`, `source-citation`, `sentiment`, `bias-markers` or a user layer.
    public var layer: String
    public var label: String
    /// The span, or `nil` for a whole-document annotation.
    public var target: TextQuoteTarget?
    /// Free attributes: strings, numbers, Booleans, arrays, objects.
    public var attributes: [String: JSONValue]
    /// How sure the creator is, 0…1.
    public var confidence: Double?
    public var creator: Creator
    public var status: Status
    public var note: String?
    /// ISO 8601 UTC time of creation.
    public var created: String
    /// ISO 8601 UTC time of the last change, once changed.
    public var modified: String?
    /// The human who accepted, rejected or edited a suggestion.
    public var reviewer: String?
    /// Set when the text changed and the span could not be found again; the
    /// target then keeps its last known position and quote.
    public var orphaned: Bool

    public init(
        id: String, layer: String, label: String, target: TextQuoteTarget?, attributes: [String: JSONValue] = [:],
        confidence: Double? = nil, creator: Creator, status: Status, note: String? = nil, created: String,
        modified: String? = nil, reviewer: String? = nil, orphaned: Bool = false
    ) {
        self.id = id
        self.layer = layer
        self.label = label
        self.target = target
        self.attributes = attributes
        self.confidence = confidence
        self.creator = creator
        self.status = status
        self.note = note
        self.created = created
        self.modified = modified
        self.reviewer = reviewer
        self.orphaned = orphaned
    }

    /// Who made an annotation.
    public enum Creator: Sendable, Hashable {
        case human(name: String)
        case analyzer(id: String, version: String)

        /// `name` for a human, `id@version` for an analyzer.
        public var displayName: String {
            switch self {
            case .human(let name): return name
            case .analyzer(let id, let version): return "\(id)@\(version)"
            }
        }

        /// The analyzer id, when an analyzer made it.
        public var analyzerID: String? {
            if case .analyzer(let id, _) = self { return id }
            return nil
        }
    }

    /// Where an annotation stands in review.
    public enum Status: String, Sendable, Hashable, CaseIterable {
        case suggested
        case accepted
        case rejected
    }

    /// Whether a human made, reviewed or edited this annotation, so that
    /// re-running an analyzer must leave it alone.
    public var isHumanTouched: Bool {
        if case .human = creator { return true }
        return status != .suggested || reviewer != nil || modified != nil
    }

    /// `annotations` in ``storageOrder(_:_:)``. Positions are sorted, not the
    /// annotations themselves: an annotation is a large value (strings, a
    /// dictionary of attributes), and moving it means retaining and releasing
    /// each of them, which made sorting a few percent of a batch run.
    public static func inStorageOrder(_ annotations: some Collection<Annotation>) -> [Annotation] {
        let all = Array(annotations)
        guard all.count > 1 else { return all }
        return all.withUnsafeBufferPointer { buffer in
            var order = Array(0..<buffer.count)
            order.sort { storageOrder(buffer[$0], buffer[$1]) }
            return order.map { buffer[$0] }
        }
    }

    /// The order of annotations in files and listings: document-level first,
    /// then by (start, end, layer, label, id).
    public static func storageOrder(_ lhs: Annotation, _ rhs: Annotation) -> Bool {
        if let order = storageOrder(
            lhs.target.map { ($0.start, $0.end) }, lhs.layer, lhs.label, rhs.target.map { ($0.start, $0.end) }, rhs.layer,
            rhs.label)
        {
            return order
        }
        return lhs.id.utf8.lexicographicallyPrecedes(rhs.id.utf8)
    }

    /// ``storageOrder(_:_:)`` without the id: whether the left annotation
    /// (its span's start and end, `nil` for the whole document, layer and label) comes first,
    /// or `nil` when they tie, and the ids decide.
    static func storageOrder(
        _ leftSpan: (start: Int, end: Int)?, _ leftLayer: String, _ leftLabel: String,
        _ rightSpan: (start: Int, end: Int)?, _ rightLayer: String, _ rightLabel: String
    ) -> Bool? {
        switch (leftSpan, rightSpan) {
        case (nil, .some): return true
        case (.some, nil): return false
        case (.some(let left), .some(let right)):
            if left.start != right.start { return left.start < right.start }
            if left.end != right.end { return left.end < right.end }
        case (nil, nil): break
        }
        if leftLayer != rightLayer { return leftLayer.utf8.lexicographicallyPrecedes(rightLayer.utf8) }
        if leftLabel != rightLabel { return leftLabel.utf8.lexicographicallyPrecedes(rightLabel.utf8) }
        return nil
    }
}

/// A span with the quote that identifies it, as the W3C Web Annotation
/// `TextPositionSelector` plus `TextQuoteSelector` pair: offsets for speed,
/// the exact text with a little context to find it again when the text changes.
public struct TextQuoteTarget: Sendable, Hashable {
    /// Scalar offset of the first scalar.
    public var start: Int
    /// Scalar offset just past the last scalar.
    public var end: Int
    /// The text of the span.
    public var exact: String
    /// Up to ``contextLength(forSpanOf:)`` scalars before the span.
    public var prefix: String
    /// Up to ``contextLength(forSpanOf:)`` scalars after the span.
    public var suffix: String

    /// How much context prefix and suffix keep, in scalars, for a short span.
    public static let contextLength = 32

    /// How much context a span of `length` scalars keeps: 32 scalars on each
    /// side for a span of up to 32 (a word or a name, which may occur many
    /// times), 16 for a longer one (a clause or a sentence, which rarely
    /// recurs word for word, so that the context has less to tell apart).
    public static func contextLength(forSpanOf length: Int) -> Int {
        length <= contextLength ? contextLength : contextLength / 2
    }

    public init(start: Int, end: Int, exact: String, prefix: String, suffix: String) {
        self.start = start
        self.end = end
        self.exact = exact
        self.prefix = prefix
        self.suffix = suffix
    }

    /// The target for a scalar range of `document`.
    public init(document: Document, range: Range<Int>) {
        let context = Self.contextLength(forSpanOf: range.count)
        start = range.lowerBound
        end = range.upperBound
        exact = String(document.text(scalars: range))
        prefix = String(document.text(scalars: max(0, range.lowerBound - context)..<range.lowerBound))
        suffix = String(document.text(scalars: range.upperBound..<min(document.length, range.upperBound + context)))
    }

    public var range: Range<Int> { start..<end }
}
