import Testing
@testable import LoupeCore

@Suite struct AnnotationIDTests {
    /// Ids of automatic annotations are part of every saved file: they must
    /// never change, or re-running an analyzer would withdraw and re-add
    /// everything. Expected values computed independently (Python's hashlib
    /// over the fields joined by U+001F).
    @Test(arguments: [
        ("doc", "sentiment", "sentiment", "positive", 0..<12, nil, "a-43cdd312043b5b2c"),
        ("senate.1", "source-citation", "source-citation", "sources", nil, "key-é", "a-e0f3a40b4914e3c7"),
        ("d", "a", "l", "x", -5..<1_234_567, nil, "a-609e8f0fa9220b32"),
    ] as [(String, String, String, String, Range<Int>?, String?, String)])
    func derivedIDsAreStable(
        _ document: String, _ analyzer: String, _ layer: String, _ label: String, _ range: Range<Int>?, _ key: String?,
        _ expected: String
    ) {
        #expect(AnnotationID.derived(document: document, analyzer: analyzer, layer: layer, label: label, range: range, key: key) == expected)
    }

    @Test func randomIDsAreHexAndDiffer() {
        let first = AnnotationID.random()
        #expect(first.hasPrefix("h-") && first.count == 14)
        #expect(first.dropFirst(2).allSatisfy { "0123456789abcdef".contains($0) })
        #expect(AnnotationID.random() != first)
    }
}
