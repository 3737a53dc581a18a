import Testing
@testable import LoupeCore

@Suite struct OffsetTests {
    static let samples = [
        "plain ASCII text",
        "emoji 😀 and flags 🇺🇦 and family 👨‍👩‍👧",
        "combining e\u{301} and n\u{303} marks",
        "Сurrent with a Cyrillic С inside",
        "no-break\u{A0}spaces\u{A0}here",
        "“curly” ‘quotes’ — dashes – and …",
        "",
    ]

    @Test(arguments: samples)
    func scalarIndexAgreesWithSlowReference(text: String) {
        let index = ScalarIndex(text)
        let scalars = Array(text.unicodeScalars)
        #expect(index.scalarCount == scalars.count)
        #expect(index.utf8Count == text.utf8.count)
        var utf8Offset = 0
        for (position, scalar) in scalars.enumerated() {
            #expect(index.utf8Offset(ofScalar: position) == utf8Offset)
            for inner in 0..<scalar.utf8.count {
                #expect(index.scalarOffset(ofUTF8: utf8Offset + inner) == position)
            }
            utf8Offset += scalar.utf8.count
        }
        #expect(index.utf8Offset(ofScalar: scalars.count) == text.utf8.count)
        #expect(index.scalarOffset(ofUTF8: text.utf8.count) == scalars.count)
    }

    @Test(arguments: samples)
    func documentSlicesLikePython(text: String) {
        let doc = document(text)
        let count = text.unicodeScalars.count
        for start in 0...count {
            for end in start...min(count, start + 5) {
                #expect(String(doc.text(scalars: start..<end)) == pythonSlice(text, start..<end))
            }
        }
    }

    @Test(arguments: samples)
    func tokenAndSentenceSpansAgreeInBothUnits(text: String) {
        let doc = document(text)
        let segmentation = doc.segmentation
        for token in segmentation.tokens {
            #expect(String(text.slice(utf8: token.span.utf8)) == pythonSlice(text, token.span.scalars))
        }
        for sentence in segmentation.sentences {
            #expect(String(text.slice(utf8: sentence.span.utf8)) == pythonSlice(text, sentence.span.scalars))
        }
    }
}

@Suite struct ByteSearchTests {
    @Test(arguments: [
        ("The headline\nBody", "The headline", true),
        ("abcabd", "abd", true),
        ("aaab", "aab", true),
        ("ends here", "here", true),
        ("short", "shorter", false),
        ("Émigrés fear sanctions", "grés f", true),
        ("Émigrés", "Emigres", false),
        ("anything", "", false),
        ("", "a", false),
        ("case", "Case", false),
    ])
    func findsTheSameBytes(text: String, other: String, expected: Bool) {
        #expect(text.containsUTF8(other) == expected)
        // A slice of a larger string searches only its own bytes.
        let framed = "[" + text + "]"
        let slice = framed.dropFirst().dropLast()
        #expect(slice.containsUTF8(other) == expected)
        if !other.isEmpty { #expect((text.utf8.firstRange(of: other.utf8) != nil) == expected) }
    }
}
