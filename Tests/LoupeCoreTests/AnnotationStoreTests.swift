import Foundation
import Testing
@testable import LoupeCore

@Suite struct AnnotationStoreTests {
    let directory = TestPaths.temporaryDirectory()

    static let text = "Officials said the plan is “a disaster” for farmers. Nobody else agreed with them."

    func human(_ document: Document, _ range: Range<Int>, id: String, label: String = "quote") -> Annotation {
        Annotation(
            id: id, layer: "test", label: label, target: TextQuoteTarget(document: document, range: range),
            creator: .human(name: "Ana"), status: .accepted, created: "2026-01-01T00:00:00Z")
    }

    func bytes(_ path: String) -> [UInt8]? { FileManager.default.contents(atPath: path).map { [UInt8]($0) } }

    @Test func savesAndReloads() throws {
        let doc = document(Self.text)
        let store = AnnotationStore(directory: directory)
        _ = store.add(doc)
        let annotation = human(doc, 28..<38, id: "h-1")
        try store.apply([AnnotationChange(documentID: doc.id, before: nil, after: annotation)])
        #expect(store.isDirty(doc.id))
        let report = store.save()
        #expect(report.written == [store.filePath(for: doc.id)])
        #expect(!store.isDirty(doc.id))

        let reopened = AnnotationStore(directory: directory)
        let load = reopened.add(document(Self.text))
        #expect(load.error == nil && !load.textChanged && load.orphans.isEmpty)
        #expect(reopened.annotations(in: doc.id) == [annotation])
        #expect(!reopened.isDirty(doc.id))
    }

    @Test func savingTwiceGivesTheSameBytesAndWritesOnlyChangedFiles() throws {
        let first = document(Self.text, id: "first")
        let second = document(Self.text, id: "second")
        let store = AnnotationStore(directory: directory)
        _ = store.add(first)
        _ = store.add(second)
        try store.apply([
            AnnotationChange(documentID: "first", before: nil, after: human(first, 0..<9, id: "h-1")),
            AnnotationChange(documentID: "second", before: nil, after: human(second, 0..<9, id: "h-2")),
        ])
        #expect(store.save().written.count == 2)
        let before = bytes(store.filePath(for: "second"))
        try store.apply([AnnotationChange(documentID: "first", before: nil, after: human(first, 10..<14, id: "h-3"))])
        let report = store.save()
        #expect(report.written == [store.filePath(for: "first")])
        #expect(bytes(store.filePath(for: "second")) == before)
        #expect(store.save().written.isEmpty)
    }

    @Test func reanchorsWhenTheTextChanges() throws {
        let original = document(Self.text)
        let store = AnnotationStore(directory: directory)
        _ = store.add(original)
        try store.apply([AnnotationChange(documentID: original.id, before: nil, after: human(original, 28..<38, id: "h-1"))])
        _ = store.save()

        let edited = document("UPDATE 😀: " + Self.text)
        let reopened = AnnotationStore(directory: directory)
        let report = reopened.add(edited)
        #expect(report.textChanged)
        #expect(report.reanchored == ["h-1"])
        #expect(report.orphans.isEmpty)
        let moved = try #require(reopened.annotations(in: edited.id).first?.target)
        #expect(moved.range == 38..<48)
        #expect(pythonSlice(edited.text, moved.range) == "a disaster")
        #expect(reopened.isDirty(edited.id))
    }

    @Test func prefersTheOccurrenceWhoseContextMatches() throws {
        let text = "He said no. She said no. They said no."
        let doc = document(text)
        let store = AnnotationStore(directory: directory)
        _ = store.add(doc)
        try store.apply([AnnotationChange(documentID: doc.id, before: nil, after: human(doc, 21..<23, id: "h-1"))])
        _ = store.save()
        let edited = document("Intro. " + text.replacingOccurrences(of: "He said", with: "He then said"))
        let reopened = AnnotationStore(directory: directory)
        _ = reopened.add(edited)
        let target = try #require(reopened.annotations(in: doc.id).first?.target)
        #expect(pythonSlice(edited.text, target.range.lowerBound - 9..<target.range.upperBound) == "She said no")
    }

    @Test func keepsOrphansAndNeverDropsThem() throws {
        let doc = document(Self.text)
        let store = AnnotationStore(directory: directory)
        _ = store.add(doc)
        try store.apply([
            AnnotationChange(documentID: doc.id, before: nil, after: human(doc, 28..<38, id: "h-1")),
            AnnotationChange(documentID: doc.id, before: nil, after: human(doc, 0..<9, id: "h-2")),
        ])
        _ = store.save()
        let rewritten = document(Self.text.replacingOccurrences(of: "a disaster", with: "a triumph"))
        let reopened = AnnotationStore(directory: directory)
        let report = reopened.add(rewritten)
        #expect(report.orphans == ["h-1"])
        #expect(reopened.annotations(in: doc.id).count == 2)
        _ = reopened.save()
        let saved = try AnnotationFile.decode(bytes(reopened.filePath(for: doc.id)) ?? [], path: "x")
        let orphan = try #require(saved.annotations.first { $0.id == "h-1" })
        #expect(orphan.orphaned)
        #expect(orphan.target?.exact == "a disaster")
        // The original text comes back: the orphan is found again.
        let again = AnnotationStore(directory: directory)
        let restored = again.add(document(Self.text))
        #expect(restored.reanchored == ["h-1"])
        #expect(again.annotations(in: doc.id).allSatisfy { !$0.orphaned })
    }

    @Test func locksDocumentsWhoseFileIsCorruptAndNeverOverwritesIt() throws {
        let doc = document(Self.text)
        let path = directory + "/doc.json"
        let corrupt = Array("{\n  \"schema\": \"loupe-annotations\",\n  \"annotations\": [\n    {\"id\": }\n  ]\n}\n".utf8)
        _ = FileManager.default.createFile(atPath: path, contents: Data(corrupt))
        let store = AnnotationStore(directory: directory)
        let report = store.add(doc)
        let error = try #require(report.error)
        #expect(error.description.hasPrefix(path + ":4:12: invalid JSON"))
        #expect(throws: StoreError.self) {
            try store.apply([AnnotationChange(documentID: doc.id, before: nil, after: human(doc, 0..<9, id: "h-1"))])
        }
        #expect(store.save().written.isEmpty)
        #expect(bytes(path) == corrupt)
    }

    @Test func aFailedWriteLeavesTheOldFileWhole() throws {
        let path = directory + "/atomic.json"
        let old = Array("old contents that must survive\n".utf8)
        try AtomicFile.write(old, to: path)
        let new = [UInt8](repeating: 0x41, count: 100_000)
        #expect(throws: StoreError.self) { try AtomicFile.write(new, to: path, failAfter: 5_000) }
        #expect(bytes(path) == old)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
        try AtomicFile.write(new, to: path)
        #expect(bytes(path) == new)
    }

    @Test func aWriteIntoAMissingFolderFailsCleanly() {
        #expect(throws: StoreError.self) { try AtomicFile.write([1, 2, 3], to: directory + "/missing/x.json") }
    }
}
