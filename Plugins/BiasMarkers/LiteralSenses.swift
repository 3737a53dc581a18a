import Foundation
import LoupeCore

/// Literal senses of bias cues, from `lexicons/literal-senses.txt`: a cue of harm, size or
/// contempt is also the plain word of a field of reporting ("the quake destroyed 300 homes",
/// "a massive star", "jackals are a protected species"). Each sense names its cues (as the
/// lexicons write them), the context words of its field, and how many sentences either
/// side of the cue's own those words may stand in (within its paragraph); a cue with its
/// sense's context words that near marks nothing. A context word between "a" and "of" is a
/// figure ("a tsunami of lies") and counts for nothing.
///
/// The context words of a document are found in one pass over its tokens, each looked up
/// once, so the work grows with the length of the document, not with the number of cues.
struct LiteralSenses: Sendable {
    /// For each cue (lower case), the senses it has, as bits.
    private var cueSenses: [String: UInt64] = [:]
    /// For each context word (lower case), the senses it is a context of, as bits.
    private var contextSenses: [String: UInt64] = [:]
    /// For each sense, how many sentences either side its context words reach.
    private var reach: [Int] = []

    static let maximumSenses = 64

    var isEmpty: Bool { cueSenses.isEmpty }

    /// Reads the file: one sense a line, `reach<TAB>cue, cue, …<TAB>context word, …`.
    init(file: URL) throws(AnalyzerError) {
        let data = try DataFile(url: file)
        var cueSenses: [String: UInt64] = [:]
        var contextSenses: [String: UInt64] = [:]
        var reach: [Int] = []
        try data.forEachRecord { (line, fields) throws(AnalyzerError) in
            guard fields.count == 3, let sentences = Int(fields[0]), (0...5).contains(sentences) else {
                throw .invalidData(
                    path: data.location(ofLine: line),
                    reason: "expected reach (0 to 5 sentences)<TAB>cues<TAB>context words")
            }
            guard reach.count < Self.maximumSenses else {
                throw .invalidData(path: data.location(ofLine: line), reason: "more than \(Self.maximumSenses) senses")
            }
            let bit = UInt64(1) << UInt64(reach.count)
            reach.append(sentences)
            func words(_ field: String) -> [String] {
                field.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
            }
            let cues = words(fields[1])
            let contexts = words(fields[2])
            guard !cues.isEmpty, !contexts.isEmpty else {
                throw .invalidData(path: data.location(ofLine: line), reason: "a sense needs cues and context words")
            }
            for cue in cues { cueSenses[cue, default: 0] |= bit }
            for word in contexts { contextSenses[word, default: 0] |= bit }
        }
        self.cueSenses = cueSenses
        self.contextSenses = contextSenses
        self.reach = reach
    }

    /// The senses a cue has, or nil.
    func senses(ofCue cue: String) -> UInt64? { cueSenses[cue] }

    /// For each sentence of a document, the senses whose context words it holds.
    func contexts(in document: Document) -> [UInt64] {
        let tokens = document.segmentation.tokens
        return document.segmentation.sentences.map { sentence in
            var found: UInt64 = 0
            for index in sentence.tokens where tokens[index].kind == .word {
                guard let senses = contextSenses[document.text.slice(utf8: tokens[index].span.utf8).lowercased()] else { continue }
                // "under fire": an idiom, not the field's word.
                if index > sentence.tokens.lowerBound, document.text.slice(utf8: tokens[index - 1].span.utf8).lowercased() == "under" { continue }
                // A field's word after "a" and before "of" is a figure of quantity: "a tsunami of lies", "a storm
                // of protest"; not "the eruption of Mount Merapi", which is the thing itself.
                let next = index + 1
                if next < sentence.tokens.upperBound, Self.equalsOf(document.text.slice(utf8: tokens[next].span.utf8)),
                    index > sentence.tokens.lowerBound, Self.isIndefiniteArticle(document.text.slice(utf8: tokens[index - 1].span.utf8))
                {
                    continue
                }
                found |= senses
            }
            return found
        }
    }

    /// Whether a word is "of" (any case).
    static func equalsOf(_ word: Substring) -> Bool {
        word.utf8.count == 2 && word.lowercased() == "of"
    }

    /// Whether a word is "a" or "an" (any case).
    static func isIndefiniteArticle(_ word: Substring) -> Bool {
        word.utf8.count <= 2 && (word.lowercased() == "a" || word.lowercased() == "an")
    }

    /// Whether one of the senses has its context words within its reach of a sentence, in the
    /// sentence's own paragraph (the items of a digest do not explain each other).
    func holds(_ senses: UInt64, around sentence: Int, contexts: [UInt64], in segmentation: Segmentation) -> Bool {
        let sentences = segmentation.sentences
        guard sentence < sentences.count, contexts.count == sentences.count else { return false }
        let paragraph = sentences[sentence].paragraph
        var remaining = senses
        while remaining != 0 {
            let sense = remaining.trailingZeroBitCount
            remaining &= remaining - 1
            let bit = UInt64(1) << UInt64(sense)
            let lower = max(0, sentence - reach[sense])
            let upper = min(contexts.count - 1, sentence + reach[sense])
            if lower <= upper, (lower...upper).contains(where: { contexts[$0] & bit != 0 && sentences[$0].paragraph == paragraph }) {
                return true
            }
        }
        return false
    }
}
