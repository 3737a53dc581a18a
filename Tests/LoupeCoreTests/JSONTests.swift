import Testing
@testable import LoupeCore

@Suite struct JSONTests {
    @Test func roundTripsValues() throws {
        let value: JSONValue = [
            "b": [1, 2.5, true, nil, "x\"y\\z\n\u{1}"], "a": ["nested": "é😀"], "n": -3, "big": 1e300,
        ]
        let text = JSONWriter.pretty(value)
        #expect(try JSONParser.parse(text) == value)
        #expect(try JSONParser.parse(JSONWriter.compact(value)) == value)
    }

    @Test func sortsKeysAndFormatsDeterministically() {
        let first: JSONValue = .object(["zeta": 1, "alpha": 2, "Mid": 3, "é": 4])
        let text = JSONWriter.compact(first)
        #expect(text == #"{"Mid":3,"alpha":2,"zeta":1,"é":4}"#)
        #expect(JSONWriter.compact(.double(0.1)) == "0.1")
        #expect(JSONWriter.compact(.double(1)) == "1.0")
        #expect(JSONWriter.compact(.double(.nan)) == "null")
    }

    @Test func escapesC1ControlsAndBidiMarksSoThatTheyNeverReachATerminal() throws {
        let hostile = "x\u{9B}31m\u{85}y\u{202E}gnp.exe\u{2066}z\u{200F}\u{061C}\u{2069}é😀\u{2026}"
        let text = JSONWriter.compact(.string(hostile))
        #expect(text == #""x\u009b31m\u0085y\u202egnp.exe\u2066z\u200f\u061c\u2069é😀…""#)
        #expect(try JSONParser.parse(text) == .string(hostile))
        // Nothing the terminal acts on is left raw.
        #expect(!text.unicodeScalars.contains { (0x80...0x9F).contains($0.value) || (0x202A...0x202E).contains($0.value) })
    }

    @Test func escapesControlCharactersAndLineSeparators() throws {
        let text = JSONWriter.compact(.string("a\u{1B}b\u{2028}c\td"))
        #expect(text == #""a\u001bb\u2028c\td""#)
        #expect(try JSONParser.parse(text) == .string("a\u{1B}b\u{2028}c\td"))
    }

    @Test func decodesSurrogatePairs() throws {
        #expect(try JSONParser.parse(#""\ud83d\ude00""#) == .string("😀"))
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(#""\ud83d""#) }
    }

    @Test(arguments: [
        ("{\n  \"a\": 1,\n  \"b\": tru\n}", 3, 8),
        ("[1, 2,", 1, 7),
        ("{\"a\": 1 \"b\": 2}", 1, 9),
        ("{\"a\": 1, \"a\": 2}", 1, 10),
        ("\"unterminated", 1, 1),
        ("[01]", 1, 3),
        ("{} x", 1, 4),
    ])
    func reportsLineAndColumn(input: String, line: Int, column: Int) {
        do {
            _ = try JSONParser.parse(input)
            Issue.record("expected a syntax error for \(input)")
        } catch {
            #expect(error.line == line)
            #expect(error.column == column)
        }
    }

    @Test func rejectsDeepNesting() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(deep) }
    }

    @Test func locatesValuesByPointer() throws {
        let bytes = Array("{\n  \"list\": [\n    {\"x\": 1},\n    {\"x\": \"two\"}\n  ]\n}".utf8)
        let (_, locations) = try JSONParser.parseWithLocations(bytes)
        let place = locations.lineAndColumn(of: "/list/1/x")
        #expect(place.line == 4)
        #expect(place.column == 11)
    }
}

@Suite struct JSONEscapeScanTests {
    /// The byte-at-a-time definition the word-at-a-time scan must agree with.
    static func special(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F || byte == 0xC2 || byte == 0xD8 || byte == 0xE2
    }

    @Test func theWordAtATimeScanAgreesWithTheByteTestEverywhere() {
        // Every byte value at every position of strings up to 19 bytes long, in plain ASCII surroundings.
        for length in 1...19 {
            for position in 0..<length {
                for value in 0...255 {
                    var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                    bytes[position] = UInt8(value)
                    let scanned = bytes.withUnsafeBufferPointer { JSONWriter.mayNeedEscapes($0) }
                    #expect(scanned == Self.special(UInt8(value)), "byte \(value) at \(position) of \(length)")
                }
            }
        }
        // Neighbours that the has-zero-byte trick could confuse: 0x21, 0x23, 0x5B, 0x5D, 0x7E, 0x80 and above.
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let bytes = (0..<Int.random(in: 0...40, using: &generator)).map { _ in
                [0x20, 0x21, 0x23, 0x5B, 0x5D, 0x7E, 0x80, 0xC3, 0xE3, 0x41, 0x22, 0xE2][Int.random(in: 0..<12, using: &generator)]
            }.map(UInt8.init)
            let scanned = bytes.withUnsafeBufferPointer { JSONWriter.mayNeedEscapes($0) }
            #expect(scanned == bytes.contains(where: Self.special))
        }
    }
}

@Suite struct JSONIntegerTests {
    /// Integers are written by hand, digit by digit; they must read as `String(_:)` writes them.
    @Test(arguments: [0, 1, 9, 10, 11, 99, 100, -1, -9, -10, 1_000_000, 2_147_483_648, Int.max, Int.min, Int.min + 1])
    func integersAreWrittenAsTheirDecimalText(_ number: Int) {
        var written: [UInt8] = [UInt8(ascii: "x")]
        JSONWriter.appendInt(number, to: &written)
        #expect(String(decoding: written, as: UTF8.self) == "x" + String(number))
        #expect(JSONWriter.compact(.int(number)) == String(number))
    }

    @Test func everyMagnitudeAgrees() {
        var generator = SystemRandomNumberGenerator()
        for digits in 1...19 {
            for _ in 0..<50 {
                let bound = digits == 19 ? Int.max : (1...digits).reduce(1) { power, _ in power * 10 }
                let number = Int.random(in: -bound...bound, using: &generator)
                var written: [UInt8] = []
                JSONWriter.appendInt(number, to: &written)
                #expect(written == Array(String(number).utf8))
            }
        }
    }
}
