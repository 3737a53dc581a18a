import Foundation
import Synchronization

/// Reads documents from files, directories and JSONL corpora.
///
/// Problems with one file or one corpus line never stop the others: they are
/// collected as ``DocumentError``s next to the documents that could be read.
public struct DocumentLoader: Sendable {
    /// What a load produced.
    public struct Result: Sendable {
        public var documents: [Document] = []
        public var errors: [DocumentError] = []
        /// Whether a stop was requested (Ctrl-C) while loading: what was read
        /// is incomplete, and a caller should open none of it.
        public var interrupted = false
    }

    /// File extensions read when a directory is opened.
    public static let documentExtensions: Set<String> = ["txt", "md", "jsonl"]

    /// Errors reported per corpus before the rest are only counted.
    static let maximumLineErrors = 20

    /// One line of a JSONL corpus as a document, or the error that names it.
    public static func document(fromCorpusLine line: [UInt8], path: String, line number: Int) -> Swift.Result<Document, DocumentError> {
        CorpusRecord.parse(line[...], path: path, line: number)
    }

    public init() {}

    /// Loads every path in order; directories are walked recursively, files in
    /// sorted order.
    public func load(paths: [String]) -> Result {
        var result = Result()
        for path in paths {
            load(path: path, into: &result)
            if Interruption.isRequested { break }
        }
        result.interrupted = Interruption.isRequested
        return result
    }

    private func load(path: String, into result: inout Result) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            result.errors.append(.notFound(path: path))
            return
        }
        if isDirectory.boolValue {
            let files = documentFiles(in: path)
            if files.isEmpty {
                result.errors.append(.noDocuments(path: path))
                return
            }
            for file in files where !Interruption.isRequested { loadFile(file, into: &result) }
        } else {
            loadFile(path, into: &result)
        }
    }

    /// Document files below `directory`, sorted by path, hidden entries skipped.
    func documentFiles(in directory: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix(".") {
                enumerator.skipDescendants()
                continue
            }
            let ext = (name as NSString).pathExtension.lowercased()
            guard Self.documentExtensions.contains(ext) else { continue }
            let full = (directory as NSString).appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                files.append(full)
            }
        }
        return files.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    private func readBytes(_ path: String) throws(DocumentError) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .unreadable(path: path, reason: "permission denied or not a regular file")
        }
        defer { try? handle.close() }
        do {
            return [UInt8](try handle.readToEnd() ?? Data())
        } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
    }

    private func loadFile(_ path: String, into result: inout Result) {
        let bytes: [UInt8]
        do {
            bytes = try readBytes(path)
        } catch {
            result.errors.append(error)
            return
        }
        if (path as NSString).pathExtension.lowercased() == "jsonl" {
            loadCorpus(bytes, path: path, into: &result)
            return
        }
        let text: String
        switch TextDecoding.decode(bytes) {
        case .success(let decoded): text = decoded
        case .failure(.nulByte(let offset)):
            result.errors.append(.binary(path: path, byteOffset: offset))
            return
        case .failure(.invalidUTF8(let offset)):
            result.errors.append(.invalidUTF8(path: path, byteOffset: offset))
            return
        }
        let id = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        if let problem = DocumentID.problem(with: id) {
            result.errors.append(.unsafeID(path: path, id: id, reason: problem))
            return
        }
        result.documents.append(Document(id: id, text: text, metadata: MetadataSniffer.sniff(text), sourcePath: path))
    }

    /// Parses a corpus's lines on every core (each line is independent) and
    /// keeps the documents and errors in line order.
    private func loadCorpus(_ bytes: [UInt8], path: String, into result: inout Result) {
        var lines: [(number: Int, range: Range<Int>)] = []
        var start = 0
        var number = 0
        bytes.withUnsafeBufferPointer { buffer in
            while start < buffer.count {
                var end = start
                while end < buffer.count, buffer[end] != 0x0A { end += 1 }
                number += 1
                var lineEnd = end
                if lineEnd > start, buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                if buffer[start..<lineEnd].contains(where: { $0 != 0x20 && $0 != 0x09 }) {
                    lines.append((number, start..<lineEnd))
                }
                start = end + 1
            }
        }
        let lineTable = lines
        let parsed = Mutex([Swift.Result<Document, DocumentError>?](repeating: nil, count: lines.count))
        let chunk = 512
        let chunks = (lines.count + chunk - 1) / chunk
        DispatchQueue.concurrentPerform(iterations: chunks) { index in
            // Ctrl-C: the remaining chunks are skipped (the caller sees `interrupted`).
            if Interruption.isRequested { return }
            let range = (index * chunk)..<min(lineTable.count, (index + 1) * chunk)
            let local = range.map { CorpusRecord.parse(bytes[lineTable[$0].range], path: path, line: lineTable[$0].number) }
            parsed.withLock { all in
                for (offset, outcome) in zip(range, local) { all[offset] = outcome }
            }
        }
        if Interruption.isRequested { return }
        var lineErrors = 0
        let before = result.documents.count
        let outcomes = parsed.withLock { $0 }
        // A file of stream results gets one line saying so, not one per record.
        if case .failure(.corpusLine(_, let line, let reason))? = outcomes.first, reason == CorpusRecord.streamResultReason {
            result.errors.append(.corpusLine(path: path, line: line, reason: "holds 'loupe stream' results, not documents; open the corpus, then 'import \(path)'"))
            return
        }
        for outcome in outcomes {
            switch outcome {
            case .success(let document): result.documents.append(document)
            case .failure(let error):
                lineErrors += 1
                if lineErrors <= Self.maximumLineErrors { result.errors.append(error) }
            case nil: break
            }
        }
        if lineErrors > Self.maximumLineErrors {
            result.errors.append(
                .corpusLine(path: path, line: number, reason: "\(lineErrors - Self.maximumLineErrors) more bad lines not shown"))
        }
        if result.documents.count == before, lineErrors == 0 {
            result.errors.append(.noDocuments(path: path))
        }
    }
}

/// One line of a JSONL corpus: `{"id": …, "text": …, "title": …, …}`.
enum CorpusRecord {
    /// What a line of `loupe stream` output opened as a corpus is told.
    static let streamResultReason = "a 'loupe stream' result, not a document: open the corpus, then 'import' this file"

    static func parse(_ line: ArraySlice<UInt8>, path: String, line number: Int) -> Result<Document, DocumentError> {
        // The parser validates the UTF-8 of every string; bad bytes elsewhere are JSON syntax errors.
        let bytes = Array(line)
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            return .failure(.corpusLine(path: path, line: number, reason: "invalid JSON at column \(error.column): \(error.reason)"))
        }
        guard let object = value.objectValue else {
            return .failure(.corpusLine(path: path, line: number, reason: "expected a JSON object, found \(value.typeName)"))
        }
        guard let id = object["id"]?.stringValue ?? object["id"]?.intValue.map(String.init) else {
            return .failure(.corpusLine(path: path, line: number, reason: "missing string field \"id\""))
        }
        guard let rawText = object["text"]?.stringValue else {
            if object["annotations"] != nil, object["sha256"] != nil {
                return .failure(.corpusLine(path: path, line: number, reason: streamResultReason))
            }
            return .failure(.corpusLine(path: path, line: number, reason: "missing string field \"text\""))
        }
        if let problem = DocumentID.problem(with: id) {
            return .failure(.unsafeID(path: "\(path):\(number)", id: id, reason: problem))
        }
        var text = rawText
        if text.unicodeScalars.first == "\u{FEFF}" { text = String(text.unicodeScalars.dropFirst()) }
        text = TextDecoding.normalizingLineEnds(text)
        func field(_ name: String) -> String? {
            guard let value = object[name]?.stringValue, !value.isEmpty else { return nil }
            return value
        }
        let metadata = DocumentMetadata(
            title: field("title"), outlet: field("outlet") ?? field("url").flatMap(MetadataSniffer.outlet(fromURL:)),
            date: field("date"), url: field("url"),
            author: field("author"))
        return .success(Document(id: id, text: text, metadata: metadata, sourcePath: path, sourceLine: number))
    }
}
