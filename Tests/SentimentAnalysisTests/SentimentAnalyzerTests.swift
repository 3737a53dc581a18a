import Foundation
import LoupeCore
import Testing
@testable import SentimentAnalysis

@Suite struct SentimentAnalyzerTests {
    func analyze(_ text: String, options: [String: JSONValue] = [:]) throws -> [Suggestion] {
        let analyzer = try SentimentAnalyzer.make(options: options)
        return analyzer.analyze(Document(id: "t", text: text, sourcePath: "t.txt"))
    }

    /// The mention suggestions, in order, of an analysis that annotates
    /// mentions and keeps targets named once.
    func mentionSuggestions(in text: String) throws -> [Suggestion] {
        try analyze(text, options: ["minimumMentions": 1, "annotateMentions": true]).filter { $0.attributes["scope"] == "mention" }
    }

    /// Each mention's suggestion, by target name, from an analysis that
    /// annotates mentions and keeps targets named once.
    func mentions(in text: String) throws -> [String: Suggestion] {
        var byName: [String: Suggestion] = [:]
        for suggestion in try mentionSuggestions(in: text) {
            if let name = suggestion.attributes["target"]?.stringValue, byName[name] == nil { byName[name] = suggestion }
        }
        return byName
    }

    @Test func annotatesNonNeutralSentencesAndSummarisesTheDocument() throws {
        let suggestions = try analyze("The rescue was a wonderful success. The meeting is on Tuesday. The attack was horrific.")
        let sentences = suggestions.filter { $0.attributes["scope"] == "sentence" }
        #expect(sentences.map(\.label) == ["positive", "negative"])
        #expect(sentences.allSatisfy { $0.rule == "vader.sentence" && !$0.cues.isEmpty })
        let summary = try #require(suggestions.first { $0.attributes["scope"] == "document" })
        #expect(summary.range == nil)
        #expect(summary.attributes["sentences"] == 3)
        #expect(summary.attributes["positiveShare"] == .double(0.3333))
        #expect(summary.attributes["mostPositive"]?["sentence"] == 1)
        #expect(summary.attributes["mostNegative"]?["sentence"] == 3)
        let withNeutral = try analyze("The meeting is on Tuesday.", options: ["includeNeutral": true])
        #expect(withNeutral.contains { $0.label == "neutral" && $0.attributes["scope"] == "sentence" })
    }

    @Test func byDefaultOnlyStronglyChargedSentencesAndRecurringTargetsAreSuggested() throws {
        let text = "Moscow welcomed the deal. Moscow praised the wonderful, excellent, brilliant partnership. Moscow agreed. Paris was mentioned twice. Paris again."
        let suggestions = try analyze(text)
        let sentences = suggestions.filter { $0.attributes["scope"] == "sentence" }
        #expect(sentences.count == 1)
        #expect((sentences.first?.attributes["compound"]?.doubleValue ?? 0) >= 0.8)
        // Every sentence still counts in the document's figures.
        #expect(suggestions.first { $0.attributes["scope"] == "document" }?.attributes["sentences"] == 5)
        let targets = suggestions.filter { $0.attributes["scope"] == "target" }.compactMap { $0.attributes["target"]?.stringValue }
        #expect(targets == ["Russia"])
        // The document's table keeps every target, the seldom mentioned too, with its score.
        let table = try #require(suggestions.first { $0.attributes["scope"] == "document" }?.attributes["targets"]?.objectValue)
        #expect(table.count == 2 && table["Russia"]?.doubleValue != nil)
        let every = try analyze(text, options: ["sentenceThreshold": 0.05, "minimumMentions": 1])
        #expect(every.filter { $0.attributes["scope"] == "sentence" }.count >= 2)
        #expect(every.filter { $0.attributes["scope"] == "target" }.count == 2)
    }

    @Test func scoresTargetsByTheSentencesThatMentionThem() throws {
        let text = """
            Russia’s President Vladimir Putin praised the wonderful partnership. Moscow welcomed the excellent deal.
            Kirill Dmitriev, CEO of the fund, said talks were terrible. Dmitriev was blamed for a crisis.
            The U.S. and Washington stayed calm. America was happy.
            """
        let targets = try analyze(text, options: ["minimumMentions": 1]).filter { $0.attributes["scope"] == "target" }
        func target(_ name: String) -> Suggestion? { targets.first { $0.attributes["target"] == .string(name) } }
        let russia = try #require(target("Russia"))
        #expect(russia.attributes["mentions"] == 2)
        #expect(russia.attributes["kind"] == "country")
        #expect((russia.attributes["meanCompound"]?.doubleValue ?? 0) > 0.5)
        #expect(target("Vladimir Putin")?.attributes["mentions"] == 1)
        let dmitriev = try #require(target("Kirill Dmitriev"))
        #expect(dmitriev.attributes["mentions"] == 2)
        #expect(dmitriev.attributes["kind"] == "name")
        // He is the speaker of the first sentence (what he reports is not about him) and the one blamed in the second.
        #expect(dmitriev.attributes["polarity"] == "negative")
        #expect(target("United States")?.attributes["mentions"] == 3)
        #expect(target("Dmitriev") == nil)
        #expect(target("CEO") == nil)
        #expect(targets.allSatisfy { $0.key == $0.attributes["target"]?.stringValue })
    }

    @Test func aTranscriptsSpeakerLabelsAreNoMentionsAndTheWordAfterOneOpensTheSentence() throws {
        let text = """
            The mayor of Fernbrook spoke to the paper about the harbour.
            ((EP)) Well, what went wrong with the harbour plan?
            ((Ana Ruiz)) Honestly the council failed the town. Selma Ortiz deserves great credit.
            ((EP)) Did Selma Ortiz help?
            ((Ana Ruiz)) Yes, a lot.
            """
        let targets = try analyze(text, options: ["minimumMentions": 1]).filter { $0.attributes["scope"] == "target" }
        let names = Set(targets.compactMap { $0.attributes["target"]?.stringValue })
        // The labels tag who speaks; the words after them are sentence openings, names only if used as names elsewhere.
        #expect(!names.contains("EP") && !names.contains("Ana Ruiz"))
        #expect(names.isDisjoint(with: ["Well", "Honestly", "Did", "Yes"]))
        #expect(names.contains("Selma Ortiz"))
    }

    @Test func eachTargetIsScoredByTheWordsThatConcernIt() throws {
        let suggestions = try analyze("The council praised Okafor and condemned Halvorsen.", options: ["minimumMentions": 1])
        let targets = suggestions.filter { $0.attributes["scope"] == "target" }
        func target(_ name: String) -> Suggestion? { targets.first { $0.attributes["target"] == .string(name) } }
        let okafor = try #require(target("Okafor"))
        let halvorsen = try #require(target("Halvorsen"))
        #expect(okafor.attributes["polarity"] == "positive")
        #expect(halvorsen.attributes["polarity"] == "negative")
        // One sentence, one sentence compound; two targets, two scores.
        #expect(okafor.attributes["sentenceCompound"] == halvorsen.attributes["sentenceCompound"])
        #expect(okafor.attributes["targetRules"]?.arrayValue?.contains("object-of-praise") == true)
        #expect(halvorsen.attributes["targetRules"]?.arrayValue?.contains("object-of-criticism") == true)
        #expect(halvorsen.cues.contains { $0.text == "condemned" })
        let table = try #require(suggestions.first { $0.attributes["scope"] == "document" }?.attributes["targets"]?.objectValue)
        #expect((table["Okafor"]?.doubleValue ?? 0) > 0.05 && (table["Halvorsen"]?.doubleValue ?? 0) < -0.05)
    }

    @Test func likeAfterNotIsAVerbOnlyAfterAFormOfDo() throws {
        func polarity(_ text: String, _ name: String) throws -> JSONValue? {
            let targets = try analyze(text, options: ["minimumMentions": 1]).filter { $0.attributes["scope"] == "target" }
            return targets.first { $0.attributes["target"] == .string(name) }?.attributes["polarity"]
        }
        // "is not like": a preposition, no judgement of Okafor; "do not like": a verb, negated.
        #expect(try polarity("Okafor is not like her rivals in the race.", "Okafor") == "neutral")
        #expect(try polarity("Voters do not like Halvorsen.", "Halvorsen") == "negative")
    }

    @Test func theAgentOfAnEvaluatingVerbIsNotItsObject() throws {
        // "has" and "also" stand between Okafor and the verb, but no form of "be": Okafor criticizes, Halvorsen is criticized.
        let text = "Okafor has also criticized the plan. Halvorsen was criticized by the board. Mendes was not praised."
        let suggestions = try analyze(text, options: ["minimumMentions": 1, "annotateMentions": true])
        func rules(_ name: String) -> [String] {
            suggestions.first { $0.attributes["scope"] == "mention" && $0.attributes["target"] == .string(name) }?
                .attributes["targetRules"]?.arrayValue?.compactMap(\.stringValue) ?? []
        }
        #expect(!rules("Okafor").contains("object-of-criticism"))
        #expect(rules("Halvorsen").contains("object-of-criticism"))
        #expect(rules("Mendes").contains("negated-evaluation"))
    }

    @Test func theSubjectOfAReportIsNotItsSpeaker() throws {
        let text = "The mayor said Erik Halvorsen had been a cruel leader. “It was a cruel plan,” said Maria Okafor."
        let found = try mentions(in: text)
        let halvorsen = try #require(found["Erik Halvorsen"])
        #expect(halvorsen.label == "negative")
        #expect(halvorsen.attributes["targetRules"]?.arrayValue?.contains("speaker") != true)
        let okafor = try #require(found["Maria Okafor"])
        #expect(okafor.label == "neutral")
        #expect(okafor.attributes["targetRules"]?.arrayValue?.contains("speaker") == true)
    }

    /// Two mentions, both neutral and both marked as speakers.
    static func bothAreNeutralSpeakers(_ mentions: [Suggestion]) -> Bool {
        mentions.count == 2
            && mentions.allSatisfy { $0.label == "neutral" && $0.attributes["targetRules"]?.arrayValue?.contains("speaker") == true }
    }

    @Test func aSpeakerIsNotWhatItReports() throws {
        let text = "Okafor said the new bridge was a wonderful success. “The old one was a dreadful, dangerous mess,” Halvorsen told reporters."
        #expect(try Self.bothAreNeutralSpeakers(mentionSuggestions(in: text)))
        // The sentences keep their VADER scores.
        let sentences = try analyze(text, options: ["sentenceThreshold": 0.05]).filter { $0.attributes["scope"] == "sentence" }
        #expect(sentences.map(\.label) == ["positive", "negative"])
    }

    @Test func aReportBeforeItsSpeakerIsNotTheSpeakersThoughAPhraseOfTimeOrPlaceFollows() throws {
        // The quotation is too short to be speech: without the rule, its words would count toward the speaker.
        let text = "The plan was a cruel failure, Halvorsen said in a statement on Friday. The plan was a cruel failure, Okafor told reporters at the town hall."
        #expect(try Self.bothAreNeutralSpeakers(mentionSuggestions(in: text)))
        // A clause after the verb is the report: what came before is still the speaker's own.
        let clause = try analyze(
            "After a cruel failure, Halvorsen said that the bridge would open.", options: ["minimumMentions": 1, "annotateMentions": true])
        #expect(clause.first { $0.attributes["scope"] == "mention" }?.label == "negative")
    }

    @Test func aQuotationSaidOfATargetCounts() throws {
        let text = "“She was a brave and generous colleague,” the mayor said of Okafor. Halvorsen was a “brave and generous colleague” to all."
        let found = try mentions(in: text)
        let okafor = try #require(found["Okafor"])
        #expect(okafor.label == "positive")
        #expect(okafor.attributes["targetRules"]?.arrayValue?.contains("said-of") == true)
        let halvorsen = try #require(found["Halvorsen"])
        #expect(halvorsen.label == "positive")
        #expect(halvorsen.attributes["targetRules"]?.arrayValue?.contains("quoted-predicate") == true)
    }

    @Test func aNegatedCriticismIsNotPraise() throws {
        // VADER reads "never condemned" as praise; toward the one not condemned it is neither.
        let suggestions = try analyze("The council has never condemned Halvorsen.", options: ["minimumMentions": 1, "annotateMentions": true])
        let mention = try #require(suggestions.first { $0.attributes["scope"] == "mention" })
        #expect(mention.label == "neutral")
        #expect(mention.attributes["targetRules"]?.arrayValue?.contains("negated-evaluation") == true)
    }

    @Test func aWithheldEvaluationTakenOutWithAReportIsNotTakenOutAgain() throws {
        // Okafor stands before "said" at the end, so what comes before is taken out as a report, the negated "support"
        // with it; taking the verb's valence out once more would turn withheld support into praise.
        let suggestions = try analyze(
            "“The plan is fine,” voters who did not support Ann Okafor said.", options: ["minimumMentions": 1, "annotateMentions": true])
        let mention = try #require(suggestions.first { $0.attributes["scope"] == "mention" })
        #expect(mention.label == "negative")
        #expect(mention.attributes["targetRules"]?.arrayValue?.contains("negated-evaluation") == true)
    }

    @Test func aVictimIsNotBlamedForWhatBefellIt() throws {
        let found = try mentions(in: "Ann Okafor was killed in a horrific crash.")
        let okafor = try #require(found["Ann Okafor"])
        #expect(okafor.label == "neutral")
        #expect(okafor.attributes["targetRules"]?.arrayValue?.contains("victim") == true)
        // A death befalls the one who dies.
        let died = try #require(try mentions(in: "Erik Halvorsen died in a terrible fire.")["Erik Halvorsen"])
        #expect(died.label == "neutral")
        #expect(died.attributes["targetRules"]?.arrayValue?.contains("victim") == true)
        // The one who does the harm is no victim, and a possessive is not the one harmed ("shot his dog": the dog is).
        let doer = try mentions(in: "Ann Okafor shot his dog in a cruel attack.")
        #expect(try #require(doer["Ann Okafor"]).label == "negative")
        #expect(doer["Ann Okafor"]?.attributes["targetRules"]?.arrayValue?.contains("victim") != true)
    }

    @Test func likeAfterASubjectIsAVerbOfJudgement() throws {
        // "like" as a preposition weighs nothing for a target; after a subject it is the verb, negated here by a
        // curly apostrophe the reference VADER does not read.
        #expect(try mentions(in: "Most voters don’t like Erik Halvorsen.")["Erik Halvorsen"]?.label == "negative")
        #expect(try mentions(in: "We like Ann Okafor, and so do the farmers.")["Ann Okafor"]?.label == "positive")
        #expect(try mentions(in: "Ann Okafor looks like a teacher.")["Ann Okafor"]?.label == "neutral")
    }

    @Test func aTitleWithAFullStopBeforeANameDoesNotHideTheVerbBeforeIt() throws {
        // "Mr." is two tokens; the name's mention starts after them, and the words before are read from the title.
        let praised = try #require(try mentions(in: "The council praised Mr. Halvorsen for the new bridge.")["Halvorsen"])
        #expect(praised.attributes["targetRules"]?.arrayValue?.contains("object-of-praise") == true)
        let speaker = try #require(try mentions(in: "“The plan was a cruel failure,” said Sen. Okafor.")["Okafor"])
        #expect(speaker.attributes["targetRules"]?.arrayValue?.contains("speaker") == true)
    }

    @Test func aTitleCaseHeadingsCapitalisedWordsCount() throws {
        let options: [String: JSONValue] = ["minimumMentions": 1, "annotateMentions": true, "targets": ["Okafor": ["Okafor"]]]
        let heading = try analyze("Okafor Wins Praise for Brave Rescue", options: options).first { $0.attributes["scope"] == "mention" }
        #expect(heading?.label == "positive")
        // In prose, capitalised words beside each other are a name's ("Brave Rescue Fund"), not an opinion.
        let prose = try analyze("Okafor joined the Brave Rescue Fund.", options: options).first { $0.attributes["scope"] == "mention" }
        #expect(prose?.label == "neutral")
    }

    @Test func aWordInCurlyQuotationMarksCountsForTheTargetThoughVADERMissesIt() throws {
        // The reference strips only ASCII punctuation: "“wonderful.”" is no word of its lexicon, and the sentence stays neutral.
        let suggestions = try analyze(
            "Halvorsen is “wonderful.”", options: ["minimumMentions": 1, "annotateMentions": true, "includeNeutral": true])
        let sentence = try #require(suggestions.first { $0.attributes["scope"] == "sentence" })
        #expect(sentence.attributes["compound"] == .double(0))
        let mention = try #require(suggestions.first { $0.attributes["scope"] == "mention" })
        #expect(mention.label == "positive")
        #expect(mention.attributes["targetRules"]?.arrayValue?.contains("news-words") == true)
    }

    @Test func theVictorOfAContestIsNotItsLoser() throws {
        let found = try mentions(in: "Okafor defeated Halvorsen in the election.")
        let okafor = try #require(found["Okafor"])
        #expect(okafor.label == "positive")
        #expect(okafor.attributes["targetRules"]?.arrayValue?.contains("victor") == true)
        #expect(try #require(found["Halvorsen"]).label == "negative")
        // Beaten, not beating: "was defeated" is passive.
        let passive = try analyze("Okafor was defeated in the election.", options: ["minimumMentions": 1, "annotateMentions": true])
        #expect(passive.first { $0.attributes["scope"] == "mention" }?.label == "negative")
    }

    @Test func pageFurnitureIsNotScored() throws {
        let text = "The bridge opened to great applause.\nLeave a Reply\nRead more"
        let suggestions = try analyze(text, options: ["sentenceThreshold": 0.05])
        let sentences = suggestions.filter { $0.attributes["scope"] == "sentence" }
        #expect(sentences.count == 1)
        #expect(suggestions.first { $0.attributes["scope"] == "document" }?.attributes["sentences"] == 1)
    }

    @Test func namesKeepTheirInnerPossessivesAndLeaveOutCountryAdjectives() throws {
        let text = "Envoys of the Northland People’s Republic met Russian-American traders. The TV crew filmed the Northland People’s Republic again."
        let table = try #require(
            try analyze(text).first { $0.attributes["scope"] == "document" }?.attributes["targets"]?.objectValue)
        #expect(Set(table.keys) == ["Northland People’s Republic"])
    }

    @Test(arguments: [
        // A pronoun or a verb with its clitic, capitalised at a sentence's start.
        ("I'm also proud of Dana Whitfield. We’ve also thanked Dana Whitfield.", ["Dana Whitfield"]),
        // A legislator's party and state, in brackets or between commas.
        ("Sen. Dana Whitfield (D-Ore.) praised the Harbor Trust. Rep. Lee Amari, R-Kan., agreed.",
         ["Dana Whitfield", "Harbor Trust", "Lee Amari"]),
        // A common word opening a sentence after a quotation mark or a bracket.
        ("“Last winter was hard,” said Dana Whitfield. (Further cuts followed.)", ["Dana Whitfield"]),
        // A place whose name ends in a country's: not that country.
        ("Farmers in New Mexico welcomed the rain. West Virginia did too.", ["New Mexico", "West Virginia"]),
        ("Yesterday Sens. Dana Whitfield and Lee Amari wrote to Mexico.", ["Dana Whitfield", "Lee Amari", "Mexico"]),
        // A common plural opening a sentence is its subject, unless its verb is singular.
        ("Reports said the Harbor Trust would reopen the pier. Women, who staff its night shift, agreed.", ["Harbor Trust"]),
        ("Fields has joined the Harbor Trust.", ["Fields", "Harbor Trust"]),
        // A common word before a country's adjective is part of the adjective.
        ("The survey counted Native American voters in Eastport.", ["Eastport", "United States"]),
        ("Officials warned Okafor Israeli strikes must stop.", ["Okafor", "Israel"]),
        // A leader's surname after a capitalised word in prose names a relative, whatever that word means.
        ("Reporters questioned Rose Putin about the deal.", ["Rose Putin"]),
        // Offices before a name: a title's modifier after a title, an MP, and an office's field in common words.
        ("Chief Executive Dana Whitfield met MP Lee Amari, Fr. Ben Tull and National Security Adviser Ann Okafor.",
         ["Dana Whitfield", "Lee Amari", "Ben Tull", "Ann Okafor"]),
        // A person "of" a place is from it: the place is no part of the name.
        ("Voters in Eastport cheered Dana Whitfield of Portland.", ["Dana Whitfield", "Eastport", "Portland"]),
        // A party's adjective before a full name describes the person; a verb opening a question is no name.
        ("Republican Dana Whitfield met Secretary-General Lee Amari. Does Eastport agree? Unlike Portland, it did.",
         ["Dana Whitfield", "Lee Amari", "Eastport", "Portland"]),
        // A month that is also a surname ends the name it follows; a month with a date, or after a common word, does not.
        ("Dana May met Lee Amari on Monday May 4. Last May, Lee Amari left. Rain in Eastport May was high.",
         ["Dana May", "Lee Amari", "Eastport"]),
        // A title that is a surname too, after given names and before no name; before a name it is a title.
        ("Dana Whitfield King praised Eastport. King Lee Amari replied.", ["Dana Whitfield King", "Eastport", "Lee Amari"]),
        // An abbreviation with its full stop opens a place's name.
        ("Voters in St. Ives and Ft. Eastport cheered.", ["St. Ives", "Ft. Eastport"]),
        // A caption's credit after the name of who is shown: page furniture, credit and name alike.
        ("Voters cheered the Harbor Trust.\nDana Whitfield Image: Lee Amari.\nImage: Eastport Council.", ["Harbor Trust"]),
        // Not a heading with a label of its own, nor a caption label inside a sentence.
        ("Universal Credit: voters cheered Dana Whitfield. The Eastport Image: a picture of calm, said Lee Amari.",
         ["Universal Credit", "Dana Whitfield", "Eastport Image", "Lee Amari"]),
        // A title in its possessive form is a title: its modifier names no one.
        ("Voters in Eastport doubted the Prime Minister's plan and the Foreign Minister's team.", ["Eastport"]),
        // A capitalised adjective before a lower-case word names no one; a party's or a faith's names a group.
        ("Dana Whitfield said a Federal judge and the Congressional findings were wrong. The Conservative leader agreed.",
         ["Dana Whitfield", "Conservative"]),
        ("Dana Whitfield praised Rose for her work.", ["Dana Whitfield", "Rose"]),
        // A generational suffix after a comma ends the name; a company's names no one.
        ("Voters met Dana Whitfield, Jr. at the Okafor Tool Works, Inc. plant. Whitfield thanked them.",
         ["Dana Whitfield Jr", "Okafor Tool Works", "They"]),
        ("Lee B. Amari, Sr. spoke. Lee Amari said the pier was safe.", ["Lee B. Amari Sr"]),
        // Fields coordinated by "and" before a body's word or a title, or after a body's word and "of", are one name.
        ("The Harbor and Marine Works Committee praised the Department of Parks and Public Spaces.",
         ["Harbor and Marine Works Committee", "Department of Parks and Public Spaces"]),
        ("Dana Whitfield wrote to Parks and Public Spaces Secretary Lee Amari.", ["Dana Whitfield", "Lee Amari"]),
        // Not across a person's name or a second body: a force, a place, a body after "Department of".
        ("The Coast Guard and Air Force thanked Senator Hope and Energy Department staff.",
         ["Coast Guard", "Air Force", "Hope", "Energy Department"]),
        ("The Department of Parks and Harbor Service met the Lake Elm and Cedar Falls County board.",
         ["Department of Parks", "Harbor Service", "Lake Elm", "Cedar Falls County"]),
    ] as [(String, [String])])
    func wordsThatOnlyLookLikeNamesAreNotTargets(text: String, names: [String]) throws {
        let table = try #require(
            try analyze(text).first { $0.attributes["scope"] == "document" }?.attributes["targets"]?.objectValue)
        #expect(Set(table.keys) == Set(names))
    }

    @Test(arguments: [
        // The words after a title's "of" name the office; the person is the name after them.
        ("Reporters met the Speaker of the House Dana Whitfield on Monday.", ["Dana Whitfield"]),
        ("The Secretary of Homeland Security Lee Amari visited the Harbor Trust.", ["Harbor Trust", "Lee Amari"]),
        ("He thanked Secretary of State Lee Amari III for his help.", ["He", "Lee Amari III"]),
        // An office with no one named after it stays whole: a country, a body; so does a place after "of".
        ("Reporters met the Governor of New South Wales on Monday.", ["New South Wales"]),
        ("The Chairman of the Eastport Harbor Committee Lee Amari spoke.", ["Lee Amari"]),
        ("The State Treasurer Dana Whitfield spoke.", ["Dana Whitfield"]),
        ("The President of the United States spoke.", ["United States"]),
        ("The Chair of the Senate Budget Conference spoke.", ["Senate Budget Conference"]),
        ("The Director of the National Institutes of Health spoke.", ["National Institutes of Health"]),
        // "for" inside a body's name after its head, and nowhere else.
        ("The Eastport Center for Coastal Research published a study.", ["Eastport Center for Coastal Research"]),
        ("The Northland Centers for Harbor Safety published a study.", ["Northland Centers for Harbor Safety"]),
        ("Officials blamed Eastport for Northland's losses.", ["Eastport", "Northland"]),
        ("He blamed the Commission for Eastport's losses.", ["Commission", "Eastport", "He"]),
        // Titles and the words that go with them ("Vice", "Former", "Attorney") are no part of a name.
        ("The Harbor Party Vice President Dana Whitfield spoke.", ["Dana Whitfield", "Harbor Party"]),
        ("Former Eastport Governor Dana Whitfield spoke.", ["Dana Whitfield", "Eastport"]),
        ("Santa Clara County Sheriff Lee Amari spoke.", ["Lee Amari", "Santa Clara County"]),
        ("Reporters met Eastport Attorney General Lee Amari.", ["Eastport", "Lee Amari"]),
        ("Rep. Lee Bishop spoke.", ["Lee Bishop"]),
        ("Reporters met Capt. Dana Whitfield and Rev. Lee Amari.", ["Dana Whitfield", "Lee Amari"]),
        ("Officials said Eastport State President Dana Whitfield spoke.", ["Dana Whitfield", "Eastport State"]),
        // An age before a name.
        ("Fifteen-year-old Lee Amari was hurt.", ["Lee Amari"]),
        // A title after "of" inside a body's name is the body's; titles a name follows are the person's.
        ("The Office of Inspector General found waste.", ["Office of Inspector General"]),
        ("Department of Justice Inspector General Lee Amari testified.", ["Department of Justice", "Lee Amari"]),
        // A person named after a title is from the place after "of"; a body's "of" joins its name.
        ("Sen. Dana Whitfield of Eastport spoke at the Bank of Northland.", ["Bank of Northland", "Dana Whitfield", "Eastport"]),
        // A school named after a capital is the school, not the government the capital stands for.
        ("Scientists from the University of Washington met officials in Washington.", ["United States", "University of Washington"]),
        // A word opening a quotation inside a sentence is capitalised by its place; interjections are never names.
        ("The lawyer told reporters \"Women in Eastport have no recourse.\"", ["Eastport", "The lawyer"]),
        ("All she could say was: Thank you, Eastport!", ["Eastport", "She"]),
        ("Activists from Just Stop Oil blocked the road.", ["Just Stop Oil"]),
    ] as [(String, [String])])
    func officesAndBodiesKeepTheirNamesApart(text: String, names: [String]) throws {
        let table = try #require(
            try analyze(text).first { $0.attributes["scope"] == "document" }?.attributes["targets"]?.objectValue)
        #expect(Set(table.keys) == Set(names))
    }

    @Test func extraTargetsComeFromOptions() throws {
        let text = "Gazprom reported excellent profits. Gazprom’s rivals struggled."
        let targets = try analyze(text, options: ["targets": ["Gazprom PJSC": ["Gazprom"]], "detectNames": false, "minimumMentions": 1])
            .filter { $0.attributes["scope"] == "target" }
        #expect(targets.map { $0.attributes["target"] } == ["Gazprom PJSC"])
        #expect(targets.first?.attributes["mentions"] == 2)
    }

    @Test func titleCaseHeadlinesDoNotBecomeNames() throws {
        let targets = try analyze("Russia Offers to Hand Over the Development of its Rare Earth Minerals to the US", options: ["minimumMentions": 1])
            .filter { $0.attributes["scope"] == "target" }.compactMap { $0.attributes["target"]?.stringValue }
        #expect(Set(targets) == ["Russia", "United States"])
    }

    @Test(arguments: [
        "",
        "\n\n   \n",
        "--- *** ... 12345 678 %%% !!!",
        "😀😀😀 🎉",
        "Это хорошо. これは良いです。 هذا جيد. Mixed ÉMIGRÉS and Сurrent words!",
        String(repeating: "\"", count: 100_000),
    ])
    func oddInputGivesSaneOutput(text: String) throws {
        let suggestions = try analyze(text)
        for suggestion in suggestions {
            if let compound = suggestion.attributes["compound"]?.doubleValue { #expect((-1...1).contains(compound)) }
            if let range = suggestion.range { #expect(range.upperBound <= text.unicodeScalars.count) }
        }
    }

    @Test func aHundredThousandWordsWithoutAFullStopIsOneSentence() throws {
        let words = ["good", "bad", "but", "not", "very", "the", "REALLY", "happy"]
        let text = (0..<100_000).map { words[$0 % words.count] }.joined(separator: " ")
        let suggestions = try analyze(text)
        let sentences = suggestions.filter { $0.attributes["scope"] == "sentence" }
        #expect(sentences.count == 1)
        #expect((-1...1).contains(sentences[0].attributes["compound"]?.doubleValue ?? 2))
    }

    @Test(arguments: [
        (["minimumMentions": 0], "minimumMentions must be 1 or more"),
        (["includeNeutral": "yes"], "option \"includeNeutral\""),
        (["targets": ["X": [""]]], "empty alias"),
        (["targets": ["": ["x"]]], "a target needs a name"),
    ] as [([String: JSONValue], String)])
    func invalidOptionsAreClearErrors(options: [String: JSONValue], message: String) {
        do {
            _ = try SentimentAnalyzer.make(options: options)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix("sentiment: invalid options"))
            #expect(error.description.contains(message), "\(error.description)")
        }
    }
}

@Suite struct ReferenceListTargetTests {
    @Test func referenceEntriesDoNotNameTargets() throws {
        let analyzer = try SentimentAnalyzer.make(options: ["minimumMentions": 1])
        let text = "Moscow praised the deal.\nSources:\n[1] [Kommersant — “Rare earth demand”](#) from 25.02.2025"
        let targets = analyzer.analyze(Document(id: "d", text: text, sourcePath: "d"))
            .filter { $0.attributes["scope"] == "target" }.compactMap { $0.attributes["target"]?.stringValue }
        #expect(targets == ["Russia"])
    }
}

/// Pronouns read as mentions of the person named before them.
@Suite struct PronounTests {
    static func found(_ text: String, options: [String: JSONValue] = [:]) throws -> [Suggestion] {
        let analyzer = try SentimentAnalyzer.make(options: options)
        return analyzer.analyze(Document(id: "d", text: text, sourcePath: "d"))
    }

    static let story = "Mayor Grace Okafor opened the bridge on Monday. Residents booed her. She left early. He was not there."

    @Test func aPronounIsAMentionOfThePersonNamedBeforeIt() throws {
        let mentions = try Self.found(Self.story, options: ["annotateMentions": true, "minimumMentions": 1]).filter { $0.attributes["scope"] == "mention" }
        let okafor = mentions.filter { $0.attributes["target"] == "Grace Okafor" }
        // "Grace Okafor", "her" and "She"; "He", three sentences on, is nobody named: a target of its own.
        #expect(okafor.count == 3)
        #expect(okafor.filter { $0.attributes["pronoun"] == true }.count == 2)
        #expect(mentions.contains { $0.attributes["target"] == "He" })
    }

    @Test func pronounsDoNotMakeATargetToReviewByThemselves() throws {
        // One named mention and two pronouns: short of the default three named mentions.
        let targets = try Self.found(Self.story).filter { $0.attributes["scope"] == "target" }
        #expect(targets.isEmpty)
        let table = try #require(try Self.found(Self.story).first { $0.attributes["scope"] == "document" }?.attributes["targets"]?.objectValue)
        #expect(table["Grace Okafor"] != nil && table["He"] != nil)
    }

    @Test func aLoneWordOrABodysNameIsNoOneAPronounStandsFor() throws {
        let text = "Tuva welcomed the Direct Investment Fund. He spoke."
        let mentions = try Self.found(text, options: ["annotateMentions": true, "minimumMentions": 1]).filter { $0.attributes["pronoun"] == true }
        #expect(mentions.map { $0.attributes["target"] } == ["He"])
    }

    @Test func aSurnameAfterATitleIsAPersonAndANameAfterAPlaceIsNot() throws {
        let text = "Ms. Okafor thanked the nurses. She left early. The crews met at Camp Elm Harbor, where he waited."
        let mentions = try Self.found(text, options: ["annotateMentions": true, "minimumMentions": 1]).filter { $0.attributes["pronoun"] == true }
        #expect(Set(mentions.compactMap { $0.attributes["target"]?.stringValue }) == ["Okafor", "He"])
        #expect(mentions.count == 2)
    }

    @Test func aNameAfterAPrepositionAimedAtSomeoneIsAPerson() throws {
        // "at" after "lashed out" aims at a person, where "at Camp Elm" places something: "He" is the one lashed at.
        let text = "Grace Okafor lashed out at Erik Halvorsen on Monday. He had failed the town, she said."
        let mentions = try Self.found(text, options: ["annotateMentions": true, "minimumMentions": 1]).filter { $0.attributes["pronoun"] == true }
        #expect(mentions.contains { $0.attributes["target"] == "Erik Halvorsen" })
        // "faith in" puts trust in someone.
        let faith = "Voters kept their faith in Erik Halvorsen. He won easily."
        let pronouns = try Self.found(faith, options: ["annotateMentions": true, "minimumMentions": 1]).filter { $0.attributes["pronoun"] == true }
        // "their" is a group's pronoun, a target of its own; "He" is the one trusted.
        #expect(pronouns.contains { $0.attributes["target"] == "Erik Halvorsen" })
        #expect(!pronouns.contains { $0.attributes["target"] == "He" })
    }

    @Test func aGroupsPronounIsATargetNamedByItsGroup() throws {
        let text = "Grace Okafor thanked the nurses. She said they had saved her. We owe them, she added."
        let mentions = try Self.found(text, options: ["annotateMentions": true, "minimumMentions": 1]).filter { $0.attributes["scope"] == "mention" }
        #expect(mentions.filter { $0.attributes["target"] == "They" }.count == 2)
        #expect(mentions.filter { $0.attributes["target"] == "We" }.count == 1)
        #expect(mentions.filter { $0.attributes["target"] == "Grace Okafor" }.count == 4)
    }

    @Test func pronounsForNobodyNamedCanBeLeftToTheirSentences() throws {
        let text = "Grace Okafor thanked the nurses. She said they had saved her. We owe them, she added. He left."
        let mentions = try Self.found(text, options: ["annotateMentions": true, "minimumMentions": 1, "unresolvedPronouns": false])
            .filter { $0.attributes["scope"] == "mention" }
        // Okafor's pronouns still count for her; "they", "We", "them" and "He" name nobody.
        #expect(Set(mentions.compactMap { $0.attributes["target"]?.stringValue }) == ["Grace Okafor"])
        #expect(mentions.count == 4)
        let table = try #require(
            try Self.found(text, options: ["unresolvedPronouns": false]).first { $0.attributes["scope"] == "document" }?
                .attributes["targets"]?.objectValue)
        #expect(Set(table.keys) == ["Grace Okafor"])
    }

    @Test func theOptionTurnsThemOff() throws {
        let mentions = try Self.found(Self.story, options: ["annotateMentions": true, "minimumMentions": 1, "resolvePronouns": false])
            .filter { $0.attributes["scope"] == "mention" }
        #expect(mentions.map { $0.attributes["target"] } == ["Grace Okafor"])
    }
}

/// Definite descriptions ("the president") read as mentions.
@Suite struct DescriptionTests {
    static let story = "Grace Okafor opened the bridge on Monday. Later the mayor was booed. Lindqvist criticized the governor. The company said nothing."

    static func mentions(_ options: [String: JSONValue] = [:]) throws -> [Suggestion] {
        try PronounTests.found(Self.story, options: ["annotateMentions": true, "minimumMentions": 1].merging(options) { $1 })
            .filter { $0.attributes["scope"] == "mention" }
    }

    @Test func aDescriptionStandsForThePersonNamedInASentenceBefore() throws {
        let mentions = try Self.mentions()
        let okafor = mentions.filter { $0.attributes["target"] == "Grace Okafor" }
        #expect(okafor.count == 2)
        #expect(okafor.filter { $0.attributes["description"] == true }.count == 1)
    }

    @Test func aDescriptionMayHaveThreeModifiers() throws {
        let text = "Grace Okafor met the farmers on Monday. Later the former deputy prime minister was booed."
        let mentions = try PronounTests.found(text, options: ["annotateMentions": true, "minimumMentions": 1])
            .filter { $0.attributes["scope"] == "mention" && $0.attributes["description"] == true }
        #expect(mentions.map { $0.attributes["target"] } == ["Grace Okafor"])
    }

    @Test func aDescriptionBesideANameInItsOwnSentenceOrOfABodyIsATargetOfItsOwn() throws {
        let targets = Set(try Self.mentions().filter { $0.attributes["description"] == true }.compactMap { $0.attributes["target"]?.stringValue })
        // Lindqvist is not the governor, and neither is Grace Okafor, named before him.
        #expect(targets == ["Grace Okafor", "The governor", "The company"])
    }

    @Test func descriptionsDoNotMakeATargetToReviewByThemselves() throws {
        let text = "Grace Okafor spoke. The mayor smiled. The mayor waved. The mayor left."
        let targets = try PronounTests.found(text, options: ["minimumMentions": 2]).filter { $0.attributes["scope"] == "target" }
        #expect(targets.isEmpty)
    }

    @Test func theOptionTurnsThemOff() throws {
        let mentions = try Self.mentions(["resolveDescriptions": false])
        #expect(!mentions.contains { $0.attributes["description"] == true })
        #expect(Set(mentions.compactMap { $0.attributes["target"]?.stringValue }) == ["Grace Okafor", "Lindqvist"])
    }
}
