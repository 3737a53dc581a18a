import Foundation

/// Brings `loupe stream` output back into the workbench: each record's
/// annotations merge into its open document under the same rules as
/// `analyze` (``SuggestionMerge``), so nothing a person made or reviewed is
/// touched, and a record made from another version of a text is re-anchored
/// by its quotes, with every annotation that cannot be placed reported.
public enum ResultImport {
    /// What an import did.
    public struct Report: Sendable {
        /// The changes applied, one batch per document, for undo.
        public var batches: [[AnnotationChange]] = []
        /// Records merged into open documents.
        public var documents = 0
        public var tally = AnalysisRunner.Tally()
        /// Annotations found again at a new place because the text changed.
        public var reanchored = 0
        /// One line per problem: a bad record, an unknown document, an
        /// annotation that could not be placed (`FILE:LINE: …`).
        public var problems: [String] = []
        /// The layers and labels the changes brought.
        public var labels: Set<LayerLabel> = []
    }

    /// Why nothing was imported.
    public enum Failure: Error, Sendable, Equatable {
        case unreadable(path: String, reason: String)
        case interrupted
        case store(StoreError)
    }

    /// Checks one line of stream output as `import` reads it: the document
    /// id and the number of annotations, or the error that names its fault.
    public static func readRecord(_ line: [UInt8], place: String) throws(StoreError) -> (documentID: String, annotations: Int) {
        let record = try Record(line, place: place)
        return (record.documentID, record.annotations.count)
    }

    /// Reads the records in `path` and merges them into `store`; all or nothing.
    public static func run(
        path: String, into store: AnnotationStore, stop: @Sendable () -> Bool = { false }
    ) throws(Failure) -> Report {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var report = Report()
        let dirtyBefore = Set(store.dirtyDocumentIDs)
        func takeBack() {
            for batch in report.batches.reversed() {
                try? store.apply(batch.reversed().map(\.inverse))
                if let id = batch.first?.documentID, !dirtyBefore.contains(id) { store.clearDirty(id) }
            }
        }
        var reader = LineReader(descriptor: descriptor)
        var seenDocuments = Set<String>()
        while let line = reader.next() {
            if stop() {
                takeBack()
                throw .interrupted
            }
            if line.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            let place = "\(path):\(line.number)"
            let record: Record
            do throws(StoreError) {
                record = try Record(line.bytes, place: place)
            } catch {
                if case .corrupt(_, _, let column, let reason) = error {
                    report.problems.append("\(place): \(reason) (column \(column))")
                } else {
                    report.problems.append(error.description)
                }
                continue
            }
            guard let document = store.document(record.documentID) else {
                report.problems.append("\(place): no open document \(Sanitizer.quoted(record.documentID)); open its text first")
                continue
            }
            if store.lock(of: document.id) != nil {
                report.problems.append("\(place): \(StoreError.locked(documentID: document.id, path: store.filePath(for: document.id)).description)")
                continue
            }
            guard seenDocuments.insert(document.id).inserted else {
                report.problems.append("\(place): a second record for \(Sanitizer.quoted(document.id)); only the first is used")
                continue
            }
            var incoming: [Annotation] = []
            let sameText = record.sha256 == document.sha256
            for var annotation in record.annotations {
                if !sameText, let target = annotation.target {
                    guard let range = Anchoring.locate(target, in: document) else {
                        report.problems.append(
                            "\(place): \(annotation.id) (\(annotation.layer):\(annotation.label)) could not be placed: its quote is not in \(Sanitizer.quoted(document.id)) as open now")
                        continue
                    }
                    if range != target.range { report.reanchored += 1 }
                    annotation.target = TextQuoteTarget(document: document, range: range)
                }
                incoming.append(annotation)
            }
            let changes = merge(incoming, into: store.annotations(in: document.id), documentID: document.id, tally: &report.tally)
            report.documents += 1
            guard !changes.isEmpty else { continue }
            do throws(StoreError) {
                try store.apply(changes)
            } catch {
                takeBack()
                throw .store(error)
            }
            report.batches.append(changes)
            report.labels.formUnion(LayerLabel.of(changes))
        }
        if let failure = reader.failure {
            takeBack()
            throw .unreadable(path: path, reason: failure)
        }
        return report
    }

    /// The changes that merge imported annotations into a document's:
    /// suggestions replace their analyzer's unreviewed ones as `analyze`
    /// would; anything else (a person's annotation, a decision) is added
    /// when its id is new and otherwise left as the document has it.
    static func merge(
        _ incoming: [Annotation], into existing: [Annotation], documentID: String, tally: inout AnalysisRunner.Tally
    ) -> [AnnotationChange] {
        var byAnalyzer: [String: [Annotation]] = [:]
        var others: [Annotation] = []
        for annotation in incoming {
            if let analyzer = annotation.creator.analyzerID, !annotation.isHumanTouched {
                byAnalyzer[analyzer, default: []].append(annotation)
            } else {
                others.append(annotation)
            }
        }
        var changes: [AnnotationChange] = []
        let touched = Set(existing.filter(\.isHumanTouched).map(\.id))
        for analyzer in byAnalyzer.keys.sorted() {
            let suggestions = byAnalyzer[analyzer] ?? []
            let merged = SuggestionMerge.changes(documentID: documentID, existing: existing, analyzerID: analyzer, new: suggestions)
            tally.suggested += suggestions.count
            tally.keptAsReviewed += suggestions.filter { touched.contains($0.id) }.count
            for change in merged {
                switch (change.before == nil, change.after == nil) {
                case (true, false): tally.added += 1
                case (false, true): tally.removed += 1
                default: tally.updated += 1
                }
            }
            changes += merged
        }
        let present = Set(existing.map(\.id)).union(changes.compactMap(\.after?.id))
        for annotation in others where !present.contains(annotation.id) {
            changes.append(AnnotationChange(documentID: documentID, before: nil, after: annotation))
            tally.added += 1
        }
        return changes
    }

    /// One line of stream output.
    struct Record {
        var documentID: String
        var sha256: String
        var annotations: [Annotation]

        init(_ bytes: [UInt8], place: String) throws(StoreError) {
            self = try SchemaReader.read(bytes, path: place) { reader, value throws(StoreError) in try Record(value, reader: reader) }
        }

        private init(_ value: JSONValue, reader: SchemaReader) throws(StoreError) {
            let top = try reader.object(value, "")
            if top["text"] != nil, top["annotations"] == nil {
                throw reader.fault("", "a document, not a result record: open it with 'open', or run 'loupe stream' on it first")
            }
            documentID = try reader.string(top["id"], "/id")
            sha256 = try reader.string(top["sha256"], "/sha256")
            guard let list = top["annotations"]?.arrayValue else { throw reader.fault("/annotations", "expected an array of annotations") }
            var annotations: [Annotation] = []
            annotations.reserveCapacity(list.count)
            for (index, item) in list.enumerated() {
                annotations.append(try reader.annotation(item, "/annotations/\(index)"))
            }
            self.annotations = annotations
        }
    }
}
