import LoupeCore

/// The table of who a document cites, drawn from the analyzer's document
/// annotation (`sources`): the workbench offers it as the `sources` command.
extension SourceCitationAnalyzer: DocumentTableView {
    public static let tableCommand = TableCommand(
        name: "sources", summary: "Show who a document cites: each source with its kind, role and citations by type.",
        details: """
            Reads the summary that 'analyze source-citation' stored for the document (the
            current one by default). Columns count direct, indirect and mixed quotes,
            'according to' attributions and reference markers; shares are of all citations.
            """)

    public static func tableAnnotation(in annotations: [Annotation]) -> Annotation? {
        annotations.first { $0.layer == descriptor.id && $0.label == "sources" && $0.target == nil && $0.status != .rejected }
    }

    public static func tableLines(documentID: String, annotation: Annotation) -> [String] {
        render(id: documentID, summary: annotation.attributes)
    }

    public static func tableJSON(documentID: String, annotation: Annotation) -> JSONValue {
        var object = annotation.attributes
        object["document"] = .string(documentID)
        object.removeValue(forKey: "cues")
        object.removeValue(forKey: "rule")
        return .object(object)
    }

    private static let columns: [(title: String, label: String)] = [
        ("direct", "direct-quote"), ("indirect", "indirect-quote"), ("mixed", "mixed-quote"), ("according", "according-to"),
        ("refs", "reference-marker"),
    ]

    private static func percent(_ value: JSONValue?) -> String {
        "\(Int(((value?.doubleValue ?? 0) * 100).rounded()))%"
    }

    /// The table as lines of text, every value from the document sanitised.
    static func render(id: String, summary: [String: JSONValue]) -> [String] {
        let citations = summary["citations"]?.intValue ?? 0
        let sources = summary["sources"]?.arrayValue ?? []
        let shares = summary["shares"]
        var lines = [
            "\(Sanitizer.sanitize(id)): \(citations) citation\(citations == 1 ? "" : "s") of \(sources.count) source\(sources.count == 1 ? "" : "s")"
                + (citations == 0 ? "" : "; named \(percent(shares?["named"])), anonymous \(percent(shares?["anonymous"]))"
                    + ((shares?["unresolved"]?.doubleValue ?? 0) > 0 ? " of known sources" : "")
                    + "; direct \(percent(shares?["direct"])), indirect \(percent(shares?["indirect"])), mixed \(percent(shares?["mixed"])), according-to \(percent(shares?["accordingTo"])), references \(percent(shares?["reference"]))")
        ]
        if !sources.isEmpty {
            let names = sources.map { TextColumns.truncate(Sanitizer.sanitize($0["sourceId"]?.stringValue ?? "?"), to: 36) }
            let width = max(6, names.map { DisplayWidth.of($0) }.max() ?? 0)
            var header = "  " + TextColumns.pad("source", to: width) + "  " + TextColumns.pad("kind", to: 12)
            for column in columns { header += " " + column.title }
            lines.append(header + "  role")
            for (source, name) in zip(sources, names) {
                var row = "  " + TextColumns.pad(name, to: width) + "  " + TextColumns.pad(source["sourceKind"]?.stringValue ?? "", to: 12)
                for column in columns {
                    let count = source["byType"]?[column.label]?.intValue ?? 0
                    let cell = count == 0 ? "·" : String(count)
                    row += " " + String(repeating: " ", count: max(0, column.title.count - cell.count)) + cell
                }
                if let role = source["role"]?.stringValue { row += "  " + TextColumns.truncate(Sanitizer.sanitize(role), to: 50) }
                lines.append(row)
            }
        }
        let references = summary["references"]?.arrayValue ?? []
        if !references.isEmpty {
            lines.append("  reference list:")
            for entry in references {
                var text = "    [\(entry["number"]?.intValue ?? 0)]"
                if let outlet = entry["outlet"]?.stringValue { text += " " + Sanitizer.sanitize(outlet) }
                if let title = entry["title"]?.stringValue { text += " " + TextColumns.quote(Sanitizer.sanitize(title), width: 50) }
                if let date = entry["date"]?.stringValue { text += " " + Sanitizer.sanitize(date) }
                if let url = entry["url"]?.stringValue { text += " <" + TextColumns.truncate(Sanitizer.sanitize(url), to: 50) + ">" }
                let cited = entry["cited"]?.intValue ?? 0
                text += cited == 0 ? " (never cited)" : " (cited \(cited)x)"
                lines.append(text)
            }
        }
        if let unresolved = summary["unresolvedMarkers"]?.intValue, unresolved > 0 {
            lines.append("  \(unresolved) marker\(unresolved == 1 ? "" : "s") with no entry in a reference list (kind 'unresolved': the source is not known)")
        }
        return lines
    }
}
