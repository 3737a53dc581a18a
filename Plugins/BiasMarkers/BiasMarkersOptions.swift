import LoupeCore

/// Options of the bias-markers analyzer; every field has a default.
public struct BiasMarkersOptions: AnalyzerOptions, Equatable {
    /// Only these categories (all when empty).
    public var categories: [String]
    /// Leave out cues weaker than this (1 to 3).
    public var minimumStrength: Int
    /// A folder of extra `CATEGORY.tsv` lexicons, read after the built-in ones.
    public var lexicons: String?

    public init() {
        categories = []
        minimumStrength = 1
        lexicons = nil
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = BiasMarkersOptions()
        categories = try container.decodeIfPresent([String].self, forKey: .categories) ?? defaults.categories
        minimumStrength = try container.decodeIfPresent(Int.self, forKey: .minimumStrength) ?? defaults.minimumStrength
        lexicons = try container.decodeIfPresent(String.self, forKey: .lexicons)
    }
}
