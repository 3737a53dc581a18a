import AnalyzerTestSupport
import Foundation
import Testing

@testable import LoupeCore

/// Reading analyzers' data files: lines by bytes, records by tabs.
@Suite struct DataFileTests {
    func records(of bytes: [UInt8]) throws -> [(line: Int, fields: [String])] {
        let path = TestScratch.file("data", extension: "tsv")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        var found: [(line: Int, fields: [String])] = []
        try DataFile(url: URL(fileURLWithPath: path)).forEachRecord { line, fields in found.append((line, fields)) }
        return found
    }

    @Test func aByteOrderMarkIsNoPartOfTheFirstLine() throws {
        let found = try records(of: [0xEF, 0xBB, 0xBF] + Array("# a comment\nword\t2\tbecause\n".utf8))
        #expect(found.count == 1)
        #expect(found.first?.line == 2)
        #expect(found.first?.fields == ["word", "2", "because"])
    }

    @Test func blankLinesCommentsAndLineEndings() throws {
        let text = "\n   \t\n#\tcomment\r\n  spaced cue \t 3 \u{00A0}\r\nlast\tline"
        let found = try records(of: Array(text.utf8))
        #expect(found.map(\.line) == [4, 5])
        #expect(found.map(\.fields) == [["spaced cue", "3"], ["last", "line"]])
    }

    @Test func notUTF8IsAnErrorNamingTheFile() throws {
        let path = TestScratch.file("bad", extension: "tsv")
        try Data([0x61, 0xFF, 0x0A]).write(to: URL(fileURLWithPath: path))
        #expect(throws: AnalyzerError.invalidData(path: path, reason: "is not valid UTF-8")) {
            try DataFile(url: URL(fileURLWithPath: path))
        }
    }
}
