import LoupeCore

/// A document's tokens seen the way attribution rules need them: words,
/// case, lexicon terms, sentences and quotations, all by token index.
struct CitationText {
    let document: Document
    let text: String
    let tokens: [Token]
    let sentences: [Sentence]
    let matches: [CueMatch<CitationTerm>]
    /// Index into ``matches`` of the match covering each token, or -1.
    private let cover: [Int32]
    /// Sentence index of each token, or -1.
    let sentenceOf: [Int32]
    /// Outermost quotations (nested ones are part of their speaker's words).
    let quotes: [QuotedSpan]
    /// The outermost quotation each closing mark ends, by token index.
    let quoteClosingAt: [Int: QuotedSpan]
    let quoteOpeningAt: [Int: QuotedSpan]
    /// Openings of quotations that run over several paragraphs.
    let chainedOpens: Set<Int>
    /// Facts computed only when a rule first asks (most documents never need them).
    private let lazyFacts = LazyTextFacts()

    init(document: Document, lexicon: CitationLexicon) {
        self.document = document
        text = document.text
        let segmentation = document.segmentation
        tokens = segmentation.tokens
        sentences = segmentation.sentences
        matches = lexicon.terms.matches(in: document)
        var cover = [Int32](repeating: -1, count: tokens.count)
        for (index, match) in matches.enumerated() {
            for token in match.tokens { cover[token] = Int32(index) }
        }
        self.cover = cover
        var sentenceOf = [Int32](repeating: -1, count: tokens.count)
        for (index, sentence) in sentences.enumerated() {
            for token in sentence.tokens { sentenceOf[token] = Int32(index) }
        }
        self.sentenceOf = sentenceOf
        let scan = QuoteFinder.scan(document)
        // A quotation left open at a paragraph's end continues when the next paragraph opens with a quotation mark.
        var firstTokenOfParagraph: [Int: Int] = [:]
        for sentence in sentences where firstTokenOfParagraph[sentence.paragraph] == nil {
            firstTokenOfParagraph[sentence.paragraph] = sentence.tokens.lowerBound
        }
        let closedByOpen = Dictionary(scan.quotes.map { ($0.open, $0) }, uniquingKeysWith: { first, _ in first })
        let unclosed = Set(scan.unclosed)
        var chains: [QuotedSpan] = []
        for opener in scan.unclosed where sentenceOf[opener] >= 0 {
            var paragraph = sentences[Int(sentenceOf[opener])].paragraph
            while let first = firstTokenOfParagraph[paragraph + 1],
                Self.isDoubleQuote(document.text.slice(utf8: segmentation.tokens[first].span.utf8))
                    || Self.isDoubledApostrophe(first, in: document)
            {
                if let closed = closedByOpen[first] {
                    chains.append(QuotedSpan(open: opener, close: closed.close, markTokens: closed.markTokens))
                    break
                }
                guard unclosed.contains(first) else { break }
                paragraph += 1
            }
        }
        chainedOpens = Set(chains.map(\.open))
        var outermost: [QuotedSpan] = []
        let all = (scan.quotes + chains).sorted { ($0.open, -$0.close) < ($1.open, -$1.close) }
        for quote in all where quote.open < quote.close {
            // Double quotation marks only: single ones are apostrophes as often as quotes.
            guard quote.markTokens == 2 || Self.isDoubleQuote(document.text.slice(utf8: segmentation.tokens[quote.open].span.utf8)) else { continue }
            if let last = outermost.last, last.close > quote.open { continue }
            outermost.append(quote)
        }
        quotes = outermost
        quoteClosingAt = Dictionary(outermost.map { ($0.close, $0) }, uniquingKeysWith: { first, _ in first })
        quoteOpeningAt = Dictionary(outermost.map { ($0.open, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Two apostrophes side by side at `index`: the ASCII stand-in for a double quotation mark.
    static func isDoubledApostrophe(_ index: Int, in document: Document) -> Bool {
        let tokens = document.segmentation.tokens
        guard index + 1 < tokens.count, tokens[index].kind == .punctuation, tokens[index + 1].kind == .punctuation,
            tokens[index].span.utf8.upperBound == tokens[index + 1].span.utf8.lowerBound
        else { return false }
        return document.text.slice(utf8: tokens[index].span.utf8) == "'" && document.text.slice(utf8: tokens[index + 1].span.utf8) == "'"
    }

    static func isDoubleQuote(_ mark: Substring) -> Bool {
        mark == "\"" || mark == "\u{201C}" || mark == "\u{201D}" || mark == "\u{201E}"
    }

    var count: Int { tokens.count }

    func word(_ index: Int) -> Substring { text.slice(utf8: tokens[index].span.utf8) }

    /// The word in lower case, with a curly apostrophe made straight.
    func lower(_ index: Int) -> String {
        let word = self.word(index)
        var ascii = true
        var upper = false
        for byte in word.utf8 {
            if byte >= 0x80 { ascii = false; break }
            if byte >= 0x41 && byte <= 0x5A { upper = true }
        }
        // Short ASCII words fit in a small string: no allocation.
        if ascii { return upper ? String(decoding: word.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self) : String(word) }
        var lowered = String.UnicodeScalarView()
        for scalar in word.lowercased().unicodeScalars { lowered.append(scalar == "\u{2019}" ? "'" : scalar) }
        return String(lowered)
    }

    func isWord(_ index: Int) -> Bool { tokens[index].kind == .word }
    func isNumber(_ index: Int) -> Bool { tokens[index].kind == .number }
    func isPunctuation(_ index: Int) -> Bool { tokens[index].kind == .punctuation }

    /// Whether the word at `index` is also written capitalised inside some sentence of the document.
    func isCapitalisedElsewhere(_ index: Int) -> Bool {
        if lazyFacts.midSentenceCapitals == nil {
            // Words (lower case) written capitalised inside a sentence: names, not common nouns. One pass, on first use.
            var capitals = Set<String>()
            for sentence in sentences where sentence.tokens.count > 1 {
                for token in (sentence.tokens.lowerBound + 1)..<sentence.tokens.upperBound where isCapitalised(token) && !isPunctuation(token - 1) {
                    capitals.insert(lower(token))
                }
            }
            lazyFacts.midSentenceCapitals = capitals
        }
        return lazyFacts.midSentenceCapitals?.contains(lower(index)) == true
    }

    /// Whether a sentence is written in title case (a headline): at least four words of
    /// four letters or more, nearly all capitalised. Worked out once per sentence, on first use.
    func isTitleCase(sentence index: Int) -> Bool {
        if let known = lazyFacts.titleCase[index] { return known }
        var words = 0
        var capitalised = 0
        for token in sentences[index].tokens where isWord(token) && tokens[token].span.utf8.count > 3 {
            words += 1
            if isCapitalised(token) { capitalised += 1 }
        }
        let title = words >= 4 && capitalised * 10 >= words * 9
        lazyFacts.titleCase[index] = title
        return title
    }

    /// A word starting with a capital letter.
    func isCapitalised(_ index: Int) -> Bool {
        guard isWord(index), let first = word(index).unicodeScalars.first else { return false }
        return first.properties.isUppercase
    }

    /// Whether the token is one of these one-character marks (scalars compared directly:
    /// no string or set is built per call on this hot path).
    func isMark(_ index: Int, _ marks: [Unicode.Scalar]) -> Bool {
        guard index >= 0, index < count, isPunctuation(index) else { return false }
        let scalars = word(index).unicodeScalars
        guard let first = scalars.first, scalars.index(after: scalars.startIndex) == scalars.endIndex else { return false }
        return marks.contains(first)
    }

    /// The outermost quotations that open inside `range`, in order.
    ///
    /// - Complexity: O(log n + k).
    func quotes(openingIn range: Range<Int>) -> ArraySlice<QuotedSpan> {
        var low = 0
        var high = quotes.count
        while low < high {
            let middle = (low + high) / 2
            if quotes[middle].open < range.lowerBound { low = middle + 1 } else { high = middle }
        }
        var end = low
        while end < quotes.count, quotes[end].open < range.upperBound { end += 1 }
        return quotes[low..<end]
    }

    func isUnclosedChain(_ quote: QuotedSpan) -> Bool { chainedOpens.contains(quote.open) }

    /// A quotation that reads as the title of a work ("“Harbor Lights”", "“The Long Road”"):
    /// at most eight words, every word of four letters or more capitalised, and no
    /// punctuation closing it. Titles are nobody's words.
    func isTitleLike(_ quote: QuotedSpan) -> Bool {
        let inner = quote.inner
        guard !inner.isEmpty, inner.count <= 10, let last = inner.last, !isPunctuation(last) else { return false }
        var words = 0
        for index in inner {
            if isPunctuation(index) {
                guard isMark(index, ["-", "'", "\u{2019}", ":", "&"]) else { return false }
                continue
            }
            words += 1
            if isWord(index), tokens[index].span.utf8.count > 3, !isCapitalised(index) { return false }
        }
        return words <= 8 && isCapitalised(inner.lowerBound)
    }

    func isOpeningQuote(_ index: Int) -> Bool { quoteOpeningAt[index] != nil }
    func isClosingQuote(_ index: Int) -> Bool { quoteClosingAt[index] != nil }

    /// The lexicon match covering a token.
    func match(covering index: Int) -> CueMatch<CitationTerm>? {
        guard index >= 0, index < count, cover[index] >= 0 else { return nil }
        return matches[Int(cover[index])]
    }

    /// The lexicon match starting at a token.
    func match(startingAt index: Int) -> CueMatch<CitationTerm>? {
        guard let match = match(covering: index), match.tokens.lowerBound == index else { return nil }
        return match
    }

    func terms(at index: Int) -> [CitationTerm] { match(covering: index)?.payloads ?? [] }

    func hasRole(_ index: Int) -> Bool { terms(at: index).contains { if case .role = $0 { true } else { false } } }
    func isAnonymousTerm(_ index: Int) -> Bool { terms(at: index).contains { if case .anonymous = $0 { true } else { false } } }
    func isOutlet(_ index: Int) -> Bool { terms(at: index).contains { if case .outlet = $0 { true } else { false } } }
    func sourceWordKind(_ index: Int) -> SourceKind? {
        for term in terms(at: index) { if case .sourceWord(let kind) = term { return kind } }
        return nil
    }
    /// Whether a token belongs to a phrase that can head a speaker.
    func isSourceTerm(_ index: Int) -> Bool {
        terms(at: index).contains {
            switch $0 {
            case .role, .anonymous, .outlet, .sourceWord: true
            default: false
            }
        }
    }

    /// A reporting verb written in lower case at this token (or capitalised inside a
    /// headline in title case: "Sanders Says He Will Stay In").
    func verb(at index: Int) -> ReportingVerb? {
        guard index >= 0, index < count, isWord(index), let match = match(startingAt: index) else { return nil }
        if isCapitalised(index) {
            guard sentenceOf[index] >= 0, sentences[Int(sentenceOf[index])].tokens.lowerBound != index,
                isTitleCase(sentence: Int(sentenceOf[index]))
            else { return nil }
        }
        for term in match.payloads { if case .verb(let verb) = term { return verb } }
        return nil
    }

    func sentence(of index: Int) -> Sentence? {
        guard index >= 0, index < count, sentenceOf[index] >= 0 else { return nil }
        return sentences[Int(sentenceOf[index])]
    }

    /// Scalar range of tokens `[first, last]`.
    func scalars(_ range: Range<Int>) -> Range<Int> {
        tokens[range.lowerBound].span.scalars.lowerBound..<tokens[range.upperBound - 1].span.scalars.upperBound
    }

    func string(_ range: Range<Int>) -> String { String(document.text(scalars: scalars(range))) }
}

/// Facts about a document's text that few documents need, worked out on first use
/// (one analysis runs on one thread; the cache lives as long as its ``CitationText``).
final class LazyTextFacts {
    var midSentenceCapitals: Set<String>?
    var titleCase: [Int: Bool] = [:]
}

/// Closed word classes the attribution rules use.
enum WordClass {
    static let determiners: Set<String> = ["the", "a", "an"]
    static let possessives: Set<String> = ["his", "her", "its", "their", "our", "my", "your", "this", "these", "those", "that"]
    static let modifiers: Set<String> = [
        "senior", "former", "top", "deputy", "acting", "local", "state", "federal", "foreign", "presidential",
        "two", "three", "four", "five", "several", "other", "independent", "leading", "veteran", "new", "national",
        "regional", "western", "european", "american", "chief", "longtime", "outgoing", "incoming", "interim",
        "one", "industry", "government", "military", "company", "party", "white", "house", "campaign", "press",
        "prominent", "some", "many", "most", "anonymous", "unnamed", "official",
    ]
    static let connectors: Set<String> = ["of", "for", "to", "at", "and", "&", "de", "von", "van", "al", "bin", "del", "da", "la", "le", "du"]
    /// Pronouns that can name a speaker: "it" stands for a body or document (with verbs of saying only),
    /// "I" and "we" for the writer or a group that goes unresolved.
    static let pronouns: Set<String> = ["he", "she", "they", "it", "we", "i"]
    /// Title abbreviations whose full stop belongs to a name ("Dr. Sall").
    static let abbreviations: Set<String> = ["dr", "mr", "mrs", "ms", "prof", "sen", "rep", "gen", "col", "lt", "gov", "st", "sgt", "capt", "maj", "rev", "hon", "jr", "sr"]
    /// Words that open a sentence or clause but never a speaker's name.
    static let openers: Set<String> = [
        "but", "and", "however", "in", "on", "at", "after", "then", "yesterday", "today", "meanwhile", "so", "also",
        "now", "still", "when", "while", "as", "if", "since", "because", "although", "though", "this", "that",
        "these", "those", "there", "here", "thus", "moreover", "furthermore", "instead", "later", "earlier", "last",
        "next", "both", "even", "only", "just", "with", "without", "for", "from", "by", "under", "over", "despite",
        "during", "before", "amid", "of", "to", "or", "nor", "yet", "indeed", "besides", "what", "which", "who",
        "whom", "where", "it", "we", "i", "you", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
        "sunday", "following", "asked", "speaking", "according", "whose", "once", "not", "no", "every", "each",
    ]
    /// Words that may stand between a subject and its verb ("has also said").
    static let auxiliaries: Set<String> = [
        "has", "have", "had", "was", "were", "is", "are", "will", "would", "did", "does", "do", "also", "later",
        "then", "again", "once", "already", "even", "further", "first", "never", "earlier", "previously",
        "thus", "therefore", "still", "too", "on", "their", "his", "her", "its", "part", "in", "turn", "has",
        "recently", "repeatedly", "publicly", "openly", "reportedly", "separately", "privately", "flatly",
    ]
    static let passiveAuxiliaries: Set<String> = ["was", "were", "is", "are", "been", "be", "being"]
    /// Words after which a reporting verb form is a noun ("the claims", "Putin's claims").
    static let nounMarkers: Set<String> = determiners.union(possessives).union(["whose", "no", "any", "such", "new", "recent", "latest", "earlier", "these"])
    /// Words that end the clause an attribution governs.
    static let clauseBreakers: Set<String> = ["but", "though", "although", "while", "whereas", "yet"]
}
