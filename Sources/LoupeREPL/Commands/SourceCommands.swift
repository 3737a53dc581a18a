import LoupeCore

/// The `sources` command: the table of who is cited in a document, read from
/// the source-citation analyzer's document summary in the store.
enum SourceCommands {
    static let sources = CommandSpec(
        name: "sources", arguments: "[DOC | --all] [--json]",
        summary: "Show who a document cites: each source with its kind, role and citations by type.",
        details: """
            Reads the summary that 'analyze source-citation' stored for the document (the
            current one by default). Columns count direct, indirect and mixed quotes,
            'according to' attributions and reference markers; shares are of all citations.
            """,
        options: ["--all", "--json"]
    ) { session, arguments throws(CommandError) in
        let all = arguments.flag("--all")
        let json = arguments.flag("--json")
        let words = try arguments.finish()
        guard words.count <= 1, !(all && !words.isEmpty) else { throw .usage("sources", "name one document, or --all") }
        let documents: [String]
        if all {
            documents = session.store.documentIDs
        } else if let word = words.first {
            documents = [try session.resolveDocument(word.text).id]
        } else {
            documents = [try session.currentDocument().id]
        }
        var tables: [(String, Annotation)] = []
        for id in documents {
            if let summary = session.store.annotations(in: id).first(where: {
                $0.layer == "source-citation" && $0.label == "sources" && $0.target == nil && $0.status != .rejected
            }) {
                tables.append((id, summary))
            } else if !all {
                throw CommandError("no source table for \(Sanitizer.sanitize(id)): run 'analyze source-citation' first")
            }
        }
        if all, tables.isEmpty { throw CommandError("no source tables: run 'analyze source-citation --all' first") }
        if json {
            session.console.write(JSONWriter.pretty(.array(tables.map { id, summary in
                var object = summary.attributes
                object["document"] = .string(id)
                object.removeValue(forKey: "cues")
                object.removeValue(forKey: "rule")
                return .object(object)
            })))
            return
        }
        for (index, (id, summary)) in tables.enumerated() {
            if index > 0 { session.console.line("") }
            for line in render(id: id, summary: summary.attributes) { session.console.line(line) }
        }
    }

    static let columns: [(title: String, label: String)] = [
        ("direct", "direct-quote"), ("indirect", "indirect-quote"), ("mixed", "mixed-quote"), ("according", "according-to"),
        ("refs", "reference-marker"),
    ]

    static func percent(_ value: JSONValue?) -> String {
        "\(Int(((value?.doubleValue ?? 0) * 100).rounded()))%"
    }

    /// The table as lines of text, every value from the document sanitised.
    static func render(id: String, summary: [String: JSONValue]) -> [String] {
        let citations = summary["citations"]?.intValue ?? 0
        let sources = summary["sources"]?.arrayValue ?? []
        let shares = summary["shares"]
        var lines = [
            "\(Sanitizer.sanitize(id)): \(citations) citation\(citations == 1 ? "" : "s") of \(sources.count) source\(sources.count == 1 ? "" : "s")"
                + (citations == 0 ? "" : "; named \(percent(shares?["named"])), anonymous \(percent(shares?["anonymous"])); direct \(percent(shares?["direct"])), indirect \(percent(shares?["indirect"])), mixed \(percent(shares?["mixed"])), according-to \(percent(shares?["accordingTo"])), references \(percent(shares?["reference"]))")
        ]
        if !sources.isEmpty {
            let names = sources.map { Layout.truncate(Sanitizer.sanitize($0["sourceId"]?.stringValue ?? "?"), to: 36) }
            let width = max(6, names.map { DisplayWidth.of($0) }.max() ?? 0)
            var header = "  " + Layout.pad("source", to: width) + "  " + Layout.pad("kind", to: 12)
            for column in columns { header += " " + column.title }
            lines.append(header + "  role")
            for (source, name) in zip(sources, names) {
                var row = "  " + Layout.pad(name, to: width) + "  " + Layout.pad(source["sourceKind"]?.stringValue ?? "", to: 12)
                for column in columns {
                    let count = source["byType"]?[column.label]?.intValue ?? 0
                    let cell = count == 0 ? "·" : String(count)
                    row += " " + String(repeating: " ", count: max(0, column.title.count - cell.count)) + cell
                }
                if let role = source["role"]?.stringValue { row += "  " + Layout.truncate(Sanitizer.sanitize(role), to: 50) }
                lines.append(row)
            }
        }
        let references = summary["references"]?.arrayValue ?? []
        if !references.isEmpty {
            lines.append("  reference list:")
            for entry in references {
                var text = "    [\(entry["number"]?.intValue ?? 0)]"
                if let outlet = entry["outlet"]?.stringValue { text += " " + Sanitizer.sanitize(outlet) }
                if let title = entry["title"]?.stringValue { text += " " + Layout.quote(Sanitizer.sanitize(title), width: 50) }
                if let date = entry["date"]?.stringValue { text += " " + Sanitizer.sanitize(date) }
                if let url = entry["url"]?.stringValue { text += " <" + Layout.truncate(Sanitizer.sanitize(url), to: 50) + ">" }
                let cited = entry["cited"]?.intValue ?? 0
                text += cited == 0 ? " (never cited)" : " (cited \(cited)x)"
                lines.append(text)
            }
        }
        if let unresolved = summary["unresolvedMarkers"]?.intValue, unresolved > 0 {
            lines.append("  \(unresolved) marker\(unresolved == 1 ? "" : "s") with no entry in a reference list")
        }
        return lines
    }
}
