/// A layer and one of its labels, as annotations use them.
public struct LayerLabel: Hashable, Sendable {
    public var layer: String
    public var label: String

    public init(layer: String, label: String) {
        self.layer = layer
        self.label = label
    }

    /// The layer and label pairs that changes bring, read by index rather
    /// than copying each change (workers call this on their own results).
    public static func of(_ changes: [AnnotationChange]) -> Set<LayerLabel> {
        var labels = Set<LayerLabel>()
        for index in changes.indices {
            guard let layer = changes[index].after?.layer, let label = changes[index].after?.label else { continue }
            labels.insert(LayerLabel(layer: layer, label: label))
        }
        return labels
    }
}

/// The one analysis engine: runs a set of analyzers over documents, document
/// by document, and turns their suggestions into annotations and into changes
/// against what a document already has.
///
/// Every path that analyses uses it: the REPL's `analyze` (through
/// ``AnnotationStore/analyze(_:documents:jobs:stop:progress:)``, which adds
/// the merge into the store and the roll-back) and `loupe stream`. Each
/// document is segmented once for all analyzers, and its segmentation is
/// released as soon as they are done.
public struct AnalysisRunner: Sendable {
    /// One analyzer of the run with its descriptor.
    public struct Member: Sendable {
        public let analyzer: any Analyzer
        public let descriptor: AnalyzerDescriptor
        /// The analyzer as one that can fail, or that reads others' layers, found once.
        let fallible: (any FallibleAnalyzer)?
        let reader: (any LayerReadingAnalyzer)?

        public init(_ analyzer: any Analyzer) {
            self.analyzer = analyzer
            descriptor = analyzer.instanceDescriptor
            fallible = analyzer as? any FallibleAnalyzer
            reader = analyzer as? any LayerReadingAnalyzer
        }
    }

    /// The analyzers, in the order they run and are reported.
    public let members: [Member]
    /// The `created` time of every suggestion this run makes.
    public let time: String

    /// Whether a member reads others' layers (then each document's new
    /// annotations are kept for the members after it).
    private let hasReaders: Bool
    /// The ids of this run's analyzers (their earlier suggestions are replaced, so a reader does not see them).
    private let runningIDs: Set<String>

    public init(analyzers: [any Analyzer], time: String) {
        members = analyzers.map(Member.init)
        self.time = time
        hasReaders = members.contains { $0.reader != nil }
        runningIDs = Set(members.map(\.descriptor.id))
    }

    /// What one analyzer's suggestions meant for one document, or summed over many.
    public struct Tally: Sendable, Equatable {
        /// Suggestions the analyzer made.
        public var suggested = 0
        /// New annotations.
        public var added = 0
        /// Earlier unreviewed suggestions replaced by a different one.
        public var updated = 0
        /// Earlier unreviewed suggestions the analyzer no longer makes.
        public var removed = 0
        /// Suggestions left out because a person had already reviewed or
        /// edited that annotation (their decision stands).
        public var keptAsReviewed = 0

        public init() {}

        public mutating func add(_ other: Tally) {
            suggested += other.suggested
            added += other.added
            updated += other.updated
            removed += other.removed
            keptAsReviewed += other.keptAsReviewed
        }
    }

    /// The outcome for one document.
    public struct DocumentResult: Sendable {
        public var documentID: String
        /// The changes that bring the document's annotations up to date, in
        /// analyzer order.
        public var changes: [AnnotationChange] = []
        /// One tally per member, in member order.
        public var tallies: [Tally]
        /// The layers and labels the changes bring.
        public var labels: Set<LayerLabel> = []
        /// An analyzer that failed on the document (the run must stop).
        public var failure: AnalyzerError?
    }

    /// Each member's suggestions for `document` as annotations, in member order.
    /// Whether a member reads other layers, so that the annotations of the
    /// members before it must be made before it runs.
    var readsLayers: Bool { hasReaders }

    public func annotations(for document: Document) -> [[Annotation]] {
        var made: [[Annotation]] = []
        for member in members {
            let found = suggestions(of: member, for: document, existing: [], madeBefore: made.joined())
            made.append(found.map { $0.annotation(in: document, by: member.descriptor, at: time) })
        }
        return made
    }

    /// One member's suggestions; one that reads other layers is given the
    /// annotations in them: those saved (not rejected, not by an analyzer of
    /// this run, whose new ones replace them) and those made before it.
    private func suggestions(
        of member: Member, for document: Document, existing: [Annotation], madeBefore: some Sequence<Annotation>
    ) -> [Suggestion] {
        guard let reader = member.reader else { return member.analyzer.analyze(document) }
        let reads = Set(member.descriptor.reads)
        var visible = existing.filter { annotation in
            guard reads.contains(annotation.layer), annotation.status != .rejected else { return false }
            if case .analyzer(let id, _) = annotation.creator, runningIDs.contains(id), annotation.status == .suggested { return false }
            return true
        }
        visible += madeBefore.filter { reads.contains($0.layer) }
        return reader.analyze(document, reading: visible)
    }

    /// Runs every member on `document` and merges the suggestions with what
    /// it has (`existing`) under the merge rules of ``SuggestionMerge``; the
    /// document's segmentation is released afterwards.
    public func result(for document: Document, existing: [Annotation]) -> DocumentResult {
        var result = DocumentResult(documentID: document.id, tallies: [])
        result.tallies.reserveCapacity(members.count)
        let touched = existing.contains(where: \.isHumanTouched) ? Set(existing.filter(\.isHumanTouched).map(\.id)) : []
        var made: [Annotation] = []
        for member in members {
            let found: [Suggestion]
            if let fallible = member.fallible {
                do {
                    found = try fallible.analyzeOrFail(document)
                } catch {
                    result.failure = error
                    break
                }
            } else {
                found = suggestions(of: member, for: document, existing: existing, madeBefore: made)
            }
            let suggestions = found.map { $0.annotation(in: document, by: member.descriptor, at: time) }
            if hasReaders { made += suggestions }
            let changes = SuggestionMerge.changes(
                documentID: document.id, existing: existing, analyzerID: member.descriptor.id, new: suggestions)
            var tally = Tally()
            tally.suggested = suggestions.count
            for change in changes {
                switch (change.before == nil, change.after == nil) {
                case (true, false): tally.added += 1
                case (false, true): tally.removed += 1
                default: tally.updated += 1
                }
            }
            if !touched.isEmpty { tally.keptAsReviewed = suggestions.filter { touched.contains($0.id) }.count }
            result.tallies.append(tally)
            result.changes += changes
        }
        result.labels = LayerLabel.of(result.changes)
        document.releaseDerivedFacts()
        return result
    }
}

/// Why an analysis run over the store changed nothing.
public enum AnalysisFailure: Error, Sendable, Equatable {
    /// Ctrl-C or another stop request; everything applied was taken back.
    case interrupted
    /// The store refused a change (a locked or vanished document).
    case store(StoreError)
    /// An analyzer failed on a document (an external one that died or answered wrongly).
    case analyzer(AnalyzerError)
}

/// What an analysis run applied to the store.
public struct AnalysisReport: Sendable {
    /// The changes, in the batches they were applied in (one per document
    /// with changes), for undo.
    public var batches: [[AnnotationChange]] = []
    /// One tally per runner member, summed over the documents.
    public var tallies: [AnalysisRunner.Tally]
    /// The layers and labels the changes brought.
    public var labels: Set<LayerLabel> = []
    /// Documents analysed.
    public var documents = 0
}

extension AnnotationStore {
    /// Runs `runner` over documents and merges each one's changes into the
    /// store as soon as it is done, while the workers analyse the next.
    ///
    /// All or nothing: when `stop` answers true or a change is refused,
    /// everything applied is taken back (unsaved-change flags too) and the
    /// call throws. Memory stays bounded: a few documents are in flight at a
    /// time, and each one's segmentation is released once it is analysed.
    ///
    /// - Parameter progress: called on the calling thread after each
    ///   document with the number done so far.
    public func analyze(
        _ runner: AnalysisRunner, documents documentIDs: [String], jobs: Int,
        stop: @escaping @Sendable () -> Bool, progress: (Int) -> Void = { _ in }
    ) throws(AnalysisFailure) -> AnalysisReport {
        for id in documentIDs {
            guard contains(id) else { throw .store(.unknownDocument(id)) }
            if lock(of: id) != nil { throw .store(.locked(documentID: id, path: filePath(for: id))) }
        }
        var report = AnalysisReport(tallies: Array(repeating: AnalysisRunner.Tally(), count: runner.members.count))
        let dirtyBefore = Set(dirtyDocumentIDs)
        if documentIDs.count > 16 { deferIDIndex() }
        var failure: StoreError?
        var analyzerFailure: AnalyzerError?
        var next = 0
        OrderedPipeline.run(
            jobs: jobs,
            produce: { () -> (Document, [Annotation])? in
                guard failure == nil, analyzerFailure == nil, next < documentIDs.count, let document = document(documentIDs[next]) else { return nil }
                next += 1
                return (document, annotations(in: document.id))
            },
            transform: { input in runner.result(for: input.0, existing: input.1) },
            consume: { result in
                guard failure == nil, analyzerFailure == nil else { return }
                if let failed = result.failure {
                    analyzerFailure = failed
                    return
                }
                report.documents += 1
                for index in result.tallies.indices { report.tallies[index].add(result.tallies[index]) }
                report.labels.formUnion(result.labels)
                if !result.changes.isEmpty {
                    do throws(StoreError) {
                        try apply(result.changes)
                        report.batches.append(result.changes)
                    } catch {
                        failure = error
                    }
                }
                progress(report.documents)
            },
            stop: stop)
        if failure != nil || analyzerFailure != nil || stop() || report.documents < documentIDs.count {
            for batch in report.batches.reversed() {
                try? apply(batch.reversed().map(\.inverse))
                if let id = batch.first?.documentID, !dirtyBefore.contains(id) { clearDirty(id) }
            }
            if let failure { throw .store(failure) }
            if let analyzerFailure { throw .analyzer(analyzerFailure) }
            throw .interrupted
        }
        return report
    }
}
