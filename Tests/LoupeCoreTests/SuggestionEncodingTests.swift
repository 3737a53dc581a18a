import Testing
@testable import LoupeCore

/// The stream's suggestion writer must write, byte for byte, what making each
/// annotation and writing it writes.
@Suite struct SuggestionEncodingTests {
    static let text = "“Émigrés” fear sanctions, said Ana Ruiz.\nA second\tline with \"quotes\", a \\ and a \u{202E}mark.\n😀 end"

    /// The old path: annotations made, ordered, deduplicated by id and written.
    static func reference(_ made: [SuggestionEncoding.Made], in document: Document, at time: String) -> [UInt8] {
        var annotations: [Annotation] = []
        for one in made {
            annotations += one.suggestions.map { $0.annotation(in: document, by: one.descriptor, at: time) }
        }
        var ordered = Annotation.inStorageOrder(annotations)
        var seen = Set<String>()
        ordered.removeAll { !seen.insert($0.id).inserted }
        var bytes: [UInt8] = [UInt8(ascii: "[")]
        for (index, annotation) in ordered.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            AnnotationCoding.append(annotation, to: &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
        return bytes
    }

    static func descriptor(_ id: String) -> AnalyzerDescriptor {
        AnalyzerDescriptor(id: id, name: id, summary: "", version: "2.0.1")
    }

    @Test func writesWhatMakingAndWritingTheAnnotationsWrites() {
        let document = document(Self.text, id: "doc-1")
        let length = document.length
        let first: [Suggestion] = [
            // A document-level summary without cues, with nested attributes.
            Suggestion(
                layer: "sentiment", label: "document", range: nil, rule: "summary",
                attributes: ["table": ["Ruiz": 0.5, "Émigrés": -0.25], "count": 3, "list": [1, "two", nil, true]]),
            // Cues with details, one of which names a key the cue object sets itself.
            Suggestion(
                layer: "sentiment", label: "negative", range: 0..<25, rule: "vader.sentence",
                cues: [
                    Cue(text: "fear", range: 10..<14, details: ["valence": -2.2, "text": "ignored", "weight": 1]),
                    Cue(text: "sanctions", range: 15..<24),
                ],
                attributes: ["compound": -0.4939, "rule": "overridden", "cues": "overridden too"], confidence: 0.8),
            // A span past the end is clamped; an empty one is written as a document annotation.
            Suggestion(layer: "sentiment", label: "target", range: (length - 3)..<(length + 10), rule: "tail", key: "end"),
            Suggestion(layer: "sentiment", label: "target", range: 5..<5, rule: "empty", confidence: 1.7),
            // A long span (shorter context), and text that needs escapes in its quote and context.
            Suggestion(layer: "sentiment", label: "positive", range: 41..<87, rule: "long", confidence: -0.2),
            // The same id twice: the first is written.
            Suggestion(layer: "sentiment", label: "target", range: 31..<39, rule: "first", key: "Ana Ruiz"),
            Suggestion(layer: "sentiment", label: "target", range: 31..<39, rule: "second", key: "Ana Ruiz"),
        ]
        let third: [Suggestion] = [
            // Keys that share their first bytes with the members the writer adds
            // (rule, cues; end, start, text), a key with a NUL in it, and integers
            // of every width and sign.
            Suggestion(
                layer: "framing", label: "keys", range: 0..<9, rule: "r",
                cues: [
                    Cue(
                        text: "Émigrés", range: 1..<8,
                        details: ["en": 1, "end\u{0}": 2, "endless": 3, "starts": -4, "tex": 10, "texts": -10, "text\u{0}\u{0}\u{0}\u{0}x": 5, "é": 0])
                ],
                attributes: [
                    "cue": .int(Int.min), "cues\u{0}": .int(Int.max), "cuesAndMore": 99, "rul": -1, "rules": 1_234_567_890,
                    "rule\u{0}\u{0}\u{0}\u{0}tail": 0, "ruleset-that-is-long": 12, "a": [:], "z": ["rule": 1, "cues": 2],
                ]),
            Suggestion(layer: "framing", label: "only-rule", range: 0..<9, rule: "r", attributes: ["cues": "kept: this suggestion has none"]),
        ]
        let second: [Suggestion] = [
            Suggestion(layer: "bias-markers", label: "loaded-language", range: 10..<14, rule: "lexicon", cues: [Cue(text: "fear", range: 10..<14)]),
            Suggestion(layer: "Bias", label: "a", range: 10..<14, rule: "upper-case layer sorts first"),
        ]
        let made = [
            SuggestionEncoding.Made(descriptor: Self.descriptor("sentiment"), suggestions: first),
            SuggestionEncoding.Made(descriptor: Self.descriptor("bias-markers"), suggestions: second),
            SuggestionEncoding.Made(descriptor: Self.descriptor("framing"), suggestions: third),
        ]
        var written: [UInt8] = []
        SuggestionEncoding.appendAnnotations(of: made, in: document, at: "2026-12-02T00:00:00Z", to: &written)
        let expected = Self.reference(made, in: document, at: "2026-12-02T00:00:00Z")
        #expect(String(decoding: written, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
        #expect(written == expected)
    }

    @Test func noSuggestionsIsAnEmptyList() {
        var written: [UInt8] = []
        SuggestionEncoding.appendAnnotations(
            of: [SuggestionEncoding.Made(descriptor: Self.descriptor("framing"), suggestions: [])], in: document("Text."), at: "t",
            to: &written)
        #expect(written == Array("[]".utf8))
    }
}
