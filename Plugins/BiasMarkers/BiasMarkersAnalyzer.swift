import Foundation
import LoupeCore

/// Loaded language, labels, hedges and boosters, sweeping claims,
/// doubt-casting and presupposing attribution, scare quotes, rhetorical
/// questions, exclamations and propaganda devices, each explained by its cue,
/// strength and rule, with densities per 1,000 words for the document.
public struct BiasMarkersAnalyzer: Analyzer {
    public typealias Options = BiasMarkersOptions

    public static let descriptor = AnalyzerDescriptor(
        id: "bias-markers", name: "Bias Markers",
        summary: "Marks loaded language, labels, hedges, boosters, scare quotes, rhetorical questions and propaganda devices, with their density.",
        version: "1.8.0", colour: .red)

    public static var examplesURL: URL? { Bundle.module.url(forResource: "examples", withExtension: "json") }

    /// Categories of certainty rather than bias: counted in the densities,
    /// suggested as spans only with `markEpistemic`.
    static let epistemicCategories: Set<String> = ["absolute", "booster", "hedge"]

    /// Categories of words that load the word they modify ("a reckless gamble", "a huge
    /// blunder"): a one-word cue used as a modifier marks the phrase, cue and word, since
    /// that is where the loading is. A cue is taken as a modifier when a lower-case content
    /// word follows it directly (not one in -ed or -ly, which a verb or a noun takes) and
    /// it has the form of an adjective (``adjectiveEndings``) or stands after a determiner,
    /// a possessive or a preposition ("the draconian rules", "of greedy landlords"); so
    /// "will gut local papers" stays one word.
    static let modifierCategories: Set<String> = ["loaded-language", "exaggeration"]
    /// Endings of English adjectives (reckless, outrageous, massive, staggering, staggering).
    static let adjectiveEndings = [
        "ous", "ive", "ful", "ic", "al", "ant", "ent", "less", "able", "ible", "ish", "ary", "ing", "est", "ian", "ile", "ese", "ate",
    ]
    /// Words after which a word is in a noun phrase: determiners, possessives, prepositions.
    static let attributiveContext: Set<String> = [
        "a", "an", "the", "this", "that", "these", "those", "his", "her", "their", "its", "our", "your", "my", "some", "any", "no",
        "every", "each", "such", "another", "other", "many", "much", "more", "most", "few", "several", "all", "both", "of", "in",
        "on", "at", "by", "for", "with", "from", "into", "to", "as", "than", "like", "about", "against", "among", "without",
    ]

    /// Intensifying adverbs ("utterly", "wildly"): not marked alone, but with the word they
    /// intensify as loaded language ("utterly absurd"), by the rule `bias.intensified`: the
    /// adverb heightens the emotional charge of a judgement, where an exaggeration is a claim
    /// about how large, how many or how unprecedented something is ("record-breaking").
    static let intensifierCategory = "intensifier"

    /// A fear word used as a modifier ("a terrifying prospect") loads the phrase it
    /// modifies: it is marked as loaded language, by the rule `bias.fear-modifier`. An appeal
    /// to fear proper warns of the harm itself ("will destroy", "a threat to"), and stays one.
    static let fearCategory = "appeal-to-fear"

    /// A loaded modifier applied to people labels them: "corrupt politicians", "the radical
    /// Left" are name-calling, by the rule `bias.label-phrase` (a loaded word before a noun for
    /// people, `lexicons/person-nouns.txt`, or before a name).
    static let labelRule = "bias.label-phrase"

    /// The lexicon categories whose cues a category's rules draw on, loaded with it when only
    /// some categories are wanted.
    static let sourceCategories: [String: [String]] = [
        "loaded-language": [intensifierCategory, fearCategory],
        "name-calling": ["loaded-language", intensifierCategory, fearCategory],
    ]

    /// Plural endings of nouns for people ("extremists", "bureaucrats", "politicians"), counted
    /// as people after a loaded modifier like the nouns of `person-nouns.txt`.
    static let personPluralEndings = ["ists", "crats", "ians"]
    /// Words with those endings that are not people.
    /// (Not -ites: "websites", "satellites", "favourites" are not people.)
    static let notPersonPlurals: Set<String> = [
        "insists", "persists", "resists", "consists", "assists", "desists", "exists", "coexists", "enlists", "twists", "wrists",
        "lists", "heists", "hoists", "playlists", "checklists", "blacklists", "whitelists", "shortlists", "wishlists",
        "waitlists", "watchlists", "booklists", "hitlists", "tracklists", "setlists",
    ]
    /// How many words on from a loaded modifier the noun for people it applies to may stand:
    /// the next word, or past one or two other modifiers ("corrupt career politicians",
    /// "disgraced former FBI officials").
    static let labelReach = 3
    /// How many commas or "and"/"or" may join the modifiers before the noun for people.
    static let labelSeparators = 2

    /// The categories found by rules rather than lexicons.
    static let ruleCategories = ["exclamation", "rhetorical-question", "scare-quotes"]

    /// Words that report speech: a quote near one is attributed, not scare-quoted.
    static let reportingWords: Set<String> = [
        "said", "says", "say", "saying", "told", "tells", "stated", "states", "asked", "asks", "wrote", "writes", "added",
        "adds", "declared", "declares", "announced", "replied", "according", "quoted", "insisted", "explained", "noted",
        "warned", "argued", "claimed", "tweeted", "posted",
    ]
    /// Doubt-casting cues that are also the plain words of a legal or police
    /// record ("the lawsuit claims", "the claims against him"): not marked in a
    /// sentence about a court, a charge or an investigation. (The lexicon lists only
    /// the present-tense forms, "=claims" and "=claiming": "claimed" is the ordinary past
    /// tense of reporting, "claimed responsibility".)
    static let reportingDoubtCues: Set<String> = ["claim", "claims", "claimed", "claiming"]
    /// Words before or after "claims" that make it the noun ("the claims", "claims of
    /// abuse"), which names what was said without doubting it, not the verb ("he claims").
    static let claimNounBefore: Set<String> = [
        "the", "a", "an", "these", "those", "this", "such", "his", "her", "their", "its", "our", "your", "my", "any",
        "many", "some", "several", "new", "similar", "other", "no", "insurance", "legal", "territorial",
    ]
    static let claimNounAfter: Set<String> = ["of", "against", "about", "by", "were", "are", "have", "had", "made", "for", "to"]

    /// Words that make a sentence a legal or police report.
    static let legalContextWords: Set<String> = [
        "court", "courts", "judge", "judges", "jury", "trial", "lawsuit", "lawsuits", "suit", "plaintiff", "plaintiffs",
        "defendant", "defendants", "prosecutor", "prosecutors", "prosecution", "attorney", "attorneys", "lawyer", "lawyers",
        "police", "officers", "investigators", "investigation", "indictment", "indicted", "charged", "charges", "complaint",
        "filing", "filed", "testified", "testimony", "affidavit", "insurance", "damages", "settlement", "tribunal",
    ]
    /// Words of `doubt-question-words.txt` that ask why or how rather than whether: their
    /// question insinuates that no good answer exists, and says so in its rationale.
    static let insinuatingQuestionWords: Set<String> = ["why", "how"]
    /// Whether a word negates ("not", "wouldn't", "isn’t"): a question with one in the writer's
    /// own voice is a negative question ("Wouldn't the mayor have known?", "Is it not
    /// strange…?", "…, didn't he?"), which presumes its answer and so casts doubt.
    static func isNegation(_ lower: String) -> Bool {
        lower == "not" || lower.hasSuffix("n't") || lower.hasSuffix("n\u{2019}t")
    }
    /// How many sentences before and after a question are searched for a poll word.
    static let pollWindow = 3
    /// Words that make a question a poll put to readers, not a rhetorical one: the words a
    /// poll box names itself by. Not "vote", "voting" or "readers": in political news they
    /// are the everyday words of the story ("the Senate will vote on Friday"), and a question
    /// the writer asks near them is still the writer's.
    static let pollWords: Set<String> = ["poll", "polls", "survey", "respondents"]

    /// Words before a quoted title: "the magazine “National Defense”".
    static let titleWords: Set<String> = [
        "magazine", "newspaper", "journal", "book", "film", "movie", "show", "programme", "program", "report", "article",
        "song", "album", "series", "titled", "entitled", "headline", "column", "operation", "slogan", "motto",
    ]

    /// Words that mention a word rather than use it: quotation marks after them ("the definition of
    /// “institution”", "the term “pilot”") set off the word mentioned, and disown nothing.
    static let mentionWords: Set<String> = [
        "term", "terms", "word", "words", "phrase", "definition", "defined", "define", "defines", "meaning",
    ]

    private static let builtinFolder = Bundle.module.url(forResource: "lexicons", withExtension: nil)

    let lexicon: MarkerLexicon
    let extra: MarkerLexicon?
    let options: BiasMarkersOptions
    /// Nouns for people and groups (lower case), read from `lexicons/person-nouns.txt`.
    let personNouns: Set<String>
    /// Words that make a rhetorical question cast doubt, from `lexicons/doubt-question-words.txt`.
    let doubtQuestionWords: Set<String>
    /// Heads of compound epithets, from `lexicons/epithet-compounds.txt`.
    let epithetHeads: [EpithetHead]
    /// Literal senses of cues, from `lexicons/literal-senses.txt`.
    let literalSenses: LiteralSenses
    /// Cues loaded only as verbs, from `lexicons/verb-senses.txt`: after a determiner, a
    /// possessive, a preposition or a number the word is the noun, in its plain sense
    /// ("near a cave", "the blast", "400 trash trucks"), and marks nothing.
    let verbSenseCues: Set<String>
    /// Categories loaded only for the rules of wanted ones, not to be suggested themselves.
    let sourceOnlyCategories: Set<String>

    public init(options: BiasMarkersOptions) throws(AnalyzerError) {
        guard (1...3).contains(options.minimumStrength) else {
            throw .invalidOptions(analyzer: Self.descriptor.id, reason: "minimumStrength must be 1, 2 or 3")
        }
        guard let folder = Self.builtinFolder else {
            throw .invalidData(path: "lexicons", reason: "missing from the BiasMarkersAnalysis bundle")
        }
        var wanted = options.categories.isEmpty ? nil : Set(options.categories).subtracting(Self.ruleCategories)
        let asked = wanted ?? []
        for category in asked { wanted?.formUnion(Self.sourceCategories[category] ?? []) }
        sourceOnlyCategories = (wanted ?? []).subtracting(asked)
        lexicon = try MarkerLexicon(folder: folder, only: wanted)
        personNouns = try Self.readWordList(folder.appendingPathComponent("person-nouns.txt"))
        doubtQuestionWords = try Self.readWordList(folder.appendingPathComponent("doubt-question-words.txt"))
        epithetHeads = try Self.readEpithetHeads(folder.appendingPathComponent("epithet-compounds.txt"))
        literalSenses = try LiteralSenses(file: folder.appendingPathComponent("literal-senses.txt"))
        verbSenseCues = try Self.readWordList(folder.appendingPathComponent("verb-senses.txt"))
        extra = try options.lexicons.map { path throws(AnalyzerError) in try MarkerLexicon(folder: URL(fileURLWithPath: path), only: nil) }
        self.options = options
    }

    /// One lower-case word a line; `#` comments and blank lines allowed.
    static func readWordList(_ file: URL) throws(AnalyzerError) -> Set<String> {
        guard let data = FileManager.default.contents(atPath: file.path), let text = String(data: data, encoding: .utf8) else {
            throw .invalidData(path: file.path, reason: "missing from the BiasMarkersAnalysis bundle or not UTF-8")
        }
        var words: Set<String> = []
        for line in text.split(whereSeparator: \.isNewline) {
            let word = line.trimmingCharacters(in: .whitespaces)
            if !word.isEmpty, !word.hasPrefix("#") { words.insert(word.lowercased()) }
        }
        return words
    }

    private func wants(_ category: String) -> Bool {
        options.categories.isEmpty || options.categories.contains(category)
    }

    private static func isCapitalised(_ word: Substring) -> Bool {
        guard let first = word.unicodeScalars.first else { return false }
        return first.properties.isUppercase
    }

    public func analyze(_ document: Document) -> [Suggestion] {
        let segmentation = document.segmentation
        let tokens = segmentation.tokens
        var suggestions: [Suggestion] = []
        // Per sentence (by its first token), whether it reports a court, a charge or an investigation.
        var legalSentences: [Int: Bool] = [:]
        // Per sentence (by its first token), whether it warns of something to come.
        var warningSentences: [Int: Bool] = [:]
        // Per sentence (by its first token), whether it is the document's title in title case.
        var titleCaseSentences: [Int: Bool] = [:]
        func isHeadline(_ sentence: Sentence) -> Bool { isTitleCaseHeading(sentence, in: document, cache: &titleCaseSentences) }
        // Per sentence, the literal senses whose context words it holds (worked out at the first cue that has one).
        var literalContexts: [UInt64]? = nil
        for source in [lexicon, extra].compactMap({ $0 }) {
            let ids = source.cues.tokenIDs(of: document)
            for (sentenceNumber, sentence) in segmentation.sentences.enumerated() {
                if Interruption.isRequested { return [] }
                // The sentence's first word, past opening quotes and brackets: “After me, …” opens with "After".
                var opening = sentence.tokens.lowerBound
                while opening < sentence.tokens.upperBound, tokens[opening].kind == .punctuation { opening += 1 }
                for (number, match) in source.cues.matches(in: document, tokens: sentence.tokens, ids: ids).enumerated() {
                    if number & 0x3FF == 0x3FF, Interruption.isRequested { return [] }
                    let first = document.text.slice(utf8: tokens[match.tokens.lowerBound].span.utf8)
                    // A quotation's first word is capitalised by its place, as a sentence's is: “After me, the flood”.
                    let midSentence = match.tokens.lowerBound > opening
                        && !(Self.isCapitalised(first) && opensQuotation(match.tokens.lowerBound, in: sentence, document: document))
                    // Cues that normalise alike ("claim", "claims") mark a span once per category: the strongest.
                    // An exception entry (strength 0) matched as the longest cue: nothing to mark.
                    if match.payloads.contains(where: { $0.strength == 0 }) { continue }
                    var strongest: [String: Marker] = [:]
                    // A lower-case cue does not match a name inside a sentence ("May", "Hope"), but a
                    // capital is no name in a word written in capitals for emphasis among lower-case words
                    // ("a HUGE mistake"; not "the USA PATRIOT Act") or in a headline that capitalises every
                    // word ("Senator's Shameful Vote"), the document's title, unless the text below uses
                    // the word as a name ("Dan Savage Responds" over "… Dan Savage wrote").
                    let nameLike =
                        midSentence && Self.isCapitalised(first)
                        && !(Self.isShouted(first) && !capitalisedNeighbour(match.tokens, in: sentence, document: document))
                        && !(isHeadline(sentence) && !isNameBelowTitle(match.tokens.lowerBound, document: document))
                    // A slogan that commands or vows, written in capitals as a title of its own ("Make America
                    // Great Again", "Drain the Swamp"), is still the slogan: its capitals name the slogan, not a
                    // person or a place. Not one that names ("Black Lives Matter protests", "America First
                    // policy"): in the news that is mostly the name of a movement or a policy.
                    let titledSlogan = nameLike && Self.campaignVerbs.contains(String(first)) && isTitledPhrase(match.tokens, document: document)
                        && !isNamedByPhrase(match.tokens, in: sentence, document: document)
                    for marker in match.payloads where marker.strength >= options.minimumStrength {
                        if marker.lowercase, nameLike, !(titledSlogan && marker.category == Self.sloganCategory) { continue }
                        if let kept = strongest[marker.category], kept.strength >= marker.strength { continue }
                        strongest[marker.category] = marker
                    }
                    // A cue loaded only as a verb, used as a noun: "near a cave", "the blast", "400 trash trucks".
                    if match.tokens.count == 1, match.tokens.lowerBound > sentence.tokens.lowerBound,
                        strongest.values.contains(where: { verbSenseCues.contains($0.cue.lowercased()) }),
                        isNounPosition(match.tokens.lowerBound, in: sentence, document: document)
                    {
                        strongest = strongest.filter { !verbSenseCues.contains($0.value.cue.lowercased()) }
                    }
                    // A cue used in its literal sense ("the quake destroyed 300 homes", "jackals are a protected
                    // species"), where words of that sense stand in the sentence or near it in its paragraph, marks
                    // nothing, in any of its categories ("parasite" is name-calling and loaded language alike). Not
                    // a cue that judges: "the response was a disaster", "has been a disaster for farmers".
                    if !literalSenses.isEmpty {
                        for marker in strongest.values {
                            guard let senses = literalSenses.senses(ofCue: marker.cue.lowercased()) else { continue }
                            if literalContexts == nil { literalContexts = literalSenses.contexts(in: document) }
                            if literalSenses.holds(senses, around: sentenceNumber, contexts: literalContexts ?? [], in: segmentation) {
                                if !isJudgement(match.tokens, in: sentence, document: document) { strongest = [:] }
                                break
                            }
                        }
                    }
                    if let doubt = strongest["doubt-casting"], Self.reportingDoubtCues.contains(doubt.cue.lowercased()),
                        isLegalReport(sentence, in: document, cache: &legalSentences)
                            || isClaimNoun(match.tokens, in: sentence, document: document)
                    {
                        strongest["doubt-casting"] = nil
                    }
                    // A label is a noun for people: a name-calling cue matched, through its stem, by a verb
                    // ("dictator" by "dictated", "demon" by "demonizing") labels no one and is dropped; by an
                    // adjective or an abstract noun ("hysterics" by "hysterical", "despot" by "despotic") it
                    // judges, as loaded language, by the rule `bias.label-form`.
                    var labelForm = false
                    if let label = strongest["name-calling"], match.tokens.count == 1,
                        // A form the name-calling lexicon lists itself is a label, whichever entry won the tie.
                        !match.payloads.contains(where: { $0.category == "name-calling" && $0.cue.lowercased() == first.lowercased() })
                    {
                        let form = first.lowercased()
                        // The entry's singular: "jackals" is the plural of a label, not a form built on one.
                        let cue = label.cue.lowercased().hasSuffix("s") ? String(label.cue.lowercased().dropLast()) : label.cue.lowercased()
                        if form != cue, Self.verbEndings.contains(where: { form.hasSuffix($0) && !cue.hasSuffix($0) }) {
                            strongest["name-calling"] = nil
                        } else if form != cue, Self.judgingEndings.contains(where: { form.hasSuffix($0) && !cue.hasSuffix($0) }) {
                            strongest["name-calling"] = nil
                            if strongest["loaded-language"] == nil {
                                strongest["loaded-language"] = Marker(
                                    category: "loaded-language", cue: label.cue, strength: label.strength,
                                    rationale: "a word built on a label, used to describe rather than to name, judges instead of describing",
                                    lowercase: label.lowercase)
                                labelForm = true
                            }
                        } else if form != cue, !form.hasPrefix(cue), !(cue.hasSuffix("e") && form == cue.dropLast()) {
                            // Not the label with an ending of its own but a word its stem shares, without the
                            // ending that makes a person of it: "dictates" for "dictator", "invade" for "invaders"
                            // (a plural in -es is the label: "cockroach" for "cockroaches").
                            strongest["name-calling"] = nil
                        }
                    }
                    // A word both lexicons list ("traitorous", "stooges") is a label when it is one at all:
                    // one mark, name-calling, rather than two on the same words.
                    if strongest["name-calling"] != nil, strongest["loaded-language"] != nil, wants("name-calling") {
                        strongest["loaded-language"] = nil
                    }
                    if let intensifier = strongest.removeValue(forKey: Self.intensifierCategory), wants("loaded-language"),
                        let next = modifiedWord(after: match.tokens, in: sentence, document: document, headline: { isHeadline(sentence) })
                    {
                        let range = match.range.lowerBound..<tokens[next].span.scalars.upperBound
                        let text = String(document.text(scalars: range))
                        suggestions.append(
                            Suggestion(
                                layer: "bias-markers", label: "loaded-language", range: range, rule: "bias.intensified",
                                cues: [Cue(text: String(document.text(scalars: match.range)), range: match.range)],
                                attributes: [
                                    "category": "loaded-language", "cue": .string(text.lowercased()), "strength": .int(intensifier.strength),
                                    "rationale": .string(intensifier.rationale),
                                ],
                                key: intensifier.cue))
                    }
                    for marker in strongest.values.sorted(by: { $0.category < $1.category }) {
                        // A one-word modifier marks the phrase it modifies.
                        var range = match.range
                        var label = marker.category
                        var rule = labelForm && marker.category == "loaded-language" ? "bias.label-form" : "bias.lexicon.\(marker.category)"
                        var rationale = marker.rationale
                        // A label only where name-calling is wanted (here and below): otherwise the mark
                        // stays loaded language instead of becoming a label that is then left out.
                        if marker.category == "loaded-language", match.tokens.count == 1, wants("name-calling"),
                            isModifier(match.tokens.lowerBound, in: sentence, document: document),
                            isAdjectival(match.tokens.lowerBound, in: sentence, document: document),
                            let noun = personNoun(after: match.tokens.lowerBound, in: sentence, document: document)
                        {
                            // "corrupt career politicians", "disgraced former officials": the label reaches the people.
                            range = match.range.lowerBound..<tokens[noun].span.scalars.upperBound
                            label = "name-calling"
                            rule = Self.labelRule
                            rationale = "a loaded word applied to people labels them (\(marker.rationale))"
                        } else if Self.modifierCategories.contains(marker.category) || marker.category == Self.fearCategory,
                            match.tokens.count == 1,
                            isModifier(match.tokens.lowerBound, in: sentence, document: document)
                        {
                            if let next = modifiedWord(after: match.tokens, in: sentence, document: document, headline: { isHeadline(sentence) }),
                                !Self.hasVerbOrAdverbEnding(document.text.slice(utf8: tokens[next].span.utf8))
                            {
                                range = match.range.lowerBound..<tokens[next].span.scalars.upperBound
                                if marker.category == Self.fearCategory {
                                    // The same word as loaded language already marks this phrase.
                                    if strongest["loaded-language"] != nil { continue }
                                    label = "loaded-language"
                                    rule = "bias.fear-modifier"
                                    rationale = "a fearful word used as a modifier charges the phrase it modifies with emotion"
                                }
                                if label == "loaded-language", wants("name-calling"),
                                    isAdjectival(match.tokens.lowerBound, in: sentence, document: document),
                                    personNouns.contains(document.text.slice(utf8: tokens[next].span.utf8).lowercased())
                                {
                                    label = "name-calling"
                                    rule = Self.labelRule
                                    rationale = "a loaded word applied to people labels them (\(marker.rationale))"
                                }
                            } else if marker.category == "loaded-language", wants("name-calling"),
                                isAdjectival(match.tokens.lowerBound, in: sentence, document: document),
                                let name = nameAfter(match.tokens, in: sentence, document: document), !isHeadline(sentence)
                            {
                                range = match.range.lowerBound..<tokens[name.upperBound - 1].span.scalars.upperBound
                                label = "name-calling"
                                rule = Self.labelRule
                                rationale = "a loaded word applied to a named person or group labels them (\(marker.rationale))"
                            }
                        }
                        // A word of fear or harm in a sentence that warns of nothing to come ("the destruction
                        // of the old town") describes with emotion: an appeal to fear warns of harm that will,
                        // could or may come, or threatens it ("will destroy", "if we fail, ruin").
                        if label == Self.fearCategory, wants("loaded-language"),
                            !warnsOfHarm(sentence, in: document, cache: &warningSentences)
                        {
                            if strongest["loaded-language"] != nil { continue }
                            label = "loaded-language"
                            rule = "bias.fear-word"
                            rationale = "a word of fear or harm in a sentence that warns of nothing to come charges the description with emotion"
                        }
                        if sourceOnlyCategories.contains(label) || (label != marker.category && !wants(label)) { continue }
                        suggestions.append(
                            Suggestion(
                                layer: "bias-markers", label: label, range: range, rule: rule,
                                cues: [Cue(text: String(document.text(scalars: match.range)), range: match.range)],
                                attributes: [
                                    "category": .string(label), "cue": .string(marker.cue),
                                    "strength": .int(marker.strength), "rationale": .string(rationale),
                                ],
                                key: marker.cue))
                    }
                }
            }
        }
        if Interruption.isRequested { return [] }
        suggestions += epithetCompounds(in: document, marked: suggestions)
        if wants("slogan"), !sourceOnlyCategories.contains("slogan") { suggestions += Self.campaignHashtags(in: document) }
        if wants("name-calling") { Self.mergeModifiedLabels(&suggestions) }
        let quotes = QuoteFinder.quotes(in: document)
        if wants("scare-quotes") || wants("name-calling") { suggestions += scareQuotes(in: document, quotes: quotes) }
        let sentenceLevel = sentenceMarks(in: document, quotes: quotes)
        // A "what about" cue inside a whataboutism question is that question's cue, not a second mark.
        let whatAboutQuestions = sentenceLevel.compactMap { $0.rule == "bias.whatabout-question" ? $0.range : nil }
        if !whatAboutQuestions.isEmpty {
            suggestions.removeAll { mark in
                guard mark.label == "whataboutism", mark.rule == "bias.lexicon.whataboutism", let range = mark.range else { return false }
                return whatAboutQuestions.contains { $0.lowerBound <= range.lowerBound && range.upperBound <= $0.upperBound }
            }
        }
        suggestions += sentenceLevel
        if wants(Self.fearCategory), !sourceOnlyCategories.contains(Self.fearCategory) { suggestions += inactionWarnings(in: document, quotes: quotes) }
        if Interruption.isRequested { return [] }
        var summary = summary(of: document, suggestions: suggestions)
        if !options.markEpistemic { suggestions.removeAll { Self.epistemicCategories.contains($0.label) } }
        Self.sayRationalesOnce(&suggestions, summary: &summary)
        suggestions.append(summary)
        return suggestions
    }

    /// A loaded modifier of a label is part of the label: where a loaded-language phrase
    /// ("obsequious acolytes", "noxious far-right") ends in words a name-calling mark covers,
    /// the two become one name-calling mark over the phrase, by the rule `bias.label-phrase`,
    /// with both cues and the stronger strength. A loaded word inside a label phrase
    /// ("greedy and corrupt politicians") gives the phrase its cue instead of a mark of its own.
    static func mergeModifiedLabels(_ marks: inout [Suggestion]) {
        var labelEnds: [Int: Int] = [:]
        for (index, mark) in marks.enumerated() where mark.label == "name-calling" {
            if let range = mark.range { labelEnds[range.upperBound] = index }
        }
        guard !labelEnds.isEmpty else { return }
        var merged: Set<Int> = []
        for index in marks.indices where marks[index].label == "loaded-language" && marks[index].rule == "bias.lexicon.loaded-language" {
            guard let range = marks[index].range, let label = labelEnds[range.upperBound], !merged.contains(label),
                let labelRange = marks[label].range, labelRange.lowerBound > range.lowerBound
            else { continue }
            let rationale = marks[index].attributes["rationale"]?.stringValue ?? ""
            marks[index].label = "name-calling"
            marks[index].rule = labelRule
            marks[index].attributes["category"] = "name-calling"
            marks[index].attributes["rationale"] = .string("a loaded word applied to people labels them (\(rationale))")
            // The label's own cue and strength stay with the mark that took it in.
            marks[index].cues += marks[label].cues
            if let strength = marks[label].attributes["strength"]?.intValue,
                strength > marks[index].attributes["strength"]?.intValue ?? 0
            {
                marks[index].attributes["strength"] = .int(strength)
            }
            merged.insert(label)
        }
        // A loaded word inside a label phrase ("corrupt" in "greedy and corrupt politicians") is
        // part of that label: its cue joins the label's cues rather than standing as a second mark.
        let phrases = marks.indices.filter { marks[$0].label == "name-calling" && marks[$0].rule == labelRule && !merged.contains($0) }
        func addCues(of index: Int, to phrase: Int) {
            for cue in marks[index].cues where !marks[phrase].cues.contains(where: { $0.range == cue.range }) { marks[phrase].cues.append(cue) }
        }
        // A shorter label phrase inside a longer one ("clueless officials" in "incompetent, clueless
        // officials") is part of it: one label, with the cues of both.
        for inner in phrases {
            guard let range = marks[inner].range,
                let outer = phrases.first(where: { other in
                    other != inner && !merged.contains(other)
                        && (marks[other].range.map { $0.lowerBound <= range.lowerBound && range.upperBound <= $0.upperBound && $0.count > range.count } ?? false)
                })
            else { continue }
            addCues(of: inner, to: outer)
            merged.insert(inner)
        }
        for index in marks.indices where marks[index].label == "loaded-language" && marks[index].rule == "bias.lexicon.loaded-language" {
            guard let range = marks[index].range,
                let phrase = phrases.first(where: { !merged.contains($0) && (marks[$0].range.map { $0.contains(range.lowerBound) && range.upperBound <= $0.upperBound } ?? false) })
            else { continue }
            addCues(of: index, to: phrase)
            merged.insert(index)
        }
        var position = 0
        marks.removeAll { _ in
            defer { position += 1 }
            return merged.contains(position)
        }
    }

    /// What a mark carries into a file, without repeating itself: its category
    /// is its label, and the rationale most of a category's marks share is said
    /// once, in the document summary's `rationales`, a mark keeping its own only
    /// where it says something else (a name-calling phrase names the word it
    /// was built on). A corpus run repeated the same sentence of explanation on
    /// every mark: a fifth of what the bias layer saved.
    static func sayRationalesOnce(_ marks: inout [Suggestion], summary: inout Suggestion) {
        var tally: [String: [String: Int]] = [:]
        for mark in marks {
            if let rationale = mark.attributes["rationale"]?.stringValue { tally[mark.label, default: [:]][rationale, default: 0] += 1 }
        }
        var usual: [String: String] = [:]
        for (label, counts) in tally {
            usual[label] = counts.min { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }?.key
        }
        for index in marks.indices {
            marks[index].attributes["category"] = nil
            if let rationale = marks[index].attributes["rationale"]?.stringValue, rationale == usual[marks[index].label] {
                marks[index].attributes["rationale"] = nil
            }
        }
        summary.attributes["rationales"] = .object(usual.mapValues { .string($0) })
    }

    /// The token after a match, when it is a lower-case content word of the same sentence
    /// (the word a modifier modifies): not punctuation, a number, a name or a function word.
    /// In a headline in title case a capitalised word is no name, and may be the word modified.
    private func modifiedWord(after match: Range<Int>, in sentence: Sentence, document: Document, headline: () -> Bool = { false }) -> Int? {
        let tokens = document.segmentation.tokens
        let next = match.upperBound
        guard next < sentence.tokens.upperBound, tokens[next].kind == .word else { return nil }
        let word = document.text.slice(utf8: tokens[next].span.utf8)
        guard let first = word.unicodeScalars.first, first.properties.isLowercase || (first.properties.isUppercase && headline()),
            !StopWords.contains(String(word))
        else {
            return nil
        }
        return next
    }

    /// The capitalised words of a name right after a match, inside the sentence: at most
    /// three ("the radical Left", "corrupt Acme Holdings"). Not a name that is itself a
    /// modifier: one in the possessive ("Acme's plan") or followed by a lower-case content
    /// word ("Acme executives", "Martian settlers"), unless it is one word in the plural
    /// ("gullible Westerners believe", "spineless Democrats caved"): a plural name is the
    /// people themselves, not a modifier of the word after it.
    private func nameAfter(_ match: Range<Int>, in sentence: Sentence, document: Document) -> Range<Int>? {
        let tokens = document.segmentation.tokens
        func word(_ index: Int) -> Substring { document.text.slice(utf8: tokens[index].span.utf8) }
        var end = match.upperBound
        while end < sentence.tokens.upperBound, end < match.upperBound + 3, tokens[end].kind == .word, Self.isCapitalised(word(end)) {
            end += 1
        }
        guard end > match.upperBound, !Self.calendarWords.contains(word(match.upperBound).lowercased()) else { return nil }
        let last = word(end - 1)
        if last.hasSuffix("'s") || last.hasSuffix("\u{2019}s") { return nil }
        if end < sentence.tokens.upperBound, tokens[end].kind == .word, let first = word(end).unicodeScalars.first,
            first.properties.isLowercase, !StopWords.contains(String(word(end))),
            !(end == match.upperBound + 1 && Self.isCapitalisedPlural(last))
        {
            return nil
        }
        if end < sentence.tokens.upperBound, ["'", "\u{2019}"].contains(word(end)) { return nil }
        return match.upperBound..<end
    }

    /// Whether a capitalised word has the form of a plural of people ("Westerners", "Democrats",
    /// "Republicans"): five letters or more, ending in one of ``peoplePluralEndings`` written in
    /// lower case (not a place or a surname that ends in "s": "Texas", "Jones", "Athens"; not
    /// "NEWS", written in capitals throughout).
    static func isCapitalisedPlural(_ word: Substring) -> Bool {
        guard word.unicodeScalars.count >= 5 else { return false }
        return peoplePluralEndings.contains { word.hasSuffix($0) }
    }
    /// The endings of plural nouns for people: -ers, -ans, -ists, -ites, -crats, -als, -ives, -ics, -ims, -ards, -ors.
    static let peoplePluralEndings = ["ers", "ans", "ists", "ites", "crats", "als", "ives", "ics", "ims", "ards", "ors"]

    /// Whether a word is a noun for people or a group: one of `person-nouns.txt`, or a plural
    /// in -ists, -crats or -ians ("extremists", "theocrats", "guardians").
    private func isPersonNoun(_ lower: String) -> Bool {
        if personNouns.contains(lower) { return true }
        guard lower.unicodeScalars.count >= 6, !Self.notPersonPlurals.contains(lower) else { return false }
        return Self.personPluralEndings.contains(where: { lower.hasSuffix($0) })
    }

    /// The noun for people a loaded modifier applies to: the word after it, or the first noun
    /// for people after at most ``labelReach`` words that are not function words, numbers,
    /// punctuation or forms in -ly, within the sentence ("corrupt career politicians").
    /// Modifiers joined by a comma or "and"/"or" count as one run ("incompetent, clueless
    /// officials", "greedy and corrupt politicians"): the separators are not counted, but a
    /// modifier must follow each ("the plan is corrupt, and politicians know it" labels no one).
    private func personNoun(after index: Int, in sentence: Sentence, document: Document) -> Int? {
        let tokens = document.segmentation.tokens
        var next = index + 1
        var separators = 0
        var afterSeparator = false
        let predicative = index > sentence.tokens.lowerBound
            && Self.copulas.contains(document.text.slice(utf8: tokens[index - 1].span.utf8).lowercased())
        while next < sentence.tokens.upperBound, next <= index + Self.labelReach + separators {
            let word = document.text.slice(utf8: tokens[next].span.utf8)
            // A separator joins modifiers only: it follows the cue itself or a word with an
            // adjective's ending ("a startling admission, three members" joins nothing).
            if !afterSeparator, separators < Self.labelSeparators, word == "," || word == "and" || word == "or",
                next == index + 1 || Self.hasAdjectiveEnding(document.text.slice(utf8: tokens[next - 1].span.utf8).lowercased())
            {
                separators += 1
                afterSeparator = true
                next += 1
                continue
            }
            guard tokens[next].kind == .word else { return nil }
            let lower = word.lowercased()
            if isPersonNoun(lower) { return afterSeparator ? nil : next }
            // A form in -ed joined to the modifier by the separator is a modifier too ("corrupt and
            // wicked priests", "greedy, bloated bureaucrats"), when the modifier stands before a noun
            // rather than after a copula ("the plan was reckless and angered voters": a verb).
            let coordinated = afterSeparator && !predicative
            afterSeparator = false
            // Only modifiers may stand between: not a function word, an adverb in -ly, or a verb
            // in -ed ("disgraceful treatment angered politicians" does not label the politicians).
            guard !StopWords.contains(lower), !lower.hasSuffix("ly"), coordinated || !lower.hasSuffix("ed"),
                let first = word.unicodeScalars.first, first.properties.isAlphabetic
            else { return nil }
            next += 1
        }
        return nil
    }

    /// Copulas: a cue after one is predicated of its subject, not set before a noun.
    static let copulas: Set<String> = [
        "is", "was", "were", "are", "be", "been", "being", "seems", "seemed", "looks", "looked", "became", "becomes", "remains",
        "remained", "appears", "appeared", "sounds", "sounded", "felt", "feels",
    ]

    /// Days and months: capitalised, but a date rather than a name ("the slander Thursday").
    static let calendarWords: Set<String> = [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april",
        "may", "june", "july", "august", "september", "october", "november", "december",
    ]

    /// Whether a one-word cue stands as an adjective before a noun rather than as a verb
    /// before its object: not a form in -ing ("insulting people" is a verb as often as not)
    /// unless a determiner or a possessive stands before it ("the scheming politicians", "his
    /// bumbling aides"), and not after "to" or a modal or auxiliary verb ("to undermine Acme",
    /// "would devastate workers", "did betray voters").
    private func isAdjectival(_ index: Int, in sentence: Sentence, document: Document) -> Bool {
        let tokens = document.segmentation.tokens
        let previous = index > sentence.tokens.lowerBound ? document.text.slice(utf8: tokens[index - 1].span.utf8).lowercased() : ""
        if document.text.slice(utf8: tokens[index].span.utf8).lowercased().hasSuffix("ing") {
            return Self.determiners.contains(previous) || previous.hasSuffix("'s") || previous.hasSuffix("\u{2019}s")
        }
        return previous != "to" && !Self.verbLeadIns.contains(previous)
    }

    /// Whether a word stands where a noun does: after a determiner, a possessive, a number or a
    /// preposition other than "to" ("a cave", "the blast", "of trash", "400 trash trucks", "near
    /// caves"), and not in -ing. Not after a relative "that" or a contraction in 's ("the report
    /// that slams the agency", "It's trash", "Let's slash the red tape"), nor after "all" or "both".
    private func isNounPosition(_ index: Int, in sentence: Sentence, document: Document) -> Bool {
        let tokens = document.segmentation.tokens
        guard index > sentence.tokens.lowerBound else { return false }
        if tokens[index - 1].kind == .number { return true }
        guard tokens[index - 1].kind == .word else { return false }
        // A form in -ing is the verb's, after a possessive too ("her trashing of the deal").
        if document.text.slice(utf8: tokens[index].span.utf8).lowercased().hasSuffix("ing") { return false }
        let previous = document.text.slice(utf8: tokens[index - 1].span.utf8).lowercased()
        if previous == "to" || previous == "that" || previous == "all" || previous == "both" { return false }
        if previous.hasSuffix("'s") || previous.hasSuffix("\u{2019}s") {
            // "It's", "let's", "what's": a pronoun and a verb, not a possessive.
            return !Self.contractedPronouns.contains(String(previous.dropLast(2)))
        }
        return Self.attributiveContext.contains(previous) || Self.placePrepositions.contains(previous)
    }

    /// Words whose 's is "is", "has" or "us", not a possessive ("it's", "let's").
    static let contractedPronouns: Set<String> = ["it", "that", "let", "he", "she", "what", "there", "who", "here", "where", "how"]

    /// Whether a cue judges what it is said of: after a copula or "called" and "a" or "an" ("the
    /// response was a disaster", "has been a disaster for farmers", "called it a disaster").
    private func isJudgement(_ cue: Range<Int>, in sentence: Sentence, document: Document) -> Bool {
        let tokens = document.segmentation.tokens
        func word(_ index: Int) -> String? {
            guard sentence.tokens.contains(index), tokens[index].kind == .word else { return nil }
            return document.text.slice(utf8: tokens[index].span.utf8).lowercased()
        }
        guard let article = word(cue.lowerBound - 1), article == "a" || article == "an" else { return false }
        guard let verb = word(cue.lowerBound - 2) else { return false }
        return Self.copulas.contains(verb) || verb == "called" || verb == "calling" || verb == "call"
    }

    /// Prepositions of place, after which a word is a noun ("near caves", "inside the blast zone").
    static let placePrepositions: Set<String> = [
        "near", "inside", "outside", "beside", "behind", "beneath", "under", "through", "within", "across", "around",
    ]

    /// Modal and auxiliary verbs: the word after one is a verb ("would devastate", "did betray").
    static let verbLeadIns: Set<String> = [
        "will", "would", "can", "could", "may", "might", "must", "shall", "should", "do", "does", "did", "won't", "wouldn't",
        "can't", "cannot", "couldn't", "mustn't", "shouldn't", "don't", "doesn't", "didn't", "won\u{2019}t", "wouldn\u{2019}t",
        "can\u{2019}t", "couldn\u{2019}t", "shouldn\u{2019}t", "don\u{2019}t", "doesn\u{2019}t", "didn\u{2019}t",
    ]

    /// Determiners and possessives: after one, a form in -ing before a noun is an adjective.
    static let determiners: Set<String> = [
        "a", "an", "the", "this", "that", "these", "those", "his", "her", "their", "its", "our", "your", "my", "such",
    ]

    /// Whether a one-word cue is used as a modifier: it has an adjective's ending, or it
    /// stands after a determiner, a possessive or a preposition.
    private func isModifier(_ index: Int, in sentence: Sentence, document: Document) -> Bool {
        let tokens = document.segmentation.tokens
        let word = document.text.slice(utf8: tokens[index].span.utf8).lowercased()
        if Self.adjectiveEndings.contains(where: { word.hasSuffix($0) }) { return true }
        guard index > sentence.tokens.lowerBound, tokens[index - 1].kind == .word else { return false }
        let previous = document.text.slice(utf8: tokens[index - 1].span.utf8).lowercased()
        return Self.attributiveContext.contains(previous) || previous.hasSuffix("'s") || previous.hasSuffix("\u{2019}s")
    }

    /// Whether a word has one of the ``adjectiveEndings`` (reckless, outrageous, massive).
    static func hasAdjectiveEnding(_ lower: String) -> Bool {
        adjectiveEndings.contains(where: { lower.hasSuffix($0) })
    }

    /// Whether a word ends as a past form or an adverb does ("designed", "publicly").
    static func hasVerbOrAdverbEnding(_ word: Substring) -> Bool {
        let lower = word.lowercased()
        return lower.hasSuffix("ed") || lower.hasSuffix("ly")
    }

    /// Whether a matched "claim" word is the noun: after a determiner, or before "of", "against" and the like.
    private func isClaimNoun(_ match: Range<Int>, in sentence: Sentence, document: Document) -> Bool {
        let tokens = document.segmentation.tokens
        func word(_ index: Int) -> String { document.text.slice(utf8: tokens[index].span.utf8).lowercased() }
        if match.lowerBound > sentence.tokens.lowerBound, Self.claimNounBefore.contains(word(match.lowerBound - 1)) { return true }
        if match.upperBound < sentence.tokens.upperBound, Self.claimNounAfter.contains(word(match.upperBound)) { return true }
        return false
    }

    /// Endings of a verb's forms: a name-calling cue (a noun) matched through its stem by a
    /// word with one of them is no label ("dictated", "demonizing", "invaded").
    static let verbEndings = ["ing", "ed", "ize", "ise", "izes", "ises"]
    /// Endings of adjectives and abstract nouns: a name-calling cue matched through its stem by
    /// a word with one of them judges rather than labels ("hysterical", "despotic", "betrayal", "despotism").
    static let judgingEndings = ["al", "ic", "ly", "ous", "ful", "ish", "ive", "ancy", "ency", "ism"]

    /// A head of compound epithets, from `lexicons/epithet-compounds.txt`: "-hater" brands a
    /// person by a habit of hatred, attack or obsession ("gun-hater"), its activity ("-hating")
    /// charges what it describes; a head with first elements counts only after one of them, and
    /// closed up as well ("warmonger", "scare-mongering"; not "fishmonger").
    struct EpithetHead: Sendable {
        let head: String
        let activity: String?
        let firsts: Set<String>
    }

    /// Reads `epithet-compounds.txt`: head, activity form, first elements, tab-separated.
    static func readEpithetHeads(_ file: URL) throws(AnalyzerError) -> [EpithetHead] {
        var heads: [EpithetHead] = []
        try DataFile(url: file).forEachRecord { (_, fields) throws(AnalyzerError) in
            guard let head = fields.first, !head.isEmpty else { return }
            let activity = fields.count > 1 && !fields[1].isEmpty ? fields[1].lowercased() : nil
            let firsts = fields.count > 2 ? Set(fields[2].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }) : []
            heads.append(EpithetHead(head: head.lowercased(), activity: activity, firsts: firsts.subtracting([""])))
        }
        return heads
    }

    /// "monger", as bytes.
    static let mongerBytes = Array("monger".utf8)
    /// Whether "monger" (any case) ends a word, or stands before a final "s" or "ing": the closed-up
    /// compounds looked at beside the hyphenated ones.
    static func endsNearMonger(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        let monger = mongerBytes
        for tail in 0...3 where tail != 2 && word.count >= monger.count + tail {
            let start = word.count - tail - monger.count
            if (0..<monger.count).allSatisfy({ word[start + $0] | 0x20 == monger[$0] }) { return true }
        }
        return false
    }

    /// Compound epithets no lexicon entry marked ("a gun-grabber", "Church-bashing"): name-calling
    /// for the person ("-hater", "-monger", and their plurals), loaded language for the activity
    /// ("-hating", "-mongering"). A head counts after a hyphen, or for "monger" also closed up
    /// ("rumourmonger"). Only words ending in r, s or g are looked at.
    private func epithetCompounds(in document: Document, marked: [Suggestion]) -> [Suggestion] {
        guard wants("name-calling") || wants("loaded-language") else { return [] }
        let tokens = document.segmentation.tokens
        var found: [Suggestion] = []
        var text = document.text
        // On the bytes first, in one pass: a word of eight bytes or more ending in r, s or g, with
        // a hyphen inside or "monger" near the end; most words are none of these.
        let candidates = text.withUTF8 { bytes -> [Int] in
            var found: [Int] = []
            for (index, token) in tokens.enumerated() where token.kind == .word && token.span.utf8.count >= 8 {
                let word = UnsafeBufferPointer(rebasing: bytes[token.span.utf8])
                guard let last = word.last.map({ $0 | 0x20 }), last == UInt8(ascii: "r") || last == UInt8(ascii: "s") || last == UInt8(ascii: "g")
                else { continue }
                if word.contains(UInt8(ascii: "-")) || Self.endsNearMonger(word) { found.append(index) }
            }
            return found
        }
        for token in candidates.map({ tokens[$0] }) {
            let word = document.text.slice(utf8: token.span.utf8)
            let lower = word.lowercased()
            let stem = lower.hasSuffix("s") ? String(lower.dropLast()) : lower
            /// Whether `word` is a compound of `ending` under `entry`'s rule for its first element.
            func compound(_ word: String, _ ending: String, _ entry: EpithetHead) -> Bool {
                guard word.hasSuffix(ending), word.count > ending.count + 2 else { return false }
                var first = word.dropLast(ending.count)
                let hyphenated = first.last == "-"
                if hyphenated { first = first.dropLast() }
                if entry.firsts.isEmpty { return hyphenated }
                return entry.firsts.contains(String(first))
            }
            let label: String
            if epithetHeads.contains(where: { compound(stem, $0.head, $0) }) {
                label = "name-calling"
            } else if !lower.hasSuffix("s"), epithetHeads.contains(where: { entry in entry.activity.map { compound(lower, $0, entry) } ?? false }) {
                label = "loaded-language"
            } else {
                continue
            }
            let range = token.span.scalars
            guard wants(label), !sourceOnlyCategories.contains(label),
                !marked.contains(where: { $0.range.map { $0.overlaps(range) } ?? false })
            else { continue }
            found.append(
                Suggestion(
                    layer: "bias-markers", label: label, range: range, rule: "bias.epithet-compound",
                    cues: [Cue(text: String(word), range: range)],
                    attributes: [
                        "category": .string(label), "cue": .string(lower), "strength": 2,
                        "rationale": .string(label == "name-calling"
                            ? "a compound epithet brands a person by a habit of hatred, attack or obsession"
                            : "a compound epithet charges what it describes with hatred, attack or obsession"),
                    ]))
        }
        return found
    }

    /// Verbs that open a campaign's hashtag as a command or a vow ("#StopTheCuts",
    /// "#SaveOurLibrary", "#NeverForget"), written for Loupe.
    static let campaignVerbs: [String] = [
        "Stop", "Defend", "Save", "Free", "Ban", "End", "Build", "Drain", "Lock", "Make", "Fight", "Resist", "Impeach",
        "Boycott", "Protect", "Support", "Abolish", "Defund", "Repeal", "Never", "Vote", "Keep", "Take", "Bring", "Stand",
        "Believe", "Release", "Kill", "Scrap", "Dump", "Reject", "Unite", "Remember",
    ]

    /// A hashtag that opens with a command or a vow and runs on into more words ("#StopTheCuts",
    /// "#NeverAgain") is a slogan, by the rule `bias.campaign-hashtag`: a campaign's watchword,
    /// repeated rather than argued. A hashtag that names a topic ("#Budget2025", "#Paris") or an
    /// event is none: the verb must be followed by a capital, the start of the next word.
    static func campaignHashtags(in document: Document) -> [Suggestion] {
        let tokens = document.segmentation.tokens
        var found: [Suggestion] = []
        for index in tokens.indices.dropFirst() where tokens[index].kind == .word {
            let hash = tokens[index - 1]
            guard hash.kind == .punctuation, hash.span.utf8.upperBound == tokens[index].span.utf8.lowerBound,
                document.text.slice(utf8: hash.span.utf8) == "#"
            else { continue }
            let word = document.text.slice(utf8: tokens[index].span.utf8)
            guard let verb = campaignVerbs.first(where: { word.hasPrefix($0) }) else { continue }
            let rest = word.dropFirst(verb.count)
            guard let next = rest.unicodeScalars.first, next.properties.isUppercase else { continue }
            let range = hash.span.scalars.lowerBound..<tokens[index].span.scalars.upperBound
            let text = String(document.text(scalars: range))
            found.append(
                Suggestion(
                    layer: "bias-markers", label: "slogan", range: range, rule: "bias.campaign-hashtag",
                    cues: [Cue(text: text, range: range)],
                    attributes: [
                        "category": "slogan", "cue": .string(text), "strength": 2,
                        "rationale": "a campaign hashtag that commands or vows: a watchword to repeat rather than an argument",
                    ]))
        }
        return found
    }

    /// Words that make a sentence warn of what is to come: the future and the possible
    /// ("will", "could", "may"), a condition or a deadline ("if", "unless", "before"), and
    /// warning, threat and risk themselves. A word of fear or harm in a sentence with none of
    /// them (and no "-'ll") describes rather than warns: `bias.fear-word`.
    static let warningWords: Set<String> = [
        "will", "would", "could", "might", "may", "can", "shall", "must", "going", "gonna", "if", "unless", "until", "before", "lest",
        "soon", "otherwise", "future", "tomorrow", "next", "threat", "threats", "threaten", "threatens", "threatened", "threatening",
        "risk", "risks", "warn", "warns", "warned", "warning", "warnings", "fear", "fears", "feared", "afraid", "worry", "worried",
    ]

    /// Whether a sentence warns of something to come: a word of ``warningWords`` or a
    /// contracted "will" ("they'll"), checked once per sentence.
    private func warnsOfHarm(_ sentence: Sentence, in document: Document, cache: inout [Int: Bool]) -> Bool {
        if let known = cache[sentence.tokens.lowerBound] { return known }
        let tokens = document.segmentation.tokens
        let found = sentence.tokens.contains { index in
            guard tokens[index].kind == .word else { return false }
            let word = document.text.slice(utf8: tokens[index].span.utf8).lowercased()
            return Self.warningWords.contains(word) || word.hasSuffix("'ll") || word.hasSuffix("\u{2019}ll")
        }
        cache[sentence.tokens.lowerBound] = found
        return found
    }

    /// Whether a sentence names a court, a charge or an investigation (checked once per sentence).
    private func isLegalReport(_ sentence: Sentence, in document: Document, cache: inout [Int: Bool]) -> Bool {
        if let known = cache[sentence.tokens.lowerBound] { return known }
        let tokens = document.segmentation.tokens
        let found = sentence.tokens.contains { index in
            tokens[index].kind == .word && Self.legalContextWords.contains(document.text.slice(utf8: tokens[index].span.utf8).lowercased())
        }
        cache[sentence.tokens.lowerBound] = found
        return found
    }

    /// Whether the word just before or just after a match, within its sentence, is capitalised
    /// (a match inside a run of capitalised words is part of a name or a shouted heading).
    /// Whether the word at `token` (in the title) is written the same way, capitalised, inside a
    /// sentence of the text below the title: there it is a name, and so it is in the title.
    private func isNameBelowTitle(_ token: Int, document: Document) -> Bool {
        let segmentation = document.segmentation
        let tokens = segmentation.tokens
        var text = document.text
        return text.withUTF8 { bytes in
            let word = UnsafeBufferPointer(rebasing: bytes[tokens[token].span.utf8])
            for sentence in segmentation.sentences where sentence.paragraph > 0 {
                for index in sentence.tokens.dropFirst() where tokens[index].kind == .word {
                    if UnsafeBufferPointer(rebasing: bytes[tokens[index].span.utf8]).elementsEqual(word) { return true }
                }
            }
            return false
        }
    }

    /// The category of slogans and thought-terminating clichés.
    static let sloganCategory = "slogan"

    /// Whether a match of two words or more is written as a title: every word capitalised but
    /// the short ones a title leaves in lower case (``titleFunctionWords``): "Drain the Swamp",
    /// "America First"; not "America's first", whose capital is the name's alone.
    private func isTitledPhrase(_ match: Range<Int>, document: Document) -> Bool {
        let tokens = document.segmentation.tokens
        var words = 0
        for index in match where tokens[index].kind == .word {
            words += 1
            let word = document.text.slice(utf8: tokens[index].span.utf8)
            if Self.isCapitalised(word) { continue }
            if index == match.lowerBound || !Self.titleFunctionWords.contains(String(word)) { return false }
        }
        return words >= 2
    }

    /// Whether a titled phrase is the name of something else: a capitalised word goes on after it (a law's
    /// or a firm's name: "the Never Again Education Act", "Make America Great Again Inc."), a noun of a
    /// movement, a group or a law follows it ("the Believe Women movement"), or a title word stands in the
    /// three tokens before it ("the book Never Again").
    private func isNamedByPhrase(_ match: Range<Int>, in sentence: Sentence, document: Document) -> Bool {
        let tokens = document.segmentation.tokens
        func word(_ index: Int) -> Substring { document.text.slice(utf8: tokens[index].span.utf8) }
        if match.upperBound < sentence.tokens.upperBound, tokens[match.upperBound].kind == .word {
            let next = word(match.upperBound)
            if Self.isCapitalised(next) || Self.namedThingNouns.contains(next.lowercased()) { return true }
        }
        return followsTitleWord(match.lowerBound, in: sentence, document: document)
    }

    /// Whether a title word ("book", "film", "titled"; ``titleWords``) stands in the three tokens
    /// before `index`, in its sentence: what comes after it is the title of a work.
    private func followsTitleWord(_ index: Int, in sentence: Sentence, document: Document) -> Bool {
        let tokens = document.segmentation.tokens
        return (max(sentence.tokens.lowerBound, index - 3)..<index).contains {
            Self.titleWords.contains(document.text.slice(utf8: tokens[$0].span.utf8).lowercased())
        }
    }

    /// Nouns after a titled phrase that make it a name: of a movement, a group, a law.
    static let namedThingNouns: Set<String> = [
        "movement", "campaign", "group", "groups", "act", "bill", "law", "pac", "foundation", "fund", "party", "coalition",
        "caucus", "organization", "organisation", "network", "initiative", "program", "programme", "project",
    ]

    private func capitalisedNeighbour(_ match: Range<Int>, in sentence: Sentence, document: Document) -> Bool {
        let tokens = document.segmentation.tokens
        if match.lowerBound > sentence.tokens.lowerBound, tokens[match.lowerBound - 1].kind == .word,
            Self.isCapitalised(document.text.slice(utf8: tokens[match.lowerBound - 1].span.utf8))
        {
            return true
        }
        if match.upperBound < sentence.tokens.upperBound, tokens[match.upperBound].kind == .word,
            Self.isCapitalised(document.text.slice(utf8: tokens[match.upperBound].span.utf8))
        {
            return true
        }
        return false
    }

    /// Whether a word is written in capitals for emphasis: four letters or more, none lower case
    /// ("HUGE", "NEVER"); shorter ones are mostly acronyms.
    static func isShouted(_ word: Substring) -> Bool {
        var letters = 0
        for scalar in word.unicodeScalars {
            if scalar.properties.isLowercase { return false }
            if scalar.properties.isUppercase { letters += 1 }
        }
        return letters >= 4
    }

    /// Whether a sentence is the document's title (its first line, with more to follow) with nearly
    /// all of its longer words capitalised ("Senator's Shameful Vote Betrays Voters"), where a capital
    /// says nothing of a name (checked once per sentence). Not any line that looks like a heading:
    /// in press releases those are mostly names of places, bodies and events ("Fawn Township",
    /// "Historic District").
    private func isTitleCaseHeading(_ sentence: Sentence, in document: Document, cache: inout [Int: Bool]) -> Bool {
        if let known = cache[sentence.tokens.lowerBound] { return known }
        let tokens = document.segmentation.tokens
        var long = 0
        var capitalised = 0
        for index in sentence.tokens where tokens[index].kind == .word {
            let word = document.text.slice(utf8: tokens[index].span.utf8)
            guard word.unicodeScalars.count >= 4 else { continue }
            long += 1
            if Self.isCapitalised(word) { capitalised += 1 }
        }
        // Nearly every longer word (four in five), not just most: a sentence full of names is no headline.
        let found = long >= 2 && capitalised * 5 >= long * 4 && sentence.paragraph == 0 && document.segmentation.paragraphs.count > 1
        cache[sentence.tokens.lowerBound] = found
        return found
    }

    /// Whether token `index` is the first word of a quoted phrase or sentence: an opening quotation
    /// mark (“, ‘, or a straight quote after a space) stands right before it, with no space between,
    /// and a word in lower case follows inside the quotation. A quotation of capitalised words only
    /// ("“Stand Up For”", "“Snowflake”") is a title or a name, whose capitals are its own.
    private func opensQuotation(_ index: Int, in sentence: Sentence, document: Document) -> Bool {
        let tokens = document.segmentation.tokens
        guard index > sentence.tokens.lowerBound else { return false }
        let mark = tokens[index - 1]
        guard mark.kind == .punctuation, mark.span.utf8.upperBound == tokens[index].span.utf8.lowerBound else { return false }
        let text = document.text.slice(utf8: mark.span.utf8)
        let isOpening: Bool
        if text == "\u{201C}" || text == "\u{2018}" {
            isOpening = true
        } else if text == "\"" || text == "'" {
            // A straight quote opens when a space or the sentence's start comes before it.
            isOpening = index - 1 == sentence.tokens.lowerBound || tokens[index - 2].span.utf8.upperBound < mark.span.utf8.lowerBound
        } else {
            isOpening = false
        }
        guard isOpening else { return false }
        var next = index + 1
        while next < sentence.tokens.upperBound, next <= index + Self.quotationReach {
            let token = tokens[next]
            let word = document.text.slice(utf8: token.span.utf8)
            if token.kind == .punctuation, ["\"", "'", "\u{201D}", "\u{2019}"].contains(word) { return false }
            if token.kind == .word, let first = word.unicodeScalars.first, first.properties.isLowercase,
                !Self.titleFunctionWords.contains(String(word))
            {
                return true
            }
            next += 1
        }
        return false
    }

    /// How many tokens after its first word a quotation is searched for a word in lower case.
    static let quotationReach = 12
    /// The short words a title leaves in lower case ("Junk Fax Prevention Act of 2004", "We the People"):
    /// a quotation whose only lower-case words are these is a title.
    static let titleFunctionWords: Set<String> = [
        "a", "an", "the", "and", "but", "or", "nor", "for", "of", "in", "on", "at", "to", "by", "with", "from", "as", "per", "via",
    ]

    /// Whether a sentence is a heading: the document's first line, or a line of its own
    /// of at most 25 words most of whose longer words are capitalised ("Smoke and Mirrors?").
    private func isHeading(_ sentence: Sentence, in document: Document) -> Bool {
        let segmentation = document.segmentation
        if sentence.paragraph == 0, segmentation.paragraphs.count > 1 { return true }
        let paragraph = segmentation.paragraphs[sentence.paragraph]
        guard paragraph.scalars.lowerBound >= sentence.span.scalars.lowerBound - 1,
            paragraph.scalars.upperBound <= sentence.span.scalars.upperBound + 1
        else { return false }
        let words = sentence.tokens.filter { segmentation.tokens[$0].kind == .word }
        guard words.count <= 25 else { return false }
        let long = words.map { document.text.slice(utf8: segmentation.tokens[$0].span.utf8) }.filter { $0.unicodeScalars.count >= 4 }
        guard !long.isEmpty else { return false }
        return long.filter(Self.isCapitalised).count * 2 > long.count
    }

    /// Whether a question is put to readers as a poll ("Should the city ban cars? Vote below"):
    /// a poll word within three sentences either way, since a web page's poll box leads in
    /// before its question ("Take our poll"), may repeat it, and ends in a form after it.
    private func isPoll(_ sentence: Int, in document: Document) -> Bool {
        let segmentation = document.segmentation
        let tokens = segmentation.tokens
        for index in max(0, sentence - Self.pollWindow)...(sentence + Self.pollWindow) where index < segmentation.sentences.count {
            if segmentation.sentences[index].tokens.contains(where: {
                tokens[$0].kind == .word && Self.pollWords.contains(document.text.slice(utf8: tokens[$0].span.utf8).lowercased())
            }) {
                return true
            }
        }
        return false
    }

    /// Whether the quotation opening at `open` sets off a word mentioned: a mention word
    /// (``mentionWords``) right before it, or before "the", "a", "of", "as", a colon or a comma
    /// ("the term “pilot”", "the definition of “institution”", "the word, “Liberty,”"). Not
    /// one further back, nor "in other words": "In other words, the “experts” got it wrong" uses
    /// the word it quotes.
    private func isMentioned(_ open: Int, in sentence: Sentence, document: Document) -> Bool {
        let tokens = document.segmentation.tokens
        var index = open - 1
        while index >= sentence.tokens.lowerBound, index >= open - 3 {
            let lowered = document.text.slice(utf8: tokens[index].span.utf8).lowercased()
            // "In other words" uses what follows.
            if Self.mentionWords.contains(lowered) {
                return !(index > sentence.tokens.lowerBound && document.text.slice(utf8: tokens[index - 1].span.utf8).lowercased() == "other")
            }
            guard Self.mentionLinks.contains(lowered) else { return false }
            index -= 1
        }
        return false
    }

    /// Whether a word ends in -s as English plurals do (not -ss: "boss").
    private func isPluralWord(_ index: Int, document: Document) -> Bool {
        let word = document.text.slice(utf8: document.segmentation.tokens[index].span.utf8)
        return word.hasSuffix("s") && !word.hasSuffix("ss")
    }

    /// Whether the quotation `open...close` stands between two capitalised words, as a nickname
    /// between a given name and a surname does (William “Boss” Tweed).
    private func isNickname(_ open: Int, _ close: Int, in sentence: Sentence, document: Document) -> Bool {
        let tokens = document.segmentation.tokens
        guard open > sentence.tokens.lowerBound, close + 1 < sentence.tokens.upperBound,
            tokens[open - 1].kind == .word, tokens[close + 1].kind == .word
        else { return false }
        return Self.isCapitalised(document.text.slice(utf8: tokens[open - 1].span.utf8))
            && Self.isCapitalised(document.text.slice(utf8: tokens[close + 1].span.utf8))
    }

    /// What may stand between a mention word and the word it mentions.
    static let mentionLinks: Set<String> = ["the", "a", "an", "of", "as", ":", ","]

    /// Whether the words inside scare quotes name people: one word, not a function word, a noun
    /// for people (`person-nouns.txt`, singular or plural, or a plural in -ists, -crats, -ians).
    /// Quoting the name a group goes by, unattributed ("the “reformers” on the board", "our
    /// “experts”"), disowns the name and labels the people: name-calling, by the rule
    /// `bias.scare-quoted-label`, instead of a plain scare quote. Not two words or more: in
    /// reports and releases those are mostly terms of art ("“cooperating agencies”", "“source
    /// country”"), quoted to define them. Nor a singular word that modifies the word after the
    /// quote ("these “official” numbers"): that names no one (a plural's next word is mostly its
    /// verb: "the “experts” predicted").
    private func isScareQuotedLabel(_ words: [Int], document: Document) -> Bool {
        let tokens = document.segmentation.tokens
        guard words.count == 1, let last = words.last, tokens[last].kind == .word,
            !StopWords.contains(String(document.text.slice(utf8: tokens[last].span.utf8)))
        else { return false }
        let lower = document.text.slice(utf8: tokens[last].span.utf8).lowercased()
        return isPersonNoun(lower) || (lower.hasSuffix("s") && personNouns.contains(String(lower.dropLast())))
    }

    /// Short quoted words that nobody is reported as saying and that are not a title nor a word
    /// mentioned: scare quotes, or labels when they name people (``isScareQuotedLabel(_:document:)``).
    private func scareQuotes(in document: Document, quotes: [QuotedSpan]) -> [Suggestion] {
        let segmentation = document.segmentation
        let tokens = segmentation.tokens
        func word(_ index: Int) -> Substring { document.text.slice(utf8: tokens[index].span.utf8) }
        var found: [Suggestion] = []
        var attributedSentences: [Int: Bool] = [:]
        for quote in quotes {
            let inner = quote.inner
            let words = inner.filter { tokens[$0].kind != .punctuation }
            guard (1...4).contains(words.count), !inner.contains(where: { [".", "!", "?"].contains(word($0)) }) else { continue }
            guard let sentenceIndex = segmentation.sentenceIndex(containing: tokens[quote.open].span.scalars.lowerBound) else { continue }
            let sentence = segmentation.sentences[sentenceIndex]
            // Attributed: a reporting word in the sentence (checked once per sentence), or a colon just before the quote.
            let reported: Bool
            if let known = attributedSentences[sentenceIndex] {
                reported = known
            } else {
                reported = sentence.tokens.contains { tokens[$0].kind == .word && Self.reportingWords.contains(word($0).lowercased()) }
                attributedSentences[sentenceIndex] = reported
            }
            let attributed = reported || (quote.open > 0 && word(quote.open - 1) == ":")
            if attributed { continue }
            // A title: capitalised words throughout, or a title word just before; or a word mentioned, after a
            // word that mentions one.
            let allCapitalised = words.count >= 2 && words.allSatisfy { Self.isCapitalised(word($0)) }
            let afterTitleWord = followsTitleWord(quote.open, in: sentence, document: document)
            if allCapitalised || afterTitleWord || isMentioned(quote.open, in: sentence, document: document) { continue }
            // A nickname between a given name and a surname: William “Boss” Tweed.
            if isNickname(quote.open, quote.close, in: sentence, document: document) { continue }
            // An entry of a reference list ("[3] Outlet — “Title”") quotes titles.
            if segmentation.isReferenceEntry(sentence.paragraph, in: document.text) { continue }
            let range = tokens[quote.open].span.scalars.lowerBound..<tokens[quote.close].span.scalars.upperBound
            let quoted = String(document.text(scalars: tokens[inner.lowerBound].span.scalars.lowerBound..<tokens[inner.upperBound - 1].span.scalars.upperBound))
            // Scare quotes round a name for people label them: name-calling, not a plain scare quote.
            let labels = wants("name-calling") && isScareQuotedLabel(words, document: document)
                && (isPluralWord(words[0], document: document)
                    || modifiedWord(after: quote.open..<(quote.close + 1), in: sentence, document: document) == nil)
            guard labels || wants("scare-quotes") else { continue }
            let category = labels ? "name-calling" : "scare-quotes"
            found.append(
                Suggestion(
                    layer: "bias-markers", label: category, range: range, rule: labels ? "bias.scare-quoted-label" : "bias.scare-quotes",
                    cues: [Cue(text: String(document.text(scalars: range)), range: range)],
                    attributes: [
                        "category": .string(category), "cue": .string(quoted), "strength": 2,
                        "rationale": labels
                            ? "scare quotes round the name of a group or a person disown the name, and so label the people it names"
                            : "a short quotation nobody is reported as saying, which distances the writer from the words",
                    ]))
        }
        return found
    }

    /// Words after "if we" that make the condition one of not acting: "if we do not act",
    /// "if we don't vote", "if we fail to", "if we do nothing". ("let" and "allow" are not
    /// among them: "if we allow more time, we will get better data" acts.)
    static let inactionWords: Set<String> = [
        "not", "don't", "don\u{2019}t", "doesn't", "doesn\u{2019}t", "fail", "refuse", "nothing", "ignore", "never",
    ]
    /// Words after "if we" that make the condition one about the past ("if we had not acted,
    /// families would have paid more"): a claim about what was done, not a warning.
    static let pastConditionWords: Set<String> = ["had", "hadn't", "hadn\u{2019}t"]
    /// Words that say what a condition will bring: "…, we will lose", "…, you'll regret it".
    static let consequenceWords: Set<String> = ["will", "would", "shall", "won't", "won\u{2019}t"]
    /// How many words after "if we" an inaction word may stand ("if we simply do not").
    static let inactionReach = 3

    /// A warning that harm follows from not acting, addressed to all of "us": "If we do not act
    /// now, the river will be gone", "Unless we vote, they will decide for us". The whole
    /// sentence is the appeal to fear, by the rule `bias.fear-conditional`: "if" or "unless",
    /// then "we", then (after "if") a word of not acting within three words, and, after the
    /// comma that closes the condition, "will", "would" or a contracted "will". A condition of
    /// acting ("if we agree, we will…"), one about the past ("if we had not acted, …"), one
    /// about someone else ("if the council does not…"), one put to the reader as "you", which
    /// is mostly an instruction ("if you do not have a ticket, you will…"), and one inside a
    /// quotation (the speaker's, not the writer's) warn no one here.
    private func inactionWarnings(in document: Document, quotes: [QuotedSpan]) -> [Suggestion] {
        let segmentation = document.segmentation
        let tokens = segmentation.tokens
        func lower(_ index: Int) -> String { document.text.slice(utf8: tokens[index].span.utf8).lowercased() }
        func quoted(_ index: Int) -> Bool { quotes.contains { $0.open < index && index < $0.close } }
        var found: [Suggestion] = []
        for sentence in segmentation.sentences {
            let range = sentence.tokens
            // Compared on the text itself first: most words are neither "if" nor "unless", and
            // lower-casing every one of them would make a string for each.
            for index in range where tokens[index].kind == .word && index + 2 < range.upperBound {
                let count = tokens[index].span.utf8.count
                guard count == 2 || count == 6 else { continue }
                let word = document.text.slice(utf8: tokens[index].span.utf8)
                guard Self.equalsIgnoringCase(word, "if") || Self.equalsIgnoringCase(word, "unless"),
                    Self.equalsIgnoringCase(document.text.slice(utf8: tokens[index + 1].span.utf8), "we")
                else { continue }
                let opener = word.lowercased()
                // "unless we…" is itself a condition of not acting; "if we…" needs a word that says so.
                var cueEnd = index + 2
                if opener == "if" {
                    if Self.pastConditionWords.contains(lower(index + 2)) { continue }
                    guard let inaction = (index + 2..<min(range.upperBound, index + 2 + Self.inactionReach)).first(where: {
                        tokens[$0].kind == .word && Self.inactionWords.contains(lower($0))
                    }) else { continue }
                    cueEnd = inaction + 1
                }
                if quoted(index) { continue }
                // The consequence comes in the clause after the condition's comma.
                guard let comma = (cueEnd..<range.upperBound).first(where: { document.text.slice(utf8: tokens[$0].span.utf8) == "," })
                else { continue }
                guard let consequence = (comma + 1..<range.upperBound).first(where: {
                    guard tokens[$0].kind == .word else { return false }
                    let word = lower($0)
                    return Self.consequenceWords.contains(word) || word.hasSuffix("'ll") || word.hasSuffix("\u{2019}ll")
                }) else { continue }
                let cue = tokens[index].span.scalars.lowerBound..<tokens[cueEnd - 1].span.scalars.upperBound
                found.append(
                    Suggestion(
                        layer: "bias-markers", label: Self.fearCategory, range: sentence.span.scalars, rule: "bias.fear-conditional",
                        cues: [
                            Cue(text: String(document.text(scalars: cue)), range: cue),
                            Cue(text: String(document.text(scalars: tokens[consequence].span.scalars)), range: tokens[consequence].span.scalars),
                        ],
                        attributes: [
                            "category": .string(Self.fearCategory), "cue": .string(String(document.text(scalars: cue)).lowercased() + " \u{2026} " + lower(consequence)),
                            "strength": 2,
                            "rationale": "a warning that harm will follow unless we act, which presses with fear rather than argues",
                        ]))
                break
            }
        }
        return found
    }

    /// Words after "how" that make it ask how something could be so ("How could they miss
    /// it?", "How did nobody notice?", "How come…?"), not how many, how much or how large.
    static let insinuatingHowFollowers: Set<String> = [
        "could", "can", "can't", "can\u{2019}t", "cannot", "did", "didn't", "didn\u{2019}t", "does", "doesn't",
        "doesn\u{2019}t", "do", "don't", "don\u{2019}t", "would", "wouldn't", "wouldn\u{2019}t", "should", "dare", "come",
        "on",
    ]
    /// How many words into a question a negation may stand and still be the question's own:
    /// "Wouldn't they…?", "Is it not…?", "Did the mayor not…?".
    static let leadingNegationReach = 4

    /// The word that makes a question in the writer's own voice cast doubt, if any: a word of
    /// `doubt-question-words.txt` ("really", "believe", "evidence"); "why"; "how" asking how
    /// something could be so (see ``insinuatingHowFollowers``); or a negation that is the
    /// question's own, near its start ("Wouldn't the engineers have told her?") or in a tag
    /// after a comma ("…, didn't he?"). A negation inside a clause of the question ("Does the
    /// plan mean that the school won't open?") and "how many" ask a plain question.
    private func doubtCue(of sentence: Sentence, in document: Document) -> Int? {
        let tokens = document.segmentation.tokens
        var wordsSeen = 0
        for index in sentence.tokens where tokens[index].kind == .word {
            wordsSeen += 1
            let lower = document.text.slice(utf8: tokens[index].span.utf8).lowercased()
            if Self.isNegation(lower) {
                let afterComma = index > sentence.tokens.lowerBound && document.text.slice(utf8: tokens[index - 1].span.utf8) == ","
                if wordsSeen <= Self.leadingNegationReach || afterComma { return index }
                continue
            }
            guard doubtQuestionWords.contains(lower) else { continue }
            if lower == "how" {
                guard let next = (index + 1..<sentence.tokens.upperBound).first(where: { tokens[$0].kind == .word }),
                    Self.insinuatingHowFollowers.contains(document.text.slice(utf8: tokens[next].span.utf8).lowercased())
                else { continue }
            }
            return index
        }
        return nil
    }

    /// Words after which "what about" opens a question of its own: "…, but what about the
    /// council's own record?", "And what about…?".
    static let whatAboutOpeners: Set<String> = [",", "but", "and", "so", "yet", "then", "or", "\u{2014}", "\u{2013}", "-", ";", ":"]

    /// The token of "what" in a question that opens with "what about" or turns to it after a
    /// comma or a conjunction ("…, but what about the other side?"); not "what about" inside a
    /// clause ("I asked what about the plan worried them?").
    private func whatAboutCue(in sentence: Sentence, document: Document) -> Int? {
        let tokens = document.segmentation.tokens
        var opening = sentence.tokens.lowerBound
        while opening < sentence.tokens.upperBound, tokens[opening].kind == .punctuation { opening += 1 }
        guard opening + 1 < sentence.tokens.upperBound else { return nil }
        for index in opening..<(sentence.tokens.upperBound - 1) where tokens[index].kind == .word {
            guard Self.equalsIgnoringCase(document.text.slice(utf8: tokens[index].span.utf8), "what"),
                Self.equalsIgnoringCase(document.text.slice(utf8: tokens[index + 1].span.utf8), "about")
            else { continue }
            if index == opening { return index }
            let before = document.text.slice(utf8: tokens[index - 1].span.utf8).lowercased()
            if Self.whatAboutOpeners.contains(before) { return index }
        }
        return nil
    }

    /// Whether a word is `lower` (ASCII, lower case) in any case, without making a string.
    static func equalsIgnoringCase(_ word: Substring, _ lower: StaticString) -> Bool {
        let utf8 = word.utf8
        guard utf8.count == lower.utf8CodeUnitCount else { return false }
        return lower.withUTF8Buffer { expected in
            zip(utf8, expected).allSatisfy { $0 | 0x20 == $1 }
        }
    }

    /// Words by which a sentence announces the questions after it ("three questions", "we ask").
    static let questionAnnouncers: Set<String> = ["question", "questions", "ask", "asks", "asked", "asking", "examine", "examines", "faq", "following"]

    /// Whether a sentence announces questions to come: it names them, or ends in a colon.
    private func announcesQuestions(_ sentence: Sentence, in document: Document) -> Bool {
        let tokens = document.segmentation.tokens
        for index in sentence.tokens {
            let word = document.text.slice(utf8: tokens[index].span.utf8)
            if tokens[index].kind == .punctuation, word == ":", index == sentence.tokens.upperBound - 1 { return true }
            if tokens[index].kind == .word, word.utf8.count <= 9, Self.questionAnnouncers.contains(word.lowercased()) { return true }
        }
        return false
    }

    /// The second person: a question holding one is put to someone.
    static let secondPerson: Set<String> = ["you", "your", "yours", "yourself", "yourselves"]

    /// Questions and exclamations in the writer's own voice (not inside a quotation).
    /// A question in a run of them (the sentence before or after is also a question in
    /// the writer's own voice) casts doubt, by the rule `bias.question-run`: a volley of
    /// unanswered questions ("Who signed the order? Why was nobody told?") insinuates that
    /// something is being hidden, where a single question may simply lead into its answer.
    private func sentenceMarks(in document: Document, quotes: [QuotedSpan]) -> [Suggestion] {
        let segmentation = document.segmentation
        let tokens = segmentation.tokens
        // How many quotations each token sits inside (a sweep over open/close marks).
        var depthChange = [Int](repeating: 0, count: tokens.count + 1)
        for quote in quotes {
            depthChange[quote.open + 1] += 1
            depthChange[quote.close] -= 1
        }
        var insideQuote = [Bool](repeating: false, count: tokens.count)
        var depth = 0
        for index in tokens.indices {
            depth += depthChange[index]
            insideQuote[index] = depth > 0
        }
        var found: [Suggestion] = []
        // The sentences that are questions in the writer's own voice, and the plain ones among
        // them (by sentence, the index of their mark in `found`), for the rule `bias.question-run`.
        var questionSentences: Set<Int> = []
        var plainQuestions: [(sentence: Int, mark: Int)] = []
        var askedOfSomeone: Set<Int> = []
        // Worked out at the first question or exclamation: most texts have none.
        var turns: SpeakerTurns?
        for (sentenceIndex, sentence) in segmentation.sentences.enumerated() {
            // The last mark that is not a closing quote or bracket.
            var last = sentence.tokens.upperBound - 1
            while last > sentence.tokens.lowerBound, tokens[last].kind == .punctuation,
                ["\"", "\u{201D}", "\u{2019}", ")", "]"].contains(document.text.slice(utf8: tokens[last].span.utf8))
            {
                last -= 1
            }
            let mark = document.text.slice(utf8: tokens[last].span.utf8)
            var label: String
            if mark.hasSuffix("?") {
                label = "rhetorical-question"
            } else if mark.hasSuffix("!") {
                label = "exclamation"
            } else {
                continue
            }
            guard wants(label) || (label == "rhetorical-question" && (wants("doubt-casting") || wants("whataboutism"))), !insideQuote[last]
            else { continue }
            // An interviewer's question and a speaker's exclamation in a transcript are not the writer's.
            if turns == nil { turns = SpeakerTurns(of: document) }
            if let turns, turns.isTurn(sentenceIndex) { continue }
            // A headline or a subheading that asks, and a poll put to readers, are not rhetorical questions.
            if label == "rhetorical-question", isHeading(sentence, in: document) || isPoll(sentenceIndex, in: document) { continue }
            if label == "rhetorical-question" { questionSentences.insert(sentenceIndex) }
            // "What about…?" turns to someone else's failing instead of answering: whataboutism.
            if label == "rhetorical-question", wants("whataboutism"), let what = whatAboutCue(in: sentence, document: document) {
                let cue = tokens[what].span.scalars.lowerBound..<tokens[what + 1].span.scalars.upperBound
                found.append(
                    Suggestion(
                        layer: "bias-markers", label: "whataboutism", range: sentence.span.scalars, rule: "bias.whatabout-question",
                        cues: [Cue(text: String(document.text(scalars: cue)), range: cue), Cue(text: String(mark), range: tokens[last].span.scalars)],
                        attributes: [
                            "category": "whataboutism", "cue": "what about \u{2026}?", "strength": 2,
                            "rationale": "a question in the writer's own voice that turns to what someone else did instead of answering the point",
                        ]))
                continue
            }
            // A rhetorical question that asks whether something is true or to be believed casts doubt.
            if label == "rhetorical-question", wants("doubt-casting"), let word = doubtCue(of: sentence, in: document) {
                let cue = document.text.slice(utf8: tokens[word].span.utf8)
                let asksWhy = Self.insinuatingQuestionWords.contains(cue.lowercased())
                let negative = !asksWhy && Self.isNegation(cue.lowercased())
                found.append(
                    Suggestion(
                        layer: "bias-markers", label: "doubt-casting", range: sentence.span.scalars, rule: "bias.doubt-question",
                        cues: [Cue(text: String(cue), range: tokens[word].span.scalars), Cue(text: String(mark), range: tokens[last].span.scalars)],
                        attributes: [
                            "category": "doubt-casting", "cue": .string(cue.lowercased() + " \u{2026}?"), "strength": 2,
                            "rationale": .string(asksWhy
                                ? "a question in the writer's own voice that asks why or how something could be so and leaves it unanswered, insinuating that there is no good answer"
                                : negative
                                ? "a negative question in the writer's own voice presumes its answer, and so insinuates rather than asks"
                                : "a question in the writer's own voice that asks whether a claim is true or a source to be believed, and so casts doubt on it"),
                        ]))
                continue
            }
            // A plain question is kept when only doubt-casting is wanted: it may belong to a run.
            guard wants(label) || label == "rhetorical-question" else { continue }
            if label == "rhetorical-question" {
                // "Do you need more staff?": a question put to someone (a letter's, a hearing's) asks; it is no volley.
                let asksSomeone = sentence.tokens.contains { index in
                    tokens[index].kind == .word && Self.secondPerson.contains(document.text.slice(utf8: tokens[index].span.utf8).lowercased())
                }
                if asksSomeone { askedOfSomeone.insert(sentenceIndex) }
                plainQuestions.append((sentenceIndex, found.count))
            }
            found.append(
                Suggestion(
                    layer: "bias-markers", label: label, range: sentence.span.scalars,
                    rule: label == "exclamation" ? "bias.exclamation" : "bias.question",
                    cues: [Cue(text: String(mark), range: tokens[last].span.scalars)],
                    attributes: [
                        "category": .string(label), "cue": .string(String(mark)), "strength": 1,
                        "rationale": .string(label == "exclamation"
                            ? "an exclamation in the writer's own voice appeals to emotion"
                            : "a question in the writer's own voice that steers the reader rather than asks"),
                    ]))
        }
        // A plain question next to another question in the writer's own voice is one of a run: doubt-casting.
        var dropped: Set<Int> = []
        for (sentenceIndex, mark) in plainQuestions {
            let inRun = questionSentences.contains(sentenceIndex - 1) || questionSentences.contains(sentenceIndex + 1)
            // "The hearing will examine three questions. Who pays? Who decides?": a run the text announces
            // as questions to be answered (an agenda, a list, a FAQ) asks.
            var first = sentenceIndex
            while questionSentences.contains(first - 1) { first -= 1 }
            let announced = first > 0 && announcesQuestions(segmentation.sentences[first - 1], in: document)
            let hasWords = segmentation.sentences[sentenceIndex].tokens.contains { tokens[$0].kind == .word }
            if inRun, hasWords, !announced, wants("doubt-casting"), !askedOfSomeone.contains(sentenceIndex) {
                found[mark].label = "doubt-casting"
                found[mark].rule = "bias.question-run"
                found[mark].attributes["category"] = "doubt-casting"
                found[mark].attributes["strength"] = 2
                found[mark].attributes["rationale"] =
                    "one of a run of unanswered questions in the writer's own voice, which insinuates that something is being hidden rather than asks"
            } else if !wants("rhetorical-question") {
                dropped.insert(mark)
            }
        }
        if !dropped.isEmpty {
            var position = 0
            found.removeAll { _ in
                defer { position += 1 }
                return dropped.contains(position)
            }
        }
        return found
    }

    private func summary(of document: Document, suggestions: [Suggestion]) -> Suggestion {
        let words = document.segmentation.tokens.filter { $0.kind == .word }.count
        var counts: [String: Int] = [:]
        var weighted = 0
        // (Which cues recur is left to the marks themselves and to 'compare', which counts them.)
        for suggestion in suggestions {
            counts[suggestion.label, default: 0] += 1
            weighted += suggestion.attributes["strength"]?.intValue ?? 1
        }
        func density(_ count: Int) -> Double { words > 0 ? (Double(count) * 1000 / Double(words) * 100).rounded() / 100 : 0 }
        let total = counts.values.reduce(0, +)
        return Suggestion(
            layer: "bias-markers", label: "density", range: nil, rule: "bias.density",
            attributes: [
                "scope": "document", "words": .int(words), "markers": .int(total),
                "densityPerThousandWords": .double(density(total)),
                // The overall measure: markers weighted by strength (a hedge 1, a slur 2 or 3) per 1,000 words.
                "weightedDensity": .double(density(weighted)),
                "counts": .object(counts.mapValues { .int($0) }),
            ])
    }
}
