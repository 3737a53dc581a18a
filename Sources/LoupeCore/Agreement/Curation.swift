/// An agreed set built from several annotators' annotations of one layer:
/// what a majority of those who annotated a document agree on (the same
/// label on overlapping spans), and, where they do not, one person's
/// decision if asked. Every kept annotation records where it came from.
public enum Curation {
    /// One annotation of the agreed set, before it becomes an annotation.
    public struct Kept: Sendable, Equatable {
        public var documentID: String
        public var label: String
        public var range: Range<Int>?
        /// The annotations it was made from, and the people who agreed.
        public var sources: [String]
        public var agreedBy: [String]
        /// `curate.majority` or `curate.preferred`.
        public var rule: String
    }

    /// What a curation keeps, and how many places had no majority and no
    /// preferred person's decision (left out).
    public struct Outcome: Sendable {
        public var kept: [Kept] = []
        public var leftOut = 0
    }

    public static func curate(_ study: AgreementStudy, prefer: String?) -> Outcome {
        var outcome = Outcome()
        for document in study.documents {
            let present = study.annotators.filter { study.annotated($0, document.id) }
            guard present.count >= 2 else { continue }
            // Everyone's annotations of the document, grouped by label into clusters of overlapping spans.
            var items: [(annotator: String, annotation: Annotation)] = []
            for name in present { for annotation in study.annotations[name]?[document.id] ?? [] { items.append((name, annotation)) } }
            for label in Set(items.map(\.annotation.label)).sorted() {
                let same = items.filter { $0.annotation.label == label }
                for cluster in clusters(same) {
                    let people = Set(cluster.map(\.annotator))
                    let majority = people.count * 2 > present.count
                    let preferred = !majority && prefer.map(people.contains) == true
                    guard majority || preferred else {
                        outcome.leftOut += 1
                        continue
                    }
                    // The span most of them gave (the preferred person's on a tie, else the earliest, shortest).
                    var votes: [Range<Int>?: Int] = [:]
                    for item in cluster { votes[item.annotation.target?.range, default: 0] += 1 }
                    let preferredRange = cluster.first { $0.annotator == prefer }?.annotation.target?.range
                    let range = votes.max { left, right in
                        if left.value != right.value { return left.value < right.value }
                        if left.key == preferredRange { return false }
                        if right.key == preferredRange { return true }
                        return (left.key?.lowerBound ?? -1, left.key?.count ?? 0) > (right.key?.lowerBound ?? -1, right.key?.count ?? 0)
                    }?.key ?? nil
                    outcome.kept.append(Kept(
                        documentID: document.id, label: label, range: range, sources: cluster.map(\.annotation.id).sorted(),
                        agreedBy: people.sorted(), rule: majority ? "curate.majority" : "curate.preferred"))
                }
            }
        }
        return outcome
    }

    /// Groups annotations whose spans overlap, transitively (document-level
    /// ones form one group).
    static func clusters(_ items: [(annotator: String, annotation: Annotation)]) -> [[(annotator: String, annotation: Annotation)]] {
        let whole = items.filter { $0.annotation.target == nil }
        let spans = items.filter { $0.annotation.target != nil }.sorted {
            ($0.annotation.target?.start ?? 0, $0.annotation.target?.end ?? 0) < ($1.annotation.target?.start ?? 0, $1.annotation.target?.end ?? 0)
        }
        var groups: [[(annotator: String, annotation: Annotation)]] = whole.isEmpty ? [] : [whole]
        var current: [(annotator: String, annotation: Annotation)] = []
        var end = -1  // where the current group's spans end, at the furthest
        for item in spans {
            guard let target = item.annotation.target else { continue }
            if !current.isEmpty, target.start >= end {
                groups.append(current)
                current = []
                end = -1
            }
            current.append(item)
            end = max(end, target.end)
        }
        if !current.isEmpty { groups.append(current) }
        return groups
    }
}
