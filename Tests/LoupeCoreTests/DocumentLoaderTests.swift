import Foundation
import Testing
@testable import LoupeCore

@Suite struct DocumentLoaderTests {
    func write(_ contents: [UInt8], to path: String) {
        _ = FileManager.default.createFile(atPath: path, contents: Data(contents))
    }

    @Test func readsFoldersRecursivelyInSortedOrder() {
        let root = TestPaths.temporaryDirectory()
        try? FileManager.default.createDirectory(atPath: root + "/b/inner", withIntermediateDirectories: true)
        write(Array("Beta\nText.".utf8), to: root + "/b/inner/beta.md")
        write(Array("Alpha\nText.".utf8), to: root + "/alpha.txt")
        write(Array("ignored".utf8), to: root + "/notes.csv")
        write(Array("hidden".utf8), to: root + "/.hidden.txt")
        let result = DocumentLoader().load(paths: [root])
        #expect(result.errors.isEmpty)
        #expect(result.documents.map(\.id) == ["alpha", "beta"])
        #expect(result.documents[1].metadata.title == "Beta")
    }

    @Test func readsJSONLCorpora() throws {
        let root = TestPaths.temporaryDirectory()
        let lines = [
            #"{"id": "one", "text": "First text.\r\nSecond line.", "title": "One", "outlet": "Wire", "date": "2020-01-02", "url": "https://example.org/1", "author": "A. Writer"}"#,
            "",
            #"{"id": "two", "text": "Only text.\n\u0301\r\nA mark before a CRLF."}"#,
            #"{"id": "bad/id", "text": "x"}"#,
            #"{"text": "no id"}"#,
            #"{"id": "broken", "text": "x""#,
            #"["not an object"]"#,
        ]
        write(Array(lines.joined(separator: "\n").utf8), to: root + "/corpus.jsonl")
        let result = DocumentLoader().load(paths: [root + "/corpus.jsonl"])
        #expect(result.documents.map(\.id) == ["one", "two"])
        let first = try #require(result.documents.first)
        #expect(first.text == "First text.\nSecond line.")
        // Offsets count scalars: each CRLF is one of them, whatever stands before it.
        #expect(Array(result.documents[1].text.unicodeScalars) == Array("Only text.\n\u{301}\nA mark before a CRLF.".unicodeScalars))
        #expect(first.metadata == DocumentMetadata(title: "One", outlet: "Wire", date: "2020-01-02", url: "https://example.org/1", author: "A. Writer"))
        #expect(first.source.hasSuffix("corpus.jsonl:1"))
        let messages = result.errors.map(\.description)
        #expect(messages.count == 4)
        #expect(messages[0].contains("corpus.jsonl:4") && messages[0].contains("not a safe file name"))
        #expect(messages[1].hasSuffix("corpus.jsonl:5: missing string field \"id\""))
        #expect(messages[2].contains("corpus.jsonl:6: invalid JSON at column"))
        #expect(messages[3].contains("corpus.jsonl:7: expected a JSON object"))
    }

    @Test func reportsMissingEmptyBinaryAndInvalidInput() {
        let root = TestPaths.temporaryDirectory()
        try? FileManager.default.createDirectory(atPath: root + "/empty", withIntermediateDirectories: true)
        write([0x47, 0x49, 0x46, 0x00, 0x01], to: root + "/image.txt")
        write(Array("good start ".utf8) + [0xC3, 0x28], to: root + "/latin1.txt")
        let result = DocumentLoader().load(paths: [root + "/missing", root + "/empty", root + "/image.txt", root + "/latin1.txt"])
        #expect(result.documents.isEmpty)
        #expect(result.errors == [
            .notFound(path: root + "/missing"),
            .noDocuments(path: root + "/empty"),
            .binary(path: root + "/image.txt", byteOffset: 3),
            .invalidUTF8(path: root + "/latin1.txt", byteOffset: 11),
        ])
        #expect(result.errors[3].description.contains("invalid UTF-8 at byte offset 11"))
    }

    @Test(arguments: ["", "..", "a/b", "a\\b", "x\u{1B}y", ".hidden", "a..b", " padded"])
    func rejectsUnsafeIDs(id: String) {
        #expect(DocumentID.problem(with: id) != nil)
    }

    @Test(arguments: ["000_19d9e6d631ab6c94", "senate.Frist.01Jun2005Frist1", "wikinews.Some_title", "статья-1"])
    func acceptsSafeIDs(id: String) {
        #expect(DocumentID.problem(with: id) == nil)
    }

    @Test(arguments: [
        ("2025-03-11", "2025-03-11"), ("19. Mar 2025 - 09:48", "2025-03-19T09:48"), ("March 11, 2025", "2025-03-11"),
        ("11 March 2025", "2025-03-11"), ("Tuesday", nil), ("3 min read", nil), ("2025-13-01", nil),
    ] as [(String, String?)])
    func recognisesDates(text: String, iso: String?) {
        #expect(DateSniffer.date(in: text, wholeLine: true) == iso)
    }

    @Test func readsBylineAuthors() {
        let metadata = MetadataSniffer.sniff("Headline here\n\nBy Jane Doe | 2 April 2024 | World\n\nBody text follows here.")
        #expect(metadata.title == "Headline here")
        #expect(metadata.author == "Jane Doe")
        #expect(metadata.date == "2024-04-02")
    }
}
