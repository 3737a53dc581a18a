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
/// The context words of a document are found in one pass over its tokens, on the cue numbers
/// every lexicon shares, so the work grows with the length of the document, not with the
/// number of cues.
struct LiteralSenses: Sendable {
    /// For each cue (lower case), the senses it has, as bits.
    private var cueSenses: [String: UInt64] = [:]
    /// The context words, matched as written (case folded, not stemmed) on the document's shared
    /// cue numbers; each payload is the senses one is a context of, as bits.
    private var contextWords = CueLexicon<UInt64>()
    /// For each sense, how many sentences either side its context words reach.
    private var reach: [Int] = []

    static let maximumSenses = 64

    var isEmpty: Bool { cueSenses.isEmpty }

    /// Reads the file: one sense a line, `reach<TAB>cue, cue, …<TAB>context word, …`.
    init(file: URL) throws(AnalyzerError) {
        let data = try DataFile(url: file)
        var cueSenses: [String: UInt64] = [:]
        var contextWords = CueLexicon<UInt64>()
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
            for word in contexts {
                do throws(CueLexiconError) {
                    try contextWords.add(word, payload: bit, exact: true)
                } catch {
                    throw .invalidData(path: data.location(ofLine: line), reason: "context word \"\(word)\": \(error)")
                }
            }
        }
        self.cueSenses = cueSenses
        self.contextWords = contextWords
        self.reach = reach
    }

    /// The senses a cue has, or nil.
    func senses(ofCue cue: String) -> UInt64? { cueSenses[cue] }

    /// For each sentence of a document, the senses whose context words it holds, found on the
    /// document's shared cue numbers (``CueLexicon``), with no string per token.
    func contexts(in document: Document) -> [UInt64] {
        let tokens = document.segmentation.tokens
        let sentences = document.segmentation.sentences
        var found = [UInt64](repeating: 0, count: sentences.count)
        var sentence = 0
        for match in contextWords.matches(in: document) {
            let index = match.tokens.lowerBound
            while sentence < sentences.count, sentences[sentence].tokens.upperBound <= index { sentence += 1 }
            guard sentence < sentences.count, sentences[sentence].tokens.contains(index) else { continue }
            let tokensOfSentence = sentences[sentence].tokens
            // "under fire": an idiom, not the field's word.
            if index > tokensOfSentence.lowerBound, document.text.slice(utf8: tokens[index - 1].span.utf8).lowercased() == "under" { continue }
            // A field's word after "a" and before "of" is a figure of quantity: "a tsunami of lies", "a storm
            // of protest"; not "the eruption of Mount Merapi", which is the thing itself.
            let next = match.tokens.upperBound
            if next < tokensOfSentence.upperBound, Self.equalsOf(document.text.slice(utf8: tokens[next].span.utf8)),
                index > tokensOfSentence.lowerBound, Self.isIndefiniteArticle(document.text.slice(utf8: tokens[index - 1].span.utf8))
            {
                continue
            }
            found[sentence] |= match.payloads.reduce(0, |)
        }
        return found
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
