import Foundation
import LoupeCore

/// Who is cited, how, and saying what: direct, indirect and mixed quotes
/// with their speakers, "according to" attributions of outlets, data and
/// documents, and numbered reference markers linked to the closing source
/// list. Each source gets one canonical id per document, a kind and a role;
/// a document summary tabulates them.
public struct SourceCitationAnalyzer: Analyzer {
    public typealias Options = SourceCitationOptions

    public static let descriptor = AnalyzerDescriptor(
        id: "source-citation", name: "Source Citation",
        summary: "Finds who is quoted or cited (directly, indirectly, 'according to', numbered references) and what they are credited with.",
        version: "1.6.0",
        labels: ["direct-quote", "indirect-quote", "mixed-quote", "according-to", "reference-marker", "sources"], colour: .green)

    public static var examplesURL: URL? { Bundle.module.url(forResource: "examples", withExtension: "json") }

    static let layer = "source-citation"

    let lexicon: CitationLexicon
    let options: SourceCitationOptions

    public init(options: SourceCitationOptions) throws(AnalyzerError) {
        guard (0...5).contains(options.pronounWindow) else {
            throw .invalidOptions(analyzer: Self.descriptor.id, reason: "pronounWindow must be 0 to 5 sentences")
        }
        guard let folder = Bundle.module.url(forResource: "lexicons", withExtension: nil) else {
            throw .invalidData(path: "lexicons", reason: "missing from the SourceCitationAnalysis bundle")
        }
        lexicon = try CitationLexicon(folder: folder, extraOutlets: options.outlets)
        self.options = options
    }

    /// Reads the lexicons from another folder (for tests of bad lexicon files).
    init(lexiconFolder: URL, options: SourceCitationOptions = SourceCitationOptions()) throws(AnalyzerError) {
        lexicon = try CitationLexicon(folder: lexiconFolder, extraOutlets: options.outlets)
        self.options = options
    }

    public func analyze(_ document: Document) -> [Suggestion] {
        let text = CitationText(document: document, lexicon: lexicon)
        if Interruption.isRequested { return [] }
        let finder = AttributionFinder(text: text, stances: options.stances)
        let references = References(text: text)
        if Interruption.isRequested { return [] }
        var resolver = SpeakerResolver(text: text, parser: finder.parser, pronounWindow: options.pronounWindow)
        let citations = resolver.resolve(finder.attributions(), references: references, finder: finder)
        if Interruption.isRequested { return [] }
        var suggestions = citations.map { $0.suggestion(registry: resolver.registry) }
        if options.summary {
            suggestions.append(Self.summary(citations, registry: resolver.registry, references: references))
        }
        return suggestions
    }

    private static func share(_ count: Int, of total: Int) -> JSONValue {
        .double(total == 0 ? 0 : (Double(count) / Double(total) * 1000).rounded() / 1000)
    }

    /// The table of sources: each with kind, role and counts by citation type.
    static func summary(_ citations: [Citation], registry: SourceRegistry, references: References) -> Suggestion {
        var byEntity: [Int: [String: Int]] = [:]
        var firstSeen: [Int: Int] = [:]
        var byType: [String: Int] = [:]
        var named = 0
        var anonymous = 0
        var cited: [Int: Int] = [:]
        var unresolvedMarkers = 0
        var unresolvedEntities = Set<Int>()
        for citation in citations {
            byEntity[citation.entity, default: [:]][citation.label.rawValue, default: 0] += 1
            if firstSeen[citation.entity] == nil { firstSeen[citation.entity] = citation.content.lowerBound }
            byType[citation.label.rawValue, default: 0] += 1
            let kind = registry.entities[citation.entity].kind
            if let number = citation.referenceNumber, references.entries[number] == nil {
                // A marker with no reference list to resolve it: its source is unknown, neither named nor anonymous.
                unresolvedMarkers += 1
                unresolvedEntities.insert(citation.entity)
            } else if kind == .anonymous || !citation.resolved {
                anonymous += 1
            } else {
                named += 1
            }
            if let number = citation.referenceNumber, references.entries[number] != nil { cited[number, default: 0] += 1 }
        }
        let order = byEntity.keys.sorted { left, right in
            let l = byEntity[left]?.values.reduce(0, +) ?? 0
            let r = byEntity[right]?.values.reduce(0, +) ?? 0
            return l != r ? l > r : (firstSeen[left] ?? 0, left) < (firstSeen[right] ?? 0, right)
        }
        let sources: [JSONValue] = order.map { index in
            let entity = registry.entities[index]
            let kind = unresolvedEntities.contains(index) ? "unresolved" : entity.kind.rawValue
            var object: [String: JSONValue] = [
                "sourceId": .string(entity.id), "sourceKind": .string(kind),
                "forms": .array(entity.forms.map { .string($0) }),
                "citations": .int(byEntity[index]?.values.reduce(0, +) ?? 0),
                "byType": .object((byEntity[index] ?? [:]).mapValues { .int($0) }),
            ]
            if let role = entity.role { object["role"] = .string(role) }
            return .object(object)
        }
        let total = citations.count
        let entries = references.entries.keys.sorted().compactMap { number -> JSONValue? in
            guard var object = references.entries[number]?.json.objectValue else { return nil }
            object["cited"] = .int(cited[number] ?? 0)
            return .object(object)
        }
        var summary = Suggestion(
            layer: layer, label: "sources", range: nil, rule: "citation.summary",
            attributes: [
                "scope": "document", "citations": .int(total), "distinctSources": .int(order.count),
                "sources": .array(sources),
                "byType": .object(byType.mapValues { .int($0) }),
                "shares": [
                    // Of the citations whose source is known (not counting markers no reference list resolves).
                    "named": share(named, of: named + anonymous), "anonymous": share(anonymous, of: named + anonymous),
                    "unresolved": share(unresolvedMarkers, of: total),
                    "direct": share(byType[CitationLabel.directQuote.rawValue] ?? 0, of: total),
                    "indirect": share(byType[CitationLabel.indirectQuote.rawValue] ?? 0, of: total),
                    "mixed": share(byType[CitationLabel.mixedQuote.rawValue] ?? 0, of: total),
                    "accordingTo": share(byType[CitationLabel.accordingTo.rawValue] ?? 0, of: total),
                    "reference": share(byType[CitationLabel.referenceMarker.rawValue] ?? 0, of: total),
                ],
                "references": .array(entries),
                "uncitedReferences": .int(references.entries.keys.filter { cited[$0] == nil }.count),
                "unresolvedMarkers": .int(unresolvedMarkers),
            ])
        // A document that cites nobody has no shares to give (every one would be 0).
        if total == 0 { summary.attributes["shares"] = nil }
        return summary
    }
}

/// A citation ready to become an annotation: scalar ranges and a resolved source.
struct Citation {
    var label: CitationLabel
    var content: Range<Int>
    var cue: Range<Int>
    var cueText: String
    var rule: String
    /// The source as written here ("he", "Putin", "[3]").
    var source: String
    var speakerSpan: Range<Int>?
    var role: String?
    var entity: Int
    var resolved = true
    var verb: ReportingVerb?
    var quoted: [Range<Int>] = []
    var referenceNumber: Int?
    var extra: [String: JSONValue] = [:]

    func suggestion(registry: SourceRegistry) -> Suggestion {
        let entity = registry.entities[entity]
        var cue: [String: JSONValue] = ["text": .string(cueText), "start": .int(self.cue.lowerBound), "end": .int(self.cue.upperBound)]
        // The verb's stance is said once, in the cue (not again beside it).
        if let verb {
            cue["lemma"] = .string(verb.lemma)
            cue["stance"] = .string(verb.stance)
        }
        var attributes: [String: JSONValue] = [
            "source": .string(source), "sourceId": .string(entity.id), "sourceKind": .string(entity.kind.rawValue),
            "cue": .object(cue),
            "speakerSpan": speakerSpan.map { .object(["start": .int($0.lowerBound), "end": .int($0.upperBound)]) } ?? .null,
        ]
        if let role = role ?? entity.role { attributes["role"] = .string(role) }
        if !resolved { attributes["resolved"] = false }
        if !quoted.isEmpty {
            attributes["quoted"] = .array(quoted.map { .object(["start": .int($0.lowerBound), "end": .int($0.upperBound)]) })
        }
        attributes.merge(extra) { _, new in new }
        return Suggestion(
            layer: SourceCitationAnalyzer.layer, label: label.rawValue, range: content, rule: rule,
            cues: [Cue(text: cueText, range: self.cue)], attributes: attributes,
            key: "\(entity.id)@\(self.cue.lowerBound)" + (referenceNumber.map { "#\($0)" } ?? ""))
    }
}
