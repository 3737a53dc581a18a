import Foundation
import Testing
@testable import LoupeCore

@Suite struct ThreeWayMergeTests {
    static func note(_ id: String, _ label: String, human: Bool = true, status: Annotation.Status = .accepted) -> Annotation {
        Annotation(
            id: id, layer: "x", label: label, target: nil,
            creator: human ? .human(name: "Ana") : .analyzer(id: "a", version: "1"), status: status,
            created: "2026-01-01T00:00:00Z")
    }

    static func table(_ annotations: [Annotation]) -> [String: Annotation] {
        Dictionary(uniqueKeysWithValues: annotations.map { ($0.id, $0) })
    }

    @Test func eachSideKeepsWhatOnlyItChanged() {
        let base = Self.table([Self.note("kept", "a"), Self.note("edited-here", "a"), Self.note("edited-there", "a"),
                               Self.note("deleted-here", "a"), Self.note("deleted-there", "a")])
        let ours = Self.table([Self.note("kept", "a"), Self.note("edited-here", "b"), Self.note("edited-there", "a"),
                               Self.note("deleted-there", "a"), Self.note("added-here", "a")])
        let theirs = Self.table([Self.note("kept", "a"), Self.note("edited-here", "a"), Self.note("edited-there", "c"),
                                 Self.note("deleted-here", "a"), Self.note("added-there", "a")])
        let outcome = ThreeWayMerge.merge(base: base, ours: ours, theirs: theirs)
        #expect(outcome.conflicts.isEmpty)
        #expect(outcome.merged.mapValues(\.label) == [
            "kept": "a", "edited-here": "b", "edited-there": "c", "added-here": "a", "added-there": "a",
        ])
        #expect(outcome.taken == 3)
    }

    @Test func aPersonsWorkChangedOnBothSidesIsAConflict() {
        let base = Self.table([Self.note("h", "a")])
        let outcome = ThreeWayMerge.merge(base: base, ours: Self.table([Self.note("h", "b")]), theirs: Self.table([Self.note("h", "c")]))
        #expect(outcome.conflicts == ["h"])
        #expect(outcome.merged["h"]?.label == "b")
        let deletedThere = ThreeWayMerge.merge(base: base, ours: Self.table([Self.note("h", "b")]), theirs: [:])
        #expect(deletedThere.conflicts == ["h"])
    }

    @Test func suggestionsMadeOnBothSidesAreNotConflicts() {
        var mine = Self.note("s", "x", human: false, status: .suggested)
        var other = mine
        mine.created = "2026-01-02T00:00:00Z"
        other.created = "2026-01-03T00:00:00Z"
        let outcome = ThreeWayMerge.merge(base: [:], ours: ["s": mine], theirs: ["s": other])
        #expect(outcome.conflicts.isEmpty && outcome.merged["s"] == mine)
        // One side's review of it, though, is a person's work and wins over a fresh suggestion.
        var reviewed = other
        reviewed.status = .rejected
        reviewed.reviewer = "Ana"
        let base = ["s": other]
        #expect(ThreeWayMerge.merge(base: base, ours: base, theirs: ["s": reviewed]).merged["s"] == reviewed)
    }
}

@Suite struct ConcurrentStoreTests {
    static let text = "Officials said the plan is a disaster for farmers."

    static func human(_ id: String, _ label: String) -> Annotation {
        Annotation(id: id, layer: "x", label: label, target: nil, creator: .human(name: "Ana"), status: .accepted,
                   created: "2026-01-01T00:00:00Z")
    }

    @Test func twoStoresOnOneFolderLoseNothing() throws {
        let directory = TestPaths.temporaryDirectory()
        let first = AnnotationStore(directory: directory)
        let second = AnnotationStore(directory: directory)
        _ = first.add(document(Self.text, id: "d"))
        _ = second.add(document(Self.text, id: "d"))
        try first.apply([AnnotationChange(documentID: "d", before: nil, after: Self.human("h-1", "one"))])
        try second.apply([AnnotationChange(documentID: "d", before: nil, after: Self.human("h-2", "two"))])
        #expect(second.save().failures.isEmpty)
        let report = first.save()
        #expect(report.failures.isEmpty)
        #expect(report.merged == [.init(path: first.filePath(for: "d"), taken: 1, keptOurs: 0)])
        #expect(first.annotations(in: "d").map(\.id) == ["h-1", "h-2"])
        let reread = AnnotationStore(directory: directory)
        _ = reread.add(document(Self.text, id: "d"))
        #expect(reread.annotations(in: "d").map(\.id) == ["h-1", "h-2"])
        // And the second store, saving again, takes the first one's work in turn.
        try second.apply([AnnotationChange(documentID: "d", before: nil, after: Self.human("h-3", "three"))])
        #expect(second.save().merged.first?.taken == 1)
        #expect(Set(second.annotations(in: "d").map(\.id)) == ["h-1", "h-2", "h-3"])
    }

    @Test func metadataSetInTwoSessionsIsMergedKeyByKey() throws {
        let directory = TestPaths.temporaryDirectory()
        let first = AnnotationStore(directory: directory)
        let second = AnnotationStore(directory: directory)
        _ = first.add(document(Self.text, id: "d"))
        _ = second.add(document(Self.text, id: "d"))
        try first.setMetadata("outlet", "Wire", in: "d")
        try second.setMetadata("stance", "commentary", in: "d")
        #expect(second.save().failures.isEmpty)
        #expect(first.save().failures.isEmpty)
        #expect(first.userMetadata(of: "d") == ["outlet": "Wire", "stance": "commentary"])
        let reread = AnnotationStore(directory: directory)
        _ = reread.add(document(Self.text, id: "d"))
        #expect(reread.metadata(of: "d").outlet == "Wire")
        #expect(reread.metadata(of: "d").extra == ["stance": "commentary"])
        // A key removed in one session and untouched in the other stays removed.
        try reread.setMetadata("outlet", nil, in: "d")
        #expect(reread.save().failures.isEmpty)
        try second.setMetadata("country", "ru", in: "d")
        #expect(second.save().failures.isEmpty)
        #expect(second.userMetadata(of: "d") == ["stance": "commentary", "country": "ru"])
    }

    @Test func aConflictLeavesTheOtherSessionsFileAsItIsUnlessTold() throws {
        let directory = TestPaths.temporaryDirectory()
        let setup = AnnotationStore(directory: directory)
        _ = setup.add(document(Self.text, id: "d"))
        try setup.apply([AnnotationChange(documentID: "d", before: nil, after: Self.human("h-1", "base"))])
        _ = setup.save()
        let first = AnnotationStore(directory: directory)
        let second = AnnotationStore(directory: directory)
        _ = first.add(document(Self.text, id: "d"))
        _ = second.add(document(Self.text, id: "d"))
        try first.apply([AnnotationChange(documentID: "d", before: Self.human("h-1", "base"), after: Self.human("h-1", "mine"))])
        try second.apply([AnnotationChange(documentID: "d", before: Self.human("h-1", "base"), after: Self.human("h-1", "theirs"))])
        _ = second.save()
        let onDisk = FileManager.default.contents(atPath: first.filePath(for: "d"))
        let refused = first.save()
        #expect(refused.failures == [.conflict(path: first.filePath(for: "d"), ids: ["h-1"])])
        #expect(FileManager.default.contents(atPath: first.filePath(for: "d")) == onDisk)
        #expect(first.isDirty("d"))
        var asked: [String] = []
        let kept = first.save(keepOursOnConflict: { _, ids in asked = ids; return true })
        #expect(asked == ["h-1"] && kept.failures.isEmpty)
        #expect(kept.merged.first?.keptOurs == 1)
        let reread = AnnotationStore(directory: directory)
        _ = reread.add(document(Self.text, id: "d"))
        #expect(reread.annotations(in: "d").map(\.label) == ["mine"])
    }
}
