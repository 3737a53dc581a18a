import LoupeCore

/// Turns attributions and reference markers into citations with canonical
/// sources: clause speakers (", noting that") taken from their clause,
/// pronouns ("he said") resolved to the nearest earlier named speaker within
/// a few sentences, and every name joined to its fullest form.
struct SpeakerResolver {
    let text: CitationText
    let parser: SpeakerParser
    let pronounWindow: Int
    private(set) var registry = SourceRegistry()
    /// ``roleMention(head:modifiers:before:)`` by role head and modifiers, worked out once per
    /// document: the first "the mayor" decides for the later ones, so that a long text of them
    /// scans once (a holder named only after the first is not found for the later ones).
    private var roleMentions: [String: SpeakerPhrase?] = [:]

    init(text: CitationText, parser: SpeakerParser, pronounWindow: Int) {
        self.text = text
        self.parser = parser
        self.pronounWindow = pronounWindow
    }

    /// A pronoun as the unresolved source's name, lower case, without the verb joined to it ("I've": "i").
    static func pronounStem(_ pronoun: String) -> String {
        String(pronoun.lowercased().prefix { $0 != "'" && $0 != "\u{2019}" })
    }

    /// The speaker labels of a transcript by paragraph (see ``transcriptLabels()``), worked out on first use.
    private var transcriptLabelsByParagraph: [Int: SpeakerPhrase]?

    /// Who speaks in the paragraph of `token`, when the document is a transcript: the paragraph's own
    /// speaker label, or the last one before it (an answer runs on over paragraphs with no label).
    private mutating func transcriptSpeaker(of token: Int) -> SpeakerPhrase? {
        if transcriptLabelsByParagraph == nil { transcriptLabelsByParagraph = transcriptLabels() }
        guard let labels = transcriptLabelsByParagraph, !labels.isEmpty, let sentence = text.sentence(of: token) else { return nil }
        return labels[sentence.paragraph]
    }

    /// Speaker labels opening paragraphs, as interviews and transcripts write them: "((Ana Ruiz)) We
    /// grew …" or "ANA RUIZ: We grew …" (a name in double parentheses, or in capitals before a colon).
    /// A label holds for its paragraph; an answerer's also for the unlabelled paragraphs after it (an
    /// answer runs on), an interviewer's not (a label whose paragraphs mostly end with a question mark:
    /// what follows a question is someone else's answer).
    private func transcriptLabels() -> [Int: SpeakerPhrase] {
        var own: [(paragraph: Int, label: SpeakerPhrase?)] = []
        var asks: [String: (paragraphs: Int, questions: Int)] = [:]
        var labelled = 0
        for (index, sentence) in text.sentences.enumerated() {
            if Interruption.isRequested { return [:] }
            let opens = own.last?.paragraph != sentence.paragraph
            if opens {
                let label = speakerLabel(opening: sentence.tokens)
                if label != nil { labelled += 1 }
                own.append((sentence.paragraph, label))
            }
            // The paragraph's last sentence: does it ask?
            let closes = index + 1 == text.sentences.count || text.sentences[index + 1].paragraph != sentence.paragraph
            if closes, let label = own.last?.label {
                let key = text.string(label.tokens)
                let last = sentence.tokens.upperBound - 1
                let question = text.isMark(last, ["?"]) || last > sentence.tokens.lowerBound && text.isClosingQuote(last) && text.isMark(last - 1, ["?"])
                asks[key, default: (0, 0)].paragraphs += 1
                if question { asks[key, default: (0, 0)].questions += 1 }
            }
        }
        // One label is a heading or a caption, not a transcript.
        guard labelled >= 2 else { return [:] }
        var labels: [Int: SpeakerPhrase] = [:]
        var current: SpeakerPhrase?
        for (paragraph, label) in own {
            if let label {
                labels[paragraph] = label
                let counts = asks[text.string(label.tokens)] ?? (0, 0)
                current = counts.questions * 2 >= counts.paragraphs ? nil : label
            } else if let current {
                labels[paragraph] = current
            }
        }
        return labels
    }

    /// The speaker label that opens a paragraph's first sentence: "((Ana Ruiz))" or "ANA RUIZ:".
    private func speakerLabel(opening tokens: Range<Int>) -> SpeakerPhrase? {
        let first = tokens.lowerBound
        guard tokens.count >= 3 else { return nil }
        if text.isMark(first, ["("]), text.isMark(first + 1, ["("]) {
            var close = first + 2
            while close < min(tokens.upperBound - 1, first + 8), text.isWord(close) || text.isMark(close, [".", "-"]) { close += 1 }
            guard close > first + 2, close + 1 < tokens.upperBound, text.isMark(close, [")"]), text.isMark(close + 1, [")"]),
                ((first + 2)..<close).allSatisfy({ !text.isWord($0) || text.isCapitalised($0) })
            else { return nil }
            return labelPhrase((first + 2)..<close)
        }
        var colon = first
        while colon < min(tokens.upperBound, first + 4), text.isWord(colon) && parser.isAcronym(colon) || text.isMark(colon, [".", "-"]) { colon += 1 }
        guard colon > first, colon < tokens.upperBound, text.isMark(colon, [":"]), (first..<colon).contains(where: { text.isWord($0) && text.word($0).count >= 2 }),
            !(first..<colon).contains(where: { text.isWord($0) && text.isIn(.lineLabels, $0) }),
            // "GAS PRICES: WHEN …" is a heading in capitals, not a speaker's label before speech.
            colon + 1 < tokens.upperBound, !(text.isWord(colon + 1) && parser.isAcronym(colon + 1))
        else { return nil }
        return labelPhrase(first..<colon)
    }

    private func labelPhrase(_ range: Range<Int>) -> SpeakerPhrase? {
        guard var phrase = parser.describe(range), phrase.name != nil || phrase.role != nil, !phrase.isPronoun else { return nil }
        if phrase.kind == .anonymous || phrase.kind == .document { phrase.kind = .person }
        return phrase
    }

    /// The words of a phrase's name as the canonical form: no possessive, no article.
    private func name(of phrase: SpeakerPhrase) -> String {
        var range = phrase.name ?? phrase.tokens
        if phrase.name == nil {
            if let alias = phrase.alias, alias.lowerBound - 1 > range.lowerBound { range = range.lowerBound..<(alias.lowerBound - 1) }
            while range.count > 1, text.isWord(range.lowerBound), text.isIn(.determiners, range.lowerBound) {
                range = (range.lowerBound + 1)..<range.upperBound
            }
        }
        while range.count > 1, text.isPunctuation(range.upperBound - 1), !text.isMark(range.upperBound - 1, [")"]) {
            range = range.lowerBound..<(range.upperBound - 1)
        }
        while range.count > 1, text.isPunctuation(range.lowerBound) { range = (range.lowerBound + 1)..<range.upperBound }
        var name = text.string(range)
        for suffix in ["'s", "\u{2019}s"] where name.hasSuffix(suffix) { name.removeLast(2) }
        // A common noun opening a sentence keeps no capital: "Analysts said" → "analysts".
        if phrase.kind == .anonymous, let sentence = text.sentence(of: range.lowerBound), sentence.tokens.lowerBound == range.lowerBound,
            !(range.dropFirst().contains { text.isCapitalised($0) })
        {
            name = name.prefix(1).lowercased() + name.dropFirst()
        }
        return name
    }

    /// A role as written, without a trailing comma or a possessive ending ("the Envoy's view": "Envoy").
    private func roleText(_ range: Range<Int>) -> String {
        var role = text.string(range)
        if role.hasSuffix(",") { role.removeLast() }
        for suffix in ["'s", "\u{2019}s"] where role.hasSuffix(suffix) { role.removeLast(2) }
        return role
    }

    private mutating func register(_ phrase: SpeakerPhrase) -> Int {
        let role = phrase.role.map(roleText)
        // "The mayor said …" after "Mayor Rita Olsen": a definite role with no name is the one person
        // the document has given that role, when there is exactly one. Not a role of something
        // ("the president of the club"); capitalised words before the role must be in that
        // person's role too ("the Florida governor").
        if phrase.name == nil, phrase.kind == .person, let role, text.isWord(phrase.tokens.lowerBound),
            text.lower(phrase.tokens.lowerBound) == "the", let head = SourceRegistry.roleHead(role),
            !SourceRegistry.words(of: role).contains(where: SourceRegistry.roleQualifiers.contains)
        {
            let headWords = head.split(separator: " ").map(String.init)
            // Capitalised words and words of tenure ("the Westport mayor", "the former mayor").
            let modifiers = phrase.role.map { range in
                range.filter { text.isCapitalised($0) || text.isWord($0) && SourceRegistry.tenureWords.contains(text.lower($0)) }
                    .map { SourceRegistry.words(of: roleText($0..<($0 + 1))).joined() }
            }?.filter { !headWords.contains($0) } ?? []
            let form = text.string(phrase.tokens)
            if let found = registry.onlyPerson(withRoleHead: head, modifiers: modifiers, form: form) { return found }
            let key = head + "|" + modifiers.joined(separator: " ")
            let mention: SpeakerPhrase?
            if let known = roleMentions[key] {
                mention = known
            } else {
                mention = roleMention(head: head, modifiers: modifiers, before: phrase.tokens.lowerBound)
                roleMentions[key] = .some(mention)
            }
            if let mention {
                let entity = register(mention)
                _ = registry.onlyPerson(withRoleHead: head, modifiers: modifiers, form: form)
                return entity
            }
        }
        let alias = phrase.alias.map { text.string($0) }
        return registry.register(name: name(of: phrase), kind: phrase.kind, role: role, alias: alias, form: text.string(phrase.tokens))
    }

    mutating func resolve(_ found: [Attribution], references: References, finder: AttributionFinder) -> [Citation] {
        // Clause speakers first: the subject of the clause a participle hangs on.
        var attributions: [Attribution] = []
        for var attribution in found {
            if attribution.speakerFromClause {
                let cue = attribution.cue.lowerBound
                let floor = text.sentence(of: cue)?.tokens.lowerBound ?? cue
                var earlier: Attribution?
                for candidate in attributions.reversed() {
                    if candidate.cue.lowerBound < floor { break }
                    if candidate.speaker != nil, candidate.cue.upperBound <= cue { earlier = candidate; break }
                }
                if let earlier {
                    attribution.speaker = earlier.speaker
                } else if let subject = clauseSubject(before: cue, floor: floor) {
                    attribution.speaker = subject
                } else {
                    continue
                }
            }
            attributions.append(attribution)
        }
        // Fullest names first, so shorter forms join them.
        let named = attributions.indices.filter { attributions[$0].speaker.map { !$0.isPronoun } ?? false }
        // Each name's length counted once, not at every comparison of the sort.
        let nameLengths = attributions.map { nameLength($0.speaker) }
        let ordered = named.sorted { left, right in
            let l = nameLengths[left]
            let r = nameLengths[right]
            return l != r ? l > r : left < right
        }
        var entityOf: [Int: Int] = [:]
        for index in ordered {
            guard let speaker = attributions[index].speaker else { continue }
            entityOf[index] = register(speaker)
            registerMembers(of: speaker)
        }
        // Outlets of the source list and hosts of links.
        var entryEntity: [Int: Int] = [:]
        for number in references.entries.keys.sorted() {
            guard let entry = references.entries[number] else { continue }
            let name = entry.outlet ?? entry.title ?? "[\(number)]"
            entryEntity[number] = registry.register(name: name, kind: entry.outlet == nil ? .document : .media, role: nil, alias: nil, form: name)
        }

        var citations: [Citation] = []
        for (index, attribution) in attributions.enumerated() {
            if attribution.unnamedSource {
                let entity = registry.register(name: "unnamed asker", kind: .anonymous, role: nil, alias: nil, form: "unnamed asker")
                citations.append(
                    Citation(
                        label: attribution.label, content: text.scalars(attribution.content), cue: text.scalars(attribution.cue),
                        cueText: text.string(attribution.cue), rule: attribution.rule, source: "unnamed asker", speakerSpan: nil,
                        role: nil, entity: entity, resolved: false, verb: attribution.verb))
                continue
            }
            guard var speaker = attribution.speaker else { continue }
            var entity = entityOf[index]
            var resolved = true
            let source = text.string(speaker.tokens)
            if speaker.isPronoun, text.isIn(.writerPronouns, speaker.tokens.lowerBound) {
                if let label = transcriptSpeaker(of: attribution.cue.lowerBound) {
                    // "((Ana Ruiz)) We grew the cells in jars": in a transcript, "I" and "we" are the
                    // labelled speaker's (and her team's).
                    entity = register(label)
                    speaker.kind = label.kind
                } else {
                    // The writer, or a group the writer belongs to: not an earlier speaker.
                    entity = registry.register(name: Self.pronounStem(source), kind: .anonymous, role: nil, alias: nil, form: source)
                    resolved = false
                }
            } else if speaker.isPronoun {
                // "“…,” he said": the pronoun points back from where its words begin, not from after them (a
                // long quotation would push its antecedent out of the window, and the names it mentions are
                // what was said, not who said it).
                let anchor = min(attribution.cue.lowerBound, speaker.tokens.lowerBound, attribution.content.lowerBound)
                if let earlier = antecedent(for: speaker, at: anchor, in: citations) {
                    entity = earlier
                } else if let mention = nameMention(before: anchor, finder: finder) {
                    entity = register(mention)
                } else {
                    entity = registry.register(name: Self.pronounStem(source), kind: .anonymous, role: nil, alias: nil, form: source)
                    resolved = false
                }
                speaker.kind = registry.entities[entity ?? 0].kind
            }
            guard let entity else { continue }
            let cueText = text.string(attribution.cue)
            citations.append(
                Citation(
                    label: attribution.label, content: text.scalars(attribution.content), cue: text.scalars(attribution.cue),
                    cueText: cueText, rule: attribution.rule, source: source, speakerSpan: text.scalars(speaker.tokens),
                    role: speaker.role.map(roleText), entity: entity, resolved: resolved, verb: attribution.verb,
                    quoted: attribution.label == .mixedQuote || !attribution.parts.isEmpty ? attribution.quoted.map { text.scalars($0.inner.isEmpty ? $0.open..<($0.close + 1) : $0.inner) } : []))
        }
        citations += markerCitations(references: references, entryEntity: entryEntity, finder: finder)
        citations += linkCitations(references: references)
        return citations.sorted { ($0.cue.lowerBound, $0.content.lowerBound, $0.entity) < ($1.cue.lowerBound, $1.content.lowerBound, $1.entity) }
    }

    /// "Sen. Ana Ruiz and Rep. Tom Berg": each person of a pair or list is registered too (with no
    /// citation of their own), so that a later "Berg said" joins Tom Berg, not the pair, nor no one.
    private mutating func registerMembers(of phrase: SpeakerPhrase) {
        guard phrase.kind == .person, !phrase.isPronoun, phrase.tokens.contains(where: { text.isWord($0) && text.lower($0) == "and" }) else { return }
        var start = phrase.tokens.lowerBound
        for index in phrase.tokens where text.isMark(index, [","]) || text.isWord(index) && text.lower(index) == "and" || index == phrase.tokens.upperBound - 1 {
            let end = index == phrase.tokens.upperBound - 1 && !text.isMark(index, [","]) ? index + 1 : index
            defer { start = index + 1 }
            // "Senators Ruiz and Berg": the plural title is the list's, not part of the first name.
            while start < end, text.isPluralRole(start) || text.isMark(start, ["."]) { start += 1 }
            guard end > start, let member = parser.describe(start..<end), member.kind == .person, let name = member.name,
                name.filter({ text.isWord($0) }).count >= 2
            else { continue }
            _ = register(member)
        }
    }

    private func nameLength(_ phrase: SpeakerPhrase?) -> Int {
        guard let phrase else { return 0 }
        var words = 0
        for token in phrase.name ?? phrase.tokens where text.isWord(token) { words += 1 }
        return words
    }

    /// The subject of the clause before a participle: the nearest name or
    /// phrase at a clause start that a verb follows ("…, Putin pointed to …, emphasizing").
    private func clauseSubject(before cue: Int, floor: Int) -> SpeakerPhrase? {
        var index = cue - 1
        while index > floor {
            // The phrase must be the whole subject: in "Storm clouds gathered" the verb comes a word later, and "Storm" is no speaker.
            if text.isWord(index), !text.isCapitalised(index), text.isCapitalised(index - 1) || text.isSourceTerm(index - 1),
                isVerbLike(index) || index + 1 >= cue || !text.isWord(index + 1) || text.isCapitalised(index + 1) || !isFiniteVerbLike(index + 1),
                let phrase = parser.left(before: index, floor: floor), phrase.tokens.upperBound == index, !isExpletiveIt(phrase.tokens.lowerBound, cue: cue),
                phrase.tokens.lowerBound == floor || text.isMark(phrase.tokens.lowerBound - 1, [","])
            {
                return phrase
            }
            index -= 1
        }
        // "She declined to comment, saying …", "The clerks walked out, telling …": a pronoun, or a plain
        // noun phrase before the clause's first verb, opening the sentence.
        guard floor < cue else { return nil }
        // "It rained all week, threatening …": "it" is a speaker only before a verb of saying ("It said …, adding").
        if text.isWord(floor), text.isIn(.pronouns, floor), !text.isIn(.writerPronouns, floor) {
            if isExpletiveIt(floor, cue: cue) { return nil }
            return SpeakerPhrase(tokens: floor..<(floor + 1), kind: .person, isPronoun: true)
        }
        for verb in (floor + 1)..<min(cue, floor + 8) where text.isWord(verb) && !text.isCapitalised(verb) {
            guard isVerbLike(verb) else { continue }
            if let phrase = parser.plainSubject(of: verb, floor: floor), phrase.tokens.lowerBound == floor { return phrase }
            break
        }
        return nil
    }

    /// "It rained all week, threatening …": "it" with no verb of saying right after is no speaker ("It said …, adding" is).
    private func isExpletiveIt(_ index: Int, cue: Int) -> Bool {
        text.isWord(index) && text.lower(index) == "it" && !((index + 1)..<min(cue, index + 3)).contains(where: { text.verb(at: $0) != nil })
    }

    /// A lower-case word shaped like a clause's verb: a past form, an auxiliary or a reporting verb.
    private func isVerbLike(_ index: Int) -> Bool {
        text.lower(index).hasSuffix("ed") || text.isIn(.auxiliaries, index) || text.isIn(.irregularPasts, index) || text.verb(at: index) != nil
    }

    /// A word shaped like a finite verb, with no possessive among the auxiliaries ("gathered", "was", "said"; not "her").
    private func isFiniteVerbLike(_ index: Int) -> Bool {
        text.lower(index).hasSuffix("ed") || text.isIn(.irregularPasts, index) || SpeakerParser.finiteVerbs.contains(text.lower(index))
            || text.verb(at: index) != nil
    }

    /// The nearest earlier citation's source that a pronoun can stand for.
    private func antecedent(for pronoun: SpeakerPhrase, at cue: Int, in citations: [Citation]) -> Int? {
        guard let sentence = text.sentenceOf.indices.contains(cue) ? Int(text.sentenceOf[cue]) : nil, sentence >= 0 else { return nil }
        let earliest = max(0, sentence - pronounWindow)
        let windowStart = text.sentences[earliest].span.scalars.lowerBound
        let plural = text.isIn(.pluralPronouns, pronoun.tokens.lowerBound)
        let position = text.tokens[cue].span.scalars.lowerBound
        for citation in citations.reversed() where citation.cue.lowerBound < position {
            guard citation.cue.lowerBound >= windowStart else { break }
            guard citation.resolved, citation.referenceNumber == nil else { continue }
            let kind = registry.entities[citation.entity].kind
            let body = text.lower(pronoun.tokens.lowerBound) == "it"
            if plural || body ? kind != .person : kind == .person { return citation.entity }
        }
        return nil
    }

    /// How many tokens back ``roleMention(head:modifiers:before:)`` looks: some forty sentences.
    static let roleMentionWindow = 1_200

    /// The person an earlier sentence names with a role of this head word ("Mayor Rita Olsen",
    /// "Russian President Vladimir Putin"), for "the mayor" or "the President" later on; `nil`
    /// when none does, or when two different people do.
    private func roleMention(head: String, modifiers: [String], before index: Int) -> SpeakerPhrase? {
        guard let sentence = text.sentence(of: index) else { return nil }
        var found: SpeakerPhrase?
        var foundName: String?
        var position = sentence.tokens.lowerBound - 1
        // A bounded look back: a role-only speaker in every sentence of a very long text costs no square.
        let floor = max(0, position - Self.roleMentionWindow)
        // Two people named with the role as a title ("President Ruiz met President Berg"): no one.
        var titled: Set<String> = []
        var index = floor
        while index <= position {
            if text.hasRole(index), let match = text.match(covering: index), match.tokens.upperBound <= position,
                SourceRegistry.roleHead(text.string(match.tokens)) == head, text.isCapitalised(match.tokens.upperBound)
            {
                var last = match.tokens.upperBound
                while last + 1 <= position, text.isCapitalised(last + 1) { last += 1 }
                titled.insert(text.lower(last))
                if titled.count > 1 { return nil }
                index = last
            }
            index += 1
        }
        while position > floor {
            // The end of a name: a capitalised word that no capital and no initial's full stop follows.
            if text.isCapitalised(position), !(position + 1 < text.count && text.isCapitalised(position + 1)),
                !(position + 1 < text.count && text.isMark(position + 1, ["."]) && text.word(position).count == 1),
                let phrase = parser.left(before: position + 1, floor: text.sentence(of: position)?.tokens.lowerBound ?? 0),
                phrase.kind == .person, let name = phrase.name, name.filter({ text.isWord($0) }).count >= 2,
                !name.contains(where: { text.isWord($0) && text.lower($0).hasSuffix("'s") }),
                let role = phrase.role ?? roleBefore(phrase.tokens.lowerBound),
                SourceRegistry.roleHead(text.string(role)) == head, SourceRegistry.holds(text.string(role), modifiers)
            {
                let written = text.lower(name.upperBound - 1)
                if let foundName, foundName != written { return nil }
                if found == nil {
                    found = phrase
                    found?.role = role
                }
                foundName = written
                position = phrase.tokens.lowerBound
            }
            position -= 1
        }
        return found
    }

    /// "The presidential envoy to the district, Artyom Zhoga, …": the role set before a name and
    /// a comma, from its sentence's start or a clause mark (at most twelve words back).
    private func roleBefore(_ name: Int) -> Range<Int>? {
        guard name - 2 >= 0, text.isMark(name - 1, [","]), let sentence = text.sentence(of: name) else { return nil }
        let floor = max(sentence.tokens.lowerBound, name - 13)
        var start = name - 1
        while start > floor, !text.isPunctuation(start - 1) { start -= 1 }
        while start < name - 1, text.isWord(start), text.isIn(.determiners, start) { start += 1 }
        guard start < name - 1, let last = (start..<(name - 1)).last(where: text.hasRole), let match = text.match(covering: last) else { return nil }
        return start..<match.tokens.upperBound
    }

    /// For "he"/"she" with no earlier speaker: the nearest full name in the window ("Artyom Zhoga").
    /// Prepositions of place: the name after one is where something is ("in Westport County", "near Eastport").
    static let locatives: Set<String> = ["in", "at", "near", "across", "throughout", "outside", "inside", "into", "around", "within"]

    /// Names inside a quotation are what someone said, not who said it: they are skipped.
    /// Pairs of capitalised words the document writes right after "the" ("the Cape Harbor Corp.": "cape
    /// harbor"), lower case: worked out once, in one pass over the tokens ("the Pope" alone is a title).
    private lazy var afterThe: Set<String> = {
        var words: Set<String> = []
        for index in 1..<max(1, text.count - 1) where text.isCapitalised(index) && text.isCapitalised(index + 1) && text.isWord(index - 1)
            && text.lower(index - 1) == "the"
        {
            words.insert(text.lower(index) + " " + text.lower(index + 1))
        }
        return words
    }()

    private mutating func nameMention(before index: Int, finder: AttributionFinder) -> SpeakerPhrase? {
        guard !text.isIn(.impersonalPronouns, index), text.sentence(of: index) != nil else { return nil }
        let sentenceIndex = Int(text.sentenceOf[index])
        let floor = text.sentences[max(0, sentenceIndex - pronounWindow)].tokens.lowerBound
        var position = index - 1
        while position > floor {
            if let quote = finder.quotation(containing: position), quote.open < position {
                position = quote.open - 1
                continue
            }
            if text.isCapitalised(position), !(position + 1 < text.count && text.isCapitalised(position + 1)),
                let phrase = parser.left(before: position + 1, floor: text.sentence(of: position)?.tokens.lowerBound ?? floor),
                phrase.kind == .person, let name = phrase.name, name.filter({ text.isWord($0) }).count >= 2
            {
                // "… a seat in Westport County. He announced …": a name where something is, is a place.
                let before = phrase.tokens.lowerBound - 1
                if before >= 0, text.isWord(before), Self.locatives.contains(text.lower(before)) {
                    position = phrase.tokens.lowerBound - 1
                    continue
                }
                // "Cape Harbor will receive …" where the document also writes "the Cape Harbor Corp.": a name
                // that takes "the" is a body's or a place's, not a person's.
                let words = name.filter { text.isWord($0) }
                if words.count >= 2, afterThe.contains(text.lower(words[0]) + " " + text.lower(words[1])) {
                    position = phrase.tokens.lowerBound - 1
                    continue
                }
                return phrase
            }
            position -= 1
        }
        return nil
    }

    /// `[3]` markers: the claim before the marker, credited to entry 3's outlet.
    private mutating func markerCitations(references: References, entryEntity: [Int: Int], finder: AttributionFinder) -> [Citation] {
        var citations: [Citation] = []
        var previousEnd: Int?
        var previousContent: Range<Int>?
        var previousSentence = -1
        for marker in references.markers {
            let sentenceIndex = Int(text.sentenceOf[marker.tokens.lowerBound])
            guard sentenceIndex >= 0 else { continue }
            let sentence = text.sentences[sentenceIndex]
            if sentenceIndex != previousSentence {
                previousEnd = nil
                previousContent = nil
            }
            let start = previousEnd ?? sentence.tokens.lowerBound
            var content = finder.trimmed(start..<marker.tokens.lowerBound) ?? previousContent
            if content == nil, let rest = finder.trimmed(marker.tokens.upperBound..<finder.clauseEnd(from: marker.tokens.upperBound, ceiling: sentence.tokens.upperBound)) {
                content = rest
            }
            let range = content ?? marker.tokens
            previousEnd = marker.tokens.upperBound
            previousContent = content
            previousSentence = sentenceIndex
            for number in marker.numbers {
                let entry = references.entries[number]
                let entity = entryEntity[number] ?? registry.register(name: "[\(number)]", kind: .document, role: nil, alias: nil, form: "[\(number)]")
                var extra: [String: JSONValue] = ["marker": .string("[\(number)]")]
                if let entry { extra["reference"] = entry.json }
                citations.append(
                    Citation(
                        label: .referenceMarker, content: text.scalars(range), cue: text.scalars(marker.tokens),
                        cueText: text.string(marker.tokens), rule: entry == nil ? "citation.marker.unresolved" : "citation.marker",
                        source: entry?.outlet ?? entry?.title ?? "[\(number)]", speakerSpan: entry?.outletRange, role: nil,
                        entity: entity, resolved: entry != nil, referenceNumber: number, extra: extra))
            }
        }
        return citations
    }

    /// Markdown links of the body, credited to the linked site (not the document's own).
    private mutating func linkCitations(references: References) -> [Citation] {
        let ownHost = text.document.metadata.url.flatMap { References.host(of: $0) }
        var citations: [Citation] = []
        for link in references.links {
            if let host = link.host, host == ownHost { continue }
            let name = link.host ?? link.url
            let entity = registry.register(name: name, kind: .document, role: nil, alias: nil, form: name)
            // The host's place in the link's URL is where the source is named.
            let markup = String(text.document.text(scalars: link.markupRange))
            var hostSpan: Range<Int>?
            if let host = link.host, let found = markup.range(of: host, options: .caseInsensitive) {
                let offset = link.markupRange.lowerBound + markup.unicodeScalars.distance(from: markup.unicodeScalars.startIndex, to: found.lowerBound)
                hostSpan = offset..<(offset + host.unicodeScalars.count)
            }
            citations.append(
                Citation(
                    label: .referenceMarker, content: link.textRange, cue: link.markupRange,
                    cueText: markup, rule: "citation.link", source: name,
                    speakerSpan: hostSpan, role: nil, entity: entity, extra: ["url": .string(link.url)]))
        }
        return citations
    }
}
