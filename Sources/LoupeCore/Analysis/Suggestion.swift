/// A word or phrase that made an analyzer decide, with its span.
public struct Cue: Sendable, Hashable {
    public var text: String
    /// Scalar offsets `[start, end)`.
    public var range: Range<Int>
    /// Optional extra facts about the cue (e.g. a valence, a weight).
    public var details: [String: JSONValue]

    public init(text: String, range: Range<Int>, details: [String: JSONValue] = [:]) {
        self.text = text
        self.range = range
        self.details = details
    }

    var json: JSONValue {
        // Sized once: grown from a copy of `details` one key at a time, a
        // cue's object was reallocated and rehashed up to three times.
        var object = [String: JSONValue](minimumCapacity: details.count + 3)
        for (key, value) in details { object[key] = value }
        object["text"] = .string(text)
        object["start"] = .int(range.lowerBound)
        object["end"] = .int(range.upperBound)
        return .object(object)
    }
}

/// What an analyzer proposes: a label on a span (or on the whole document),
/// with the rule and cues that explain it.
public struct Suggestion: Sendable, Hashable {
    public var layer: String
    public var label: String
    /// Scalar range, or `nil` for the whole document.
    public var range: Range<Int>?
    /// Id of the rule that fired, so a reviewer can look it up.
    public var rule: String
    /// The words that triggered it.
    public var cues: [Cue]
    public var attributes: [String: JSONValue]
    public var confidence: Double?
    /// Distinguishes suggestions that share layer, label and span (e.g. one
    /// per target); part of the derived id.
    public var key: String?

    public init(
        layer: String, label: String, range: Range<Int>?, rule: String, cues: [Cue] = [],
        attributes: [String: JSONValue] = [:], confidence: Double? = nil, key: String? = nil
    ) {
        self.layer = layer
        self.label = label
        self.range = range
        self.rule = rule
        self.cues = cues
        self.attributes = attributes
        self.confidence = confidence
        self.key = key
    }

    /// The annotation this suggestion becomes, with a derived id.
    public func annotation(in document: Document, by descriptor: AnalyzerDescriptor, at time: String) -> Annotation {
        var attributes = self.attributes
        attributes.reserveCapacity(attributes.count + 2)  // one copy, already large enough
        attributes["rule"] = .string(rule)
        // A summary without cues of its own says nothing by an empty list.
        if !cues.isEmpty { attributes["cues"] = .array(cues.map(\.json)) }
        let clamped = range.map { max(0, $0.lowerBound)..<min(document.length, $0.upperBound) }
        return Annotation(
            id: AnnotationID.derived(
                document: document.id, analyzer: descriptor.id, layer: layer, label: label, range: clamped, key: key),
            layer: layer, label: label,
            target: clamped.flatMap { $0.isEmpty ? nil : TextQuoteTarget(document: document, range: $0) },
            attributes: attributes, confidence: confidence.map { min(1, max(0, $0)) },
            creator: .analyzer(id: descriptor.id, version: descriptor.version), status: .suggested, created: time)
    }
}

/// How an analyzer's new suggestions replace its old ones.
public enum SuggestionMerge {
    /// The changes that bring a document from its current annotations to the
    /// analyzer's new suggestions.
    ///
    /// Only the analyzer's own still-suggested, unreviewed annotations are
    /// replaced. Anything a human made, accepted, rejected or edited stays as
    /// it is, and a new suggestion with the same id as such an annotation is
    /// dropped. An unchanged suggestion keeps its `created` time, so re-running
    /// an unchanged analyzer changes nothing.
    public static func changes(
        documentID: String, existing: [Annotation], analyzerID: String, new suggestions: [Annotation]
    ) -> [AnnotationChange] {
        let byID = Dictionary(existing.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var changes: [AnnotationChange] = []
        var proposed: Set<String> = []
        for var suggestion in suggestions {
            guard proposed.insert(suggestion.id).inserted else { continue }
            if let current = byID[suggestion.id] {
                if current.isHumanTouched { continue }
                suggestion.created = current.created
                if current != suggestion {
                    changes.append(AnnotationChange(documentID: documentID, before: current, after: suggestion))
                }
            } else {
                changes.append(AnnotationChange(documentID: documentID, before: nil, after: suggestion))
            }
        }
        for annotation in existing
        where annotation.creator.analyzerID == analyzerID && !annotation.isHumanTouched && !proposed.contains(annotation.id) {
            changes.append(AnnotationChange(documentID: documentID, before: annotation, after: nil))
        }
        return changes
    }
}
