/// The contents of one annotation file, `annotations/<doc-id>.json`.
///
/// Top-level keys are exactly `schema`, `schemaVersion`, `offsetUnit`,
/// `document` and `annotations`. The header comes first, indented, and each
/// annotation is on one line of its own as a compact object with sorted
/// keys, so a change to one annotation is a one-line diff (since version 2).
/// Version 3 (written now) also writes an analyzer's provenance as the
/// string `id@version` (a person's stays `{"name": …, "type": "human"}`) and
/// leaves out `status` while it is `suggested`, so accepting or rejecting a
/// suggestion adds a key to its line. Versions 1 (everything indented) and 2
/// hold the same data and are read as they are; the next save rewrites them.
public struct AnnotationFile: Sendable, Equatable {
    public static let schema = "loupe-annotations"
    /// The version this Loupe writes.
    public static let schemaVersion = 3
    /// The oldest version it reads.
    public static let oldestReadableVersion = 1
    public static let offsetUnit = "unicode-scalar"

    public var documentID: String
    /// The document's path relative to the working directory.
    public var documentPath: String
    public var sha256: String
    /// Length of the text in Unicode scalars.
    public var length: Int
    /// What the document's source says of it (its standard fields only).
    public var metadata: DocumentMetadata
    /// What a user set with `meta`, laid over `metadata` wherever shown:
    /// `document.meta`, written only when not empty.
    public var userMetadata: [String: String]
    public var annotations: [Annotation]

    public init(
        documentID: String, documentPath: String, sha256: String, length: Int, metadata: DocumentMetadata,
        userMetadata: [String: String] = [:], annotations: [Annotation]
    ) {
        self.documentID = documentID
        self.documentPath = documentPath
        self.sha256 = sha256
        self.length = length
        self.metadata = metadata
        self.userMetadata = userMetadata
        self.annotations = annotations
    }

    /// The file's bytes in the current schema: the header indented with
    /// sorted keys, then one annotation per line in storage order.
    public func encoded() -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(512 + annotations.count * 400)
        output.appendLiteral("{\n  \"schema\": ")
        JSONWriter.appendString(Self.schema, to: &output)
        output += ",\n  \"schemaVersion\": \(Self.schemaVersion),\n  \"offsetUnit\": ".utf8
        JSONWriter.appendString(Self.offsetUnit, to: &output)
        output.appendLiteral(",\n  \"document\": ")
        // The header object as the pretty writer lays it out, one level in.
        let header = JSONWriter.pretty(.object(documentFields)).utf8.dropLast()
        for byte in header {
            output.append(byte)
            if byte == 0x0A { output.appendLiteral("  ") }
        }
        output.appendLiteral(",\n  \"annotations\": [")
        let sorted = Annotation.inStorageOrder(annotations)
        for (index, annotation) in sorted.enumerated() {
            output.appendLiteral(index == 0 ? "\n    " : ",\n    ")
            AnnotationCoding.append(annotation, to: &output)
        }
        output.appendLiteral(sorted.isEmpty ? "]\n}\n" : "\n  ]\n}\n")
        return output
    }

    /// The `document` object: id, path, hash, length and metadata.
    var documentFields: [String: JSONValue] {
        var document: [String: JSONValue] = [
            "id": .string(documentID), "path": .string(documentPath), "sha256": .string(sha256), "length": .int(length),
        ]
        for field in metadata.standardFields { document[field.key] = .string(field.value) }
        if !userMetadata.isEmpty { document["meta"] = .object(userMetadata.mapValues { .string($0) }) }
        return document
    }

    /// Reads a file's bytes, checking the schema; `path` names the file in errors.
    public static func decode(_ bytes: [UInt8], path: String) throws(StoreError) -> AnnotationFile {
        if let offset = TextDecoding.firstInvalidOffset(bytes) {
            let (line, column) = JSONLocations.lineAndColumn(of: offset, in: bytes)
            throw .corrupt(path: path, line: line, column: column, reason: bytes[offset] == 0 ? "NUL byte" : "invalid UTF-8")
        }
        return try SchemaReader.read(bytes, path: path) { reader, value throws(StoreError) in try reader.file(value) }
    }
}

/// Checks a parsed annotation file against the schema, naming the line and
/// column of the first fault.
struct SchemaReader {
    let path: String
    /// Where each value stands; `nil` on the first, fast reading, which
    /// records no positions (most files have no fault to place).
    let locations: JSONLocations?

    /// Parses `bytes` and reads them with `body`; when `body` finds a fault,
    /// the bytes are parsed again with positions, so that the error names
    /// its line and column.
    static func read<T>(
        _ bytes: [UInt8], path: String, _ body: (inout SchemaReader, JSONValue) throws(StoreError) -> T
    ) throws(StoreError) -> T {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            throw .corrupt(path: path, line: error.line, column: error.column, reason: "invalid JSON: \(error.reason)")
        }
        do {
            var reader = SchemaReader(path: path, locations: nil)
            return try body(&reader, value)
        } catch {
            guard case .corrupt = error, let (located, locations) = try? JSONParser.parseWithLocations(bytes) else { throw error }
            var reader = SchemaReader(path: path, locations: locations)
            return try body(&reader, located)
        }
    }

    func fault(_ pointer: String, _ reason: String) -> StoreError {
        let (line, column) = locations?.lineAndColumn(of: pointer) ?? (0, 0)
        let field = pointer.isEmpty ? "" : " at \(pointer)"
        return .corrupt(path: path, line: line, column: column, reason: reason + field)
    }

    func object(_ value: JSONValue?, _ pointer: String) throws(StoreError) -> [String: JSONValue] {
        guard let value else { throw fault(pointer, "missing object") }
        guard let object = value.objectValue else { throw fault(pointer, "expected an object, found \(value.typeName)") }
        return object
    }

    func string(_ value: JSONValue?, _ pointer: String) throws(StoreError) -> String {
        guard let value else { throw fault(pointer, "missing string") }
        guard let string = value.stringValue else { throw fault(pointer, "expected a string, found \(value.typeName)") }
        return string
    }

    func optionalString(_ value: JSONValue?, _ pointer: String) throws(StoreError) -> String? {
        guard let value, value != .null else { return nil }
        return try string(value, pointer)
    }

    func integer(_ value: JSONValue?, _ pointer: String) throws(StoreError) -> Int {
        guard let value else { throw fault(pointer, "missing number") }
        guard let number = value.intValue else { throw fault(pointer, "expected a whole number, found \(value.typeName)") }
        return number
    }

    func checkKeys(_ object: [String: JSONValue], allowed: Set<String>, _ pointer: String) throws(StoreError) {
        for key in object.keys.sorted() where !allowed.contains(key) {
            throw fault(pointer + "/" + key, "unknown key \"\(key)\"")
        }
    }

    mutating func file(_ value: JSONValue) throws(StoreError) -> AnnotationFile {
        let top = try object(value, "")
        let schema = try string(top["schema"], "/schema")
        guard schema == AnnotationFile.schema else { throw fault("/schema", "schema is \"\(schema)\", expected \"\(AnnotationFile.schema)\"") }
        let version = try integer(top["schemaVersion"], "/schemaVersion")
        if version > AnnotationFile.schemaVersion {
            throw .unsupportedVersion(path: path, found: version, supported: AnnotationFile.schemaVersion)
        }
        guard version >= AnnotationFile.oldestReadableVersion else {
            throw fault("/schemaVersion", "schemaVersion must be from \(AnnotationFile.oldestReadableVersion) to \(AnnotationFile.schemaVersion)")
        }
        let unit = try string(top["offsetUnit"], "/offsetUnit")
        guard unit == AnnotationFile.offsetUnit else {
            throw fault("/offsetUnit", "offsetUnit is \"\(unit)\", expected \"\(AnnotationFile.offsetUnit)\"")
        }
        try checkKeys(top, allowed: ["schema", "schemaVersion", "offsetUnit", "document", "annotations"], "")
        let document = try object(top["document"], "/document")
        try checkKeys(document, allowed: ["id", "path", "sha256", "length", "title", "outlet", "date", "url", "author", "meta"], "/document")
        var userMetadata: [String: String] = [:]
        if let raw = document["meta"], raw != .null {
            for (key, value) in try object(raw, "/document/meta") {
                guard DocumentMetadata.isValidKey(key) else {
                    throw fault("/document/meta/" + key, "\"\(key)\" is not a metadata key (lowercase letters, digits, - and _)")
                }
                userMetadata[key] = try string(value, "/document/meta/" + key)
            }
        }
        let metadata = DocumentMetadata(
            title: try optionalString(document["title"], "/document/title"),
            outlet: try optionalString(document["outlet"], "/document/outlet"),
            date: try optionalString(document["date"], "/document/date"),
            url: try optionalString(document["url"], "/document/url"),
            author: try optionalString(document["author"], "/document/author"))
        guard let list = top["annotations"] else { throw fault("", "missing \"annotations\" array") }
        guard let items = list.arrayValue else { throw fault("/annotations", "expected an array, found \(list.typeName)") }
        var annotations: [Annotation] = []
        var seen: Set<String> = []
        for (index, item) in items.enumerated() {
            let annotation = try self.annotation(item, "/annotations/\(index)")
            guard seen.insert(annotation.id).inserted else {
                throw fault("/annotations/\(index)/id", "duplicate annotation id \"\(annotation.id)\"")
            }
            annotations.append(annotation)
        }
        return AnnotationFile(
            documentID: try string(document["id"], "/document/id"),
            documentPath: try string(document["path"], "/document/path"),
            sha256: try string(document["sha256"], "/document/sha256"),
            length: try integer(document["length"], "/document/length"),
            metadata: metadata, userMetadata: userMetadata, annotations: annotations)
    }

    func annotation(_ value: JSONValue, _ pointer: String) throws(StoreError) -> Annotation {
        let item = try object(value, pointer)
        try checkKeys(item, allowed: AnnotationCoding.keys, pointer)
        let id = try string(item["id"], pointer + "/id")
        guard !id.isEmpty else { throw fault(pointer + "/id", "empty annotation id") }
        var target: TextQuoteTarget?
        if let raw = item["target"], raw != .null {
            let fields = try object(raw, pointer + "/target")
            try checkKeys(fields, allowed: ["start", "end", "exact", "prefix", "suffix"], pointer + "/target")
            let start = try integer(fields["start"], pointer + "/target/start")
            let end = try integer(fields["end"], pointer + "/target/end")
            guard start >= 0, start < end else { throw fault(pointer + "/target", "start must be ≥ 0 and below end") }
            target = TextQuoteTarget(
                start: start, end: end, exact: try string(fields["exact"], pointer + "/target/exact"),
                prefix: try optionalString(fields["prefix"], pointer + "/target/prefix") ?? "",
                suffix: try optionalString(fields["suffix"], pointer + "/target/suffix") ?? "")
        }
        let creator: Annotation.Creator
        if case .string(let reference) = item["creator"] {
            // Version 3: an analyzer as `id@version` (ids have no `@`; a version may).
            guard let at = reference.firstIndex(of: "@"), at != reference.startIndex, reference.index(after: at) != reference.endIndex else {
                throw fault(pointer + "/creator", "creator \"\(reference)\" is not an analyzer's id@version nor an object")
            }
            creator = .analyzer(id: String(reference[..<at]), version: String(reference[reference.index(after: at)...]))
        } else {
            let creatorFields = try object(item["creator"], pointer + "/creator")
            switch try string(creatorFields["type"], pointer + "/creator/type") {
            case "human":
                creator = .human(name: try string(creatorFields["name"], pointer + "/creator/name"))
            case "analyzer":
                creator = .analyzer(
                    id: try string(creatorFields["id"], pointer + "/creator/id"),
                    version: try string(creatorFields["version"], pointer + "/creator/version"))
            case let other:
                throw fault(pointer + "/creator/type", "creator type \"\(other)\" is neither \"human\" nor \"analyzer\"")
            }
        }
        // Version 3 leaves out the status of a suggestion nobody has decided on.
        let statusText = item["status"] == nil ? Annotation.Status.suggested.rawValue : try string(item["status"], pointer + "/status")
        guard let status = Annotation.Status(rawValue: statusText) else {
            throw fault(pointer + "/status", "status \"\(statusText)\" is not suggested, accepted or rejected")
        }
        var confidence: Double?
        if let raw = item["confidence"], raw != .null {
            guard let number = raw.doubleValue, (0...1).contains(number) else {
                throw fault(pointer + "/confidence", "confidence must be a number from 0 to 1")
            }
            confidence = number
        }
        var attributes: [String: JSONValue] = [:]
        if let raw = item["attributes"] {
            attributes = try object(raw, pointer + "/attributes")
        }
        var orphaned = false
        if let raw = item["orphaned"] {
            guard let flag = raw.boolValue else { throw fault(pointer + "/orphaned", "expected true or false") }
            orphaned = flag
        }
        return Annotation(
            id: id, layer: try string(item["layer"], pointer + "/layer"), label: try string(item["label"], pointer + "/label"),
            target: target, attributes: attributes, confidence: confidence, creator: creator, status: status,
            note: try optionalString(item["note"], pointer + "/note"), created: try string(item["created"], pointer + "/created"),
            modified: try optionalString(item["modified"], pointer + "/modified"),
            reviewer: try optionalString(item["reviewer"], pointer + "/reviewer"), orphaned: orphaned)
    }
}

/// Annotation ↔ JSON object.
public enum AnnotationCoding {
    static let keys: Set<String> = [
        "id", "layer", "label", "target", "attributes", "confidence", "creator", "status", "note", "created",
        "modified", "reviewer", "orphaned",
    ]

    /// Appends the annotation as one compact JSON object with sorted keys, as
    /// files (version 3), stream records and JSONL exports hold it: an
    /// analyzer's provenance as `id@version`, no `status` while suggested.
    /// Byte for byte `JSONWriter.compact(encode(annotation, compact: true))`,
    /// without building the intermediate object (this runs once per
    /// annotation of every file and every streamed document).
    public static func append(_ annotation: Annotation, to output: inout [UInt8]) {
        // Keys in UTF-8 order: attributes, confidence, created, creator, id, label,
        // layer, modified, note, orphaned, reviewer, status, target.
        output.appendLiteral("{\"attributes\":")
        JSONWriter.appendCompact(.object(annotation.attributes), to: &output)
        if let confidence = annotation.confidence {
            output.appendLiteral(",\"confidence\":")
            JSONWriter.appendDouble(confidence, to: &output)
        }
        JSONWriter.appendMember("created", string: annotation.created, to: &output)
        switch annotation.creator {
        case .human(let name):
            output.appendLiteral(",\"creator\":{\"name\":")
            JSONWriter.appendString(name, to: &output)
            output.appendLiteral(",\"type\":\"human\"}")
        case .analyzer(let id, let version):
            JSONWriter.appendMember("creator", string: id + "@" + version, to: &output)
        }
        JSONWriter.appendMember("id", string: annotation.id, to: &output)
        JSONWriter.appendMember("label", string: annotation.label, to: &output)
        JSONWriter.appendMember("layer", string: annotation.layer, to: &output)
        if let modified = annotation.modified { JSONWriter.appendMember("modified", string: modified, to: &output) }
        if let note = annotation.note { JSONWriter.appendMember("note", string: note, to: &output) }
        if annotation.orphaned { output.appendLiteral(",\"orphaned\":true") }
        if let reviewer = annotation.reviewer { JSONWriter.appendMember("reviewer", string: reviewer, to: &output) }
        if annotation.status != .suggested { JSONWriter.appendMember("status", string: annotation.status.rawValue, to: &output) }
        if let target = annotation.target {
            output.appendLiteral(",\"target\":{\"end\":")
            JSONWriter.appendInt(target.end, to: &output)
            JSONWriter.appendMember("exact", string: target.exact, to: &output)
            JSONWriter.appendMember("prefix", string: target.prefix, to: &output)
            JSONWriter.appendMember("start", int: target.start, to: &output)
            JSONWriter.appendMember("suffix", string: target.suffix, to: &output)
            output.append(UInt8(ascii: "}"))
        }
        output.append(UInt8(ascii: "}"))
    }

    /// The annotation as a JSON object with only the keys that apply. By
    /// default in full, for programs reading a listing (`list --json`): the
    /// creator as an object with its `type`, the status always; `compact`
    /// gives the form files hold (see ``append(_:to:)``).
    public static func encode(_ annotation: Annotation, compact: Bool = false) -> JSONValue {
        var object: [String: JSONValue] = [
            "id": .string(annotation.id),
            "layer": .string(annotation.layer),
            "label": .string(annotation.label),
            "attributes": .object(annotation.attributes),
            "status": .string(annotation.status.rawValue),
            "created": .string(annotation.created),
        ]
        switch annotation.creator {
        case .human(let name): object["creator"] = ["type": "human", "name": .string(name)]
        case .analyzer(let id, let version):
            object["creator"] = compact ? .string(id + "@" + version) : ["type": "analyzer", "id": .string(id), "version": .string(version)]
        }
        if compact, annotation.status == .suggested { object["status"] = nil }
        if let target = annotation.target {
            object["target"] = [
                "start": .int(target.start), "end": .int(target.end), "exact": .string(target.exact),
                "prefix": .string(target.prefix), "suffix": .string(target.suffix),
            ]
        }
        if let confidence = annotation.confidence { object["confidence"] = .double(confidence) }
        if let note = annotation.note { object["note"] = .string(note) }
        if let modified = annotation.modified { object["modified"] = .string(modified) }
        if let reviewer = annotation.reviewer { object["reviewer"] = .string(reviewer) }
        if annotation.orphaned { object["orphaned"] = .bool(true) }
        return .object(object)
    }
}
