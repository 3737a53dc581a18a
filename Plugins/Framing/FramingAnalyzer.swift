import Foundation
import LoupeCore

/// Frames per sentence and per document by a codebook of weighted cues (the
/// Media Frames Corpus dimensions by default), with the evidence for each.
///
/// The document readout says how much of the article is given to each frame,
/// not how many cues it has: a sentence carries a frame when it holds at least
/// one cue's worth of it (a score of 1); it is wholly given to the frame from
/// two cues' worth on (or one phrase of weight 2, which signals the frame on
/// its own), and half given to it by a single ordinary cue, a passing word.
/// A frame's weight is the sum of those sentence shares (a title sentence
/// counts `titleWeight` times), divided among the frames so that the weights
/// add up to 1. An article that names the church in every sentence and calls
/// one act shameful is mostly, not only, about religion; ten repetitions of
/// one word in one sentence are one sentence, and one cue's worth in it: a
/// sentence's share counts each cue term once, as its annotation does. Nor is
/// a word the story keeps using (its subject's own name for a thing: "the police", "the
/// president") a new sign of its frame in every sentence: after the first sentence that
/// has it, a term counts a quarter (`repeatFactor`), so a sentence made only of words the
/// story has already used for the frame (up to three of them) no longer counts, while one
/// with a new cue of the frame still does. The readout measures the passages that bring the
/// frame, not how often the story names its subject: an article that names the church in
/// every sentence is not, by that alone, given wholly to religion. A frame is listed as present (`frames`) when it carries at
/// least `presenceShare` of the framed sentences (one in ten by default, about
/// a paragraph of a ten-paragraph story): enough that a reader meets the frame
/// as a passage, not a passing word. The primary frame is always present.
public struct FramingAnalyzer: Analyzer {
    public typealias Options = FramingOptions

    public static let descriptor = AnalyzerDescriptor(
        id: "framing", name: "Framing",
        summary: "Marks the frames each sentence carries by a codebook's cues, and the document's frame distribution and primary frame.",
        version: "1.5.0", colour: .blue)

    public static var examplesURL: URL? { Bundle.module.url(forResource: "examples", withExtension: "json") }

    /// The codebooks that ship with Loupe, by name.
    public static let builtinCodebooks = ["mfc": "mfc.codebook", "semetko-valkenburg": "semetko-valkenburg.codebook"]

    /// Built-in codebooks, read once per process.
    private static let loaded: [String: Result<Codebook, AnalyzerError>] = {
        var result: [String: Result<Codebook, AnalyzerError>] = [:]
        for (name, resource) in builtinCodebooks {
            guard let url = Bundle.module.url(forResource: resource, withExtension: "json") else {
                result[name] = .failure(.invalidData(path: resource + ".json", reason: "missing from the bundle"))
                continue
            }
            result[name] = Result { () throws(AnalyzerError) in try Codebook.load(path: url.path) }
        }
        return result
    }()

    public let codebook: Codebook
    let options: FramingOptions

    public init(options: FramingOptions) throws(AnalyzerError) {
        guard options.titleWeight.isFinite, options.titleWeight >= 0 else {
            throw .invalidOptions(analyzer: Self.descriptor.id, reason: "titleWeight must be a number of 0 or more")
        }
        guard options.sentenceThreshold.isFinite, options.sentenceThreshold > 0 else {
            throw .invalidOptions(analyzer: Self.descriptor.id, reason: "sentenceThreshold must be above 0")
        }
        guard options.presenceShare.isFinite, (0...1).contains(options.presenceShare) else {
            throw .invalidOptions(analyzer: Self.descriptor.id, reason: "presenceShare must be a number from 0 to 1")
        }
        guard (0...20).contains(options.runnersUp) else {
            throw .invalidOptions(analyzer: Self.descriptor.id, reason: "runnersUp must be from 0 to 20")
        }
        if let builtin = Self.loaded[options.codebook] {
            codebook = try builtin.get()
        } else {
            codebook = try Codebook.load(path: options.codebook)
        }
        self.options = options
    }

    /// One matched cue of one frame: where it stands, its term and weighted contribution.
    /// A `Cue` (with its text) is made only for what is shown.
    struct Hit {
        var range: Range<Int>
        var term: String
        var weight: Double

        /// The cue as saved: `cue` (the codebook's term) only where it is not simply the
        /// text in lower case, `weight` only where it is not 1, so the usual cue is its
        /// text and offsets (a saved cue without them means the text, weight 1).
        func cue(in document: Document) -> Cue {
            let text = String(document.text(scalars: range))
            var details: [String: JSONValue] = [:]
            if term != text.lowercased() { details["cue"] = .string(term) }
            if weight != 1 { details["weight"] = .double(weight) }
            return Cue(text: text, range: range, details: details)
        }
    }

    /// Scores per frame for a range of tokens, with the cues that made them.
    private func score(
        _ document: Document, tokens range: Range<Int>, ids: CueTokenIDs, weight: Double,
        into totals: inout [Double], hits: inout [[Hit]]
    ) -> [Double] {
        var scores = [Double](repeating: 0, count: codebook.frames.count)
        for match in codebook.cues.matches(in: document, tokens: range, ids: ids) {
            // A phrase that is no cue (the codebook's `notCues`) only keeps its words from matching.
            if match.payloads.allSatisfy({ $0.weight == 0 }) { continue }
            if match.payloads.count == 1, let contribution = match.payloads.first {
                scores[contribution.frame] += contribution.weight * weight
                hits[contribution.frame].append(Hit(range: match.range, term: contribution.term, weight: contribution.weight * weight))
                continue
            }
            // Cues that normalise alike ("deposit", "deposits") match as one: per frame, a
            // match counts once, with its strongest cue and its strongest negative cue.
            var strongest: [Int: (positive: Codebook.Contribution?, negative: Codebook.Contribution?)] = [:]
            for contribution in match.payloads {
                var entry = strongest[contribution.frame] ?? (nil, nil)
                if contribution.weight > 0 {
                    if contribution.weight > entry.positive?.weight ?? 0 { entry.positive = contribution }
                } else if contribution.weight < entry.negative?.weight ?? 0 {
                    entry.negative = contribution
                }
                strongest[contribution.frame] = entry
            }
            for (frame, entry) in strongest.sorted(by: { $0.key < $1.key }) {
                for contribution in [entry.positive, entry.negative].compactMap({ $0 }) {
                    scores[frame] += contribution.weight * weight
                    hits[frame].append(Hit(range: match.range, term: contribution.term, weight: contribution.weight * weight))
                }
            }
        }
        for frame in scores.indices {
            scores[frame] = max(0, scores[frame])
            totals[frame] += scores[frame]
        }
        return scores
    }

    /// Keeps a frame's `evidencePerFrame` strongest positive hits, the earlier on a tie.
    private static func keepStrongest(_ hit: Hit, in kept: inout [Hit]) {
        guard hit.weight > 0 else { return }
        if kept.count < evidencePerFrame {
            kept.append(hit)
            return
        }
        // The weakest kept hit, the later of equals; the new hit comes after all of them.
        var weakest = 0
        for index in kept.indices.dropFirst() where kept[index].weight <= kept[weakest].weight { weakest = index }
        if hit.weight > kept[weakest].weight {
            kept.remove(at: weakest)
            kept.append(hit)
        }
    }

    /// Whether the document's first paragraph is its title (as in a Markdown
    /// heading or a plain first line), so its cues count more.
    private func titleParagraph(of document: Document) -> Int? {
        guard let title = document.metadata.title, let first = document.segmentation.paragraphs.first else { return nil }
        // Compared as UTF-8 bytes: Foundation's `contains` searched with its
        // locale machinery, a fortieth of the framing of a press release.
        return document.text(scalars: first.scalars).containsUTF8(title) ? 0 : nil
    }

    public func analyze(_ document: Document) -> [Suggestion] {
        let segmentation = document.segmentation
        let ids = codebook.cues.tokenIDs(of: document)
        let frames = codebook.frames
        var totals = [Double](repeating: 0, count: frames.count)
        // Per frame, the sentences that carry it (a title sentence counts `titleWeight` times).
        var sentences = [Double](repeating: 0, count: frames.count)
        var suggestions: [Suggestion] = []
        let titleIndex = titleParagraph(of: document)
        // Per frame, the strongest cues found anywhere (in text order), for the document's evidence.
        var evidence = [[Hit]](repeating: [], count: frames.count)
        var hits = [[Hit]](repeating: [], count: frames.count)
        // Per frame, the cue terms met in earlier sentences: a word the story keeps using
        // (its subject's name for a thing) counts at a quarter weight after its first sentence.
        var seenTerms = [Set<String>](repeating: [], count: frames.count)
        for sentence in segmentation.sentences {
            if Interruption.isRequested { return [] }
            for index in hits.indices where !hits[index].isEmpty { hits[index].removeAll(keepingCapacity: true) }
            let inTitle = sentence.paragraph == titleIndex
            let weight = inTitle ? options.titleWeight : 1
            let scores = score(document, tokens: sentence.tokens, ids: ids, weight: weight, into: &totals, hits: &hits)
            for index in frames.indices where scores[index] > 0 {
                for hit in hits[index] { Self.keepStrongest(hit, in: &evidence[index]) }
                // A word said again is no further sign of the frame, here as for the sentence's
                // annotation: "voters … voters … voters" is a passing word, half the sentence;
                // a term met in an earlier sentence counts a quarter (`repeatFactor`).
                // (The cue scores, `totals`, still count every match.)
                sentences[index] += weight * Self.share(score: Self.distinctScore(hits[index], seen: seenTerms[index]), weight: weight)
            }
            for index in frames.indices where scores[index] > 0 {
                for hit in hits[index] where hit.weight > 0 { seenTerms[index].insert(hit.term) }
            }
            let best = scores.max() ?? 0
            for (index, value) in scores.enumerated() where value >= options.sentenceThreshold {
                // By default only the sentence's strongest frame (all of them on a tie).
                if !options.allFrames, value < best { continue }
                // A word said again is no further sign: "retirees … retirement … retirees" or a
                // name that repeats a frame's word is not three cues (the readout counts them all).
                if Self.distinctScore(hits[index]) < options.sentenceThreshold { continue }
                var attributes: [String: JSONValue] = ["scope": "sentence", "score": .double(Self.round(value))]
                if inTitle { attributes["inTitle"] = true }
                suggestions.append(
                    Suggestion(
                        layer: "framing", label: frames[index].id, range: sentence.span.scalars, rule: "framing.cues",
                        cues: hits[index].filter { $0.weight > 0 }.map { $0.cue(in: document) },
                        attributes: attributes))
            }
        }
        // A title kept only as metadata (a corpus record) still counts, with its weight.
        var titleCues: [Cue] = []
        if titleIndex == nil, let title = document.metadata.title, !title.isEmpty {
            let titleDocument = Document(id: document.id + "-title", text: title, sourcePath: document.sourcePath)
            var titleHits = [[Hit]](repeating: [], count: frames.count)
            let titleIDs = codebook.cues.tokenIDs(of: titleDocument)
            let scores = score(
                titleDocument, tokens: 0..<titleDocument.segmentation.tokens.count, ids: titleIDs,
                weight: options.titleWeight, into: &totals, hits: &titleHits)
            for (index, value) in scores.enumerated() where value > 0 {
                sentences[index] += options.titleWeight * Self.share(score: value, weight: options.titleWeight)
                titleCues += titleHits[index].map { hit in
                    var cue = hit.cue(in: titleDocument)
                    cue.details["frame"] = .string(frames[index].id)
                    return cue
                }
            }
        }
        let evidenceCues = evidence.map { $0.map { $0.cue(in: document) } }
        suggestions.append(summary(totals: totals, sentences: sentences, titleCues: titleCues, evidence: evidenceCues))
        return suggestions
    }

    /// A sentence's score for one frame with each cue term counted once (at its
    /// strongest), for deciding whether the sentence gets a suggestion.
    /// A sentence holds few hits per frame, so each is compared with the others in place
    /// (no dictionary: this runs for every frame of every sentence), summed in text order.
    static func distinctScore(_ hits: [Hit], seen: Set<String> = []) -> Double {
        if hits.count == 1 { return max(0, hits[0].weight) * (seen.contains(hits[0].term) ? repeatFactor : 1) }
        var total = 0.0
        for (index, hit) in hits.enumerated() {
            // Counted at the first of its term's strongest hits.
            let outdone = hits.indices.contains { other in
                other != index && hits[other].term == hit.term
                    && (abs(hits[other].weight) > abs(hit.weight) || abs(hits[other].weight) == abs(hit.weight) && other < index)
            }
            if !outdone { total += hit.weight * (hit.weight > 0 && seen.contains(hit.term) ? repeatFactor : 1) }
        }
        return max(0, total)
    }

    /// What a cue term already met in an earlier sentence counts for in the document readout:
    /// a quarter, so that the story's recurring words alone (fewer than four of them) carry
    /// no sentence, and with a new cue they add a little to it.
    static let repeatFactor = 0.25

    /// The least score with which a sentence carries a frame: one ordinary cue's worth.
    static let carryingScore = 1.0
    /// The score with which a sentence is wholly given to a frame: two ordinary cues, or
    /// one phrase of weight 2 (a cue that signals the frame on its own).
    static let wholeSentenceScore = 2.0

    /// How much of a sentence is given to a frame: none below one cue's worth, half for one
    /// ordinary cue (a passing word), all from two cues' worth on. `weight` is the sentence's
    /// own weight (the title's), by which its scores were multiplied.
    static func share(score: Double, weight: Double) -> Double {
        guard weight > 0 else { return 0 }
        let plain = score / weight
        guard plain >= carryingScore else { return 0 }
        return min(plain, wholeSentenceScore) / wholeSentenceScore
    }

    /// How many cues of each named frame the document annotation shows as evidence.
    static let evidencePerFrame = 2

    private func summary(totals: [Double], sentences: [Double], titleCues: [Cue], evidence: [[Cue]]) -> Suggestion {
        let frames = codebook.frames
        let total = totals.reduce(0, +)
        // A frame's weight is its share of the sentences that carry a frame; a document whose
        // cues are all too weak to carry one falls back to the cue scores.
        let carried = sentences.reduce(0, +)
        let weights = carried > 0 ? sentences : totals
        let sum = carried > 0 ? carried : total
        // Frames with no weight are left out of the distribution (their share is 0).
        var distribution: [String: JSONValue] = [:]
        for (index, frame) in frames.enumerated() where sum > 0 && weights[index] > 0 {
            distribution[frame.id] = .double(Self.round(weights[index] / sum, places: 4))
        }
        // Ranked by share, then by cue score, then in codebook order.
        let ranked = weights.indices.filter { weights[$0] > 0 }.sorted {
            if weights[$0] != weights[$1] { return weights[$0] > weights[$1] }
            return totals[$0] != totals[$1] ? totals[$0] > totals[$1] : $0 < $1
        }
        let primary: String
        var confidence = 0.0
        if let top = ranked.first {
            primary = frames[top].id
            let second = ranked.count > 1 ? weights[ranked[1]] : 0
            confidence = (weights[top] - second) / weights[top]
        } else {
            primary = codebook.fallbackFrame ?? "none"
        }
        // The frames present: the primary one and every frame with at least `presenceShare` of the weight.
        let present = ranked.enumerated().filter { $0.offset == 0 || weights[$0.element] / sum >= options.presenceShare }
            .map { JSONValue.string(frames[$0.element].id) }
        let runners = ranked.dropFirst().prefix(options.runnersUp).map { JSONValue.string(frames[$0].id) }
        // Titles kept as metadata have no place in the text; their cues are listed without spans.
        let titleEvidence: [JSONValue] = titleCues.map { cue in
            var object = cue.details
            object["text"] = .string(cue.text)
            return .object(object)
        }
        // The evidence: the strongest cues of the primary frame and the runners-up, in text order.
        var shown: [Cue] = []
        for index in ranked.prefix(1 + options.runnersUp) {
            let strongest = evidence[index].enumerated().sorted { left, right in
                let (a, b) = (left.element.details["weight"]?.doubleValue ?? 1, right.element.details["weight"]?.doubleValue ?? 1)
                return a != b ? a > b : left.offset < right.offset
            }
            for (_, cue) in strongest.prefix(Self.evidencePerFrame) {
                var copy = cue
                copy.details["frame"] = .string(frames[index].id)
                shown.append(copy)
            }
        }
        shown.sort { $0.range.lowerBound != $1.range.lowerBound ? $0.range.lowerBound < $1.range.lowerBound : ($0.details["frame"]?.stringValue ?? "") < ($1.details["frame"]?.stringValue ?? "") }
        return Suggestion(
            layer: "framing", label: primary, range: nil, rule: "framing.distribution", cues: shown,
            attributes: [
                "scope": "document", "codebook": .string(codebook.id), "primary": .string(primary),
                "runnersUp": .array(Array(runners)), "confidence": .double(Self.round(confidence, places: 4)),
                "distribution": .object(distribution), "frames": .array(present), "totalScore": .double(Self.round(total)),
                "framedSentences": .double(Self.round(carried)),
                "titleCues": .array(titleEvidence),
            ],
            confidence: ranked.isEmpty ? nil : Self.round(confidence, places: 4))
    }

    static func round(_ value: Double, places: Int = 3) -> Double {
        let scale = places == 4 ? 10_000.0 : 1_000.0
        return (value * scale).rounded() / scale
    }
}
