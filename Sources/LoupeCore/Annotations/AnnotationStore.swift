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
    /// The folder holding `<doc-id>.json` files (``relocate(to:)`` moves the
    /// session to another).
    public private(set) var directory: String

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
        /// The file was put back from where a save, killed on a file system
        /// without rename-over, had set it aside (see ``AtomicFile``).
        public var restored = false
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
        /// Files another session had saved since this one read them, merged.
        public var merged: [MergedFile] = []
    }

    private struct Entry {
        var document: Document
        var annotations: [String: Annotation] = [:]
        var lock: StoreError?
        var dirty = false
        var fileExists = false
        /// The annotations as the file on disk held them when last read or
        /// written: what a merge with another session's save starts from.
        var base: [String: Annotation] = [:]
        /// The file's state and content hash when last read or written.
        var disk: DiskState?
        var diskDigest: String?
        /// Metadata a user set with `meta`, and as the file last held it.
        var userMetadata: [String: String] = [:]
        var baseUserMetadata: [String: String] = [:]
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
        restoreSetAsideFiles()
        var (entry, report) = Self.load(document, from: filePath(for: document.id))
        report.restored = restoredFiles.contains(document.id + ".json")
        insert(entry)
        return report
    }

    /// Files put back at the first open (see ``AtomicFile/restoreSetAside(in:)``).
    private var restoredFiles: Set<String> = []
    private var setAsideChecked = false

    private func restoreSetAsideFiles() {
        guard !setAsideChecked else { return }
        setAsideChecked = true
        restoredFiles = Set(AtomicFile.restoreSetAside(in: directory))
    }

    /// Opens many documents, reading and decoding their annotation files on
    /// every core (a corpus reopened with its annotations has thousands).
    public func add(_ documents: [Document]) -> [LoadReport] {
        add(documents, interruptible: false) ?? []
    }

    /// Adds documents as ``add(_:)`` does, or none of them when a stop is
    /// requested (Ctrl-C) while their annotation files are read: then `nil`.
    public func add(_ documents: [Document], interruptible: Bool) -> [LoadReport]? {
        restoreSetAsideFiles()
        let paths = documents.map { filePath(for: $0.id) }
        let loaded = Mutex([(entry: Entry, report: LoadReport)?](repeating: nil, count: documents.count))
        let chunk = 64
        DispatchQueue.concurrentPerform(iterations: (documents.count + chunk - 1) / chunk) { index in
            if interruptible, Interruption.isRequested { return }
            for position in (index * chunk)..<min(documents.count, (index + 1) * chunk) {
                let outcome = Self.load(documents[position], from: paths[position])
                loaded.withLock { $0[position] = outcome }
            }
        }
        if interruptible, Interruption.isRequested { return nil }
        return loaded.withLock { $0 }.compactMap { outcome in
            guard var outcome else { return nil }
            insert(outcome.entry)
            outcome.report.restored = restoredFiles.contains(outcome.entry.document.id + ".json")
            return outcome.report
        }
    }

    private func insert(_ entry: Entry) {
        let id = entry.document.id
        if entries[id] == nil { documentIDs.append(id) }
        if documentIndexIsCurrent {
            for annotationID in entry.annotations.keys { documentOfAnnotation[annotationID] = id }
        }
        entries[id] = entry
    }

    /// A document's entry, with its annotation file at `path` read and re-anchored.
    private static func load(_ document: Document, from path: String) -> (Entry, LoadReport) {
        var report = LoadReport(documentID: document.id)
        var entry = Entry(document: document)
        if FileManager.default.fileExists(atPath: path) {
            entry.fileExists = true
            do {
                let (file, bytes) = try readFile(path)
                entry.disk = DiskState.of(path)
                entry.diskDigest = ContentDigest.of(bytes)
                entry.base = Dictionary(file.annotations.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
                entry.userMetadata = file.userMetadata
                entry.baseUserMetadata = file.userMetadata
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
                entry.userMetadata = [:]
                report.error = error
            } catch {
                entry.lock = .unreadable(path: path, reason: "\(error)")
                report.error = entry.lock
            }
        }
        return (entry, report)
    }

    private static func readFile(_ path: String) throws(StoreError) -> (AnnotationFile, [UInt8]) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path, reason: "permission denied or not a regular file")
        }
        let bytes = [UInt8](data)
        return (try AnnotationFile.decode(bytes, path: path), bytes)
    }

    /// The error that locks a document, if its file could not be read.
    public func lock(of documentID: String) -> StoreError? { entries[documentID]?.lock }

    /// A document's annotations in storage order.
    public func annotations(in documentID: String) -> [Annotation] {
        guard let entry = entries[documentID] else { return [] }
        return Annotation.inStorageOrder(entry.annotations.values)
    }

    /// A document's metadata as shown and saved: what its source says, with
    /// what a user set laid over it.
    public func metadata(of documentID: String) -> DocumentMetadata {
        guard let entry = entries[documentID] else { return DocumentMetadata() }
        return entry.userMetadata.isEmpty ? entry.document.metadata : entry.document.metadata.overlaid(with: entry.userMetadata)
    }

    /// The metadata a user set on a document (see ``setMetadata(_:_:in:)``).
    public func userMetadata(of documentID: String) -> [String: String] {
        entries[documentID]?.userMetadata ?? [:]
    }

    /// Sets (or, with `nil`, removes) a user's value for a metadata key;
    /// saved with the document's annotations. Returns the value it replaced.
    @discardableResult
    public func setMetadata(_ key: String, _ value: String?, in documentID: String) throws(StoreError) -> String? {
        guard let entry = entries[documentID] else { throw .unknownDocument(documentID) }
        if entry.lock != nil { throw .locked(documentID: documentID, path: filePath(for: documentID)) }
        let previous = entry.userMetadata[key]
        guard previous != value else { return previous }
        entries[documentID]?.userMetadata[key] = value
        entries[documentID]?.dirty = true
        return previous
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

    /// Brings another session's save of a document's file into this one,
    /// when the file changed on disk since it was read; false when the
    /// document must not be saved now (the failure is in `report`).
    private func reconcile(
        _ id: String, report: inout SaveReport, keepOursOnConflict: (String, [String]) -> Bool
    ) -> Bool {
        guard var entry = entries[id] else { return false }
        let path = filePath(for: id)
        let now = DiskState.of(path)
        if now == entry.disk { return true }
        // A file removed by hand, or never there: nothing of anyone's to merge.
        guard now != nil, let data = FileManager.default.contents(atPath: path) else { return true }
        let bytes = [UInt8](data)
        let digest = ContentDigest.of(bytes)
        if digest == entry.diskDigest {
            entry.disk = now
            entries[id] = entry
            return true
        }
        let theirs: AnnotationFile
        do {
            theirs = try AnnotationFile.decode(bytes, path: path)
        } catch {
            report.failures.append(.changedOnDisk(path: path, reason: "it can no longer be read (\(error.description))"))
            return false
        }
        let outcome = ThreeWayMerge.merge(
            base: entry.base, ours: entry.annotations,
            theirs: Dictionary(theirs.annotations.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }))
        if !outcome.conflicts.isEmpty, !keepOursOnConflict(path, outcome.conflicts) {
            report.failures.append(.conflict(path: path, ids: outcome.conflicts))
            return false
        }
        // Their changes are now this session's too; what was on disk is the new common base.
        if documentIndexIsCurrent {
            for removed in entry.annotations.keys where outcome.merged[removed] == nil { documentOfAnnotation[removed] = nil }
            for added in outcome.merged.keys where entry.annotations[added] == nil { documentOfAnnotation[added] = id }
        }
        entry.annotations = outcome.merged
        // Metadata key by key: theirs where this session left a key as it was.
        var metadata = entry.userMetadata
        for key in Set(theirs.userMetadata.keys).union(entry.baseUserMetadata.keys) where entry.userMetadata[key] == entry.baseUserMetadata[key] {
            metadata[key] = theirs.userMetadata[key]
        }
        entry.userMetadata = metadata
        entry.baseUserMetadata = theirs.userMetadata
        entry.base = Dictionary(theirs.annotations.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        entry.disk = now
        entry.diskDigest = digest
        entry.fileExists = true
        entries[id] = entry
        report.merged.append(MergedFile(path: path, taken: outcome.taken, keptOurs: outcome.conflicts.count))
        return true
    }

    /// The file contents a document would be saved as.
    public func file(for documentID: String) -> AnnotationFile? {
        guard let entry = entries[documentID] else { return nil }
        let document = entry.document
        return AnnotationFile(
            documentID: document.id, documentPath: RelativePath.fromWorkingDirectory(document.sourcePath),
            sha256: document.sha256, length: document.length, metadata: document.metadata,
            userMetadata: entry.userMetadata, annotations: annotations(in: documentID))
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
    ///
    /// Another session may have saved the same files since this one read
    /// them: under an exclusive lock on the folder, each file is checked
    /// against what was read (its size, time and inode, then its bytes'
    /// hash), and a changed one is merged annotation by annotation (see
    /// ``ThreeWayMerge``) before it is written, so neither session's work
    /// is lost. Where both changed the same annotation differently and a
    /// person's work is at stake, `keepOursOnConflict` decides (it is given
    /// the path and the ids); when it answers no, that file is not saved
    /// and the failure says why.
    public func save(
        progress: (Int, Int) -> Void = { _, _ in },
        keepOursOnConflict: (String, [String]) -> Bool = { _, _ in false }
    ) -> SaveReport {
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
        // A folder that cannot be written at all (read-only, not one's own) is
        // one error naming it, before anything is attempted file by file.
        if access(directory, W_OK) != 0 {
            report.failures.append(.folderNotWritable(path: directory, reason: String(cString: strerror(errno))))
            return report
        }
        if !staleTemporariesChecked {
            staleTemporariesChecked = true
            report.removedTemporaries = AtomicFile.removeStaleTemporaries(in: directory)
        }
        let saveLock = SaveLock(directory: directory)
        defer { withExtendedLifetime(saveLock) {} }
        var toWrite: [String] = []
        for id in dirty {
            guard let entry = entries[id] else { continue }
            if entry.lock != nil {
                report.locked.append(id)
            } else if entry.annotations.isEmpty, entry.userMetadata.isEmpty, !entry.fileExists, DiskState.of(filePath(for: id)) == nil {
                entries[id]?.dirty = false
            } else if reconcile(id, report: &report, keepOursOnConflict: keepOursOnConflict) {
                toWrite.append(id)
            }
        }
        let groupSize = 256
        var position = 0
        var documentOfPath: [String: String] = [:]
        var digests: [String: String] = [:]
        let outcome = AtomicFile.writeAll(in: directory) { () -> [(path: String, bytes: [UInt8])]? in
            guard position < toWrite.count else { return nil }
            let ids = Array(toWrite[position..<min(toWrite.count, position + groupSize)])
            position += ids.count
            let files = ids.compactMap { file(for: $0) }
            let encoded = Mutex([(bytes: [UInt8], digest: String)](repeating: ([], ""), count: files.count))
            DispatchQueue.concurrentPerform(iterations: files.count) { index in
                let bytes = files[index].encoded()
                let digest = ContentDigest.of(bytes)
                encoded.withLock { $0[index] = (bytes, digest) }
            }
            let results = encoded.withLock { $0 }
            progress(position, toWrite.count)
            return zip(ids, results).map { id, result in
                let path = filePath(for: id)
                documentOfPath[path] = id
                digests[id] = result.digest
                return (path, result.bytes)
            }
        }
        for path in outcome.written {
            guard let id = documentOfPath[path], var entry = entries[id] else { continue }
            entry.dirty = false
            entry.fileExists = true
            entry.base = entry.annotations
            entry.baseUserMetadata = entry.userMetadata
            entry.disk = DiskState.of(path)
            entry.diskDigest = digests[id]
            entries[id] = entry
        }
        report.written = outcome.written
        report.failures += Self.grouped(outcome.failures, in: directory, total: toWrite.count)
        return report
    }

    /// Failures of several files for one reason (a full disk, an I/O error)
    /// as one failure naming the folder; a single failure stays as it is.
    public static func grouped(_ failures: [StoreError], in directory: String, total: Int) -> [StoreError] {
        var byReason: [String: Int] = [:]
        for case .writeFailed(_, let reason) in failures { byReason[reason, default: 0] += 1 }
        var result: [StoreError] = []
        var reported = Set<String>()
        for failure in failures {
            guard case .writeFailed(_, let reason) = failure, let count = byReason[reason], count > 1 else {
                result.append(failure)
                continue
            }
            if reported.insert(reason).inserted {
                result.append(.folderWriteFailed(path: directory, failed: count, total: total, reason: reason))
            }
        }
        return result
    }

    /// Makes `folder` the annotations folder of this session and marks every
    /// document with readable annotations as changed, so that the next
    /// ``save(progress:keepOursOnConflict:)`` writes all of them there (a
    /// "save as": after a save into a read-only folder failed, nothing is
    /// lost). Files already in `folder` are merged with, as another
    /// session's would be. Documents whose file could not be read stay
    /// locked and are not written.
    public func relocate(to folder: String) {
        directory = folder
        staleTemporariesChecked = false
        setAsideChecked = true
        for id in documentIDs {
            guard var entry = entries[id], entry.lock == nil else { continue }
            entry.dirty = true
            entry.fileExists = false
            entry.base = [:]
            entry.baseUserMetadata = [:]
            entry.disk = nil
            entry.diskDigest = nil
            entries[id] = entry
        }
    }
}

extension AnnotationStore {
    /// A file another session saved, merged into this session's annotations before saving.
    public struct MergedFile: Sendable, Equatable {
        public var path: String
        /// Annotations taken from the other session's save.
        public var taken: Int
        /// Conflicts settled in this session's favour, when asked to.
        public var keptOurs: Int
    }
}

/// Paths relative to the working directory, for files that travel in git.
public enum RelativePath {
    /// The last path made relative, with the folder it was made from and the
    /// result: a save asks for every document's, and a corpus's documents
    /// mostly share one file (standardising paths was 2% of saving thousands).
    private static let last = Mutex<(cwd: String, path: String, relative: String)?>(nil)

    public static func fromWorkingDirectory(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        if let known = last.withLock({ $0 }), known.cwd == cwd, known.path == path { return known.relative }
        let relative = relative(path, from: cwd)
        last.withLock { $0 = (cwd, path, relative) }
        return relative
    }

    private static func relative(_ path: String, from cwd: String) -> String {
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
