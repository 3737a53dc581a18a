import LoupeCore

/// VADER scores of one piece of text.
public struct SentimentScores: Sendable, Hashable {
    public var compound: Double
    public var positive: Double
    public var neutral: Double
    public var negative: Double
}

/// Scores single sentences by the VADER method, reusing its buffers from
/// call to call; for callers that have sentences rather than documents.
///
/// Not thread-safe: use one per thread.
public struct SentimentScorer {
    private var scorer: VaderScorer

    public init() throws(AnalyzerError) {
        scorer = VaderScorer(lexicon: try SentimentAnalyzer.sharedLexicon.get())
    }

    /// The scores of `text`, treated as one sentence.
    public mutating func score(_ text: Substring) -> SentimentScores {
        let score = scorer.score(text, startingAt: 0, explain: false)
        return SentimentScores(compound: score.compound, positive: score.positive, neutral: score.neutral, negative: score.negative)
    }
}
