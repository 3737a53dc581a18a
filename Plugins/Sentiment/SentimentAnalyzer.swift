import Foundation
import LoupeCore

/// Sentence, document and target sentiment by the VADER method (Hutto &
/// Gilbert 2014), agreeing with the reference implementation vaderSentiment
/// 3.3.2, with every score explained by the words and rules behind it.
public struct SentimentAnalyzer: Analyzer {
    public typealias Options = SentimentOptions

    public static let descriptor = AnalyzerDescriptor(
        id: "sentiment", name: "Sentiment",
        summary: "Scores sentences, the document and each target mentioned by the VADER method, with the words behind each score.",
        version: "1.0.0", labels: ["positive", "negative", "neutral", "target"], colour: .magenta)

    public static var examplesURL: URL? { Bundle.module.url(forResource: "examples", withExtension: "json") }

    /// The VADER lexicon and rules, read once per process.
    static let sharedLexicon: Result<VaderLexicon, AnalyzerError> = {
        guard let lexicon = Bundle.module.url(forResource: "vader_lexicon", withExtension: "txt"),
            let emoji = Bundle.module.url(forResource: "emoji_utf8_lexicon", withExtension: "txt"),
            let rules = Bundle.module.url(forResource: "vader-rules", withExtension: "json")
        else { return .failure(.invalidData(path: "SentimentAnalysis resources", reason: "missing from the bundle")) }
        return Result { () throws(AnalyzerError) in try VaderLexicon(lexicon: lexicon, emoji: emoji, rules: rules) }
    }()

    let lexicon: VaderLexicon
    let targets: TargetFinder
    let options: SentimentOptions

    public init(options: SentimentOptions) throws(AnalyzerError) {
        guard options.sentenceThreshold.isFinite, (0...1).contains(options.sentenceThreshold) else {
            throw .invalidOptions(analyzer: Self.descriptor.id, reason: "sentenceThreshold must be from 0 to 1")
        }
        guard options.minimumMentions >= 1 else {
            throw .invalidOptions(analyzer: Self.descriptor.id, reason: "minimumMentions must be 1 or more")
        }
        lexicon = try Self.sharedLexicon.get()
        guard let url = Bundle.module.url(forResource: "targets", withExtension: "json") else {
            throw .invalidData(path: "targets.json", reason: "missing from the bundle")
        }
        targets = TargetFinder(lexicon: try TargetLexicon(url: url, extra: options.targets), detectNames: options.detectNames)
        self.options = options
    }

    /// Polarity label for a compound score, with VADER's usual thresholds.
    static func label(for compound: Double) -> String {
        compound >= 0.05 ? "positive" : compound <= -0.05 ? "negative" : "neutral"
    }

    /// The VADER scores of each sentence of a document.
    func scores(of document: Document) -> [VaderScore] {
        var scorer = VaderScorer(lexicon: lexicon)
        let text = document.text
        var scores: [VaderScore] = []
        scores.reserveCapacity(document.segmentation.sentences.count)
        for sentence in document.segmentation.sentences {
            // Stopped early, the scores are incomplete and analyze(_:) returns nothing.
            if Interruption.isRequested { break }
            scores.append(scorer.score(text.slice(utf8: sentence.span.utf8), startingAt: sentence.span.scalars.lowerBound))
        }
        return scores
    }

    public func analyze(_ document: Document) -> [Suggestion] {
        let sentences = document.segmentation.sentences
        guard !sentences.isEmpty else { return [] }
        let scores = self.scores(of: document)
        if Interruption.isRequested { return [] }
        var suggestions: [Suggestion] = []
        for (sentence, score) in zip(sentences, scores) {
            let label = Self.label(for: score.compound)
            if !options.includeNeutral, label == "neutral" || abs(score.compound) < options.sentenceThreshold { continue }
            suggestions.append(
                Suggestion(
                    layer: "sentiment", label: label, range: sentence.span.scalars, rule: "vader.sentence",
                    cues: score.cues.map { cue(for: $0, in: document) },
                    attributes: [
                        "scope": "sentence", "compound": .double(score.compound), "pos": .double(score.positive),
                        "neu": .double(score.neutral), "neg": .double(score.negative),
                    ]))
        }
        let found = targetsFound(in: document, scores: scores)
        var summary = summary(of: document, scores: scores)
        summary.attributes["targets"] = targetTable(found)
        suggestions.append(summary)
        suggestions += targetSuggestions(found, in: document)
        return suggestions
    }

    /// A target with its mentions and the compounds of the sentences that mention it.
    struct FoundTarget {
        var name: String
        var mentions: [TargetMention]
        var compounds: [Double]
        var sentences: Int
        var mean: Double
    }

    /// Every target the text mentions, by name.
    private func targetsFound(in document: Document, scores: [VaderScore]) -> [FoundTarget] {
        var byName: [String: [TargetMention]] = [:]
        for mention in targets.mentions(in: document) { byName[mention.name, default: []].append(mention) }
        return byName.keys.sorted().compactMap { name in
            guard let list = byName[name] else { return nil }
            let sentenceIndices = Array(Set(list.map(\.sentence))).sorted()
            let compounds = sentenceIndices.map { scores[$0].compound }
            let mean = compounds.reduce(0, +) / Double(compounds.count)
            return FoundTarget(name: name, mentions: list, compounds: compounds, sentences: sentenceIndices.count, mean: mean)
        }
    }

    /// Every target with the mean compound of the sentences that mention
    /// it, in the document annotation: one small table for all of them,
    /// and the only place for targets mentioned too seldom to be suggested
    /// one by one.
    private func targetTable(_ found: [FoundTarget]) -> JSONValue {
        var table: [String: JSONValue] = [:]
        for target in found {
            table[target.name] = .double(VaderScorer.round(target.mean, places: 4))
        }
        return .object(table)
    }

    private func cue(for cue: VaderCue, in document: Document) -> Cue {
        let valence = VaderScorer.round(cue.valence, places: 4)
        var details: [String: JSONValue] = ["valence": .double(valence)]
        // The lexicon's value, where the rules changed it.
        if cue.lexiconValence != valence { details["lexicon"] = .double(cue.lexiconValence) }
        let rules = cue.rules.names
        if !rules.isEmpty { details["rules"] = .array(rules.map { .string($0) }) }
        return Cue(text: String(document.text(scalars: cue.range)), range: cue.range, details: details)
    }

    private func summary(of document: Document, scores: [VaderScore]) -> Suggestion {
        let compounds = scores.map(\.compound)
        let count = Double(compounds.count)
        let mean = compounds.reduce(0, +) / count
        let variance = compounds.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / count
        let positive = compounds.filter { $0 >= 0.05 }.count
        let negative = compounds.filter { $0 <= -0.05 }.count
        let sentences = document.segmentation.sentences
        func extreme(_ index: Int?) -> JSONValue {
            guard let index else { return .null }
            return [
                "sentence": .int(index + 1), "start": .int(sentences[index].span.scalars.lowerBound),
                "end": .int(sentences[index].span.scalars.upperBound), "compound": .double(compounds[index]),
            ]
        }
        let most = compounds.indices.max { compounds[$0] < compounds[$1] }
        let least = compounds.indices.min { compounds[$0] < compounds[$1] }
        return Suggestion(
            layer: "sentiment", label: Self.label(for: mean), range: nil, rule: "vader.document",
            attributes: [
                "scope": "document", "meanCompound": .double(VaderScorer.round(mean, places: 4)),
                "spread": .double(VaderScorer.round(variance.squareRoot(), places: 4)), "sentences": .int(compounds.count),
                "positiveShare": .double(VaderScorer.round(Double(positive) / count, places: 4)),
                "negativeShare": .double(VaderScorer.round(Double(negative) / count, places: 4)),
                "mostPositive": compounds.isEmpty || compounds[most ?? 0] <= 0 ? .null : extreme(most),
                "mostNegative": compounds.isEmpty || compounds[least ?? 0] >= 0 ? .null : extreme(least),
            ])
    }

    /// How many mentions a target annotation shows as cues (`mentions` counts them all).
    static let mentionCues = 3

    private func targetSuggestions(_ found: [FoundTarget], in document: Document) -> [Suggestion] {
        found.compactMap { target in
            guard target.mentions.count >= options.minimumMentions else { return nil }
            let (name, list, compounds, mean) = (target.name, target.mentions, target.compounds, target.mean)
            return Suggestion(
                layer: "sentiment", label: "target", range: nil, rule: "vader.target",
                cues: list.prefix(Self.mentionCues).map { Cue(text: String(document.text(scalars: $0.range)), range: $0.range) },
                attributes: [
                    "scope": "target", "target": .string(name), "kind": .string(list[0].kind),
                    "meanCompound": .double(VaderScorer.round(mean, places: 4)), "mentions": .int(list.count),
                    "sentences": .int(target.sentences), "polarity": .string(Self.label(for: mean)),
                    "positiveSentences": .int(compounds.filter { $0 >= 0.05 }.count),
                    "negativeSentences": .int(compounds.filter { $0 <= -0.05 }.count),
                ],
                key: name)
        }
    }
}
