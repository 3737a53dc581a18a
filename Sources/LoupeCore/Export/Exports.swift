import Foundation
import Synchronization

/// What leaves Loupe: annotations written in the formats other tools read.
/// Offsets are Unicode scalar offsets everywhere (code points, as Python's
/// `str` and the W3C TextPositionSelector count).
public enum ExportFormat: String, Sendable, CaseIterable {
    /// One row per annotation with its document's metadata (RFC 4180).
    case csv
    /// One row per document: a column per document-level label and its
    /// scalar figures, and a count per span label (for pandas and R).
    case summaryCSV = "summary-csv"
    /// One line per document in the schema of the annotation files.
    case jsonl
    /// W3C Web Annotation (JSON-LD), an AnnotationCollection.
    case w3c
    /// brat standoff: a folder of `ID.txt` and `ID.ann`, with `annotation.conf`.
    case brat

    /// The file name an export gets when none is given.
    public var defaultName: String {
        switch self {
        case .csv: return "annotations.csv"
        case .summaryCSV: return "summary.csv"
        case .jsonl: return "annotations.jsonl"
        case .w3c: return "annotations.jsonld"
        case .brat: return "brat"
        }
    }
}

/// One document and the annotations to export from it.
public struct ExportedDocument: Sendable {
    public var document: Document
    public var annotations: [Annotation]
    /// Its metadata as shown: the source's, with what a user set laid over it.
    public var metadata: DocumentMetadata
    /// What a user set with `meta` (the JSONL export keeps it apart, as the files do).
    public var userMetadata: [String: String]

    public init(document: Document, annotations: [Annotation], userMetadata: [String: String] = [:]) {
        self.document = document
        self.annotations = annotations
        self.userMetadata = userMetadata
        self.metadata = document.metadata.overlaid(with: userMetadata)
    }
}

public enum Exports {
    // MARK: CSV

    /// A CSV row (fields quoted as ``appendCSVField(_:to:)`` says), ending in CRLF.
    static func csvLine(_ fields: [String]) -> String {
        var output: [UInt8] = []
        for (index, field) in fields.enumerated() {
            if index > 0 { output.append(0x2C) }
            appendCSVField(field, to: &output)
        }
        output += "\r\n".utf8
        return String(decoding: output, as: UTF8.self)
    }

    static let metadataColumns = DocumentMetadata.standardKeys

    /// The standard metadata columns, then every user key any document has, sorted.
    static func metadataColumns(of documents: [ExportedDocument]) -> [String] {
        metadataColumns + Set(documents.flatMap(\.metadata.extra.keys)).subtracting(metadataColumns).sorted()
    }

    /// The header row of the annotation CSV.
    public static func annotationsCSVHeader(metadataColumns: [String]) -> [UInt8] {
        Array(csvLine(["document"] + metadataColumns + [
            "id", "layer", "label", "status", "creator", "creator_type", "start", "end", "exact", "confidence", "note",
            "created", "modified", "reviewer", "orphaned", "attributes",
        ]).utf8)
    }

    /// A document's rows of the annotation CSV, one per annotation.
    public static func annotationsCSVRows(_ item: ExportedDocument, metadataColumns: [String]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(item.annotations.count * 400)
        var lead: [UInt8] = []
        appendCSVField(item.document.id, to: &lead)
        for key in metadataColumns {
            lead.append(0x2C)
            appendCSVField(item.metadata[key] ?? "", to: &lead)
        }
        var scratch: [UInt8] = []
        for annotation in item.annotations {
            output += lead
            func field(_ text: String) {
                output.append(0x2C)
                appendCSVField(text, to: &output)
            }
            field(annotation.id)
            field(annotation.layer)
            field(annotation.label)
            field(annotation.status.rawValue)
            field(annotation.creator.displayName)
            if case .human = annotation.creator { field("person") } else { field("analyzer") }
            field(annotation.target.map { String($0.start) } ?? "")
            field(annotation.target.map { String($0.end) } ?? "")
            field(annotation.target?.exact ?? "")
            field(annotation.confidence.map { String($0) } ?? "")
            field(annotation.note ?? "")
            field(annotation.created)
            field(annotation.modified ?? "")
            field(annotation.reviewer ?? "")
            field(annotation.orphaned ? "true" : "false")
            var attributes = annotation.attributes
            attributes.removeValue(forKey: "cues")
            scratch.removeAll(keepingCapacity: true)
            if !attributes.isEmpty { JSONWriter.appendCompact(.object(attributes), to: &scratch) }
            output.append(0x2C)
            appendCSVField(bytes: scratch, to: &output)
            output += "\r\n".utf8
        }
        return output
    }

    /// A CSV field, quoted when it must be (RFC 4180: commas, quotes, line
    /// breaks, and spaces at either end, which some readers trim).
    static func appendCSVField(_ text: String, to output: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendCSVField(bytes: $0, to: &output) }
    }

    static func appendCSVField(bytes: some BidirectionalCollection<UInt8>, to output: inout [UInt8]) {
        let needsQuotes = bytes.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D } || bytes.first == 0x20
            || bytes.last == 0x20
        guard needsQuotes else {
            output += bytes
            return
        }
        output.append(0x22)
        for byte in bytes {
            if byte == 0x22 { output.append(0x22) }
            output.append(byte)
        }
        output.append(0x22)
    }

    public static func annotationsCSV(_ documents: [ExportedDocument]) -> String {
        let columns = metadataColumns(of: documents)
        var output = annotationsCSVHeader(metadataColumns: columns)
        for item in documents { output += annotationsCSVRows(item, metadataColumns: columns) }
        return String(decoding: output, as: UTF8.self)
    }

    public static func summaryCSV(_ documents: [ExportedDocument]) -> String {
        let metadataColumns = metadataColumns(of: documents)
        var rows: [[String: String]] = []
        var columns = Set<String>()
        for item in documents {
            var row: [String: String] = ["document": item.document.id]
            for key in metadataColumns { row[key] = item.metadata[key] ?? "" }
            for annotation in item.annotations where annotation.status != .rejected && !annotation.orphaned {
                let name = annotation.layer + ":" + annotation.label
                if annotation.target == nil {
                    row[name] = "1"
                    for (key, value) in annotation.attributes {
                        switch value {
                        case .int(let number): row[name + "." + key] = String(number)
                        case .double(let number): row[name + "." + key] = String(number)
                        case .string(let text) where key != "rule": row[name + "." + key] = text
                        case .bool(let flag): row[name + "." + key] = flag ? "true" : "false"
                        default: break
                        }
                    }
                } else {
                    row["count " + name] = String((Int(row["count " + name] ?? "0") ?? 0) + 1)
                }
            }
            columns.formUnion(row.keys)
            rows.append(row)
        }
        let fixed = ["document"] + metadataColumns
        let ordered = fixed + columns.subtracting(fixed).sorted()
        var text = csvLine(ordered)
        for row in rows {
            text += csvLine(ordered.map { column in row[column] ?? (column.hasPrefix("count ") ? "0" : "") })
        }
        return text
    }

    // MARK: JSONL

    /// A document's line of the JSONL export: its annotation file on one
    /// line (keys sorted), ending in a newline.
    public static func jsonlLine(_ item: ExportedDocument) -> [UInt8] {
        let file = AnnotationFile(
            documentID: item.document.id, documentPath: RelativePath.fromWorkingDirectory(item.document.sourcePath),
            sha256: item.document.sha256, length: item.document.length, metadata: item.document.metadata,
            userMetadata: item.userMetadata, annotations: item.annotations)
        var output: [UInt8] = []
        output.reserveCapacity(item.annotations.count * 400 + 512)
        output += "{\"annotations\":[".utf8
        for (index, annotation) in Annotation.inStorageOrder(item.annotations).enumerated() {
            if index > 0 { output.append(0x2C) }
            AnnotationCoding.append(annotation, to: &output)
        }
        output += "],\"document\":".utf8
        JSONWriter.appendCompact(.object(file.documentFields), to: &output)
        output += ",\"offsetUnit\":".utf8
        JSONWriter.appendString(AnnotationFile.offsetUnit, to: &output)
        output += ",\"schema\":".utf8
        JSONWriter.appendString(AnnotationFile.schema, to: &output)
        output += ",\"schemaVersion\":\(AnnotationFile.schemaVersion)}\n".utf8
        return output
    }

    public static func jsonl(_ documents: [ExportedDocument]) -> String {
        var output: [UInt8] = []
        for item in documents { output += jsonlLine(item) }
        return String(decoding: output, as: UTF8.self)
    }

    // MARK: Writing a whole corpus

    /// Writes a CSV, JSONL or W3C export of `count` documents to `path`
    /// atomically, a group at a time: `documents` gives the documents at a
    /// range of positions (made when needed, so a corpus is not held twice),
    /// each group is rendered on every core and appended in order. Memory
    /// holds one group, whatever the corpus. Returns the annotations written.
    public static func write(
        _ format: ExportFormat, count: Int, metadataColumns: [String] = DocumentMetadata.standardKeys, generator: String,
        to path: String, documents: (Range<Int>) -> [ExportedDocument]
    ) throws(StoreError) -> Int {
        var written = 0
        try AtomicFile.stream(to: path) { append throws(StoreError) in
            var itemsWritten = 0
            switch format {
            case .csv: try append(annotationsCSVHeader(metadataColumns: metadataColumns))
            case .w3c: try append(w3cHead)
            case .jsonl, .summaryCSV, .brat: break
            }
            let groupSize = 128
            var start = 0
            while start < count {
                let group = documents(start..<min(count, start + groupSize))
                start += groupSize
                let rendered = Mutex([[UInt8]](repeating: [], count: group.count))
                DispatchQueue.concurrentPerform(iterations: group.count) { index in
                    let item = group[index]
                    let bytes: [UInt8] = switch format {
                    case .csv: annotationsCSVRows(item, metadataColumns: metadataColumns)
                    case .jsonl: jsonlLine(item)
                    case .w3c: w3cItems(item, generator: generator)
                    case .summaryCSV, .brat: []
                    }
                    rendered.withLock { $0[index] = bytes }
                }
                for (item, var bytes) in zip(group, rendered.withLock { $0 }) {
                    written += item.annotations.count
                    guard !bytes.isEmpty else { continue }
                    // Each W3C item comes with a comma before it; the first has none.
                    if format == .w3c, itemsWritten == 0 { bytes.removeFirst() }
                    itemsWritten += item.annotations.count
                    try append(bytes)
                }
            }
            if format == .w3c { try append(w3cTail(total: itemsWritten)) }
        }
        return written
    }

    // MARK: W3C Web Annotation

    /// The document's address in a W3C target: a Loupe URN of its id (stable whatever its url).
    public static func source(of document: Document) -> String {
        "urn:loupe:document:" + (document.id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? document.id)
    }

    /// The W3C collection up to its first item, as ``w3c(_:generator:)`` lays it out.
    static var w3cHead: [UInt8] {
        var output: [UInt8] = "{\n  \"@context\": ".utf8.map { $0 }
        JSONWriter.appendPretty(w3cContext, indent: 1, to: &output)
        output += ",\n  \"first\": {\n    \"items\": [".utf8
        return output
    }

    /// The rest of the collection after its last item.
    static func w3cTail(total: Int) -> [UInt8] {
        var output: [UInt8] = total > 0 ? "\n    ],".utf8.map { $0 } : "],".utf8.map { $0 }
        output += "\n    \"startIndex\": 0,\n    \"type\": \"AnnotationPage\"\n  },\n  \"label\": \"Loupe annotations\",".utf8
        output += "\n  \"total\": \(total),\n  \"type\": \"AnnotationCollection\"\n}\n".utf8
        return output
    }

    static let w3cContext: JSONValue = .array([
        .string("http://www.w3.org/ns/anno.jsonld"),
        .object(["loupe": .string("https://loupe.invalid/ns#")]),
    ])

    /// A document's items of the collection, each preceded by a comma and
    /// laid out three levels deep, as in ``w3c(_:generator:)``.
    static func w3cItems(_ item: ExportedDocument, generator: String) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(item.annotations.count * 1200)
        for annotation in item.annotations {
            output += ",\n      ".utf8
            JSONWriter.appendPretty(w3cAnnotation(annotation, in: item.document, generator: generator), indent: 3, to: &output)
        }
        return output
    }

    public static func w3c(_ documents: [ExportedDocument], generator: String) -> JSONValue {
        var items: [JSONValue] = []
        for item in documents {
            for annotation in item.annotations { items.append(w3cAnnotation(annotation, in: item.document, generator: generator)) }
        }
        return .object([
            "@context": w3cContext,
            "type": .string("AnnotationCollection"),
            "label": .string("Loupe annotations"),
            "total": .int(items.count),
            "first": .object(["type": .string("AnnotationPage"), "startIndex": .int(0), "items": .array(items)]),
        ])
    }

    static func w3cAnnotation(_ annotation: Annotation, in document: Document, generator: String) -> JSONValue {
        var bodies: [JSONValue] = [
            .object([
                "type": .string("TextualBody"), "purpose": .string("classifying"),
                "value": .string(annotation.layer + ":" + annotation.label),
            ])
        ]
        if let note = annotation.note {
            bodies.append(.object(["type": .string("TextualBody"), "purpose": .string("commenting"), "value": .string(note)]))
        }
        let creator: JSONValue
        switch annotation.creator {
        case .human(let name): creator = .object(["type": .string("Person"), "name": .string(name)])
        case .analyzer(let id, let version):
            creator = .object(["type": .string("Software"), "name": .string(id), "loupe:version": .string(version)])
        }
        var target: [String: JSONValue] = ["source": .string(source(of: document))]
        if let quote = annotation.target {
            target["selector"] = .array([
                .object([
                    "type": .string("TextQuoteSelector"), "exact": .string(quote.exact), "prefix": .string(quote.prefix),
                    "suffix": .string(quote.suffix),
                ]),
                .object(["type": .string("TextPositionSelector"), "start": .int(quote.start), "end": .int(quote.end)]),
            ])
        }
        var object: [String: JSONValue] = [
            "id": .string("urn:loupe:annotation:" + annotation.id),
            "type": .string("Annotation"),
            "motivation": .string(annotation.note == nil ? "classifying" : "commenting"),
            "created": .string(annotation.created),
            "creator": creator,
            "generator": .object(["type": .string("Software"), "name": .string(generator)]),
            "body": .array(bodies),
            "target": .object(target),
            "loupe:layer": .string(annotation.layer),
            "loupe:label": .string(annotation.label),
            "loupe:status": .string(annotation.status.rawValue),
            "loupe:document": .string(document.id),
        ]
        if let modified = annotation.modified { object["modified"] = .string(modified) }
        if let reviewer = annotation.reviewer { object["loupe:reviewer"] = .string(reviewer) }
        if let confidence = annotation.confidence { object["loupe:confidence"] = .double(confidence) }
        if annotation.orphaned { object["loupe:orphaned"] = .bool(true) }
        if !annotation.attributes.isEmpty { object["loupe:attributes"] = .object(annotation.attributes) }
        return .object(object)
    }

    // MARK: brat standoff

    /// A brat type name for a layer and label: brat allows letters, digits,
    /// `-` and `_` (no `:`), so `layer:label` becomes `layer__label`.
    public static func bratType(layer: String, label: String) -> String {
        func clean(_ text: String) -> String {
            String(text.unicodeScalars.map { scalar -> Character in
                scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" ? Character(scalar) : "_"
            })
        }
        return clean(layer) + "__" + clean(label)
    }

    /// One document's `.ann` file: text-bound annotations (a span across
    /// line breaks as fragments, as brat wants), a Status attribute each,
    /// and an AnnotatorNotes note `loupe {…}` holding the whole annotation. Document-level annotations have no span
    /// in brat and are left out (counted in `skipped`).
    public static func bratAnnotations(_ item: ExportedDocument) -> (text: String, skipped: Int) {
        let scalars = Array(item.document.text.unicodeScalars)
        var lines: [String] = []
        var skipped = 0
        var number = 0
        for annotation in item.annotations {
            guard let target = annotation.target, !annotation.orphaned else {
                skipped += 1
                continue
            }
            number += 1
            // Fragments: the span cut at line breaks.
            var fragments: [Range<Int>] = []
            var start = target.start
            for index in target.start..<target.end where scalars[index] == "\n" {
                if index > start { fragments.append(start..<index) }
                start = index + 1
            }
            if target.end > start { fragments.append(start..<target.end) }
            guard !fragments.isEmpty else {
                number -= 1
                skipped += 1
                continue
            }
            let text = fragments.map { range in String(String.UnicodeScalarView(scalars[range])) }.joined(separator: " ")
            let offsets = fragments.map { "\($0.lowerBound) \($0.upperBound)" }.joined(separator: ";")
            lines.append("T\(number)\t\(bratType(layer: annotation.layer, label: annotation.label)) \(offsets)\t\(text)")
            lines.append("A\(number)\tStatus T\(number) \(annotation.status.rawValue)")
            // The whole annotation as a note (JSON escapes line breaks and tabs), so an import brings it back as it was.
            var encoded: [UInt8] = []
            AnnotationCoding.append(annotation, to: &encoded)
            lines.append("#\(number)\tAnnotatorNotes T\(number)\tloupe " + String(decoding: encoded, as: UTF8.self))
        }
        return (lines.map { $0 + "\n" }.joined(), skipped)
    }

    /// `annotation.conf` for the types used.
    public static func bratConfiguration(types: [String]) -> String {
        var text = "[entities]\n"
        for type in types.sorted() { text += type + "\n" }
        text += "\n[relations]\n\n[events]\n\n[attributes]\n"
        if !types.isEmpty { text += "Status\tArg:<ENTITY>, Value:suggested|accepted|rejected\n" }
        return text
    }
}
