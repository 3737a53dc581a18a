import Foundation
import Testing
@testable import LoupeCore

#if canImport(Glibc)
import Glibc
#endif

/// Annotation folders on file systems that do not behave like a local disk:
/// no rename over an existing file, a folder that cannot be written, a full
/// disk, a symbolic link.
@Suite struct FileSystemTests {
    let directory = TestPaths.temporaryDirectory()

    /// Renames like a file system that refuses to replace an existing file
    /// (EEXIST), as some network and FUSE mounts do.
    static let noRenameOver = AtomicFile.Renaming { from, to in
        if access(to, F_OK) == 0 {
            errno = EEXIST
            return -1
        }
        return rename(from, to)
    }

    func bytes(_ path: String) -> [UInt8]? { FileManager.default.contents(atPath: path).map { [UInt8]($0) } }

    func names() -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted() }

    @Test func withoutRenameOverTheOldFileIsSetAsideThenRemoved() {
        let paths = (0..<3).map { directory + "/d\($0).json" }
        func save(_ text: String) -> (written: [String], failures: [StoreError]) {
            var done = false
            return AtomicFile.writeAll(in: directory, renaming: Self.noRenameOver) {
                guard !done else { return nil }
                done = true
                return paths.map { ($0, Array("\(text) \($0)\n".utf8)) }
            }
        }
        #expect(save("first").written == paths)
        let second = save("second")
        #expect(second.written == paths, "\(second.failures)")
        #expect(second.failures.isEmpty)
        for path in paths { #expect(bytes(path) == Array("second \(path)\n".utf8)) }
        #expect(names() == ["d0.json", "d1.json", "d2.json"], "nothing set aside or temporary is left")
    }

    @Test func aSaveKilledBetweenTheTwoRenamesIsPutBackAtTheNextOpen() throws {
        let doc = document("The senator said the plan would work.", id: "doc")
        let first = AnnotationStore(directory: directory)
        _ = first.add(doc)
        let note = Annotation(
            id: "h-1", layer: "note", label: "claim", target: TextQuoteTarget(document: doc, range: 4..<11),
            creator: .human(name: "Ana"), status: .accepted, created: "2026-01-01T00:00:00Z")
        try first.apply([AnnotationChange(documentID: doc.id, before: nil, after: note)])
        #expect(first.save().failures.isEmpty)
        let saved = try #require(bytes(directory + "/doc.json"))

        // What a kill between "old file aside" and "new file in" leaves: the old
        // file under its aside name (of a process no longer running), none in its place.
        let dead = Self.deadProcessID()
        try FileManager.default.moveItem(atPath: directory + "/doc.json", toPath: directory + "/.doc.json.old-\(dead)")
        let second = AnnotationStore(directory: directory)
        let report = second.add([doc])
        #expect(report.first?.restored == true)
        #expect(second.annotations(in: doc.id).map(\.id) == ["h-1"])
        #expect(bytes(directory + "/doc.json") == saved)
        #expect(names() == ["doc.json"])

        // The new file already in place: the old one aside is only removed.
        try Data(saved).write(to: URL(fileURLWithPath: directory + "/.doc.json.old-\(dead)"))
        let third = AnnotationStore(directory: directory)
        #expect(third.add([doc]).first?.restored == false)
        #expect(names() == ["doc.json"])
    }

    @Test func severalFilesFailingForOneReasonAreOneFailureNamingTheFolder() {
        let failures: [StoreError] = [
            .writeFailed(path: "ann/a.json", reason: "No space left on device"),
            .writeFailed(path: "ann/b.json", reason: "No space left on device"),
            .writeFailed(path: "ann/c.json", reason: "Input/output error"),
        ]
        let grouped = AnnotationStore.grouped(failures, in: "ann", total: 10)
        #expect(grouped.map(\.description) == [
            "ann/: 2 of 10 files could not be saved (No space left on device); their previous files are unchanged and the changes are still in this session",
            "ann/c.json: could not be saved (Input/output error); the previous file is unchanged",
        ])
    }

    @Test func saveToAnotherFolderWritesEveryDocument() throws {
        let store = AnnotationStore(directory: directory + "/first")
        let docs = [document("One text said here.", id: "one"), document("Two texts.", id: "two"), document("Three.", id: "three")]
        _ = store.add(docs)
        for (index, doc) in docs.prefix(2).enumerated() {
            let note = Annotation(
                id: "h-\(index)", layer: "note", label: "x", target: TextQuoteTarget(document: doc, range: 0..<3),
                creator: .human(name: "Ana"), status: .accepted, created: "2026-01-01T00:00:00Z")
            try store.apply([AnnotationChange(documentID: doc.id, before: nil, after: note)])
        }
        #expect(store.save().written.count == 2)
        store.relocate(to: directory + "/second")
        #expect(store.dirtyDocumentIDs == ["one", "two", "three"])
        let report = store.save()
        #expect(report.failures.isEmpty)
        #expect(report.written.sorted() == [directory + "/second/one.json", directory + "/second/two.json"],
                "a document without annotations gets no file")
        #expect(bytes(directory + "/second/one.json") == bytes(directory + "/first/one.json"))
        #expect(store.dirtyDocumentIDs.isEmpty)
    }

    @Test func aSymlinkedFolderIsWrittenThroughAndLockedAsOne() throws {
        let real = directory + "/real"
        try FileManager.default.createDirectory(atPath: real, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: directory + "/link", withDestinationPath: real)
        let doc = document("The senator said the plan would work.", id: "doc")
        func note(_ id: String) -> Annotation {
            Annotation(
                id: id, layer: "note", label: "x", target: TextQuoteTarget(document: doc, range: 0..<3),
                creator: .human(name: "Ana"), status: .accepted, created: "2026-01-01T00:00:00Z")
        }
        // One session through the link, one through the real path: both annotations survive.
        let viaLink = AnnotationStore(directory: directory + "/link")
        let viaReal = AnnotationStore(directory: real)
        _ = viaLink.add(doc)
        _ = viaReal.add(doc)
        try viaLink.apply([AnnotationChange(documentID: doc.id, before: nil, after: note("h-link"))])
        try viaReal.apply([AnnotationChange(documentID: doc.id, before: nil, after: note("h-real"))])
        #expect(viaReal.save().failures.isEmpty)
        let report = viaLink.save()
        #expect(report.failures.isEmpty)
        #expect(report.merged.count == 1)
        let reread = AnnotationStore(directory: real)
        _ = reread.add(doc)
        #expect(reread.annotations(in: doc.id).map(\.id).sorted() == ["h-link", "h-real"])
        let link = try FileManager.default.destinationOfSymbolicLink(atPath: directory + "/link")
        #expect(link == real, "the link is still a link")
    }

    /// A process id no process has now.
    static func deadProcessID() -> Int32 {
        var candidate: Int32 = 4_000_000
        while kill(candidate, 0) == 0 || errno == EPERM { candidate -= 1 }
        return candidate
    }
}
