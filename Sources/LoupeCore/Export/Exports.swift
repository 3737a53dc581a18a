import Foundation

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

    /// A CSV field, quoted when it must be (RFC 4180: commas, quotes, line breaks).
    public static func csvField(_ text: String) -> String {
        // Checked over UTF-8 bytes: a Character walk made a corpus export slow.
        guard text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) || text.utf8.first == 0x20
            || text.utf8.last == 0x20
        else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func csvLine(_ fields: [String]) -> String { fields.map(csvField).joined(separator: ",") + "\r\n" }

    static let metadataColumns = DocumentMetadata.standardKeys

    /// The standard metadata columns, then every user key any document has, sorted.
    static func metadataColumns(of documents: [ExportedDocument]) -> [String] {
        metadataColumns + Set(documents.flatMap(\.metadata.extra.keys)).subtracting(metadataColumns).sorted()
    }

    public static func annotationsCSV(_ documents: [ExportedDocument]) -> String {
        let metadataColumns = metadataColumns(of: documents)
        var text = csvLine(
            ["document"] + metadataColumns + [
                "id", "layer", "label", "status", "creator", "creator_type", "start", "end", "exact", "confidence", "note",
                "created", "modified", "reviewer", "orphaned", "attributes",
            ])
        for item in documents {
            let metadata = metadataColumns.map { key in item.metadata[key] ?? "" }
            for annotation in item.annotations {
                var attributes = annotation.attributes
                attributes.removeValue(forKey: "cues")
                let creatorType: String
                if case .human = annotation.creator { creatorType = "person" } else { creatorType = "analyzer" }
                text += csvLine(
                    [item.document.id] + metadata + [
                        annotation.id, annotation.layer, annotation.label, annotation.status.rawValue, annotation.creator.displayName,
                        creatorType, annotation.target.map { String($0.start) } ?? "", annotation.target.map { String($0.end) } ?? "",
                        annotation.target?.exact ?? "", annotation.confidence.map { String($0) } ?? "", annotation.note ?? "",
                        annotation.created, annotation.modified ?? "", annotation.reviewer ?? "", annotation.orphaned ? "true" : "false",
                        attributes.isEmpty ? "" : JSONWriter.compact(.object(attributes)),
                    ])
            }
        }
        return text
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

    public static func jsonl(_ documents: [ExportedDocument]) -> String {
        var text = ""
        for item in documents {
            let file = AnnotationFile(
                documentID: item.document.id, documentPath: RelativePath.fromWorkingDirectory(item.document.sourcePath),
                sha256: item.document.sha256, length: item.document.length, metadata: item.document.metadata,
                userMetadata: item.userMetadata, annotations: item.annotations)
            let object: [String: JSONValue] = [
                "schema": .string(AnnotationFile.schema), "schemaVersion": .int(AnnotationFile.schemaVersion),
                "offsetUnit": .string(AnnotationFile.offsetUnit), "document": .object(file.documentFields),
                "annotations": .array(item.annotations.sorted(by: Annotation.storageOrder).map(AnnotationCoding.encode)),
            ]
            text += JSONWriter.compact(.object(object)) + "\n"
        }
        return text
    }

    // MARK: W3C Web Annotation

    /// The document's address in a W3C target: a Loupe URN of its id (stable whatever its url).
    public static func source(of document: Document) -> String {
        "urn:loupe:document:" + (document.id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? document.id)
    }

    public static func w3c(_ documents: [ExportedDocument], generator: String) -> JSONValue {
        var items: [JSONValue] = []
        for item in documents {
            for annotation in item.annotations { items.append(w3cAnnotation(annotation, in: item.document, generator: generator)) }
        }
        return .object([
            "@context": .array([
                .string("http://www.w3.org/ns/anno.jsonld"),
                .object(["loupe": .string("https://loupe.invalid/ns#")]),
            ]),
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
