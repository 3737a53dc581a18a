import LoupeCore

/// `compare` and the report: each group's frame shares (the mean of its
/// documents' readouts) and how often each frame is a document's primary one.
extension FramingAnalyzer: ComparisonView {
    public static func comparison(of groups: [ComparisonGroup]) -> ComparisonSection {
        var shares: [[String: Double]] = []
        var primaries: [[String: Int]] = []
        var readouts: [Int] = []
        var codebook: String?
        for group in groups {
            var sum: [String: Double] = [:]
            var primary: [String: Int] = [:]
            var count = 0
            for document in group.documents {
                // The document readout; a person's own document-level frame counts in full.
                let readouts = document.annotations.filter { $0.target == nil }
                guard !readouts.isEmpty else { continue }
                count += 1
                var distribution: [String: Double] = [:]
                for readout in readouts {
                    primary[readout.label, default: 0] += 1
                    codebook = codebook ?? readout.attributes["codebook"]?.stringValue
                    if let stored = readout.attributes["distribution"]?.objectValue, readout.label == readout.attributes["primary"]?.stringValue ?? readout.label {
                        for (frame, value) in stored.sorted(by: { $0.key < $1.key }) { distribution[frame, default: 0] += value.doubleValue ?? 0 }
                    } else {
                        // Edited or made by hand: the chosen frame stands for the document.
                        distribution[readout.label, default: 0] += 1
                    }
                }
                // Summed in frame order, not the dictionary's (which changes from run to run):
                // the same documents give the same last bits, so a share of exactly 0.125
                // is shown the same way every time.
                let ordered = distribution.sorted { $0.key < $1.key }
                let total = ordered.reduce(0) { $0 + $1.value }
                if total > 0 { for (frame, value) in ordered { sum[frame, default: 0] += value / total } }
            }
            shares.append(count > 0 ? sum.mapValues { $0 / Double(count) } : [:])
            primaries.append(primary)
            readouts.append(count)
        }
        let names = frameNames(codebook)
        // Frames in order of their largest share anywhere.
        var largest: [String: Double] = [:]
        for group in shares { for (frame, value) in group { largest[frame] = max(largest[frame] ?? 0, value) } }
        let frames = largest.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
        var rows: [ComparisonRow] = [.heading("frame shares (mean over documents)")]
        for frame in frames where (largest[frame] ?? 0) >= 0.005 {
            rows.append(ComparisonRow(
                label: names[frame] ?? frame, key: "share." + frame,
                cells: shares.map { $0[frame].map(ComparisonCell.share) ?? .empty }))
        }
        rows.append(.heading("primary frames"))
        rows.append(ComparisonRow(label: "most often primary", key: "primary", cells: zip(primaries, readouts).map { primary, count in
            guard count > 0 else { return .empty }
            let ranked = primary.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            return .text(ranked.prefix(3).map { "\(names[$0.key] ?? $0.key) \($0.value)/\(count)" }.joined(separator: ", "))
        }))
        rows.append(ComparisonRow(label: "documents with a readout", key: "documents", cells: readouts.map { .number(Double($0), decimals: 0) }))
        return ComparisonSection(
            title: "Framing", rows: rows,
            notes: ["a frame's share is its part of a document's framed sentences (the framing readout), averaged over the group's documents"])
    }
}
