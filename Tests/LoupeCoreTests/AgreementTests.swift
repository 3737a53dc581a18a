import AnalyzerTestSupport
import Testing
@testable import LoupeCore

/// The coefficients against worked examples whose values are published,
/// and Krippendorff's alpha against a second, slow implementation.
@Suite struct AgreementTests {
    /// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": four
    /// observers, twelve units, values 1-5, missing data; nominal alpha 0.743.
    @Test func krippendorffsOwnExample() throws {
        let rows: [[Int?]] = [
            [1, 2, 3, 3, 2, 1, 4, 1, 2, nil, nil, nil],
            [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nil, 3],
            [nil, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nil],
            [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nil],
        ]
        let units = (0..<12).map { unit in rows.map { $0[unit].map(String.init) } }
        let alpha = try #require(AgreementStatistics.krippendorffAlpha(units))
        #expect(abs(alpha - 0.743) < 0.0005, "\(alpha)")
    }

    /// The same paper's binary example for two observers: alpha 0.095.
    @Test func krippendorffsBinaryExample() throws {
        let a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
        let b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
        let alpha = try #require(AgreementStatistics.krippendorffAlpha(zip(a, b).map { [String($0), String($1)] }))
        #expect(abs(alpha - 0.095) < 0.0005, "\(alpha)")
    }

    /// The worked example of Fleiss' kappa (14 raters, 10 subjects, 5
    /// categories) in the Wikipedia article on the statistic: 0.210.
    @Test func fleissWorkedExample() throws {
        let counts = [
            [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
            [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
        ]
        let kappa = try #require(AgreementStatistics.fleissKappa(counts))
        #expect(abs(kappa - 0.210) < 0.0005, "\(kappa)")
    }

    /// Fleiss' own example (Fleiss 1971, "Measuring nominal scale agreement
    /// among many raters", Table 1): 30 patients, each diagnosed by six of a
    /// pool of psychiatrists into five categories (1 depression, 2
    /// personality disorder, 3 schizophrenia, 4 neurosis, 5 other). The
    /// paper gives kappa = .430 and the category proportions .144, .144,
    /// .167, .306, .239.
    @Test func fleissOwnTable() throws {
        let diagnoses = [
            [4, 4, 4, 4, 4, 4], [2, 2, 2, 5, 5, 5], [2, 3, 3, 3, 3, 5], [5, 5, 5, 5, 5, 5], [2, 2, 2, 4, 4, 4],
            [1, 1, 3, 3, 3, 3], [3, 3, 3, 3, 5, 5], [1, 1, 3, 3, 3, 4], [1, 1, 4, 4, 4, 4], [5, 5, 5, 5, 5, 5],
            [1, 4, 4, 4, 4, 4], [1, 2, 4, 4, 4, 4], [2, 2, 2, 3, 3, 3], [1, 4, 4, 4, 4, 4], [2, 2, 4, 4, 4, 5],
            [3, 3, 3, 3, 3, 5], [1, 1, 1, 4, 5, 5], [1, 1, 1, 1, 1, 2], [2, 2, 4, 4, 4, 4], [1, 3, 3, 5, 5, 5],
            [5, 5, 5, 5, 5, 5], [2, 4, 4, 4, 4, 4], [2, 2, 4, 5, 5, 5], [1, 1, 4, 4, 4, 4], [1, 4, 4, 4, 4, 5],
            [2, 2, 2, 2, 2, 4], [1, 1, 1, 1, 5, 5], [2, 2, 4, 4, 4, 4], [1, 3, 3, 3, 3, 3], [5, 5, 5, 5, 5, 5],
        ]
        let counts = diagnoses.map { patient in (1...5).map { category in patient.filter { $0 == category }.count } }
        let kappa = try #require(AgreementStatistics.fleissKappa(counts))
        #expect(abs(kappa - 0.430) < 0.0005, "\(kappa)")
        let shares = (0..<5).map { category in Double(counts.reduce(0) { $0 + $1[category] }) / 180 }
        for (share, published) in zip(shares, [0.144, 0.144, 0.167, 0.306, 0.239]) {
            #expect(abs(share - published) < 0.0005, "\(shares)")
        }
    }

    /// Cohen's kappa on 50 yes/no decisions by two readers (20 both yes, 15
    /// both no, 5 and 10 split), the Wikipedia article's example: 0.4.
    @Test func cohenWorkedExample() throws {
        let first = Array(repeating: "yes", count: 25) + Array(repeating: "no", count: 25)
        let second = Array(repeating: "yes", count: 20) + Array(repeating: "no", count: 5)
            + Array(repeating: "yes", count: 10) + Array(repeating: "no", count: 15)
        let kappa = try #require(AgreementStatistics.cohenKappa(first, second))
        #expect(abs(kappa - 0.4) < 1e-9, "\(kappa)")
    }

    @Test func undefinedIsNilNotADivisionByZero() {
        #expect(AgreementStatistics.cohenKappa(["a", "a"], ["a", "a"]) == nil)
        #expect(AgreementStatistics.cohenKappa([], []) == nil)
        #expect(AgreementStatistics.krippendorffAlpha([["a", "a"], ["a", "a"]]) == nil)
        #expect(AgreementStatistics.krippendorffAlpha([["a", nil]]) == nil)
        #expect(AgreementStatistics.fleissKappa([[2, 0], [1]]) == nil)
    }

    /// Alpha by its definition, pair by pair: D_o over the pairs within
    /// units, D_e over all pairs of pairable values.
    static func slowAlpha(_ units: [[String?]]) -> Double? {
        var pairable: [String] = []
        var observed = 0.0
        for unit in units {
            let values = unit.compactMap { $0 }
            guard values.count >= 2 else { continue }
            pairable += values
            for i in values.indices {
                for j in values.indices where i != j && values[i] != values[j] { observed += 1 / Double(values.count - 1) }
            }
        }
        let n = Double(pairable.count)
        var expected = 0.0
        for i in pairable.indices {
            for j in pairable.indices where i != j && pairable[i] != pairable[j] { expected += 1 }
        }
        guard n > 1, expected > 0 else { return nil }
        return 1 - (observed / n) / (expected / (n * (n - 1)))
    }

    @Test(arguments: 0..<40)
    func alphaAgreesWithTheSlowDefinition(seed: Int) {
        var random = SplitMix(seed: UInt64(seed))
        let coders = Int.random(in: 2...5, using: &random)
        let categories = Int.random(in: 2...4, using: &random)
        let units: [[String?]] = (0..<Int.random(in: 3...30, using: &random)).map { _ in
            (0..<coders).map { _ in Int.random(in: 0..<5, using: &random) == 0 ? nil : "c\(Int.random(in: 0..<categories, using: &random))" }
        }
        let fast = AgreementStatistics.krippendorffAlpha(units)
        let slow = Self.slowAlpha(units)
        #expect((fast == nil) == (slow == nil))
        if let fast, let slow { #expect(abs(fast - slow) < 1e-9, "\(units)") }
    }

    /// Unitizing alpha over stretches equals nominal alpha over every position.
    @Test(arguments: 0..<30)
    func unitizingAlphaIsAlphaOverPositions(seed: Int) {
        var random = SplitMix(seed: UInt64(seed) &+ 1000)
        let annotators = Int.random(in: 2...4, using: &random)
        var texts: [[AgreementStatistics.Unitizing]] = []
        var positions: [[String?]] = []
        for _ in 0..<Int.random(in: 1...3, using: &random) {
            let length = Int.random(in: 5...60, using: &random)
            var row: [AgreementStatistics.Unitizing] = []
            for _ in 0..<annotators {
                if Int.random(in: 0..<6, using: &random) == 0 {
                    row.append(.init(length: length, spans: nil))
                    continue
                }
                var spans: [(range: Range<Int>, label: String)] = []
                for _ in 0..<Int.random(in: 0...4, using: &random) {
                    let start = Int.random(in: 0..<length, using: &random)
                    let end = Int.random(in: (start + 1)...length, using: &random)
                    spans.append((start..<end, "c\(Int.random(in: 0..<3, using: &random))"))
                }
                row.append(.init(length: length, spans: spans))
            }
            texts.append(row)
            for position in 0..<length {
                positions.append(row.map { unitizing in
                    guard let spans = unitizing.spans else { return nil }
                    let covering = spans.filter { $0.range.contains(position) }
                    return covering.min { ($0.range.count, $0.label) < ($1.range.count, $1.label) }?.label ?? AgreementStatistics.gap
                })
            }
        }
        let fast = AgreementStatistics.unitizingAlpha(texts)
        let slow = Self.slowAlpha(positions)
        #expect((fast == nil) == (slow == nil))
        if let fast, let slow { #expect(abs(fast - slow) < 1e-9) }
    }

    /// Krippendorff (1995, "On the reliability of unitizing contiguous
    /// data", p. 57), example A: two coders unitize a continuum of 24 into
    /// one kind of unit (Bertha: 2-10 and 14-20; Bill: 4-8 and 15-17).
    /// Coded position by position, as this statistic does, the paper gives
    /// alpha = .329 (with Cohen's kappa .385 and Scott's pi .314).
    @Test func unitizingAlphaOnKrippendorffsDigitizedExample() throws {
        let bertha = AgreementStatistics.Unitizing(length: 24, spans: [(2..<10, "unit"), (14..<20, "unit")])
        let bill = AgreementStatistics.Unitizing(length: 24, spans: [(4..<8, "unit"), (15..<17, "unit")])
        let alpha = try #require(AgreementStatistics.unitizingAlpha([[bertha, bill]]))
        #expect(abs(alpha - 0.329) < 0.0005, "\(alpha)")
        let positions = (0..<24).map { position in
            [bertha, bill].map { coder in coder.spans?.contains { $0.range.contains(position) } == true ? "1" : "0" }
        }
        let kappa = try #require(AgreementStatistics.cohenKappa(positions.map(\.[0]), positions.map(\.[1])))
        #expect(abs(kappa - 0.385) < 0.0005, "\(kappa)")
    }

    @Test func unitizingAlphaRewardsMatchingBoundaries() throws {
        let same = [AgreementStatistics.Unitizing(length: 100, spans: [(10..<20, "a"), (50..<70, "b")]),
                    AgreementStatistics.Unitizing(length: 100, spans: [(10..<20, "a"), (50..<70, "b")])]
        #expect(AgreementStatistics.unitizingAlpha([same]) == 1)
        let shifted = [same[0], AgreementStatistics.Unitizing(length: 100, spans: [(12..<22, "a"), (50..<66, "b")])]
        let relabelled = [same[0], AgreementStatistics.Unitizing(length: 100, spans: [(10..<20, "b"), (50..<70, "a")])]
        let a = try #require(AgreementStatistics.unitizingAlpha([shifted]))
        let b = try #require(AgreementStatistics.unitizingAlpha([relabelled]))
        #expect(a < 1 && a > 0.5, "\(a)")
        #expect(b < a, "other labels on the same spans disagree more than slightly shifted bounds: \(b)")
    }

    @Test func spansMatchExactlyOrByOverlap() {
        let reference = [
            AgreementStatistics.LabeledSpan(document: "d", range: 0..<5, label: "a"),
            AgreementStatistics.LabeledSpan(document: "d", range: 10..<20, label: "b"),
        ]
        let candidate = [
            AgreementStatistics.LabeledSpan(document: "d", range: 0..<5, label: "a"),
            AgreementStatistics.LabeledSpan(document: "d", range: 12..<25, label: "b"),
            AgreementStatistics.LabeledSpan(document: "e", range: 0..<5, label: "a"),
        ]
        let exact = AgreementStatistics.spanScores(reference: reference, candidate: candidate, match: .exact)
        #expect(exact == .init(matched: 1, candidates: 3, references: 2))
        let overlap = AgreementStatistics.spanScores(reference: reference, candidate: candidate, match: .overlap)
        #expect(overlap.matched == 2)
        #expect(abs((overlap.f1 ?? 0) - 0.8) < 1e-9)
    }
}

/// Near-duplicate detection: exact similarity of the candidates banding finds.
@Suite struct NearDuplicatesTests {
    static func words(_ count: Int, seed: UInt64) -> String {
        var random = SplitMix(seed: seed)
        return (0..<count).map { _ in "w\(Int.random(in: 0..<5000, using: &random))" }.joined(separator: " ") + "."
    }

    @Test func copiesArePairedAndStrangersAreNot() {
        let base = Self.words(400, seed: 1)
        let edited = base.replacingOccurrences(of: "w1", with: "changed", options: [], range: base.range(of: "w1"))
        let documents = [
            document(base, id: "a"), document(edited, id: "b"), document(Self.words(400, seed: 2), id: "c"),
            document(Self.words(400, seed: 3), id: "d"), document(base, id: "e"),
        ]
        let pairs = NearDuplicates.pairs(in: documents, threshold: 0.8)
        #expect(Set(pairs.map { [$0.first, $0.second].sorted().joined(separator: "~") }) == ["a~b", "a~e", "b~e"])
        #expect(pairs.first?.similarity == 1, "identical texts first")
        #expect(pairs.allSatisfy { $0.similarity >= 0.8 })
    }

    @Test func jaccardOfSortedSets() {
        #expect(NearDuplicates.jaccard([1, 2, 3, 4], [3, 4, 5, 6]) == 2.0 / 6.0)
        #expect(NearDuplicates.jaccard([], []) == 0)
    }
}
