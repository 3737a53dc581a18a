import Foundation
import Testing
@testable import LoupeCore

@Suite struct AnnotationFileTests {
    static let doc = document("The envoy said “rare earths are key” on Tuesday. 😀 Émigrés agreed.", id: "sample")

    static func annotations() -> [Annotation] {
        [
            Annotation(
                id: "h-2", layer: "framing", label: "economic", target: TextQuoteTarget(document: doc, range: 16..<35),
                attributes: ["tone": "neutral", "weight": 2, "tags": ["a", "b"]], confidence: 0.75,
                creator: .human(name: "Ana"), status: .accepted, note: "key claim", created: "2026-01-01T00:00:00Z"),
            Annotation(
                id: "a-1", layer: "sentiment", label: "positive", target: nil, creator: .analyzer(id: "sentiment", version: "1.0.0"),
                status: .suggested, created: "2026-01-01T00:00:00Z"),
            Annotation(
                id: "h-1", layer: "framing", label: "economic", target: TextQuoteTarget(document: doc, range: 16..<35),
                creator: .human(name: "Ana"), status: .accepted, created: "2026-01-01T00:00:00Z", modified: "2026-01-02T00:00:00Z"),
            Annotation(
                id: "h-3", layer: "bias", label: "x", target: TextQuoteTarget(document: doc, range: 51..<58),
                creator: .analyzer(id: "bias", version: "2"), status: .rejected, created: "2026-01-01T00:00:00Z",
                reviewer: "Ben", orphaned: true),
        ]
    }

    static func file(_ annotations: [Annotation]) -> AnnotationFile {
        AnnotationFile(
            documentID: doc.id, documentPath: "seeds/sample.txt", sha256: doc.sha256, length: doc.length,
            metadata: DocumentMetadata(title: "Sample", date: "2026-01-01"), annotations: annotations)
    }

    @Test func roundTrips() throws {
        let original = Self.file(Self.annotations())
        let decoded = try AnnotationFile.decode(original.encoded(), path: "x.json")
        #expect(decoded.documentID == original.documentID)
        #expect(decoded.metadata == original.metadata)
        #expect(Set(decoded.annotations) == Set(original.annotations))
    }

    @Test func isByteIdenticalWhateverTheOrderInMemory() {
        let forward = Self.file(Self.annotations()).encoded()
        let backward = Self.file(Self.annotations().reversed()).encoded()
        #expect(forward == backward)
    }

    @Test func ordersDocumentLevelFirstThenBySpanLayerLabelID() throws {
        let text = String(decoding: Self.file(Self.annotations()).encoded(), as: UTF8.self)
        let value = try JSONParser.parse(text)
        let ids = value["annotations"]?.arrayValue?.compactMap { $0["id"]?.stringValue }
        #expect(ids == ["a-1", "h-1", "h-2", "h-3"])
        #expect(value.objectValue?.keys.sorted() == ["annotations", "document", "offsetUnit", "schema", "schemaVersion"])
        #expect(value["offsetUnit"] == "unicode-scalar")
        #expect(value["document"]?["length"] == .int(Self.doc.length))
        #expect(text.contains("\"😀") == false)
        #expect(text.hasSuffix("}\n"))
    }

    @Test func keepsPrefixAndSuffixToThirtyTwoScalars() {
        let long = document(String(repeating: "é", count: 50) + "TARGET" + String(repeating: "😀", count: 50))
        let target = TextQuoteTarget(document: long, range: 50..<56)
        #expect(target.exact == "TARGET")
        #expect(target.prefix == String(repeating: "é", count: 32))
        #expect(target.suffix == String(repeating: "😀", count: 32))
    }

    /// A version 3 file of one suggestion whose creator is `creator` (JSON text).
    static func versionThree(creator: String) -> String {
        """
        {"schema": "loupe-annotations", "schemaVersion": 3, "offsetUnit": "unicode-scalar",
        "document": {"id": "d", "path": "p", "sha256": "s", "length": 3},
        "annotations": [
        {"attributes":{},"created":"2026-01-01T00:00:00Z","id":"a-1","label":"x","layer":"l","creator":\(creator)}]}
        """
    }

    @Test func aVersionThreeLineWithoutStatusIsAnUndecidedSuggestionOfItsAnalyzer() throws {
        let file = try AnnotationFile.decode(Array(Self.versionThree(creator: #""framing@1.1.0+beta@2""#).utf8), path: "x.json")
        let annotation = try #require(file.annotations.first)
        #expect(annotation.status == .suggested)
        #expect(annotation.creator == .analyzer(id: "framing", version: "1.1.0+beta@2"))
    }

    @Test(arguments: [
        ("{\n  \"schema\": \"loupe-annotations\",\n  oops\n}", "x.json:3:3: invalid JSON"),
        (#"{"schema": "other", "schemaVersion": 1}"#, "x.json:1:12: schema is \"other\""),
        ("{\"schema\": \"loupe-annotations\", \"schemaVersion\": 1, \"offsetUnit\": \"unicode-scalar\",\n\"document\": {\"id\": \"d\", \"path\": \"p\", \"sha256\": \"s\", \"length\": 3},\n\"annotations\": [{\"id\": \"a\", \"layer\": \"l\", \"label\": \"x\", \"status\": \"maybe\"}]}", "x.json:3:"),
        ("{\"schema\": \"loupe-annotations\", \"schemaVersion\": 1, \"offsetUnit\": \"unicode-scalar\", \"extra\": 1}", "unknown key \"extra\""),
        ("{\"schema\": \"loupe-annotations\", \"schemaVersion\": 1, \"offsetUnit\": \"utf-16\"}", "offsetUnit is \"utf-16\""),
        (Self.versionThree(creator: #""framing""#), #"x.json:4:96: creator "framing" is not an analyzer's id@version nor an object at /annotations/0/creator"#),
        (Self.versionThree(creator: #""@1.0""#), #"creator "@1.0" is not an analyzer's id@version"#),
        (Self.versionThree(creator: "7"), "x.json:4:96: expected an object, found number at /annotations/0/creator"),
    ])
    func reportsFaultsWithLineAndColumn(text: String, expected: String) {
        do {
            _ = try AnnotationFile.decode(Array(text.utf8), path: "x.json")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains(expected), "\(error.description)")
        }
    }

    @Test func rejectsFutureSchemaNamingBothVersions() {
        let text = #"{"schema": "loupe-annotations", "schemaVersion": 7}"#
        #expect(throws: StoreError.unsupportedVersion(path: "x.json", found: 7, supported: AnnotationFile.schemaVersion)) {
            try AnnotationFile.decode(Array(text.utf8), path: "x.json")
        }
        let message = StoreError.unsupportedVersion(path: "x.json", found: 7, supported: 3).description
        #expect(message.contains("7") && message.contains("up to 3"))
    }
}
