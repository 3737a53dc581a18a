import LoupeCore

/// The kinds of citation the analyzer marks (the annotation labels).
public enum CitationLabel: String, Sendable, CaseIterable {
    case directQuote = "direct-quote"
    case indirectQuote = "indirect-quote"
    case mixedQuote = "mixed-quote"
    case accordingTo = "according-to"
    case referenceMarker = "reference-marker"
}

/// One attribution found in the text, by token index, before sources are
/// resolved to canonical ids.
struct Attribution {
    var label: CitationLabel
    /// The cue's tokens: the reporting verb or phrase.
    var cue: Range<Int>
    var verb: ReportingVerb?
    var pattern: PhrasePattern?
    /// `nil` while the speaker is still to be taken from the clause (", noting that").
    var speaker: SpeakerPhrase?
    /// The attributed words, by token.
    var content: Range<Int>
    var rule: String
    /// Quotations inside a mixed quote's paraphrase.
    var quoted: [QuotedSpan] = []
    /// The speaker is the subject of the clause the cue attaches to.
    var speakerFromClause = false
    /// No one is named: "Asked whether …, she said" puts a question whose asker goes unnamed.
    var unnamedSource = false
    /// The quotations of one statement split by its attribution ("“…,” she said, “…”"),
    /// or continued after it: the content runs from the first to the last.
    var parts: [QuotedSpan] = []
}

/// Finds reporting verbs and attribution phrases with their speakers and the
/// words they attribute, then decides which are direct, mixed or indirect.
struct AttributionFinder {
    let text: CitationText
    let parser: SpeakerParser
    /// Clause ends found so far, so that the many verbs of one long clause
    /// do not each scan it to its end again (which made a sentence with
    /// thousands of verbs and no clause break take quadratic time).
    private let clauseEnds: ClauseEndMemo

    /// Whether stance adjectives ("wary of") attribute (the `stances` option).
    let stances: Bool

    init(text: CitationText, stances: Bool = false) {
        self.text = text
        self.stances = stances
        parser = SpeakerParser(text: text)
        clauseEnds = ClauseEndMemo(tokenCount: text.count)
    }

    /// Verbs that report nothing but speech: any noun phrase that is their subject is a speaker
    /// ("the clerk said"), where "added" or "noted" may have a thing as subject ("the tax added …").
    static let sayingOnly: Set<String> = ["say", "tell"]
    /// Verbs of evidence whose subject is what shows (a count, a record, a study), never an agent.
    static let showing: Set<String> = ["show", "indicate", "suggest"]

    /// Verbs whose addressee may stand before the words ("told reporters that …").
    static let addressing: Set<String> = ["tell", "ask", "assure", "urge", "warn", "remind", "inform", "advise", "caution", "call on", "promise", "pledge", "vow", "accuse", "blame", "criticize", "praise", "thank", "challenge"]

    /// Words that open an adverbial after a verb ("said in a briefing", "said on Tuesday").
    static let adverbialStarts: Set<String> = [
        "in", "on", "at", "during", "last", "this", "yesterday", "today", "earlier", "later", "after", "before",
        "to", "from", "with", "while", "via", "over", "late", "early", "separately", "again", "afterwards", "when",
        "through",
    ]
    static let timeWords: Set<String> = ["week", "month", "year", "morning", "afternoon", "evening", "weekend", "spring", "summer", "autumn", "fall", "winter", "time"]
    /// Words before a verb that make it an infinitive or a negated form ("would say", "to claim", "did not say").
    static let modals: Set<String> = ["to", "will", "would", "could", "should", "can", "may", "might", "must", "not", "did", "does", "do", "never", "n't", "cannot"]
    /// "quote" verbs that characterise without a quotation ("described the plan as reckless").
    static let characterising: Set<String> = ["describe", "dismiss", "label", "brand", "term", "dub", "portray", "characterize", "see"]

    /// Words after a verb that make it another verb ("showed up", "found itself").
    static let particlesAndReflexives: Set<String> = ["up", "off", "out", "away", "down", "itself", "himself", "herself", "themselves", "ourselves", "myself"]
    /// Verb forms that are as often plural nouns ("member states", "all five states"): with a subject that
    /// is neither a name nor a pronoun they attribute only before "that", a colon, a comma or a quotation.
    static let nounLikeForms: Set<String> = ["states", "claims", "reports", "calls", "notes", "remarks", "comments", "promises", "demands", "views", "fears", "hopes", "plans", "supports", "backs", "counters", "answers", "questions", "estimates", "projects", "forecasts", "ranks", "wishes", "doubts", "concerns", "worries"]

    /// Verbs of commitment, whose words may be an infinitive ("pledged to …", "agreed to …").
    static let commissives: Set<String> = ["promise", "pledge", "vow", "threaten", "agree", "swear", "offer", "guarantee"]

    /// Relatives that stand for what a source characterises ("what critics called …").
    static let characterisedRelatives: Set<String> = ["what", "that", "which"]

    /// Particles after a "quote" verb that give it another sense ("called for", "called off").
    static let phrasalParticles: Set<String> = ["for", "on", "off", "up", "in", "back", "out", "upon", "into", "at"]

    func attributions() -> [Attribution] {
        var found: [Attribution] = []
        for match in text.matches {
            if Interruption.isRequested { return [] }
            var framed = false
            for term in match.payloads {
                switch term {
                case .verb(let verb):
                    let frames = verbFrames(match.tokens, verb: verb)
                    framed = !frames.isEmpty
                    found += frames
                    if !framed { continue }
                case .noun(let reading):
                    if !framed, let attribution = nounFrame(match.tokens, reading: reading) { found.append(attribution) }
                    continue
                case .adjective(let isStance):
                    if !isStance || stances, let attribution = adjectiveFrame(match.tokens, isStance: isStance) { found.append(attribution) }
                    continue
                case .phrase(_, let pattern):
                    if let attribution = phraseFrame(match.tokens, pattern: pattern) { found.append(attribution) }
                case .outlet:
                    if let attribution = headlineFrame(match.tokens) { found.append(attribution) }
                default:
                    continue
                }
                break
            }
        }
        // "said and repeated that …": a verb between an earlier verb and the words they share (see
        // ``verbGroupEnd(after:from:ceiling:)``) adds no citation of its own.
        var firstCueOfContent: [Range<Int>: Range<Int>] = [:]
        found.removeAll { attribution in
            guard attribution.verb != nil else { return false }
            if let cue = firstCueOfContent[attribution.content], cue.upperBound <= attribution.cue.lowerBound,
                attribution.cue.upperBound <= attribution.content.lowerBound
            {
                return true
            }
            if firstCueOfContent[attribution.content] == nil { firstCueOfContent[attribution.content] = attribution.cue }
            return false
        }
        found += documentFrames(besides: found)
        found += colonFrames(besides: found)
        found += thatClauseFrames(besides: found)
        found += quotationFrames(besides: found)
        return classify(found)
    }

    // MARK: Nouns

    /// "the senator's claim that …", "her promise to …", "their call for …": a possessor, a
    /// noun of saying, belief or intention, and the clause it governs.
    private func nounFrame(_ cue: Range<Int>, reading: VerbUse) -> Attribution? {
        guard cue.count == 1, cue.lowerBound > 0, let sentence = text.sentence(of: cue.lowerBound) else { return nil }
        let floor = sentence.tokens.lowerBound
        let ceiling = sentence.tokens.upperBound
        var owner = cue.lowerBound - 1
        // "his repeated claims", "Trump's latest proposal": one modifier between.
        if owner > floor, text.isWord(owner), !text.isCapitalised(owner), !text.lower(owner).hasSuffix("'s"),
            !text.isIn(.possessives, owner)
        {
            owner -= 1
        }
        guard owner >= floor, text.isWord(owner) else { return nil }
        let possessor = text.lower(owner)
        let speaker: SpeakerPhrase
        if ["his", "her", "their"].contains(possessor) {
            speaker = SpeakerPhrase(tokens: owner..<(owner + 1), kind: .person, isPronoun: true)
        } else if possessor.hasSuffix("'s"), text.isCapitalised(owner) || text.isSourceTerm(owner),
            let phrase = parser.left(before: owner + 1, floor: floor),
            phrase.namesSource(in: text) || phrase.tokens.count > 1 || isPossessiveName(owner, floor: floor)
        {
            speaker = phrase
        } else {
            return nil
        }
        let after = cue.upperBound
        guard after + 1 < ceiling, text.isWord(after) else { return nil }
        let link = text.lower(after)
        let begin: Int
        switch link {
        case "that" where reading != .intention: begin = after + 1
        case "to" where reading != .belief: begin = after
        case "for" where text.lower(cue.lowerBound).hasPrefix("call") || text.lower(cue.lowerBound).hasPrefix("demand"): begin = after + 1
        default: return nil
        }
        if link == "to", !(text.isWord(after + 1) && !text.isIn(.determiners, after + 1) && !text.isCapitalised(after + 1)) { return nil }
        var end = clauseEnd(from: begin, ceiling: ceiling)
        // "The senator's claim that the pier was safe was false": when the noun phrase is the sentence's
        // subject, the words claimed end where its own verb comes.
        if link == "that", speaker.tokens.lowerBound == floor || text.isPunctuation(speaker.tokens.lowerBound - 1)
            || speaker.tokens.lowerBound - 1 >= floor && text.isWord(speaker.tokens.lowerBound - 1)
                && text.isIn(.determiners, speaker.tokens.lowerBound - 1),
            let main = mainVerb(after: begin, before: end)
        {
            end = main
        }
        guard let content = trimmed(begin..<end) else { return nil }
        return Attribution(label: .indirectQuote, cue: cue, speaker: speaker, content: content, rule: "citation.noun")
    }

    /// "Okafor's claim that …" opening a sentence: a capitalised word with a possessive ending, first
    /// in its sentence, before a noun of saying, is a name, though written nowhere else (a capital
    /// that only opens a sentence proves nothing of a bare word, but common nouns seldom own a claim
    /// without an article). Not a word of time ("Today's statement"), an indefinite pronoun
    /// ("Everyone's view") or a contraction ("Let's", "That's", "Here's").
    private func isPossessiveName(_ owner: Int, floor: Int) -> Bool {
        guard owner == floor, text.isCapitalised(owner) else { return false }
        let word = text.lower(owner)
        let stem = String(word.dropLast(2))
        return !stem.isEmpty && !Self.possessiveNonNames.contains(stem) && !WordClass.openers.contains(stem) && !WordClass.pronouns.contains(stem)
            && !SmallWordLists.months.contains(stem) && !SpeakerParser.weekdays.contains(stem) && !SpeakerParser.timeNouns.contains(stem)
    }

    /// Words that open a sentence with "'s" and name no one: contractions, indefinite pronouns, days.
    static let possessiveNonNames: Set<String> = [
        "let", "how", "he", "she", "who", "what", "where", "there", "here", "that", "it", "everyone", "everybody", "someone",
        "somebody", "anyone", "anybody", "nobody", "one", "no-one", "nothing", "something", "everything", "anything",
        "tomorrow", "today", "yesterday", "tonight",
    ]

    /// In `begin..<end`, the words of a that-clause and what follows it, the verb of the sentence
    /// the clause belongs to: a finite verb ("was", "angered") after the clause's own that is not
    /// the first verb after a joining word ("and", "which", "if"), and has no comma, auxiliary,
    /// adverb in -ly or other verb just before it ("… that the pier was safe was false").
    private func mainVerb(after begin: Int, before end: Int) -> Int? {
        // Not a participle after a determiner: "a failed candidate".
        func isFinite(_ index: Int) -> Bool {
            text.isWord(index) && !text.isCapitalised(index) && (SpeakerParser.finiteVerbs.contains(text.lower(index)) || looksLikePast(index))
                && !(index > begin && text.isWord(index - 1) && text.isIn(.determiners, index - 1))
        }
        guard let own = (begin..<end).first(where: isFinite) else { return nil }
        // After a joining word ("and that wages fell", "which was costly") the next verb is that clause's own.
        var joined = false
        // "… that the dam leaked was false": a form of "be" or "have" right after the clause's own verb, taken
        // when no finite verb follows it ("the money raised was spent was false" ends at the second "was";
        // in "the money raised was wasted angered voters" no end is found).
        var afterOwn: Int?
        // A finite verb after that form: then the form is no end ("the money raised was wasted angered voters").
        var verbAfterOwn = false
        var index = own + 1
        while index < end {
            defer { index += 1 }
            if text.isWord(index), Self.joiners.contains(text.lower(index)) {
                joined = true
                continue
            }
            guard isFinite(index) else { continue }
            if afterOwn != nil { verbAfterOwn = true }
            if joined {
                joined = false
                continue
            }
            if index - 1 == own, !text.isIn(.auxiliaries, own), Self.beOrHave.contains(text.lower(index)) { afterOwn = index }
            // "was expected", "was quickly built": the verb group of the clause itself; ", was dropped": after an aside.
            guard text.isWord(index - 1), !text.isIn(.auxiliaries, index - 1), !text.isLyAdverb(index - 1), !isFinite(index - 1) else { continue }
            return index
        }
        return verbAfterOwn ? nil : afterOwn
    }

    /// The finite forms of "be" and "have" that may follow a claim's own verb as the sentence's.
    static let beOrHave: Set<String> = ["is", "are", "was", "were", "has", "have", "had"]

    /// Words that open a clause of their own inside the words claimed: the next verb is that clause's.
    static let joiners: Set<String> = [
        "and", "or", "but", "that", "which", "who", "whom", "what", "where", "when", "if", "because", "while", "although", "as",
    ]

    // MARK: Adjectives

    /// Forms of "be" and its near kin before a stance adjective.
    static let copulas: Set<String> = [
        "is", "are", "was", "were", "be", "been", "being", "'s", "'re", "remain", "remains", "remained", "seem", "seems", "seemed",
        "appear", "appears", "appeared", "became", "become", "becomes", "grew", "feel", "feels", "felt",
    ]
    /// Degree words between the copula and the adjective ("is increasingly wary").
    static let degrees: Set<String> = ["very", "so", "also", "still", "more", "less", "too", "quite", "deeply", "increasingly", "now", "already", "fully", "absolutely", "firmly"]

    /// "She is confident that …" (a thought, by default) and, with the option `stances`,
    /// "he is wary of …", "they are eager to …": the subject of the copula holds the stance.
    private func adjectiveFrame(_ cue: Range<Int>, isStance: Bool) -> Attribution? {
        guard cue.count == 1, let sentence = text.sentence(of: cue.lowerBound) else { return nil }
        let floor = sentence.tokens.lowerBound
        let ceiling = sentence.tokens.upperBound
        var copula = cue.lowerBound - 1
        if copula > floor, text.isWord(copula), text.isIn(.degrees, copula) || text.lower(copula).hasSuffix("ly") && !text.isCapitalised(copula) {
            copula -= 1
        }
        guard copula > floor, text.isWord(copula), text.isIn(.copulas, copula) || text.lower(copula).hasSuffix("'s") || text.lower(copula).hasSuffix("'re")
        else { return nil }
        let subject: SpeakerPhrase
        if text.lower(copula).hasSuffix("'s") || text.lower(copula).hasSuffix("'re"), WordClass.pronouns.contains(String(text.lower(copula).prefix { $0 != "'" })) {
            subject = SpeakerPhrase(tokens: copula..<(copula + 1), kind: .person, isPronoun: true)
        } else if let found = parser.subject(of: copula, floor: floor), found.namesSource(in: text) {
            subject = found
        } else {
            return nil
        }
        let after = cue.upperBound
        guard after + 1 < ceiling, text.isWord(after) else { return nil }
        let link = text.lower(after)
        let begin: Int
        switch link {
        case "that": begin = after + 1
        case "to" where isStance: begin = after
        case "of", "about", "toward", "towards": begin = after + 1
        case "with" where isStance: begin = after + 1
        default: return nil
        }
        guard let content = trimmed(begin..<clauseEnd(from: begin, ceiling: ceiling)) else { return nil }
        return Attribution(
            label: .indirectQuote, cue: cue, speaker: subject, content: content, rule: isStance ? "citation.stance" : "citation.belief-adjective")
    }

    // MARK: That-clauses

    /// Past forms that do not end in -ed.
    static let irregularPasts: Set<String> = [
        "knew", "thought", "felt", "saw", "heard", "wrote", "found", "meant", "understood", "forgot", "held", "swore", "taught",
        "foresaw", "dreamt", "dreamed", "read", "spoke", "bet", "made",
    ]
    /// Words that open a clause after "that" (so "that" is not a determiner: "argued that prices …", not "loved that car").
    static let clauseOpeners: Set<String> = [
        "he", "she", "they", "it", "we", "i", "you", "there", "this", "these", "those", "the", "a", "an", "his", "her", "their",
        "its", "our", "my", "your", "most", "many", "some", "all", "no", "none", "any", "every", "each", "if", "when", "while",
        "because", "despite", "although", "unless", "once", "as", "only", "even", "more", "fewer", "less", "both", "neither", "either",
    ]

    /// "Clinton disclosed that …", "the aides have hinted that …": a verb outside the lexicons with
    /// a subject naming a source and a clause opened by "that" (the verb's form and the clause's
    /// first word tell "that" the conjunction from "that" the determiner).
    private func thatClauseFrames(besides found: [Attribution]) -> [Attribution] {
        var frames: [Attribution] = []
        let cues = Set(found.map(\.cue.lowerBound))
        for index in 1..<max(1, text.count) where text.isWord(index) && text.tokens[index].span.utf8.count == 4 && text.lower(index) == "that" {
            if Interruption.isRequested { return [] }
            let verbIndex = index - 1
            guard text.isWord(verbIndex), !text.isCapitalised(verbIndex), !cues.contains(verbIndex), text.match(covering: verbIndex) == nil,
                let sentence = text.sentence(of: verbIndex), verbIndex > sentence.tokens.lowerBound, index + 1 < sentence.tokens.upperBound
            else { continue }
            let word = text.lower(verbIndex)
            let looksLikeVerb = text.isIn(.irregularPasts, verbIndex) || word.count > 4 && (word.hasSuffix("ed") || word.hasSuffix("es") && !word.hasSuffix("ies") || word.hasSuffix("s") && !word.hasSuffix("ss") && !word.hasSuffix("us"))
            guard looksLikeVerb, !text.isIn(.auxiliaries, verbIndex), !text.isIn(.passiveAuxiliaries, verbIndex) else { continue }
            let next = index + 1
            guard text.isCapitalised(next) || text.isNumber(next) || text.isWord(next) && text.isIn(.clauseOpeners, next) else { continue }
            let floor = sentence.tokens.lowerBound
            let previous = text.lower(verbIndex - 1)
            if text.isIn(.nounMarkers, verbIndex - 1) || previous.hasSuffix("'s") || text.isIn(.modals, verbIndex - 1) || previous.hasSuffix("n't") { continue }
            if text.isIn(.passiveAuxiliaries, verbIndex - 1) { continue }
            guard let subject = parser.subject(of: verbIndex, floor: floor), subject.namesSource(in: text),
                let content = trimmed(next..<clauseEnd(from: next, ceiling: sentence.tokens.upperBound))
            else { continue }
            frames.append(Attribution(label: .indirectQuote, cue: verbIndex..<(verbIndex + 1), speaker: subject, content: content, rule: "citation.that-clause"))
        }
        return frames
    }

    // MARK: Quotations with a verb outside the lexicons

    /// "“This is fantastic!” beamed Ada Ruiz." and "“…,” Trump quipped.": a quotation followed by a
    /// name and a verb-like word (or the other way round) is that person's, whatever the verb.
    private func quotationFrames(besides found: [Attribution]) -> [Attribution] {
        var frames: [Attribution] = []
        let used = Set(found.flatMap { attribution in [attribution.content.lowerBound, attribution.content.lowerBound - 1] })
        for quote in text.quotes {
            if Interruption.isRequested { return [] }
            guard !used.contains(quote.open), !used.contains(quote.inner.lowerBound), let sentence = text.sentence(of: quote.close) else { continue }
            let ceiling = sentence.tokens.upperBound
            var next = quote.close + 1
            if text.isMark(next, [","]) { next += 1 }
            guard next + 1 < ceiling, text.isWord(next) else { continue }
            var speaker: SpeakerPhrase?
            var cue = next..<(next + 1)
            if !text.isCapitalised(next), looksLikePast(next), let phrase = parser.right(from: next + 1, ceiling: ceiling), !phrase.isPronoun,
                phrase.name != nil || phrase.role != nil
            {
                speaker = phrase
            } else if let phrase = parser.right(from: next, ceiling: ceiling), phrase.name != nil || phrase.role != nil || phrase.isPronoun,
                phrase.tokens.upperBound < ceiling, !text.isCapitalised(phrase.tokens.upperBound), looksLikePast(phrase.tokens.upperBound),
                phrase.tokens.upperBound + 1 == ceiling || text.isPunctuation(phrase.tokens.upperBound + 1)
                    || text.isIn(.adverbialStarts, phrase.tokens.upperBound + 1)
            {
                speaker = phrase
                cue = phrase.tokens.upperBound..<(phrase.tokens.upperBound + 1)
            }
            guard let speaker, quote.inner.count >= 2, !text.isTitleLike(quote) else { continue }
            frames.append(Attribution(
                label: .indirectQuote, cue: cue, speaker: speaker, content: quote.open..<(quote.close + 1), rule: "citation.quote-verb"))
        }
        return frames
    }

    /// A lower-case word shaped like a past tense ("beamed", "quipped", "shot", "wrote").
    private func looksLikePast(_ index: Int) -> Bool {
        guard index < text.count, text.isWord(index), !text.isCapitalised(index) else { return false }
        let word = text.lower(index)
        if text.isIn(.irregularPasts, index) || ["shot", "fired", "snapped", "cried", "sang", "began", "went", "put", "sighed"].contains(word) { return true }
        return word.count > 4 && word.hasSuffix("ed") && !text.isIn(.auxiliaries, index)
    }

    // MARK: "In the poll, …"

    /// "In the latest county poll, the mayor leads by six points": a clause opened by "in" and
    /// a document (poll, survey, report, study) credits the rest of the clause to it, as
    /// "according to" would. Not when the clause has its own attribution ("In a statement, the
    /// ministry said …"): that verb's speaker is the source.
    private func documentFrames(besides found: [Attribution]) -> [Attribution] {
        var frames: [Attribution] = []
        let cues = Set(found.map(\.cue.lowerBound))
        for sentence in text.sentences {
            if Interruption.isRequested { return [] }
            let floor = sentence.tokens.lowerBound
            let ceiling = sentence.tokens.upperBound
            guard let index = (floor..<min(ceiling, floor + 4)).first(where: { text.isWord($0) && text.lower($0) == "in" }),
                index == floor || isIntroduction(floor..<index), !cues.contains(index), text.match(covering: index) == nil,
                let comma = ((index + 1)..<min(ceiling, index + 12)).first(where: { text.isPunctuation($0) }), text.isMark(comma, [","]),
                comma > index + 1, text.isWord(index + 1), text.isIn(.determiners, index + 1) || text.isIn(.possessives, index + 1) || text.isCapitalised(index + 1),
                let head = ((index + 1)..<comma).last(where: { text.sourceWordKind($0) == .document }),
                // The document heads the phrase: only a time or a participle after it ("poll last month", "survey released Monday").
                ((head + 1)..<comma).allSatisfy({ text.isNumber($0) || text.isWord($0) && (text.isIn(.timeWords, $0) || text.isIn(.timeNouns, $0)
                    || text.isIn(.weekdays, $0) || text.isIn(.timeDeterminers, $0) || text.lower($0).hasSuffix("ed")) }),
                !((index + 1)..<comma).contains(where: { text.verb(at: $0) != nil && $0 != head }),
                !((comma + 1)..<ceiling).contains(where: { text.verb(at: $0)?.isSpeech == true || cues.contains($0) }),
                let content = trimmed((comma + 1)..<clauseEnd(from: comma + 1, ceiling: ceiling)),
                !found.contains(where: { $0.content.overlaps(content) })
            else { continue }
            let phrase = parser.describe((index + 1)..<comma) ?? SpeakerPhrase(tokens: (index + 1)..<comma, kind: .document)
            frames.append(Attribution(label: .accordingTo, cue: index..<(index + 1), speaker: phrase, content: content, rule: "citation.in-document"))
        }
        return frames
    }

    // MARK: Colons

    /// Words that label a line rather than name a speaker ("Update:", "Photo:", "Editor's note:").
    static let lineLabels: Set<String> = [
        "update", "updated", "note", "editor", "editors", "photo", "photos", "video", "watch", "read", "related", "source",
        "sources", "credit", "correction", "corrections", "disclosure", "warning", "breaking", "exclusive", "analysis", "opinion",
        "live", "subscribe", "follow", "share", "click", "tags", "tag", "image", "images", "caption", "graphic", "chart", "map",
        "table", "figure", "topics", "topic", "contact", "email", "listen", "transcript", "summary", "background", "timeline",
        "why", "what", "how", "who", "when", "where", "here", "this", "that", "the", "and", "but", "so", "also", "plus", "more",
        "see", "step", "part", "chapter", "section", "question", "answer", "advertisement", "sponsored", "quiz",
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "tomorrow",
        "first", "second", "third", "finally", "example", "bottom", "key", "verdict", "result", "results", "score",
    ]

    /// "Lewandowski: FBI director acted as judge and jury" (a headline or a transcript's
    /// speaker label) and "… said Ana Ruiz, a pollster: “…”": a name and a colon credit
    /// the words after it. A line label ("Update:") or a time ("9:55") is no name.
    private func colonFrames(besides found: [Attribution]) -> [Attribution] {
        var frames: [Attribution] = []
        let taken = Set(found.map(\.content.lowerBound))
        // The last words of the names cited elsewhere: a headline "Ortiz: …" names a speaker of the article.
        var cited = Set<String>()
        for attribution in found {
            guard let speaker = attribution.speaker, !speaker.isPronoun, let last = (speaker.name ?? speaker.tokens).last(where: { text.isWord($0) }) else { continue }
            cited.insert(text.lower(last).replacing("'s", by: ""))
        }
        for index in 0..<text.count where text.tokens[index].span.utf8.count == 1 && text.isMark(index, [":"]) {
            if Interruption.isRequested { return [] }
            guard let sentence = text.sentence(of: index), index + 1 < sentence.tokens.upperBound || text.isOpeningQuote(index + 1) else { continue }
            let floor = sentence.tokens.lowerBound
            let ceiling = sentence.tokens.upperBound
            if taken.contains(index + 1) || taken.contains(index + 2) { continue }
            // Not in a numbered list ("[2] Harbor Times: “Ships”").
            if text.isMark(floor, ["["]) || text.isNumber(floor) { continue }
            // A name opening the line.
            if (1...4).contains(index - floor), (floor..<index).allSatisfy({ text.isCapitalised($0) || text.isMark($0, [".", "-", "'", "\u{2019}"]) && $0 > floor }),
                !text.isIn(.lineLabels, floor), !(floor..<index).contains(where: { text.isWord($0) && text.isIn(.lineLabels, $0) && !text.isSourceTerm($0) }),
                var speaker = parser.describe(floor..<index), [.person, .organization, .government, .media, .document].contains(speaker.kind),
                (index - floor == 1 && isShouted(floor)) || (floor..<index).contains(where: { text.isSourceTerm($0) })
                    || (floor..<index).last(where: { text.isWord($0) }).map({ cited.contains(text.lower($0)) }) == true,
                // "Hill Road depot: $5,000", "Turnout: 64%": a line of a list of figures, not words.
                !opensWithFigure(index + 1, ceiling: ceiling),
                let content = trimmed((index + 1)..<ceiling),
                // "Poll: Turnout hits a record" credits the poll; "Poll: Who will win?" asks the reader.
                !(speaker.kind == .document && text.isMark(ceiling - 1, ["?"]))
            {
                if isShouted(floor) { speaker.kind = .person }
                frames.append(Attribution(
                    label: speaker.kind == .media || speaker.kind == .document ? .accordingTo : .indirectQuote, cue: index..<(index + 1),
                    speaker: speaker, content: content, rule: "citation.colon-label"))
                continue
            }
            // A named speaker just before a colon and a quotation.
            guard let quote = text.quoteOpeningAt[index + 1] else { continue }
            if let speaker = parser.left(before: index, floor: floor), !speaker.isPronoun,
                speaker.name != nil || speaker.role != nil, speaker.namesSource(in: text),
                speaker.tokens.lowerBound == floor || text.isPunctuation(speaker.tokens.lowerBound - 1) || !text.isCapitalised(speaker.tokens.lowerBound - 1)
            {
                frames.append(Attribution(
                    label: .indirectQuote, cue: index..<(index + 1), speaker: speaker, content: quote.open..<(quote.close + 1),
                    rule: "citation.colon-quote"))
                continue
            }
            // "Kasich resisted: “…”", "the ministry issued a statement: “…”": the clause's subject, a few words before.
            if index - floor <= 12, let speaker = parser.right(from: floor, ceiling: index), speaker.namesSource(in: text) || speaker.isPronoun,
                speaker.tokens.upperBound < index,
                !text.isCapitalised(speaker.tokens.upperBound), text.isWord(speaker.tokens.upperBound),
                !((speaker.tokens.upperBound)..<index).contains(where: { text.isPunctuation($0) || text.isOpeningQuote($0) })
            {
                frames.append(Attribution(
                    label: .indirectQuote, cue: speaker.tokens.upperBound..<(index + 1), speaker: speaker, content: quote.open..<(quote.close + 1),
                    rule: "citation.colon-quote"))
            }
        }
        return frames
    }

    /// Whether the words at `index` open with a sum ("$80,100") or are a figure alone ("64%"):
    /// a list's line, not a statement ("Poll: 3 races are tight" is one).
    private func opensWithFigure(_ index: Int, ceiling: Int) -> Bool {
        guard index < ceiling else { return false }
        var figure = index
        if index + 1 < ceiling, text.isMark(index, ["$", "\u{00A3}", "\u{20AC}"]) { figure += 1 }
        guard text.isNumber(figure) else { return false }
        var next = figure + 1
        if next < ceiling, text.isMark(next, ["%"]) { next += 1 }
        return next >= ceiling || text.isPunctuation(next)
    }

    /// A word in capitals, as transcripts write a speaker's name ("TAPPER:").
    private func isShouted(_ index: Int) -> Bool {
        text.isWord(index) && text.word(index).count >= 2 && parser.isAcronym(index) && !text.isSourceTerm(index)
    }

    // MARK: Reporting verbs

    /// A verb's attribution, and a second one when quotations stand on both
    /// sides of it: "“…,” he said, “…”".
    private func verbFrames(_ cue: Range<Int>, verb: ReportingVerb) -> [Attribution] {
        guard let attribution = verbFrame(cue, verb: verb) else { return [] }
        guard let speaker = attribution.speaker, !attribution.speakerFromClause, speaker.tokens.upperBound <= cue.lowerBound,
            let floor = text.sentence(of: cue.lowerBound)?.tokens.lowerBound,
            let before = preposedContent(before: speaker.tokens.lowerBound, floor: floor), text.quoteOpeningAt[before.lowerBound] != nil,
            !attribution.content.contains(before.lowerBound)
        else { return [attribution] }
        var first = attribution
        first.content = before
        first.rule = "citation.content-speaker-verb"
        return [first, attribution]
    }

    /// Verbs that follow "said to" as an infinitive ("said to be", "said to have").
    static let infinitiveHeads: Set<String> = ["be", "have", "include", "involve", "favor", "favour", "want", "own", "number", "total", "cost"]

    /// Words that open the question after "asked" ("asked whether", "asked about").
    static let questionOpeners: Set<String> = ["if", "whether", "why", "how", "what", "who", "whom", "when", "where", "which", "about"]

    /// "Asked whether he would run, Ortiz said …", "When asked about the plan, …": the question
    /// is attributed to an unnamed asker (often the reporter); the answer has its own citation.
    private func unnamedQuestion(_ cue: Range<Int>, verb: ReportingVerb) -> Attribution? {
        let index = cue.lowerBound
        guard verb.lemma == "ask", cue.count == 1, text.lower(index) == "asked", let sentence = text.sentence(of: index) else { return nil }
        let floor = sentence.tokens.lowerBound
        let ceiling = sentence.tokens.upperBound
        // "when asked" also after the answer's verb: "…,” she said when asked how …".
        let opens = index == floor || text.isWord(index - 1) && text.isIn(.questionLeadIns, index - 1)
            && (index - 1 == floor || text.isPunctuation(index - 2) || text.lower(index - 1) == "when")
        guard opens, cue.upperBound < ceiling else { return nil }
        // "Asked by a reporter whether …" names the asker; "Asked at the port last week whether …" says where and
        // when: a short stretch (no mark, no verb) before the question's first word.
        var question = cue.upperBound
        var asker: SpeakerPhrase?
        if text.isWord(question), text.lower(question) == "by", let phrase = parser.right(from: question + 1, ceiling: ceiling)
            ?? parser.plainSpeaker((question + 1)..<min(ceiling, question + 4))
        {
            asker = phrase
            question = phrase.tokens.upperBound
        }
        let limit = min(ceiling, question + 7)
        while question < limit, text.isWord(question) || text.isNumber(question), !text.isIn(.questionOpeners, question),
            text.verb(at: question) == nil, question == cue.upperBound || asker != nil || text.isIn(.adverbialStarts, cue.upperBound)
        {
            question += 1
        }
        guard question < ceiling, text.isWord(question), text.isIn(.questionOpeners, question) else { return nil }
        var end = question
        while end < ceiling, !text.isMark(end, [",", ";", ":", "—", "–"]) { end += 1 }
        guard end < ceiling || question > cue.upperBound || index > floor, let content = trimmed(question..<end) else { return nil }
        return Attribution(
            label: .indirectQuote, cue: cue, verb: verb, speaker: asker, content: content, rule: "citation.asked", unnamedSource: asker == nil)
    }

    /// Forms of reporting verbs that before "of" are plural nouns, not verbs ("the states of", "Prepared
    /// Remarks of Sen. …").
    static let pluralNounsBeforeOf: Set<String> = ["states", "remarks"]

    private func verbFrame(_ cue: Range<Int>, verb: ReportingVerb) -> Attribution? {
        if let question = unnamedQuestion(cue, verb: verb) { return question }
        let verbIndex = cue.lowerBound
        let after = cue.upperBound
        guard text.verb(at: verbIndex) != nil, let sentence = text.sentence(of: verbIndex) else { return nil }
        let floor = sentence.tokens.lowerBound
        let ceiling = sentence.tokens.upperBound
        let previous = verbIndex > floor && text.isWord(verbIndex - 1) ? text.lower(verbIndex - 1) : nil
        let next = after < ceiling && text.isWord(after) ? text.lower(after) : nil
        // A noun, not a verb: "the claims", "Putin's claims", "estimates suggest".
        if let previous, text.isIn(.nounMarkers, verbIndex - 1) || previous.hasSuffix("'s") { return nil }
        // A plural noun before "of": "the US states of Idaho and Ohio", "member states of the union" (but "warns
        // of", "speaks of" are verbs, and "claims of fraud", "reports of shelling" are reports, read as nouns below).
        if next == "of", cue.count == 1, Self.pluralNounsBeforeOf.contains(text.lower(verbIndex)) { return nil }
        if after < ceiling, text.verb(at: after) != nil { return nil }
        if let previous, text.isIn(.modals, verbIndex - 1) || previous.hasSuffix("n't") { return nil }
        // "would likely oppose", "could well say": a modal before an adverb is the writer's conjecture too.
        if let previous, previous.hasSuffix("ly"), verbIndex - 2 >= floor, text.isWord(verbIndex - 2), text.isIn(.modals, verbIndex - 2),
            text.lower(verbIndex - 2) != "to", text.lower(verbIndex - 2) != "not", text.lower(verbIndex - 2) != "did"
        {
            return nil
        }
        if verb.use == .quote, next != nil, text.isIn(.phrasalParticles, after) { return nil }
        // "showed up", "found itself at the centre": another verb, not a report.
        if cue.count == 1, next != nil, text.isIn(.particlesAndReflexives, after) { return nil }
        // Not attribution: "that said,", "having said that", "is said to be", "the said".
        if verb.lemma == "say" {
            if previous == "having" || previous == "needless" || previous == "so" { return nil }
            if previous == "that", text.isMark(verbIndex + 1, [","]) { return nil }
            // "is said to be", "said to have": hearsay about someone, not a saying. "said to the crowd",
            // "said to loud cheers": whom or what it was said to, and the words are elsewhere.
            if next == "to", previous == nil || text.isIn(.passiveAuxiliaries, verbIndex - 1)
                || after + 1 >= ceiling || !text.isWord(after + 1) || Self.infinitiveHeads.contains(text.lower(after + 1))
                || verbIndex > floor && text.isMark(verbIndex - 1, [","])
            {
                return nil
            }
        }
        // "is insisting that": a progressive, not a passive; its subject stands before the auxiliary.
        let progressive = verb.isParticiple && previous != nil && text.isIn(.passiveAuxiliaries, verbIndex - 1)
        // "was criticized", "was severely criticized", "is now called": an adverb may stand between the auxiliary and the verb.
        var auxiliary = verbIndex - 1
        while auxiliary > floor, auxiliary >= verbIndex - 2, text.isLyAdverb(auxiliary) || text.isIn(.timeAdverbs, auxiliary) {
            auxiliary -= 1
        }
        if !progressive, previous != nil, auxiliary >= floor, text.isWord(auxiliary), text.isIn(.passiveAuxiliaries, auxiliary) {
            return verb.isSpeech ? passiveFrame(cue, verb: verb, ceiling: ceiling) : nil
        }
        if verb.isParticiple, !progressive {
            // "with most tenants saying …", "a placard saying “…”", "aides telling reporters …": a noun phrase
            // right before a participle of saying is its speaker.
            if verbIndex > floor, !text.isMark(verbIndex - 1, [","]), previous != "and", previous != "while",
                verb.use == .speech || verb.use == .quote || verb.use == .intention && Self.backing.contains(verb.lemma),
                let speaker = nounBefore(verbIndex, floor: floor), var content = contentAfter(after, verb: verb, ceiling: ceiling),
                // "His team started observing the system": words said are a clause or a quotation; only a stand takes an object.
                verb.use == .intention || isClauseLike(content)
            {
                // "a group backing the plan spent …": what is backed is the object, up to the clause's own verb.
                if verb.use == .intention, let verbEnd = content.dropFirst().first(where: { looksLikePast($0) || text.isWord($0) && !text.isCapitalised($0)
                    && (SpeakerParser.finiteVerbs.contains(text.lower($0)) || text.verb(at: $0) != nil) }), let cut = trimmed(content.lowerBound..<verbEnd)
                {
                    content = cut
                }
                // "With most tenants saying …, the council met", "a placard saying the plan was dead, he said": the
                // participle's clause ends at its comma (outside a quotation).
                if let comma = content.first(where: { text.isMark($0, [","]) && quotation(containing: $0) == nil }),
                    let cut = trimmed(content.lowerBound..<comma)
                {
                    content = cut
                }
                return Attribution(label: .indirectQuote, cue: cue, verb: verb, speaker: speaker, content: content, rule: "citation.noun-participle")
            }
            guard verbIndex > floor, text.isMark(verbIndex - 1, [","]) || previous == "and" || previous == "while" else { return nil }
            // ", promising huge profits", ", threatening the coast": with an object these augur or menace; a
            // commitment takes an infinitive or a clause (", promising to …", ", threatening that …").
            if Self.commissives.contains(verb.lemma), !(next == "to" || next == "that") { return nil }
            // ", seeing as …" is a conjunction ("since"), not a view.
            if verb.lemma == "see", next == "as" { return nil }
            guard let content = contentAfter(after, verb: verb, ceiling: ceiling) else { return nil }
            return Attribution(
                label: .indirectQuote, cue: cue, verb: verb, speaker: nil, content: content,
                rule: "citation.participle", speakerFromClause: true)
        }
        // "Grants approved by the board go to …": a participle with its agent and no auxiliary
        // describes a noun; the clause's verb comes later. Not "concluded by saying" or "announced
        // by email": the verb's own manner and medium.
        if next == "by", verb.form.hasSuffix("ed"), previous != nil, !text.isMark(verbIndex - 1, [","]), after + 1 < ceiling,
            text.isWord(after + 1), !text.isIn(.media, after + 1), !text.lower(after + 1).hasSuffix("ing"),
            // The clause's own finite verb follows the agent, before any mark ("… by the board are part of …").
            ((after + 1)..<min(ceiling, after + 10)).prefix(while: { !text.isPunctuation($0) && !(text.isWord($0) && text.lower($0) == "that") })
                .contains(where: { text.isWord($0) && SpeakerParser.finiteVerbs.contains(text.lower($0)) })
        {
            return nil
        }
        if let subject = parser.subject(of: verbIndex, floor: floor) {
            if verb.use == .evidence, subject.isPronoun { return nil }
            // "Can we predict …?", "Do I think …?": the asker's question reports no one's words.
            if isInvertedQuestion(subject: subject, floor: floor, ceiling: ceiling) { return nil }
            // "its May proposed rule", "the 2040 projected cost", "40 pledged votes": a month, a
            // weekday or a figure alone is no one; the verb's form is an adjective there. A count may say
            // ("43 said the same"), a year not.
            // (After an article or a possessive too: "Its May proposed rule".)
            let bare = subject.tokens.drop { text.isWord($0) && (text.isIn(.determiners, $0) || text.isIn(.possessives, $0)) }
            if bare.count == 1, !subject.isPronoun, let only = bare.first,
                text.isNumber(only) && (verb.lemma != "say" || text.isYear(only))
                    || text.isWord(only) && (text.isIn(.months, only) || text.isIn(.weekdays, only))
            {
                return nil
            }
            // "We're told …", "I'm told …": a passive; the subject was told, by someone unnamed.
            if let last = subject.tokens.last, text.isWord(last), text.lower(last).hasSuffix("'re") || text.lower(last).hasSuffix("'m") {
                return nil
            }
            // "it seems", "it wants": only a body's or a document's saying ("the ministry … It said").
            if subject.isPronoun, text.lower(subject.tokens.lowerBound) == "it", !verb.isSpeech { return nil }
            // "Some plans envisage …", "Many reports claim …": after a quantifier the form is a plural noun, not a verb.
            if Self.nounLikeForms.contains(verb.form), !subject.isPronoun, subject.tokens.count == 1, text.isWord(subject.tokens.lowerBound),
                Self.pluralQuantifiers.contains(text.lower(subject.tokens.lowerBound))
            {
                return nil
            }
            if Self.nounLikeForms.contains(verb.form), !subject.isPronoun, subject.name == nil,
                !(next == "that" || text.isMark(after, [":", ","]) || text.isOpeningQuote(after))
            {
                return nil
            }
            // "“…,” Cruz told reporters outside.": a quotation just before the speaker is the words.
            let head = subject.role.map { min($0.lowerBound, subject.tokens.lowerBound) } ?? subject.tokens.lowerBound
            if let quoted = preposedContent(before: head, floor: floor), let quote = text.quoteOpeningAt[quoted.lowerBound],
                quote.close + 1 == quoted.upperBound
            {
                var attribution = Attribution(
                    label: .indirectQuote, cue: cue, verb: verb, speaker: subject, content: quoted,
                    rule: "citation.content-speaker-verb")
                if let second = quoteResuming(after: after, ceiling: ceiling) { attribution.parts = [quote, second] }
                return attribution
            }
            // "In a merger, he said, the brand would survive": the words stand on both sides.
            if verb.use != .intention, text.isMark(after, [","]), after + 1 < ceiling, !text.isOpeningQuote(after + 1), text.verb(at: after + 1) == nil,
                head - 1 > floor, text.isMark(head - 1, [","]), !text.isClosingQuote(head - 2),
                let before = trimmed(clauseStart(before: head - 1, floor: floor)..<(head - 1)),
                let rest = trimmed((after + 1)..<clauseEnd(from: after + 1, ceiling: ceiling))
            {
                if !verb.isSpeech, !subject.namesSource(in: text) { return nil }
                return Attribution(
                    label: .indirectQuote, cue: cue, verb: verb, speaker: subject, content: before.lowerBound..<rest.upperBound,
                    rule: "citation.parenthetical")
            }
            // "As the report noted, turnout fell": an "as" clause names the source, and the words
            // follow the comma that closes it (after a short circumstance: "noted in May,").
            var lead = head - 1
            while lead > floor, text.isWord(lead), text.isIn(.determiners, lead) { lead -= 1 }
            if verb.isSpeech, lead >= floor, text.isWord(lead), text.lower(lead) == "as",
                lead == floor || text.isPunctuation(lead - 1) || text.isIn(.clauseConjunctions, lead - 1),
                let comma = (after..<min(ceiling, after + 8)).first(where: { text.isPunctuation($0) }), text.isMark(comma, [","]),
                !(after..<comma).contains(where: { text.verb(at: $0) != nil })
            {
                // Nothing, or a circumstance ("noted in May"), before the comma: the words follow it. An object
                // there makes the "as" one of time ("As the minister announced the cuts, unions walked out"):
                // what was announced is the object, and what follows the comma is not the minister's.
                let circumstance = comma == after
                    || text.isWord(after) && (text.isIn(.adverbialStarts, after) || text.isIn(.timeWords, after) || text.isIn(.weekdays, after))
                if circumstance, let content = trimmed((comma + 1)..<clauseEnd(from: comma + 1, ceiling: ceiling)) {
                    return Attribution(label: .indirectQuote, cue: cue, verb: verb, speaker: subject, content: content, rule: "citation.as-clause")
                }
                if !circumstance, let object = trimmed(after..<comma) {
                    if !subject.namesSource(in: text) { return nil }
                    return Attribution(label: .indirectQuote, cue: cue, verb: verb, speaker: subject, content: object, rule: "citation.speaker-verb")
                }
            }
            if let content = contentAfter(after, verb: verb, ceiling: ceiling) {
                if !verb.isSpeech, !subject.namesSource(in: text) { return nil }
                return Attribution(
                    label: .indirectQuote, cue: cue, verb: verb, speaker: subject, content: content,
                    rule: subject.role.map { !subject.tokens.contains($0.lowerBound) } == true ? "citation.speaker-appositive-verb" : "citation.speaker-verb")
            }
            // "…, Dmitriev reiterated in a briefing." / "“…,” he said."
            guard verb.use != .intention else { return nil }
            let before = subject.role.map { min($0.lowerBound, subject.tokens.lowerBound) } ?? subject.tokens.lowerBound
            if let content = preposedContent(before: before, floor: floor) {
                return Attribution(
                    label: .indirectQuote, cue: cue, verb: verb, speaker: subject, content: content,
                    rule: "citation.content-speaker-verb")
            }
            // "As Dell said last week in Tel Aviv, “…”": the quotation after the circumstances.
            if verb.isSpeech, let quote = quoteResuming(after: after, ceiling: ceiling) {
                return Attribution(
                    label: .indirectQuote, cue: cue, verb: verb, speaker: subject, content: quote.open..<(quote.close + 1),
                    rule: "citation.speaker-verb")
            }
            return nil
        }
        // "“…,” the editorial said": after a quotation, a plain noun phrase before a speech verb is its speaker.
        if verb.isSpeech, let comma = (max(floor, verbIndex - 8)..<verbIndex).last(where: { text.isMark($0, [","]) }),
            comma > floor, text.isClosingQuote(comma + 1) || text.isClosingQuote(comma - 1),
            let speaker = parser.plainSpeaker((text.isClosingQuote(comma + 1) ? comma + 2 : comma + 1)..<verbIndex),
            let content = preposedContent(before: speaker.tokens.lowerBound, floor: floor)
        {
            return Attribution(label: .indirectQuote, cue: cue, verb: verb, speaker: speaker, content: content, rule: "citation.content-speaker-verb")
        }
        // "The clerk said the office was closed", "Both unions say …": a plain noun phrase, whatever its
        // noun, is the speaker of a verb that only reports speech.
        // Not "says a lot about", "told us nothing new", "tells the story of": an idiom, not a report. A thing
        // that is no speaker ("the thermometer said 40 degrees") reports only a clause or a quotation.
        if Self.sayingOnly.contains(verb.lemma), !sayingIdiom(after, ceiling: ceiling), let speaker = parser.plainSubject(of: verbIndex, floor: floor),
            let content = contentAfter(after, verb: verb, ceiling: ceiling) ?? preposedContent(before: speaker.tokens.lowerBound, floor: floor),
            speaker.name != nil || speaker.role != nil || speaker.tokens.contains(where: { text.isSourceTerm($0) || text.isIn(.peoplePlurals, $0) })
                || isClauseLike(content)
        {
            return Attribution(label: .indirectQuote, cue: cue, verb: verb, speaker: speaker, content: content, rule: "citation.plain-subject-verb")
        }
        // "The tally showed Ortiz ahead", "as polls show …", "leaked records showed that …": what data,
        // records or a count shows is credited to them, whatever their noun (with or without an article).
        // Only data, records or a study show so ("her paintings show the harbour" is no source), or what follows is a that-clause.
        if Self.showing.contains(verb.lemma), verb.use == .evidence, let speaker = parser.plainSubject(of: verbIndex, floor: floor, bare: true),
            agrees(speaker, with: verbIndex), next == "that" || (speaker.tokens.lowerBound..<verbIndex).contains(where: { isDataWord($0) }),
            let content = contentAfter(after, verb: verb, ceiling: ceiling)
        {
            var speaker = speaker
            if speaker.name == nil, speaker.role == nil { speaker.kind = .document }
            return Attribution(label: .accordingTo, cue: cue, verb: verb, speaker: speaker, content: content, rule: "citation.plain-subject-evidence")
        }
        // A second verb of the clause: "X shook her head and said, “No.”" (the speaker is the clause's subject).
        if let previous, previous == "and" || previous == "but", let content = contentAfter(after, verb: verb, ceiling: ceiling) {
            return Attribution(
                label: .indirectQuote, cue: cue, verb: verb, speaker: nil, content: content,
                rule: "citation.coordinated", speakerFromClause: true)
        }
        // Inverted: "“…,” said Putin." / "…, said the spokesman."
        if verb.isSpeech, verbIndex > floor, text.isMark(verbIndex - 1, [","]) || text.isClosingQuote(verbIndex - 1),
            let speaker = parser.groupOfSpeaker(from: after, ceiling: ceiling) ?? parser.right(from: after, ceiling: ceiling)
                ?? plainSpeakerAfter(after, ceiling: ceiling)
                ?? parser.describedName(from: after, ceiling: ceiling), !speaker.isPronoun,
            let content = preposedContent(before: verbIndex, floor: floor)
        {
            var attribution = Attribution(
                label: .indirectQuote, cue: cue, verb: verb, speaker: speaker, content: content,
                rule: "citation.content-verb-speaker")
            if let quote = text.quoteOpeningAt[content.lowerBound], quote.close + 1 == content.upperBound,
                let second = quoteResuming(after: speaker.tokens.upperBound, ceiling: ceiling)
            {
                attribution.parts = [quote, second]
            }
            return attribution
        }
        return nil
    }

    /// Auxiliaries that open a question before its subject ("Can we …?", "Did she …?", "Don't you …?").
    static let questionAuxiliaries: Set<String> = [
        "do", "does", "did", "can", "could", "will", "would", "should", "shall", "may", "might", "must", "is", "are", "was", "were",
        "have", "has", "had", "don't", "doesn't", "didn't", "can't", "won't", "wouldn't", "couldn't", "shouldn't", "isn't", "aren't",
        "wasn't", "haven't", "hasn't",
    ]

    /// Whether the subject, "I" or "we", stands after an auxiliary that opens its clause, in a sentence
    /// ending with a question mark: "Can we predict where …?", "How much do we know about …?".
    private func isInvertedQuestion(subject: SpeakerPhrase, floor: Int, ceiling: Int) -> Bool {
        let auxiliary = subject.tokens.lowerBound - 1
        // The asker's own question ("Can we predict …?", "Do I think …?"): one about a third party ("Does he
        // know …?") still says what that party knows or wants.
        guard subject.isPronoun, text.isIn(.writerPronouns, subject.tokens.lowerBound),
            auxiliary >= floor, ceiling - 1 > auxiliary, text.isMark(ceiling - 1, ["?"]) || text.isClosingQuote(ceiling - 1) && text.isMark(ceiling - 2, ["?"]),
            text.isWord(auxiliary), Self.questionAuxiliaries.contains(text.lower(auxiliary))
        else { return false }
        // First in its clause, or after a wh-phrase that opens it ("Why did …", "How much do …", "Which animals did …").
        var before = auxiliary - 1
        while before >= floor, auxiliary - before <= 3, text.isWord(before), !Self.whWords.contains(text.lower(before)), text.verb(at: before) == nil {
            before -= 1
        }
        if before < auxiliary - 1 {
            guard before >= floor, text.isWord(before), Self.whWords.contains(text.lower(before)) else { return false }
        }
        return before < floor || text.isPunctuation(before) && !text.isMark(before, ["-", "'", "\u{2019}"])
            || text.isWord(before) && Self.whWords.contains(text.lower(before))
    }

    /// Words that open a question before its auxiliary ("Why did …?").
    static let whWords: Set<String> = ["why", "how", "what", "when", "where", "who", "whom", "which", "whose", "so", "and", "but"]

    /// Heads of data, records and studies whose showing is a source ("polls show", "the tally showed").
    static let dataWords: Set<String> = [
        "poll", "polls", "polling", "survey", "surveys", "study", "studies", "data", "figure", "figures", "record", "records", "report", "reports",
        "tally", "tallies", "result", "results", "number", "numbers", "document", "documents", "analysis", "analyses", "count", "counts",
        "statistics", "estimate", "estimates", "census", "research", "findings", "test", "tests", "audit", "audits", "review", "forecast",
        "forecasts", "projection", "projections", "model", "models", "returns", "logs", "filings", "accounts",
    ]

    /// A word heading data, records or a study: from ``dataWords`` or a document word of the lexicon.
    private func isDataWord(_ index: Int) -> Bool {
        text.isWord(index) && (Self.dataWords.contains(text.lower(index)) || text.sourceWordKind(index) == .document)
    }

    /// Idioms of "say" and "tell" that report no words: "says a lot about", "said little", "told us nothing new",
    /// "say goodbye", "tells the story of" (an object pronoun may come first).
    private func sayingIdiom(_ start: Int, ceiling: Int) -> Bool {
        var index = start
        if index < ceiling, text.isWord(index), ["us", "me", "him", "her", "them", "you"].contains(text.lower(index)) { index += 1 }
        guard index < ceiling, text.isWord(index) else { return false }
        let word = text.lower(index)
        if ["nothing", "little", "much", "goodbye", "story", "stories", "tale", "tales"].contains(word) { return true }
        guard index + 1 < ceiling, text.isWord(index + 1) else { return false }
        let second = text.lower(index + 1)
        return word == "a" && second == "lot" || ["the", "a", "his", "her", "their", "its"].contains(word) && ["story", "stories", "tale", "tales"].contains(second)
    }

    /// Content shaped like a clause: a that-clause, a quotation, or words holding a finite verb ("the office was closed").
    private func isClauseLike(_ content: Range<Int>) -> Bool {
        guard let first = content.first else { return false }
        if text.isOpeningQuote(first) || text.isWord(first) && text.lower(first) == "that" { return true }
        return content.contains { index in
            text.isWord(index) && !text.isCapitalised(index)
                && (SpeakerParser.finiteVerbs.contains(text.lower(index)) || ["does", "did", "do"].contains(text.lower(index)) || looksLikePast(index)
                    || text.verb(at: index) != nil)
        }
    }

    /// Whether a plain subject agrees with a present-tense verb: "polls show", "the count shows"
    /// (so that "the quiz show is" or "the talk show “Late Hour”" is no noun and verb). Past forms agree with any.
    private func agrees(_ subject: SpeakerPhrase, with verb: Int) -> Bool {
        let form = text.lower(verb)
        guard !form.hasSuffix("ed"), let head = subject.tokens.last(where: { text.isWord($0) }) else { return true }
        let plural = text.lower(head).hasSuffix("s") && !text.lower(head).hasSuffix("ss") || text.lower(head) == "data"
        return form.hasSuffix("s") ? !plural : plural
    }

    /// The noun phrase ending just before `index`: a speaker phrase or share if one parses, else a
    /// plain phrase of up to five words opened by an article, a possessive, a figure or "with" (which it
    /// leaves out). `nil` when the word before is no noun (a verb, an adverb, a clause word).
    private func nounBefore(_ index: Int, floor: Int) -> SpeakerPhrase? {
        let last = index - 1
        // "Ortiz kept saying …", "the council began backing …": a verb of aspect; the speaker is its subject.
        if last > floor, text.isWord(last), Self.aspectVerbs.contains(text.lower(last)) {
            return parser.subject(of: last, floor: floor).flatMap { $0.namesSource(in: text) ? $0 : nil }
        }
        guard last >= floor, text.isWord(last), !text.isCapitalised(last) || text.isCapitalised(last) && last > floor,
            text.verb(at: last) == nil, !text.isIn(.openers, last), !text.isIn(.auxiliaries, last), !text.isIn(.pronouns, last),
            !text.isLyAdverb(last), !text.lower(last).hasSuffix("ing"), !text.isIn(.modals, last),
            !SpeakerParser.finiteVerbs.contains(text.lower(last)), !text.isIn(.clauseOpeners, last) || text.isCapitalised(last),
            !Self.aspectVerbs.contains(text.lower(last)), !Self.phraseBreakers.contains(text.lower(last)), !looksLikePast(last)
        else { return nil }
        if let phrase = parser.left(before: index, floor: floor) ?? parser.quantitySubject(before: index, floor: floor)
            ?? parser.groupSubject(before: index, floor: floor), !phrase.isPronoun
        {
            return phrase
        }
        var start = last
        // "The Senate passed legislation supporting …": a past form, a finite verb or a conjunction ends the phrase.
        while start - 1 >= floor, last - start < 4, text.isWord(start - 1) || text.isNumber(start - 1), text.verb(at: start - 1) == nil,
            !text.isIn(.openers, start - 1) || text.isIn(.subjectOpeners, start - 1), !looksLikePast(start - 1),
            !text.isWord(start - 1) || !SpeakerParser.finiteVerbs.contains(text.lower(start - 1)) && !Self.phraseBreakers.contains(text.lower(start - 1))
                && !text.isIn(.clauseConjunctions, start - 1) && !Self.aspectVerbs.contains(text.lower(start - 1))
        {
            start -= 1
            if text.isWord(start), text.isIn(.subjectOpeners, start) { break }
        }
        guard text.isNumber(start) || text.isWord(start) && (text.isIn(.subjectOpeners, start) || text.isCapitalised(start)),
            start - 1 < floor || !text.isWord(start - 1) || text.verb(at: start - 1) == nil
        else { return nil }
        return SpeakerPhrase(tokens: start..<index, kind: .anonymous)
    }

    /// A quotation that resumes a split statement right after its attribution:
    /// "“…,” she said, “…”" or "“…,” he said in a speech: “…”" (a comma or colon, then the mark,
    /// with only a few words of circumstance between).
    func quoteResuming(after start: Int, ceiling: Int) -> QuotedSpan? {
        var index = start
        while index < min(ceiling, start + 12) {
            if let quote = text.quoteOpeningAt[index] {
                return index > start && text.isMark(index - 1, [",", ":"]) ? quote : nil
            }
            if text.isClosingQuote(index) || text.verb(at: index) != nil || text.isMark(index, [".", ";", "!", "?"]) { return nil }
            index += 1
        }
        return nil
    }

    /// "…,” said one district leader.": the plain noun phrase up to the next comma or the end.
    private func plainSpeakerAfter(_ start: Int, ceiling: Int) -> SpeakerPhrase? {
        var end = start
        while end < min(ceiling, start + 7), !text.isPunctuation(end) { end += 1 }
        guard end == ceiling || text.isMark(end, [",", ".", ";", "!", "?"]) else { return nil }
        return parser.plainSpeaker(start..<end)
    }

    /// "It was announced by the ministry that …" ("was said" without an agent names nobody).
    private func passiveFrame(_ cue: Range<Int>, verb: ReportingVerb, ceiling: Int) -> Attribution? {
        guard cue.upperBound < ceiling, text.isWord(cue.upperBound), text.lower(cue.upperBound) == "by",
            let speaker = parser.right(from: cue.upperBound + 1, ceiling: ceiling)
        else { return nil }
        guard let content = contentAfter(speaker.tokens.upperBound, verb: verb, ceiling: ceiling, needsThat: true) else { return nil }
        return Attribution(
            label: verb.use == .evidence ? .accordingTo : .indirectQuote, cue: cue, verb: verb,
            speaker: speaker, content: content, rule: "citation.passive")
    }

    /// "Reuters Report: Russia's fund could partner …": a sentence that opens
    /// with an outlet's name and a colon credits the rest to the outlet.
    private func headlineFrame(_ outlet: Range<Int>) -> Attribution? {
        guard let sentence = text.sentence(of: outlet.lowerBound), sentence.tokens.lowerBound == outlet.lowerBound else { return nil }
        var colon = outlet.upperBound
        if colon < sentence.tokens.upperBound, text.isWord(colon), text.isIn(.headlineVerbs, colon) {
            colon += 1
        }
        guard colon < sentence.tokens.upperBound, text.isMark(colon, [":"]),
            let speaker = parser.describe(outlet), speaker.kind == .media,
            let content = trimmed((colon + 1)..<clauseEnd(from: colon + 1, ceiling: sentence.tokens.upperBound))
        else { return nil }
        return Attribution(
            label: .accordingTo, cue: outlet.lowerBound..<(colon + 1), speaker: speaker, content: content, rule: "citation.headline")
    }

    // MARK: Attribution phrases

    private func phraseFrame(_ cue: Range<Int>, pattern: PhrasePattern) -> Attribution? {
        guard let sentence = text.sentence(of: cue.lowerBound) else { return nil }
        let floor = sentence.tokens.lowerBound
        let ceiling = sentence.tokens.upperBound
        switch pattern {
        case .quotedAsSaying:
            guard let speaker = parser.left(before: cue.lowerBound, floor: floor),
                let content = contentAfter(cue.upperBound, verb: nil, ceiling: ceiling)
            else { return nil }
            return Attribution(
                label: .indirectQuote, cue: cue, pattern: pattern, speaker: speaker, content: content, rule: "citation.quoted-as-saying")
        case .accordingTo, .reportedBy, .interview:
            // "according to supporters of Ines Moreau": people of someone, as a group (not a document, nor just "supporters").
            guard var speaker = parser.groupOfSpeaker(from: cue.upperBound, ceiling: ceiling) ?? parser.right(from: cue.upperBound, ceiling: ceiling)
                ?? (pattern == .accordingTo ? plainSource(from: cue.upperBound, ceiling: ceiling) : nil)
            else { return nil }
            // "In an interview with Le Monde": the outlet vouches for the words. "Speaking with the journalist
            // Pavel Zarubin": an interviewer asks; the words are the speaker's, cited by the clause's own verb.
            if pattern == .interview, speaker.kind != .media { return nil }
            // "the Russian magazine “National Defense”": the title names the outlet.
            let after = speaker.tokens.upperBound
            if speaker.kind == .media, let quote = text.quoteOpeningAt[after], quote.close < ceiling, quote.inner.count <= 8, !quote.inner.isEmpty {
                speaker.tokens = speaker.tokens.lowerBound..<(quote.close + 1)
                speaker.name = quote.inner
            }
            var end = speaker.tokens.upperBound
            let ruleName = pattern == .interview ? "citation.interview" : pattern == .reportedBy ? "citation.reported-by" : "citation.according-to"
            // At the head of the clause: "According to X, CONTENT."
            let atHead = cue.lowerBound == floor || isIntroduction(floor..<cue.lowerBound)
            if atHead {
                // The words start after the comma that closes the phrase ("Speaking with X on Monday, …").
                if let comma = (end..<min(ceiling, end + 8)).first(where: { text.isMark($0, [","]) }) { end = comma }
                // "According to the agency, which cited police sources, …": a relative clause about the source
                // runs to its own comma; the words follow that.
                if end + 1 < ceiling, text.isMark(end, [","]), text.isWord(end + 1), ["which", "who", "whose"].contains(text.lower(end + 1)),
                    let close = ((end + 2)..<min(ceiling, end + 20)).first(where: { text.isPunctuation($0) }), text.isMark(close, [","])
                {
                    end = close
                }
                // "According to Dr. Kim, a virologist at the university, …": skip the appositive.
                if end < ceiling, text.isMark(end, [","]), let appositive = parser.right(from: end + 1, ceiling: ceiling),
                    appositive.role != nil, appositive.name == nil, text.isMark(appositive.tokens.upperBound, [","]) || appositive.tokens.upperBound < ceiling
                        && (appositive.tokens.upperBound..<min(ceiling, appositive.tokens.upperBound + 5)).contains(where: { text.isMark($0, [","]) })
                {
                    if let comma = (appositive.tokens.upperBound..<ceiling).first(where: { text.isMark($0, [","]) }) {
                        speaker.role = (end + 1)..<comma
                        end = comma
                    }
                }
                while end < ceiling, text.isMark(end, [",", "[", "]"]) || text.isNumber(end) && text.isMark(end - 1, ["["]) { end += 1 }
                guard let content = trimmed(end..<clauseEnd(from: end, ceiling: ceiling)) else { return nil }
                return Attribution(label: .accordingTo, cue: cue, pattern: pattern, speaker: speaker, content: content, rule: ruleName)
            }
            if pattern == .interview { return nil }
            // Inside the words: "Fundraising, according to the filings, has surged."
            if text.isMark(cue.lowerBound - 1, [","]), speaker.tokens.upperBound + 1 < ceiling, text.isMark(speaker.tokens.upperBound, [","]),
                !text.isOpeningQuote(speaker.tokens.upperBound + 1), text.verb(at: speaker.tokens.upperBound + 1) == nil,
                let before = trimmed(clauseStart(before: cue.lowerBound - 1, floor: floor)..<(cue.lowerBound - 1)),
                let rest = trimmed((speaker.tokens.upperBound + 1)..<clauseEnd(from: speaker.tokens.upperBound + 1, ceiling: ceiling))
            {
                return Attribution(
                    label: .accordingTo, cue: cue, pattern: pattern, speaker: speaker, content: before.lowerBound..<rest.upperBound, rule: ruleName)
            }
            // After the words: "CONTENT, according to X." or "CONTENT according to X."
            var stop = cue.lowerBound
            if text.isMark(stop - 1, [","]) { stop -= 1 }
            if let content = preposedContent(before: cue.lowerBound, floor: floor) ?? trimmed(clauseStart(before: stop, floor: floor)..<stop) {
                return Attribution(label: .accordingTo, cue: cue, pattern: pattern, speaker: speaker, content: content, rule: ruleName)
            }
            return nil
        }
    }

    /// "according to media trackers", "according to one global index": whatever noun
    /// phrase follows "according to" is the source, named or not (a document by default).
    private func plainSource(from start: Int, ceiling: Int) -> SpeakerPhrase? {
        var end = start
        while end < min(ceiling, start + 15), text.isWord(end) || text.isNumber(end) || text.isMark(end, ["-", "'", "\u{2019}", "&", "."]) && end > start {
            if text.isWord(end), end > start, text.isIn(.clauseBreakers, end) || text.lower(end) == "that" { break }
            end += 1
        }
        while end > start, text.isPunctuation(end - 1) { end -= 1 }
        guard end > start, (start..<end).contains(where: { text.isWord($0) }) else { return nil }
        return SpeakerPhrase(tokens: start..<end, kind: .document)
    }

    /// Whether tokens before a phrase only introduce the clause ("But", "However,", "In 2023,").
    private func isIntroduction(_ range: Range<Int>) -> Bool {
        guard range.count <= 4 else { return false }
        return range.allSatisfy { index in
            text.isPunctuation(index) || text.isNumber(index) || text.isIn(.openers, index)
        }
    }

    // MARK: Content spans

    /// Words that open a clause of their own inside a circumstance ("said at a rally where he …").
    static let circumstanceBreaks: Set<String> = [
        "where", "when", "while", "who", "whom", "whose", "which", "that", "because", "if", "as", "after", "before", "since", "until",
        "and", "but", "or", "than",
    ]

    /// The subject pronoun that opens a clause after a short circumstance ("on Friday", "in an
    /// interview with the paper"): at most six words after `start`, none of them a verb or a mark.
    private func pronounClause(after start: Int, ceiling: Int) -> Int? {
        var index = start + 1
        while index < min(ceiling - 1, start + 8) {
            guard text.isWord(index) || text.isNumber(index) else { return nil }
            if index > start + 1, text.isWord(index), text.isIn(.pronouns, index), !text.isCapitalised(index) || text.lower(index) == "i",
                text.isWord(index + 1)
            {
                return index
            }
            if text.verb(at: index) != nil || Self.circumstanceBreaks.contains(text.lower(index)) { return nil }
            index += 1
        }
        return nil
    }

    /// The words a verb introduces: after "that" when it comes soon, or after
    /// a colon, or straight after the verb (and its addressee).
    func contentAfter(_ start: Int, verb: ReportingVerb?, ceiling: Int, needsThat: Bool = false) -> Range<Int>? {
        // "said or implied that …": the words follow the whole group of verbs.
        let start = verb.map { verbGroupEnd(after: $0, from: start, ceiling: ceiling) } ?? start
        if let verb, verb.use == .intention { return intended(start, verb: verb, ceiling: ceiling) }
        // "vowed to appeal", "has promised repeatedly to cut fares": a verb of commitment takes an infinitive.
        if let verb, Self.commissives.contains(verb.lemma) {
            var first = start
            while first < ceiling, text.isLyAdverb(first), text.lower(first).count > 4 { first += 1 }
            if first < ceiling, text.isWord(first), text.lower(first) == "to", let wanted = intended(first, verb: verb, ceiling: ceiling) { return wanted }
        }
        var begin = start
        var that: Int?
        var index = start
        // "that" opens the words only after the verb's circumstances or addressee
        // ("said on Monday that", "told reporters that"), not inside them ("said the town voted that way").
        var first = start
        while first < ceiling, text.isLyAdverb(first), text.lower(first).count > 4 { first += 1 }
        let mayLookForThat = first < ceiling && (!text.isWord(first) || text.isCapitalised(first) || text.isIn(.adverbialStarts, first)
            || text.lower(first) == "that" || verb.map { Self.addressing.contains($0.lemma) } == true)
        while mayLookForThat, index < min(ceiling, start + 10) {
            if text.isMark(index, [",", ";", ":", "."]) || text.isOpeningQuote(index) || text.verb(at: index) != nil { break }
            // "thinks Eastport wouldn't make that much sense", "said Ortiz would make that change": once the
            // words have their own verb, "that" is theirs (a determiner), not the one that opens them.
            if index > start, text.isWord(index), !text.isCapitalised(index),
                SpeakerParser.finiteVerbs.contains(text.lower(index)) || text.lower(index).hasSuffix("n't")
            {
                break
            }
            if text.isWord(index), text.lower(index) == "that" {
                that = index
                break
            }
            index += 1
        }
        if that == nil, !needsThat, index < min(ceiling, start + 10), index > start, text.isMark(index, [":"]),
            !(start..<index).contains(where: { text.isPunctuation($0) }), index + 1 < ceiling
        {
            // "said of the request: “…”": the words follow the colon.
            that = index
        }
        if let that {
            begin = that + 1
        } else {
            if needsThat { return nil }
            if verb?.use == .quote {
                // "dismissed Zelenskyy as “not ready for peace”", "called Russia its main opponent".
            } else if text.isMark(begin, [":"]) || text.isMark(begin, [","]) && begin + 1 < ceiling && text.isOpeningQuote(begin + 1) {
                begin += 1
            } else if let lemma = verb?.lemma, Self.addressing.contains(lemma) {
                // The addressee: "told reporters", "told the BBC".
                if let addressee = parser.right(from: begin, ceiling: ceiling), !addressee.isPronoun {
                    begin = addressee.tokens.upperBound
                } else if begin < ceiling, text.isWord(begin), !text.isIn(.adverbialStarts, begin),
                    !startsClause(at: begin, ceiling: ceiling)
                {
                    // "told the press a search …", "told his audience the plan …": after a verb of telling, an article or a
                    // possessive and its noun are whom it was told to (after "praised", "urged" the object is part of the words).
                    if Self.tellingLemmas.contains(lemma), isArticleAndNoun(at: begin, ceiling: ceiling) { begin += 1 }
                    begin += 1
                    // "told state media, adding …", "told reporters outside.": the addressee runs on for a word
                    // or two (no verb, "that" or preposition) to the clause's end, or to a comma before a
                    // participle; the words are elsewhere.
                    var end = begin
                    while end < min(ceiling, begin + 2), text.isWord(end), text.verb(at: end) == nil, text.lower(end) != "that",
                        !text.isIn(.adverbialStarts, end)
                    {
                        end += 1
                    }
                    let closes = end == ceiling || text.isMark(end, [".", ";"])
                        || text.isMark(end, [","]) && end + 1 < ceiling && text.isWord(end + 1) && text.lower(end + 1).hasSuffix("ing")
                    if end > begin, closes { begin = end }
                }
                // "told the crowd, “…”": the quotation after the addressee's comma.
                if text.isMark(begin, [":"]) || text.isMark(begin, [","]) && begin + 1 < ceiling && text.isOpeningQuote(begin + 1) { begin += 1 }
            }
            // "said flatly", "said quietly on Monday".
            let beforeAdverbs = begin
            while begin < ceiling, text.isLyAdverb(begin), text.lower(begin).count > 4 { begin += 1 }
            // "replied warmly and kindly to every letter": after an adverb the manner goes on; no words follow.
            if begin > beforeAdverbs, begin < ceiling, text.isWord(begin), text.isIn(.coordinators, begin) { return nil }
            // "officials said Wednesday.", "said Monday night the talks …": the day says when, not what
            // (with nothing after it, the words are those before the speaker).
            if begin < ceiling, text.isWord(begin), text.isIn(.weekdays, begin) {
                begin += 1
                if begin < ceiling, text.isWord(begin), text.isIn(.timeWords, begin) || text.isIn(.timeNouns, begin) { begin += 1 }
            }
            guard begin < ceiling, !text.isMark(begin, [",", ".", ";", "!", "?", "(", "["]) else { return nil }
            let anaphoric = text.isWord(begin) && text.isIn(.anaphors, begin)
                && !(begin + 1 < ceiling && text.isWord(begin + 1) && text.isIn(.timeWords, begin + 1))
            // "urged them to resign", "asked the court to rule": after an addressee, "to" opens what was asked.
            let askedTo = begin > start && text.lower(begin) == "to" && verb.map { Self.addressing.contains($0.lemma) } == true
            if !anaphoric, !askedTo, text.isWord(begin), text.isIn(.adverbialStarts, begin), !text.isOpeningQuote(begin) {
                // "said on Friday he met …", "told reporters in Ohio they would …": a short circumstance,
                // then a clause whose subject is a pronoun (no "that" needed before it).
                guard let clause = pronounClause(after: begin, ceiling: ceiling) else { return nil }
                begin = clause
            }
        }
        let end = clauseEnd(from: begin, ceiling: ceiling)
        guard let content = trimmed(begin..<end) else { return nil }
        // "things they know about", "what I wondered about": a preposition left at a relative clause's end
        // governs what the clause is about; no words follow the verb.
        if content.count == 1, text.isWord(content.lowerBound), text.isIn(.prepositions, content.lowerBound) || text.isIn(.phrasalParticles, content.lowerBound) {
            return nil
        }
        // "announced this on Tuesday": the words are the previous sentence's. Not after "that", nor when
        // the anaphor is a clause's subject ("said it was over", "told the paper that this is wrong"):
        // only an anaphor standing alone, or before a circumstance, is the object that refers back.
        let words = content.filter { text.isWord($0) }
        let standsAlone = words.count < 2 || text.isIn(.adverbialStarts, words[1]) || text.isIn(.timeWords, words[1])
            || text.lower(words[1]).hasSuffix("ly") || text.isIn(.weekdays, words[1])
        if that == nil, standsAlone, words.count <= 4, let first = words.first, text.isIn(.anaphorsAndSo, first),
            let sentence = text.sentence(of: start), let index = text.sentences.firstIndex(where: { $0.tokens == sentence.tokens }), index > 0,
            text.sentences[index - 1].paragraph == sentence.paragraph
        {
            return trimmed(text.sentences[index - 1].tokens)
        }
        return content
    }

    /// An article or a possessive and a lower-case noun at `index` ("the press", "his audience").
    private func isArticleAndNoun(at index: Int, ceiling: Int) -> Bool {
        index + 2 < ceiling && text.isWord(index) && (text.isIn(.determiners, index) || text.isIn(.possessives, index)
            && !text.isIn(.anaphors, index) && text.lower(index) != "that" && text.lower(index) != "this")
            && text.isWord(index + 1) && !text.isCapitalised(index + 1) && text.verb(at: index + 1) == nil
            && !SpeakerParser.finiteVerbs.contains(text.lower(index + 1))
    }

    /// An article and a noun that a finite verb follows: the subject of the words, not whom they are said
    /// to ("warned the economy would slow", "assured the plant wasn't closing").
    private func startsClause(at index: Int, ceiling: Int) -> Bool {
        guard isArticleAndNoun(at: index, ceiling: ceiling), text.isWord(index + 2) else { return false }
        let next = text.lower(index + 2)
        return SpeakerParser.finiteVerbs.contains(next) || looksLikePast(index + 2) || next.hasSuffix("n't")
            || next.hasSuffix("s") && !next.hasSuffix("ss") && !text.isIn(.possessives, index + 2) && !text.isIn(.openers, index + 2)
                && !text.isIn(.determiners, index + 2)
    }

    /// After the reporting verb `first`, the end of the reporting verbs joined to it by "and" or "or"
    /// ("said or implied", "said and repeated", "claimed, and later insisted,"; adverbs between): the
    /// words they share follow the whole group. `start` itself when no verb is joined.
    func verbGroupEnd(after first: ReportingVerb, from start: Int, ceiling: Int) -> Int {
        /// Whether a verb's form is a present in "-s" ("says", "points out").
        func isPresentS(_ form: String) -> Bool { form.utf8.prefix { $0 != 0x20 }.last == UInt8(ascii: "s") }
        var end = start
        while end < ceiling {
            var index = end
            let comma = text.isMark(index, [","])
            if comma { index += 1 }
            guard index < ceiling, text.isWord(index), text.lower(index) == "and" || text.lower(index) == "or" else { break }
            index += 1
            while index < ceiling, text.isWord(index), text.isLyAdverb(index) || text.isIn(.interjections, index) { index += 1 }
            // Another verb of saying in the same tense ("said or implied", "says and repeats"; not "highlighted
            // and notes written …"), not one that characterises ("wrote and called home": "called" takes an object).
            // Not one that takes whom it is said to ("said and told reporters that …"): its words follow its addressee.
            guard index < ceiling, let verb = text.verb(at: index), !verb.isParticiple, verb.use != .quote, verb.use != .intention,
                !Self.addresseeLemmas.contains(verb.lemma), isPresentS(first.form) == isPresentS(verb.form),
                let match = text.match(startingAt: index)
            else { break }
            index = match.tokens.upperBound
            // The comma that opened the aside closes it ("claimed, and later insisted, that").
            if comma {
                guard index < ceiling, text.isMark(index, [","]) else { break }
                index += 1
            }
            // "what she says and promises is …": a free relative; the verbs have no words of their own here.
            if index < ceiling, text.isWord(index), SpeakerParser.finiteVerbs.contains(text.lower(index)) { break }
            end = index
        }
        return end
    }

    /// Quantifiers that go before a plural noun ("some plans", "many reports"; not "another", which a verb may follow).
    static let pluralQuantifiers: Set<String> = ["some", "many", "most", "all", "both", "several", "few", "other", "such", "more", "numerous", "various"]

    /// Verbs whose object is only whom the words were told to ("told the press …", "reminded his staff …").
    static let tellingLemmas: Set<String> = ["tell", "inform", "remind", "notify"]

    /// Verbs of saying whose object is the person told ("told reporters that …").
    static let addresseeLemmas: Set<String> = ["tell", "ask", "inform", "assure", "remind", "notify", "advise", "brief", "urge", "warn"]

    /// What a thing is said by, not who says it ("announced by email").
    static let media: Set<String> = ["phone", "telephone", "email", "e-mail", "letter", "video", "mail", "fax", "text", "videolink", "satellite"]

    /// Conjunctions that join like to like: the words of a saying never open with one.
    static let coordinators: Set<String> = ["and", "or", "but", "nor"]

    /// Verbs that take an -ing form as their object ("kept saying", "started backing", "stopped supporting").
    static let aspectVerbs: Set<String> = [
        "keep", "keeps", "kept", "begin", "begins", "began", "start", "starts", "started", "stop", "stops", "stopped", "continue", "continues",
        "continued", "quit", "quits", "finish", "finishes", "finished", "avoid", "avoids", "avoided", "risk", "risks", "risked", "mind", "minded",
        "enjoy", "enjoys", "enjoyed",
    ]
    /// Conjunctions and prepositions that never end a noun phrase before a participle ("Rather than attacking …").
    static let phraseBreakers: Set<String> = [
        "than", "rather", "or", "nor", "whether", "about", "into", "against", "upon", "like", "unlike", "toward", "towards", "through",
        "across", "between", "among", "within", "around", "besides", "except", "until",
    ]
    /// Verbs of backing whose participle after a noun names a stand ("a group backing the mayor").
    static let backing: Set<String> = ["support", "back", "oppose", "favor", "endorse"]
    /// Verbs of intention whose object is what is wanted or backed ("wants a recount", "opposes the bill").
    static let objectIntentions: Set<String> = ["want", "seek", "support", "oppose", "back", "favor", "endorse", "prefer", "plan"]

    /// What a verb of intention attributes: an infinitive ("refused to comment"),
    /// or the object of a verb of wanting or backing ("backed the measure").
    private func intended(_ start: Int, verb: ReportingVerb, ceiling: Int) -> Range<Int>? {
        var begin = start
        while begin < ceiling, text.isLyAdverb(begin), text.lower(begin).count > 4 { begin += 1 }
        guard begin < ceiling, text.isWord(begin) || text.isOpeningQuote(begin) else { return nil }
        let word = text.lower(begin)
        if word == "to" {
            guard begin + 1 < ceiling, text.isWord(begin + 1), !text.isIn(.determiners, begin + 1) else { return nil }
        } else {
            guard Self.objectIntentions.contains(verb.lemma), !text.isIn(.adverbialStarts, begin), !text.isIn(.openers, begin) || word == "this" else { return nil }
        }
        return trimmed(begin..<clauseEnd(from: begin, ceiling: ceiling))
    }

    /// The words before a speaker: a quotation closing just before it, or the
    /// clause up to the comma ("Reserves are large, Dmitriev said").
    func preposedContent(before index: Int, floor: Int) -> Range<Int>? {
        var stop = index
        // A quotation closing just before: in this sentence, or ending the previous one of the same paragraph ("“…?” she asked").
        // One that ends with a full stop is a sentence of its own: a new sentence opening with a capitalised
        // speaker ("“…ends here.” She said the plan …") starts afresh.
        if let quote = text.quoteClosingAt[stop - 1], stop - 1 >= floor || sameParagraph(stop - 1, stop) && !closesSentence(quote, before: stop) {
            return quote.open..<(quote.close + 1)
        }
        guard stop - 1 > floor, text.isMark(stop - 1, [",", "—", "–"]) else { return nil }
        stop -= 1
        if let quote = text.quoteClosingAt[stop - 1] { return quote.open..<(quote.close + 1) }
        guard let content = trimmed(clauseStart(before: stop, floor: floor)..<stop) else { return nil }
        return content.filter({ text.isWord($0) }).count >= 2 ? content : nil
    }

    /// The most tokens a clause before its speaker may hold (words and punctuation). News
    /// sentences stay far below it; a "sentence" longer is a table, a list or text without
    /// full stops, where the clause has no start to find, and taking everything back to the
    /// sentence start for every cue in it would make the work grow with the square of its
    /// length. There the content is the last tokens before the speaker, and the speaker stays.
    static let longestClause = 200

    /// A quotation that ends with its own full stop and is followed by a capitalised word: "“… here.” She".
    private func closesSentence(_ quote: QuotedSpan, before next: Int) -> Bool {
        !quote.inner.isEmpty && text.isMark(quote.inner.upperBound - 1, ["."]) && next < text.count && text.isCapitalised(next)
    }

    private func sameParagraph(_ first: Int, _ second: Int) -> Bool {
        guard let one = text.sentence(of: first), let two = text.sentence(of: second) else { return false }
        return one.paragraph == two.paragraph
    }

    /// Where the clause ending at `stop` begins: the sentence start, or after an
    /// introductory "According to X," or a closing quotation's frame.
    /// A clause reaches back ``longestClause`` tokens at most: past that, its last ones are
    /// the content (see ``longestClause``).
    private func clauseStart(before stop: Int, floor: Int) -> Int {
        let floor = max(floor, stop - Self.longestClause)
        var start = floor
        // Skip "According to X," at the head.
        if let match = text.match(startingAt: floor), match.payloads.contains(where: { if case .phrase = $0 { true } else { false } }),
            match.tokens.upperBound < stop
        {
            // No comma before `stop`: the clause is the phrase itself ("According to X, Y said").
            start = (match.tokens.upperBound..<stop).first(where: { text.isMark($0, [","]) }).map { $0 + 1 } ?? stop
        }
        return start
    }

    /// The end of the clause that starts at `start`: the sentence end, a
    /// semicolon, ", but …", another attribution, or a reference marker.
    /// A quotation is taken whole, even past the sentence end.
    func clauseEnd(from start: Int, ceiling: Int) -> Int {
        // Whether a token ends a clause depends only on the token and the
        // ceiling, so every token a scan passes ends where the scan ends.
        if let known = clauseEnds.end(from: start, ceiling: ceiling) { return known }
        var passed = clauseEnds.takeScratch()
        let end = scanClauseEnd(from: start, ceiling: ceiling, passing: &passed)
        // A scan from a token past the end (inside the next speaker's name) would end elsewhere.
        clauseEnds.record(passed, below: end, end: end, ceiling: ceiling)
        clauseEnds.returnScratch(passed)
        return end
    }

    private func scanClauseEnd(from start: Int, ceiling: Int, passing passed: inout [Int]) -> Int {
        var index = start
        while index < ceiling {
            if let known = clauseEnds.end(from: index, ceiling: ceiling) { return known }
            passed.append(index)
            if let quote = text.quoteOpeningAt[index] {
                if quote.close + 1 >= ceiling { return quote.close + 1 }
                index = quote.close + 1
                continue
            }
            if text.isMark(index, [";"]) { return index }
            if text.isMark(index, ["["]), index + 1 < ceiling, text.isNumber(index + 1) { return index }
            if text.isMark(index, ["("]), index + 1 < ceiling, text.isWord(index + 1), text.lower(index + 1) == "as" { return index }
            if text.isMark(index, [",", "—", "–"]), index + 1 < ceiling {
                let next = index + 1
                // ", but …" ends the words when a new clause with its own subject follows; ", but that …"
                // and ", but was …" go on with the same ones.
                if text.isWord(next), text.isIn(.clauseBreakers, next) {
                    let after = next + 1
                    let ownSubject = after >= ceiling || text.isCapitalised(after) || text.isNumber(after) || !text.isWord(after)
                        || text.isIn(.clauseOpeners, after) && text.lower(after) != "that"
                    if ownSubject { return index }
                }
                if text.verb(at: next)?.isParticiple == true { return index }
                if let match = text.match(startingAt: next), match.payloads.contains(where: { if case .phrase = $0 { true } else { false } }) { return index }
                if text.isWord(next), text.lower(next) == "and", text.verb(at: next + 1) != nil { return index }
                // ", he said" / ", Putin added" at the end of the clause.
                if let phrase = parser.right(from: next, ceiling: ceiling), text.verb(at: phrase.tokens.upperBound) != nil { return index }
                if text.verb(at: next) != nil { return index }
            }
            if text.isWord(index), text.lower(index) == "and", text.verb(at: index + 1) != nil { return index }
            // Another attribution begins inside the clause ("… and Jones said …"): the
            // content stops before its speaker, so that no content swallows the next one.
            if index > start + 1, text.verb(at: index)?.isSpeech == true,
                let speaker = parser.left(before: index, floor: start + 1) ?? parser.quantitySubject(before: index, floor: start + 1),
                speaker.tokens.lowerBound > start
            {
                return speaker.tokens.lowerBound
            }
            index += 1
        }
        return ceiling
    }

    /// Drops marks at both ends (keeping quotation marks and brackets that belong to the words).
    func trimmed(_ range: Range<Int>) -> Range<Int>? {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, text.isPunctuation(lower), !text.isOpeningQuote(lower), !text.isMark(lower, ["("]) { lower += 1 }
        while upper > lower, text.isPunctuation(upper - 1), !text.isClosingQuote(upper - 1), !text.isMark(upper - 1, [")"]) { upper -= 1 }
        // A trailing reference marker "[3]".
        while upper - lower >= 3, text.isMark(upper - 1, ["]"]), text.isNumber(upper - 2), text.isMark(upper - 3, ["["]) {
            upper -= 3
            while upper > lower, text.isPunctuation(upper - 1), !text.isClosingQuote(upper - 1) { upper -= 1 }
        }
        guard lower < upper, (lower..<upper).contains(where: { text.isWord($0) || text.isNumber($0) }) else { return nil }
        return lower..<upper
    }

    // MARK: Direct, mixed or indirect

    /// A frame whose words are one quotation is a direct quote (its content
    /// the quoted words); one whose paraphrase holds a quotation is mixed.
    private func classify(_ attributions: [Attribution]) -> [Attribution] {
        var result: [Attribution] = []
        for var attribution in attributions {
            if let first = attribution.parts.first, let last = attribution.parts.last {
                // One statement in several quotations: its words run from the first to the last.
                attribution.label = .directQuote
                attribution.rule = "citation.quote.split"
                attribution.content = first.inner.lowerBound..<max(first.inner.lowerBound + 1, last.inner.upperBound)
                attribution.quoted = attribution.parts
                while attribution.content.count > 1, text.isMark(attribution.content.upperBound - 1, [",", ";", ":"]) {
                    attribution.content = attribution.content.lowerBound..<(attribution.content.upperBound - 1)
                }
                result.append(attribution)
                continue
            }
            let content = attribution.content
            let all = text.quotes(openingIn: content).filter { content.contains($0.close) }
            // A quoted title inside a paraphrase ("its new drama “Harbor Lights” premiered …") quotes nobody.
            let inside = all.count == 1 ? Array(all) : all.filter { !text.isTitleLike($0) }
            if inside.count == 1, let quote = inside.first,
                (content.lowerBound..<quote.open).allSatisfy(text.isPunctuation),
                ((quote.close + 1)..<content.upperBound).allSatisfy(text.isPunctuation)
            {
                if attribution.label == .indirectQuote {
                    attribution.label = .directQuote
                    attribution.rule = attribution.rule.replacing("citation.", by: "citation.quote.")
                }
                attribution.content = quote.inner
                attribution.quoted = [quote]
            } else if let title = inside.first, inside.count == 1, text.isTitleLike(title) {
                // Only a title in the words: a paraphrase (indirect), not a mixed quote.
            } else if !inside.isEmpty {
                if attribution.label == .indirectQuote { attribution.label = .mixedQuote }
                attribution.quoted = inside
            } else if attribution.verb?.use == .quote {
                // "whom Naryshkin called Russia's most dangerous opponent", "described the plan as …": a named speaker characterises.
                // Also ", calling the plan a disgrace" (the clause's speaker) and "he called the plan a
                // disgrace" (a pronoun, with an object and what it is called: three words at least).
                // "described the plan as reckless" characterises; "described the night of the storm" (an account, what
                // was told) is reported too.
                let characterises = ["call", "dub", "describe"].contains(attribution.verb?.lemma ?? "") || Self.characterising.contains(attribution.verb?.lemma ?? "")
                    && attribution.content.prefix(6).contains(where: { text.isWord($0) && text.lower($0) == "as" })
                let words = attribution.content.filter { text.isWord($0) }.count
                if attribution.speakerFromClause || attribution.speaker?.isPronoun == true {
                    guard characterises, words >= 3 else { continue }
                } else {
                    // "what officials called a reckless budget", "a bill that critics called unfair": a relative before the
                    // subject marks a characterisation, as does a reflexive object ("they called themselves pragmatists").
                    let afterRelative = attribution.speaker.map { speaker in
                        let floor = text.sentence(of: speaker.tokens.lowerBound)?.tokens.lowerBound ?? 0
                        return speaker.tokens.lowerBound > floor && text.isWord(speaker.tokens.lowerBound - 1)
                            && Self.characterisedRelatives.contains(text.lower(speaker.tokens.lowerBound - 1))
                    } ?? false
                    // "The bill that the governor called unfair passed", "The hall, which residents called home, burned":
                    // what is called ends with the relative clause, at its comma or before the main clause's verb.
                    if afterRelative, let first = attribution.content.first,
                        let end = attribution.content.first(where: { index in
                            index > first && (text.isMark(index, [","]) || text.isWord(index) && !text.isIn(.determiners, index - 1)
                                && !text.isIn(.possessives, index - 1)
                                && (looksLikePast(index) || SpeakerParser.finiteVerbs.contains(text.lower(index))))
                        }), let cut = trimmed(first..<end)
                    {
                        attribution.content = cut
                    }
                    let selfDescribed = attribution.content.first(where: { text.isWord($0) }).map {
                        SpeakerParser.emphaticReflexives.contains(text.lower($0))
                    } ?? false
                    guard let speaker = attribution.speaker, characterises,
                        speaker.name != nil && [.person, .government, .organization].contains(speaker.kind) || afterRelative || selfDescribed
                    else { continue }
                }
            }
            if attribution.verb?.use == .quote, let last = inside.last {
                attribution.content = attribution.content.lowerBound..<(last.close + 1)
            }
            if attribution.label == .indirectQuote,
                attribution.verb?.use == .evidence || attribution.speaker.map({ $0.kind == .media || $0.kind == .document }) == true
            {
                attribution.label = .accordingTo
            }
            // A quotation ends with its comma inside ("…,” he said): not part of the words.
            while attribution.content.count > 1, text.isMark(attribution.content.upperBound - 1, [",", ";", ":"]) {
                attribution.content = attribution.content.lowerBound..<(attribution.content.upperBound - 1)
            }
            result.append(attribution)
        }
        // Reported speech inside someone's quoted words belongs to those words ("“My mother told me …,” she said").
        let quotedWords = result.filter { $0.label == .directQuote }.flatMap { attribution in
            attribution.parts.isEmpty ? [attribution.content] : attribution.parts.map(\.inner)
        }.sorted { $0.lowerBound < $1.lowerBound }
        result.removeAll { attribution in
            // The last quoted stretch starting at or before the cue is the only one that can hold it (they do not overlap).
            var low = 0
            var high = quotedWords.count
            while low < high {
                let middle = (low + high) / 2
                if quotedWords[middle].lowerBound <= attribution.cue.lowerBound { low = middle + 1 } else { high = middle }
            }
            guard low > 0 else { return false }
            let words = quotedWords[low - 1]
            return words.contains(attribution.cue.lowerBound) && words != attribution.content
                && !attribution.parts.contains { $0.inner == words }
        }
        // The attributions with a verb, by sentence, in the order of their cues.
        var bySentence: [Int32: [Int]] = [:]
        for (index, attribution) in result.enumerated() where attribution.verb != nil && attribution.pattern == nil && !attribution.speakerFromClause {
            bySentence[text.sentenceOf[attribution.cue.lowerBound], default: []].append(index)
        }
        for key in bySentence.keys { bySentence[key]?.sort { result[$0].cue.lowerBound < result[$1].cue.lowerBound } }
        // "According to Reuters, Dmitriev announced …": the outlet vouches for the same words as the speaker.
        for index in result.indices where result[index].pattern != nil && result[index].pattern != .quotedAsSaying {
            let cue = result[index].cue.lowerBound
            guard let verbs = bySentence[text.sentenceOf[cue]] else { continue }
            // A verb after the phrase, or one whose words stand before it ("…, Dmitriev said, according to Reuters").
            // In "…, threatening “a lawsuit,” according to the letter" the phrase vouches for the whole clause
            // before it, the participle's words included. Not a verb of an aside between the phrase and its
            // words ("According to the agency, which cited police sources, the man fled": what the agency cited
            // is not what it vouches for). The nearest such verb within a clause's reach (``longestClause``
            // tokens either way: all of a news sentence), found from the verbs' cue order, so that a sentence
            // with thousands of cues costs no more per phrase than an ordinary one.
            let phraseCue = result[index].cue
            let words = result[index].content
            var low = 0
            var high = verbs.count
            while low < high {
                let middle = (low + high) / 2
                if result[verbs[middle]].cue.lowerBound < cue - Self.longestClause { low = middle + 1 } else { high = middle }
            }
            var main: Int?
            var nearest = Int.max
            for candidate in verbs[low...] {
                let verbCue = result[candidate].cue.lowerBound
                if verbCue > cue + Self.longestClause { break }
                let content = result[candidate].content
                let verbRange = result[candidate].cue
                guard !content.contains(cue), verbCue > cue || content.upperBound <= verbCue, abs(verbCue - cue) < nearest,
                    !(phraseCue.upperBound <= verbRange.lowerBound && verbRange.upperBound <= words.lowerBound)
                else { continue }
                main = candidate
                nearest = abs(verbCue - cue)
            }
            if let main {
                result[index].content = result[main].content
                result[index].quoted = result[main].quoted
            }
        }
        continueQuotes(&result)
        result = withoutNested(result)
        return result.sorted { ($0.cue.lowerBound, $0.content.lowerBound) < ($1.cue.lowerBound, $1.content.lowerBound) }
    }

    /// Drops attributions whose cue lies inside another's words: "She said
    /// he wants to run" credits her with the whole clause, and his wish is
    /// part of what she said (a reader follows the outer attribution).
    ///
    /// - Complexity: O(n log n): each cue is checked against the content
    ///   reaching furthest among those starting at or before it.
    private func withoutNested(_ attributions: [Attribution]) -> [Attribution] {
        // Speech reported inside a quotation, speaker and all, is part of the quoted words
        // ("“My brother said he'd come,” she recalled"), whoever turns out to have said them.
        let attributions = attributions.filter { attribution in
            guard let quote = quotation(containing: attribution.cue.lowerBound) else { return true }
            let speaker = attribution.speaker?.tokens ?? attribution.cue
            return !(quote.open < speaker.lowerBound && speaker.upperBound <= quote.close)
        }
        guard attributions.count > 1 else { return attributions }
        let order = attributions.indices.sorted { attributions[$0].content.lowerBound < attributions[$1].content.lowerBound }
        // For each prefix of `order`: the two contents reaching furthest (index into `attributions`).
        var best: [(first: Int, second: Int?)] = []
        best.reserveCapacity(order.count)
        for index in order {
            guard let last = best.last else {
                best.append((index, nil))
                continue
            }
            let end = attributions[index].content.upperBound
            if end > attributions[last.first].content.upperBound {
                best.append((index, last.first))
            } else if last.second.map({ end > attributions[$0].content.upperBound }) ?? true {
                best.append((last.first, index))
            } else {
                best.append(last)
            }
        }
        var keep: [Attribution] = []
        for (index, attribution) in attributions.enumerated() {
            let cue = attribution.cue.lowerBound
            var low = 0
            var high = order.count
            while low < high {
                let middle = (low + high) / 2
                if attributions[order[middle]].content.lowerBound <= cue { low = middle + 1 } else { high = middle }
            }
            guard low > 0 else {
                keep.append(attribution)
                continue
            }
            let candidates = best[low - 1]
            let container = candidates.first != index ? candidates.first : candidates.second
            if let container, attributions[container].content.contains(cue),
                !attribution.content.contains(attributions[container].cue.lowerBound), attributions[container].cue != attribution.cue,
                // Between the quotations of a split or continued statement, outside all of them, stands a
                // reporting participle of its own ("“…,” she said, adding that … “…”"), not part of the words.
                attributions[container].parts.count < 2 || attributions[container].parts.contains(where: { $0.open <= cue && cue <= $0.close })
            {
                continue
            }
            keep.append(attribution)
        }
        return keep
    }

    /// The outermost quotation whose marks enclose a token.
    func quotation(containing index: Int) -> QuotedSpan? {
        var low = 0
        var high = text.quotes.count
        while low < high {
            let middle = (low + high) / 2
            if text.quotes[middle].open < index { low = middle + 1 } else { high = middle }
        }
        guard low > 0 else { return nil }
        let quote = text.quotes[low - 1]
        return quote.close > index ? quote : nil
    }

    /// A quotation right after an attributed one, with only that attribution
    /// between them, continues its words: "“…,” she said. “…”" is one
    /// statement, whose content runs on to the end of the second quotation.
    private func continueQuotes(_ attributions: inout [Attribution]) {
        var covered = Set<Int>()
        // Not by speech reported inside a quotation ("“… I think we've agreed …”"): it is part of the quoted words
        // and goes (see ``withoutNested(_:)``); what it spans continues no one's statement.
        for attribution in attributions where quotation(containing: attribution.cue.lowerBound) == nil {
            for quote in attribution.quoted { covered.insert(quote.open) }
            for quote in text.quotes(openingIn: attribution.content) { covered.insert(quote.open) }
        }
        let direct = attributions.indices.filter { attributions[$0].label == .directQuote }.sorted {
            attributions[$0].content.lowerBound < attributions[$1].content.lowerBound
        }
        var previous: Int?
        var directIndex = 0
        for quote in text.quotes {
            while directIndex < direct.count, attributions[direct[directIndex]].content.lowerBound < quote.open {
                previous = direct[directIndex]
                directIndex += 1
            }
            guard !covered.contains(quote.open), let earlierIndex = previous else { continue }
            let earlier = attributions[earlierIndex]
            let gapStart = max(earlier.content.upperBound, earlier.cue.upperBound)
            let gap = gapStart..<quote.open
            // Only the attribution stands between: a few words, or the rest of the attribution's own sentence
            // ("“…,” said X, a spokesman for Y, which represents Z. “…”").
            let ownSentence = quote.open > 0 && text.sentenceOf[quote.open - 1] == text.sentenceOf[earlier.cue.lowerBound] && gap.count <= 60
            guard gap.count <= 12 || ownSentence, !gap.contains(where: { text.isOpeningQuote($0) }) else { continue }
            guard let first = text.sentence(of: gapStart), let second = text.sentence(of: quote.open), first.paragraph == second.paragraph
                || text.isUnclosedChain(quote)
            else { continue }
            var continued = earlier
            continued.quoted.append(quote)
            continued.parts = continued.quoted
            continued.content = continued.content.lowerBound..<max(continued.content.upperBound, quote.inner.upperBound)
            while continued.content.count > 1, text.isMark(continued.content.upperBound - 1, [",", ";", ":"]) {
                continued.content = continued.content.lowerBound..<(continued.content.upperBound - 1)
            }
            if !continued.rule.hasSuffix(".continued") { continued.rule += ".continued" }
            attributions[earlierIndex] = continued
            covered.insert(quote.open)
        }
    }
}

/// Clause ends already found for one ceiling (the sentence being read):
/// the end of the clause each passed token belongs to. By token, in arrays:
/// an entry counts only if it was recorded since the ceiling last changed
/// (which forgets all the others, as a dictionary emptied would).
final class ClauseEndMemo {
    private var ceiling = -1
    /// Bumped whenever the ceiling changes: entries of older rounds are forgotten.
    private var round = 0
    private var ends: [Int]
    private var roundOfEntry: [Int]
    /// A buffer for the tokens a scan passes, lent out and given back so that scans allocate nothing.
    private var scratch: [Int] = []

    init(tokenCount: Int) {
        ends = [Int](repeating: 0, count: tokenCount)
        roundOfEntry = [Int](repeating: -1, count: tokenCount)
    }

    func end(from index: Int, ceiling: Int) -> Int? {
        guard ceiling == self.ceiling, index >= 0, index < ends.count, roundOfEntry[index] == round else { return nil }
        return ends[index]
    }

    /// Records `end` for those of `indices` below `limit`.
    func record(_ indices: [Int], below limit: Int, end: Int, ceiling: Int) {
        if ceiling != self.ceiling {
            self.ceiling = ceiling
            round += 1
        }
        for index in indices where index < limit && index >= 0 && index < ends.count {
            ends[index] = end
            roundOfEntry[index] = round
        }
    }

    func takeScratch() -> [Int] {
        var buffer: [Int] = []
        swap(&buffer, &scratch)
        buffer.removeAll(keepingCapacity: true)
        return buffer
    }

    func returnScratch(_ buffer: [Int]) { scratch = buffer }
}
