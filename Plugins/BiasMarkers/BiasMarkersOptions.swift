import LoupeCore

/// Options of the bias-markers analyzer; every field has a default.
public struct BiasMarkersOptions: AnalyzerOptions, Equatable {
    /// Only these categories (all when empty).
    public var categories: [String]
    /// Leave out cues weaker than this (1 to 3).
    public var minimumStrength: Int
    /// A folder of extra `CATEGORY.tsv` lexicons, read after the built-in ones.
    public var lexicons: String?
    /// Also suggest each hedge, booster and absolute as a span of its own.
    /// They mark how sure a writer sounds rather than bias, so by default
    /// they only count in the document's densities.
    public var markEpistemic: Bool

    public init() {
        categories = []
        minimumStrength = 1
        lexicons = nil
        markEpistemic = false
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = BiasMarkersOptions()
        categories = try container.decodeIfPresent([String].self, forKey: .categories) ?? defaults.categories
        minimumStrength = try container.decodeIfPresent(Int.self, forKey: .minimumStrength) ?? defaults.minimumStrength
        lexicons = try container.decodeIfPresent(String.self, forKey: .lexicons)
        markEpistemic = try container.decodeIfPresent(Bool.self, forKey: .markEpistemic) ?? defaults.markEpistemic
    }
}
