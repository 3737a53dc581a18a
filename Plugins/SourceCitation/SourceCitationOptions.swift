import LoupeCore

/// Options of the source-citation analyzer; every field has a default.
public struct SourceCitationOptions: AnalyzerOptions, Equatable {
    /// More news outlets to recognise as media, beyond `media-outlets.tsv`.
    public var outlets: [String]
    /// How many sentences back a pronoun speaker ("he said") may find its name (0 to 5).
    public var pronounWindow: Int
    /// Whether to add the document-level table of sources.
    public var summary: Bool
    /// Whether to mark stances as well as words and thoughts: "he is wary of …",
    /// "they are eager to …" (`stance` entries of `stance-adjectives.tsv`). Off by
    /// default: a leaning credits its holder with no statement a reader could check.
    public var stances: Bool

    public init() {
        outlets = []
        pronounWindow = 2
        summary = true
        stances = false
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = SourceCitationOptions()
        outlets = try container.decodeIfPresent([String].self, forKey: .outlets) ?? defaults.outlets
        pronounWindow = try container.decodeIfPresent(Int.self, forKey: .pronounWindow) ?? defaults.pronounWindow
        summary = try container.decodeIfPresent(Bool.self, forKey: .summary) ?? defaults.summary
        stances = try container.decodeIfPresent(Bool.self, forKey: .stances) ?? defaults.stances
    }
}
