import Foundation

/// Reads documents from files, directories and JSONL corpora.
///
/// Problems with one file or one corpus line never stop the others: they are
/// collected as ``DocumentError``s next to the documents that could be read.
public struct DocumentLoader: Sendable {
    /// What a load produced.
    public struct Result: Sendable {
        public var documents: [Document] = []
        public var errors: [DocumentError] = []
    }

    /// File extensions read when a directory is opened.
    public static let documentExtensions: Set<String> = ["txt", "md", "jsonl"]

    /// Errors reported per corpus before the rest are only counted.
    static let maximumLineErrors = 20

    public init() {}

    /// Loads every path in order; directories are walked recursively, files in
    /// sorted order.
    public func load(paths: [String]) -> Result {
        var result = Result()
        for path in paths { load(path: path, into: &result) }
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
            for file in files { loadFile(file, into: &result) }
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

    private func loadCorpus(_ bytes: [UInt8], path: String, into result: inout Result) {
        var lineNumber = 0
        var lineErrors = 0
        var start = 0
        let before = result.documents.count
        func report(_ error: DocumentError) {
            lineErrors += 1
            if lineErrors <= Self.maximumLineErrors { result.errors.append(error) }
        }
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            lineNumber += 1
            var lineEnd = end
            if lineEnd > start, bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            let line = bytes[start..<lineEnd]
            start = end + 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            switch CorpusRecord.parse(line, path: path, line: lineNumber) {
            case .success(let document): result.documents.append(document)
            case .failure(let error): report(error)
            }
        }
        if lineErrors > Self.maximumLineErrors {
            result.errors.append(
                .corpusLine(
                    path: path, line: lineNumber,
                    reason: "\(lineErrors - Self.maximumLineErrors) more bad lines not shown"))
        }
        if result.documents.count == before, lineErrors == 0 {
            result.errors.append(.noDocuments(path: path))
        }
    }
}

/// One line of a JSONL corpus: `{"id": …, "text": …, "title": …, …}`.
enum CorpusRecord {
    static func parse(_ line: ArraySlice<UInt8>, path: String, line number: Int) -> Result<Document, DocumentError> {
        let bytes = Array(line)
        if let offset = TextDecoding.firstInvalidOffset(bytes), bytes[offset] != 0 {
            return .failure(.corpusLine(path: path, line: number, reason: "invalid UTF-8 at byte \(offset + 1) of the line"))
        }
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
            return .failure(.corpusLine(path: path, line: number, reason: "missing string field \"text\""))
        }
        if let problem = DocumentID.problem(with: id) {
            return .failure(.unsafeID(path: "\(path):\(number)", id: id, reason: problem))
        }
        var text = rawText
        if text.unicodeScalars.first == "\u{FEFF}" { text = String(text.unicodeScalars.dropFirst()) }
        if text.utf8.contains(0x0D) {
            text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        func field(_ name: String) -> String? {
            guard let value = object[name]?.stringValue, !value.isEmpty else { return nil }
            return value
        }
        let metadata = DocumentMetadata(
            title: field("title"), outlet: field("outlet"), date: field("date"), url: field("url"),
            author: field("author"))
        return .success(Document(id: id, text: text, metadata: metadata, sourcePath: path, sourceLine: number))
    }
}
