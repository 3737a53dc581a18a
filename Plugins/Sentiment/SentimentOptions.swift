import LoupeCore

/// Options of the sentiment analyzer; every field has a default.
public struct SentimentOptions: AnalyzerOptions, Equatable {
    /// Also annotate neutral sentences (compound between −0.05 and 0.05).
    public var includeNeutral: Bool
    /// Extra targets: a name and its aliases (`{"Gazprom": ["Gazprom", "Gazprom's"]}`);
    /// a name already known gains the aliases.
    public var targets: [String: [String]]
    /// Treat capitalised names not in the target list as targets too.
    public var detectNames: Bool
    /// Targets mentioned fewer times are left out of the target annotations.
    public var minimumMentions: Int

    public init() {
        includeNeutral = false
        targets = [:]
        detectNames = true
        minimumMentions = 1
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = SentimentOptions()
        includeNeutral = try container.decodeIfPresent(Bool.self, forKey: .includeNeutral) ?? defaults.includeNeutral
        targets = try container.decodeIfPresent([String: [String]].self, forKey: .targets) ?? defaults.targets
        detectNames = try container.decodeIfPresent(Bool.self, forKey: .detectNames) ?? defaults.detectNames
        minimumMentions = try container.decodeIfPresent(Int.self, forKey: .minimumMentions) ?? defaults.minimumMentions
    }
}
