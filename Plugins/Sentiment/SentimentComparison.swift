import LoupeCore

/// `compare` and the report: each group's document scores, and the targets
/// several groups mention with the score each gives them.
extension SentimentAnalyzer: ComparisonView {
    public static func comparison(of groups: [ComparisonGroup]) -> ComparisonSection {
        struct Tally {
            var scores: [Double] = []
            var labels: [String: Int] = [:]
            /// Per target: the scores of the documents that mention it, and mentions.
            var targets: [String: (scores: [Double], mentions: Int)] = [:]
        }
        var tallies: [Tally] = []
        for group in groups {
            var tally = Tally()
            for document in group.documents {
                for annotation in document.annotations where annotation.target == nil {
                    let attributes = annotation.attributes
                    if attributes["scope"]?.stringValue == "target" || annotation.label == "target" {
                        guard let name = attributes["target"]?.stringValue, let score = attributes["meanCompound"]?.doubleValue else { continue }
                        let mentions = attributes["mentions"]?.intValue ?? 1
                        tally.targets[name, default: ([], 0)].scores.append(score)
                        tally.targets[name, default: ([], 0)].mentions += mentions
                    } else {
                        tally.labels[annotation.label, default: 0] += 1
                        if let score = attributes["meanCompound"]?.doubleValue { tally.scores.append(score) }
                    }
                }
            }
            tallies.append(tally)
        }
        func mean(_ values: [Double]) -> Double? { values.isEmpty ? nil : values.reduce(0, +) / Double(values.count) }
        var rows: [ComparisonRow] = [.heading("documents")]
        rows.append(ComparisonRow(label: "mean document score", key: "documentScore", cells: tallies.map { mean($0.scores).map(ComparisonCell.score) ?? .empty }))
        for label in ["negative", "neutral", "positive"] {
            rows.append(ComparisonRow(label: label + " documents", key: "documents." + label, cells: tallies.map { tally in
                let total = tally.labels.values.reduce(0, +)
                return total > 0 ? .share(Double(tally.labels[label] ?? 0) / Double(total)) : .empty
            }))
        }
        // Targets several groups mention (every target when there is one group), most widely mentioned first.
        var reach: [String: (groups: Int, mentions: Int)] = [:]
        for tally in tallies {
            for (name, entry) in tally.targets {
                reach[name, default: (0, 0)].groups += 1
                reach[name, default: (0, 0)].mentions += entry.mentions
            }
        }
        let least = groups.count > 1 ? 2 : 1
        let shared = reach.filter { $0.value.groups >= least }.sorted { left, right in
            if left.value.groups != right.value.groups { return left.value.groups > right.value.groups }
            if left.value.mentions != right.value.mentions { return left.value.mentions > right.value.mentions }
            return left.key < right.key
        }
        let shown = 12
        var notes = ["scores are VADER compound means, -1 (negative) to +1 (positive)"]
        if !shared.isEmpty {
            rows.append(.heading(groups.count > 1 ? "targets several groups mention (score each gives)" : "targets"))
            for (name, _) in shared.prefix(shown) {
                rows.append(ComparisonRow(label: name, key: "target." + name, cells: tallies.map { tally in
                    tally.targets[name].flatMap { mean($0.scores) }.map(ComparisonCell.score) ?? .empty
                }))
            }
            if shared.count > shown { notes.append("\(shared.count - shown) more shared targets not shown (see --json)") }
        }
        return ComparisonSection(title: "Sentiment", rows: rows, notes: notes)
    }
}
