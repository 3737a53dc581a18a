import LoupeCore
import Testing
@testable import FramingAnalysis

/// The framing comparison gives the same figures, to the last bit, however
/// the dictionaries holding a readout happen to be ordered.
@Suite struct FrameComparisonTests {
    /// A readout whose shares add up differently in different orders
    /// (0.1 + 0.2 + 0.7 is not 0.7 + 0.2 + 0.1 in binary floating point).
    static func readout(_ distribution: [(String, Double)], document: String) -> ComparedDocument {
        var object: [String: JSONValue] = [:]
        for (frame, share) in distribution { object[frame] = .double(share) }
        let annotation = Annotation(
            id: "r-" + document, layer: "framing", label: distribution[0].0, target: nil,
            attributes: ["distribution": .object(object), "primary": .string(distribution[0].0)],
            creator: .analyzer(id: "framing", version: "test"), status: .suggested, created: "2025-01-01T00:00:00Z")
        return ComparedDocument(id: document, words: 100, annotations: [annotation])
    }

    static func shares(_ section: ComparisonSection) -> [String: [UInt64]] {
        var shares: [String: [UInt64]] = [:]
        for row in section.rows where row.key.hasPrefix("share.") {
            shares[row.key] = row.cells.map { if case .share(let value) = $0 { value.bitPattern } else { 0 } }
        }
        return shares
    }

    @Test func sharesDoNotDependOnDictionaryOrder() {
        let frames = ["economic", "morality", "legality", "policy", "political", "security-defense", "health-safety", "other"]
        let values = [0.1, 0.2, 0.7, 1.0 / 3, 1.0 / 7, 0.013, 0.17, 1e-3]
        func groups() -> [ComparisonGroup] {
            // Fresh dictionaries each time: their iteration order varies with their storage.
            [ComparisonGroup(name: "all", documents: (0..<24).map { n in
                Self.readout(Array(zip(frames, values.map { $0 * Double(n + 1) / 7 })), document: "d\(n)")
            })]
        }
        let first = Self.shares(FramingAnalyzer.comparison(of: groups()))
        #expect(!first.isEmpty)
        for _ in 0..<100 {
            #expect(Self.shares(FramingAnalyzer.comparison(of: groups())) == first)
        }
    }
}
