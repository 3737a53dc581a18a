import Foundation
import LoupeCore

/// `export`: annotations in the formats other tools read.
enum ExportCommands {
    static let export = CommandSpec(
        name: "export", arguments: "csv|summary-csv|jsonl|w3c|brat [--out PATH] [--force] [FILTER]",
        summary: "Write annotations for other tools: CSV, a per-document summary CSV, JSONL, W3C Web Annotation, brat standoff.",
        details: """
            FILTER is as for 'list' (every document unless doc= says otherwise). csv: one row per annotation with its \
            document's metadata. summary-csv: one row per document, a column per document-level label and its figures \
            and a count per span label. jsonl: one line per document in the annotation file schema. w3c: a JSON-LD \
            AnnotationCollection (TextQuoteSelector and TextPositionSelector in code points). brat: a folder of ID.txt \
            and ID.ann with annotation.conf. Offsets are Unicode code points. An existing file or folder is replaced \
            only with --force.
            """,
        options: ["--out", "--force"]
    ) { session, arguments throws(CommandError) in
        let out = try arguments.option("--out")
        let force = arguments.flag("--force")
        let words = try arguments.finish()
        guard let formatName = words.first?.text else { throw .usage("export", "name a format") }
        guard let format = ExportFormat(rawValue: formatName) else {
            let names = ExportFormat.allCases.map(\.rawValue)
            let hint = Spelling.nearest(to: formatName, in: names).map { "; did you mean '\($0)'?" } ?? ""
            throw CommandError("export: no format \(Sanitizer.quoted(formatName))\(hint) (formats: \(names.joined(separator: ", ")))")
        }
        var filter = try AnnotationFilter(words: Array(words.dropFirst()), command: "export")
        if filter.document == nil { filter.terms.append((key: "doc", value: "*")) }
        let store = session.store
        let covered = try AnnotationCommands.documentIDs(for: filter, session: session)
        /// A document's matching annotations, made when its group is written (a corpus is not held twice).
        func exported(_ id: String) -> ExportedDocument? {
            guard let document = store.document(id) else { return nil }
            let annotations = store.annotations(in: id).filter(filter.matches)
            guard !annotations.isEmpty || format == .summaryCSV else { return nil }
            return ExportedDocument(document: document, annotations: annotations, userMetadata: store.userMetadata(of: id))
        }
        let path = out ?? format.defaultName
        guard !path.isEmpty else { throw .usage("export", "--out needs a path") }
        if FileManager.default.fileExists(atPath: path), !force {
            throw CommandError("export: \(Sanitizer.sanitize(path)) exists; use --force to replace it")
        }
        var count = 0
        var documentCount = 0
        do throws(StoreError) {
            switch format {
            case .csv, .jsonl, .w3c:
                var userKeys = Set<String>()
                for id in covered { userKeys.formUnion(store.userMetadata(of: id).keys) }
                let columns = DocumentMetadata.standardKeys + userKeys.subtracting(DocumentMetadata.standardKeys).sorted()
                count = try Exports.write(
                    format, count: covered.count, metadataColumns: columns, generator: "Loupe \(LoupeVersion.current)", to: path
                ) { range in
                    let group = covered[range].compactMap(exported)
                    documentCount += group.count
                    return group
                }
            case .summaryCSV, .brat:
                let documents = covered.compactMap(exported)
                documentCount = documents.count
                count = documents.reduce(0) { $0 + $1.annotations.count }
                if format == .brat {
                    try writeBrat(documents, to: path, session: session)
                } else {
                    try AtomicFile.write(Array(Exports.summaryCSV(documents).utf8), to: path)
                }
            }
        } catch {
            throw CommandError("export: \(error.description)")
        }
        if count == 0 {
            session.console.status("export: no annotations match; wrote an empty \(format.rawValue) export to \(Sanitizer.sanitize(path))")
        } else {
            session.console.status("exported \(count) annotation\(count == 1 ? "" : "s") of \(documentCount) document\(documentCount == 1 ? "" : "s") as \(format.rawValue) to \(Sanitizer.sanitize(path))")
        }
    }

    /// A brat folder: each document's text and annotations, and the configuration.
    static func writeBrat(_ documents: [ExportedDocument], to folder: String, session: Session) throws(StoreError) {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw .writeFailed(path: folder, reason: "cannot create the folder: \(error.localizedDescription)")
        }
        var types = Set<String>()
        var skipped = 0
        // Every file written, then made durable together, as a save does (one flush, not one per file).
        var position = 0
        let outcome = AtomicFile.writeAll(in: folder) { () -> [(path: String, bytes: [UInt8])]? in
            guard position < documents.count else { return nil }
            let group = documents[position..<min(documents.count, position + 256)]
            position += group.count
            var files: [(path: String, bytes: [UInt8])] = []
            for item in group {
                // Document ids are safe file names (no '/', no '..'): each file stays in the folder.
                let base = (folder as NSString).appendingPathComponent(item.document.id)
                let ann = Exports.bratAnnotations(item)
                skipped += ann.skipped
                for annotation in item.annotations where annotation.target != nil && !annotation.orphaned {
                    types.insert(Exports.bratType(layer: annotation.layer, label: annotation.label))
                }
                files.append((base + ".txt", Array(item.document.text.utf8)))
                files.append((base + ".ann", Array(ann.text.utf8)))
            }
            return files
        }
        if let failure = AnnotationStore.grouped(outcome.failures, in: folder, total: documents.count * 2).first { throw failure }
        try AtomicFile.write(Array(Exports.bratConfiguration(types: Array(types)).utf8), to: (folder as NSString).appendingPathComponent("annotation.conf"))
        if skipped > 0 {
            session.console.status("brat has no document-level annotations: \(skipped) left out of the .ann files")
        }
    }
}
