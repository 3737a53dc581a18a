/// Why annotations could not be read, changed or saved. Each description
/// names the file (with line and column where there is one) or the id.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file is not valid JSON, or not Loupe's schema.
    case corrupt(path: String, line: Int, column: Int, reason: String)
    /// The file was written by a newer Loupe.
    case unsupportedVersion(path: String, found: Int, supported: Int)
    /// The file belongs to another document.
    case wrongDocument(path: String, found: String, expected: String)
    /// A document's annotation file is broken, so it must not be touched.
    case locked(documentID: String, path: String)
    case unknownDocument(String)
    case unknownAnnotation(String)
    case writeFailed(path: String, reason: String)
    case unreadable(path: String, reason: String)
    /// Another session saved the file since this one read it, and both
    /// changed the same annotations differently.
    case conflict(path: String, ids: [String])
    /// Another program changed the file since it was read, so that it cannot be merged.
    case changedOnDisk(path: String, reason: String)
    /// The annotations folder cannot be written at all (read-only, no
    /// permission): nothing was saved, every change is still in memory.
    case folderNotWritable(path: String, reason: String)
    /// Several files of one folder failed for the same reason (a full disk):
    /// one line for them all.
    case folderWriteFailed(path: String, failed: Int, total: Int, reason: String)
    /// An interrupt came while files were being written; none was changed.
    case saveInterrupted(path: String)

    public var description: String {
        switch self {
        case .corrupt(let path, let line, let column, let reason):
            return "\(path):\(line):\(column): \(reason); fix or move the file (Loupe will not overwrite it)"
        case .unsupportedVersion(let path, let found, let supported):
            return "\(path): schemaVersion \(found) is newer than this Loupe reads (up to \(supported)); upgrade Loupe"
        case .wrongDocument(let path, let found, let expected):
            return "\(path): holds annotations for document \(Sanitizer.quoted(found)), not \(Sanitizer.quoted(expected))"
        case .locked(let id, let path):
            return "document \(Sanitizer.quoted(id)): its annotation file \(path) could not be read; fix or move it first"
        case .unknownDocument(let id):
            return "no open document \(Sanitizer.quoted(id))"
        case .unknownAnnotation(let id):
            return "no annotation with id \(Sanitizer.quoted(id)) (see 'list')"
        case .writeFailed(let path, let reason):
            return "\(path): could not be saved (\(reason)); the previous file is unchanged"
        case .unreadable(let path, let reason):
            return "\(path): cannot be read (\(reason))"
        case .conflict(let path, let ids):
            let shown = ids.prefix(3).map { Sanitizer.sanitize($0) }.joined(separator: ", ") + (ids.count > 3 ? ", …" : "")
            return "\(path): not saved: another session saved it since it was read, and \(ids.count) annotation(s) were changed differently there and here (\(shown)); your changes are still in this session: save at the prompt to choose, or reopen the document to see theirs"
        case .changedOnDisk(let path, let reason):
            return "\(path): not saved: it changed on disk since it was read and \(reason); your changes are still in this session"
        case .folderNotWritable(let path, let reason):
            return "\(Self.folder(path)): cannot save in this folder (\(reason)); nothing was saved and every change is still in this session: 'save --to FOLDER' saves them elsewhere"
        case .folderWriteFailed(let path, let failed, let total, let reason):
            return "\(Self.folder(path)): \(failed) of \(total) files could not be saved (\(reason)); their previous files are unchanged and the changes are still in this session"
        case .saveInterrupted(let path):
            return "\(Self.folder(path)): save interrupted; no file was changed and every change is still in this session"
        }
    }

    /// A folder's path as messages show it: with a trailing slash.
    static func folder(_ path: String) -> String { path.hasSuffix("/") ? path : path + "/" }
}
