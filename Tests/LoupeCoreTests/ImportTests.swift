import Foundation
import Testing
@testable import LoupeCore

/// W3C imports read item by item (a large file) give what the whole-tree
/// reading gives.
@Suite struct W3CStreamingImportTests {
    static let texts = [
        ("a", "The minister said the plan was \"a disaster\" for farmers.\nCritics disagreed."),
        ("b", "Officials said {braces} and [brackets] and \"items\": [1, 2] are only text here."),
    ]

    static func annotations(for document: Document) -> [Annotation] {
        let length = document.length
        return [
            Annotation(
                id: "h-\(document.id)1", layer: "note", label: "claim", target: TextQuoteTarget(document: document, range: 4..<12),
                creator: .human(name: "Ana"), status: .accepted, note: "a note with \"quotes\" and a } brace",
                created: "2026-01-01T00:00:00Z"),
            Annotation(
                id: "a-\(document.id)2", layer: "framing", label: "economic", target: TextQuoteTarget(document: document, range: 0..<min(length, 20)),
                attributes: ["cues": .array([.object(["text": .string("items")])]), "items": .array([.int(1)])],
                creator: .analyzer(id: "framing", version: "1.0.0"), status: .suggested, created: "2026-01-01T00:00:00Z"),
            Annotation(
                id: "a-\(document.id)3", layer: "sentiment", label: "neutral", target: nil,
                creator: .analyzer(id: "sentiment", version: "1.0.0"), status: .suggested, created: "2026-01-01T00:00:00Z"),
        ]
    }

    static func store() -> AnnotationStore {
        let store = AnnotationStore(directory: TestPaths.temporaryDirectory())
        for (id, text) in texts { _ = store.add(document(text, id: id)) }
        return store
    }

    @Test func itemByItemGivesWhatTheWholeTreeGives() throws {
        let source = Self.store()
        let exported = Self.texts.compactMap { id, _ -> ExportedDocument? in
            guard let document = source.document(id) else { return nil }
            return ExportedDocument(document: document, annotations: Self.annotations(for: document))
        }
        let path = TestPaths.temporaryDirectory() + "/export.jsonld"
        _ = try Exports.write(.w3c, count: exported.count, generator: "test", to: path) { range in Array(exported[range]) }
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(JSONItemScanner.itemSlices(bytes)?.count == 6)

        let whole = try AnnotationImport.w3c(bytes, path: "x.jsonld", store: Self.store())
        let streamed = try AnnotationImport.w3c(bytes, path: "x.jsonld", store: Self.store(), streamingThreshold: 0)
        #expect(whole.changes.count == 6)
        #expect(streamed.changes.map(\.after) == whole.changes.map(\.after))
        #expect(streamed.problems == whole.problems)
        let mapped = try AnnotationImport.w3c(Data(bytes), path: "x.jsonld", store: Self.store(), streamingThreshold: 0)
        #expect(mapped.changes.map(\.after) == whole.changes.map(\.after), "read from Data as import reads a mapped file")

        // A broken item is one problem naming its place; the others still come in.
        var broken = bytes
        if let slices = JSONItemScanner.itemSlices(bytes), let first = slices.first {
            broken.replaceSubrange((first.upperBound - 1)..<first.upperBound, with: Array(",}".utf8))
        }
        let partial = try AnnotationImport.w3c(broken, path: "x.jsonld", store: Self.store(), streamingThreshold: 0)
        #expect(partial.changes.count == 5)
        #expect(partial.problems.count == 1 && partial.problems[0].contains("annotation 1 is not valid JSON"), "\(partial.problems)")
    }

    @Test func textsWithoutItemsArraysAreReadWhole() {
        #expect(JSONItemScanner.itemSlices(Array(#"{"type": "Annotation", "body": "[items]"}"#.utf8)) == nil)
        #expect(JSONItemScanner.itemSlices(Array(#"{"items": [{"a": 1}"#.utf8)) == nil, "unclosed")
        #expect(JSONItemScanner.itemSlices(Array(#"{"items": [{"a": "}"}, {"b": [1]}]}"#.utf8)) == [11..<21, 23..<33])
    }
}
