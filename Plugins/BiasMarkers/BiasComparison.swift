import LoupeCore

/// `compare` and the report: how densely each group's text carries bias
/// markers, per 1,000 words, by category, and its strongest cues. Counted
/// from the marker spans, so a rejected marker is not counted.
extension BiasMarkersAnalyzer: ComparisonView {
    public static func comparison(of groups: [ComparisonGroup]) -> ComparisonSection {
        struct Tally {
            var words = 0
            var markers = 0
            var byCategory: [String: Int] = [:]
            /// Cue text (case folded) → (count, strongest strength).
            var cues: [String: (count: Int, strength: Int)] = [:]
        }
        var tallies: [Tally] = []
        for group in groups {
            var tally = Tally()
            tally.words = group.words
            for document in group.documents {
                for annotation in document.spans {
                    tally.markers += 1
                    tally.byCategory[annotation.label, default: 0] += 1
                    let cue = (annotation.attributes["cue"]?.stringValue ?? annotation.target?.exact ?? "").lowercased()
                    let strength = annotation.attributes["strength"]?.intValue ?? 1
                    guard !cue.isEmpty, cue.unicodeScalars.count <= 40 else { continue }
                    let previous = tally.cues[cue] ?? (0, 0)
                    tally.cues[cue] = (previous.count + 1, max(previous.strength, strength))
                }
            }
            tallies.append(tally)
        }
        func density(_ count: Int, _ tally: Tally) -> ComparisonCell {
            tally.words > 0 ? .number(Double(count) * 1000 / Double(tally.words), decimals: 1) : .empty
        }
        var rows: [ComparisonRow] = [.heading("markers per 1,000 words")]
        rows.append(ComparisonRow(label: "all categories", key: "density", cells: tallies.map { density($0.markers, $0) }))
        var totals: [String: Int] = [:]
        for tally in tallies { for (category, count) in tally.byCategory { totals[category, default: 0] += count } }
        for (category, _) in totals.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }) {
            rows.append(ComparisonRow(label: category, key: "density." + category, cells: tallies.map { density($0.byCategory[category] ?? 0, $0) }))
        }
        rows.append(ComparisonRow(label: "strongest cues", key: "strongestCues", cells: tallies.map { tally in
            let ranked = tally.cues.sorted { left, right in
                if left.value.strength != right.value.strength { return left.value.strength > right.value.strength }
                if left.value.count != right.value.count { return left.value.count > right.value.count }
                return left.key < right.key
            }
            return ranked.isEmpty ? .empty : .text(ranked.prefix(5).map { $0.value.count > 1 ? "\($0.key) ×\($0.value.count)" : $0.key }.joined(separator: ", "))
        }))
        rows.append(ComparisonRow(label: "words", key: "words", cells: tallies.map { .number(Double($0.words), decimals: 0) }))
        return ComparisonSection(
            title: "Bias markers", rows: rows,
            notes: ["densities count marker spans per 1,000 words of the group's text; cues ranked by strength, then frequency"])
    }
}
