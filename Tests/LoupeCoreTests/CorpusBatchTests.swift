import Foundation
import Synchronization
import Testing
@testable import LoupeCore

/// A small analyzer for the batch tests: marks every "the" and says how many
/// words the document has, so its output is easy to predict.
struct ArticleMarker: Analyzer {
    struct Options: AnalyzerOptions { init() {} }

    static let descriptor = AnalyzerDescriptor(id: "articles", name: "Articles", summary: "Marks 'the'.", version: "0.1.0")
    static var examplesURL: URL? { nil }

    init(options: Options) throws(AnalyzerError) {}

    func analyze(_ document: Document) -> [Suggestion] {
        var found: [Suggestion] = []
        let tokens = document.segmentation.tokens
        for token in tokens where document.text(scalars: token.span.scalars).lowercased() == "the" {
            found.append(Suggestion(
                layer: "articles", label: "the", range: token.span.scalars, rule: "articles.the",
                cues: [Cue(text: "the", range: token.span.scalars)]))
        }
        found.append(Suggestion(
            layer: "articles", label: "count", range: nil, rule: "articles.count",
            attributes: ["tokens": .int(tokens.count)]))
        return found
    }
}

@Suite struct OrderedPipelineTests {
    @Test(arguments: [1, 2, 4])
    func keepsInputOrderAndBoundsWhatIsInFlight(jobs: Int) {
        var next = 0
        var consumed: [Int] = []
        var mostInFlight = 0
        OrderedPipeline.run(
            jobs: jobs, window: 6,
            produce: { () -> Int? in
                guard next < 500 else { return nil }
                next += 1
                mostInFlight = max(mostInFlight, next - consumed.count)
                return next - 1
            },
            transform: { value in
                // Uneven work, so that later items often finish first.
                var sum = 0
                for step in 0..<((value * 7919) % 2000) { sum &+= step }
                return (value, sum)
            },
            consume: { consumed.append($0.0) })
        #expect(consumed == Array(0..<500))
        #expect(mostInFlight <= max(6, jobs))
    }

    @Test func stopsWhenAsked() {
        let stop = Mutex(false)
        var consumed = 0
        var next = 0
        OrderedPipeline.run(
            jobs: 2, window: 4,
            produce: { () -> Int? in
                next += 1
                return next < 100_000 ? next : nil
            },
            transform: { $0 },
            consume: { _ in
                consumed += 1
                if consumed == 10 { stop.withLock { $0 = true } }
            },
            stop: { stop.withLock { $0 } })
        #expect(consumed == 10)
        #expect(next < 100)
    }
}

@Suite struct SchemaVersionTests {
    static let fixtures = TestPaths.root.appendingPathComponent("Tests/LoupeCoreTests/Resources/schema-v1")

    /// The v1 files that the previous release wrote (analyzer suggestions of
    /// all four analyzers, accepted, rejected and edited ones, human span and
    /// document annotations with notes, confidences and attributes, orphans,
    /// every metadata field, and a file whose annotations were all deleted),
    /// opened as a store in a copy of their folder; or the same files as
    /// the release before this one wrote them (version 2, by its
    /// `save --to`; it wrote no file for the document without annotations).
    static func openFixtures(version: Int = 1) throws -> (store: AnnotationStore, directory: String, documents: [Document]) {
        let directory = TestPaths.temporaryDirectory()
        let files = TestPaths.root.appendingPathComponent("Tests/LoupeCoreTests/Resources/schema-v\(version)/ann")
        for name in try FileManager.default.contentsOfDirectory(atPath: files.path) {
            try FileManager.default.copyItem(atPath: files.appendingPathComponent(name).path, toPath: directory + "/" + name)
        }
        let loaded = DocumentLoader().load(paths: [fixtures.appendingPathComponent("docs").path])
        #expect(loaded.errors.isEmpty)
        let store = AnnotationStore(directory: directory)
        for document in loaded.documents {
            let report = store.add(document)
            #expect(report.error == nil, "\(document.id): \(String(describing: report.error))")
        }
        return (store, directory, loaded.documents)
    }

    /// An annotation object without the context, which the current rule
    /// computes afresh for annotations that are still anchored.
    static func withoutContext(_ value: JSONValue) -> JSONValue {
        guard var object = value.objectValue else { return value }
        if var target = object["target"]?.objectValue {
            target["prefix"] = nil
            target["suffix"] = nil
            object["target"] = .object(target)
        }
        return .object(object)
    }

    @Test(arguments: [1, 2])
    func readsEveryKindOfOlderFileAndLosesNothing(version: Int) throws {
        let (store, directory, documents) = try Self.openFixtures(version: version)
        #expect(documents.count == 3)
        var kinds = Set<String>()
        for document in documents {
            guard let bytes = FileManager.default.contents(atPath: directory + "/" + document.id + ".json") else {
                #expect(version == 2 && document.id == "empty", "\(document.id): no file")
                continue
            }
            let original = try JSONParser.parse([UInt8](bytes))
            #expect(original["schemaVersion"] == .int(version))
            let items = original["annotations"]?.arrayValue ?? []
            let loaded = store.annotations(in: document.id)
            #expect(loaded.count == items.count, "\(document.id)")
            for item in items {
                let id = try #require(item["id"]?.stringValue)
                let annotation = try #require(loaded.first { $0.id == id }, "\(id) lost")
                #expect(Self.withoutContext(AnnotationCoding.encode(annotation)) == Self.withoutContext(item), "\(id)")
                if item["orphaned"] == true { kinds.insert("orphan") }
                if item["note"] != nil { kinds.insert("note") }
                if item["reviewer"] != nil { kinds.insert(item["status"]?.stringValue ?? "") }
                if item["creator"]?["type"] == "human" { kinds.insert(item["target"] == nil ? "human-document" : "human-span") }
                if let analyzer = item["creator"]?["id"]?.stringValue { kinds.insert(analyzer) }
            }
        }
        #expect(kinds.isSuperset(of: [
            "orphan", "note", "accepted", "rejected", "human-document", "human-span", "framing", "sentiment",
            "bias-markers", "source-citation",
        ]))
    }

    @Test(arguments: [1, 2])
    func rewritesOlderFilesInTheCurrentVersionWithOneAnnotationPerLine(version: Int) throws {
        let (store, directory, all) = try Self.openFixtures(version: version)
        // Every document with a file (version 2's fixtures have none for the empty one).
        let documents = all.filter { FileManager.default.fileExists(atPath: directory + "/" + $0.id + ".json") }
        #expect(documents.count == (version == 1 ? 3 : 2))
        let before = Dictionary(uniqueKeysWithValues: documents.map { ($0.id, store.annotations(in: $0.id)) })
        for document in documents {
            // Bring every file up to the current schema at its next save.
            try store.apply([AnnotationChange(
                documentID: document.id, before: nil,
                after: Annotation(id: "h-new-" + document.id, layer: "test", label: "x", target: nil, creator: .human(name: "Ana"),
                    status: .accepted, created: "2026-01-01T00:00:00Z"))])
            try store.apply([AnnotationChange(
                documentID: document.id,
                before: store.annotation("h-new-" + document.id)?.annotation, after: nil)])
        }
        let report = store.save()
        #expect(report.failures.isEmpty && report.written.count == documents.count)
        for document in documents {
            let path = directory + "/" + document.id + ".json"
            let text = String(decoding: try #require(FileManager.default.contents(atPath: path)), as: UTF8.self)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.prefix(3) == ["{", "  \"schema\": \"loupe-annotations\",", "  \"schemaVersion\": \(AnnotationFile.schemaVersion),"])
            // An analyzer's provenance as id@version, no status while suggested.
            #expect(!text.contains(#""type":"analyzer""#) && !text.contains(#""status":"suggested""#))
            let annotationLines = lines.filter { $0.hasPrefix("    {") }
            #expect(annotationLines.count == (before[document.id]?.count ?? -1))
            for line in annotationLines {
                let compact = String(line.dropFirst(4).drop { $0 == " " }).trimmingSuffix(",")
                let value = try JSONParser.parse(compact)
                // Compact, with sorted keys: exactly what the compact writer makes of it.
                #expect(JSONWriter.compact(value) == compact)
            }
            let reopened = AnnotationStore(directory: directory)
            let load = reopened.add(document)
            #expect(load.error == nil)
            #expect(reopened.annotations(in: document.id) == store.annotations(in: document.id))
            #expect(!reopened.isDirty(document.id), "a current file read back has nothing to save")
            #expect(reopened.file(for: document.id)?.encoded() == [UInt8](text.utf8))
        }
    }

    @Test func appendWritesWhatTheCompactWriterWrites() throws {
        let (store, _, documents) = try Self.openFixtures()
        var count = 0
        for document in documents {
            for annotation in store.annotations(in: document.id) {
                var bytes: [UInt8] = []
                AnnotationCoding.append(annotation, to: &bytes)
                #expect(String(decoding: bytes, as: UTF8.self) == JSONWriter.compact(AnnotationCoding.encode(annotation, compact: true)))
                count += 1
            }
        }
        #expect(count > 40)
    }

    @Test func refusesAVersionFromTheFuture() {
        let bytes = Array(#"{"schema": "loupe-annotations", "schemaVersion": 4, "offsetUnit": "unicode-scalar"}"#.utf8)
        #expect(throws: StoreError.unsupportedVersion(path: "x.json", found: 4, supported: 3)) {
            try AnnotationFile.decode(bytes, path: "x.json")
        }
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}

@Suite struct BatchSaveTests {
    @Test func savesManyFilesAndLeavesNoTemporaryFiles() throws {
        let directory = TestPaths.temporaryDirectory()
        let store = AnnotationStore(directory: directory)
        let runner = AnalysisRunner(analyzers: [try ArticleMarker(options: .init())], time: "2026-01-01T00:00:00Z")
        let ids = (0..<600).map { "doc-\($0)" }
        for id in ids { _ = store.add(document("The cat and the dog number \(id).", id: id)) }
        let report = try store.analyze(runner, documents: ids, jobs: 2, stop: { false })
        #expect(report.tallies == [{ var tally = AnalysisRunner.Tally(); tally.suggested = 1800; tally.added = 1800; return tally }()])
        let saved = store.save()
        #expect(saved.written.count == 600 && saved.failures.isEmpty)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
        #expect(names.count == 600)
        #expect(!names.contains { $0.contains(".tmp-") })
    }

    @Test func removesTemporaryFilesOfDeadProcessesOnly() throws {
        let directory = TestPaths.temporaryDirectory()
        // A process id that is not running: one past the largest, found by trying.
        var dead: Int32 = 4_000_000
        while kill(dead, 0) == 0 || errno != ESRCH { dead += 1 }
        let stale = ".doc.json.tmp-\(dead)"
        let live = ".doc.json.tmp-\(getppid())"
        for name in [stale, live] { _ = FileManager.default.createFile(atPath: directory + "/" + name, contents: Data("{".utf8)) }
        let store = AnnotationStore(directory: directory)
        _ = store.add(document("The text.", id: "doc"))
        try store.apply([AnnotationChange(documentID: "doc", before: nil, after: Annotation(
            id: "h-1", layer: "x", label: "y", target: nil, creator: .human(name: "Ana"), status: .accepted,
            created: "2026-01-01T00:00:00Z"))])
        let report = store.save()
        #expect(report.removedTemporaries == [stale])
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: directory))
        #expect(names == ["doc.json", live])
    }

    @Test func anInterruptedRunChangesNothing() throws {
        let directory = TestPaths.temporaryDirectory()
        let store = AnnotationStore(directory: directory)
        let ids = (0..<200).map { "doc-\($0)" }
        for id in ids { _ = store.add(document("The end of \(id).", id: id)) }
        let runner = AnalysisRunner(analyzers: [try ArticleMarker(options: .init())], time: "2026-01-01T00:00:00Z")
        let calls = Mutex(0)
        #expect(throws: AnalysisFailure.interrupted) {
            try store.analyze(runner, documents: ids, jobs: 2, stop: { calls.withLock { $0 += 1; return $0 > 150 } })
        }
        for id in ids { #expect(store.annotationCount(in: id) == 0 && !store.isDirty(id)) }
    }
}

@Suite struct StreamProcessorTests {
    static func run(_ input: String, jobs: Int) throws -> (output: String, errors: [String], summary: StreamProcessor.Summary) {
        let directory = TestPaths.temporaryDirectory()
        let inputPath = directory + "/in.jsonl"
        let outputPath = directory + "/out.jsonl"
        _ = FileManager.default.createFile(atPath: inputPath, contents: Data(input.utf8))
        let inputDescriptor = open(inputPath, O_RDONLY)
        let outputDescriptor = open(outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        defer {
            close(inputDescriptor)
            close(outputDescriptor)
        }
        let processor = StreamProcessor(
            runner: AnalysisRunner(analyzers: [try ArticleMarker(options: .init())], time: "2026-01-01T00:00:00Z"), jobs: jobs)
        var errors: [String] = []
        let summary = processor.run(
            [.init(name: "in.jsonl", descriptor: inputDescriptor)], to: DescriptorWriter(descriptor: outputDescriptor),
            report: { errors.append($0) })
        let output = String(decoding: try #require(FileManager.default.contents(atPath: outputPath)), as: UTF8.self)
        return (output, errors, summary)
    }

    static let input = [
        #"{"id": "one", "text": "The cat sat on the mat."}"#,
        "",
        #"{"id": "two", "text": "No article here.", "title": "A title"}"#,
        #"{"id": "three", "text": 5}"#,
        "{not json",
        #"{"id": "../up", "text": "The way out."}"#,
        #"{"id": "four", "text": "The end"}"#,
    ].joined(separator: "\n")

    @Test(arguments: [1, 2])
    func writesOneRecordPerDocumentInOrderAndNamesEachBadLine(jobs: Int) throws {
        let (output, errors, summary) = try Self.run(Self.input, jobs: jobs)
        let records = output.split(separator: "\n").map { try? JSONParser.parse(String($0)) }
        #expect(records.map { $0?["id"]?.stringValue } == ["one", "two", "four"])
        #expect(output.hasSuffix("}\n"))
        #expect(records[0]?["annotations"]?.arrayValue?.count == 3)
        #expect(records[0]?["length"] == .int(23))
        #expect(records[0]?["sha256"]?.stringValue == document("The cat sat on the mat.", id: "one").sha256)
        #expect(errors.count == 3)
        #expect(errors[0].hasPrefix("in.jsonl:4: error: missing string field \"text\""))
        #expect(errors[1].hasPrefix("in.jsonl:5: error: invalid JSON"))
        #expect(errors[2].hasPrefix("in.jsonl:6: error: document id \"../up\""))
        #expect(summary.documents == 3 && summary.badLines == 3 && summary.stoppedBecause == nil)
    }

    @Test func givesTheSameBytesOnOneThreadAndOnSeveral() throws {
        let lines = (0..<300).map { #"{"id": "d\#($0)", "text": "The number \#($0) and the next."}"# }.joined(separator: "\n")
        #expect(try Self.run(lines, jobs: 1).output == Self.run(lines, jobs: 3).output)
    }

    @Test func recordsImportBackAsAnalyzeWouldMergeThem() throws {
        let text = "The cat sat on the mat."
        let (output, _, _) = try Self.run(#"{"id": "one", "text": "\#(text)"}"#, jobs: 1)
        let resultsPath = TestPaths.temporaryDirectory() + "/results.jsonl"
        _ = FileManager.default.createFile(atPath: resultsPath, contents: Data(output.utf8))

        let analysed = AnnotationStore(directory: TestPaths.temporaryDirectory())
        _ = analysed.add(document(text, id: "one"))
        let runner = AnalysisRunner(analyzers: [try ArticleMarker(options: .init())], time: "2026-01-01T00:00:00Z")
        _ = try analysed.analyze(runner, documents: ["one"], jobs: 1, stop: { false })

        let imported = AnnotationStore(directory: TestPaths.temporaryDirectory())
        _ = imported.add(document(text, id: "one"))
        // A decision a person made before the import stands.
        var rejected = analysed.annotations(in: "one")[1]
        rejected.status = .rejected
        rejected.reviewer = "Ana"
        try imported.apply([AnnotationChange(documentID: "one", before: nil, after: rejected)])
        let report = try ResultImport.run(path: resultsPath, into: imported)
        #expect(report.documents == 1 && report.problems.isEmpty)
        #expect(report.tally.keptAsReviewed == 1 && report.tally.added == 2)
        var expected = analysed.annotations(in: "one")
        expected[1] = rejected
        #expect(imported.annotations(in: "one") == expected)
    }

    @Test func reanchorsRecordsOfAnotherVersionOfTheTextAndReportsWhatItCannotPlace() throws {
        let (output, _, _) = try Self.run(#"{"id": "one", "text": "The cat sat on the mat."}"# + "\n" + #"{"id": "gone", "text": "The x"}"#, jobs: 1)
        let resultsPath = TestPaths.temporaryDirectory() + "/results.jsonl"
        _ = FileManager.default.createFile(atPath: resultsPath, contents: Data((output + "{broken\n").utf8))
        let store = AnnotationStore(directory: TestPaths.temporaryDirectory())
        // The first "The" is gone, the second moved.
        _ = store.add(document("A cat sat on the mat.", id: "one"))
        let report = try ResultImport.run(path: resultsPath, into: store)
        let spans = store.annotations(in: "one").compactMap(\.target)
        #expect(spans.map(\.range) == [13..<16])
        #expect(report.reanchored == 1)
        #expect(report.problems.count == 3)
        #expect(report.problems[0].contains("results.jsonl:1: ") && report.problems[0].contains("could not be placed"))
        #expect(report.problems[1].hasPrefix(resultsPath + ":2: no open document \"gone\""))
        #expect(report.problems[2].hasPrefix(resultsPath + ":3: invalid JSON"))
    }
}
