import LoupeCore

/// Options of the framing analyzer; every field has a default.
public struct FramingOptions: AnalyzerOptions, Equatable {
    /// `mfc` (the Media Frames Corpus dimensions, default), `semetko-valkenburg`,
    /// or the path of a codebook file.
    public var codebook: String
    /// How much more a cue in the title counts.
    public var titleWeight: Double
    /// The least score for which a sentence gets a frame annotation: by
    /// default 3, a frame clearly signalled (three cues' worth in one
    /// sentence, a cue term said twice counting once); 1 marks every
    /// sentence with any cue.
    public var sentenceThreshold: Double
    /// Annotate every frame a sentence reaches the threshold for, not only
    /// its strongest. With `sentenceThreshold` 1 this is the full
    /// per-sentence output, for studies that need every frame score.
    public var allFrames: Bool
    /// How many runners-up the document annotation names.
    public var runnersUp: Int
    /// The least share of the framed sentences with which a frame is listed
    /// as present in the document (`frames`): by default 0.1, one sentence in
    /// ten, about a paragraph of a ten-paragraph story.
    public var presenceShare: Double

    public init() {
        codebook = "mfc"
        titleWeight = 2
        sentenceThreshold = 3
        allFrames = false
        runnersUp = 2
        presenceShare = 0.1
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = FramingOptions()
        codebook = try container.decodeIfPresent(String.self, forKey: .codebook) ?? defaults.codebook
        titleWeight = try container.decodeIfPresent(Double.self, forKey: .titleWeight) ?? defaults.titleWeight
        sentenceThreshold = try container.decodeIfPresent(Double.self, forKey: .sentenceThreshold) ?? defaults.sentenceThreshold
        allFrames = try container.decodeIfPresent(Bool.self, forKey: .allFrames) ?? defaults.allFrames
        runnersUp = try container.decodeIfPresent(Int.self, forKey: .runnersUp) ?? defaults.runnersUp
        presenceShare = try container.decodeIfPresent(Double.self, forKey: .presenceShare) ?? defaults.presenceShare
    }
}
