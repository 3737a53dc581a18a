/// Why a document could not be read. Every description names the file (and
/// line or byte offset where that helps) and says what to do.
public enum DocumentError: Error, Sendable, Equatable, CustomStringConvertible {
    case notFound(path: String)
    case unreadable(path: String, reason: String)
    case noDocuments(path: String)
    case binary(path: String, byteOffset: Int)
    case invalidUTF8(path: String, byteOffset: Int)
    case unsafeID(path: String, id: String, reason: String)
    case duplicateID(path: String, id: String, firstSource: String)
    case corpusLine(path: String, line: Int, reason: String)

    public var description: String {
        switch self {
        case .notFound(let path):
            return "\(path): no such file or directory"
        case .unreadable(let path, let reason):
            return "\(path): cannot be read (\(reason))"
        case .noDocuments(let path):
            return "\(path): no documents here (Loupe reads .txt, .md and .jsonl files)"
        case .binary(let path, let offset):
            return "\(path): binary file (NUL byte at byte offset \(offset)); Loupe reads UTF-8 text"
        case .invalidUTF8(let path, let offset):
            return "\(path): invalid UTF-8 at byte offset \(offset); convert the file to UTF-8"
        case .unsafeID(let path, let id, let reason):
            return "\(path): document id \(Sanitizer.quoted(id)) is not a safe file name (\(reason))"
        case .duplicateID(let path, let id, let firstSource):
            return "\(path): document id \(Sanitizer.quoted(id)) is already open (from \(firstSource)); skipped"
        case .corpusLine(let path, let line, let reason):
            return "\(path):\(line): \(reason)"
        }
    }
}
