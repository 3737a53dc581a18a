import Foundation
import LoupeCore

/// The constants and word lists of the VADER method (Hutto & Gilbert 2014),
/// read from `vader-rules.json`.
struct VaderRules: Sendable, Decodable {
    var boosterIncrement: Double
    var capsIncrement: Double
    var negationScalar: Double
    var normalizationAlpha: Double
    /// Word or phrase → "increase" or "decrease".
    var boosters: [String: String]
    var negations: [String]
    var specialCases: [String: Double]
    var exclamation: Exclamation
    var question: Question
    var butWeights: ButWeights
    var distanceDamping: [Double]
    var neverSoAmplifier: Double

    struct Exclamation: Sendable, Decodable {
        var perMark: Double
        var maximumMarks: Int
    }

    struct Question: Sendable, Decodable {
        var perMark: Double
        var minimumMarks: Int
        var maximumMarks: Int
        var cappedAmplifier: Double
    }

    struct ButWeights: Sendable, Decodable {
        var before: Double
        var after: Double
    }

    /// The signed scalar of a booster entry.
    func boosterScalar(_ direction: String) -> Double {
        direction == "decrease" ? -boosterIncrement : boosterIncrement
    }

    static func load(from url: URL) throws(AnalyzerError) -> VaderRules {
        let rules = try BundledJSON.decode(VaderRules.self, from: url, kind: "VADER rules")
        guard rules.distanceDamping.count == 3 else {
            throw .invalidData(path: url.path, reason: "distanceDamping needs 3 numbers")
        }
        return rules
    }
}
