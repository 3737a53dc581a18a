import LoupeCore

/// A document's tokens seen the way attribution rules need them: words,
/// case, lexicon terms, sentences and quotations, all by token index.
///
/// A class: the rules and the closures they pass around share one text
/// (a struct of some twenty arrays was copied, field by field, into every
/// closure that captured it).
final class CitationText {
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
    let quoteClosingAt: QuotesByToken
    let quoteOpeningAt: QuotesByToken
    /// Openings of quotations that run over several paragraphs.
    let chainedOpens: Set<Int>
    /// For each token, the index of its spelling (its exact bytes) in the arrays below.
    private let spellingOfToken: [Int32]
    /// Each distinct spelling of the document as ``lower(_:)`` gives it.
    private let loweredSpellings: [String]
    /// For each spelling, the ``WordList``s its lower-case form is in, one bit each.
    private let wordListsOfSpelling: [UInt64]
    /// For each spelling, whether it starts with a capital letter.
    private let spellingStartsUpper: [Bool]
    /// For each spelling, its one Unicode scalar, or ``noSingleScalar`` when it has more.
    private let singleScalarOfSpelling: [UInt32]
    private static let noSingleScalar = UInt32.max
    /// The lexicon's one-word roles with a possessive ending ("envoy's").
    private let possessiveRoles: Set<String>
    /// Facts computed only when a rule first asks (most documents never need them).
    private let lazyFacts = LazyTextFacts()

    init(document: Document, lexicon: CitationLexicon) {
        self.document = document
        text = document.text
        let segmentation = document.segmentation
        tokens = segmentation.tokens
        sentences = segmentation.sentences
        matches = lexicon.terms.matches(in: document)
        let words = Self.wordFacts(document: document, tokens: tokens)
        spellingOfToken = words.spellingOfToken
        loweredSpellings = words.lowered
        wordListsOfSpelling = words.lists
        spellingStartsUpper = words.startsUpper
        singleScalarOfSpelling = words.singleScalars
        possessiveRoles = lexicon.possessiveRoles
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
        quoteClosingAt = QuotesByToken(outermost, tokenCount: tokens.count, at: \.close)
        quoteOpeningAt = QuotesByToken(outermost, tokenCount: tokens.count, at: \.open)
    }

    /// Each token's spelling and, for each spelling, its lower-case form, its word lists,
    /// whether it starts with a capital and its one scalar: worked out once per distinct
    /// spelling (the document's ``CueVocabulary`` already numbers them), so that the rules,
    /// which ask about the same few words again and again, read arrays instead of building
    /// and hashing strings.
    private static func wordFacts(document: Document, tokens: [Token]) -> (
        spellingOfToken: [Int32], lowered: [String], lists: [UInt64], startsUpper: [Bool], singleScalars: [UInt32]
    ) {
        var spellingOfToken = document.cueVocabulary.spellingOfToken
        if spellingOfToken.count != tokens.count {
            // No shared numbering to lean on: every token is a spelling of its own.
            spellingOfToken = (0..<tokens.count).map { Int32($0) }
        }
        let spellings = Int(spellingOfToken.max() ?? -1) + 1
        var firstToken = [Int32](repeating: -1, count: spellings)
        for (index, spelling) in spellingOfToken.enumerated() where firstToken[Int(spelling)] < 0 {
            firstToken[Int(spelling)] = Int32(index)
        }
        var lowered: [String] = []
        var lists: [UInt64] = []
        var startsUpper: [Bool] = []
        var singleScalars: [UInt32] = []
        lowered.reserveCapacity(spellings)
        lists.reserveCapacity(spellings)
        startsUpper.reserveCapacity(spellings)
        singleScalars.reserveCapacity(spellings)
        var text = document.text
        text.withUTF8 { bytes in
            for first in firstToken {
                guard first >= 0 else {
                    lowered.append("")
                    lists.append(0)
                    startsUpper.append(false)
                    singleScalars.append(noSingleScalar)
                    continue
                }
                let span = tokens[Int(first)].span.utf8
                let raw = UnsafeBufferPointer(rebasing: bytes[span])
                let lower = lowercased(raw, slowly: { document.text.slice(utf8: span) })
                let facts = SpellingFacts(raw, lowered: lower, slowly: { document.text.slice(utf8: span) })
                lowered.append(lower)
                lists.append(facts.lists)
                startsUpper.append(facts.startsUpper)
                singleScalars.append(facts.singleScalar)
            }
        }
        return (spellingOfToken, lowered, lists, startsUpper, singleScalars)
    }

    /// What the rules ask of a spelling, read from its bytes.
    private struct SpellingFacts {
        var lists: UInt64 = 0
        var startsUpper = false
        var singleScalar = noSingleScalar

        /// `slowly` gives the same word as a string, for what bytes alone do not tell (non-ASCII letters).
        init(_ raw: UnsafeBufferPointer<UInt8>, lowered: String, slowly word: () -> Substring) {
            guard let first = raw.first else { return }
            lists = WordList.mask(ofASCII: raw) ?? WordList.masks[lowered] ?? 0
            if first < 0x80 {
                startsUpper = first >= 0x41 && first <= 0x5A
                if raw.count == 1 { singleScalar = UInt32(first) }
            } else {
                let scalars = word().unicodeScalars
                if let scalar = scalars.first {
                    startsUpper = scalar.properties.isUppercase
                    if scalars.index(after: scalars.startIndex) == scalars.endIndex { singleScalar = scalar.value }
                }
            }
        }
    }

    /// A word's bytes in lower case, with a curly apostrophe made straight; `slowly` gives the
    /// same word as a string, for words not all ASCII.
    private static func lowercased(_ raw: UnsafeBufferPointer<UInt8>, slowly word: () -> Substring) -> String {
        var upper = false
        for byte in raw {
            if byte >= 0x80 { return lowercased(word()) }
            if byte >= 0x41 && byte <= 0x5A { upper = true }
        }
        guard upper else { return String(decoding: raw, as: UTF8.self) }
        // A short word makes a small string, with no allocation.
        return String(unsafeUninitializedCapacity: raw.count) { output in
            for (offset, byte) in raw.enumerated() { output[offset] = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte }
            return raw.count
        }
    }

    /// A word not all ASCII in lower case, with a curly apostrophe made straight.
    private static func lowercased(_ word: Substring) -> String {
        var lowered = String.UnicodeScalarView()
        for scalar in word.lowercased().unicodeScalars { lowered.append(scalar == "\u{2019}" ? "'" : scalar) }
        return String(lowered)
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
    func lower(_ index: Int) -> String { loweredSpellings[Int(spellingOfToken[index])] }

    /// Whether the token's lower-case word is in a word list.
    func isIn(_ list: WordList, _ index: Int) -> Bool { wordListsOfSpelling[Int(spellingOfToken[index])] & list.bit != 0 }

    func isWord(_ index: Int) -> Bool { tokens[index].kind == .word }

    /// Whether the token is a lower-case word in "-ly" that reads as an adverb ("repeatedly",
    /// "reportedly"), not one of the nouns, adjectives and verbs with that ending ("tally", "family").
    func isLyAdverb(_ index: Int) -> Bool {
        guard isWord(index) else { return false }
        let bytes = lower(index).utf8
        guard bytes.count > 2, bytes.last == UInt8(ascii: "y"), bytes[bytes.index(bytes.endIndex, offsetBy: -2)] == UInt8(ascii: "l") else {
            return false
        }
        // A word in capitals is an adverb only among lower-case words ("was SHARPLY criticized"), not in a
        // line of capitals ("KELLY SAID").
        let shouted = isAllCapitals(index) && [index - 1, index + 1].contains { $0 >= 0 && $0 < count && isWord($0) && !isCapitalised($0) }
        return (!isCapitalised(index) || shouted) && !isIn(.lyNonAdverbs, index)
    }

    /// A four-digit number from 1800 to 2099, read as a year.
    func isYear(_ index: Int) -> Bool {
        guard isNumber(index) else { return false }
        let word = self.word(index)
        guard word.utf8.count == 4, let value = Int(word) else { return false }
        return (1800...2099).contains(value)
    }

    /// A word of five letters or more written all in capitals ("SHARPLY"), as emphasis writes it.
    private func isAllCapitals(_ index: Int) -> Bool {
        let word = self.word(index)
        return word.utf8.count >= 5 && word.utf8.allSatisfy { $0 >= 0x41 && $0 <= 0x5A }
    }
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
    func isCapitalised(_ index: Int) -> Bool { isWord(index) && spellingStartsUpper[Int(spellingOfToken[index])] }

    /// Whether the token is one of these one-character marks (scalars compared directly:
    /// no string or set is built per call on this hot path).
    func isMark(_ index: Int, _ marks: [Unicode.Scalar]) -> Bool {
        guard index >= 0, index < count, isPunctuation(index) else { return false }
        let scalar = singleScalarOfSpelling[Int(spellingOfToken[index])]
        return scalar != Self.noSingleScalar && marks.contains { $0.value == scalar }
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

    func hasRole(_ index: Int) -> Bool {
        terms(at: index).contains { if case .role = $0 { true } else { false } }
    }
    /// A one-word role with a possessive ending ("the Envoy's view"), which the lexicon's exact forms miss.
    /// A one-word role in the plural ("Senators", "Governors"), or a title's abbreviation with an "s"
    /// ("Sens", "Reps"): the title of the names of a list that follows.
    func isPluralRole(_ index: Int) -> Bool {
        guard isWord(index) else { return false }
        let word = lower(index)
        guard word.count > 3, word.hasSuffix("s") else { return false }
        let singular = String(word.dropLast())
        return possessiveRoles.contains(singular + "'s") || WordClass.abbreviations.contains(singular)
    }

    func isPossessiveRole(_ index: Int) -> Bool {
        guard isWord(index) else { return false }
        // Only a spelling that ends in "'s" is looked up (hashed).
        let spelling = loweredSpellings[Int(spellingOfToken[index])]
        let bytes = spelling.utf8
        guard bytes.count > 2, bytes.last == UInt8(ascii: "s"), bytes[bytes.index(bytes.endIndex, offsetBy: -2)] == UInt8(ascii: "'") else {
            return false
        }
        return possessiveRoles.contains(spelling)
    }
    func isAnonymousTerm(_ index: Int) -> Bool { terms(at: index).contains { if case .anonymous = $0 { true } else { false } } }
    func isOutlet(_ index: Int) -> Bool { terms(at: index).contains { if case .outlet = $0 { true } else { false } } }
    func sourceWordKind(_ index: Int) -> SourceKind? {
        for term in terms(at: index) { if case .sourceWord(let kind) = term { return kind } }
        return nil
    }
    /// Whether a token belongs to a phrase that can head a speaker.
    func isSourceTerm(_ index: Int) -> Bool {
        isPossessiveRole(index) || terms(at: index).contains {
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
    /// The scalar offsets a range of tokens covers; an empty range covers nothing at its place
    /// (the end of the text when it stands past the last token).
    func scalars(_ range: Range<Int>) -> Range<Int> {
        guard !range.isEmpty else {
            let at = range.lowerBound < tokens.count ? tokens[range.lowerBound].span.scalars.lowerBound
                : tokens.last?.span.scalars.upperBound ?? 0
            return at..<at
        }
        return tokens[range.lowerBound].span.scalars.lowerBound..<tokens[range.upperBound - 1].span.scalars.upperBound
    }

    func string(_ range: Range<Int>) -> String { String(document.text(scalars: scalars(range))) }
}

/// Quotations by the token where one of their marks stands (the first
/// quotation given for a token wins): one array read, no hashing.
struct QuotesByToken {
    private let quotes: [QuotedSpan]
    /// For each token, the index in ``quotes`` of its quotation, or -1.
    private let quoteOfToken: [Int32]

    init(_ quotes: [QuotedSpan], tokenCount: Int, at mark: KeyPath<QuotedSpan, Int>) {
        self.quotes = quotes
        var quoteOfToken = [Int32](repeating: -1, count: tokenCount)
        for (index, quote) in quotes.enumerated() {
            let token = quote[keyPath: mark]
            if quoteOfToken.indices.contains(token), quoteOfToken[token] < 0 { quoteOfToken[token] = Int32(index) }
        }
        self.quoteOfToken = quoteOfToken
    }

    /// The quotation with a mark at `token`, if any (any index may be asked).
    subscript(token: Int) -> QuotedSpan? {
        guard token >= 0, token < quoteOfToken.count else { return nil }
        let index = quoteOfToken[token]
        return index < 0 ? nil : quotes[Int(index)]
    }
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
    static let pronouns: Set<String> = withContractions(["he", "she", "they", "it", "we", "i"])
    /// A pronoun joined to "have", "would" or "will" is the pronoun as subject ("I've said", "we'd argue",
    /// "they'll say"); "it" keeps its own forms only. Spelled with the plain apostrophe: ``CitationText/lower(_:)`` maps
    /// the typographic one to it.
    static func withContractions(_ pronouns: Set<String>) -> Set<String> {
        pronouns.union(pronouns.subtracting(["it", "their"]).flatMap { pronoun in ["'ve", "'d", "'ll"].map { pronoun + $0 } })
    }
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
    /// Words that may stand between a subject and its verb ("has also said"), among them the
    /// ``timeAdverbs`` ("have long said", "has since argued", "now says").
    static let auxiliaries: Set<String> = Set([
        "has", "have", "had", "was", "were", "is", "are", "will", "would", "did", "does", "do", "also", "later",
        "then", "again", "once", "already", "even", "further", "first", "never", "earlier", "previously",
        "thus", "therefore", "still", "too", "on", "their", "his", "her", "its", "part", "in", "turn", "has",
        "recently", "repeatedly", "publicly", "openly", "reportedly", "separately", "privately", "flatly",
    ]).union(timeAdverbs)
    /// Adverbs of time and frequency that do not end in "-ly", as they stand between an auxiliary and
    /// its verb ("have long said", "has since argued", "now says"; "is now called", "was already criticized").
    static let timeAdverbs: Set<String> = [
        "long", "always", "often", "since", "now", "just", "sometimes", "ever", "already", "also", "still", "again", "once",
        "never", "even", "first",
    ]
    static let passiveAuxiliaries: Set<String> = ["was", "were", "is", "are", "been", "be", "being"]
    /// Words after which a reporting verb form is a noun ("the claims", "Putin's claims").
    static let nounMarkers: Set<String> = determiners.union(possessives).union(["whose", "no", "any", "such", "new", "recent", "latest", "earlier", "these"])
    /// Words that end the clause an attribution governs.
    static let clauseBreakers: Set<String> = ["but", "though", "although", "while", "whereas", "yet"]
}

/// The rules' small word lists that are written in place ("on Monday", "late Tuesday"):
/// named here so that ``WordList`` can number them.
enum SmallWordLists {
    /// Words before "asked" that open its clause ("When asked …").
    static let questionLeadIns: Set<String> = ["when", "after", "once", "while", "before", "if", "but", "and"]
    /// Verbs between an outlet and a headline colon ("Reuters Report:").
    static let headlineVerbs: Set<String> = ["report", "reports", "says", "reported"]
    /// Words that point back to what was said before ("announced this").
    static let anaphors: Set<String> = ["this", "it"]
    /// Words that point back, and "so" ("said so").
    static let anaphorsAndSo: Set<String> = ["this", "it", "so"]
    /// Words before a time noun ("last week").
    static let timeDeterminers: Set<String> = ["last", "this", "earlier", "next"]
    /// Words before a weekday or time ("on Monday", "late Tuesday").
    static let timeLeadIns: Set<String> = ["on", "late", "early"]
    /// Prepositions of place or medium ("in a blog post").
    static let placePrepositions: Set<String> = ["in", "on", "at", "during", "via", "through"]
    /// Conjunctions that open a clause.
    static let clauseConjunctions: Set<String> = ["and", "but", "so", "then", "yet"]
    /// "of" and "the".
    static let ofAndThe: Set<String> = ["of", "the"]
    /// "of" and "than".
    static let ofAndThan: Set<String> = ["of", "than"]
    /// Words that make a plain phrase indefinite.
    static let indefiniteArticles: Set<String> = ["a", "an", "one", "another"]
    /// Words that open an appositive.
    static let appositiveOpeners: Set<String> = ["a", "an", "the", "who", "whose", "now", "then", "once", "also"]
    /// Words that qualify an unnamed source ("officials familiar with …").
    static let qualifiers: Set<String> = ["familiar", "close", "briefed"]
    /// Words that tie a qualifier to what it qualifies ("familiar with", "close to", "briefed on").
    static let qualifierLinks: Set<String> = ["with", "to", "on"]
    /// Prepositions that join a determiner to a role before it ("Director of the …").
    static let determinerLinks: Set<String> = ["of", "for", "to", "at", "from", "by"]
    /// Words after a document word that name its source ("data from …").
    static let sourcePrepositions: Set<String> = ["from", "by", "of"]
    /// Words that make a role phrase indefinite ("a senior official").
    static let indefiniteQuantities: Set<String> = ["a", "an", "one", "some", "two", "three", "several"]
    /// The writer's pronouns.
    static let writerPronouns: Set<String> = WordClass.withContractions(["i", "we"])
    /// Plural pronouns.
    static let pluralPronouns: Set<String> = WordClass.withContractions(["they", "their"])
    /// Pronouns that stand for no single person named earlier.
    static let impersonalPronouns: Set<String> = WordClass.withContractions(["they", "their", "it", "i", "we"])
    /// The months' names.
    static let months: Set<String> = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    ]
    /// Prepositions before a date ("a poll in December", "since March 2016").
    static let dateLeadIns: Set<String> = ["in", "on", "since", "during", "from", "through", "until"]
    /// Words ending in "-ly" that are no adverbs: nouns, adjectives and verbs ("the final tally showed",
    /// "family members said", "the elderly say"). An adverb between a subject and its verb is skipped;
    /// these are the subject's own words.
    static let lyNonAdverbs: Set<String> = [
        "ally", "family", "rally", "tally", "assembly", "supply", "monopoly", "anomaly", "reply", "bully", "folly", "belly", "jelly",
        "lily", "holly", "homily", "panoply", "butterfly", "melancholy", "fly", "ply", "apply", "comply", "rely", "imply", "multiply",
        "elderly", "friendly", "lonely", "costly", "deadly", "orderly", "lovely", "ugly", "holy", "silly", "burly", "surly", "wily",
        "unruly", "manly", "scholarly", "worldly", "stately", "homely", "sickly", "timely",
    ]
}

/// The closed word lists the attribution rules ask about token by token, each
/// one bit of a token's mask in ``CitationText``: whether a token's word is in a
/// list is one array read, the lists' words looked up once per spelling.
enum WordList: Int, CaseIterable {
    case determiners, possessives, modifiers, connectors, pronouns, abbreviations, openers, auxiliaries
    case passiveAuxiliaries, nounMarkers, clauseBreakers
    case adverbialStarts, timeWords, modals, particlesAndReflexives, phrasalParticles, copulas, degrees
    case irregularPasts, clauseOpeners, lineLabels, questionOpeners
    case weekdays, timeNouns, thingPlurals, peoplePlurals, interjections, quantityHeads, quantityWords
    case plainOpeners, relatives, subjectOpeners
    case questionLeadIns, headlineVerbs, anaphors, anaphorsAndSo, timeDeterminers, timeLeadIns, placePrepositions, clauseConjunctions, ofAndThe, ofAndThan, indefiniteArticles, appositiveOpeners, qualifiers, qualifierLinks, determinerLinks, sourcePrepositions, indefiniteQuantities, writerPronouns, pluralPronouns, impersonalPronouns, lyNonAdverbs, months, dateLeadIns
    case media, coordinators, prepositions, subjectPlaces, lyAdjectives, timeAdverbs

    /// The words of the list (the sets the rules are written with).
    var words: Set<String> {
        switch self {
        case .determiners: WordClass.determiners
        case .possessives: WordClass.possessives
        case .modifiers: WordClass.modifiers
        case .connectors: WordClass.connectors
        case .pronouns: WordClass.pronouns
        case .abbreviations: WordClass.abbreviations
        case .openers: WordClass.openers
        case .auxiliaries: WordClass.auxiliaries
        case .passiveAuxiliaries: WordClass.passiveAuxiliaries
        case .nounMarkers: WordClass.nounMarkers
        case .clauseBreakers: WordClass.clauseBreakers
        case .adverbialStarts: AttributionFinder.adverbialStarts
        case .timeWords: AttributionFinder.timeWords
        case .modals: AttributionFinder.modals
        case .particlesAndReflexives: AttributionFinder.particlesAndReflexives
        case .phrasalParticles: AttributionFinder.phrasalParticles
        case .copulas: AttributionFinder.copulas
        case .degrees: AttributionFinder.degrees
        case .irregularPasts: AttributionFinder.irregularPasts
        case .clauseOpeners: AttributionFinder.clauseOpeners
        case .lineLabels: AttributionFinder.lineLabels
        case .questionOpeners: AttributionFinder.questionOpeners
        case .weekdays: SpeakerParser.weekdays
        case .timeNouns: SpeakerParser.timeNouns
        case .thingPlurals: SpeakerParser.thingPlurals
        case .peoplePlurals: SpeakerParser.peoplePlurals
        case .interjections: SpeakerParser.interjections
        case .quantityHeads: SpeakerParser.quantityHeads
        case .quantityWords: SpeakerParser.quantityWords
        case .plainOpeners: SpeakerParser.plainOpeners
        case .relatives: SpeakerParser.relatives
        case .subjectOpeners: SpeakerParser.subjectOpeners
        case .questionLeadIns: SmallWordLists.questionLeadIns
        case .headlineVerbs: SmallWordLists.headlineVerbs
        case .anaphors: SmallWordLists.anaphors
        case .anaphorsAndSo: SmallWordLists.anaphorsAndSo
        case .timeDeterminers: SmallWordLists.timeDeterminers
        case .timeLeadIns: SmallWordLists.timeLeadIns
        case .placePrepositions: SmallWordLists.placePrepositions
        case .clauseConjunctions: SmallWordLists.clauseConjunctions
        case .ofAndThe: SmallWordLists.ofAndThe
        case .ofAndThan: SmallWordLists.ofAndThan
        case .indefiniteArticles: SmallWordLists.indefiniteArticles
        case .appositiveOpeners: SmallWordLists.appositiveOpeners
        case .qualifiers: SmallWordLists.qualifiers
        case .qualifierLinks: SmallWordLists.qualifierLinks
        case .determinerLinks: SmallWordLists.determinerLinks
        case .sourcePrepositions: SmallWordLists.sourcePrepositions
        case .indefiniteQuantities: SmallWordLists.indefiniteQuantities
        case .writerPronouns: SmallWordLists.writerPronouns
        case .pluralPronouns: SmallWordLists.pluralPronouns
        case .impersonalPronouns: SmallWordLists.impersonalPronouns
        case .lyNonAdverbs: SmallWordLists.lyNonAdverbs
        case .months: SmallWordLists.months
        case .dateLeadIns: SmallWordLists.dateLeadIns
        case .media: AttributionFinder.media
        case .coordinators: AttributionFinder.coordinators
        case .prepositions: SpeakerParser.prepositions
        case .subjectPlaces: SpeakerParser.subjectPlaces
        case .lyAdjectives: SpeakerParser.lyAdjectives
        case .timeAdverbs: WordClass.timeAdverbs
        }
    }

    var bit: UInt64 { 1 << UInt64(rawValue) }

    /// The lists of a word lower-cased, when it is all ASCII and short enough for
    /// ``table``; `nil` otherwise (the caller asks ``masks``).
    static func mask(ofASCII bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard ShortKeyTable.canHold(bytes) else { return nil }
        // Lower-cased into a buffer on the stack; a byte of 0x80 or more is not ASCII.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { lowered in
            for (offset, byte) in bytes.enumerated() {
                if byte >= 0x80 { return nil }
                lowered[offset] = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
            }
            // Not in the table (which holds every short lower-case ASCII word of the lists): in no list.
            return table.value(for: UnsafeBufferPointer(lowered)) ?? 0
        }
    }

    /// ``masks``'s lower-case ASCII words short enough for a ``ShortKeyTable``,
    /// keyed by their bytes: a spelling's lists without building and hashing a string.
    private static let table: ShortKeyTable = {
        var table = ShortKeyTable(capacity: masks.count)
        for (word, mask) in masks where word.utf8.allSatisfy({ $0 < 0x80 && !($0 >= 0x41 && $0 <= 0x5A) }) {
            Array(word.utf8).withUnsafeBufferPointer { bytes in
                if ShortKeyTable.canHold(bytes) { table.set(bytes, mask) }
            }
        }
        return table
    }()

    /// For each word of any list, the bits of the lists that hold it.
    static let masks: [String: UInt64] = {
        precondition(allCases.count <= 64, "a word list mask has 64 bits")
        var masks: [String: UInt64] = [:]
        for list in allCases {
            for word in list.words { masks[word, default: 0] |= list.bit }
        }
        return masks
    }()
}
