import LoupeCore

/// `compare` and the report: whom each group cites, how (direct, indirect,
/// "according to"), named or anonymous, the kinds of source, and the
/// sources one group cites that no other does. Counted from the citation
/// spans, so a rejected citation is not counted.
extension SourceCitationAnalyzer: ComparisonView {
    public static func comparison(of groups: [ComparisonGroup]) -> ComparisonSection {
        struct Tally {
            var citations = 0
            var byLabel: [String: Int] = [:]
            var byKind: [String: Int] = [:]
            var bySource: [String: Int] = [:]
            var documents = 0
        }
        var tallies: [Tally] = []
        for group in groups {
            var tally = Tally()
            tally.documents = group.documents.count
            for document in group.documents {
                for annotation in document.spans where annotation.label != CitationLabel.referenceMarker.rawValue {
                    tally.citations += 1
                    tally.byLabel[annotation.label, default: 0] += 1
                    let kind = annotation.attributes["sourceKind"]?.stringValue ?? "unknown"
                    tally.byKind[kind, default: 0] += 1
                    if kind != SourceKind.anonymous.rawValue,
                        let source = annotation.attributes["sourceId"]?.stringValue ?? annotation.attributes["source"]?.stringValue
                    {
                        tally.bySource[source, default: 0] += 1
                    }
                }
            }
            tallies.append(tally)
        }
        func share(_ count: Int, of tally: Tally) -> ComparisonCell {
            tally.citations > 0 ? .share(Double(count) / Double(tally.citations)) : .empty
        }
        var rows: [ComparisonRow] = [.heading("citations")]
        rows.append(ComparisonRow(label: "citations", key: "citations", cells: tallies.map { .number(Double($0.citations), decimals: 0) }))
        rows.append(ComparisonRow(label: "per document", key: "perDocument", cells: tallies.map {
            $0.documents > 0 ? .number(Double($0.citations) / Double($0.documents), decimals: 1) : .empty
        }))
        rows.append(ComparisonRow(label: "distinct sources", key: "distinctSources", cells: tallies.map { .number(Double($0.bySource.count), decimals: 0) }))
        rows.append(.heading("how they are cited (share of citations)"))
        let anonymous = SourceKind.anonymous.rawValue
        rows.append(ComparisonRow(label: "named", key: "named", cells: tallies.map { share($0.citations - ($0.byKind[anonymous] ?? 0), of: $0) }))
        rows.append(ComparisonRow(label: "anonymous", key: "anonymous", cells: tallies.map { share($0.byKind[anonymous] ?? 0, of: $0) }))
        for (label, name) in [("direct-quote", "direct quote"), ("mixed-quote", "partly quoted"), ("indirect-quote", "indirect"), ("according-to", "according to")] {
            guard tallies.contains(where: { ($0.byLabel[label] ?? 0) > 0 }) else { continue }
            rows.append(ComparisonRow(label: name, key: "type." + label, cells: tallies.map { share($0.byLabel[label] ?? 0, of: $0) }))
        }
        let kinds = Set(tallies.flatMap(\.byKind.keys)).subtracting([anonymous]).sorted()
        if !kinds.isEmpty {
            rows.append(.heading("kinds of named source (share of citations)"))
            for kind in kinds {
                rows.append(ComparisonRow(label: kind, key: "kind." + kind, cells: tallies.map { share($0.byKind[kind] ?? 0, of: $0) }))
            }
        }
        rows.append(.heading("who is cited"))
        func ranked(_ counts: [String: Int], limit: Int) -> String {
            counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(limit)
                .map { "\($0.key) ×\($0.value)" }.joined(separator: ", ")
        }
        rows.append(ComparisonRow(label: "most cited", key: "mostCited", cells: tallies.map {
            $0.bySource.isEmpty ? .empty : .text(ranked($0.bySource, limit: 5))
        }))
        if groups.count > 1 {
            var groupsCiting: [String: Int] = [:]
            for tally in tallies { for source in tally.bySource.keys { groupsCiting[source, default: 0] += 1 } }
            rows.append(ComparisonRow(label: "cited here only", key: "citedOnlyHere", cells: tallies.map { tally in
                let own = tally.bySource.filter { groupsCiting[$0.key] == 1 }
                return own.isEmpty ? .empty : .text(ranked(own, limit: 6))
            }))
        }
        return ComparisonSection(
            title: "Sources", rows: rows,
            notes: ["reference markers ([1]) are not counted; a source's citations are counted under its resolved name"])
    }
}
