/// Several people's annotations of one layer over a corpus, turned into the
/// units agreement is computed on.
///
/// A person's annotations are those they made themselves (unless rejected)
/// and the suggestions they accepted. A document a person left without any
/// annotation in the layer is missing data for them (not "nothing there"),
/// so only Krippendorff's alpha, which allows missing values, uses it.
public struct AgreementStudy: Sendable {
    /// How the text is cut into units.
    public enum Unit: String, Sendable, CaseIterable {
        /// Each sentence: the label of the person's annotation that covers most of it, or "none".
        case sentence
        /// Each (document, label) pair: whether the person used the label in the document.
        case document
        /// Spans compared as they are: precision, recall and F1 between pairs.
        case span
    }

    public static let noLabel = "none"

    public let layer: String
    public let annotators: [String]
    /// Per annotator, per document: their annotations in the layer.
    public let annotations: [String: [String: [Annotation]]]
    public let documents: [Document]

    /// The people who made or accepted annotations in `layer`, by name.
    public static func people(in layer: String, of annotations: [Annotation]) -> [String] {
        var names = Set<String>()
        for annotation in annotations where annotation.layer == layer {
            if let name = owner(of: annotation) { names.insert(name) }
        }
        return names.sorted()
    }

    /// Whose annotation it is: its maker if a person, else the person who accepted it.
    public static func owner(of annotation: Annotation) -> String? {
        if case .human(let name) = annotation.creator { return annotation.status == .rejected ? nil : name }
        if annotation.status == .accepted { return annotation.reviewer }
        return nil
    }

    /// Gathers `annotators`' annotations in `layer` over `documents`.
    public init(layer: String, annotators: [String], documents: [(Document, [Annotation])]) {
        self.layer = layer
        self.annotators = annotators
        var table: [String: [String: [Annotation]]] = [:]
        for (document, annotations) in documents {
            for annotation in annotations where annotation.layer == layer && !annotation.orphaned {
                guard let owner = Self.owner(of: annotation), annotators.contains(owner) else { continue }
                table[owner, default: [:]][document.id, default: []].append(annotation)
            }
        }
        annotations = table
        self.documents = documents.map(\.0)
    }

    /// Whether `annotator` annotated `document` in the layer at all.
    public func annotated(_ annotator: String, _ document: String) -> Bool {
        !(annotations[annotator]?[document] ?? []).isEmpty
    }

    /// Documents every one of `annotators` annotated.
    public func sharedDocuments(_ names: [String]) -> [Document] {
        documents.filter { document in names.allSatisfy { annotated($0, document.id) } }
    }

    /// The reliability data: one row per unit, one value per annotator
    /// (`nil` where the annotator did not annotate the unit's document).
    public func units(_ unit: Unit) -> [[String?]] {
        var rows: [[String?]] = []
        switch unit {
        case .sentence, .span:
            for document in documents where annotators.contains(where: { annotated($0, document.id) }) {
                for sentence in document.segmentation.sentences {
                    rows.append(annotators.map { name in
                        annotated(name, document.id) ? label(of: name, in: document.id, over: sentence.span.scalars) : nil
                    })
                }
            }
        case .document:
            var labels = Set<String>()
            for table in annotations.values { for list in table.values { for annotation in list { labels.insert(annotation.label) } } }
            for document in documents where annotators.contains(where: { annotated($0, document.id) }) {
                for label in labels.sorted() {
                    rows.append(annotators.map { name in
                        guard annotated(name, document.id) else { return nil }
                        return (annotations[name]?[document.id] ?? []).contains { $0.label == label } ? "present" : "absent"
                    })
                }
            }
        }
        return rows
    }

    /// The label of the person's annotation covering most of `range`
    /// (document-level ones cover everything), or "none".
    func label(of name: String, in document: String, over range: Range<Int>) -> String {
        var best: (overlap: Int, label: String)?
        for annotation in annotations[name]?[document] ?? [] {
            let covered = annotation.target?.range ?? range
            let overlap = min(range.upperBound, covered.upperBound) - max(range.lowerBound, covered.lowerBound)
            guard overlap > 0 else { continue }
            if best == nil || overlap > best!.overlap || (overlap == best!.overlap && annotation.label < best!.label) {
                best = (overlap, annotation.label)
            }
        }
        return best?.label ?? Self.noLabel
    }

    /// Each document any of them annotated, unitized by each annotator
    /// (missing for one who did not annotate it), for ``AgreementStatistics/unitizingAlpha(_:)``.
    public func unitizings() -> [[AgreementStatistics.Unitizing]] {
        documents.filter { document in annotators.contains { annotated($0, document.id) } }.map { document in
            annotators.map { name in
                guard annotated(name, document.id) else { return AgreementStatistics.Unitizing(length: document.length, spans: nil) }
                let spans = (annotations[name]?[document.id] ?? []).compactMap { annotation in
                    annotation.target.map { (range: $0.range, label: annotation.label) }
                }
                return AgreementStatistics.Unitizing(length: document.length, spans: spans)
            }
        }
    }

    /// `name`'s spans in the layer.
    public func spans(of name: String) -> [AgreementStatistics.LabeledSpan] {
        var spans: [AgreementStatistics.LabeledSpan] = []
        for document in documents {
            for annotation in annotations[name]?[document.id] ?? [] {
                guard let range = annotation.target?.range else { continue }
                spans.append(.init(document: document.id, range: range, label: annotation.label))
            }
        }
        return spans
    }
}
