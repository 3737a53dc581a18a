/// Inter-annotator agreement coefficients on nominal data, and span
/// matching scores. Each coefficient is `nil` where it is undefined (a
/// single category used throughout, too few values), never a division by zero.
public enum AgreementStatistics {
    /// Cohen's kappa of two annotators' values on the same units.
    ///
    /// - Precondition: `first` and `second` have the same count.
    public static func cohenKappa(_ first: [String], _ second: [String]) -> Double? {
        precondition(first.count == second.count, "paired values")
        let count = Double(first.count)
        guard count > 0 else { return nil }
        var agreed = 0.0
        var firstCounts: [String: Double] = [:]
        var secondCounts: [String: Double] = [:]
        for (a, b) in zip(first, second) {
            if a == b { agreed += 1 }
            firstCounts[a, default: 0] += 1
            secondCounts[b, default: 0] += 1
        }
        let observed = agreed / count
        var expected = 0.0
        // In category order, not the dictionary's: the same last bits on every run.
        for (category, frequency) in firstCounts.sorted(by: { $0.key < $1.key }) {
            expected += (frequency / count) * ((secondCounts[category] ?? 0) / count)
        }
        guard expected < 1 else { return nil }
        return (observed - expected) / (1 - expected)
    }

    /// Fleiss' kappa: for each unit, how many raters chose each category;
    /// every unit has the same number of raters (at least two).
    public static func fleissKappa(_ counts: [[Int]]) -> Double? {
        guard let raters = counts.first.map({ $0.reduce(0, +) }), raters >= 2,
            counts.allSatisfy({ $0.reduce(0, +) == raters })
        else { return nil }
        let units = Double(counts.count)
        let n = Double(raters)
        let categories = counts.first?.count ?? 0
        var unitAgreement = 0.0
        var categoryTotals = [Double](repeating: 0, count: categories)
        for row in counts {
            var squares = 0.0
            for (category, value) in row.enumerated() {
                squares += Double(value * value)
                categoryTotals[category] += Double(value)
            }
            unitAgreement += (squares - n) / (n * (n - 1))
        }
        let observed = unitAgreement / units
        let expected = categoryTotals.reduce(0) { $0 + ($1 / (units * n)) * ($1 / (units * n)) }
        guard expected < 1 else { return nil }
        return (observed - expected) / (1 - expected)
    }

    /// Krippendorff's alpha for nominal data with missing values: one row
    /// per unit, one value per annotator (`nil` where that annotator gave
    /// none). Units with fewer than two values are not pairable and count
    /// for nothing; through the coincidence matrix.
    public static func krippendorffAlpha(_ units: [[String?]]) -> Double? {
        var matrix = CoincidenceMatrix()
        for unit in units { matrix.add(unit.compactMap { $0 }, weight: 1) }
        return matrix.nominalAlpha
    }

    /// Krippendorff's coincidences of values: for each pairable unit, every
    /// ordered pair of its values (from different annotators) counts
    /// `weight / (values - 1)`.
    struct CoincidenceMatrix {
        private var coincidences: [String: [String: Double]] = [:]

        mutating func add(_ values: [String], weight: Double) {
            guard values.count >= 2 else { return }
            let share = weight / Double(values.count - 1)
            var counts: [String: Double] = [:]
            for value in values { counts[value, default: 0] += 1 }
            for (c, nc) in counts {
                for (k, nk) in counts {
                    // Ordered pairs within the unit: c with itself counts nc(nc-1).
                    let pairs = c == k ? nc * (nc - 1) : nc * nk
                    if pairs > 0 { coincidences[c, default: [:]][k, default: 0] += pairs * share }
                }
            }
        }

        /// 1 - (n-1) * sum of off-diagonal coincidences / sum of n_c n_k over different values.
        var nominalAlpha: Double? {
            // Sums run in value order, not the dictionaries' (which changes from run to
            // run), so the same annotations give the same alpha to the last bit.
            let values = coincidences.keys.sorted()
            func row(_ c: String) -> [(key: String, value: Double)] { (coincidences[c] ?? [:]).sorted { $0.key < $1.key } }
            let marginals = values.map { c in row(c).reduce(0) { $0 + $1.value } }
            let total = marginals.reduce(0, +)
            guard total > 1 else { return nil }
            var observed = 0.0
            for c in values { for (k, value) in row(c) where k != c { observed += value } }
            var expected = 0.0
            for (i, nc) in marginals.enumerated() { for (j, nk) in marginals.enumerated() where j != i { expected += nc * nk } }
            guard expected > 0 else { return nil }
            return 1 - (total - 1) * observed / expected
        }
    }

    /// A labelled span, in Unicode scalar offsets.
    public struct LabeledSpan: Hashable, Sendable {
        public var document: String
        public var range: Range<Int>
        public var label: String

        public init(document: String, range: Range<Int>, label: String) {
            self.document = document
            self.range = range
            self.label = label
        }
    }

    /// Precision, recall and F1 of `candidate` spans against `reference` ones.
    public struct SpanScores: Sendable, Equatable {
        public var matched: Int
        public var candidates: Int
        public var references: Int

        public var precision: Double? { candidates > 0 ? Double(matched) / Double(candidates) : nil }
        public var recall: Double? { references > 0 ? Double(matched) / Double(references) : nil }
        public var f1: Double? {
            guard let precision, let recall, precision + recall > 0 else { return candidates + references > 0 ? 0 : nil }
            return 2 * precision * recall / (precision + recall)
        }
    }

    /// How spans must meet to match: the same offsets, or any overlap.
    public enum SpanMatch: String, Sendable, CaseIterable {
        case exact
        case overlap
    }

    /// Matches one to one, in reference order, each reference with the
    /// first unmatched candidate of the same document and label (and, for
    /// overlap, the one that overlaps it most).
    public static func spanScores(reference: [LabeledSpan], candidate: [LabeledSpan], match: SpanMatch) -> SpanScores {
        let pairs = matchedPairs(reference: reference, candidate: candidate, match: match, sameLabel: true)
        return SpanScores(matched: pairs.count, candidates: candidate.count, references: reference.count)
    }

    /// One-to-one matched pairs (indices into `reference` and `candidate`).
    public static func matchedPairs(
        reference: [LabeledSpan], candidate: [LabeledSpan], match: SpanMatch, sameLabel: Bool
    ) -> [(reference: Int, candidate: Int)] {
        var byDocument: [String: [Int]] = [:]
        for (index, span) in candidate.enumerated() { byDocument[span.document, default: []].append(index) }
        var used = Set<Int>()
        var pairs: [(Int, Int)] = []
        for (index, span) in reference.enumerated() {
            var best: (candidate: Int, overlap: Int)?
            for other in byDocument[span.document] ?? [] where !used.contains(other) {
                let found = candidate[other]
                if sameLabel, found.label != span.label { continue }
                let overlap = min(span.range.upperBound, found.range.upperBound) - max(span.range.lowerBound, found.range.lowerBound)
                switch match {
                case .exact:
                    if found.range == span.range { best = (other, overlap) }
                case .overlap:
                    if overlap > 0, best == nil || overlap > best!.overlap { best = (other, overlap) }
                }
                if match == .exact, best != nil { break }
            }
            if let best {
                used.insert(best.candidate)
                pairs.append((index, best.candidate))
            }
        }
        return pairs
    }
}

extension AgreementStatistics {
    /// One annotator's unitizing of one text: labelled spans over
    /// `0..<length`; positions no span covers are a gap.
    public struct Unitizing: Sendable {
        public var length: Int
        /// `nil` for an annotator who did not annotate this text (missing).
        public var spans: [(range: Range<Int>, label: String)]?

        public init(length: Int, spans: [(range: Range<Int>, label: String)]?) {
            self.length = length
            self.spans = spans
        }
    }

    /// The value of a gap in ``unitizingAlpha(_:)``.
    public static let gap = "∅"

    /// Agreement on unitizing: Krippendorff's nominal alpha with every text
    /// position (Unicode scalar) a unit, each annotator's value there the
    /// label of their span covering it (the shortest, where spans nest) or
    /// a gap, so that both where units begin and end and what they are
    /// called count, weighted by length. Computed over the stretches
    /// between span boundaries, not position by position. `texts` holds,
    /// per text, one unitizing per annotator (in the same order).
    public static func unitizingAlpha(_ texts: [[Unitizing]]) -> Double? {
        var matrix = CoincidenceMatrix()
        for annotators in texts {
            guard let length = annotators.first?.length, length > 0 else { continue }
            var boundaries = Set([0, length])
            for unitizing in annotators {
                for span in unitizing.spans ?? [] {
                    boundaries.insert(max(0, min(length, span.range.lowerBound)))
                    boundaries.insert(max(0, min(length, span.range.upperBound)))
                }
            }
            let points = boundaries.sorted()
            for (start, end) in zip(points, points.dropFirst()) where end > start {
                let values: [String] = annotators.compactMap { unitizing in
                    guard let spans = unitizing.spans else { return nil }
                    let covering = spans.filter { $0.range.lowerBound <= start && $0.range.upperBound >= end }
                    return covering.min { ($0.range.count, $0.label) < ($1.range.count, $1.label) }?.label ?? gap
                }
                matrix.add(values, weight: Double(end - start))
            }
        }
        return matrix.nominalAlpha
    }
}
