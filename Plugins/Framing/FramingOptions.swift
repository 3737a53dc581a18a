import LoupeCore

/// Options of the framing analyzer; every field has a default.
public struct FramingOptions: AnalyzerOptions, Equatable {
    /// `mfc` (the Media Frames Corpus dimensions, default), `semetko-valkenburg`,
    /// or the path of a codebook file.
    public var codebook: String
    /// How much more a cue in the title counts.
    public var titleWeight: Double
    /// The least score for which a sentence gets a frame annotation.
    public var sentenceThreshold: Double
    /// How many runners-up the document annotation names.
    public var runnersUp: Int

    public init() {
        codebook = "mfc"
        titleWeight = 2
        sentenceThreshold = 1
        runnersUp = 2
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = FramingOptions()
        codebook = try container.decodeIfPresent(String.self, forKey: .codebook) ?? defaults.codebook
        titleWeight = try container.decodeIfPresent(Double.self, forKey: .titleWeight) ?? defaults.titleWeight
        sentenceThreshold = try container.decodeIfPresent(Double.self, forKey: .sentenceThreshold) ?? defaults.sentenceThreshold
        runnersUp = try container.decodeIfPresent(Int.self, forKey: .runnersUp) ?? defaults.runnersUp
    }
}
