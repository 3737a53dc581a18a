import Testing
@testable import SentimentAnalysis

/// The byte-level readers the VADER lexicon is loaded with agree with the
/// String functions they stand for.
@Suite struct VaderLexiconLoadingTests {
    private func decimal(_ text: String) -> Double? {
        Array(text.utf8).withUnsafeBufferPointer { VaderLexicon.plainDecimal($0) }
    }

    @Test(arguments: [
        "-1.5", "0.9", "3.1", "-0", "-0.0", "0", "1.", ".5", "-.5", "0.000000000000001", "999999999999999",
        "00000000000001.5", "2.0999999999999996", "-3.4000000000000004",
    ])
    func plainDecimalsReadAsDouble(_ text: String) {
        if let value = decimal(text) {
            #expect(value.bitPattern == Double(text)?.bitPattern)
        } else {
            // Too many digits for the exact division: left to Double(_:).
            #expect(text.utf8.count(where: { $0 >= 0x30 && $0 <= 0x39 }) > 15)
        }
    }

    @Test(arguments: ["", "-", ".", "-.", "1e5", "+1", " 1", "1 ", "inf", "nan", "1.2.3", "0x10", "1_000"])
    func otherTextIsLeftToDouble(_ text: String) {
        #expect(decimal(text) == nil)
    }

    @Test(arguments: [
        "", "  ", "word", " \tword\t ", "\u{A0}word\u{3000}", "word\u{2028}", "\u{85}\u{2003}", "é ", " \u{301}x", "a\u{A0}b",
    ])
    func trimmingMatchesUnicodeWhiteSpace(_ text: String) {
        let expected: Substring = {
            let scalars = text.unicodeScalars
            guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
                let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
            else { return "" }
            return Substring(scalars[first...last])
        }()
        let trimmed = Array(text.utf8).withUnsafeBufferPointer { String(decoding: VaderLexicon.trimmed($0), as: UTF8.self) }
        #expect(Array(trimmed.utf8) == Array(expected.utf8))
    }
}
