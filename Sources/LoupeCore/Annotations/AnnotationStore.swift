import Foundation
import Synchronization

/// The open documents and their annotations, backed by one JSON file per
/// document in a folder.
///
/// The store never loses data: a file that cannot be read locks its document
/// (no change, no save) until the user fixes it; annotations whose text moved
/// are re-anchored by their quote, and those that cannot be found are kept as
/// orphans; saves are atomic and rewrite only documents that changed.
///
/// Not thread-safe: one REPL session owns it.
public final class AnnotationStore {
    /// The folder holding `<doc-id>.json` files.
    public let directory: String

    /// What happened when a document's annotation file was read.
    public struct LoadReport: Sendable {
        public var documentID: String
        /// The file's stored text hash differed from the document's.
        public var textChanged = false
        /// Annotations found again at a new position.
        public var reanchored: [String] = []
        /// Annotations whose quote could no longer be found.
        public var orphans: [String] = []
        /// The file could not be read; the document is locked.
        public var error: StoreError?
    }

    /// What a save wrote and what it could not.
    public struct SaveReport: Sendable {
        public var written: [String] = []
        public var failures: [StoreError] = []
        /// Documents not saved because their file is broken.
        public var locked: [String] = []
        /// Temporary files an interrupted save of a dead process had left,
        /// removed before this save.
        public var removedTemporaries: [String] = []
    }

    private struct Entry {
        var document: Document
        var annotations: [String: Annotation] = [:]
        var lock: StoreError?
        var dirty = false
        var fileExists = false
    }

    private var entries: [String: Entry] = [:]
    /// Document ids in the order they were opened.
    public private(set) var documentIDs: [String] = []
    /// Which document holds each annotation id, for look-ups by id. Kept up
    /// to date through edits, unless a caller about to apply many changes
    /// (an analyzer run over a corpus) defers it: the next look-up by id
    /// then rebuilds it once.
    private var documentOfAnnotation: [String: String] = [:]
    private var documentIndexIsCurrent = true
    private var staleTemporariesChecked = false

    public init(directory: String) {
        self.directory = directory
    }

    /// The path of a document's annotation file.
    public func filePath(for documentID: String) -> String {
        (directory as NSString).appendingPathComponent(documentID + ".json")
    }

    public var documentCount: Int { documentIDs.count }

    public func document(_ id: String) -> Document? { entries[id]?.document }

    public func contains(_ id: String) -> Bool { entries[id] != nil }

    /// Opens a document, reading and re-anchoring its annotation file if there is one.
    public func add(_ document: Document) -> LoadReport {
        var report = LoadReport(documentID: document.id)
        var entry = Entry(document: document)
        let path = filePath(for: document.id)
        if FileManager.default.fileExists(atPath: path) {
            entry.fileExists = true
            do {
                let file = try readFile(path)
                guard file.documentID == document.id else {
                    throw StoreError.wrongDocument(path: path, found: file.documentID, expected: document.id)
                }
                report.textChanged = file.sha256 != document.sha256
                var contextRefreshed = false
                for var annotation in file.annotations {
                    if let target = annotation.target {
                        if let range = Anchoring.locate(target, in: document) {
                            let fresh = TextQuoteTarget(document: document, range: range)
                            if range != target.range || annotation.orphaned {
                                report.reanchored.append(annotation.id)
                            } else if fresh != target {
                                contextRefreshed = true
                            }
                            annotation.target = fresh
                            annotation.orphaned = false
                        } else {
                            if !annotation.orphaned { annotation.orphaned = true }
                            report.orphans.append(annotation.id)
                        }
                    }
                    entry.annotations[annotation.id] = annotation
                }
                let orphanedBefore = Set(file.annotations.filter(\.orphaned).map(\.id))
                entry.dirty = report.textChanged || !report.reanchored.isEmpty || contextRefreshed
                    || Set(report.orphans) != orphanedBefore || file.length != document.length
                    || file.metadata != document.metadata
            } catch let error as StoreError {
                entry.lock = error
                entry.annotations = [:]
                report.error = error
            } catch {
                entry.lock = .unreadable(path: path, reason: "\(error)")
                report.error = entry.lock
            }
        }
        if entries[document.id] == nil { documentIDs.append(document.id) }
        if documentIndexIsCurrent {
            for id in entry.annotations.keys { documentOfAnnotation[id] = document.id }
        }
        entries[document.id] = entry
        return report
    }

    private func readFile(_ path: String) throws(StoreError) -> AnnotationFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path, reason: "permission denied or not a regular file")
        }
        return try AnnotationFile.decode([UInt8](data), path: path)
    }

    /// The error that locks a document, if its file could not be read.
    public func lock(of documentID: String) -> StoreError? { entries[documentID]?.lock }

    /// A document's annotations in storage order.
    public func annotations(in documentID: String) -> [Annotation] {
        guard let entry = entries[documentID] else { return [] }
        return entry.annotations.values.sorted(by: Annotation.storageOrder)
    }

    /// Number of annotations on a document.
    public func annotationCount(in documentID: String) -> Int { entries[documentID]?.annotations.count ?? 0 }

    /// Stops keeping the id index up to date until the next look-up by id,
    /// which rebuilds it: for callers about to apply many changes.
    public func deferIDIndex() {
        documentIndexIsCurrent = false
    }

    /// The annotation with this id and its document.
    public func annotation(_ id: String) -> (documentID: String, annotation: Annotation)? {
        if !documentIndexIsCurrent {
            documentOfAnnotation.removeAll(keepingCapacity: true)
            for (documentID, entry) in entries {
                for annotationID in entry.annotations.keys { documentOfAnnotation[annotationID] = documentID }
            }
            documentIndexIsCurrent = true
        }
        guard let documentID = documentOfAnnotation[id], let annotation = entries[documentID]?.annotations[id] else {
            return nil
        }
        return (documentID, annotation)
    }

    /// Applies changes in order; nothing is applied when one of them names a
    /// locked or unknown document.
    ///
    /// Changes to one document usually come together: each run of them
    /// finds its document once and reads each change in place, without
    /// copying it (an analyzer run over a corpus applies tens of thousands).
    public func apply(_ changes: [AnnotationChange]) throws(StoreError) {
        var previous: String?
        for index in changes.indices where changes[index].documentID != previous {
            let documentID = changes[index].documentID
            guard let entry = entries[documentID] else { throw .unknownDocument(documentID) }
            if entry.lock != nil { throw .locked(documentID: documentID, path: filePath(for: documentID)) }
            previous = documentID
        }
        var start = changes.startIndex
        while start < changes.endIndex {
            let documentID = changes[start].documentID
            var end = start + 1
            while end < changes.endIndex, changes[end].documentID == documentID { end += 1 }
            guard let position = entries.index(forKey: documentID) else { break }  // checked above
            applyRun(changes, start..<end, to: &entries.values[position], documentID: documentID)
            start = end
        }
    }

    private func applyRun(_ changes: [AnnotationChange], _ run: Range<Int>, to entry: inout Entry, documentID: String) {
        entry.annotations.reserveCapacity(entry.annotations.count + run.count)
        for index in run {
            if let id = changes[index].before?.id {
                entry.annotations[id] = nil
                if documentIndexIsCurrent { documentOfAnnotation[id] = nil }
            }
            if let after = changes[index].after {
                entry.annotations[after.id] = after
                if documentIndexIsCurrent { documentOfAnnotation[after.id] = documentID }
            }
        }
        entry.dirty = true
    }

    /// Marks a document as having nothing to save, for a caller that took
    /// back every change it applied since the document was last clean.
    public func clearDirty(_ documentID: String) {
        entries[documentID]?.dirty = false
    }

    /// Whether a document has changes not yet saved.
    public func isDirty(_ documentID: String) -> Bool { entries[documentID]?.dirty ?? false }

    /// Documents with unsaved changes, in open order.
    public var dirtyDocumentIDs: [String] { documentIDs.filter { entries[$0]?.dirty == true } }

    /// The file contents a document would be saved as.
    public func file(for documentID: String) -> AnnotationFile? {
        guard let entry = entries[documentID] else { return nil }
        let document = entry.document
        return AnnotationFile(
            documentID: document.id, documentPath: RelativePath.fromWorkingDirectory(document.sourcePath),
            sha256: document.sha256, length: document.length, metadata: document.metadata,
            annotations: annotations(in: documentID))
    }

    /// Writes every changed document's file atomically; unchanged and locked
    /// documents are not touched.
    ///
    /// Files are encoded a group at a time on every core, all written to
    /// temporary files, made durable together and renamed into place (see
    /// ``AtomicFile/writeAll(in:next:)``), so a save of thousands of files
    /// pays for one flush, not two per file.
    ///
    /// - Parameter progress: called with the number of files encoded so
    ///   far and the number to write, after each group.
    public func save(progress: (Int, Int) -> Void = { _, _ in }) -> SaveReport {
        var report = SaveReport()
        let dirty = dirtyDocumentIDs
        guard !dirty.isEmpty else { return report }
        if !FileManager.default.fileExists(atPath: directory) {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                report.failures.append(.writeFailed(path: directory, reason: "cannot create the folder: \(error.localizedDescription)"))
                return report
            }
        }
        if !staleTemporariesChecked {
            staleTemporariesChecked = true
            report.removedTemporaries = AtomicFile.removeStaleTemporaries(in: directory)
        }
        var toWrite: [String] = []
        for id in dirty {
            guard let entry = entries[id] else { continue }
            if entry.lock != nil {
                report.locked.append(id)
            } else if entry.annotations.isEmpty, !entry.fileExists {
                entries[id]?.dirty = false
            } else {
                toWrite.append(id)
            }
        }
        let groupSize = 256
        var position = 0
        var documentOfPath: [String: String] = [:]
        let outcome = AtomicFile.writeAll(in: directory) { () -> [(path: String, bytes: [UInt8])]? in
            guard position < toWrite.count else { return nil }
            let ids = Array(toWrite[position..<min(toWrite.count, position + groupSize)])
            position += ids.count
            let files = ids.compactMap { file(for: $0) }
            let encoded = Mutex([[UInt8]](repeating: [], count: files.count))
            DispatchQueue.concurrentPerform(iterations: files.count) { index in
                let bytes = files[index].encoded()
                encoded.withLock { $0[index] = bytes }
            }
            let bytes = encoded.withLock { $0 }
            progress(position, toWrite.count)
            return zip(ids, bytes).map { id, bytes in
                let path = filePath(for: id)
                documentOfPath[path] = id
                return (path, bytes)
            }
        }
        for path in outcome.written {
            guard let id = documentOfPath[path] else { continue }
            entries[id]?.dirty = false
            entries[id]?.fileExists = true
        }
        report.written = outcome.written
        report.failures += outcome.failures
        return report
    }
}

/// Paths relative to the working directory, for files that travel in git.
public enum RelativePath {
    public static func fromWorkingDirectory(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        let absolute = path.hasPrefix("/") ? path : (cwd as NSString).appendingPathComponent(path)
        let target = (absolute as NSString).standardizingPath.split(separator: "/")
        let base = (cwd as NSString).standardizingPath.split(separator: "/")
        var common = 0
        while common < target.count, common < base.count, target[common] == base[common] { common += 1 }
        let ups = Array(repeating: "..", count: base.count - common)
        let rest = target[common...].map(String.init)
        let joined = (ups + rest).joined(separator: "/")
        return joined.isEmpty ? "." : joined
    }
}
