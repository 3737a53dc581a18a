import Foundation
import LoupeCore

/// What kind of source a phrase names (the `sourceKind` attribute).
public enum SourceKind: String, Sendable, CaseIterable {
    case person, organization, government, media, document, anonymous
}

/// How a reporting verb is used (see `reporting-verbs.tsv`).
enum VerbUse: String, Sendable {
    /// Attributes words to a speaker.
    case speech
    /// A document, data or outlet reports a finding.
    case evidence
    /// Attributes only when a quotation follows ("dismissed X as “…”").
    case quote
    /// A source's thought or judgement ("she believes …", "they fear …"): needs a subject.
    case belief
    /// What a source wants, plans or backs ("he wants to …", "they oppose …"): needs a subject,
    /// and an infinitive or (for verbs of wanting and backing) an object.
    case intention
}

/// A reporting verb form with its lemma and the stance it lends.
struct ReportingVerb: Sendable, Hashable {
    var form: String
    var lemma: String
    /// neutral, assertive, doubt, concession or negative.
    var stance: String
    var use: VerbUse
    /// An -ing form: it attaches to the speaker of its clause (", noting that …"). In a phrasal
    /// form the first word decides (", referring to …", ", pointing out that …").
    var isParticiple: Bool {
        // By bytes: this is asked of every verb the finder meets.
        let head = form.utf8.prefix { $0 != 0x20 }
        return head.count >= 3 && head.suffix(3).elementsEqual("ing".utf8)
    }
    /// A verb of saying or reporting (not of thought or intention): it may
    /// stand after its words ("…, said X") and opens a clause of its own.
    var isSpeech: Bool { use == .speech || use == .evidence || use == .quote }
}

/// How an attribution phrase relates its source to the words.
enum PhrasePattern: String, Sendable {
    case accordingTo = "according-to"
    case reportedBy = "reported-by"
    case interview
    case quotedAsSaying = "quoted-as-saying"
}

/// One entry of the citation lexicons.
enum CitationTerm: Sendable {
    case verb(ReportingVerb)
    /// A noun of saying, belief or intention ("her claim that …"), with its reading.
    case noun(VerbUse)
    /// An adjective after "be" ("she is confident that …"); a stance ("wary of") only with the option.
    case adjective(isStance: Bool)
    case phrase(String, PhrasePattern)
    case role
    case anonymous
    case outlet
    case sourceWord(SourceKind)
}

/// The source-citation lexicons, read from a folder of TSV files and matched
/// as one cue lexicon (forms as written, case folded, not stemmed: "states"
/// the verb must not match "state" the noun).
///
/// - `reporting-verbs.tsv`: `form<TAB>lemma<TAB>stance<TAB>use`
/// - `attribution-phrases.tsv`: `phrase<TAB>pattern`
/// - `roles.tsv`, `anonymous-sources.tsv`, `media-outlets.tsv`: one phrase per line
/// - `source-words.tsv`: `word<TAB>kind`
/// - `attribution-nouns.tsv`: `noun<TAB>reading` (speech, belief or intention)
/// - `stance-adjectives.tsv`: `adjective<TAB>reading` (belief or stance)
///
/// `#` starts a comment line; blank lines are skipped. A bad line is an
/// error naming the file and line.
struct CitationLexicon: Sendable {
    let terms: CueLexicon<CitationTerm>
    /// The one-word roles with a possessive ending, lower case ("envoy's", "minister's"): the
    /// lexicon's forms are exact, and "the Envoy's view" names an office holder as "the Envoy" does.
    let possessiveRoles: Set<String>

    static let files = [
        "reporting-verbs.tsv", "attribution-phrases.tsv", "roles.tsv", "anonymous-sources.tsv", "media-outlets.tsv",
        "source-words.tsv", "attribution-nouns.tsv", "stance-adjectives.tsv",
    ]

    init(folder: URL, extraOutlets: [String] = []) throws(AnalyzerError) {
        var lexicon = CueLexicon<CitationTerm>()
        var possessiveRoles: Set<String> = []
        for name in Self.files {
            let file = folder.appendingPathComponent(name)
            for (line, fields) in try Self.lines(of: file) {
                let location = "\(file.path):\(line)"
                let term: CitationTerm
                switch name {
                case "reporting-verbs.tsv":
                    guard fields.count == 4 else {
                        throw .invalidData(path: location, reason: "expected form<TAB>lemma<TAB>stance<TAB>use, found \(fields.count) field(s)")
                    }
                    guard let use = VerbUse(rawValue: fields[3]) else {
                        throw .invalidData(path: location, reason: "use must be speech, evidence, quote, belief or intention, not \"\(fields[3])\"")
                    }
                    guard ["neutral", "assertive", "doubt", "concession", "negative"].contains(fields[2]) else {
                        throw .invalidData(path: location, reason: "stance must be neutral, assertive, doubt, concession or negative, not \"\(fields[2])\"")
                    }
                    term = .verb(ReportingVerb(form: fields[0].lowercased(), lemma: fields[1], stance: fields[2], use: use))
                case "attribution-phrases.tsv":
                    guard fields.count == 2, let pattern = PhrasePattern(rawValue: fields[1]) else {
                        throw .invalidData(path: location, reason: "expected phrase<TAB>pattern (according-to, reported-by, interview or quoted-as-saying)")
                    }
                    term = .phrase(fields[0], pattern)
                case "attribution-nouns.tsv":
                    guard fields.count == 2, let reading = VerbUse(rawValue: fields[1]), [.speech, .belief, .intention].contains(reading) else {
                        throw .invalidData(path: location, reason: "expected noun<TAB>reading (speech, belief or intention)")
                    }
                    term = .noun(reading)
                case "stance-adjectives.tsv":
                    guard fields.count == 2, ["belief", "stance"].contains(fields[1]) else {
                        throw .invalidData(path: location, reason: "expected adjective<TAB>reading (belief or stance)")
                    }
                    term = .adjective(isStance: fields[1] == "stance")
                case "source-words.tsv":
                    guard fields.count == 2, let kind = SourceKind(rawValue: fields[1]) else {
                        throw .invalidData(path: location, reason: "expected word<TAB>kind (person, organization, government, media, document or anonymous)")
                    }
                    term = .sourceWord(kind)
                default:
                    guard fields.count == 1 else {
                        throw .invalidData(path: location, reason: "expected one phrase per line, found \(fields.count) fields")
                    }
                    term = name == "roles.tsv" ? .role : name == "anonymous-sources.tsv" ? .anonymous : .outlet
                    if name == "roles.tsv", !fields[0].contains(" "), !fields[0].hasSuffix(".") { possessiveRoles.insert(fields[0].lowercased() + "'s") }
                }
                do {
                    try lexicon.add(fields[0], payload: term, exact: true)
                } catch {
                    throw .invalidData(path: location, reason: error.description)
                }
            }
        }
        for outlet in extraOutlets {
            do {
                try lexicon.add(outlet, payload: .outlet, exact: true)
            } catch {
                throw .invalidOptions(analyzer: "source-citation", reason: "outlets: \(error.description)")
            }
        }
        terms = lexicon
        self.possessiveRoles = possessiveRoles
    }

    /// The non-comment lines of a file, split on tabs, with their line numbers.
    private static func lines(of file: URL) throws(AnalyzerError) -> [(Int, [String])] {
        let data = try DataFile(url: file)
        var result: [(Int, [String])] = []
        try data.forEachRecord { (line, fields) throws(AnalyzerError) in
            if fields.contains(where: \.isEmpty) {
                throw .invalidData(path: data.location(ofLine: line), reason: "empty field")
            }
            result.append((line, fields))
        }
        return result
    }
}
