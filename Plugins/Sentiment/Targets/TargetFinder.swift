import LoupeCore

/// A mention of a target in a document.
struct TargetMention: Sendable {
    var name: String
    var kind: String
    var sentence: Int
    /// Scalar range of the mention.
    var range: Range<Int>
    /// What the words before a detected name say of it: a person's title ("Mr. Okafor", "Sen. Okafor") makes
    /// it a person, a preposition of place ("in Port Elm", "at Camp Elm") a place.
    var standing: Standing = .unknown

    enum Standing: UInt8, Sendable {
        case unknown, titled, place
    }
}

/// Finds target mentions: aliases from the target lexicon, then runs of
/// capitalised words that are not in it ("Kirill Dmitriev", "USGS"), a lone
/// surname joining the full name it ends when the document has one.
///
/// Words are compared as UTF-8 bytes of the document (exactly as written,
/// case-sensitive), so finding names makes no string per token; only the
/// names found become strings.
struct TargetFinder {
    let lexicon: TargetLexicon
    let detectNames: Bool
    /// Whether "he", "she", "his"… are mentions of the person last named (see ``pronounMentions``).
    var resolvePronouns = true
    /// Whether "the president", "the company"… are mentions (see ``descriptionMentions``).
    var resolveDescriptions = true
    /// Whether a pronoun that stands for no one named ("She" with nobody named
    /// before it; a group's "they", "we") is a target of its own.
    var unresolvedPronouns = true

    /// The kind of the targets that are leaders, whose surnames alone are aliases ("Trump").
    static let leaderKind = "leader"
    /// The kind of the targets that are countries ("Russia": "Russian", "Moscow").
    static let countryKind = "country"
    /// The kind of a name of one word found in a heading, until ``mergeSurnames(_:)`` settles it.
    static let headingWordKind = "heading-word"
    /// The kind of a pronoun mention that stands for the person named before it.
    static let pronounKind = "pronoun"
    /// The kind of a pronoun mention with nobody named before it: a target of its own.
    static let unresolvedPronounKind = "pronoun-unresolved"
    /// How many sentences back a pronoun looks for the person it stands for
    /// (counted from that person's last mention, pronouns included).
    static let pronounReach = 2
    /// The kind of a description ("the president") that stands for the person named before it.
    static let descriptionKind = "description"
    /// The kind of a description with nobody to stand for: a target of its own ("The president").
    static let unresolvedDescriptionKind = "description-unresolved"
    /// How many modifiers a description may have before its noun ("the former deputy prime minister").
    static let descriptionModifiers = 3

    /// Whether a mention of this kind refers back to a target (a pronoun, a description) rather than naming it.
    /// Most kinds ("name", "leader", "country") are ruled out by their first
    /// byte before `hasPrefix` compares characters: a kind whose first
    /// character is "p" or "d" starts with that byte (neither letter has
    /// another spelling), so the byte test only ever rules kinds out.
    static func isReference(_ kind: String) -> Bool {
        guard let first = kind.utf8.first, first == UInt8(ascii: "p") || first == UInt8(ascii: "d") else { return false }
        return kind.hasPrefix(pronounKind) || kind.hasPrefix(descriptionKind)
    }

    /// Every mention, in sentences not marked in `skipped` (page furniture).
    func mentions(in document: Document, skipped: [Bool] = []) -> [TargetMention] {
        let text = document.text
        if let found = text.utf8.withContiguousStorageIfAvailable({ mentions(in: document, bytes: $0, skipped: skipped) }) { return found }
        return Array(text.utf8).withUnsafeBufferPointer { mentions(in: document, bytes: $0, skipped: skipped) }
    }

    private func mentions(in document: Document, bytes: UnsafeBufferPointer<UInt8>, skipped: [Bool]) -> [TargetMention] {
        let segmentation = document.segmentation
        let words = WordView(bytes: bytes, tokens: segmentation.tokens, lexicon: lexicon)
        var found: [TargetMention] = []
        var names: [TargetMention] = []
        var claimed = [Bool](repeating: false, count: segmentation.tokens.count)
        // One buffer for the bytes of every detected name of the document.
        var nameBytes: [UInt8] = []
        // The sentences searched, for the pronouns after the names.
        var searched: [Int] = []
        // A transcript's speaker labels ("Q:", "((Jane Doe))") tag who speaks; they are not mentions.
        let turns = SpeakerTurns(of: document)
        for (sentenceIndex, sentence) in segmentation.sentences.enumerated() {
            // Entries of a reference list name sources, not what the article is about.
            if segmentation.isReferenceEntry(sentence.paragraph, in: document.text) { continue }
            if sentenceIndex < skipped.count, skipped[sentenceIndex] { continue }
            searched.append(sentenceIndex)
            var range = sentence.tokens
            if let speech = turns.speechStart(ofSentence: sentenceIndex) {
                // The speaker's words: the label's tokens are left out, and the word after it opens the sentence.
                while range.lowerBound < range.upperBound, words.tokens[range.lowerBound].span.utf8.lowerBound < speech {
                    range = (range.lowerBound + 1)..<range.upperBound
                }
                guard !range.isEmpty else { continue }
            }
            // Whether the sentence is a heading in title case: worked out once, when a rule first asks
            // (reading the whole sentence at each alias would make the work grow with its square).
            var knownTitleCase: Bool?
            func isTitleCase() -> Bool {
                if let known = knownTitleCase { return known }
                let titleCase = words.isTitleCase(range)
                knownTitleCase = titleCase
                return titleCase
            }
            var position = range.lowerBound
            while position < range.upperBound {
                defer { position += 1 }
                guard words.tokens[position].kind == .word, let first = words.firstByte(position), lexicon.isAliasStart(first) else {
                    continue
                }
                let written = words.span(position)
                let stem = words.bare(position)
                let isPossessive = stem != written
                guard let list = lexicon.aliasTable.value(for: words.bytes(stem)) else { continue }
                // "New Mexico", "West Virginia": a capitalised place prefix before the alias makes a
                // longer name (found among the name runs below), not a mention of Mexico or Virginia.
                if position > range.lowerBound, !claimed[position - 1], words.isCapitalised(position - 1),
                    words.flags(words.span(position - 1)).contains(.placePrefix)
                {
                    continue
                }
                // "University of Washington", "Museum of London": a school's or a museum's name, not the
                // government the city stands for.
                if position - 2 >= range.lowerBound, words.equal(words.span(position - 1), WordView.of),
                    words.isInstitutionHead(position - 2)
                {
                    continue
                }
                for alias in lexicon.aliasLists[list] where position + alias.rest.count < range.upperBound {
                    // A possessive ends a name: "Russia’s" can only be a whole alias.
                    if isPossessive, !alias.rest.isEmpty { continue }
                    var matches = true
                    for (offset, expected) in alias.rest.enumerated() {
                        let next = position + 1 + offset
                        let isLast = offset == alias.rest.count - 1
                        if !words.equal(words.span(next), expected) && !(isLast && words.equal(words.bare(next), expected)) {
                            matches = false
                            break
                        }
                    }
                    guard matches else { continue }
                    let last = position + alias.rest.count
                    let target = lexicon.targets[alias.target]
                    // "Ivanka Trump", "Jeb Bush", "Donald Trump Jr.": a leader's surname after another given name,
                    // or the leader's name before a generational suffix, names a relative; the name runs find it.
                    // "Russian Direct Investment Fund", "U.S. Department of Agriculture": a country's alias opening a
                    // body's name is part of that name, which the name runs find whole. Not in a heading, where every
                    // word is capitalised ("China Warns Congress Over Taiwan").
                    if target.kind == Self.countryKind, !isPossessive, words.opensBodyName(after: last, before: range.upperBound),
                        !isTitleCase()
                    {
                        continue
                    }
                    if target.kind == Self.leaderKind, !isPossessive,
                        alias.rest.isEmpty && words.isGivenName(before: position, in: range, claimed: claimed, inHeading: isTitleCase)
                            && !words.isAttributive(last, before: range.upperBound)
                            || words.isGenerationalSuffix(last + 1, before: range.upperBound)
                            || words.isGenerationalSuffixAfterComma(last + 1, before: range.upperBound)
                    {
                        continue
                    }
                    found.append(TargetMention(name: target.name, kind: target.kind, sentence: sentenceIndex, range: words.scalars(position, last)))
                    for index in position...last { claimed[index] = true }
                    position = last
                    break
                }
            }
            if detectNames {
                nameRuns(in: sentenceIndex, range: range, claimed: claimed, words: words, scratch: &nameBytes, into: &names)
            }
        }
        mergeSurnames(&names)
        // The named mentions, then those that refer back to them: appended to `found` in place (its
        // only copy once the references are found), no mention copied into a new list.
        found += names
        guard resolvePronouns || resolveDescriptions else { return found }
        let people = self.people(in: found)
        let pronouns = resolvePronouns ? pronounMentions(in: searched, of: document, words: words, people: people) : []
        let descriptions =
            resolveDescriptions ? descriptionMentions(in: searched, of: document, words: words, people: people, named: found) : []
        found += pronouns
        found += descriptions
        return found
    }

    /// The mentions of people, in text order: a leader of the target list, or a
    /// detected name of two words or more (a lone word or an acronym is as often a
    /// place or a body: "Tuva", "RDIF"; a surname seen with its first name has joined
    /// the full name by now) or after a person's title ("Mr. Okafor"), without a body
    /// word ("Direct Investment Fund") and not after a preposition of place ("at Camp Elm").
    private func people(in named: [TargetMention]) -> [TargetMention] {
        // No cache of the answers: looking a name's words up in the byte table
        // costs less than hashing the name as a String key did.
        named.filter { mention in
            if mention.kind == Self.leaderKind { return true }
            guard mention.kind == "name", mention.standing != .place, mention.standing == .titled || Self.hasSpace(mention.name) else {
                return false
            }
            return !lexicon.isBodyName(mention.name)
        }.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// Each definite description of a person or a body ("the president", "the
    /// former prime minister", "the company's"; descriptions and
    /// descriptionModifiers in targets.json) as a mention. A description of a
    /// person stands for the person named last, when that was in one of the
    /// two sentences before, with no name before it in its own (in "Jones
    /// criticized the president" the president is not Jones); otherwise, and for a body, it is
    /// a target of its own named as written ("The president", "The company"),
    /// so what a text says of someone it calls only by their office is scored
    /// for them rather than for the whole sentence. A description followed by
    /// "of" ("the president of the club") or by a name ("the president, Jones";
    /// "the company Acme") is left to the name.
    private func descriptionMentions(
        in sentences: [Int], of document: Document, words: WordView, people: [TargetMention], named: [TargetMention]
    ) -> [TargetMention] {
        let segmentation = document.segmentation
        var found: [TargetMention] = []
        var next = 0
        var last: TargetMention?
        // Where each name ends and its sentence, in text order: a name earlier in a description's own
        // sentence. Made at the first description (most documents have none).
        var names: [(end: Int, sentence: Int)]?
        var nextName = 0
        var lastNameSentence = -1
        var name: [UInt8] = []
        for sentenceIndex in sentences {
            let tokens = segmentation.sentences[sentenceIndex].tokens
            for position in tokens where words.tokens[position].kind == .word && words.isDefiniteArticle(position) {
                // The modifiers, then the noun.
                var noun = position + 1
                var modifiers = 0
                while noun < tokens.upperBound, modifiers < Self.descriptionModifiers, words.tokens[noun].kind == .word,
                    lexicon.isDescriptionModifier(words.bytes(words.span(noun)))
                {
                    noun += 1
                    modifiers += 1
                }
                guard noun < tokens.upperBound, words.tokens[noun].kind == .word,
                    let isBody = lexicon.descriptionIsBody(words.bytes(words.bare(noun)))
                else { continue }
                // "the president of the club", "the company Acme", "the president, Jones": the name says who;
                // "the executive order", "the school board": the noun is part of a compound.
                if noun + 1 < tokens.upperBound, !words.isPossessive(noun) {
                    let after = noun + 1
                    if words.tokens[after].kind == .word {
                        let flags = words.flags(words.span(after))
                        guard !words.isCapitalised(after),
                            !flags.isDisjoint(with: [.descriptionFollower, .nameFollower, .nameVerb]) || words.isRegularPast(after)
                        else { continue }
                    } else if after + 1 < tokens.upperBound, words.equal(words.span(after), Self.comma),
                        words.tokens[after + 1].kind == .word, words.isCapitalised(after + 1)
                    {
                        continue
                    }
                }
                let range = words.scalars(position, noun)
                while next < people.count, people[next].range.upperBound <= range.lowerBound {
                    last = people[next]
                    next += 1
                }
                let ends = names ?? named.map { (end: $0.range.upperBound, sentence: $0.sentence) }.sorted { $0.end < $1.end }
                names = ends
                while nextName < ends.count, ends[nextName].end <= range.lowerBound {
                    lastNameSentence = ends[nextName].sentence
                    nextName += 1
                }
                if !isBody, lastNameSentence != sentenceIndex, let person = last, person.sentence < sentenceIndex,
                    sentenceIndex - person.sentence <= Self.pronounReach
                {
                    found.append(TargetMention(name: person.name, kind: Self.descriptionKind, sentence: sentenceIndex, range: range))
                    continue
                }
                // Named as written, in lower case after its first letter: "The president", "The foreign minister".
                name.removeAll(keepingCapacity: true)
                name.append(contentsOf: "The".utf8)
                for index in (position + 1)...noun {
                    name.append(0x20)
                    for byte in words.bytes(index == noun ? words.bare(index) : words.span(index)) {
                        name.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
                    }
                }
                found.append(
                    TargetMention(
                        name: String(decoding: name, as: UTF8.self), kind: Self.unresolvedDescriptionKind, sentence: sentenceIndex,
                        range: range))
            }
        }
        return found
    }

    private static let comma = Array(",".utf8)
    static let fullStop = Array(".".utf8)
    private static let colon = Array(":".utf8)

    /// Each person pronoun ("he", "She", "his"; targets.json personPronouns) as a
    /// mention of the person last named before it, in its sentence or the two
    /// before (or mentioned there by a pronoun already): a leader of the target
    /// list or a detected name of two words or more, not a country, an
    /// institution, a lone word or an acronym. With ``unresolvedPronouns`` (the
    /// default), a pronoun with nobody named before it is a target of its own,
    /// named by the pronoun ("She"), so that what a text says of someone it
    /// never names is scored for them rather than for the whole sentence; and
    /// a group's pronoun ("they", "us"; groupPronouns), which stands for no one
    /// named (a group is as often unnamed as named), is a target named by its
    /// group ("They", "We").
    private func pronounMentions(
        in sentences: [Int], of document: Document, words: WordView, people: [TargetMention]
    ) -> [TargetMention] {
        let segmentation = document.segmentation
        var found: [TargetMention] = []
        var next = 0
        var last: TargetMention?
        // Per person, the pronoun group that has stood for them (-1: none yet).
        var groupOf: [String: Int32] = [:]
        // Room for every person at once: the table is only asked, never listed.
        groupOf.reserveCapacity(people.count)
        for sentenceIndex in sentences {
            for position in segmentation.sentences[sentenceIndex].tokens where words.tokens[position].kind == .word {
                guard let first = words.firstByte(position), lexicon.mayStartPronoun(first) else { continue }
                // "He's" is "He" and "is" (or "has"): the pronoun without its clitic.
                let bare = words.bare(position)
                guard lexicon.mayBePronoun(first: first, length: bare.count) else { continue }
                guard let group = lexicon.pronounGroups.value(for: words.bytes(bare)) else { continue }
                let range = words.scalars(position, position)
                while next < people.count, people[next].range.upperBound <= range.lowerBound {
                    last = people[next]
                    groupOf[people[next].name] = groupOf[people[next].name] ?? -1
                    next += 1
                }
                // The person named last, near enough, and not already called by the other pronoun.
                if group < TargetLexicon.firstGroupPronoun, let person = last, sentenceIndex - person.sentence <= Self.pronounReach,
                    let known = groupOf[person.name], known < 0 || known == group
                {
                    found.append(TargetMention(name: person.name, kind: Self.pronounKind, sentence: sentenceIndex, range: range))
                    groupOf[person.name] = group
                    // A chain of pronouns keeps its person: "Smith said … He added … He also …".
                    last?.sentence = sentenceIndex
                } else if !unresolvedPronouns {
                    // Left to the sentence: the tables keep to names.
                    continue
                } else if let name = lexicon.groupPronounName(group) {
                    // A group's pronoun is named by its group ("They" for "them", "their").
                    found.append(TargetMention(name: name, kind: Self.unresolvedPronounKind, sentence: sentenceIndex, range: range))
                } else {
                    // Named as written ("His", "She"): what the text calls someone it does not name.
                    let written = String(decoding: words.bytes(bare), as: UTF8.self)
                    let name = written.prefix(1).uppercased() + written.dropFirst().lowercased()
                    found.append(TargetMention(name: name, kind: Self.unresolvedPronounKind, sentence: sentenceIndex, range: range))
                }
            }
        }
        return found
    }

    /// Runs of capitalised words in one sentence that no alias claimed,
    /// added to `runs` (the document's: no array per sentence to copy over),
    /// each name's bytes gathered in `scratch` (the document's: no buffer per sentence).
    private func nameRuns(
        in sentence: Int, range tokens: Range<Int>, claimed: [Bool], words: WordView, scratch name: inout [UInt8],
        into runs: inout [TargetMention]
    ) {
        let counted = words.capitalisedWords(tokens)
        guard counted.capitalised > 0 else { return }
        // Headings in title case ("Smoke and Mirrors?") would make every word a
        // name; a sentence that ends with a full stop is never one.
        let endsLikeProse = words.endsLikeProse(tokens.upperBound - 1)
        let heading = WordView.isTitleCase(words: counted.words, capitalised: counted.capitalised, endsLikeProse: endsLikeProse)
        /// `spanFlags`: the flags of the word as written, when the caller has looked them up already.
        func nameWord(_ position: Int, spanFlags: TargetLexicon.WordFlags? = nil) -> Bool {
            // Most words are not capitalised: the cheapest test first.
            guard !claimed[position], words.isCapitalised(position) || words.isParticleName(position) else { return false }
            let bare = words.bare(position)
            guard words.scalarCount(bare) > 1 else { return false }
            // "I'm", "We've", "Don't": a pronoun or a verb with its clitic, capitalised by its place.
            if words.endsWithClitic(bare) { return false }
            // "(R-Maine)", ", D-Calif.,": a legislator's party and state, not a name of its own.
            if words.isPartyAndState(position, after: tokens.lowerBound) { return false }
            let span = words.span(position)
            let bareFlags = (span == bare ? spanFlags : nil) ?? words.flags(bare)
            if !bareFlags.isDisjoint(with: [.notName, .title]) { return false }
            // Most words are not possessive: their written form is the bare one, already looked up.
            if (span == bare ? bareFlags : words.flags(span)).contains(.title) { return false }
            // "Russian-American", "Pro-Russian": an adjective made of a country's name.
            if words.isCountryCompound(position) { return false }
            // "Fifteen-year-old Robert": an age, not part of the name after it.
            return !words.isAge(bare)
        }
        /// Adds the name of the words `first...last` (the last without a possessive ending).
        func append(_ first: Int, _ last: Int, kind: String) {
            name.removeAll(keepingCapacity: true)
            for position in first...last {
                // "Ann B. Fisher": an initial's full stop may be a token of its own, written without a space.
                // "Martin Luther King, Jr." is named "Martin Luther King Jr".
                if position > first, words.equal(words.span(position), Self.comma) { continue }
                if position > first, !words.equal(words.span(position), WordView.fullStop) { name.append(0x20) }
                name.append(contentsOf: words.bytes(position == last ? words.bare(position) : words.span(position)))
            }
            runs.append(
                TargetMention(
                    name: String(decoding: name, as: UTF8.self), kind: kind, sentence: sentence,
                    range: words.scalars(first, last), standing: standing(of: first, last, in: tokens, words: words)))
        }
        if heading {
            // In a heading every word is capitalised: a name there is a run of words that are no common
            // words of English ("Okafor Wins Eastport Seat"; see ``WordView/isUncommonName(_:)``), not in
            // capitals throughout. One word alone may be the first of a name that goes on with a common word
            // ("Tobias Hatch Wins"): ``mergeSurnames(_:)`` joins it to the document's one name that starts with it.
            var index = tokens.lowerBound
            while index < tokens.upperBound {
                guard nameWord(index), words.hasLowerCase(index), words.isUncommonName(index) else {
                    index += 1
                    continue
                }
                var last = index
                while last + 1 < tokens.upperBound, !words.isPossessive(last) {
                    if nameWord(last + 1), words.hasLowerCase(last + 1), words.isUncommonName(last + 1) {
                        last += 1
                    } else if let initial = words.initialLength(at: last + 1, after: last, before: tokens.upperBound), last + initial + 1 < tokens.upperBound,
                        nameWord(last + initial + 1), words.hasLowerCase(last + initial + 1)
                    {
                        // A middle initial holds the name together whatever word follows: "Ann B. Fisher".
                        last += initial + 1
                    } else {
                        break
                    }
                }
                append(index, last, kind: last == index ? Self.headingWordKind : "name")
                index = last + 1
            }
            return
        }
        // The sentence's first word, past opening quotes, brackets and bullets: “Last year …” opens with "Last".
        var opening = tokens.lowerBound
        while opening < tokens.upperBound, words.tokens[opening].kind == .punctuation { opening += 1 }
        var index = tokens.lowerBound
        while index < tokens.upperBound {
            guard nameWord(index) else {
                index += 1
                continue
            }
            // "Martin Luther King, Jr.", "Okafor & Sons, Inc.": a generational suffix or a company's after a comma
            // belongs to the name before it and names no one alone.
            if index > tokens.lowerBound, words.equal(words.span(index - 1), Self.comma),
                (words.isGenerationalSuffix(index, before: tokens.upperBound) || words.isCompanySuffix(index))
            {
                index += 1
                continue
            }
            // "Thank you", "Oh no", "Well, …" opening a sentence, a quotation or what follows a colon: an
            // interjection, never a name (inside a name it may be one: "Just Stop Oil").
            if words.isInterjection(index),
                index == opening || words.opensQuotation(index) || index > tokens.lowerBound && words.equal(words.span(index - 1), Self.colon)
            {
                index += 1
                continue
            }
            var last = index
            // The flags of the word after the run, looked up once for every test of it below.
            // A title in its possessive form is a title too: "Prime" in "the Prime Minister's plan" is the office's
            // word, not a name.
            func flagsAfter(_ last: Int) -> TargetLexicon.WordFlags {
                guard last + 1 < tokens.upperBound else { return [] }
                let next = words.span(last + 1)
                let flags = words.flags(next)
                let bare = words.bare(last + 1)
                guard bare != next, flags.isEmpty else { return flags }
                return words.flags(bare).intersection(.title)
            }
            var after = flagsAfter(last)
            // A person named after a title is from the place after "of", not named by it: "Sen. Amy
            // Klobuchar of Minnesota" is Amy Klobuchar, "King Abdullah of Jordan" Abdullah. (Asked only
            // at an "of": most runs meet none.)
            func titled() -> Bool { standing(of: index, index, in: tokens, words: words) == .titled }
            // A possessive ends a name unless it belongs inside one ("Lugansk People's Republic").
            while last + 1 < tokens.upperBound, !words.isPossessive(last) || words.flags(words.span(last)).contains(.namePossessive) {
                if after.contains(.title) {
                    // "Martin Luther King", "Stephen King": a title that is a surname too, after given names (a
                    // word that is no common word among them) and before no name, is their surname.
                    guard words.flags(words.bare(last + 1)).contains(.surnameTitle),
                        (index...last).contains(where: { !words.lexicon.commonWords.contains(words.bytes(words.bare($0))) }),
                        !(last + 2 < tokens.upperBound && words.tokens[last + 2].kind == .word && words.isCapitalised(last + 2)
                            && !words.isGenerationalSuffix(last + 2, before: tokens.upperBound))
                    else { break }
                    last += 1
                    // The name ends there, but for a generational suffix: "Martin Luther King Jr.", not
                    // "Elvis Presley King of Rock".
                    if words.isGenerationalSuffix(last + 1, before: tokens.upperBound) { last += 1 }
                    break
                }
                if nameWord(last + 1, spanFlags: after) {
                    last += 1
                } else if let initial = words.initialLength(at: last + 1, after: last, before: tokens.upperBound), last + initial + 1 < tokens.upperBound,
                    nameWord(last + initial + 1)
                {
                    // A middle initial: "Ann B. Fisher" is one name.
                    last += initial + 1
                } else if words.isSurnameMonth(last + 1, before: tokens.upperBound), !words.lexicon.commonWords.contains(words.bytes(words.bare(last))),
                    standing(of: index, last, in: tokens, words: words) != .place
                {
                    // "Theresa May": a month that is also a surname ends the name it follows (not "Last May",
                    // nor "rainfall in Eastport May", a place's).
                    last += 1
                } else if last == index, last + 2 < tokens.upperBound, words.isNameAbbreviation(last), nameWord(last + 2) {
                    // "St. Louis", "Mt. Vernon", "Ft. Worth": an abbreviation and its full stop open the name.
                    last += 2
                } else if last + 2 < tokens.upperBound, after.contains(.connector) || words.isForAfterBody(last + 1), nameWord(last + 2),
                    !(words.equal(words.span(last + 1), WordView.of)
                        && (titled() || words.personAfterOffice(index, last, from: tokens.lowerBound) != nil
                            || words.isPersonsFullName(index, last)))
                {
                    last += 2
                } else if let end = words.coordinatedFieldsEnd(index, last, in: tokens) {
                    // "Health and Human Services Secretary", "Energy and Natural Resources Committee": one office's
                    // or body's fields, coordinated.
                    last = end
                } else if last + 2 < tokens.upperBound, after.contains(.connector), words.isCapitalised(last + 2),
                    words.flags(words.span(last + 2)).contains(.title),
                    (index...last).contains(where: { words.flags(words.bare($0)).contains(.bodyWord) })
                {
                    // A title inside a body's name is no person's: "Court of Justice", "Office of Inspector General",
                    // "Office of Justice Programs". Titles after the first that a name follows are that person's
                    // ("Department of Justice Inspector General Ann Okafor"): the body's name ends before them.
                    let firstTitle = last + 2
                    last = firstTitle
                    while last + 1 < tokens.upperBound, words.isCapitalised(last + 1), words.flags(words.span(last + 1)).contains(.title) {
                        last += 1
                    }
                    if last > firstTitle, last + 1 < tokens.upperBound, nameWord(last + 1) {
                        last = firstTitle
                        after = flagsAfter(last)
                        break
                    }
                } else {
                    break
                }
                after = flagsAfter(last)
            }
            // "Martin Luther King, Jr.", "Donald Trump, Jr.": a generational suffix after a comma ends the name.
            if words.hasLowerCase(last), words.isGenerationalSuffixAfterComma(last + 1, before: tokens.upperBound) {
                last += 2
                after = flagsAfter(last)
            }
            // "Foreign" in "Foreign Minister Sergei Lavrov" belongs to the title, as "Vice" does in
            // "Libertarian Party Vice President".
            let followedByTitle = last + 1 < tokens.upperBound && after.contains(.title)
            if followedByTitle {
                var kept = last
                while kept >= index, words.flags(words.span(kept)).contains(.titleModifier) { kept -= 1 }
                // "National Security Adviser", "Homeland Security Secretary": common words alone, with no body's
                // word among them, name the office's field, not a body of their own ("Libertarian Party", "Texas").
                if kept < index || (index...kept).allSatisfy({ words.isOfficeFieldWord($0) || words.isCoordinator($0) }) {
                    index = last + 1
                    continue
                }
                // Not when the office is inside a body's name ("Office of Inspector General"), nor "State"
                // after a name ("Penn State President …"; alone, as in "State Treasurer", it goes above).
                if words.isCapitalised(kept), !words.equal(words.span(kept + 1), WordView.state) { last = kept }
            }
            // "Speaker of the House Nancy Pelosi", "Secretary of Homeland Security Ann Okafor": the words
            // after a title's "of" name its office, and the person is the last two.
            if last - index >= 2, let person = words.personAfterOffice(index, last, from: tokens.lowerBound) { index = person }
            // "Republican Kevin McCarthy", "Acting Dana Whitfield": a title's modifier before a person's full
            // name, with no title after it, describes the person and is no part of the name.
            while last - index >= 2, words.flags(words.bare(index)).contains(.titleModifier), words.isPersonsFullName(index + 1, last) {
                index += 1
            }
            // "Chief Executive Carrie Lam": a title's modifier after a title is part of the office, when a
            // name of two words follows it ("Chief Executive Officer" stays as it is).
            if last - index >= 2, index > tokens.lowerBound, words.tokens[index - 1].kind == .word,
                words.flags(words.span(index - 1)).contains(.title), words.flags(words.bare(index)).contains(.titleModifier)
            {
                index += 1
            }
            let single = last == index
            // "Native American youth", "Operation Iraqi Freedom", "Team USA": a common word before a country's
            // alias makes one adjective or name with it, and names no one of its own. (An uncommon one may be a
            // name: "warned Okafor Israeli strikes must stop".)
            if single, last + 1 < tokens.upperBound, claimed[last + 1], words.lexicon.isCountryWord(words.bytes(words.span(last + 1))),
                words.lexicon.commonWords.contains(words.bytes(words.bare(index)))
            {
                index = last + 1
                continue
            }
            // A lone capitalised word opening a sentence may be an ordinary word;
            // it counts only if the document uses it as a name elsewhere.
            // It is a name at once when a verb such as "said" or ", who" follows it, or when it is possessive ("Okafor’s plan").
            // So may a word opening a quotation inside a sentence: told reporters "Women in Eastport …".
            // So is a word that reads as no common word of English ("Okafor wore", not "Officials wore").
            let tentative = single && (index == opening || words.opensQuotation(index)) && !words.isAcronym(index) && !words.isPossessive(index)
                && !words.isFollowedLikeAName(last, before: tokens.upperBound) && !words.isUncommonName(index)
                || single && isCapitalisedCommonWord(index, in: tokens, words: words)
            append(index, last, kind: tentative ? "tentative" : "name")
            index = last + 1
        }
    }

    /// Whether the lone capitalised word at `index`, inside a sentence, is a common adjective of English
    /// (``isAdjectiveForm(_:)``) written with a capital before a lower-case word, no function word, that does
    /// not follow a name ("a Federal judge", "the Congressional findings": press releases capitalise their
    /// institutions' words), and that the lexicon knows as nothing but a title's modifier ("the Democratic
    /// party" and "Catholic bishops" name groups: groupAdjectives). Such a word is a name only where the
    /// document names someone so elsewhere. (Any common word would take surnames with it: "But Sanders
    /// gave", "insisted Holder needs".)
    private func isCapitalisedCommonWord(_ index: Int, in tokens: Range<Int>, words: WordView) -> Bool {
        let next = index + 1
        guard next < tokens.upperBound, words.tokens[next].kind == .word, let first = words.firstByte(next),
            first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z"),
            !words.isAcronym(index), !words.isPossessive(index),
            Self.isAdjectiveForm(words.bytes(words.span(index))),
            words.flags(words.bare(index)).subtracting(.titleModifier).isEmpty,
            words.lexicon.commonWords.contains(words.bytes(words.bare(index))),
            !words.isFollowedLikeAName(index, before: tokens.upperBound)
        else { return false }
        // Before a function word the capitalised word is more often a noun of its own, a name among them:
        // "praised Rose for her work".
        if StopWords.contains(String(decoding: words.bytes(words.span(next)), as: UTF8.self)) { return false }
        return standing(of: index, index, in: tokens, words: words) != .titled
    }

    /// Whether a word of six letters or more ends as English adjectives do and names seldom do: -al, -ic, -ive
    /// or -ous ("Federal", "Congressional", "Economic", "Legislative", "Hazardous").
    static func isAdjectiveForm(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        guard word.count >= 6 else { return false }
        func endsWith(_ suffix: StaticString) -> Bool {
            let count = suffix.utf8CodeUnitCount
            return suffix.withUTF8Buffer { word[(word.count - count)...].elementsEqual($0) }
        }
        return endsWith("al") || endsWith("ic") || endsWith("ive") || endsWith("ous")
    }

    /// What the word before the name `index...last` says of it: a title ("Mr.", "Sen."), or a preposition of
    /// place, perhaps with "the" ("in Port Elm", "at the Elm Street"; placePrepositions), before a name that is
    /// not possessive ("in Okafor's view" is no place) and after no word that aims the preposition at someone
    /// ("lashed out at Ann Okafor", "a jab at Ann Okafor", "faith in Ann Okafor"; aimWords), where the name may
    /// be a person's as much as anywhere.
    private func standing(of index: Int, _ last: Int, in tokens: Range<Int>, words: WordView) -> TargetMention.Standing {
        guard index > tokens.lowerBound else { return .unknown }
        if words.isAfterTitle(index, from: tokens.lowerBound) { return .titled }
        guard words.tokens[index - 1].kind == .word else { return .unknown }
        let flags = words.flags(words.span(index - 1))
        if words.isPossessive(last) { return .unknown }
        if flags.contains(.placePreposition) {
            let aimed = index - 2 >= tokens.lowerBound && words.tokens[index - 2].kind == .word
                && words.flags(words.span(index - 2)).contains(.aimWord)
            return aimed ? .unknown : .place
        }
        if words.isDefiniteArticle(index - 1), index - 2 >= tokens.lowerBound, words.flags(words.span(index - 2)).contains(.placePreposition) {
            return .place
        }
        return .unknown
    }

    /// Whether a name has a space, that is more than one word: searched in
    /// its UTF-8 buffer, which costs a tenth of a search through `utf8`.
    @inline(__always)
    static func hasSpace(_ name: String) -> Bool {
        var name = name
        return name.withUTF8 { $0.contains(0x20) }
    }

    /// "Dmitriev" joins "Kirill Dmitriev" when exactly one longer name ends
    /// with it, and a heading's "Kirill" when exactly one starts with it and none ends with it;
    /// sentence-opening words stay only if they join a name or are
    /// used as a name elsewhere. In place: each mention is changed where it
    /// lies, and the dropped ones are swapped to the end and cut off, so no
    /// mention is copied.
    private func mergeSurnames(_ names: inout [TargetMention]) {
        guard !names.isEmpty else { return }
        Self.joinInitialVariants(&names)
        // Only a lone word can join a full name, and only a tentative one needs the
        // names used elsewhere: most documents have neither, and skip the tables.
        let hasLoneWords = names.contains { !Self.hasSpace($0.name) }
        let hasTentative = names.contains { $0.kind == "tentative" }
        guard hasLoneWords || hasTentative else {
            for index in names.indices { names[index].kind = "name" }
            return
        }
        // The one full name each last word ends, or "" when several do; the same for first words, asked
        // only for the lone words of headings.
        var fullNameByLastWord: [Substring: String] = [:]
        let hasHeadingWords = names.contains { $0.kind == Self.headingWordKind }
        var fullNameByFirstWord: [Substring: String] = [:]
        var known = Set<String>()
        // Room for every name at once: the tables are only asked, never listed, so their size changes no answer.
        if hasLoneWords { fullNameByLastWord.reserveCapacity(names.count) }
        if hasTentative { known.reserveCapacity(names.count) }
        for index in names.indices where names[index].kind == "name" {
            let name = names[index].name
            guard let space = Self.lastSpace(in: name) else {
                // A tentative name is one word (no space): only a name of one word can be it.
                if hasTentative { known.insert(name) }
                continue
            }
            guard hasLoneWords else { continue }
            // The word after the last space (a space is one byte, so the next byte starts a character), or the
            // one before a generational suffix: "Norwood" joins "William U. Norwood III".
            var last = name[name.utf8.index(name.utf8.startIndex, offsetBy: space + 1)...]
            if Self.isGenerationalSuffix(last), let before = name[..<name.utf8.index(name.utf8.startIndex, offsetBy: space)].utf8.lastIndex(of: 0x20) {
                last = name[name.utf8.index(after: before)..<name.utf8.index(name.utf8.startIndex, offsetBy: space)]
            }
            if let existing = fullNameByLastWord[last] {
                if existing != name { fullNameByLastWord[last] = "" }
            } else {
                fullNameByLastWord[last] = name
            }
            guard hasHeadingWords, let firstSpace = name.utf8.firstIndex(of: 0x20) else { continue }
            let first = name[..<firstSpace]
            if let existing = fullNameByFirstWord[first] {
                if existing != name { fullNameByFirstWord[first] = "" }
            } else {
                fullNameByFirstWord[first] = name
            }
        }
        // Kept mentions move down over the dropped ones, in order.
        var kept = 0
        for index in names.indices {
            let name = names[index].name
            var fullName: String?
            if !Self.hasSpace(name), let full = fullNameByLastWord[Substring(name)], !full.isEmpty { fullName = full }
            if fullName == nil, names[index].kind == Self.headingWordKind, fullNameByLastWord[Substring(name)] == nil,
                let full = fullNameByFirstWord[Substring(name)], !full.isEmpty
            {
                fullName = full
            }
            if fullName == nil, names[index].kind == "tentative", !known.contains(name) { continue }
            if kept != index { names.swapAt(kept, index) }
            names[kept].kind = "name"
            if let fullName { names[kept].name = fullName }
            kept += 1
        }
        names.removeLast(names.count - kept)
    }

    /// "Ann Fisher" is renamed "Ann B. Fisher" when the document also names her so, and no other
    /// name with initials comes to "Ann Fisher" without them.
    static func joinInitialVariants(_ names: inout [TargetMention]) {
        // The same name without its initials, for each name that has one; most have none.
        var fullByPlain: [String: String] = [:]
        for mention in names where mention.kind == "name" {
            guard let plain = withoutInitials(mention.name) else { continue }
            if let existing = fullByPlain[plain] {
                if existing != mention.name { fullByPlain[plain] = "" }
            } else {
                fullByPlain[plain] = mention.name
            }
        }
        guard !fullByPlain.isEmpty else { return }
        for index in names.indices where names[index].kind == "name" {
            if let full = fullByPlain[names[index].name], !full.isEmpty { names[index].name = full }
        }
    }

    /// A name without its initials ("Ann B. Fisher": "Ann Fisher"), or nil when it has none, or would
    /// keep fewer than two words. An initial is a word of a capital A to Z and a full stop.
    private static func withoutInitials(_ name: String) -> String? {
        let utf8 = name.utf8
        // Most names have no ". " at all: one pass over the bytes, no string made.
        guard utf8.count >= 6, utf8.contains(UInt8(ascii: ".")) else { return nil }
        var kept: [UInt8] = []
        kept.reserveCapacity(utf8.count)
        var words = 0
        var dropped = false
        var wordStart = utf8.startIndex
        var position = utf8.startIndex
        while true {
            if position == utf8.endIndex || utf8[position] == 0x20 {
                let word = utf8[wordStart..<position]
                let isInitial = word.count == 2 && word.first.map { $0 >= 0x41 && $0 <= 0x5A } == true && word.last == UInt8(ascii: ".")
                if isInitial {
                    dropped = true
                } else if !word.isEmpty {
                    if !kept.isEmpty { kept.append(0x20) }
                    kept.append(contentsOf: word)
                    words += 1
                }
                if position == utf8.endIndex { break }
                wordStart = utf8.index(after: position)
            }
            position = utf8.index(after: position)
        }
        guard dropped, words >= 2 else { return nil }
        // "Howard H. Baker Jr" is "Howard Baker" too, as its surname alone is "Baker".
        if let space = kept.lastIndex(of: 0x20), words >= 3,
            WordView.generationalSuffixes.contains(where: { kept[(space + 1)...].elementsEqual($0) })
        {
            kept.removeSubrange(space...)
        }
        return String(decoding: kept, as: UTF8.self)
    }

    /// Whether a name's word is a generational suffix ("Jr", "III").
    private static func isGenerationalSuffix(_ word: Substring) -> Bool {
        WordView.generationalSuffixes.contains { word.utf8.elementsEqual($0) }
    }

    /// The UTF-8 offset of the last space in a name, if it has one.
    @inline(__always)
    private static func lastSpace(in name: String) -> Int? {
        var name = name
        return name.withUTF8 { $0.lastIndex(of: 0x20) }
    }
}

/// The document's tokens as UTF-8 byte ranges, with the tests the target
/// finder and the target scorer make of them.
struct WordView {
    let bytes: UnsafeBufferPointer<UInt8>
    let tokens: [Token]
    let lexicon: TargetLexicon

    /// The token's UTF-8 range in the document.
    @inline(__always)
    func span(_ index: Int) -> Range<Int> { tokens[index].span.utf8 }

    @inline(__always)
    func bytes(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: bytes[range]) }

    /// The scalar range from the start of one token to the end of another.
    func scalars(_ first: Int, _ last: Int) -> Range<Int> {
        tokens[first].span.scalars.lowerBound..<tokens[last].span.scalars.upperBound
    }

    func firstByte(_ index: Int) -> UInt8? {
        let range = span(index)
        return range.isEmpty ? nil : bytes[range.lowerBound]
    }

    func equal(_ range: Range<Int>, _ expected: [UInt8]) -> Bool {
        range.count == expected.count && bytes(range).elementsEqual(expected)
    }

    func flags(_ range: Range<Int>) -> TargetLexicon.WordFlags { lexicon.wordFlags.value(for: bytes(range)) ?? [] }

    /// Whether the word before `position` is a given name that no alias claimed: capitalised, not all in
    /// capitals, no title or other word the lexicon marks ("President", "Republican", "New"), not possessive,
    /// and no common English word ("Yesterday Trump", "Voters Cheer Trump", "Ranking Member Trump") unless
    /// a lower-case word stands before it outside a heading, where only a name is capitalised ("to investigate
    /// Hunter Biden", "his son Hunter Biden"). `inHeading` says whether the sentence is a heading in title
    /// case (asked only then, and worked out once per sentence by the caller).
    func isGivenName(before position: Int, in sentence: Range<Int>, claimed: [Bool], inHeading: () -> Bool) -> Bool {
        let before = position - 1
        guard before >= sentence.lowerBound, !claimed[before], tokens[before].kind == .word, isCapitalised(before),
            hasLowerCase(before), !isPossessive(before), scalarCount(span(before)) > 1, flags(span(before)).isEmpty
        else { return false }
        if !lexicon.commonWords.contains(bytes(bare(before))) { return true }
        // Not a plural: "former Presidents Bush and Clinton".
        return !isCommonPlural(before) && before - 1 >= sentence.lowerBound && tokens[before - 1].kind == .word && isLowerCaseInitial(before - 1)
            && !inHeading()
    }

    /// Whether a word starts with a lower-case ASCII letter.
    private func isLowerCaseInitial(_ index: Int) -> Bool {
        guard let byte = firstByte(index) else { return false }
        return byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")
    }

    /// Whether the capitalised words right after `last` (up to four, no title among them) include a body
    /// word ("Direct Investment Fund", "Department"): the words before them open that body's name.
    func opensBodyName(after last: Int, before end: Int) -> Bool {
        var index = last + 1
        while index < end, index <= last + 4, tokens[index].kind == .word, isCapitalised(index) {
            let wordFlags = flags(bare(index))
            if wordFlags.contains(.title) { return false }
            if wordFlags.contains(.bodyWord) { return true }
            if isPossessive(index) { return false }
            index += 1
        }
        return false
    }

    /// Whether the name ending at `last` stands before a plural noun as its modifier ("Ohio Trump supporters",
    /// "Nigeria Putin talks"): a lower-case word in -s after it that no list knows as a verb ("says", "plans").
    func isAttributive(_ last: Int, before end: Int) -> Bool {
        let next = last + 1
        guard next < end, tokens[next].kind == .word, let first = firstByte(next), first >= 0x61, first <= 0x7A else { return false }
        let word = bytes(span(next))
        guard word.count > 3, word[word.count - 1] == UInt8(ascii: "s") else { return false }
        return flags(span(next)).isDisjoint(with: [.nameFollower, .nameVerb])
    }

    /// Whether the token is a generational suffix ("Jr", "Sr", "III"), with or without its full stop.
    func isGenerationalSuffix(_ index: Int, before end: Int) -> Bool {
        guard index < end else { return false }
        return Self.generationalSuffixes.contains { equal(bare(index), $0) || equal(span(index), $0) }
    }

    /// For a run `first...last` of common words with a capital ("Health", "Energy"), followed by more of them
    /// coordinated by "and" or "&", with commas perhaps ("Commerce, Science, and Transportation"), and then
    /// at once by a title or the head word of an office or a body ("Secretary", "Committee"; fieldHeads in
    /// targets.json): where the coordinated words end, the head word included. After a body's word and "of"
    /// ("Department of Health and Human Services"), or a title and "of", the coordinated words may end the
    /// name by themselves: one or two words after the last "and". The words name one office's or body's
    /// fields, not names of their own. Nil otherwise: when a word among them is no common word ("Whitfield
    /// and Amari Committee") or a function word ("Progressive and The New York Times"), after a title
    /// ("Senator Talent and Energy Department officials"), and where a second body begins ("Department of
    /// Justice and Drug Enforcement Administration", "Coast Guard and Air Force": Force is no head word).
    func coordinatedFieldsEnd(_ first: Int, _ last: Int, in sentence: Range<Int>) -> Int? {
        let end = sentence.upperBound
        // A run of more than eight tokens is no office's name, and its words are not tested again and again.
        // Nor after a body's word: "the Parks Committee and Roads Committee" are two.
        guard last + 2 < end, isCoordinator(last + 1), last - first < 8,
            !isPossessive(last), !flags(bare(last)).contains(.bodyWord), !isAfterTitle(first, from: sentence.lowerBound),
            (first...last).allSatisfy({ isOfficeFieldWord($0) || flags(bare($0)).contains(.bodyWord) || flags(span($0)).contains(.connector) })
        else { return nil }
        // "Department of Health and Human Services": after a body's word and "of", the fields end the name.
        // So after a title and "of": "Secretary of Health and Human Services Ann Okafor".
        let headed = (first..<last).contains { flags(bare($0)).contains(.bodyWord) && flags(span($0 + 1)).contains(.connector) }
            || first >= 2 && equal(span(first - 1), WordView.of) && flags(bare(first - 2)).contains(.title)
        var position = last + 1
        var coordinated = false
        var lastField = last
        var fieldsAfterCoordinator = 0
        func fieldsEnd() -> Int? { coordinated && headed && lastField > last && fieldsAfterCoordinator <= 2 ? lastField : nil }
        // Eight tokens at most: "Commerce, Science, and Transportation Committee" takes six.
        while position < end, position <= last + 8 {
            if isCoordinator(position) {
                if !equal(span(position), Self.comma) { coordinated = true }
                fieldsAfterCoordinator = 0
                position += 1
                continue
            }
            guard tokens[position].kind == .word, isCapitalised(position) else { return fieldsEnd() }
            let wordFlags = flags(bare(position))
            // The title or the head word right after the last field ("… and General Government" coordinates
            // another field, not the office's); after a body's word and "of" a head word opens another body.
            let ends = coordinated && lastField > last && position == lastField + 1 && !headed
            if wordFlags.contains(.title) { return ends ? lastField : nil }
            if wordFlags.contains(.fieldHead) { return ends ? position : nil }
            if wordFlags.contains(.bodyWord) { return nil }
            guard isOfficeFieldWord(position), !StopWords.contains(String(decoding: bytes(span(position)), as: UTF8.self)) else {
                return fieldsEnd()
            }
            lastField = position
            fieldsAfterCoordinator += 1
            position += 1
        }
        return position == end ? fieldsEnd() : nil
    }

    /// Whether a title stands just before the word, at or after `start`: a word ("Senator Talent") or an
    /// abbreviation and its full stop, two tokens written together ("Sen. Talent", "Ms. Okafor").
    func isAfterTitle(_ index: Int, from start: Int) -> Bool {
        guard index > start else { return false }
        let mark = span(index - 1)
        if index - 2 >= start, equal(mark, Self.fullStop), tokens[index - 2].kind == .word, span(index - 2).upperBound == mark.lowerBound,
            flags(span(index - 2).lowerBound..<mark.upperBound).contains(.title)
        {
            return true
        }
        return tokens[index - 1].kind == .word && flags(mark).contains(.title)
    }

    /// Whether the token is a comma, "and" or "&", as between an office's fields.
    func isCoordinator(_ index: Int) -> Bool {
        equal(span(index), Self.comma) || equal(span(index), Self.and) || equal(span(index), Self.ampersand)
    }

    private static let and = Array("and".utf8)
    private static let ampersand = Array("&".utf8)

    /// Whether the token is a comma with a generational suffix after it (", Jr.").
    func isGenerationalSuffixAfterComma(_ index: Int, before end: Int) -> Bool {
        index + 1 < end && equal(span(index), Self.comma) && isGenerationalSuffix(index + 1, before: end)
    }

    /// Whether the token is a company's legal suffix ("Inc", "Ltd", "LLC"), with or without its full stop.
    func isCompanySuffix(_ index: Int) -> Bool {
        Self.companySuffixes.contains { equal(bare(index), $0) || equal(span(index), $0) }
    }

    /// How many tokens an initial at `index` takes: a capital A to Z with its full stop, in one token ("B.")
    /// or two ("B", "."); `nil` when there is none. "I" after a common word is a numeral ("World War I.
    /// Okafor said" is two sentences), after a name an initial ("Joseph I. Lieberman").
    func initialLength(at index: Int, after previous: Int, before end: Int) -> Int? {
        let word = bytes(span(index))
        guard !word.isEmpty, word[0] >= 0x41, word[0] <= 0x5A else { return nil }
        if word[0] == UInt8(ascii: "I"), lexicon.commonWords.contains(bytes(bare(previous))) { return nil }
        if word.count == 2 { return word[1] == UInt8(ascii: ".") ? 1 : nil }
        return word.count == 1 && index + 1 < end && equal(span(index + 1), Self.fullStop) ? 2 : nil
    }

    static let fullStop = Array(".".utf8)

    /// Whether the token is a month's name that is also a surname (targets.json nameMonths: "May") standing
    /// as one: not followed by a number ("May 4") or by "of" and a number ("May of 2019").
    func isSurnameMonth(_ index: Int, before end: Int) -> Bool {
        guard index < end, tokens[index].kind == .word, flags(bare(index)).contains(.nameMonth) else { return false }
        var next = index + 1
        if next < end, equal(span(next), Self.of) { next += 1 }
        return !(next < end && tokens[next].kind == .number)
    }

    /// Whether the token is a capital and a small letter with a full stop written right after it ("St.",
    /// "Mt.", "Ft."): an abbreviation that opens a place's or a saint's name. Titles ("Mr.", "Dr.") are
    /// found before, as titles; "Jr." and "Sr." end a name ("King Jr. Day" is no "Jr. Day").
    func isNameAbbreviation(_ index: Int) -> Bool {
        let word = bytes(span(index))
        guard word.count == 2, word[0] >= 0x41, word[0] <= 0x5A, word[1] >= 0x61, word[1] <= 0x7A,
            index + 1 < tokens.count, equal(span(index + 1), Self.fullStop),
            !Self.generationalSuffixes.contains(where: { $0.elementsEqual(word) })
        else { return false }
        return span(index).upperBound == span(index + 1).lowerBound
    }

    /// Whether the token is an Arabic surname with its article in lower case: "al-", "el-" and their
    /// assimilated forms before a capital ("al-Assad", "el-Sisi", "ash-Sharif").
    func isParticleName(_ index: Int) -> Bool {
        let word = bytes(span(index))
        guard word.count >= 4, word[0] == UInt8(ascii: "a") || word[0] == UInt8(ascii: "e") else { return false }
        for particle in Self.nameParticles where word.count > particle.count + 1 && word.starts(with: particle) {
            let next = word[particle.count]
            return next >= 0x41 && next <= 0x5A
        }
        return false
    }

    private static let nameParticles: [[UInt8]] = ["al-", "el-", "ad-", "an-", "ar-", "as-", "ash-", "at-", "az-"].map { Array($0.utf8) }

    /// Whether the word has a lower-case letter, or a letter beyond ASCII: "Okafor's", not "OKAFOR'S".
    func hasLowerCase(_ index: Int) -> Bool {
        bytes(bare(index)).contains { $0 >= 0x80 || $0 >= 0x61 && $0 <= 0x7A }
    }

    /// Whether a capitalised word reads as a name of its own wherever it stands: it could be a surname
    /// (``couldBeSurname(_:)``), has three letters or more and no digit, each part of it after a hyphen is
    /// capitalised too ("Al-Amin", not "Pre-clinical"), it is written in the Latin alphabet alone, and it
    /// has a capital after a small letter ("DeWine") or is no common word of English once its capitals
    /// are lowered (``CommonWords``).
    func isUncommonName(_ index: Int) -> Bool {
        let word = bytes(bare(index))
        guard word.count >= 3, couldBeSurname(index) else { return false }
        var latin = false
        var greekOrCyrillic = false
        var innerCapital = false
        for (position, byte) in word.enumerated() {
            if byte >= 0x30 && byte <= 0x39 { return false }
            if position > 0, byte >= 0x41, byte <= 0x5A, word[position - 1] >= 0x61, word[position - 1] <= 0x7A { innerCapital = true }
            if byte < 0x80 { latin = latin || (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
            // The lead bytes of Greek and Cyrillic letters (U+0340 to U+04FF: with the combining marks before them).
            if byte >= 0xCD && byte <= 0xD3 { greekOrCyrillic = true }
            if byte == UInt8(ascii: "-") {
                guard position + 1 < word.count else { return false }
                let next = word[position + 1]
                // A part after a hyphen must start with a capital (A to Z, or any byte outside ASCII).
                if next < 0x80 && !(next >= 0x41 && next <= 0x5A) { return false }
            }
        }
        // "Сurrent" with a Cyrillic "С": a word written in two alphabets is a look-alike, no name; and a word
        // with no Latin letter ("Если") is none the English list can judge.
        if !latin || greekOrCyrillic { return false }
        // A capital after a small letter ("DeWine", "McCain") is a name's own spelling.
        return innerCapital || !lexicon.commonWords.contains(word)
    }

    /// The first scalar of a token.
    private func firstScalar(_ index: Int) -> Unicode.Scalar? {
        let range = span(index)
        guard !range.isEmpty else { return nil }
        var iterator = bytes(range).makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return scalar }
        return nil
    }

    func isCapitalised(_ index: Int) -> Bool {
        guard let byte = firstByte(index) else { return false }
        if byte < 0x80 { return byte >= 0x41 && byte <= 0x5A }
        return firstScalarIsUppercase(index)
    }

    func startsWithLetter(_ index: Int) -> Bool {
        guard let byte = firstByte(index) else { return false }
        if byte < 0x80 { return (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
        return firstScalarIsAlphabetic(index)
    }

    // The Unicode properties of a word outside ASCII, out of line: inlined, they
    // make every caller (the scorer's look-backs among them) fetch the
    // properties' type metadata on entry, ASCII or not.

    @inline(never)
    private func firstScalarIsUppercase(_ index: Int) -> Bool { firstScalar(index)?.properties.isUppercase ?? false }

    @inline(never)
    private func firstScalarIsAlphabetic(_ index: Int) -> Bool { firstScalar(index)?.properties.isAlphabetic ?? false }

    /// Whether a sentence of `words` words, `capitalised` of them capitalised, is a heading in title case
    /// ("Smoke and Mirrors?"): it does not end like prose and six in ten of its words or more are capitalised.
    static func isTitleCase(words: Int, capitalised: Int, endsLikeProse: Bool) -> Bool {
        !endsLikeProse && words >= 2 && capitalised * 10 >= words * 6
    }

    /// Whether the sentence of `tokens` is a heading in title case (see ``isTitleCase(words:capitalised:endsLikeProse:)``).
    func isTitleCase(_ tokens: Range<Int>) -> Bool {
        guard !tokens.isEmpty else { return false }
        let counted = capitalisedWords(tokens)
        return Self.isTitleCase(words: counted.words, capitalised: counted.capitalised, endsLikeProse: endsLikeProse(tokens.upperBound - 1))
    }

    /// How many of the tokens are words (they start with a letter), and how many of those are capitalised.
    func capitalisedWords(_ tokens: Range<Int>) -> (words: Int, capitalised: Int) {
        var words = 0
        var capitalised = 0
        for index in tokens where startsWithLetter(index) {
            words += 1
            if isCapitalised(index) { capitalised += 1 }
        }
        return (words, capitalised)
    }

    /// Whether the token is a mark that ends prose: . ! ” " …
    func endsLikeProse(_ index: Int) -> Bool {
        let word = bytes(span(index))
        if word.count == 1 { return word[0] == 0x2E || word[0] == 0x21 || word[0] == 0x22 }
        // ” is E2 80 9D, … is E2 80 A6.
        return word.count == 3 && word[0] == 0xE2 && word[1] == 0x80 && (word[2] == 0x9D || word[2] == 0xA6)
    }

    func scalarCount(_ range: Range<Int>) -> Int {
        var count = 0
        for byte in bytes(range) where byte & 0xC0 != 0x80 { count += 1 }
        return count
    }

    /// Whether every scalar of the token is a capital or a full stop ("USGS", "U.S.").
    func isAcronym(_ index: Int) -> Bool {
        // An ASCII word (nearly all) is read from its bytes: the capitals of ASCII are A to Z.
        for byte in bytes(span(index)) {
            if byte >= 0x80 { return isAcronymBeyondASCII(index) }
            if !(byte >= 0x41 && byte <= 0x5A || byte == UInt8(ascii: ".")) { return false }
        }
        return true
    }

    @inline(never)
    private func isAcronymBeyondASCII(_ index: Int) -> Bool {
        for scalar in String(decoding: bytes(span(index)), as: UTF8.self).unicodeScalars
        where !(scalar.properties.isUppercase || scalar == ".") {
            return false
        }
        return true
    }

    /// Whether what follows the token shows that it is a name: a word such
    /// as "said" or "has" ("Smith said"), or ", who"; or, when the token
    /// itself could be a surname (``couldBeSurname(_:)``), a verb in the past
    /// tense or a modal ("Smith resigned", "Smith took", "Smith should"; the
    /// nameVerbs of targets.json), either perhaps after one adverb ("Smith later admitted", "Smith often
    /// seems"; nameAdverbs or a word in -ly), or an apposition of age or kind
    /// ("Smith, 54,", "Smith, a former mayor"; not ", the", which follows
    /// sentence adverbs as often: "First, the").
    func isFollowedLikeAName(_ index: Int, before end: Int) -> Bool {
        guard index + 1 < end else { return false }
        // "Reports said", "Women, who …": a common plural opening the sentence is its subject, not a name,
        // unless its verb is singular ("Sessions has", "Sanders was").
        if isCommonPlural(index) { return Self.singularVerbs.contains { equal(span(index + 1), $0) } }
        let following = flags(span(index + 1))
        if following.contains(.nameFollower) { return true }
        if index + 2 < end, equal(span(index + 1), Self.comma), equal(span(index + 2), Self.who) { return true }
        guard couldBeSurname(index) else { return false }
        var verb = index + 1
        if following.contains(.nameAdverb) || isLowerCaseWord(verb, endingIn: Self.ly), verb + 1 < end { verb += 1 }
        let verbFlags = verb == index + 1 ? following : flags(span(verb))
        if !verbFlags.isDisjoint(with: [.nameVerb, .nameFollower]) || isRegularPast(verb) { return true }
        guard index + 2 < end, equal(span(index + 1), Self.comma) else { return false }
        if tokens[index + 2].kind == .number { return index + 3 < end && equal(span(index + 3), Self.comma) }
        return equal(span(index + 2), Self.a) || equal(span(index + 2), Self.an)
    }

    /// Whether the token is a word that starts with a lower-case ASCII letter and ends with `suffix`.
    private func isLowerCaseWord(_ index: Int, endingIn suffix: [UInt8]) -> Bool {
        guard tokens[index].kind == .word else { return false }
        let word = bytes(span(index))
        guard word.count > suffix.count, word[0] >= UInt8(ascii: "a"), word[0] <= UInt8(ascii: "z") else { return false }
        return word[(word.count - suffix.count)...].elementsEqual(suffix)
    }

    private static let ly = Array("ly".utf8)

    /// Whether a word opening a sentence could be a surname rather than a
    /// common word put first: not a plural in -s ("Workers") or a common one in
    /// -men ("Fishermen"), a verb in -s ("Requires"), an adverb in -ly
    /// ("Finally"), a form in -ing ("Having"), a noun in -tion or -sion
    /// ("Legislation"), or a contraction ("I'm").
    func couldBeSurname(_ index: Int) -> Bool {
        let word = bytes(span(index))
        let count = word.count
        guard count >= 2 else { return false }
        func endsWith(_ suffix: StaticString) -> Bool {
            let length = suffix.utf8CodeUnitCount
            guard count > length else { return false }
            return suffix.withUTF8Buffer { suffix in word[(count - length)...].elementsEqual(suffix) }
        }
        if endsWith("s") || endsWith("ly") || endsWith("ing") || endsWith("tion") || endsWith("sion") { return false }
        // A plural in -men that is a common word: "Fishermen", "Congressmen" (not "Carmen").
        if endsWith("men"), lexicon.commonWords.contains(word) { return false }
        // An apostrophe (' or ’) before a lower-case letter: "I'm", "We’re" (but "O'Brien").
        for position in 0..<(count - 1) {
            let apostrophe: Int? = word[position] == 0x27 ? position + 1
                : position + 3 < count && word[position] == 0xE2 && word[position + 1] == 0x80 && word[position + 2] == 0x99 ? position + 3 : nil
            if let after = apostrophe, after < count, word[after] >= UInt8(ascii: "a"), word[after] <= UInt8(ascii: "z") { return false }
        }
        return true
    }

    /// Whether a word is a common plural of English: a common word in -s whose singular, without its -s or
    /// -es or with -ies made -y, is one too ("Reports", "Witnesses", "Agencies"; not "Jones", whose "jone"
    /// is no word), or a common one in -men ("Women", "Fishermen"; not "Carmen"). A surname written like
    /// a plural ("Sanders said") is then a name only where the document uses it as one.
    func isCommonPlural(_ index: Int) -> Bool {
        let word = bytes(bare(index))
        let count = word.count
        guard count >= 4 else { return false }
        let common = lexicon.commonWords
        func ends(_ suffix: StaticString) -> Bool {
            suffix.withUTF8Buffer { suffix in
                count > suffix.count && word[(count - suffix.count)...].elementsEqual(suffix) { $0 | 0x20 == $1 }
            }
        }
        if ends("men") { return common.contains(word) }
        // Not "ss" ("Congress", "Ross"), "us" or "is" ("Status", "Davis"): no plural ends so.
        guard ends("s"), !ends("ss"), !ends("us"), !ends("is"), common.contains(word) else { return false }
        if common.contains(UnsafeBufferPointer(rebasing: word[..<(count - 1)])) { return true }
        if ends("es"), common.contains(UnsafeBufferPointer(rebasing: word[..<(count - 2)])) { return true }
        guard ends("ies") else { return false }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count - 2) { singular in
            for position in 0..<(count - 3) { singular[position] = word[position] }
            singular[count - 3] = UInt8(ascii: "y")
            return common.contains(UnsafeBufferPointer(singular))
        }
    }

    /// A lower-case word of four letters or more in -ed, not -eed ("resigned", "used"; not "need", "speed").
    func isRegularPast(_ index: Int) -> Bool {
        guard tokens[index].kind == .word else { return false }
        let word = bytes(span(index))
        let count = word.count
        guard count >= 4, word[0] >= UInt8(ascii: "a"), word[0] <= UInt8(ascii: "z") else { return false }
        return word[count - 2] == UInt8(ascii: "e") && word[count - 1] == UInt8(ascii: "d") && word[count - 3] != UInt8(ascii: "e")
    }

    private static let comma = Array(",".utf8)
    private static let who = Array("who".utf8)
    /// Verbs that agree with one subject only.
    private static let singularVerbs = ["has", "is", "was", "does", "says"].map { Array($0.utf8) }
    private static let a = Array("a".utf8)
    private static let an = Array("an".utf8)

    /// Whether the token is a hyphenated word with a country's alias as one
    /// of its parts ("Russian-American", "Sino-Russian", "Pro-Ukrainian").
    func isCountryCompound(_ index: Int) -> Bool {
        let range = span(index)
        var partStart = range.lowerBound
        var hyphens = 0
        var position = range.lowerBound
        while position <= range.upperBound {
            if position == range.upperBound || bytes[position] == 0x2D {
                if position == range.upperBound, hyphens == 0 { return false }
                if position > partStart, lexicon.isCountryWord(self.bytes(partStart..<position)) { return true }
                hyphens += 1
                partStart = position + 1
            }
            position += 1
        }
        return false
    }

    /// Whether the word ends in a clitic after an apostrophe: 'm, 've, 'll,
    /// 're, 'd or 't ("I'm", "They’ve", "Don't"), which no name does.
    func endsWithClitic(_ range: Range<Int>) -> Bool {
        let word = bytes(range)
        var apostropheEnd: Int?
        var index = word.count - 1
        // Clitics are at most two letters: the apostrophe is among the last four bytes (’ is three).
        while index >= max(0, word.count - 5) {
            if word[index] == 0x27 {
                apostropheEnd = index + 1
                break
            }
            if word[index] == 0x99, index >= 2, word[index - 1] == 0x80, word[index - 2] == 0xE2 {
                apostropheEnd = index + 1
                break
            }
            index -= 1
        }
        guard let start = apostropheEnd, start < word.count else { return false }
        var clitic: [UInt8] = []
        for byte in word[start...] { clitic.append(byte | 0x20) }
        return Self.clitics.contains(clitic)
    }

    private static let clitics: [[UInt8]] = ["m", "ve", "ll", "re", "d", "t"].map { Array($0.utf8) }

    /// Whether the token is a party letter and a state after an opening
    /// bracket or a comma: "(R-Maine)", "(D-S.C.)", "Jane Doe, I-Vt., said".
    func isPartyAndState(_ index: Int, after sentenceStart: Int) -> Bool {
        let word = bytes(span(index))
        guard word.count >= 3, word[0] == UInt8(ascii: "R") || word[0] == UInt8(ascii: "D") || word[0] == UInt8(ascii: "I"),
            word[1] == UInt8(ascii: "-"), word[2] >= 0x41, word[2] <= 0x5A, index > sentenceStart
        else { return false }
        let before = bytes(span(index - 1))
        return before.count == 1 && (before[0] == UInt8(ascii: "(") || before[0] == UInt8(ascii: ","))
    }

    private static let `for` = Array("for".utf8)
    static let of = Array("of".utf8)
    private static let from = Array("from".utf8)
    static let state = Array("State".utf8)
    /// The heads of bodies whose names go on with "for": "Center for Investigative Journalism",
    /// "Coalition for Fair Trade", "Office for Civil Rights".
    private static let headsBeforeFor: [[UInt8]] = [
        "Center", "Centre", "Centers", "Centres", "Institute", "Institutes", "Office", "Coalition", "Alliance", "Campaign",
        "Foundation", "Committee", "Council", "Commission", "League", "Society", "Association", "Network", "Partnership",
        "Initiative",
    ].map { Array($0.utf8) }
    /// Words that end the names of bodies, beyond the lexicon's body words: a name run ending in
    /// one after a title's "of" is an office ("Chair of the Senate Republican Conference").
    private static let bodyEndings: [[UInt8]] = [
        "Conference", "Subcommittee", "Caucus", "Coalition", "Alliance", "Assembly", "Panel", "Initiative", "Consortium",
        "Academy", "Laboratory", "Laboratories",
    ].map { Array($0.utf8) }

    private static let yearOld = Array("-year-old".utf8)
    private static let yearsOld = Array("-years-old".utf8)

    /// Whether a word gives an age: "Fifteen-year-old", "Seven-years-old".
    func isAge(_ range: Range<Int>) -> Bool {
        let word = bytes(range)
        // Most words end otherwise: one byte tells.
        guard word.count > Self.yearOld.count, word.last == UInt8(ascii: "d") else { return false }
        return word.suffix(Self.yearOld.count).elementsEqual(Self.yearOld) || word.suffix(Self.yearsOld.count).elementsEqual(Self.yearsOld)
    }

    /// Whether the token opens a quotation: right after “ or ‘, or after a straight " or ' that
    /// follows a space, a line break, an opening bracket or the start of the text.
    func opensQuotation(_ index: Int) -> Bool {
        guard index > 0, tokens[index - 1].kind == .punctuation else { return false }
        let mark = bytes(span(index - 1))
        if mark.elementsEqual([0xE2, 0x80, 0x9C]) || mark.elementsEqual([0xE2, 0x80, 0x98]) { return true }
        guard mark.count == 1, mark[0] == UInt8(ascii: "\"") || mark[0] == UInt8(ascii: "'") else { return false }
        let before = span(index - 1).lowerBound
        guard before > 0 else { return true }
        let previous = bytes[before - 1]
        return previous == 0x20 || previous == 0x0A || previous == 0x09 || previous == UInt8(ascii: "(")
    }

    /// The fields of offices named with "of" before the holder's name: "Secretary of State",
    /// "Speaker of the House", "Chief of Staff", "Minister of Foreign Affairs", "Chief of Police".
    private static let officeFields: [[UInt8]] = [
        "State", "Defense", "Defence", "Commerce", "Treasury", "Agriculture", "Energy", "Labor", "Labour", "Transportation",
        "Transport", "Education", "Interior", "Justice", "Health", "Homeland", "Veterans", "Housing", "House", "Navy", "Army",
        "Air", "Foreign", "Home", "Finance", "Trade", "Environment", "War", "Staff", "Police", "Public", "Internal",
    ].map { Array($0.utf8) }

    /// Words that open a sentence or a quotation as interjections, never as names.
    private static let interjections: [[UInt8]] = [
        "Thank", "Thanks", "Oh", "Yes", "Well", "Because", "Just", "Please", "Hello", "Hi", "Okay", "Wow",
    ].map { Array($0.utf8) }

    /// Whether the token is an interjection such as "Thank" or "Oh" (as written, possessive or not).
    func isInterjection(_ index: Int) -> Bool {
        // None is longer than seven bytes (with a possessive ending, nine).
        guard span(index).count <= 9 else { return false }
        let word = bare(index)
        return Self.interjections.contains { equal(word, $0) }
    }

    /// ``officeFields`` by their first byte, so that a word is compared with the few that share it.
    private static let officeFieldsByInitial: [UInt8: [[UInt8]]] = Dictionary(grouping: officeFields) { $0[0] }

    /// Whether the token (without a possessive ending) is one of the ``officeFields``.
    private func isOfficeField(_ index: Int) -> Bool {
        let word = bare(index)
        guard let initial = word.first.map({ bytes[$0] }), let fields = Self.officeFieldsByInitial[initial] else { return false }
        return fields.contains { equal(word, $0) }
    }

    /// Generational suffixes that end a person's name ("Baker III").
    static let generationalSuffixes: [[UInt8]] = ["Jr", "Sr", "II", "III", "IV"].map { Array($0.utf8) }
    static let companySuffixes: [[UInt8]] = ["Inc", "Ltd", "LLC", "LLP", "PLC", "Corp", "Co"].map { Array($0.utf8) }

    /// Heads of the names of schools, museums and the like, which name them after a place ("University
    /// of Washington") without standing for it.
    private static let institutionHeads: [[UInt8]] = [
        "University", "College", "Institute", "School", "Museum", "Hospital", "Library", "Academy", "Conservatory",
        "Observatory", "Zoo",
    ].map { Array($0.utf8) }

    /// Whether the token is the head of a school's, a museum's or a hospital's name ("University").
    func isInstitutionHead(_ index: Int) -> Bool {
        let word = span(index)
        return Self.institutionHeads.contains { equal(word, $0) }
    }

    /// Whether the token is "for" inside a body's name, after a head such as "Center" or
    /// "Coalition" ("Center for Investigative Journalism"); not after any other word ("blamed
    /// Acme for Eastport's losses" names two, "the Airport Authority for Phase II" one), nor before
    /// a possessive ("blamed the Commission for Eastport's losses").
    @inline(__always)
    func isForAfterBody(_ index: Int) -> Bool {
        guard firstByte(index) == UInt8(ascii: "f"), index > 0, index + 1 < tokens.count, equal(span(index), Self.for),
            !isPossessive(index + 1)
        else { return false }
        let head = bare(index - 1)
        return Self.headsBeforeFor.contains { equal(head, $0) }
    }

    /// For a name run `first...last` right after a title and "of", "of the" or "for" ("Secretary of State
    /// Ann Okafor", "Speaker of the House Nancy Pelosi", "Minister for Health Ann Okafor"), or a title and
    /// "from" and a place ("Senator from New Mexico Ann Okafor"), where the run's last two words (three with
    /// a suffix: "James Baker III") read as a person's name and at least one capitalised word of the
    /// office comes before them: the token where the person's name starts. Nil when the run does not
    /// open with an office's field (a place: "the Governor of New South Wales"), is the office alone
    /// ("the President of the United States"), or ends in a body's name or in a name with a particle
    /// ("… of Health").
    func personAfterOffice(_ first: Int, _ last: Int, from sentenceStart: Int) -> Int? {
        guard last - first >= 2, first - 2 >= sentenceStart else { return nil }
        // The person's name: a given name and a surname, and a generational suffix if any ("James Baker III").
        let lastWord = bare(last)
        let start = Self.generationalSuffixes.contains(where: { equal(lastWord, $0) }) ? last - 2 : last - 1
        let officeEnd = start - 1
        guard officeEnd >= first else { return nil }
        var before = first - 1
        if isDefiniteArticle(before) { before -= 1 }
        guard before - 1 >= sentenceStart, flags(bare(before - 1)).contains(.title) else { return nil }
        if equal(span(before), Self.from) {
            // "Senator from New Mexico Ann Okafor": a place, then the person; not a body ("Professor from Ohio
            // State University").
            for position in officeEnd...last where !isCapitalised(position) { return nil }
            return isPersonName(start, last) ? start : nil
        }
        guard equal(span(before), Self.of) || equal(span(before), Self.for) else { return nil }
        // Only an office's own field opens the run, or a body's word ends the office: "the Governor of
        // New South Wales", "the President of the United Arab Emirates" name a place, not a place and
        // a person; "Chairman of the Senate Armed Services Committee Dana Whitfield" names both.
        guard isOfficeField(first) || isOfficeField(officeEnd) || flags(bare(officeEnd)).contains(.bodyWord) else { return nil }
        for position in officeEnd...last {
            guard isCapitalised(position) else { return nil }
        }
        return isPersonName(start, last) ? start : nil
    }

    /// Whether a capitalised word before a title belongs to the office: a common word of English, in
    /// small letters too, that no list marks as a body's ("Security", "Health"; not "Party", "Texas", "NASA").
    func isOfficeFieldWord(_ index: Int) -> Bool {
        tokens[index].kind == .word && hasLowerCase(index) && !isPossessive(index)
            && !flags(bare(index)).contains(.bodyWord) && lexicon.commonWords.contains(bytes(bare(index)))
    }

    /// Whether `first...last` reads as a person's full name before "of" and a place ("Dana Whitfield of
    /// Colorado"): two words or more, none of them a body's ("National Academy of Sciences" has "Academy"
    /// but no uncommon word), and a last word that is no common word of English, as surnames mostly are
    /// not ("Bank of America", "Grand Duchy of Luxembourg" and "Statue of Liberty" stay whole).
    func isPersonsFullName(_ first: Int, _ last: Int) -> Bool {
        guard last > first, !isPossessive(last), isUncommonName(last) else { return false }
        for position in first...last where tokens[position].kind != .word || !isCapitalised(position) { return false }
        return isPersonName(first, last)
    }

    /// Whether no word of `start...last` is a body's ("University", "Fund") or ends one's name.
    private func isPersonName(_ start: Int, _ last: Int) -> Bool {
        for position in start...last {
            let word = bare(position)
            guard flags(word).isDisjoint(with: .bodyWord), !Self.bodyEndings.contains(where: { equal(word, $0) }) else { return false }
        }
        return true
    }

    /// Whether the token is "the" or "The".
    func isDefiniteArticle(_ index: Int) -> Bool {
        let range = span(index)
        guard range.count == 3 else { return false }
        let first = bytes[range.lowerBound]
        return (first == UInt8(ascii: "t") || first == UInt8(ascii: "T")) && bytes[range.lowerBound + 1] == UInt8(ascii: "h")
            && bytes[range.lowerBound + 2] == UInt8(ascii: "e")
    }

    /// The token without a possessive ending.
    func bare(_ index: Int) -> Range<Int> { span(index).lowerBound..<Self.bareEnd(of: bytes, span(index)) }

    func isPossessive(_ index: Int) -> Bool { bare(index) != span(index) }

    /// Where a word ends once ’s, 's, s’ or s' is taken off its end ('s and
    /// ’s whole, only the apostrophe of s' and s’).
    @inline(__always)
    static func bareEnd(of bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        let count = range.count
        let end = range.upperBound
        guard count >= 2 else { return end }
        let last = bytes[end - 1]
        if last == UInt8(ascii: "s") {
            let before = bytes[end - 2]
            if before == UInt8(ascii: "'") { return end - 2 }
            if before == 0x99, count >= 4, bytes[end - 3] == 0x80, bytes[end - 4] == 0xE2 { return end - 4 }
            return end
        }
        if last == UInt8(ascii: "'"), bytes[end - 2] == UInt8(ascii: "s") { return end - 1 }
        if last == 0x99, count >= 4, bytes[end - 2] == 0x80, bytes[end - 3] == 0xE2, bytes[end - 4] == UInt8(ascii: "s") {
            return end - 3
        }
        return end
    }
}
