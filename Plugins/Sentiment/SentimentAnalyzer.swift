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
        version: "1.5.2", labels: ["positive", "negative", "neutral", "target"], colour: .magenta)

    public static var examplesURL: URL? { Bundle.module.url(forResource: "examples", withExtension: "json") }

    /// The VADER lexicon and rules, read once per process.
    static let sharedLexicon: Result<VaderLexicon, AnalyzerError> = {
        guard let lexicon = Bundle.module.url(forResource: "vader_lexicon", withExtension: "txt"),
            let emoji = Bundle.module.url(forResource: "emoji_utf8_lexicon", withExtension: "txt"),
            let rules = Bundle.module.url(forResource: "vader-rules", withExtension: "json")
        else { return .failure(.invalidData(path: "SentimentAnalysis resources", reason: "missing from the bundle")) }
        // News words for the target scores ride along in VADER's table, so finding them costs no look-up of its own.
        var news: [String: Double] = [:]
        // (A target-rules.json that cannot be read fails the analyzer where TargetRules reads it.)
        if let url = Bundle.module.url(forResource: "target-rules", withExtension: "json"),
            let file = try? BundledJSON.decode(NewsValences.self, from: url, kind: "a target rules file")
        {
            news = file.newsValences
        }
        return Result { () throws(AnalyzerError) in try VaderLexicon(lexicon: lexicon, emoji: emoji, rules: rules, news: news) }
    }()

    /// The common words of English (see ``CommonWords``), read once per process.
    static let sharedCommonWords: Result<CommonWords, AnalyzerError> = {
        guard let url = Bundle.module.url(forResource: "common-words", withExtension: "txt") else {
            return .failure(.invalidData(path: "common-words.txt", reason: "missing from the bundle"))
        }
        return Result { () throws(AnalyzerError) in try CommonWords(url: url) }
    }()

    private struct NewsValences: Decodable {
        var newsValences: [String: Double]
    }

    let lexicon: VaderLexicon
    let targets: TargetFinder
    let targetScorer: TargetScorer
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
        let targetLexicon = try TargetLexicon(url: url, extra: options.targets, commonWords: try Self.sharedCommonWords.get())
        targets = TargetFinder(
            lexicon: targetLexicon, detectNames: options.detectNames, resolvePronouns: options.resolvePronouns,
            resolveDescriptions: options.resolveDescriptions, unresolvedPronouns: options.unresolvedPronouns)
        guard let rulesURL = Bundle.module.url(forResource: "target-rules", withExtension: "json") else {
            throw .invalidData(path: "target-rules.json", reason: "missing from the bundle")
        }
        targetScorer = TargetScorer(
            lexicon: targetLexicon, rules: try TargetRules(url: rulesURL), alpha: lexicon.constants.alpha,
            negationScalar: lexicon.constants.negationScalar)
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
        let furniture = pageFurniture(in: document)
        var suggestions: [Suggestion] = []
        for (index, (sentence, score)) in zip(sentences, scores).enumerated() {
            // "Leave a Reply", "Share this": the page around the article, not its sentences.
            if furniture[index] { continue }
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
        let found = targetsFound(in: document, scores: scores, furniture: furniture)
        var summary = summary(of: document, scores: scores, furniture: furniture)
        summary.attributes["targets"] = targetTable(found)
        suggestions.append(summary)
        suggestions += targetSuggestions(found, in: document)
        if options.annotateMentions { suggestions += mentionSuggestions(found, in: document) }
        return suggestions
    }

    /// Which sentences are page furniture: a line of its own such as "Leave a
    /// Reply" or "Share this:", which belongs to the web page, not the article.
    private func pageFurniture(in document: Document) -> [Bool] {
        let segmentation = document.segmentation
        var furniture = [Bool](repeating: false, count: segmentation.sentences.count)
        for (index, sentence) in segmentation.sentences.enumerated() {
            let text = document.text.slice(utf8: sentence.span.utf8)
            // A credit in a caption ("… the spire. Image: Remi Fisher.") is furniture wherever it stands.
            let wholeLine = sentence.span.utf8 == segmentation.paragraphs[sentence.paragraph].utf8
            if targetScorer.rules.opensWithFurnitureLabel(text, wholeLine: wholeLine) {
                furniture[index] = true
                continue
            }
            // Other furniture only as a whole line: the sentence spans its paragraph.
            guard wholeLine else { continue }
            furniture[index] = targetScorer.rules.isFurniture(text)
        }
        return furniture
    }

    /// A target with its mentions, their own scores, and the compounds of the
    /// sentences that mention it.
    struct FoundTarget {
        var name: String
        var mentions: [TargetMention]
        /// One score per mention, from the words of its sentence that concern the target.
        var scores: [MentionScore]
        var compounds: [Double]
        var sentences: Int
        /// The mean of the mentions' scores: the target's sentiment.
        var mean: Double
        /// The mean compound of the sentences that mention it.
        var sentenceMean: Double
    }

    /// Every target the text mentions, by name, each mention scored by the target rules.
    private func targetsFound(in document: Document, scores: [VaderScore], furniture: [Bool]) -> [FoundTarget] {
        let mentions = targets.mentions(in: document, skipped: furniture)
        let mentionScores = targetScorer.scores(of: mentions, in: document, sentences: scores)
        // One hash of the name per mention: its group's place.
        var groupOf: [String: Int] = [:]
        // Room for a name per mention at once: the table is only asked, never listed.
        groupOf.reserveCapacity(mentions.count)
        var groups: [(name: String, mentions: [TargetMention], scores: [MentionScore])] = []
        for (mention, score) in zip(mentions, mentionScores) {
            if let group = groupOf[mention.name] {
                groups[group].mentions.append(mention)
                groups[group].scores.append(score)
            } else {
                groupOf[mention.name] = groups.count
                groups.append((mention.name, [mention], [score]))
            }
        }
        // In the order of the table's keys sorted (the names are distinct), without looking each name up again.
        groups.sort { $0.name < $1.name }
        return groups.map { group in
            let (name, list, own) = group
            // A target's mentions come in text order (each kind of mention is found in order): distinct sentences without a set.
            var sentenceIndices: [Int] = []
            var inOrder = true
            for mention in list {
                if let previous = sentenceIndices.last {
                    if mention.sentence < previous { inOrder = false }
                    if mention.sentence == previous { continue }
                }
                sentenceIndices.append(mention.sentence)
            }
            if !inOrder { sentenceIndices = Array(Set(sentenceIndices)).sorted() }
            let compounds = sentenceIndices.map { scores[$0].compound }
            let sentenceMean = compounds.reduce(0, +) / Double(compounds.count)
            let mean = own.reduce(0) { $0 + $1.compound } / Double(own.count)
            return FoundTarget(
                name: name, mentions: list, scores: own, compounds: compounds, sentences: sentenceIndices.count, mean: mean,
                sentenceMean: sentenceMean)
        }
    }

    /// Every target with its own score (the mean over its mentions), in the document annotation: one small table for all of them,
    /// and the only place for targets mentioned too seldom to be suggested
    /// one by one.
    private func targetTable(_ found: [FoundTarget]) -> JSONValue {
        var table: [String: JSONValue] = [:]
        // The names are distinct: room for all of them at once (the writer sorts the keys).
        table.reserveCapacity(found.count)
        // By index: a target's name and mean are read without copying its lists.
        for index in found.indices {
            table[found[index].name] = .double(VaderScorer.round(found[index].mean, places: 4))
        }
        return .object(table)
    }

    private func cue(for cue: VaderCue, in document: Document) -> Cue {
        let valence = VaderScorer.round(cue.valence, places: 4)
        // Room for the three details at once: the table is not made again as it fills.
        var details = [String: JSONValue](minimumCapacity: 3)
        details["valence"] = .double(valence)
        // The lexicon's value, where the rules changed it.
        if cue.lexiconValence != valence { details["lexicon"] = .double(cue.lexiconValence) }
        let rules = cue.rules.nameValues
        if !rules.isEmpty { details["rules"] = .array(rules) }
        return Cue(text: String(document.text(scalars: cue.range)), range: cue.range, details: details)
    }

    private func summary(of document: Document, scores: [VaderScore], furniture: [Bool]) -> Suggestion {
        // Page furniture is not part of the article.
        let kept = scores.indices.filter { !furniture[$0] }
        let compounds = kept.isEmpty ? scores.map(\.compound) : kept.map { scores[$0].compound }
        let place = kept.isEmpty ? Array(scores.indices) : kept
        let count = Double(compounds.count)
        let mean = compounds.reduce(0, +) / count
        let variance = compounds.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / count
        let positive = compounds.filter { $0 >= 0.05 }.count
        let negative = compounds.filter { $0 <= -0.05 }.count
        let sentences = document.segmentation.sentences
        func extreme(_ index: Int?) -> JSONValue {
            guard let index else { return .null }
            let sentence = place[index]
            return [
                "sentence": .int(sentence + 1), "start": .int(sentences[sentence].span.scalars.lowerBound),
                "end": .int(sentences[sentence].span.scalars.upperBound), "compound": .double(compounds[index]),
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

    /// One annotation per mention, labelled with the mention's own polarity.
    private func mentionSuggestions(_ found: [FoundTarget], in document: Document) -> [Suggestion] {
        var suggestions: [Suggestion] = []
        for target in found {
            for (mention, score) in zip(target.mentions, target.scores) {
                let cues = score.verb.map { [Cue(text: String(document.text(scalars: $0)), range: $0, details: ["rule": "object-of"])] } ?? []
                var suggestion = Suggestion(
                    layer: "sentiment", label: Self.label(for: score.compound), range: mention.range, rule: "vader.target-words",
                    cues: cues,
                    attributes: [
                        "scope": "mention", "target": .string(target.name), "compound": .double(score.compound),
                        "targetRules": .array(score.rules.nameValues),
                    ])
                // A pronoun read as this target says so (see the resolvePronouns option).
                if mention.kind.hasPrefix(TargetFinder.pronounKind) { suggestion.attributes["pronoun"] = true }
                // So does a description ("the president"; see the resolveDescriptions option).
                if mention.kind.hasPrefix(TargetFinder.descriptionKind) { suggestion.attributes["description"] = true }
                suggestions.append(suggestion)
            }
        }
        return suggestions
    }

    private func targetSuggestions(_ found: [FoundTarget], in document: Document) -> [Suggestion] {
        found.compactMap { target in
            // Named mentions decide: a pronoun or a description scores for the person, but does not by itself make them a target to review.
            guard target.mentions.count(where: { !TargetFinder.isReference($0.kind) }) >= options.minimumMentions else { return nil }
            let (name, list, compounds, mean) = (target.name, target.mentions, target.compounds, target.mean)
            var cues = list.prefix(Self.mentionCues).map { Cue(text: String(document.text(scalars: $0.range)), range: $0.range) }
            // The verbs that praised or criticised the target, as cues of their own.
            if target.scores.contains(where: { $0.verb != nil }) {
                for verb in Set(target.scores.compactMap(\.verb)).sorted(by: { $0.lowerBound < $1.lowerBound }).prefix(Self.mentionCues) {
                    cues.append(Cue(text: String(document.text(scalars: verb)), range: verb, details: ["rule": "object-of"]))
                }
            }
            let applied = target.scores.reduce(TargetRulesApplied()) { $0.union($1.rules) }
            var attributes: [String: JSONValue] = [
                "scope": "target", "target": .string(name), "kind": .string(list[0].kind),
                "meanCompound": .double(VaderScorer.round(mean, places: 4)), "mentions": .int(list.count),
                "sentenceCompound": .double(VaderScorer.round(target.sentenceMean, places: 4)),
                "sentences": .int(target.sentences), "polarity": .string(Self.label(for: mean)),
                "positiveSentences": .int(compounds.filter { $0 >= 0.05 }.count),
                "negativeSentences": .int(compounds.filter { $0 <= -0.05 }.count),
            ]
            if !applied.isEmpty { attributes["targetRules"] = .array(applied.nameValues) }
            return Suggestion(
                layer: "sentiment", label: "target", range: nil, rule: "vader.target-words",
                cues: cues,
                attributes: attributes,
                key: name)
        }
    }
}
