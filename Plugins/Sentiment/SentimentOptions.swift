import LoupeCore

/// Options of the sentiment analyzer; every field has a default.
public struct SentimentOptions: AnalyzerOptions, Equatable {
    /// Annotate every sentence, neutral ones (compound between −0.05 and
    /// 0.05) included, whatever `sentenceThreshold` says.
    public var includeNeutral: Bool
    /// The least absolute compound score for which a sentence gets its own
    /// annotation: by default 0.8, a strongly charged sentence; VADER's own
    /// polarity cut, 0.05, marks every polar sentence. Every sentence's
    /// score still counts in the document annotation.
    public var sentenceThreshold: Double
    /// Extra targets: a name and its aliases (`{"Gazprom": ["Gazprom", "Gazprom's"]}`);
    /// a name already known gains the aliases.
    public var targets: [String: [String]]
    /// Treat capitalised names not in the target list as targets too.
    public var detectNames: Bool
    /// Targets mentioned fewer times are left out of the target annotations
    /// (by default 3: the people and bodies a text keeps coming back to).
    public var minimumMentions: Int
    /// Read "he", "she", "his", "her" as mentions of the person named last
    /// (in the same sentence or the two before): what a text says of a person
    /// it goes on calling "he" is scored for that person. Pronoun mentions
    /// count in a target's score and `mentions`, but only named mentions count
    /// toward `minimumMentions`.
    public var resolvePronouns: Bool
    /// With `resolvePronouns`, a pronoun that stands for no one named is a
    /// target of its own, named as written ("She", "His"), and a group's
    /// "they", "them", "we", "us"… are targets named "They" and "We" (what a
    /// text says of "us" and "them"). On by default: human annotators of news
    /// sentiment count such pronouns as targets (NewsMTSC, the development
    /// data); off, they are left to their sentences and stay out of the tables
    /// (a description that stands for nobody, "The company", is
    /// `resolveDescriptions`'s).
    public var unresolvedPronouns: Bool
    /// Read definite descriptions ("the president", "the former prime
    /// minister", "the company") as mentions: of a person, of the person named
    /// last in one of the two sentences before, when no name stands before it
    /// in its own (in "Jones criticized the president" the president is
    /// someone else);
    /// otherwise, and for a body, as a target of its own named as written
    /// ("The president"). Like pronouns, they count in a target's score but not
    /// toward `minimumMentions`.
    public var resolveDescriptions: Bool
    /// Annotate every mention of a target with its own polarity (label
    /// `positive`, `negative` or `neutral`, scope `mention`) and the rules
    /// that decided it: for reading how each mention was scored.
    public var annotateMentions: Bool

    public init() {
        includeNeutral = false
        sentenceThreshold = 0.8
        targets = [:]
        detectNames = true
        minimumMentions = 3
        annotateMentions = false
        resolvePronouns = true
        resolveDescriptions = true
        unresolvedPronouns = true
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = SentimentOptions()
        includeNeutral = try container.decodeIfPresent(Bool.self, forKey: .includeNeutral) ?? defaults.includeNeutral
        sentenceThreshold = try container.decodeIfPresent(Double.self, forKey: .sentenceThreshold) ?? defaults.sentenceThreshold
        targets = try container.decodeIfPresent([String: [String]].self, forKey: .targets) ?? defaults.targets
        detectNames = try container.decodeIfPresent(Bool.self, forKey: .detectNames) ?? defaults.detectNames
        minimumMentions = try container.decodeIfPresent(Int.self, forKey: .minimumMentions) ?? defaults.minimumMentions
        annotateMentions = try container.decodeIfPresent(Bool.self, forKey: .annotateMentions) ?? defaults.annotateMentions
        resolvePronouns = try container.decodeIfPresent(Bool.self, forKey: .resolvePronouns) ?? defaults.resolvePronouns
        resolveDescriptions = try container.decodeIfPresent(Bool.self, forKey: .resolveDescriptions) ?? defaults.resolveDescriptions
        unresolvedPronouns = try container.decodeIfPresent(Bool.self, forKey: .unresolvedPronouns) ?? defaults.unresolvedPronouns
    }
}
