import Foundation
import LoupeCore

/// Who or what sentiment can be about: targets with their aliases (from
/// `targets.json`, extended by options), and the words that are never names.
struct TargetLexicon: Sendable {
    struct Target: Sendable, Hashable {
        var name: String
        var kind: String
    }

    struct Alias: Sendable {
        /// The alias's tokens after the first, as UTF-8.
        var rest: [[UInt8]]
        var target: Int
    }

    /// What a word is to the name finder, as bits of ``wordFlags``.
    struct WordFlags: OptionSet, Sendable {
        let rawValue: UInt32
        /// A capitalised word that is never a name ("The", "Monday").
        static let notName = WordFlags(rawValue: 1 << 0)
        /// A title before a name ("President", "Minister").
        static let title = WordFlags(rawValue: 1 << 1)
        /// A word belonging to a title when one follows ("Foreign", "Deputy").
        static let titleModifier = WordFlags(rawValue: 1 << 2)
        /// A lower-case word inside a name ("of", "von", "bin").
        static let connector = WordFlags(rawValue: 1 << 3)
        /// A possessive that belongs inside a name ("People's" in "Lugansk People's Republic").
        static let namePossessive = WordFlags(rawValue: 1 << 4)
        /// A word that, after a lone capitalised word opening a sentence, shows it is a name ("said", "has").
        static let nameFollower = WordFlags(rawValue: 1 << 5)
        /// A word that makes a name a body's, not a person's ("Fund", "Ministry", "Times").
        static let bodyWord = WordFlags(rawValue: 1 << 6)
        /// A verb in the past tense or a modal that, after a lone capitalised word opening a sentence that
        /// could be a surname, shows it is one ("Okafor took", "Okafor should").
        static let nameVerb = WordFlags(rawValue: 1 << 7)
        /// A word that may follow a description's noun ("the president and", "the company to"): with punctuation,
        /// nameFollowers, nameVerbs and verbs in -ed, what shows the noun is not part of a compound ("the executive order").
        static let descriptionFollower = WordFlags(rawValue: 1 << 8)
        /// An adverb allowed between a lone capitalised word opening a sentence and the verb that shows it is a name ("Smith later admitted").
        static let nameAdverb = WordFlags(rawValue: 1 << 9)
        /// The noun of a description of a person ("president" in "the president").
        static let personDescription = WordFlags(rawValue: 1 << 10)
        /// The noun of a description of a body ("company" in "the company").
        static let bodyDescription = WordFlags(rawValue: 1 << 11)
        /// A word allowed between "the" and a description's noun ("former", "foreign").
        static let descriptionModifier = WordFlags(rawValue: 1 << 12)
        /// A word that makes a longer place name of the alias after it ("New" in "New Mexico").
        static let placePrefix = WordFlags(rawValue: 1 << 13)
        /// A preposition of place before a name ("in", "at"): the name is a place, not a person a pronoun stands for.
        static let placePreposition = WordFlags(rawValue: 1 << 14)
        /// A word after which a preposition of place aims at someone rather than placing something ("lashed out at",
        /// "a swipe at", "faith in"): the name after the preposition may be a person's.
        static let aimWord = WordFlags(rawValue: 1 << 15)
        /// A month's name that is also a surname ("May"): after a name word, with no number after it, it
        /// ends that name ("Theresa May", not "Monday May 4").
        static let nameMonth = WordFlags(rawValue: 1 << 16)
        /// A title that is also a surname ("King"): after given names, with no name after it, it ends
        /// their name ("Martin Luther King", "Stephen King"; "King Abdullah" is a title).
        static let surnameTitle = WordFlags(rawValue: 1 << 17)
        /// A party's or a faith's adjective ("Conservative", "Catholic"): written with a capital inside a
        /// sentence it names a group, as a party or a church, and is kept as a name.
        static let groupAdjective = WordFlags(rawValue: 1 << 18)
        /// The head word of an office or a body after coordinated fields ("Committee" in "Energy and Natural
        /// Resources Committee"): institutions, not places or forces ("Cedar Rapids County", "Air Force").
        static let fieldHead = WordFlags(rawValue: 1 << 19)
    }

    /// Lower-case words that join the parts of a name ("Bank of England", "Ursula von der Leyen").
    static let connectors = ["of", "de", "von", "van", "der", "al", "bin", "la", "du"]

    var targets: [Target] = []
    /// The common words of English: a capitalised word opening a sentence that is none of them is a name.
    let commonWords: CommonWords
    /// Aliases by the UTF-8 of their first token: an index into ``aliasLists``.
    private(set) var aliasTable = ByteKeyTable<Int>(capacity: 512)
    /// Aliases sharing a first token, longest first.
    private(set) var aliasLists: [[Alias]] = []
    /// Words the name finder treats specially, by their UTF-8 (case-sensitive).
    private(set) var wordFlags = ByteKeyTable<WordFlags>(capacity: 256)
    /// The first UTF-8 byte of every alias, to skip most tokens without hashing them.
    private var aliasFirstBytes = [Bool](repeating: false, count: 256)

    /// Whether an alias could start with this byte.
    @inline(__always)
    func isAliasStart(_ byte: UInt8) -> Bool { aliasFirstBytes[Int(byte)] }
    /// The first bytes of person pronouns: most words need no look-up to know they are none.
    /// Whether some pronoun has this first byte and length in bytes (index `byte * 32 + min(length, 31)`):
    /// "the", "to", "we’ve" are passed over without hashing.
    private var pronounShapes = [Bool](repeating: false, count: 256 * 32)
    @inline(__always)
    func mayBePronoun(first byte: UInt8, length: Int) -> Bool { pronounShapes[Int(byte) * 32 + min(length, 31)] }
    /// Whether some pronoun starts with this byte: most words are passed over on their first byte alone.
    private var pronounFirstBytes = [Bool](repeating: false, count: 256)
    @inline(__always)
    func mayStartPronoun(_ byte: UInt8) -> Bool { pronounFirstBytes[Int(byte)] }
    /// Each person pronoun's group ("he", "him", "his" one; "she", "her" another): a person called by one is not called by the other.
    private(set) var pronounGroups = ByteKeyTable<Int32>(capacity: 32)
    /// Groups of ``pronounGroups`` from this number on are a group's pronouns (groupPronouns), never a person's.
    static let firstGroupPronoun: Int32 = 1 << 16
    /// The names of the groups of groupPronouns ("They", "We"), from ``firstGroupPronoun`` on.
    private(set) var groupPronounNames: [String] = []

    /// The name of a group's pronoun group ("They" for "them"), or `nil` for a person's.
    func groupPronounName(_ group: Int32) -> String? {
        let index = Int(group - Self.firstGroupPronoun)
        return index >= 0 && index < groupPronounNames.count ? groupPronounNames[index] : nil
    }
    /// Whether a word is a description's noun, and if so whether a body's (`nil`: not one).
    @inline(__always)
    func descriptionIsBody(_ word: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard let flags = wordFlags.value(for: word) else { return nil }
        if flags.contains(.bodyDescription) { return true }
        return flags.contains(.personDescription) ? false : nil
    }

    /// Whether a word may stand between "the" and a description's noun.
    @inline(__always)
    func isDescriptionModifier(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        wordFlags.value(for: word)?.contains(.descriptionModifier) ?? false
    }


    private struct File: Decodable {
        struct Entry: Decodable {
            var name: String
            var kind: String
            var aliases: [String]
        }
        var targets: [Entry]
        var notNames: [String]
        var titles: [String]
        var titleModifiers: [String]
        var namePossessives: [String]?
        var nameFollowers: [String]?
        var nameVerbs: [String]?
        var nameAdverbs: [String]?
        /// The pronouns of a person, in groups ("He": he, him, his…; "She": she, her…).
        var personPronouns: [String: [String]]?
        /// The pronouns of a group ("They": they, them, their…; "We": we, us, our…): never a person's.
        var groupPronouns: [String: [String]]?
        var bodyWords: [String]?
        /// Words that open a place name ending in an alias ("New Mexico", "West Virginia", "Papua New Guinea").
        var placePrefixes: [String]?
        /// Prepositions of place: a name after one is no person a pronoun stands for ("at Camp Elm").
        var placePrepositions: [String]?
        /// Words before a preposition of place that make it aim at someone ("lashed out at Ann Okafor", "faith in Ann Okafor").
        var aimWords: [String]?
        /// Nouns of definite descriptions, of people and of bodies ("the president", "the company").
        var descriptions: Descriptions?
        var descriptionModifiers: [String]?
        var descriptionFollowers: [String]?
        /// Months' names that are surnames too ("May"), among notNames.
        var nameMonths: [String]?
        /// Titles that are surnames too ("King"), among titles.
        var surnameTitles: [String]?
        /// Adjectives of parties and faiths ("Conservative", "Catholic"), names of groups.
        var groupAdjectives: [String]?
        /// Head words of offices and bodies after coordinated fields ("Committee", "Department").
        var fieldHeads: [String]?
    }

    private struct Descriptions: Decodable {
        var people: [String]
        var bodies: [String]
    }

    init(url: URL, extra: [String: [String]], commonWords: CommonWords) throws(AnalyzerError) {
        self.commonWords = commonWords
        let file = try BundledJSON.decode(File.self, from: url, kind: "a targets file")
        for (words, flag) in [
            (file.notNames, WordFlags.notName), (file.titles, .title), (file.titleModifiers, .titleModifier),
            (Self.connectors, .connector), (file.namePossessives ?? [], .namePossessive),
            (file.nameFollowers ?? [], .nameFollower), (file.nameVerbs ?? [], .nameVerb),
            (file.nameAdverbs ?? [], .nameAdverb),
            (file.descriptionFollowers ?? [], .descriptionFollower),
            (file.descriptions?.people ?? [], .personDescription), (file.descriptions?.bodies ?? [], .bodyDescription),
            (file.descriptionModifiers ?? [], .descriptionModifier),
            (file.bodyWords ?? [], .bodyWord), (file.placePrefixes ?? [], .placePrefix),
            (file.placePrepositions ?? [], .placePreposition), (file.aimWords ?? [], .aimWord),
            (file.nameMonths ?? [], .nameMonth), (file.surnameTitles ?? [], .surnameTitle),
            (file.groupAdjectives ?? [], .groupAdjective), (file.fieldHeads ?? [], .fieldHead),
        ] {
            for word in words { wordFlags.insert(word, flag) { $0.union($1) } }
        }
        for (group, name) in (file.personPronouns ?? [:]).keys.sorted().enumerated() {
            for word in file.personPronouns?[name] ?? [] {
                if let byte = word.utf8.first {
                    pronounShapes[Int(byte) * 32 + min(word.utf8.count, 31)] = true
                    pronounFirstBytes[Int(byte)] = true
                }
                pronounGroups.insert(word, Int32(group))
            }
        }
        for (group, name) in (file.groupPronouns ?? [:]).keys.sorted().enumerated() {
            groupPronounNames.append(name)
            for word in file.groupPronouns?[name] ?? [] {
                if let byte = word.utf8.first {
                    pronounShapes[Int(byte) * 32 + min(word.utf8.count, 31)] = true
                    pronounFirstBytes[Int(byte)] = true
                }
                pronounGroups.insert(word, Self.firstGroupPronoun + Int32(group))
            }
        }
        for entry in file.targets { try add(Target(name: entry.name, kind: entry.kind), aliases: entry.aliases + [entry.name]) }
        for (name, aliases) in extra.sorted(by: { $0.key < $1.key }) {
            guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw .invalidOptions(analyzer: SentimentAnalyzer.descriptor.id, reason: "a target needs a name")
            }
            let existing = targets.firstIndex { $0.name == name }
            try add(existing.map { targets[$0] } ?? Target(name: name, kind: "custom"), aliases: aliases + [name])
        }
        for index in aliasLists.indices { aliasLists[index].sort { $0.rest.count > $1.rest.count } }
    }

    private mutating func add(_ target: Target, aliases list: [String]) throws(AnalyzerError) {
        let index: Int
        if let existing = targets.firstIndex(of: target) {
            index = existing
        } else {
            targets.append(target)
            index = targets.count - 1
        }
        for alias in Set(list).sorted() {
            for form in Set([alias, alias.uppercased()]).sorted() {
                let words = Self.words(of: form)
                guard let first = words.first else {
                    throw .invalidOptions(analyzer: SentimentAnalyzer.descriptor.id, reason: "target \"\(target.name)\" has an empty alias")
                }
                let alias = Alias(rest: words.dropFirst().map { Array($0.utf8) }, target: index)
                if let list = aliasTable.value(for: String(first)) {
                    aliasLists[list].append(alias)
                } else {
                    aliasTable.insert(String(first), aliasLists.count)
                    aliasLists.append([alias])
                }
                if let byte = first.utf8.first { aliasFirstBytes[Int(byte)] = true }
            }
        }
    }

    /// Whether a detected name is a body's rather than a person's: one of its words is a body word.
    func isBodyName(_ name: String) -> Bool {
        var name = name
        return name.withUTF8 { bytes in
            var start = 0
            for end in 0...bytes.count where end == bytes.count || bytes[end] == 0x20 {
                defer { start = end + 1 }
                guard end > start else { continue }
                if wordFlags.value(for: UnsafeBufferPointer(rebasing: bytes[start..<end]))?.contains(.bodyWord) == true { return true }
            }
            return false
        }
    }

    /// Whether `word` is by itself an alias of a country ("Russian", "American").
    func isCountryWord(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let list = aliasTable.value(for: word) else { return false }
        return aliasLists[list].contains { $0.rest.isEmpty && targets[$0.target].kind == "country" }
    }

    /// An alias's tokens, as the segmenter splits document text. Not cut short
    /// by Ctrl-C: a lexicon loaded after a stop was requested read every alias
    /// as empty and failed with "has an empty alias" (seen in the interrupt test).
    static func words(of text: String) -> [Substring] {
        let tokens = Segmenter.segment(text, index: ScalarIndex(text), interruptible: false).tokens
        return tokens.map { text.slice(utf8: $0.span.utf8) }
    }
}
