import LoupeCore

/// Rules that shaped a target's score, for explanations.
struct TargetRulesApplied: OptionSet, Sendable {
    let rawValue: UInt16

    /// Sentiment words that are parts of capitalised names ("United", "Supreme") were left out.
    static let nameWords = TargetRulesApplied(rawValue: 1 << 0)
    /// The mention stands outside a quotation: the quoted words are someone's speech, not said of it.
    static let quotation = TargetRulesApplied(rawValue: 1 << 1)
    /// The target is the speaker of a reporting verb: what it reports is not sentiment toward it.
    static let speaker = TargetRulesApplied(rawValue: 1 << 2)
    /// The target is the object of a verb that criticises it ("X criticized Y", "Y was sued").
    static let negativeObject = TargetRulesApplied(rawValue: 1 << 3)
    /// The target is the object of a verb that praises it ("X praised Y", "Y was elected").
    static let positiveObject = TargetRulesApplied(rawValue: 1 << 4)
    /// The mention's own words ("Justice" in a name) were left out.
    static let ownWords = TargetRulesApplied(rawValue: 1 << 5)
    /// A news word VADER lacks or reads otherwise ("indicted", "corruption") counted, or a word VADER
    /// misses because a quotation mark outside ASCII clings to it ("“terrific.”").
    static let newsWords = TargetRulesApplied(rawValue: 1 << 6)
    /// The evaluating verb or noun is negated ("did not praise Y", "refused to endorse Y").
    static let negatedEvaluation = TargetRulesApplied(rawValue: 1 << 7)
    /// The mention is a setting ("protests in Y"): the sentence's words are about what happens there.
    static let setting = TargetRulesApplied(rawValue: 1 << 8)
    /// The mention is the one spoken to ("X told Y", "in an interview with Y"): the report is not about it.
    static let addressee = TargetRulesApplied(rawValue: 1 << 9)
    /// The target is the object of a naming verb ("called Y a “disgrace”"): the quotation that names it is said of it.
    static let namedAs = TargetRulesApplied(rawValue: 1 << 10)
    /// The target is the subject of a quotation that follows it (Y “has betrayed us all”): the quotation is said of it.
    static let quotedPredicate = TargetRulesApplied(rawValue: 1 << 11)
    /// The target is the one a speaker speaks of (“A fine mind,” X said of Y): the quotation is said of it.
    static let saidOf = TargetRulesApplied(rawValue: 1 << 12)
    /// The target is the subject of a verb of winning over someone ("Y defeated X"): it is the victor.
    static let victor = TargetRulesApplied(rawValue: 1 << 13)
    /// The target suffers bodily harm ("Y was shot", "X killed Y", "the murder of Y"): what befalls it is not said of it.
    static let victim = TargetRulesApplied(rawValue: 1 << 14)

    static let names: [(TargetRulesApplied, String)] = [
        (.nameWords, "name-words"), (.quotation, "quotation"), (.speaker, "speaker"),
        (.negativeObject, "object-of-criticism"), (.positiveObject, "object-of-praise"), (.ownWords, "own-words"),
        (.newsWords, "news-words"), (.negatedEvaluation, "negated-evaluation"), (.setting, "setting"), (.addressee, "addressee"),
        (.namedAs, "named-as"), (.quotedPredicate, "quoted-predicate"), (.saidOf, "said-of"), (.victor, "victor"),
        (.victim, "victim"),
    ]

    var names: [String] { Self.names.filter { contains($0.0) }.map(\.1) }

    /// The names of the rules applied as JSON strings, in one list made at its size.
    var nameValues: [JSONValue] {
        var values: [JSONValue] = []
        values.reserveCapacity(rawValue.nonzeroBitCount)
        for (rule, name) in Self.names where contains(rule) { values.append(.string(name)) }
        return values
    }
}

/// The score of one mention: the sentence's VADER valences that concern the
/// target, normalised as VADER's compound is.
struct MentionScore: Sendable {
    var compound: Double
    var rules: TargetRulesApplied
    /// The evaluating verb whose object the target is, as a scalar range.
    var verb: Range<Int>?
}

/// Scores each target mention from the words of its own sentence that
/// concern it, rather than from the whole sentence: the sentence's VADER
/// valences (after VADER's rules), less the words that belong to capitalised
/// names, the words of a quotation the mention stands outside, the content a
/// speaker reports, and the mention's own words; plus the valence of a verb
/// that criticises or praises the target as its object. The sentence scores
/// themselves are not changed.
///
/// Linear: one pass over each sentence that holds a mention, and a few
/// tokens around each mention.
struct TargetScorer: Sendable {
    let lexicon: TargetLexicon
    let rules: TargetRules
    /// VADER's normalisation constant.
    let alpha: Double
    /// VADER's factor for a negated word (a verb of ``TargetRules/Role/verbSense`` after a negation VADER does not know).
    let negationScalar: Double

    /// A quotation of fewer words is a scare quote or a title, read as the sentence's own words.
    static let shortestSpeech = 4
    /// How far back from a mention an evaluating verb is looked for.
    static let objectReach = 5
    private static let to = Array("to".utf8)
    private static let comma = Array(",".utf8)
    private static let that = Array("that".utf8)
    private static let of = Array("of".utf8)
    private static let about = Array("about".utf8)
    private static let over = Array("over".utf8)
    private static let not = Array("not".utf8)
    private static let never = Array("never".utf8)
    /// The most tokens after a speech verb that still end the report rather than hold it ("told reporters at the White House on Friday").
    static let reportTail = 8
    /// The most tokens an apposition between a mention and its speech verb may hold ("Smith, a Democrat from Ohio, said").
    static let apposition = 12
    private static let against = Array("against".utf8)
    private static let according = Array("according".utf8)
    private static let capitalAccording = Array("According".utf8)

    func scores(of mentions: [TargetMention], in document: Document, sentences: [VaderScore]) -> [MentionScore] {
        guard !mentions.isEmpty else { return [] }
        let text = document.text
        if let found = text.utf8.withContiguousStorageIfAvailable({ scores(of: mentions, in: document, sentences: sentences, bytes: $0) }) {
            return found
        }
        return Array(text.utf8).withUnsafeBufferPointer { scores(of: mentions, in: document, sentences: sentences, bytes: $0) }
    }

    private func scores(
        of mentions: [TargetMention], in document: Document, sentences: [VaderScore], bytes: UnsafeBufferPointer<UInt8>
    ) -> [MentionScore] {
        let segmentation = document.segmentation
        let words = WordView(bytes: bytes, tokens: segmentation.tokens, lexicon: lexicon)
        // Per sentence: which tokens stand inside a quotation long enough to be speech.
        var quoted: [Bool] = []
        var results = [MentionScore](repeating: MentionScore(compound: 0, rules: []), count: mentions.count)
        // Mentions by sentence and place, as plain numbers (no name strings touched while sorting).
        let order = mentions.enumerated().map { (sentence: $1.sentence, start: $1.range.lowerBound, end: $1.range.upperBound, index: $0) }
            .sorted { ($0.sentence, $0.start) < ($1.sentence, $1.start) }
        // Per sentence: the counted valence of each token, its clause, and the tokens whose valence is not zero.
        var values: [Double] = []
        var clauses: [Int32] = []
        var counted: [Int32] = []
        var position = 0
        while position < order.count {
            let sentenceIndex = order[position].sentence
            var end = position
            while end < order.count, order[end].sentence == sentenceIndex { end += 1 }
            let tokens = segmentation.sentences[sentenceIndex].tokens
            let count = tokens.count
            values.removeAll(keepingCapacity: true)
            values.append(contentsOf: repeatElement(0, count: count))
            quoted.removeAll(keepingCapacity: true)
            quoted.append(contentsOf: repeatElement(false, count: count))
            var nameWordsLeftOut = false
            var newsWords = false
            // A heading in title case has no names to tell apart by their capitals (the name finder finds none
            // there either): its capitalised words count. Asked only when a word looks like part of a name.
            var titleCase: Bool?
            func isNameWord(_ index: Int) -> Bool {
                guard self.isNameWord(index, in: tokens, words: words) else { return false }
                if titleCase == nil { titleCase = words.isTitleCase(tokens) }
                return titleCase == false
            }
            var token = tokens.lowerBound
            for cue in sentences[sentenceIndex].cues {
                while token < tokens.upperBound, segmentation.tokens[token].span.scalars.upperBound <= cue.range.lowerBound { token += 1 }
                guard token < tokens.upperBound else { break }
                if isNameWord(token) {
                    nameWordsLeftOut = true
                    continue
                }
                values[token - tokens.lowerBound] += cue.valence
            }
            // News words VADER lacks or reads otherwise take their own valence.
            token = tokens.lowerBound
            for word in sentences[sentenceIndex].news {
                while token < tokens.upperBound, segmentation.tokens[token].span.scalars.upperBound <= word.range.lowerBound { token += 1 }
                guard token < tokens.upperBound else { break }
                if isNameWord(token) { continue }
                var negated = false
                for back in max(tokens.lowerBound, token - 3)..<token where role(back, words).contains(.negation) { negated = true }
                // "I like", "voters don't trust": the verb, not the preposition or the noun the news valence is for;
                // VADER's own valence (negation included) stands.
                if token > tokens.lowerBound, role(token, words).contains(.verbSense), isVerbSubject(token - 1, after: tokens.lowerBound, words: words) {
                    // VADER misses a negation written with a curly apostrophe ("don’t like"): still praise, it is negated here.
                    if negated, values[token - tokens.lowerBound] > 0 { values[token - tokens.lowerBound] *= negationScalar }
                    continue
                }
                values[token - tokens.lowerBound] = negated ? 0 : word.valence
                newsWords = true
            }
            var quotation = QuotationState()
            for index in tokens where words.tokens[index].kind == .punctuation {
                quotation.read(index, in: tokens, words: words, into: &quoted)
            }
            quotation.finish(tokens, into: &quoted)
            counted.removeAll(keepingCapacity: true)
            var quotedValence = false
            for slot in 0..<count where values[slot] != 0 {
                counted.append(Int32(slot))
                if quoted[slot] { quotedValence = true }
            }
            // Clauses matter only where some word counts.
            clauses.removeAll(keepingCapacity: true)
            if !counted.isEmpty {
                var clause: Int32 = 0
                for index in tokens {
                    // A break belongs to the clause it opens.
                    if words.tokens[index].kind != .number, rules.isClauseBreak(words.bytes(words.span(index))) { clause += 1 }
                    clauses.append(clause)
                }
            }
            let sentence = SentenceValences(
                tokens: tokens, values: values, quoted: quoted, clauses: clauses, counted: counted, quotedValence: quotedValence)
            // Mentions come in text order: each search for a mention's first token starts where the last one ended.
            var cursor = tokens.lowerBound
            for mention in order[position..<end] {
                while cursor < tokens.upperBound, segmentation.tokens[cursor].span.scalars.upperBound <= mention.start { cursor += 1 }
                results[mention.index] = score(
                    ending: mention.end, first: cursor, sentence: sentence, words: words, nameWordsLeftOut: nameWordsLeftOut,
                    newsWords: newsWords)
            }
            position = end
        }
        return results
    }

    /// A capitalised word inside a run of capitalised words, not opening the
    /// sentence and not in capitals throughout: part of a name ("United" in
    /// "United Nations", "Supreme" in "Supreme Court"), not an opinion.
    @inline(__always)
    private func isNameWord(_ index: Int, in tokens: Range<Int>, words: WordView) -> Bool {
        guard index > tokens.lowerBound, words.tokens[index].kind == .word, words.isCapitalised(index), !words.isAcronym(index) else {
            return false
        }
        let before = words.tokens[index - 1].kind == .word && words.isCapitalised(index - 1)
        let after = index + 1 < tokens.upperBound && words.tokens[index + 1].kind == .word && words.isCapitalised(index + 1)
        return before || after
    }

    @inline(__always)
    private func role(_ index: Int, _ words: WordView) -> TargetRules.Role {
        guard words.tokens[index].kind == .word else { return [] }
        return rules.role(of: words.bytes(words.span(index)))
    }

    private func score(
        ending end: Int, first written: Int, sentence: SentenceValences, words: WordView, nameWordsLeftOut: Bool, newsWords: Bool
    ) -> MentionScore {
        let tokens = sentence.tokens
        // The mention's last token.
        var last = written
        while last + 1 < tokens.upperBound, words.tokens[last + 1].span.scalars.lowerBound < end { last += 1 }
        guard written < tokens.upperBound else { return MentionScore(compound: 0, rules: []) }
        // "praised Mr. Smith", "told Sen. Smith", ", said President Smith": the words around the mention are read
        // from the titles written before its name.
        let first = titleStart(of: written, in: tokens, words: words)
        var applied: TargetRulesApplied = nameWordsLeftOut ? .nameWords : []
        if newsWords { applied.insert(.newsWords) }
        let base = tokens.lowerBound
        // "Jones called Smith “a disgrace”": the quotation names the target, so its words count.
        let named = isNamed(first, in: tokens, words: words)
        // "Smith “has betrayed us all”": the quotation that follows the target is said of it.
        let predicated = !named && opensQuotation(after: last, sentence: sentence, words: words)
        // "“A fine mind,” Jones said of Smith": the quotation is said of the one spoken of.
        let spokenOf = !named && !predicated && isSpokenOf(first, in: tokens, words: words)
        let insideQuote = sentence.quoted[first - base] || named || predicated || spokenOf
        let ownClause = sentence.counted.isEmpty ? 0 : sentence.clauses[first - base]
        let halfWeight = rules.distanceHalfWeight
        let otherClause = rules.otherClauseWeight
        // Words further than `reach` tokens from the mention do not count: one endless sentence stays linear.
        let reach = rules.distanceReach
        /// The counted valence of tokens `from..<to` (token indices): each word weighs less the further it
        /// stands from the mention, and less again in another clause; a quotation the mention stands outside counts nothing.
        /// With `praiseOnly`, only the words of positive valence count.
        func sum(_ from: Int, _ to: Int, praiseOnly: Bool = false) -> Double {
            let lower = max(from, first - reach) - base
            let upper = min(to, last + 1 + reach) - base
            guard upper > lower else { return 0 }
            let counted = sentence.counted
            // The first counted slot at or after `lower`.
            var low = 0
            var high = counted.count
            while low < high {
                let middle = (low + high) / 2
                if Int(counted[middle]) < lower { low = middle + 1 } else { high = middle }
            }
            var total = 0.0
            var position = low
            while position < counted.count {
                let slot = Int(counted[position])
                guard slot < upper else { break }
                position += 1
                if !insideQuote, sentence.quoted[slot] { continue }
                if praiseOnly, sentence.values[slot] <= 0 { continue }
                let index = base + slot
                let distance = index < first ? first - 1 - index : index > last ? index - last - 1 : 0
                var weight = 1 / (1 + Double(distance) / halfWeight)
                if sentence.clauses[slot] != ownClause { weight *= otherClause }
                total += sentence.values[slot] * weight
            }
            return total
        }
        var total = sum(tokens.lowerBound, tokens.upperBound)
        // The tokens whose valence still counts in `total`: a speaker's report, the words around the one spoken to,
        // a setting are taken out below, as a run before the mention, after it, or both; what was taken out is not
        // taken out again.
        var kept = tokens
        if !insideQuote, sentence.quotedValence { applied.insert(.quotation) }
        if named, !sentence.quoted[first - base], sentence.quotedValence { applied.insert(.namedAs) }
        if predicated, !sentence.quoted[first - base], sentence.quotedValence { applied.insert(.quotedPredicate) }
        if spokenOf, !sentence.quoted[first - base], sentence.quotedValence { applied.insert(.saidOf) }
        let own = sum(first, last + 1)
        if own != 0 {
            total -= own
            applied.insert(.ownWords)
        }
        // The word before the mention, looked up once.
        let before = first > tokens.lowerBound ? role(first - 1, words) : []
        // After the mention: auxiliaries, then perhaps a reporting or evaluating verb.
        var next = last + 1
        var auxiliaries = 0
        var negatedAfter = false
        var passive = false
        var following: TargetRules.Role = []
        while next < tokens.upperBound {
            following = role(next, words)
            // "Y was not praised": a negation stands among the auxiliaries.
            guard auxiliaries < 3, following.contains(.auxiliary) || following.contains(.negation) else { break }
            if following.contains(.negation) { negatedAfter = true }
            if following.contains(.passive) { passive = true }
            next += 1
            auxiliaries += 1
        }
        if next >= tokens.upperBound { following = [] }
        // "Smith, a former mayor, said ...": the speech verb follows an apposition between commas.
        if auxiliaries == 0, !following.contains(.speech), let close = appositionEnd(after: last, in: tokens, words: words),
            close + 1 < tokens.upperBound, role(close + 1, words).contains(.speech)
        {
            next = close + 1
            following = role(next, words)
        }
        if following.contains(.speech) {
            // "Smith said the plan was a disaster": the report is not about Smith;
            // "..., Smith said." at the end: what came before is; and so it is when only a short phrase
            // follows the verb to the end ("..., Smith told reporters.", "..., Smith said in a statement on Friday."),
            // which is not said of Smith either.
            let closes = next + 1 >= tokens.upperBound || words.endsLikeProse(next + 1) && next + 2 >= tokens.upperBound
            if closes {
                total -= sum(tokens.lowerBound, first)
                kept = first..<tokens.upperBound
            } else if endsReport(after: next, in: tokens, words: words) {
                total -= sum(tokens.lowerBound, first) + sum(next, tokens.upperBound)
                kept = first..<next
            } else {
                total -= sum(next, tokens.upperBound)
                kept = tokens.lowerBound..<next
            }
            applied.insert(.speaker)
        } else if before.contains(.addressVerb)
            || first - 2 >= tokens.lowerBound && before.contains(.addressPreposition) && role(first - 2, words).contains(.addressNoun)
        {
            // "Jones told Smith the plan was a disaster", "in an interview with Smith": Smith hears the report.
            total = 0
            kept = first..<first
            applied.insert(.addressee)
        } else if before.contains(.speech), first - 2 >= tokens.lowerBound, words.tokens[first - 2].kind == .punctuation {
            // "..., said Smith." (but in "the mayor said Smith lied", Smith is who the report is about).
            total -= sum(tokens.lowerBound, first - 1)
            kept = (first - 1)..<tokens.upperBound
            applied.insert(.speaker)
        } else if first - 2 >= tokens.lowerBound, words.equal(words.span(first - 1), Self.to),
            words.equal(words.span(first - 2), Self.according) || words.equal(words.span(first - 2), Self.capitalAccording)
        {
            // "According to Smith, ...": the rest is Smith's report.
            total = 0
            kept = first..<first
            applied.insert(.speaker)
        } else if before.contains(.setting),
            first - 2 < tokens.lowerBound || !role(first - 2, words).contains(.negativeNoun) && !role(first - 2, words).contains(.positiveNoun)
        {
            // "Protests broke out in Smithville": what happens in a place is not said of it ("faith in Smith" is).
            total = 0
            kept = first..<first
            applied.insert(.setting)
        }
        // "Smith was shot", "the gunman shot Smith", "the murder of Smith", "Smith has died": the harm befalls Smith and
        // is not said of Smith; of the words still counted, only praise is left ("the murder of a beloved teacher").
        if passive && following.contains(.harmVerb) || following.contains(.deathVerb) || suffersHarm(first, last, in: tokens, words: words) {
            total = kept.isEmpty ? 0 : sum(kept.lowerBound, first, praiseOnly: true) + sum(last + 1, kept.upperBound, praiseOnly: true)
            applied.insert(.victim)
        }
        var verb: Int?
        var negated = false
        // The target is the one beaten in a contest ("a victory over Y", "a lead over Y").
        var beaten = false
        // "Y was criticized", "Y has been praised", "Y was not praised" (but "Y has praised", "Y also praised": Y praises).
        if passive, following.contains(.negativeObject) || following.contains(.positiveObject), endsInEd(next, words) {
            verb = next
            negated = negatedAfter
        }
        // "X criticized (the former mayor) Y".
        if verb == nil {
            var back = first - 1
            var steps = 0
            while back >= tokens.lowerBound, steps < Self.objectReach {
                let found = back == first - 1 ? before : role(back, words)
                if found.contains(.negativeObject) || found.contains(.positiveObject) {
                    verb = back
                    // "did not praise Y", "refused to endorse Y".
                    for earlier in max(tokens.lowerBound, back - 3)..<back where role(earlier, words).contains(.negation) { negated = true }
                    break
                }
                // "criticism of Y", "support for Y", "the case against Y", "a victory over Y".
                if found.contains(.negativePreposition) || found.contains(.positivePreposition) {
                    if words.equal(words.span(back), Self.against) {
                        verb = back
                    } else if back > tokens.lowerBound, words.equal(words.span(back), Self.over), role(back - 1, words).contains(.contestNoun) {
                        verb = back - 1
                        beaten = true
                    } else if back > tokens.lowerBound {
                        let noun = role(back - 1, words)
                        if noun.contains(.negativeNoun) && found.contains(.negativePreposition)
                            || noun.contains(.positiveNoun) && found.contains(.positivePreposition)
                        {
                            verb = back - 1
                        }
                    }
                    break
                }
                let isName = words.tokens[back].kind == .word && words.isCapitalised(back)
                guard found.contains(.skipBeforeObject) || isName else { break }
                back -= 1
                steps += 1
            }
        }
        // "Smith faces criticism", "Smith drew praise", "Smith is under investigation".
        if verb == nil, following.contains(.receiving) {
            var ahead = next + 1
            while ahead < tokens.upperBound, ahead <= next + 3 {
                let found = role(ahead, words)
                if found.contains(.negativeNoun) || found.contains(.positiveNoun) {
                    verb = ahead
                    break
                }
                guard found.contains(.skipBeforeObject) || found.isEmpty && words.tokens[ahead].kind == .word else { break }
                ahead += 1
            }
        }
        // "Y defeated X", "Y has routed X": Y is the victor, and the defeat is X's, not Y's.
        if verb == nil, !passive, !negatedAfter, following.contains(.contestVerb) {
            total += rules.objectValence - sum(next, next + 1)
            applied.insert(.victor)
        }
        var verbRange: Range<Int>?
        if let verb {
            let verbRole = role(verb, words)
            let isNegative = beaten || verbRole.contains(.negativeObject) || verbRole.contains(.negativeNoun) || words.equal(words.span(verb), Self.against)
            if negated {
                // Praise withheld is a snub; criticism withheld is not praise, though VADER reads a negated
                // "condemned" as praise: the verb's own valence does not count either way (and is not taken out
                // twice when a report or a setting took it out already: "those who did not back Smith said …").
                if kept.contains(verb) { total -= sum(verb, verb + 1) }
                if !isNegative { total -= rules.objectValence / 2 }
                applied.insert(.negatedEvaluation)
            } else {
                total += isNegative ? -rules.objectValence : rules.objectValence
                applied.insert(isNegative ? .negativeObject : .positiveObject)
            }
            verbRange = words.tokens[verb].span.scalars
        }
        let compound = min(1, max(-1, total / (total * total + alpha).squareRoot()))
        return MentionScore(compound: VaderScorer.round(compound, places: 4), rules: applied, verb: verbRange)
    }

    /// Whether the mention `first...last` is the object of a verb of harm ("shot Smith", "killing the former mayor
    /// Smith", across words of skipBeforeObject and capitalised words) or follows a noun of harm and "of" ("the murder
    /// of Smith"). A possessive is no object: in "shot Smith's dog" and "shot his dog" the dog is.
    private func suffersHarm(_ first: Int, _ last: Int, in tokens: Range<Int>, words: WordView) -> Bool {
        if words.isPossessive(last) { return false }
        if last + 1 < tokens.upperBound, words.tokens[last + 1].kind == .word, role(first, words).contains(.possessiveDeterminer) { return false }
        return lookBack(before: first, in: tokens, words: words) { back, found in
            if found.contains(.harmVerb) { return true }
            if words.equal(words.span(back), Self.of) { return back > tokens.lowerBound && role(back - 1, words).contains(.harmNoun) }
            return nil
        }
    }

    /// Walks back from the word before `first` across words of skipBeforeObject and capitalised words, at most
    /// ``objectReach`` of them, and gives the first answer `decide` gives (nil: go on); false where the walk stops.
    @inline(__always)
    private func lookBack(
        before first: Int, in tokens: Range<Int>, words: WordView, _ decide: (Int, TargetRules.Role) -> Bool?
    ) -> Bool {
        var back = first - 1
        var steps = 0
        while back >= tokens.lowerBound, steps < Self.objectReach {
            let found = role(back, words)
            if let answer = decide(back, found) { return answer }
            let isName = words.tokens[back].kind == .word && words.isCapitalised(back)
            guard found.contains(.skipBeforeObject) || isName else { return false }
            back -= 1
            steps += 1
        }
        return false
    }

    /// Where the mention starts once the titles written right before its name are counted in ("Mr. Smith", "Sen.
    /// Smith", "President Smith", "Foreign Minister Smith"; titles and titleModifiers of targets.json).
    private func titleStart(of first: Int, in tokens: Range<Int>, words: WordView) -> Int {
        var start = first
        while start > tokens.lowerBound {
            let previous = start - 1
            if words.tokens[previous].kind == .word {
                guard !words.flags(words.span(previous)).isDisjoint(with: [.title, .titleModifier]) else { break }
                start = previous
            } else if previous > tokens.lowerBound, words.tokens[previous - 1].kind == .word,
                words.span(previous - 1).upperBound == words.span(previous).lowerBound,
                words.flags(words.span(previous - 1).lowerBound..<words.span(previous).upperBound).contains(.title)
            {
                // "Mr." is two tokens, "Mr" and its full stop, written together.
                start = previous - 1
            } else {
                break
            }
        }
        return start
    }

    /// Whether the word at `index` makes the next one a verb ("I like", "voters don't trust"): a subject pronoun or
    /// a form of "do" (verbSubjects), or "not" / "never" after one ("do not like"; "is not like" is a preposition).
    private func isVerbSubject(_ index: Int, after start: Int, words: WordView) -> Bool {
        guard role(index, words).contains(.verbSubject) else { return false }
        let span = words.span(index)
        let isBareNegation = words.equal(span, Self.not) || words.equal(span, Self.never)
        return !isBareNegation || index > start && role(index - 1, words).contains(.verbSubject)
    }

    /// Whether a naming verb ("called", "labelled", "dubbed") stands before the mention, across at most a few
    /// articles, adjectives and capitalised words ("called the former mayor Smith").
    private func isNamed(_ first: Int, in tokens: Range<Int>, words: WordView) -> Bool {
        lookBack(before: first, in: tokens, words: words) { _, found in found.contains(.naming) ? true : nil }
    }

    /// Whether a speech verb and "of" or "about" stand right before the mention ("said of Smith", "wrote about Smith").
    private func isSpokenOf(_ first: Int, in tokens: Range<Int>, words: WordView) -> Bool {
        guard first - 2 >= tokens.lowerBound, words.equal(words.span(first - 1), Self.of) || words.equal(words.span(first - 1), Self.about)
        else { return false }
        return role(first - 2, words).contains(.speech)
    }

    /// Whether a quotation opens right after the mention, across at most two auxiliaries and then perhaps one word
    /// of skipBeforeObject ("Smith is “a disgrace”", "Smith was a “fine mind”").
    private func opensQuotation(after last: Int, sentence: SentenceValences, words: WordView) -> Bool {
        let tokens = sentence.tokens
        var index = last + 1
        var steps = 0
        while index < tokens.upperBound, steps < 2, role(index, words).contains(.auxiliary) {
            index += 1
            steps += 1
        }
        if steps > 0, index < tokens.upperBound, role(index, words).contains(.skipBeforeObject) { index += 1 }
        guard index + 1 < tokens.upperBound, words.tokens[index].kind == .punctuation else { return false }
        let range = words.span(index)
        let isMark = range.count == 1 && words.bytes[range.lowerBound] == 0x22
            || range.count == 3 && words.bytes[range.lowerBound] == 0xE2 && words.bytes[range.lowerBound + 1] == 0x80
                && words.bytes[range.lowerBound + 2] == 0x9C
        return isMark && sentence.quoted[index + 1 - tokens.lowerBound]
    }

    /// Commas directly after a mention around at most ``apposition`` tokens, with no quotation mark, colon or
    /// semicolon between them: the closing comma's token index.
    private func appositionEnd(after last: Int, in tokens: Range<Int>, words: WordView) -> Int? {
        guard last + 1 < tokens.upperBound, words.equal(words.span(last + 1), Self.comma) else { return nil }
        var index = last + 2
        while index < tokens.upperBound, index <= last + 1 + Self.apposition {
            if words.tokens[index].kind == .punctuation {
                let range = words.span(index)
                if words.equal(range, Self.comma) { return index > last + 2 ? index : nil }
                // Marks that end or open something else: a quotation, a clause, a sentence.
                let first = words.bytes[range.lowerBound]
                if first == 0x22 || first == 0x3A || first == 0x3B || first == 0x28 || first == 0x29 || first == 0xE2 { return nil }
            }
            index += 1
        }
        return nil
    }

    /// Whether only a short phrase of place, time or manner follows a speech verb to the sentence's end, perhaps
    /// after the one spoken to: at most ``reportTail`` tokens before its closing marks, opening with one of
    /// reportAdjuncts, with no clause in it (no "that", auxiliary or negation) and no comma, colon, dash or quotation
    /// mark ("told reporters.", "said in a statement on Friday.", "told the Herald last week."): the report is
    /// what came before the speaker.
    private func endsReport(after verb: Int, in tokens: Range<Int>, words: WordView) -> Bool {
        var end = tokens.upperBound
        while end > verb + 1, words.tokens[end - 1].kind == .punctuation, words.endsLikeProse(end - 1) { end -= 1 }
        guard end > verb + 1, end - verb - 1 <= Self.reportTail else { return false }
        var index = verb + 1
        // "told reporters", "told the Herald": the one spoken to, in capitals or one of reportAddressees.
        if role(verb, words).contains(.addressVerb) {
            while index < end, words.tokens[index].kind == .word,
                words.isCapitalised(index) || role(index, words).contains(.skipBeforeObject) || role(index, words).contains(.reportAddressee)
            {
                index += 1
            }
        }
        guard index == end || role(index, words).contains(.reportAdjunct) else { return false }
        for position in (verb + 1)..<end {
            if words.tokens[position].kind == .punctuation {
                let first = words.bytes[words.span(position).lowerBound]
                // " , : ; and the marks of three bytes that start with E2 (curly quotes, dashes).
                if first == 0x22 || first == 0x2C || first == 0x3A || first == 0x3B || first == 0xE2 { return false }
            } else {
                // A clause after the verb ("said after the council rejected it") makes it no short phrase:
                // "that", an auxiliary or negation (an adjunct such as "later" is no clause), or a verb in -ed.
                let roles = role(position, words)
                if words.equal(words.span(position), Self.that) || position > index && endsInEd(position, words)
                    || !roles.isDisjoint(with: [.auxiliary, .negation]) && !roles.contains(.reportAdjunct)
                {
                    return false
                }
            }
        }
        return true
    }

    private func endsInEd(_ index: Int, _ words: WordView) -> Bool {
        let range = words.span(index)
        guard range.count > 2 else { return false }
        return words.bytes[range.upperBound - 2] == UInt8(ascii: "e") && words.bytes[range.upperBound - 1] == UInt8(ascii: "d")
    }
}

/// One sentence's counted valences, token by token, for scoring its mentions.
private struct SentenceValences {
    let tokens: Range<Int>
    /// The valence each token counts with (index: token − `tokens.lowerBound`).
    let values: [Double]
    /// Whether the token stands inside a quotation long enough to be speech.
    let quoted: [Bool]
    /// The clause each token belongs to, counted from 0 at the sentence's start.
    let clauses: [Int32]
    /// The slots whose valence is not zero, in order.
    let counted: [Int32]
    /// Whether some counted valence stands inside a quotation.
    let quotedValence: Bool
}

/// Marks, for each token of a sentence, whether it stands inside a
/// quotation of at least ``TargetScorer/shortestSpeech`` tokens, read mark by
/// mark. Curly marks open and close; a straight mark opens or closes by
/// turns; a quotation closed before any mark opened it began in an earlier
/// sentence, and one still open at the end goes on into the next: each runs
/// to the sentence's edge.
private struct QuotationState {
    var open: Int?
    var sawMark = false

    private func mark(_ from: Int, _ to: Int, in tokens: Range<Int>, into quoted: inout [Bool]) {
        guard to - from >= TargetScorer.shortestSpeech else { return }
        for index in from..<to { quoted[index - tokens.lowerBound] = true }
    }

    /// Reads the punctuation token `index`.
    mutating func read(_ index: Int, in tokens: Range<Int>, words: WordView, into quoted: inout [Bool]) {
        let range = words.span(index)
        let opens: Bool
        if range.count == 1, words.bytes[range.lowerBound] == 0x22 {
            opens = open == nil
        } else if range.count == 3, words.bytes[range.lowerBound] == 0xE2, words.bytes[range.lowerBound + 1] == 0x80,
            words.bytes[range.lowerBound + 2] == 0x9C || words.bytes[range.lowerBound + 2] == 0x9D
        {
            opens = words.bytes[range.lowerBound + 2] == 0x9C
        } else {
            return
        }
        if opens {
            open = index + 1
        } else if let start = open {
            mark(start, index, in: tokens, into: &quoted)
            open = nil
        } else if !sawMark {
            mark(tokens.lowerBound, index, in: tokens, into: &quoted)
        }
        sawMark = true
    }

    /// A quotation still open runs to the sentence's end.
    func finish(_ tokens: Range<Int>, into quoted: inout [Bool]) {
        if let start = open { mark(start, tokens.upperBound, in: tokens, into: &quoted) }
    }
}
