import Foundation
import LoupeCore

/// The words the per-target score reads around a mention, and the lines of
/// page furniture that are not article sentences (from `target-rules.json`;
/// its `newsValences` go into VADER's table, see ``VaderWord/news``).
struct TargetRules: Sendable {
    /// What a word is to the target scorer, as bits.
    struct Role: OptionSet, Sendable {
        let rawValue: UInt32
        /// A reporting verb: its subject is a speaker ("said", "told").
        static let speech = Role(rawValue: 1 << 0)
        /// A verb whose evaluation falls, negatively, on its object ("criticized").
        static let negativeObject = Role(rawValue: 1 << 1)
        /// A verb whose evaluation falls, positively, on its object ("praised").
        static let positiveObject = Role(rawValue: 1 << 2)
        /// A word allowed between a subject and its verb ("has", "was", "also").
        static let auxiliary = Role(rawValue: 1 << 3)
        /// A word allowed between a verb and its object ("the", "former").
        static let skipBeforeObject = Role(rawValue: 1 << 4)
        /// A noun of criticism, before a preposition ("criticism of").
        static let negativeNoun = Role(rawValue: 1 << 5)
        /// A noun of praise, before a preposition ("support for").
        static let positiveNoun = Role(rawValue: 1 << 6)
        /// A preposition that takes the object of a noun of criticism ("of", "against").
        static let negativePreposition = Role(rawValue: 1 << 7)
        /// A preposition that takes the object of a noun of praise ("for", "to").
        static let positivePreposition = Role(rawValue: 1 << 8)
        /// A negation ("not", "never"): a news word after it is left out.
        static let negation = Role(rawValue: 1 << 9)
        /// A verb whose subject receives what its object says ("faces", "drew", "under").
        static let receiving = Role(rawValue: 1 << 10)
        /// A preposition of place: a mention after it is a setting ("in", "across").
        static let setting = Role(rawValue: 1 << 12)
        /// A verb whose object is the one spoken to ("told", "asked").
        static let addressVerb = Role(rawValue: 1 << 13)
        /// A word of speaking before "to" or "with" and the one spoken to ("interview", "spoke").
        static let addressNoun = Role(rawValue: 1 << 14)
        /// "to" or "with" after a word of speaking.
        static let addressPreposition = Role(rawValue: 1 << 15)
        /// A form of "be" or "get" among the auxiliaries: an evaluating verb after it is passive ("was praised").
        static let passive = Role(rawValue: 1 << 16)
        /// A noun of winning before "over" and the one beaten ("a victory over", "a lead over").
        static let contestNoun = Role(rawValue: 1 << 17)
        /// A verb that names its object with what follows ("called", "labelled", "dubbed").
        static let naming = Role(rawValue: 1 << 18)
        /// A word that opens a phrase of place, time or manner after a speech verb ("in", "on", "last").
        static let reportAdjunct = Role(rawValue: 1 << 19)
        /// A lower-case word for the ones spoken to after "told" ("reporters").
        static let reportAddressee = Role(rawValue: 1 << 20)
        /// A verb of winning over someone ("defeated", "unseated"): its subject is the victor.
        static let contestVerb = Role(rawValue: 1 << 21)
        /// A verb of bodily harm ("killed", "shot"): its object, or its subject in the passive, is a victim.
        static let harmVerb = Role(rawValue: 1 << 22)
        /// A noun of bodily harm before "of" ("the murder of"): the one after it is a victim.
        static let harmNoun = Role(rawValue: 1 << 23)
        /// A possessive determiner ("his", "their"): a mention that is one belongs to the noun after it.
        static let possessiveDeterminer = Role(rawValue: 1 << 24)
        /// A word with a news valence of 0 that is a verb after a subject or "do" ("like" in "I like", "trust" in "they don't trust").
        static let verbSense = Role(rawValue: 1 << 25)
        /// A subject pronoun, a form of "do" or a negation: a word of ``verbSense`` after it is a verb.
        static let verbSubject = Role(rawValue: 1 << 26)
        /// A verb of dying ("died", "perished"): its subject is a victim.
        static let deathVerb = Role(rawValue: 1 << 27)
    }

    /// Roles by the UTF-8 of a word, lower-case and capitalised.
    private var roles = ByteKeyTable<Role>(capacity: 512)
    /// Whether some word with a role has this first byte and length (index
    /// `byte * 32 + min(length, 31)`): most words are passed over without hashing.
    private var roleShapes = [Bool](repeating: false, count: 256 * 32)
    /// The valence an evaluating verb gives its object.
    let objectValence: Double
    /// How many tokens away from a mention a word counts half (it weighs `1 / (1 + distance / distanceHalfWeight)`).
    let distanceHalfWeight: Double
    /// The further factor for a word in another clause than the mention's.
    let otherClauseWeight: Double
    /// How many tokens away from a mention a word still counts at all.
    let distanceReach: Int
    /// The clause breaks as UTF-8, and whether some break has this first byte and length (index
    /// `byte * 32 + min(length, 31)`): most tokens are passed over at once.
    private let clauseBreaks: [[UInt8]]
    private var clauseBreakShapes = [Bool](repeating: false, count: 256 * 32)
    /// Lines of page furniture, lower-case, without final punctuation.
    let furniture: Set<String>
    /// The longest furniture line, in UTF-8 bytes.
    let longestFurniture: Int
    /// Labels that open a line of furniture whatever follows, lower-case ("photo:", "image credit:").
    let furnitureLabels: [String]
    /// The first bytes of ``furnitureLabels``.
    let furnitureLabelInitials: Set<UInt8>
    /// ``furnitureLabels`` as UTF-8.
    let furnitureLabelBytes: [[UInt8]]
    /// The labels of ``furnitureLabels`` that may follow a caption's name ("Dana Whitfield Image: …"), lower case, as UTF-8.
    let captionLabelBytes: [[UInt8]]

    private struct File: Decodable {
        var objectValence: Double
        var speechVerbs: [String]
        var negativeObject: [String]
        var positiveObject: [String]
        var auxiliaries: [String]
        var skipBeforeObject: [String]
        var pageFurniture: [String]
        var pageFurnitureLabels: [String]?
        var captionLabels: [String]?
        var negativeNouns: [String]
        var positiveNouns: [String]
        var negativePrepositions: [String]
        var positivePrepositions: [String]
        var negations: [String]
        var receivingVerbs: [String]
        var distanceHalfWeight: Double
        var otherClauseWeight: Double
        var distanceReach: Int
        var clauseBreaks: [String]
        var settingPrepositions: [String]
        var addressVerbs: [String]
        var addressNouns: [String]
        var addressPrepositions: [String]
        var passiveAuxiliaries: [String]
        var contestNouns: [String]
        var namingVerbs: [String]
        var reportAdjuncts: [String]
        var reportAddressees: [String]
        var contestVerbs: [String]
        var harmVerbs: [String]
        var harmNouns: [String]
        var possessiveDeterminers: [String]
        var verbSenseWords: [String]
        var verbSubjects: [String]
        var deathVerbs: [String]
    }

    init(url: URL) throws(AnalyzerError) {
        let file = try BundledJSON.decode(File.self, from: url, kind: "a target rules file")
        objectValence = file.objectValence
        guard file.distanceHalfWeight > 0, (0...1).contains(file.otherClauseWeight), file.distanceReach > 0 else {
            throw .invalidData(path: url.path, reason: "distanceHalfWeight and distanceReach must be above 0 and otherClauseWeight from 0 to 1")
        }
        distanceReach = file.distanceReach
        distanceHalfWeight = file.distanceHalfWeight
        otherClauseWeight = file.otherClauseWeight
        for (words, role) in [
            (file.speechVerbs, Role.speech), (file.negativeObject, .negativeObject), (file.positiveObject, .positiveObject),
            (file.auxiliaries, .auxiliary), (file.skipBeforeObject, .skipBeforeObject),
            (file.negativeNouns, .negativeNoun), (file.positiveNouns, .positiveNoun),
            (file.negativePrepositions, .negativePreposition), (file.positivePrepositions, .positivePreposition),
            (file.negations, .negation), (file.receivingVerbs, .receiving),
            (file.settingPrepositions, .setting), (file.addressVerbs, .addressVerb), (file.addressNouns, .addressNoun),
            (file.addressPrepositions, .addressPreposition), (file.passiveAuxiliaries, .passive),
            (file.contestNouns, .contestNoun), (file.namingVerbs, .naming),
            (file.reportAdjuncts, .reportAdjunct), (file.reportAddressees, .reportAddressee), (file.contestVerbs, .contestVerb),
            (file.harmVerbs, .harmVerb), (file.harmNouns, .harmNoun), (file.possessiveDeterminers, .possessiveDeterminer),
            (file.verbSenseWords, .verbSense), (file.verbSubjects, .verbSubject), (file.deathVerbs, .deathVerb),
            // A defeating verb is criticism of the one beaten: one list says both.
            (file.contestVerbs, .negativeObject),
        ] {
            for word in words {
                for form in Set([word, word.prefix(1).uppercased() + word.dropFirst()]) {
                    roles.insert(form, role) { $0.union($1) }
                    if let first = form.utf8.first { roleShapes[Int(first) * 32 + min(form.utf8.count, 31)] = true }
                }
            }
        }
        clauseBreaks = Array(Set(file.clauseBreaks.flatMap { [Array($0.utf8), Array(($0.prefix(1).uppercased() + $0.dropFirst()).utf8)] }))
        for word in clauseBreaks { if let first = word.first { clauseBreakShapes[Int(first) * 32 + min(word.count, 31)] = true } }
        furniture = Set(file.pageFurniture.map { $0.lowercased() })
        longestFurniture = file.pageFurniture.map(\.utf8.count).max() ?? 0
        furnitureLabels = (file.pageFurnitureLabels ?? []).map { $0.lowercased() }
        furnitureLabelInitials = Set(furnitureLabels.compactMap(\.utf8.first))
        furnitureLabelBytes = furnitureLabels.map { Array($0.utf8) }
        captionLabelBytes = (file.captionLabels ?? []).map { Array($0.lowercased().utf8) }
    }

    /// The roles of a word (none for most words, found without hashing).
    @inline(__always)
    func role(of word: UnsafeBufferPointer<UInt8>) -> Role {
        guard let first = word.first, roleShapes[Int(first) * 32 + min(word.count, 31)] else { return [] }
        return roles.value(for: word) ?? []
    }

    /// Whether a token opens another clause ("but", ";"), compared without hashing.
    @inline(__always)
    func isClauseBreak(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = word.first, clauseBreakShapes[Int(first) * 32 + min(word.count, 31)] else { return false }
        for candidate in clauseBreaks where candidate.count == word.count && candidate.elementsEqual(word) { return true }
        return false
    }

    /// Whether a sentence or line opens with a credit label ("Photo: Ann Fisher via Eastport Images",
    /// "Image: Remi Fisher."): a credit, whatever it credits, in a line of its own or in a caption. A line of
    /// its own (`wholeLine`) may also give a caption's name of up to ``captionWords`` capitalised words
    /// before one of the caption labels ("Dana Whitfield Image: Eastport Council."; not "Universal Credit:
    /// …", a heading). Most sentences are passed over on their first letter, lowered, without a string.
    func opensWithFurnitureLabel(_ text: Substring, wholeLine: Bool) -> Bool {
        let utf8 = text.utf8
        // Spaces and tabs before the label; then its bytes, ASCII capitals lowered, compared in place.
        guard var start = utf8.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }) else { return false }
        if Self.hasLabel(utf8[start...], among: furnitureLabelBytes, initials: furnitureLabelInitials) { return true }
        guard wholeLine, !captionLabelBytes.isEmpty else { return false }
        for _ in 0..<Self.captionWords {
            // The name goes on only with a capitalised word (a capital A to Z) and a space after it.
            let first = utf8[start]
            guard first >= 0x41 && first <= 0x5A, let space = utf8[start...].firstIndex(of: 0x20),
                utf8.index(after: space) < utf8.endIndex
            else { return false }
            start = utf8.index(after: space)
            if Self.hasLabel(utf8[start...], among: captionLabelBytes, initials: nil) { return true }
        }
        return false
    }

    /// The most capitalised words a caption's name before a caption label may have.
    static let captionWords = 4

    /// Whether `opening` starts with one of `labels` (lower case), ASCII capitals lowered.
    private static func hasLabel(_ opening: Substring.UTF8View.SubSequence, among labels: [[UInt8]], initials: Set<UInt8>?) -> Bool {
        guard let first = opening.first, first < 0x80 else { return false }
        if let initials, !initials.contains(first | 0x20) { return false }
        return labels.contains { label in
            let written = opening.prefix(label.count)
            return written.count == label.count
                && zip(written, label).allSatisfy { byte, expected in (byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) == expected }
        }
    }

    /// Whether a whole line is page furniture ("Leave a Reply", "Share this:"); a line that opens with a
    /// credit label is asked of ``opensWithFurnitureLabel(_:)`` first, by the caller.
    func isFurniture(_ line: Substring) -> Bool {
        guard line.utf8.count <= longestFurniture + 4 else { return false }
        var trimmed = line.lowercased()[...]
        while let last = trimmed.last, last.isPunctuation || last.isWhitespace || last.isSymbol { trimmed = trimmed.dropLast() }
        while let first = trimmed.first, first.isWhitespace { trimmed = trimmed.dropFirst() }
        return furniture.contains(String(trimmed))
    }
}
