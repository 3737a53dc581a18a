import LoupeCore

/// Who a citation names as its source, found next to a reporting verb or
/// phrase: the words as written and their parts.
struct SpeakerPhrase: Sendable, Hashable {
    /// The tokens naming the speaker in this place (the `speakerSpan`).
    var tokens: Range<Int>
    /// The proper name within it, if any ("Vladimir Putin").
    var name: Range<Int>?
    /// A title or function ("Russian President", or an appositive "CEO of …").
    var role: Range<Int>?
    /// An acronym given in parentheses ("(RDIF)").
    var alias: Range<Int>?
    var kind: SourceKind
    /// He, she or they: resolved to an earlier speaker.
    var isPronoun = false

    /// Whether the phrase surely names a person or body (a pronoun, a name,
    /// a role or a lexicon source word), not a capitalised common noun
    /// opening a sentence ("Sales expected …"): what verbs of belief and
    /// intention need of their subject.
    func namesSource(in text: CitationText) -> Bool {
        if isPronoun || role != nil || alias != nil || kind == .anonymous { return true }
        if tokens.contains(where: { text.isSourceTerm($0) }) { return true }
        guard let name else { return false }
        let words = name.filter { text.isWord($0) }
        guard let first = words.first else { return false }
        // A single capitalised word at the start of a sentence may be any noun,
        // unless the document also writes it capitalised inside a sentence.
        if words.count == 1, let sentence = text.sentence(of: first), sentence.tokens.lowerBound == first {
            return text.isCapitalisedElsewhere(first)
        }
        return true
    }
}

/// Finds speaker phrases to the left (subjects) or right (after "said",
/// "according to") of a position, and splits them into name, role and alias.
struct SpeakerParser {
    let text: CitationText

    /// The subject of a reporting verb at `verb`: a phrase ending just before
    /// it (auxiliaries and adverbs skipped), or a name with an appositive
    /// between commas ("Kirill Dmitriev, CEO of the Fund, announced"; "the
    /// head of Rosgeologiya, Sergei Gorkov, admits").
    func subject(of verb: Int, floor: Int) -> SpeakerPhrase? {
        var end = verb
        var skipped = 0
        while end - 1 >= floor, skipped < 6, text.isWord(end - 1) || text.isNumber(end - 1) {
            let word = text.lower(end - 1)
            // "Ryan on Thursday declared", "the mayor last week said": a time between subject and verb.
            if text.isIn(.weekdays, end - 1) || text.isIn(.timeNouns, end - 1) && end - 2 >= floor && text.isIn(.timeDeterminers, end - 2) {
                end -= text.isIn(.weekdays, end - 1) ? 1 : 2
                if end - 1 >= floor, text.isWord(end - 1), text.isIn(.timeLeadIns, end - 1) { end -= 1 }
                skipped += 1
                continue
            }
            // "A poll in December found", "a survey in March 2016 showed": a date between subject and verb.
            var date = end - 1
            while date > floor, end - date <= 3, text.isNumber(date) || text.isWord(date) && text.isIn(.months, date) {
                date -= 1
            }
            if date < end - 1, date > floor, text.isWord(date), text.isIn(.dateLeadIns, date),
                (date + 1..<end).contains(where: { text.isYear($0) || text.isWord($0) && text.isIn(.months, $0) })
            {
                end = date
                skipped += 1
                continue
            }
            // "Moreau herself said", "the ministry itself said": an emphatic reflexive.
            guard text.isIn(.auxiliaries, end - 1) || (word.count > 4 && text.isLyAdverb(end - 1))
                || Self.emphaticReflexives.contains(word) && end - 2 >= floor && text.isWord(end - 2)
            else { break }
            end -= 1
            skipped += 1
        }
        // "Let's just say …", "let us always remember …": an exhortation, no one's saying.
        if end - 1 >= floor, text.isWord(end - 1), isExhortation(end - 1) { return nil }
        // "Officials, however, said": a word set off by commas between subject and verb.
        if end - 3 > floor, text.isMark(end - 1, [","]), text.isWord(end - 2), !text.isCapitalised(end - 2), text.isMark(end - 3, [","]),
            text.isIn(.interjections, end - 2),
            let phrase = left(before: end - 3, floor: floor) ?? groupOfSubject(before: end - 3, floor: floor)
                ?? longAppositive(closingAt: end - 3, floor: floor)
        {
            return phrase
        }
        // "Supporters of Ines Moreau said", "critics of the plan say": people of someone or something, as a group.
        if let group = groupOfSubject(before: end, floor: floor) { return group }
        // "Ann Okafor, 50, and Ben Tull, 61, said": two speakers joined by "and", one phrase.
        if let pair = coordinated(before: end, verb: verb, floor: floor) { return pair }
        // "Dana Whitfield, 50, of Eastport said": an age, then an apposition left open.
        if let named = ageAppositive(before: end, floor: floor) { return named }
        // "The senator's efforts for the people of Eastport found …": a phrase after "of" is part of a longer
        // subject ("75 percent of voters said" is read as a share below); "with all planned projects": a lone
        // share after a preposition is its object.
        var afterOf: SpeakerPhrase?
        let nearest = left(before: end, floor: floor)
        if let phrase = nearest, phrase.tokens.lowerBound - 1 >= floor, text.isWord(phrase.tokens.lowerBound - 1) {
            let before = phrase.tokens.lowerBound - 1
            if text.lower(before) == "of" {
                afterOf = phrase
            } else if phrase.tokens.count == 1, text.isIn(.quantityHeads, phrase.tokens.lowerBound), text.isIn(.prepositions, before) {
                return nil
            }
        }
        if afterOf == nil, let phrase = nearest {
            // "The pilots in Eastport warned", "Officials at the ministry said": a name after a preposition of
            // place is where the subject is, not the subject, when a noun phrase stands before it.
            let preposition = phrase.tokens.lowerBound - 1
            // Not an organisation ("officials from the EPA" credits the EPA), nor a named person with a role
            // ("a statement in June from spokesperson Ana Ruiz"), nor after a date.
            if preposition > floor, text.isWord(preposition), text.isIn(.subjectPlaces, preposition),
                ![.organization, .government, .media].contains(phrase.kind), phrase.role == nil,
                // "Supporters of the plan in Eastport said": a group "of" something is taken whole first.
                var subject = groupOfSubject(before: preposition, floor: floor) ?? left(before: preposition, floor: floor)
                    ?? groupSubject(before: preposition, floor: floor) ?? plainPerson(before: preposition, floor: floor), !subject.isPronoun,
                let last = subject.tokens.last, !(text.isWord(last) && (text.isIn(.months, last) || text.isIn(.weekdays, last) || text.isIn(.timeNouns, last)))
            {
                subject.tokens = subject.tokens.lowerBound..<phrase.tokens.upperBound
                return subject
            }
            // "the challenges we met in North Valley have demanded …": a name after "in", "at" or "near" with no
            // subject found before it is where something happened, not who speaks.
            // "Some delegates at the convention in Eastport said", "most in Eastport want …": the subject stands
            // before one or two phrases of place, or is a share.
            if preposition > floor, text.isWord(preposition), ["in", "at", "near"].contains(text.lower(preposition)),
                phrase.kind == .person, phrase.role == nil, !phrase.isPronoun, text.isWord(preposition - 1), !text.isCapitalised(preposition - 1),
                !text.isIn(.clauseConjunctions, preposition - 1)
            {
                var place = preposition
                for _ in 0..<2 {
                    if var subject = quantitySubject(before: place, floor: floor) ?? groupOfSubject(before: place, floor: floor)
                        ?? groupSubject(before: place, floor: floor) ?? plainPerson(before: place, floor: floor), !subject.isPronoun
                    {
                        subject.tokens = subject.tokens.lowerBound..<phrase.tokens.upperBound
                        return subject
                    }
                    // The phrase of place before: "at the convention" in "delegates at the convention in Eastport".
                    var earlier = place - 1
                    while earlier > floor, place - earlier <= 5, text.isWord(earlier), !text.isIn(.subjectPlaces, earlier), text.verb(at: earlier) == nil,
                        !SpeakerParser.finiteVerbs.contains(text.lower(earlier))
                    {
                        earlier -= 1
                    }
                    guard earlier > floor, earlier < place - 1, text.isWord(earlier), text.isIn(.subjectPlaces, earlier) else { break }
                    place = earlier
                }
                return nil
            }
            return phrase
        }
        if let relative = relativeSubject(before: end, floor: floor) { return relative }
        if let share = quantitySubject(before: end, floor: floor) { return share }
        if let group = groupSubject(before: end, floor: floor) { return group }
        if let named = afterOf {
            // "members of Congress told …", "supporters of the mayor say …": the people before "of", with what they are of.
            let of = named.tokens.lowerBound - 1
            guard var outer = left(before: of, floor: floor) ?? groupSubject(before: of, floor: floor), !outer.isPronoun else { return nil }
            outer.tokens = outer.tokens.lowerBound..<named.tokens.upperBound
            return outer
        }
        // "Jeb Bush in a blog post said": a short phrase of place or medium between a name and its verb.
        var preposition = end - 1
        while preposition > max(floor, end - 7), text.isWord(preposition) || text.isNumber(preposition) {
            if text.isIn(.placePrepositions, preposition), preposition < end - 1 {
                // The name must open its clause: in "the offer to work with the United States on mining
                // underscores …" the phrase belongs to the noun before it.
                if let phrase = left(before: preposition, floor: floor), phrase.name != nil, !phrase.isPronoun,
                    phrase.tokens.lowerBound == floor || text.isPunctuation(phrase.tokens.lowerBound - 1)
                        || text.isIn(.clauseConjunctions, phrase.tokens.lowerBound - 1)
                {
                    return phrase
                }
                break
            }
            preposition -= 1
        }
        // "Berg — who ran the port for years — told …": an aside between dashes.
        if end - 1 > floor, text.isMark(end - 1, ["—", "–"]) {
            var open = end - 2
            while open > max(floor, end - 40), !text.isMark(open, ["—", "–"]) { open -= 1 }
            if open > floor, open < end - 2, text.isMark(open, ["—", "–"]), let phrase = left(before: open, floor: floor),
                phrase.name != nil || phrase.role != nil || phrase.isPronoun,
                phrase.tokens.lowerBound == floor || text.isPunctuation(phrase.tokens.lowerBound - 1) || text.isIn(.openers, phrase.tokens.lowerBound - 1)
            {
                return phrase
            }
        }
        guard end - 1 > floor, text.isMark(end - 1, [","]) else { return nil }
        return appositive(closingAt: end - 1, floor: floor) ?? longAppositive(closingAt: end - 1, floor: floor)
    }

    /// Whether the word at `index` is "let's", or "us" after "let": the subject of an exhortation.
    func isExhortation(_ index: Int) -> Bool {
        let word = text.lower(index)
        if word == "let's" || word == "let\u{2019}s" { return true }
        return word == "us" && index > 0 && text.isWord(index - 1) && text.lower(index - 1) == "let"
    }

    /// Reflexives that stand for their subject as speaker or as what it calls itself ("the mayor herself said",
    /// "they called themselves pragmatists").
    static let emphaticReflexives: Set<String> = ["himself", "herself", "itself", "themselves"]

    /// "…,” said retired teacher Ana Ruiz": a few lower-case words describing the speaker, then a
    /// name; the speaker phrase takes them all, up to a mark, the sentence's end or a circumstance.
    func describedName(from start: Int, ceiling: Int) -> SpeakerPhrase? {
        var index = start
        while index < min(ceiling, start + 4), text.isWord(index), !text.isCapitalised(index), !text.isIn(.openers, index),
            !text.isIn(.pronouns, index), text.verb(at: index) == nil, !Self.finiteVerbs.contains(text.lower(index))
        {
            index += 1
        }
        guard index > start, index < ceiling, text.isCapitalised(index), var phrase = right(from: index, ceiling: ceiling), phrase.name != nil,
            !phrase.isPronoun
        else { return nil }
        let end = phrase.tokens.upperBound
        guard end == ceiling || text.isPunctuation(end) || text.isWord(end) && text.isIn(.adverbialStarts, end) else { return nil }
        if phrase.role == nil { phrase.role = start..<index }
        phrase.tokens = start..<end
        phrase.kind = .person
        return phrase
    }

    static let weekdays: Set<String> = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday", "today", "tonight"]
    static let timeNouns: Set<String> = ["week", "month", "year", "weekend", "night", "spring", "summer", "fall", "autumn", "winter"]

    /// Endings of plural nouns that name people ("strategists", "voters", "candidates").
    static let peopleEndings = ["ers", "ors", "ists", "ians", "crats", "cans", "ives", "ees", "ates", "ials", "ants", "ents"]
    /// Plural nouns with those endings that name things, not people.
    static let thingPlurals: Set<String> = [
        "numbers", "others", "papers", "orders", "letters", "matters", "answers", "centers", "computers", "waters", "powers",
        "headquarters", "markets", "comments", "events", "documents", "statements", "moments", "payments", "amounts", "points",
        "rates", "dates", "states", "estates", "debates", "updates", "templates", "plates", "gates", "figures", "trees", "fees",
        "degrees", "guarantees", "committees", "lives", "incentives", "initiatives", "alternatives", "archives", "objectives",
        "materials", "trials", "totals", "elements", "arguments", "agreements", "governments", "departments", "parents'",
        "members'", "events", "contents", "talents", "percents", "quarters", "borders", "counters", "filters", "layers",
        "meters", "offers", "powers", "records", "factors", "sectors", "errors", "motors", "colors", "floors", "doors",
    ]
    /// Words in "-ly" that are adjectives before a noun, though adverbs before a verb ("likely voters").
    static let lyAdjectives: Set<String> = ["likely", "unlikely", "early", "daily", "weekly", "monthly", "yearly"]

    /// Plural nouns for people that the endings miss.
    static let peoplePlurals: Set<String> = [
        "aides", "allies", "staff", "people", "women", "men", "folks", "police", "troops", "families", "conservatives",
        "liberals", "progressives", "evangelicals", "moderates", "independents", "locals", "officials", "critics", "skeptics",
        "sceptics", "fans", "friends", "rivals", "colleagues", "americans", "citizens", "democrats", "republicans", "donors",
    ]

    /// "All of the candidates said", "some party strategists think": a plural noun for
    /// people, with its article, quantifier and modifiers, speaking as an unnamed group.
    func groupSubject(before end: Int, floor: Int) -> SpeakerPhrase? {
        let head = end - 1
        guard head >= floor, text.isWord(head) else { return nil }
        let word = text.lower(head)
        guard text.isIn(.peoplePlurals, head) || !text.isIn(.thingPlurals, head) && Self.peopleEndings.contains(where: { word.hasSuffix($0) })
        else { return nil }
        var start = head
        // Modifiers, an article or quantifier, "of the": at most six words back, no punctuation.
        while start - 1 >= floor, head - start < 6, text.isWord(start - 1) || text.isNumber(start - 1) || text.isMark(start - 1, ["-"]) {
            let previous = text.lower(start - 1)
            if text.isIn(.openers, start - 1) && previous != "of" || text.verb(at: start - 1) != nil
                || text.isLyAdverb(start - 1) && !text.isIn(.lyAdjectives, start - 1)
            {
                break
            }
            // "a change in how people thought about it": a wh-word opens a clause; the people are its subject, alone.
            if text.isIn(.clauseBreakers, start - 1) || ["who", "which", "that", "and", "or", "how", "why", "whether"].contains(previous) { break }
            start -= 1
        }
        while start < head, text.isWord(start), text.isIn(.ofAndThe, start) && start > floor && !text.isPunctuation(start - 1) { start += 1 }
        return SpeakerPhrase(tokens: start..<end, kind: .anonymous)
    }

    /// "Supporters of Ines Moreau said", "critics of the plan say", "friends and family of the
    /// victim said": a plural noun for people (with its modifiers, or joined by "and" to another
    /// noun) before "of" and a short noun phrase, the whole opening its clause. The people speak
    /// as an unnamed group, as "officials said" does, whoever or whatever they are of.
    func groupOfSubject(before end: Int, floor: Int) -> SpeakerPhrase? {
        // The object of "of", read back from the verb: words, figures, hyphens and possessive marks,
        // no pronoun, verb, other preposition or word that opens or joins clauses. Its own "of" may
        // be part of it ("supporters of the mayor of Eastport").
        // Not a bare article or possessive before a mark ("the authors of the “…”").
        guard end - 1 > floor, !(text.isWord(end - 1) && (text.isIn(.determiners, end - 1) || text.isIn(.possessives, end - 1))) else { return nil }
        var of = end - 1
        while of > floor, end - of <= 7 {
            if text.isWord(of) {
                if text.lower(of) == "of", of < end - 1, let group = peopleOf(of, end: end, floor: floor) { return group }
                if text.isIn(.pronouns, of) || text.isIn(.relatives, of) || text.lower(of) == "that"
                    || text.isIn(.openers, of) && !text.isIn(.possessives, of)
                    || text.isIn(.clauseOpeners, of) && !text.isIn(.determiners, of) && !text.isIn(.possessives, of)
                    || text.isIn(.clauseConjunctions, of) || Self.finiteVerbs.contains(text.lower(of))
                    || !text.isCapitalised(of) && (text.verb(at: of) != nil || text.isLyAdverb(of))
                {
                    return nil
                }
            } else if !(text.isNumber(of) || text.isMark(of, ["-", "'", "\u{2019}", "&"])
                || text.isMark(of, ["."]) && text.isWord(of - 1) && text.isIn(.abbreviations, of - 1))
            {
                return nil
            }
            of -= 1
        }
        return nil
    }

    /// "“…,” said supporters of Ines Moreau.": after an inverted verb, a group of people "of" someone
    /// or something (see ``groupOfSubject(before:floor:)``), running to a mark or the sentence's end.
    func groupOfSpeaker(from start: Int, ceiling: Int) -> SpeakerPhrase? {
        var stop = start
        while stop < min(ceiling, start + 12), !text.isPunctuation(stop) || text.isMark(stop, ["-", "'", "\u{2019}"]) { stop += 1 }
        guard stop == ceiling || text.isPunctuation(stop), let group = groupOfSubject(before: stop, floor: start),
            (start..<group.tokens.lowerBound).allSatisfy({ text.isWord($0) && text.isIn(.determiners, $0) })
        else { return nil }
        return group
    }

    /// Prepositions that tie unnamed people to the body they belong to ("officials at the ministry").
    static let bodyPrepositions: Set<String> = ["at", "in", "from", "inside", "within"]

    /// Endings of a pronoun joined to its verb ("I'd", "we'll"): a clause, not a noun phrase.
    static let contractions = ["'d", "'ll", "'re", "'m", "'ve", "\u{2019}d", "\u{2019}ll", "\u{2019}re", "\u{2019}m", "\u{2019}ve"]

    /// A lower-case word, or one capitalised only because it opens its sentence: a common noun
    /// ("Supporters of …"), not a name ("Sanders").
    private func isCommonWord(_ index: Int) -> Bool {
        guard text.isWord(index) else { return false }
        guard text.isCapitalised(index) else { return true }
        return text.sentence(of: index)?.tokens.lowerBound == index && !text.isCapitalisedElsewhere(index)
    }

    /// The group before `of` for ``groupOfSubject(before:floor:)``: "supporters", "the party's critics",
    /// "friends and family", "family and friends", opening its clause; the phrase runs to `end`.
    private func peopleOf(_ of: Int, end: Int, floor: Int) -> SpeakerPhrase? {
        var start: Int
        // The head is a common noun: "Sanders of Vermont" is a name ending like a plural.
        if isCommonWord(of - 1), let group = groupSubject(before: of, floor: floor) {
            start = group.tokens.lowerBound
            // "family and friends of …": another noun joined by "and".
            if start - 2 >= floor, text.isWord(start - 1), text.lower(start - 1) == "and", text.isWord(start - 2), isCommonWord(start - 2),
                !text.isIn(.openers, start - 2), !text.isIn(.determiners, start - 2), text.verb(at: start - 2) == nil
            {
                start -= 2
            }
        } else if of - 3 >= floor, text.isWord(of - 1), !text.isCapitalised(of - 1), text.isWord(of - 2), text.lower(of - 2) == "and",
            !text.isIn(.openers, of - 1), text.verb(at: of - 1) == nil, isCommonWord(of - 3), let group = groupSubject(before: of - 2, floor: floor)
        {
            // "friends and family of …": a noun for people, "and" and another noun.
            start = group.tokens.lowerBound
        } else {
            return nil
        }
        // No clause inside: "I'd urge the members of …" is someone speaking to them, "Okafor and Berg are
        // co-sponsors of …" says what they are.
        if (start..<of).contains(where: { text.isWord($0) && (Self.contractions.contains(where: text.lower($0).hasSuffix)
            || Self.finiteVerbs.contains(text.lower($0))) })
        {
            return nil
        }
        // Things in -ments are no people: "developments of recent weeks show".
        if text.lower(of - 1).hasSuffix("ments") { return nil }
        // Opening its clause, with its article: not the object of a preposition ("efforts for the people of Eastport found").
        var lead = start
        while lead - 1 >= floor, text.isWord(lead - 1), text.isIn(.determiners, lead - 1) || text.isIn(.possessives, lead - 1) && text.lower(lead - 1) != "that" {
            lead -= 1
        }
        guard start < of, lead == floor || text.isPunctuation(lead - 1) && !text.isMark(lead - 1, ["-", "'", "\u{2019}"])
            || text.isWord(lead - 1) && (text.isIn(.clauseConjunctions, lead - 1) || text.lower(lead - 1) == "that"
                || text.isIn(.clauseOpeners, lead - 1) && !text.isIn(.determiners, lead - 1) && !text.isIn(.possessives, lead - 1)
                    && !text.isIn(.pronouns, lead - 1))
        else { return nil }
        return SpeakerPhrase(tokens: start..<end, kind: .anonymous)
    }

    /// Words set off by commas between a subject and its verb ("Officials, however, said").
    static let interjections: Set<String> = ["however", "meanwhile", "too", "though", "moreover", "instead", "nonetheless", "nevertheless", "also", "though", "then", "therefore", "indeed", "separately", "likewise", "similarly", "later", "earlier", "privately", "publicly"]

    /// Words that head a share of a group as a speaker ("most said", "two-thirds say", "one said").
    static let quantityHeads: Set<String> = [
        "half", "percent", "%", "majority", "minority", "most", "many", "some", "few", "none", "all", "both", "one", "others",
        "several", "third", "thirds", "quarter", "quarters", "fifth", "fifths", "plurality", "rest", "dozens", "hundreds", "thousands",
    ]
    /// Words that may stand before or inside such a share ("almost half of them", "about 40 percent").
    static let quantityWords: Set<String> = [
        "almost", "nearly", "about", "roughly", "around", "over", "under", "just", "only", "more", "less", "fewer", "than", "a", "the",
        "of", "them", "those", "these", "us", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "another",
        "one", "other", "slim", "narrow", "large", "vast", "clear", "solid", "overwhelming", "mere", "least", "at", "some",
    ]

    /// "Almost half said …", "About 40 percent of them say …", "One said …": a share of
    /// a group (poll respondents, a crowd) speaking as an unnamed source.
    func quantitySubject(before end: Int, floor: Int) -> SpeakerPhrase? {
        var start = end
        var head = false
        while start - 1 >= floor, end - start < 8 {
            let index = start - 1
            if text.isNumber(index) || text.isMark(index, ["%", "-"]) {
                // "26% say", "at least 21,000 said": a figure is the share itself.
                if index == end - 1 || text.isMark(index, ["%"]) { head = true }
                start = index
                continue
            }
            guard text.isWord(index) else { break }
            let word = text.lower(index)
            if text.isIn(.quantityHeads, index) || word.hasSuffix("-thirds") || word.hasSuffix("-third") || word.hasSuffix("-quarters") {
                head = true
            } else if word == "in", index + 1 < end, index - 1 >= floor, isCount(index + 1), isCount(index - 1) {
                // "three in 10 say", "one in five said": a ratio is a share.
                head = true
            } else if !text.isIn(.quantityWords, index) && !isNumberWord(index) {
                break
            }
            start = index
        }
        // The share must open its clause ("…, most said" or at the sentence start).
        guard head, start < end, start == floor || text.isPunctuation(start - 1) || text.isIn(.openers, start - 1)
        else { return nil }
        // "of them": "them" is not the speaker on its own; nor is a bare "one" ("one said" is), "all" or "the".
        guard let first = (start..<end).first(where: { text.isWord($0) || text.isNumber($0) }),
            !(text.isWord(first) && text.isIn(.ofAndThan, first))
        else { return nil }
        return SpeakerPhrase(tokens: first..<end, kind: .anonymous)
    }

    /// Words that open a plain noun phrase naming someone ("the editorial", "one district leader").
    static let plainOpeners: Set<String> = ["the", "a", "an", "one", "another", "his", "her", "their", "its", "this", "that"]

    /// A plain noun phrase of at most six words with no punctuation, opened by an article,
    /// a possessive or "one": after a quotation, "“…,” the editorial said" and "“…,” said
    /// one district leader" name a speaker whatever the noun.
    func plainSpeaker(_ range: Range<Int>) -> SpeakerPhrase? {
        guard !range.isEmpty, range.count <= 6, text.isWord(range.lowerBound), text.isIn(.plainOpeners, range.lowerBound),
            range.allSatisfy({ text.isWord($0) || text.isMark($0, ["-", "'", "\u{2019}"]) }),
            !range.dropFirst().contains(where: { text.isWord($0) && (text.isIn(.openers, $0) || text.verb(at: $0) != nil) }),
            // A clause, not a speaker: "…, said the message was clear." (a finite verb inside; a capitalised
            // word is a name, as "May" in "the prime minister Theresa May").
            !range.dropFirst().contains(where: { text.isWord($0) && !text.isCapitalised($0) && Self.finiteVerbs.contains(text.lower($0)) })
        else { return nil }
        if let described = describe(range), described.name != nil || described.role != nil { return described }
        let indefinite = text.isIn(.indefiniteArticles, range.lowerBound)
        return SpeakerPhrase(tokens: range, kind: indefinite ? .anonymous : .person)
    }

    /// Tens written out, alone or joined to a unit ("twenty", "sixty-two").
    static let tens: Set<String> = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "eleven", "twelve", "hundred"]

    /// A number written as a word beyond those of the quantity words ("twenty", "sixty-two").
    func isNumberWord(_ index: Int) -> Bool {
        guard text.isWord(index) else { return false }
        let word = text.lower(index)
        if Self.tens.contains(word) { return true }
        guard let hyphen = word.firstIndex(of: "-") else { return false }
        return Self.tens.contains(String(word[..<hyphen]))
    }

    /// A figure or a number word ("10", "four").
    private func isCount(_ index: Int) -> Bool {
        text.isNumber(index) || isNumberWord(index)
            || text.isWord(index) && ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"].contains(text.lower(index))
    }

    /// Words that open a plain noun phrase as the subject of a verb of saying ("the clerk said",
    /// "both unions say", "many of the delegates said").
    static let subjectOpeners: Set<String> = [
        "the", "a", "an", "one", "another", "his", "her", "their", "its", "our", "each", "many", "some", "most", "several", "both",
        "those", "these",
    ]

    /// "The clerk said …", "Her campaign staff say …", "Both unions said …": a plain noun phrase of at
    /// most six words that opens its clause (after the sentence start, a mark or "and", "but")
    /// and ends just before the verb (auxiliaries and adverbs between are skipped). Inside it only
    /// words, figures, hyphens and "of" (no verb, no clause word).
    ///
    /// With `bare`, a phrase with no opener also counts ("polls show", "leaked records showed"): it
    /// starts after the sentence start, a mark or a clause word ("as", "because").
    func plainSubject(of verb: Int, floor: Int, bare: Bool = false) -> SpeakerPhrase? {
        var end = verb
        var skipped = 0
        while end - 1 > floor, skipped < 3, text.isWord(end - 1),
            text.isIn(.auxiliaries, end - 1) && !text.isIn(.possessives, end - 1) || text.isLyAdverb(end - 1)
        {
            end -= 1
            skipped += 1
        }
        var start = end
        while start - 1 >= floor, end - start < 7, text.isWord(start - 1) || text.isNumber(start - 1) || text.isMark(start - 1, ["-", "'", "\u{2019}"]),
            !(text.isWord(start - 1) && (text.isIn(.clauseConjunctions, start - 1) || bare && text.isIn(.openers, start - 1) && !text.isIn(.subjectOpeners, start - 1)))
        {
            start -= 1
        }
        guard start < end, end - start <= 7, text.isWord(start),
            text.isIn(.subjectOpeners, start) || bare && !text.isIn(.openers, start) && text.verb(at: start) == nil
                && (!text.isCapitalised(start) || start == floor && !text.isCapitalisedElsewhere(start)),
            start == floor || text.isPunctuation(start - 1) && !text.isClosingQuote(start - 1)
                || text.isWord(start - 1) && (text.isIn(.clauseConjunctions, start - 1) || bare && text.isIn(.openers, start - 1)),
            // "Photos of the victims show …": a phrase after "of" is part of a longer subject, never one itself.
            start == floor || !text.isWord(start - 1) || text.lower(start - 1) != "of",
            text.isWord(end - 1), !text.isIn(.subjectOpeners, end - 1), !text.isIn(.pronouns, end - 1),
            ((start + 1)..<end).allSatisfy({ index in
                !text.isWord(index) || text.lower(index) == "of" || !text.isIn(.openers, index) && text.verb(at: index) == nil
                    && !text.isIn(.relatives, index) && !Self.finiteVerbs.contains(text.lower(index)) && !text.isIn(.clauseOpeners, index)
                    || text.isIn(.determiners, index) && text.lower(index - 1) == "of"
            })
        else { return nil }
        if let described = describe(start..<end), described.name != nil || described.role != nil { return described }
        return SpeakerPhrase(tokens: start..<end, kind: text.isIn(.indefiniteQuantities, start) || !text.isIn(.possessives, start) && !text.isIn(.determiners, start) ? .anonymous : .person)
    }

    /// Finite forms of "be", "have" and the modals: a phrase holding one is a clause.
    static let finiteVerbs: Set<String> = [
        "is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "should", "may", "might", "must", "shall",
    ]

    /// Prepositions that take a noun phrase as their object.
    static let prepositions: Set<String> = [
        "of", "with", "for", "to", "from", "by", "about", "on", "in", "at", "into", "onto", "over", "under", "without", "among",
    ]

    /// Prepositions of place between a subject and a name ("officials in Kyiv", "a spokesman at the ministry").
    static let subjectPlaces: Set<String> = ["in", "at", "from", "near"]

    /// Relative pronouns that can stand for a speaker ("Cruz, who said …").
    static let relatives: Set<String> = ["who", "which"]

    /// "the senator, who said …", "voters who say …": the relative pronoun is
    /// where the speaker is named here, and the phrase it follows is who it is.
    func relativeSubject(before end: Int, floor: Int) -> SpeakerPhrase? {
        let relative = end - 1
        guard relative > floor, text.isWord(relative), text.isIn(.relatives, relative) else { return nil }
        let antecedentEnd = text.isMark(relative - 1, [","]) ? relative - 1 : relative
        guard var antecedent = left(before: antecedentEnd, floor: floor) ?? (antecedentEnd - 1 > floor && text.isMark(antecedentEnd - 1, [","])
            ? longAppositive(closingAt: antecedentEnd - 1, floor: floor) : nil) ?? quantitySubject(before: antecedentEnd, floor: floor)
            ?? groupSubject(before: antecedentEnd, floor: floor), !antecedent.isPronoun
        else {
            // "those who want …", "some who warned …": "who" names people, if no one in particular.
            guard text.lower(relative) == "who" else { return nil }
            return SpeakerPhrase(tokens: relative..<end, kind: .anonymous)
        }
        if antecedent.name == nil { antecedent.name = antecedent.tokens }
        antecedent.tokens = relative..<end
        return antecedent
    }

    /// "James Ortiz, 54, a retired teacher who has voted in every election since 1970, said":
    /// an appositive too long or too varied to parse as a phrase. The speaker is the
    /// name before its first comma; the appositive must open like one (an article,
    /// a number, a relative pronoun or a role) and hold no quotation or clause break.
    func longAppositive(closingAt comma: Int, floor: Int) -> SpeakerPhrase? {
        var open = comma - 1
        var nearest: SpeakerPhrase?
        while open > max(floor, comma - 40) {
            if text.isMark(open, [";", ":", "(", ")"]) || text.isClosingQuote(open) || text.isOpeningQuote(open) { break }
            if text.isMark(open, [","]), open + 1 < comma {
                let first = open + 1
                let opensLike = text.isNumber(first) || text.isCapitalised(first) || (first..<min(comma, first + 3)).contains(where: text.hasRole)
                    || text.isWord(first) && (text.lower(first).hasSuffix("ing") || text.lower(first).hasSuffix("ed"))
                        && (text.verb(at: first) == nil || text.verb(at: first)?.isParticiple == true && text.lower(first).hasSuffix("ing"))
                    || text.isWord(first) && (text.isIn(.appositiveOpeners, first) || text.isIn(.modifiers, first))
                // "Supporters of Ines Moreau, who gathered outside, said": a group of people "of" someone stays a group.
                let group = opensLike ? groupOfSubject(before: open, floor: floor) : nil
                // "The boy, 12, of Eastport, said": after an age, a plain noun phrase is the person it is of.
                let plain = opensLike && group == nil && text.isNumber(first) && left(before: open, floor: floor) == nil
                    ? plainPerson(before: open, floor: floor) : nil
                if opensLike, let outer = group ?? plain ?? left(before: open, floor: floor), !outer.isPronoun,
                    outer.name != nil || outer.role != nil || group != nil || plain != nil,
                    outer.tokens.lowerBound == floor || text.isPunctuation(outer.tokens.lowerBound - 1)
                        || text.isIn(.openers, outer.tokens.lowerBound - 1)
                {
                    var speaker = outer
                    if group == nil, plain == nil, outer.kind == .anonymous || outer.kind == .document { speaker.kind = .person }
                    // The phrase that opens the sentence (or follows the quotation that does) is the subject; a nearer
                    // one may be part of the appositive ("…, a teacher in Eastport, Maine, said").
                    let start = outer.tokens.lowerBound
                    if start == floor || text.isClosingQuote(start - 1) || start - 2 >= floor && text.isMark(start - 1, [","]) && text.isClosingQuote(start - 2) {
                        return speaker
                    }
                    if nearest == nil { nearest = speaker }
                }
            }
            open -= 1
        }
        return nearest
    }

    /// A person's age as an apposition: "54", "age 54", "aged 54".
    func isAge(_ range: Range<Int>) -> Bool {
        guard let last = range.last, text.isNumber(last), range.count <= 2 else { return false }
        return range.count == 1 || text.isWord(range.lowerBound) && (text.lower(range.lowerBound) == "age" || text.lower(range.lowerBound) == "aged")
    }

    /// "Dana Whitfield, 50, of Eastport said", "Ruiz, 50, a nurse from Eastport told …": an age between
    /// commas after a name, then an apposition that no comma closes (opening with "of", "from", an
    /// article, "who" or a role). The name, opening its clause, is the speaker.
    func ageAppositive(before end: Int, floor: Int) -> SpeakerPhrase? {
        var comma = end - 1
        while comma > floor, end - comma <= 8, !text.isPunctuation(comma) || text.isMark(comma, ["-"]) { comma -= 1 }
        guard comma > floor, comma + 1 < end, text.isMark(comma, [","]) else { return nil }
        var open = comma - 1
        while open > floor, comma - open <= 3, !text.isPunctuation(open) { open -= 1 }
        guard open > floor, text.isMark(open, [","]), isAge((open + 1)..<comma) else { return nil }
        let first = comma + 1
        guard text.isWord(first), text.lower(first) == "of" || text.lower(first) == "from" || text.isIn(.appositiveOpeners, first) || text.hasRole(first)
        else { return nil }
        if let named = left(before: open, floor: floor), named.name != nil, !named.isPronoun, named.kind == .person,
            named.tokens.lowerBound == floor || text.isPunctuation(named.tokens.lowerBound - 1)
                || text.isIn(.clauseConjunctions, named.tokens.lowerBound - 1)
        {
            return named
        }
        // "The boy, 12, from Eastport said": an age goes with a person, named or not.
        return plainPerson(before: open, floor: floor)
    }

    /// "Ann Okafor and Ben Tull said", "Ann Okafor, 50, and Ben Tull, 61, said", "the mayor and the
    /// governor said": two speakers joined by "and", each a name, a role or a body (or, with an age
    /// after it, a plain noun phrase), the first opening its clause; or a list of named speakers
    /// ("Levin, Stabenow and Dingell said"). One phrase names them all, as "according to Ann Okafor
    /// and Ben Tull" does: one citation, from the first word to the last speaker's last (an age
    /// after the last stays outside). The kind is the speakers' when they share it, a person's for
    /// people named and unnamed, else a body's (``SourceKind/organization``).
    ///
    /// `verb` is the verb the pair is the subject of, `end` where its auxiliaries and adverbs begin:
    /// a verb in the singular ("has", "says", "reports") has no pair for its subject ("The IG and GAO
    /// reports criticize …": "reports" is a noun).
    func coordinated(before end: Int, verb: Int, floor: Int) -> SpeakerPhrase? {
        for index in end...min(verb, text.count - 1) where text.isWord(index) {
            let word = text.lower(index)
            if ["has", "is", "was", "does"].contains(word) || index == verb && word.hasSuffix("s") && !word.hasSuffix("ss") { return nil }
        }
        /// A speaker ending at `end`, or before an age set off by commas that `end` closes: the phrase
        /// and whether an age follows it.
        func speaker(before end: Int, from start: Int) -> SpeakerPhrase? {
            var last = end
            var aged = false
            if end - 3 >= start, text.isMark(end - 1, [","]) {
                var open = end - 2
                while open > start, end - open <= 4, !text.isPunctuation(open) { open -= 1 }
                if open > start, text.isMark(open, [","]), isAge((open + 1)..<(end - 1)) {
                    last = open
                    aged = true
                }
            }
            if let phrase = left(before: last, floor: start), !phrase.isPronoun, phrase.tokens.upperBound == last,
                phrase.name != nil || phrase.role != nil || phrase.tokens.contains(where: { text.isSourceTerm($0) })
            {
                return phrase
            }
            return aged ? plainPerson(before: last, floor: start) : nil
        }
        // "and" a few words before the second speaker (and its age): only words, figures, commas and
        // the full stops of abbreviations between.
        var and = end - 1
        while and > floor, end - and <= 8, text.isWord(and) && text.lower(and) != "and" || text.isNumber(and) || text.isMark(and, [",", "."]) {
            and -= 1
        }
        // The second may be a plain noun phrase ("Okafor and her husband said", "the mayor and the clerk said"):
        // the first, a name or a role, makes the pair.
        // "… and her mother said": the lexicon phrase ("mother") is shorter than the noun phrase; the plain
        // phrase, opened by its possessive, is the second speaker.
        guard and > floor, end - and <= 8, text.isWord(and), text.lower(and) == "and", !text.isCapitalised(and),
            let second = [speaker(before: end, from: and + 1), plainPerson(before: end, floor: and + 1)].lazy.compactMap({ $0 })
                .first(where: { $0.tokens.lowerBound == and + 1 })
        else { return nil }
        // "Sen. Ana Ruiz, Sen. Tom Berg, and Rep. Ida Sall": a comma before "and" closes a list's item.
        var serialComma = false
        var first = speaker(before: and, from: floor)
        if first == nil, and - 2 >= floor, text.isMark(and - 1, [","]), let item = speaker(before: and - 1, from: floor) {
            first = item
            serialComma = true
        }
        guard let first else { return nil }
        // One name with "and" in it ("the Department of Health and Human Services", "the U.S. and Canada"):
        // the phrase parses whole, kind and all.
        // Not two people with titles ("Sen. Ana Ruiz and Rep. Tom Berg"): read whole, the phrase names only the second.
        let titledPair = first.name != nil && first.role != nil && second.name != nil && second.role != nil && first.kind == .person
            && second.kind == .person
        if !titledPair, let whole = left(before: end, floor: floor), whole.tokens.lowerBound <= first.tokens.lowerBound { return nil }
        /// Whether a speaker starting at `lead` opens its clause: "Ortiz met the mayor and the governor
        /// said" has another subject.
        func opensClause(_ lead: Int) -> Bool {
            lead == floor || text.isPunctuation(lead - 1) && !text.isMark(lead - 1, ["-", "'", "\u{2019}"])
                || text.isWord(lead - 1) && (text.isIn(.clauseConjunctions, lead - 1) || text.lower(lead - 1) == "that")
        }
        // "Levin, Stabenow and Dingell said": more named speakers before, each closed by a comma: names
        // (not "Among voters,", "Recently,", "At that time,"), none after another "and" ("a letter to X,
        // and Y, Okafor and Tull noted"). An item with no name ("Ana Ruiz, a pilot and a mother of two")
        // is an appositive, not a third speaker.
        var lead = first.tokens.lowerBound
        var kinds: Set<SourceKind> = [first.kind, second.kind]
        var items = 2
        while first.name != nil, lead - 2 >= floor, text.isMark(lead - 1, [","]), let item = left(before: lead - 1, floor: floor),
            item.tokens.upperBound == lead - 1, !item.isPronoun, item.name != nil,
            item.tokens.contains(where: { text.isCapitalised($0) }),
            !item.tokens.contains(where: { text.isWord($0) && text.lower($0) == "and" }),
            let head = item.tokens.first(where: { text.isWord($0) }), !text.isIn(.prepositions, head), !text.isIn(.openers, head),
            !text.lower(head).hasSuffix("ly"),
            !(item.tokens.lowerBound - 1 >= floor && text.isWord(item.tokens.lowerBound - 1) && text.lower(item.tokens.lowerBound - 1) == "and"),
            !(item.tokens.lowerBound == floor && item.tokens.allSatisfy({ !text.isWord($0) || isAcronym($0) }))
        {
            lead = item.tokens.lowerBound
            kinds.insert(item.kind)
            items += 1
        }
        if items > 2, !opensClause(lead) {
            // Not a list after all: the pair alone.
            lead = first.tokens.lowerBound
            kinds = [first.kind, second.kind]
            items = 2
        }
        if serialComma, items < 3 { return nil }
        guard opensClause(lead) else { return nil }
        // Not the last two of a list ("voters in Eastport, Westport and Northport say") nor an appositive
        // and what follows it ("Ana Ruiz, a pilot and a mother of two, said"): no name just before a comma.
        // A place or time that opens the sentence is no item of a list: "In Eastport, Okafor and Tull said".
        if lead - 2 >= floor, text.isMark(lead - 1, [","]), text.isCapitalised(lead - 2), !text.isIn(.months, lead - 2), !text.isIn(.weekdays, lead - 2),
            !isIntroductoryPhrase(closingAt: lead - 1, floor: floor)
        {
            return nil
        }
        let tokens = lead..<second.tokens.upperBound
        // People, named or not ("Okafor and a neighbour"), are people; people and bodies together a body.
        let kind: SourceKind = kinds.count == 1 ? first.kind : kinds.isSubset(of: [.person, .anonymous]) ? .person : .organization
        return SpeakerPhrase(tokens: tokens, name: tokens, kind: kind)
    }

    /// "You" and its forms joined to a verb.
    static let secondPerson: Set<String> = ["you", "you've", "you'd", "you'll", "you're", "y'all"]

    /// Whether the words from the clause's start up to `comma` are a phrase of place or time that opens
    /// it ("In Eastport,", "At the Westport depot,", "After the storm in Eastport,"): a preposition first,
    /// then no verb and no mark, at most eight words.
    func isIntroductoryPhrase(closingAt comma: Int, floor: Int) -> Bool {
        var start = comma - 1
        while start > floor, comma - start <= 8, !text.isPunctuation(start - 1) { start -= 1 }
        guard start >= floor, start == floor || text.isPunctuation(start - 1), comma - start >= 2, comma - start <= 8,
            text.isWord(start), text.isIn(.prepositions, start) || text.isIn(.placePrepositions, start) || text.isIn(.dateLeadIns, start)
                || ["after", "before", "near", "outside", "inside", "across", "throughout"].contains(text.lower(start))
        else { return false }
        return ((start + 1)..<comma).allSatisfy { text.isWord($0) || text.isNumber($0) } && !((start + 1)..<comma).contains(where: { text.verb(at: $0) != nil })
    }

    /// "The boy", "a woman", "one fisherman": a plain noun phrase (see ``plainSpeaker(_:)``) of at most
    /// four words, ending at `end` and opening its clause, for whom an apposition of age or hometown
    /// speaks ("The boy, 12, from Eastport said", "a fisherman from Eastport said"): the speaker, not
    /// the place.
    func plainPerson(before end: Int, floor: Int) -> SpeakerPhrase? {
        var start = end - 1
        while start > floor, end - start < 4, text.isWord(start), !text.isIn(.plainOpeners, start) { start -= 1 }
        guard start >= floor, start < end - 1, text.isWord(start), text.isIn(.plainOpeners, start),
            start == floor || text.isPunctuation(start - 1) && !text.isMark(start - 1, ["-", "'", "\u{2019}"])
                || text.isWord(start - 1) && text.isIn(.clauseConjunctions, start - 1),
            let phrase = plainSpeaker(start..<end), !phrase.isPronoun
        else { return nil }
        return phrase
    }

    /// "Kirill Dmitriev, CEO of the Fund, announced"; "the head of Rosgeologiya, Sergei Gorkov, admits".
    private func appositive(closingAt comma: Int, floor: Int) -> SpeakerPhrase? {
        var open = comma - 1
        while open > max(floor, comma - 20), !text.isMark(open, [","]) { open -= 1 }
        guard open > floor, text.isMark(open, [","]) else { return nil }
        guard let inner = left(before: comma, floor: open + 1), inner.tokens.lowerBound == open + 1,
            let outer = left(before: open, floor: floor)
        else {
            // "X, 54, said", "X, age 54, said", "The boy, 12, said"
            if isAge((open + 1)..<comma), let outer = left(before: open, floor: floor) ?? plainPerson(before: open, floor: floor) { return outer }
            // "Okafor, of Eastport, said", "the boy, from Eastport, said": where the speaker is from, not who speaks.
            if open + 2 < comma, text.isWord(open + 1), text.lower(open + 1) == "of" || text.lower(open + 1) == "from",
                left(before: comma, floor: open + 2)?.tokens.lowerBound == open + 2,
                let outer = left(before: open, floor: floor).flatMap({ $0.isPronoun || $0.name == nil && $0.role == nil ? nil : $0 })
                    ?? plainPerson(before: open, floor: floor)
            {
                return outer
            }
            return nil
        }
        if inner.role != nil, inner.name == nil, outer.name != nil, !outer.isPronoun {
            var speaker = outer
            speaker.role = inner.tokens
            if outer.kind == .anonymous || outer.kind == .document { speaker.kind = .person }
            if speaker.alias == nil { speaker.alias = inner.alias }
            return speaker
        }
        if outer.role != nil, inner.name != nil, inner.role == nil {
            var speaker = inner
            speaker.role = outer.tokens
            speaker.kind = .person
            return speaker
        }
        return nil
    }

    /// The longest speaker phrase ending just before `end`.
    func left(before end: Int, floor: Int) -> SpeakerPhrase? {
        guard end - 1 >= floor else { return nil }
        // "officials familiar with the talks", "sources close to the president", "people briefed on the plan".
        var qualifier = end - 2
        while qualifier > max(floor, end - 8) {
            if text.isWord(qualifier), text.isIn(.qualifiers, qualifier), qualifier + 1 < end,
                text.isIn(.qualifierLinks, qualifier + 1), qualifier - 1 >= floor, text.isAnonymousTerm(qualifier - 1),
                !(qualifier..<end).contains(where: { text.isPunctuation($0) }),
                var head = left(before: qualifier, floor: floor)
            {
                head.tokens = head.tokens.lowerBound..<end
                return head
            }
            qualifier -= 1
        }
        if text.isWord(end - 1), text.isIn(.pronouns, end - 1) {
            return SpeakerPhrase(tokens: (end - 1)..<end, kind: .person, isPronoun: true)
        }
        var start = end
        var index = end - 1
        var compounds = 0
        while index >= floor {
            // A lexicon phrase ("sources familiar with the matter") is taken whole.
            if text.isSourceTerm(index), let match = text.match(covering: index), match.tokens.count > 1,
                match.tokens.upperBound == index + 1, match.tokens.lowerBound >= floor
            {
                start = match.tokens.lowerBound
                index = start - 1
                continue
            }
            if text.isPunctuation(index) {
                let mark = text.word(index)
                // "the farmers’ association": a plural possessive.
                if mark == "\u{2019}" || mark == "'", start < end, index - 1 >= floor, text.isWord(index - 1), text.lower(index - 1).hasSuffix("s"),
                    tokens(adjacent: index - 1, index)
                {
                    start = index - 1
                    index -= 2
                    continue
                }
                // "Dr. Sall": the full stop of a title abbreviation.
                if mark == ".", start < end, index - 1 >= floor, text.isWord(index - 1), text.isIn(.abbreviations, index - 1) {
                    start = index - 1
                    index -= 2
                    continue
                }
                if mark == ")" {
                    var open = index - 1
                    while open >= max(floor, index - 10), !text.isMark(open, ["("]) { open -= 1 }
                    guard open >= floor, open < index - 1, text.isMark(open, ["("]) else { break }
                    start = open
                    index = open - 1
                    continue
                }
                if (mark == "-" || mark == "&" || mark == "–"), start < end { start = index; index -= 1; continue }
                break
            }
            if text.isNumber(index) {
                guard start < end, index - 1 >= floor, text.isCapitalised(index - 1) else { break }
                start = index
                index -= 1
                continue
            }
            let word = text.lower(index)
            if text.isIn(.determiners, index) || text.isIn(.possessives, index) && !text.isCapitalised(index) {
                guard start < end, text.isIn(.determiners, index) else { break }
                start = index
                // A determiner closes the phrase unless a connector joins it to more ("Director of the …").
                if index - 1 >= floor, text.isWord(index - 1), text.isIn(.determinerLinks, index - 1) {
                    index -= 1
                    continue
                }
                break
            }
            let joins = start < end && (text.isIn(.connectors, index)
                || (word == "from" || word == "by") && text.sourceWordKind(index - 1) == .document)
            if !joins, text.isIn(.openers, index), !text.isSourceTerm(index) { break }
            // "the coast guard commander", "the rail operator's director": nouns before a head noun.
            let compound = start < end && compounds < 2 && !text.isCapitalised(index) && text.verb(at: index) == nil
                && (text.isSourceTerm(start) || compounds > 0 || text.lower(start).hasSuffix("'s") || text.lower(start).hasSuffix("'")
                    || text.isMark(start, ["'", "\u{2019}"]))
                && !word.hasSuffix("ly") && !text.isIn(.openers, index)
            if compound { compounds += 1 }
            if joins || compound || text.isCapitalised(index) || text.isSourceTerm(index) || text.isIn(.modifiers, index)
                || word.hasSuffix("'s") || word.hasSuffix("s'")
            {
                start = index
                index -= 1
                continue
            }
            break
        }
        // Trim connectors at the left edge.
        // Not a word in capitals before "&" ("AT&T").
        while start < end, text.isWord(start), text.isIn(.connectors, start) || text.lower(start) == "from" || text.lower(start) == "by",
            !(isAcronym(start) && start + 1 < end && text.isMark(start + 1, ["&"]))
        {
            start += 1
        }
        while start < end, text.isPunctuation(start), !text.isMark(start, ["("]) { start += 1 }
        guard start < end else { return nil }
        return describe(start..<end)
    }

    /// The longest speaker phrase starting at `start` (after "said", "according to").
    func right(from start: Int, ceiling: Int) -> SpeakerPhrase? {
        guard start < ceiling else { return nil }
        if text.isWord(start), text.isIn(.pronouns, start) {
            return SpeakerPhrase(tokens: start..<(start + 1), kind: .person, isPronoun: true)
        }
        var end = start
        var index = start
        var lastWasConnector = false
        while index < ceiling {
            if text.isSourceTerm(index), let match = text.match(covering: index), match.tokens.count > 1, match.tokens.lowerBound == index,
                match.tokens.upperBound <= ceiling
            {
                end = match.tokens.upperBound
                index = end
                lastWasConnector = false
                continue
            }
            // "the tenants’ spokeswoman": a plural possessive.
            if text.isWord(index), !text.isCapitalised(index), index + 1 < ceiling, text.isMark(index + 1, ["\u{2019}", "'"]),
                text.lower(index).hasSuffix("s"), text.tokens[index].span.utf8.upperBound == text.tokens[index + 1].span.utf8.lowerBound
            {
                index += 2
                continue
            }
            if text.isPunctuation(index) {
                let mark = text.word(index)
                if mark == ".", end == index, index > start, text.isIn(.abbreviations, index - 1) {
                    end = index + 1
                    index += 1
                    continue
                }
                if mark == "(", end > start {
                    var close = index + 1
                    while close < min(ceiling, index + 10), !text.isMark(close, [")"]) { close += 1 }
                    guard close < ceiling, close > index + 1, text.isMark(close, [")"]) else { break }
                    end = close + 1
                    index = close + 1
                    continue
                }
                if (mark == "-" || mark == "&"), end > start, index + 1 < ceiling, text.isCapitalised(index + 1) {
                    index += 1
                    continue
                }
                break
            }
            if text.isNumber(index) {
                guard end > start, text.isCapitalised(index - 1) || text.isOutlet(index) else { break }
                end = index + 1
                index += 1
                continue
            }
            let word = text.lower(index)
            if text.isIn(.determiners, index) || index == start && ["its", "his", "her", "their"].contains(word) {
                guard index == start || lastWasConnector else { break }
                index += 1
                lastWasConnector = false
                continue
            }
            if !text.isCapitalised(index), text.isIn(.connectors, index) || (word == "from" || word == "by") && text.sourceWordKind(index - 1) == .document {
                guard index > start else { break }
                lastWasConnector = true
                index += 1
                continue
            }
            if index > start, text.isIn(.openers, index), !text.isSourceTerm(index) { break }
            // "its annual report": a noun before the head noun.
            let compound = index + 1 < ceiling && !text.isCapitalised(index) && text.verb(at: index) == nil && text.isSourceTerm(index + 1)
                && !text.isIn(.openers, index) && !word.hasSuffix("ly")
            if compound || text.isCapitalised(index) || text.isSourceTerm(index) || text.isIn(.modifiers, index) || word.hasSuffix("'s") {
                lastWasConnector = false
                end = index + 1
                index += 1
                continue
            }
            break
        }
        guard end > start else { return nil }
        return describe(start..<end)
    }

    /// Splits a phrase into role, name and alias, and guesses its kind.
    func describe(_ range: Range<Int>) -> SpeakerPhrase? {
        var alias: Range<Int>?
        var parenthesisedRole: Range<Int>?
        var shortName: Range<Int>?
        var body = range
        // "(RDIF)" or "(Director of the Service)" at the end.
        if text.isMark(body.upperBound - 1, [")"]) {
            var open = body.upperBound - 2
            while open > body.lowerBound, !text.isMark(open, ["("]) { open -= 1 }
            if open > body.lowerBound, text.isMark(open, ["("]) {
                let inside = (open + 1)..<(body.upperBound - 1)
                if inside.count == 1, isAcronym(inside.lowerBound) {
                    alias = inside
                } else if inside.count == 1, text.isCapitalised(inside.lowerBound) {
                    // "The Harbour Survey Institute (Harbsurv)": a short name, if the phrase names a body (below).
                    shortName = inside
                } else if inside.contains(where: text.hasRole) {
                    // "Naryshkin (Director of the Foreign Intelligence Service)"
                    parenthesisedRole = inside
                }
                body = body.lowerBound..<open
            }
        }
        // Leading determiners and possessives are not part of the name.
        var start = body.lowerBound
        while start < body.upperBound, text.isWord(start), text.isIn(.determiners, start) { start += 1 }
        guard start < body.upperBound else { return nil }
        // "Data from the U.S. Geological Survey": the source is what follows "from".
        if text.sourceWordKind(start) == .document, start + 1 < body.upperBound, text.isIn(.sourcePrepositions, start + 1),
            let inner = describe((start + 2)..<range.upperBound)
        {
            var source = inner
            source.tokens = range
            return source
        }
        // The role ends with the last role word that is followed by a name.
        var roleEnd: Int?
        var index = start
        // "the Envoy's view": a one-word role with a possessive ending heads the phrase (not "the
        // nominee's campaign", nor an outlet's name).
        let possessiveRole = text.isPossessiveRole(body.upperBound - 1) && !(start..<body.upperBound).contains(where: text.isOutlet)
        while index < body.upperBound {
            if text.hasRole(index) || possessiveRole && index == body.upperBound - 1 {
                let end = text.match(covering: index)?.tokens.upperBound ?? index + 1
                roleEnd = min(end, body.upperBound)
                index = end
            } else {
                index += 1
            }
        }
        var name: Range<Int>?
        var role: Range<Int>?
        let hasContent = (start..<body.upperBound).contains { text.isCapitalised($0) || text.isSourceTerm($0) || text.isNumber($0) }
        guard hasContent else { return nil }
        // "You've said that …", "You'd argue …": the one addressed, capitalised at a sentence's start, names no one.
        if body.upperBound - start == 1, text.isWord(start), Self.secondPerson.contains(text.lower(start)) { return nil }
        if let roleEnd {
            // The name: capitalised words after the role ("Russian President Vladimir Putin").
            // Words between role and name make an affiliation ("CEO of the Fund"), not a name.
            let nameRange = roleEnd..<body.upperBound
            if !nameRange.isEmpty, nameRange.allSatisfy({ text.isCapitalised($0) || text.isPunctuation($0) }), !text.hasRole(roleEnd),
                text.isCapitalised(roleEnd)
            {
                name = nameRange
                role = start..<roleEnd
            } else {
                role = start..<body.upperBound
            }
        } else {
            name = start..<body.upperBound
        }
        var names = name.map { Array($0) } ?? []
        names.removeAll { text.isPunctuation($0) }
        let kind: SourceKind
        if (start..<body.upperBound).contains(where: text.isOutlet), role == nil || name != nil && name.map({ $0.contains(where: text.isOutlet) }) == true {
            kind = .media
        } else if name == nil, (start..<body.upperBound).contains(where: text.isAnonymousTerm) {
            kind = .anonymous
        } else if role != nil {
            // "a senior official" is anonymous; "the governor", "Chelyabinsk's governor" name one office holder.
            let indefinite = text.isWord(range.lowerBound) && text.isIn(.indefiniteQuantities, range.lowerBound)
            kind = name == nil && indefinite ? .anonymous : .person
        } else if text.isAnonymousTerm(start), start + 1 < body.upperBound, text.isWord(start + 1),
            Self.bodyPrepositions.contains(text.lower(start + 1))
        {
            // "Officials at the ministry", "sources in the Harbour Trust": unnamed people of a named body.
            kind = .anonymous
        } else if let wordKind = (start..<body.upperBound).reversed().lazy.compactMap({ text.sourceWordKind($0) }).first {
            kind = wordKind
        } else if (start..<body.upperBound).contains(where: text.isAnonymousTerm) {
            kind = .anonymous
        } else if names.count == 1, text.isWord(names[0]), text.isIn(.quantityHeads, names[0]) {
            // "Some say …", "Many argued …": a share of people alone, no one in particular.
            kind = .anonymous
        } else if names.count == 1, isAcronym(names[0]) {
            kind = .organization
        } else if names.count == 1, isDomainName(names[0]) {
            // "Znak.com reported": a website's name is an outlet's.
            kind = .media
        } else if (start..<body.upperBound).contains(where: { text.isMark($0, ["&"]) }), names.allSatisfy(text.isCapitalised) {
            // "PG&E", "Tull & Berg": names joined by an ampersand are a firm's.
            kind = .organization
        } else if names.allSatisfy(text.isCapitalised) {
            // People's names take no article: "the Coast Guard" is an organisation.
            let article = start > range.lowerBound && text.lower(range.lowerBound) == "the"
            kind = article ? .organization : .person
        } else if let affiliated = affiliation(names) {
            // "Ana Ruiz of Cheyenne", "Ana Ruiz of the Harbor Trust": a person's full name and where she is from.
            name = affiliated
            kind = .person
        } else {
            return nil
        }
        // A lower-case phrase must name someone: "the spokesman", "analysts", "the report".
        if name != nil, role == nil, !names.contains(where: text.isCapitalised), !(start..<body.upperBound).contains(where: text.isSourceTerm) {
            return nil
        }
        if kind != .person, kind != .media, role == nil, !names.contains(where: text.isCapitalised) {
            name = nil
        }
        if role == nil, let parenthesisedRole, name != nil {
            return SpeakerPhrase(tokens: range, name: name, role: parenthesisedRole, alias: alias, kind: .person)
        }
        // A body's short name in parentheses stands for it later, as an acronym does ("CalFire", "Harbsurv").
        if alias == nil, let shortName, [.organization, .government, .media].contains(kind), names.count >= 2 { alias = shortName }
        return SpeakerPhrase(tokens: range, name: name, role: role, alias: alias, kind: kind)
    }

    /// The name in "Ana Ruiz of Cheyenne" (a first and a last name, capitalised, then "of" and a
    /// capitalised place or body, "the" allowed): the words before "of"; `nil` for other shapes.
    /// A single word before "of" is more often a body's own name ("Bank of …", "House of …").
    private func affiliation(_ words: [Int]) -> Range<Int>? {
        guard let of = words.firstIndex(where: { text.lower($0) == "of" }), of >= 2, of + 1 < words.count,
            words[..<of].allSatisfy({ text.isCapitalised($0) }),
            words[(of + 1)...].allSatisfy({ text.isCapitalised($0) || text.lower($0) == "the" }),
            let last = words.last, text.isCapitalised(last),
            let first = words.first
        else { return nil }
        return first..<(words[of - 1] + 1)
    }

    private func tokens(adjacent left: Int, _ right: Int) -> Bool {
        text.tokens[left].span.utf8.upperBound == text.tokens[right].span.utf8.lowerBound
    }

    /// A word written as a web address's host ("Znak.com", "Example.org"): letters, a full stop and a
    /// top-level domain of two to four lower-case letters.
    func isDomainName(_ index: Int) -> Bool {
        guard text.isWord(index) else { return false }
        let word = text.word(index)
        guard let dot = word.lastIndex(of: "."), dot > word.startIndex else { return false }
        let suffix = word[word.index(after: dot)...]
        return (2...4).contains(suffix.count) && suffix.allSatisfy { $0.isASCII && $0.isLowercase }
    }

    func isAcronym(_ index: Int) -> Bool {
        guard text.isWord(index) else { return false }
        // One pass, no array: at least two letters, all capitals (ASCII decided without the property tables).
        var letters = 0
        for scalar in text.word(index).unicodeScalars {
            if scalar.isASCII {
                if scalar.value >= 0x61 && scalar.value <= 0x7A { return false }
                if scalar.value >= 0x41 && scalar.value <= 0x5A { letters += 1 }
            } else if scalar.properties.isAlphabetic {
                guard scalar.properties.isUppercase else { return false }
                letters += 1
            }
        }
        return letters >= 2
    }
}
