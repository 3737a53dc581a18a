import Testing
@testable import LoupeCore

@Suite struct TextDecodingTests {
    @Test func removesBOMAndNormalisesLineEnds() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a\r\nb\rc\nd\u{A0}".utf8)
        #expect(try TextDecoding.decode(bytes).get() == "a\nb\nc\nd\u{A0}")
    }

    /// A CR is a line end whatever stands before it: after a combining mark, which joins it in a
    /// character, a search for "\r\n" among characters misses it. Compared scalar by scalar, as
    /// offsets count them (String's == would call canonically equivalent texts equal).
    @Test func lineEndsAfterCombiningMarksAreNormalisedToo() throws {
        let text = "e\n\u{301}\r\nnext\u{301}\rlast\r"
        let expected = Array("e\n\u{301}\nnext\u{301}\nlast\n".unicodeScalars)
        #expect(Array(TextDecoding.normalizingLineEnds(text).unicodeScalars) == expected)
        #expect(Array(try TextDecoding.decode(Array(text.utf8)).get().unicodeScalars) == expected)
        #expect(TextDecoding.normalizingLineEnds("no line ends\n") == "no line ends\n")
    }

    @Test func keepsEverythingElse() throws {
        let text = "  tabs\tand  spaces \u{FEFF}inner BOM, “quotes”\n\n"
        #expect(try TextDecoding.decode(Array(text.utf8)).get() == text)
    }

    @Test(arguments: [
        ([0x61, 0x00, 0x62] as [UInt8], TextDecoding.Failure.nulByte(offset: 1)),
        ([0x61, 0x62, 0xFF], .invalidUTF8(offset: 2)),
        ([0xC0, 0xAF], .invalidUTF8(offset: 0)),  // overlong
        ([0x61, 0xED, 0xA0, 0x80], .invalidUTF8(offset: 1)),  // surrogate
        ([0x61, 0x62, 0x63, 0xE2, 0x82], .invalidUTF8(offset: 3)),  // truncated
        ([0xF4, 0x90, 0x80, 0x80], .invalidUTF8(offset: 0)),  // beyond U+10FFFF
    ])
    func rejectsNonTextWithOffset(bytes: [UInt8], failure: TextDecoding.Failure) {
        #expect(throws: failure) { try TextDecoding.decode(bytes).get() }
    }
}
