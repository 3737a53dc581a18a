import Foundation
import Testing

/// `loupe stream` and `import`, run as a user runs them: the built binary,
/// JSONL on standard input, results back into a REPL session.
@Suite(.serialized) struct StreamTests {
    static let epoch = ["SOURCE_DATE_EPOCH": "1700000000"]

    /// The seeds as a JSONL corpus, with a bad line and a blank one among them.
    static func corpus(in workspace: URL, badLines: Bool) throws -> String {
        let seeds = workspace.appendingPathComponent("seeds")
        var lines: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: seeds.path).sorted() {
            let text = try String(contentsOf: seeds.appendingPathComponent(name), encoding: .utf8)
            let record = try JSONSerialization.data(withJSONObject: ["id": String(name.dropLast(4)), "text": text], options: [.sortedKeys])
            lines.append(String(decoding: record, as: UTF8.self))
            if badLines, lines.count == 2 {
                lines.append("")
                lines.append(#"{"id": "no-text"}"#)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func aBadLineIsNamedAndTheOtherDocumentsAreStillAnalysed() throws {
        let workspace = LoupeProcess.workspace()
        let result = try LoupeProcess.run(["stream"], input: try Self.corpus(in: workspace, badLines: true), in: workspace, environment: Self.epoch)
        #expect(result.status == 1)
        #expect(result.stderr == "<stdin>:4: error: missing string field \"text\"\n")
        let records = result.stdout.split(separator: "\n").map { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(records.compactMap { $0?["id"] as? String } == [
            "000_19d9e6d631ab6c94", "001_876527049f9a8c39", "002_9dc0145e2ef6cc36", "003_dc80155c430df523", "004_5e08cd89a83175d0",
        ])
        #expect(records.allSatisfy { ($0?["annotations"] as? [Any])?.isEmpty == false && $0?["sha256"] is String })
    }

    @Test func usageErrorsExitTwo() throws {
        let workspace = LoupeProcess.workspace()
        let result = try LoupeProcess.run(["stream", "--analyzers", "nosuch"], in: workspace)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("Error: --analyzers: unknown analyzer \"nosuch\""))
        #expect(result.stdout.isEmpty)
    }

    @Test func importedResultsGiveTheFilesThatAnalyzeGives() throws {
        let workspace = LoupeProcess.workspace()
        let corpus = try Self.corpus(in: workspace, badLines: false)
        try corpus.write(to: workspace.appendingPathComponent("corpus.jsonl"), atomically: true, encoding: .utf8)
        let streamed = try LoupeProcess.run(["stream", "--jobs", "2", "corpus.jsonl"], in: workspace, environment: Self.epoch)
        #expect(streamed.status == 0 && streamed.stderr.isEmpty)
        try streamed.stdout.write(to: workspace.appendingPathComponent("results.jsonl"), atomically: true, encoding: .utf8)

        let analysed = try LoupeProcess.run(
            ["corpus.jsonl", "--annotations", "analysed", "-c", "analyze --all; save"], in: workspace, environment: Self.epoch)
        #expect(analysed.status == 0)
        let imported = try LoupeProcess.run(
            ["corpus.jsonl", "--annotations", "imported", "--quiet", "-c", "import results.jsonl; save"], in: workspace,
            environment: Self.epoch)
        #expect(imported.status == 0 && imported.stdout.isEmpty && imported.stderr.isEmpty)
        let names = try FileManager.default.contentsOfDirectory(atPath: workspace.appendingPathComponent("analysed").path)
            .filter { $0.hasSuffix(".json") }.sorted()
        #expect(names.count == 5)
        for name in names {
            let one = try Data(contentsOf: workspace.appendingPathComponent("analysed/" + name))
            let other = try Data(contentsOf: workspace.appendingPathComponent("imported/" + name))
            #expect(one == other, "\(name)")
        }

        // Opened by mistake as a corpus, the results file says what it is.
        let opened = try LoupeProcess.run(["results.jsonl", "-c", "docs"], in: workspace)
        #expect(opened.stderr.contains("holds 'loupe stream' results, not documents"))
        #expect(opened.stderr.split(separator: "\n").filter { $0.contains("error:") }.count == 1)
    }

    @Test func scriptedJSONOutputParses() throws {
        let workspace = LoupeProcess.workspace()
        let result = try LoupeProcess.run(["seeds", "-c", "analyze --all; list doc=* layer=framing --json; save"], in: workspace)
        #expect(result.status == 0)
        let parsed = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]
        #expect((parsed?.count ?? 0) >= 5)
        #expect(LoupeProcess.hasSummaryLine(result.stderr, analyzer: "framing", "5 documents") && result.stderr.contains("saved 5 files"))
    }
}

/// Two loupe processes on one annotations folder, as two people would run them.
@Suite(.serialized) struct TwoSessionTests {
    /// Runs `first` in one session and waits until it printed `marker`; then
    /// runs `second` to the end as another session on the same folder; then
    /// has the first session save. Returns the first session's exit status
    /// and what it printed after the wait.
    static func interleave(first: String, marker: String, second: String, in workspace: URL) throws -> (status: Int32, stderr: String) {
        let running = try LoupeProcess.start([], in: workspace, environment: ["LOUPE_ANNOTATOR": "one"])
        running.stdin.fileHandleForWriting.write(Data((first + "\n").utf8))
        var seen = Data()
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, !String(decoding: seen, as: UTF8.self).contains(marker) {
            seen += running.stderr.fileHandleForReading.availableData
        }
        #expect(String(decoding: seen, as: UTF8.self).contains(marker))
        let other = try LoupeProcess.run(["-c", second], in: workspace)
        #expect(other.status == 0, "\(other.stderr)")
        running.stdin.fileHandleForWriting.write(Data("save\n".utf8))
        try running.stdin.fileHandleForWriting.close()
        let rest = String(decoding: running.stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        running.process.waitUntilExit()
        return (running.process.terminationStatus, rest)
    }

    static func saved(in workspace: URL) throws -> String {
        try String(contentsOf: workspace.appendingPathComponent("annotations/000_19d9e6d631ab6c94.json"), encoding: .utf8)
    }

    @Test func aSaveInBetweenIsMergedNotLost() throws {
        let workspace = LoupeProcess.workspace()
        let first = try Self.interleave(
            first: "use 000\nannotate \"Russia\" user:country", marker: "added h-",
            second: "use 000; annotate \"Trump\" user:person; save", in: workspace)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("merged 1 change(s) another session had saved into annotations/000_19d9e6d631ab6c94.json"))
        let saved = try Self.saved(in: workspace)
        #expect(saved.contains("\"label\":\"country\"") && saved.contains("\"label\":\"person\""))
    }

    @Test func aConflictInAScriptIsOneErrorNamingTheFile() throws {
        let workspace = LoupeProcess.workspace()
        let setup = try LoupeProcess.run(["-c", "use 000; annotate \"Russia\" user:country; save"], in: workspace)
        let id = try #require(setup.stderr.split(separator: " ").first { $0.hasPrefix("h-") })
        let first = try Self.interleave(
            first: "edit \(id) label=alpha", marker: "edited", second: "edit \(id) label=beta; save", in: workspace)
        #expect(first.status == 1)
        let errors = first.stderr.split(separator: "\n").filter { $0.contains("error:") }
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("<stdin>:2: error: annotations/000_19d9e6d631ab6c94.json: not saved: another session saved it") == true)
        let saved = try Self.saved(in: workspace)
        #expect(saved.contains("\"label\":\"beta\"") && !saved.contains("\"label\":\"alpha\""))
    }
}

/// Exports of the analysed and reviewed seeds, checked by scripts/check-exports.py:
/// offsets against the texts with Python's slicing, the W3C model's keys and
/// selectors, brat's line rules.
@Suite struct ExportTests {
    @Test func everyFormatHoldsToTheTextAndItsRules() throws {
        let workspace = LoupeProcess.workspace()
        let run = try LoupeProcess.run(
            ["-c", "analyze --all; accept where layer=framing doc=*; reject where layer=bias-markers label=loaded-language doc=*; "
                + #"use 2; annotate s3 note:claim --note "a, \"quoted\" note"; "#
                + "export csv; export summary-csv; export jsonl; export w3c; export brat"],
            in: workspace)
        #expect(run.status == 0, "\(run.stderr)")
        let (status, report) = try LoupeProcess.checker("check-exports.py", ["seeds", "."], in: workspace)
        #expect(status == 0, "\(report)")
        #expect(report.contains("brat: ") && report.contains("w3c: "))

        // Nothing is overwritten unless asked; an empty match is an empty export, not an error.
        let again = try LoupeProcess.run(["-c", "export csv"], in: workspace)
        #expect(again.status == 1)
        #expect(again.stderr.contains("export: annotations.csv exists; use --force to replace it"))
        let empty = try LoupeProcess.run(["-c", "export csv --out none.csv layer=nosuch"], in: workspace)
        #expect(empty.status == 0)
        #expect(empty.stderr.contains("no annotations match; wrote an empty csv export to none.csv"))
        let header = try String(contentsOf: workspace.appendingPathComponent("none.csv"), encoding: .utf8)
        #expect(header.hasPrefix("document,title,outlet,date,url,author,id,layer,label"))
        let unknown = try LoupeProcess.run(["-c", "export brst"], in: workspace)
        #expect(unknown.stderr.contains("export: no format \"brst\"; did you mean 'brat'?"))
    }
}

/// Loupe → W3C → Loupe and Loupe → brat → Loupe on the analysed and reviewed seeds.
@Suite struct RoundTripTests {
    static func listing(_ run: LoupeProcess.Result) throws -> [String: NSDictionary] {
        let items = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: items.map { ($0["id"] as? String ?? "", $0 as NSDictionary) })
    }

    @Test func exportsComeBackAsTheyWere() throws {
        let workspace = LoupeProcess.workspace()
        let made = try LoupeProcess.run(
            ["--annotations", "original", "-c", "analyze --all; accept where layer=framing doc=*; reject where label=loaded-language doc=*; "
                + #"use 2; annotate s3 note:claim --note "a, \"quoted\" note"; save; export w3c; export brat; "#
                + "list doc=* --json"],
            in: workspace)
        #expect(made.status == 0, "\(made.stderr)")
        let original = try Self.listing(made)
        let viaW3C = try LoupeProcess.run(["--annotations", "w3c", "-c", "import annotations.jsonld; save; list doc=* --json"], in: workspace)
        #expect(viaW3C.status == 0, "\(viaW3C.stderr)")
        #expect(try Self.listing(viaW3C) == original, "W3C round trip")
        for name in try FileManager.default.contentsOfDirectory(atPath: workspace.appendingPathComponent("original").path) where name.hasSuffix(".json") {
            #expect(try Data(contentsOf: workspace.appendingPathComponent("original/" + name)) == Data(contentsOf: workspace.appendingPathComponent("w3c/" + name)), "\(name)")
        }
        // Loupe's own JSONL: the same files, byte for byte, metadata a user set included.
        let exported = try LoupeProcess.run(["--annotations", "original", "-c", "meta 2 outlet=Wire; save; export jsonl"], in: workspace)
        #expect(exported.status == 0, "\(exported.stderr)")
        let viaJSONL = try LoupeProcess.run(["--annotations", "jsonl", "-c", "import annotations.jsonl; save"], in: workspace)
        #expect(viaJSONL.status == 0, "\(viaJSONL.stderr)")
        #expect(viaJSONL.stderr.contains("from Loupe JSONL annotations.jsonl"))
        for name in try FileManager.default.contentsOfDirectory(atPath: workspace.appendingPathComponent("original").path) where name.hasSuffix(".json") {
            #expect(try Data(contentsOf: workspace.appendingPathComponent("original/" + name)) == Data(contentsOf: workspace.appendingPathComponent("jsonl/" + name)), "\(name)")
        }
        let viaBrat = try LoupeProcess.run(["--annotations", "brat-import", "-c", "import brat; save; list doc=* --json"], in: workspace)
        #expect(viaBrat.status == 0, "\(viaBrat.stderr)")
        let spans = original.filter { $0.value["target"] != nil }
        #expect(try Self.listing(viaBrat) == spans, "brat round trip: every span annotation (brat has no document-level ones)")

        // Importing again changes nothing; a person's decision here stands against the file.
        let again = try LoupeProcess.run(["--annotations", "w3c", "-c", "import annotations.jsonld"], in: workspace)
        #expect(again.stderr.contains("imported 0 annotations"))
        #expect(again.stderr.contains("221 already there") || again.stderr.contains("already there"))
    }

    @Test func badImportsAreReportedLineByLine() throws {
        let workspace = LoupeProcess.workspace()
        let folder = workspace.appendingPathComponent("bad-brat")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "T1\tnote__claim 0 4\tRuss\nT2\tbroken\nA1\tColour T1 red\nR1\tCause Arg1:T1 Arg2:T1\nT3\tnote__claim 99999 100000\tgone\n"
            .write(to: folder.appendingPathComponent("001_876527049f9a8c39.ann"), atomically: true, encoding: .utf8)
        let w3c = #"{"type": "Annotation", "id": "x", "body": {"type": "TextualBody", "purpose": "tagging", "value": "note:x"}, "target": {"source": "urn:loupe:document:002_9dc0145e2ef6cc36", "selector": {"type": "FragmentSelector", "value": "t=1,2"}}}"#
        try w3c.write(to: workspace.appendingPathComponent("fragment.jsonld"), atomically: true, encoding: .utf8)
        let run = try LoupeProcess.run(["-c", "import bad-brat; import fragment.jsonld"], in: workspace)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("bad-brat/001_876527049f9a8c39.ann:2: malformed text-bound line; left out"))
        #expect(run.stderr.contains("bad-brat/001_876527049f9a8c39.ann:3: an attribute line Loupe does not read"))
        #expect(run.stderr.contains("bad-brat/001_876527049f9a8c39.ann:4: relations, events and normalisations are not read"))
        #expect(run.stderr.contains("bad-brat/001_876527049f9a8c39.ann:5: \"gone\" cannot be found"))
        #expect(run.stderr.contains("imported 2 annotations into 1 document from brat bad-brat (0 already there, 0 kept as reviewed here, 0 re-anchored, 1 orphaned)"))
        #expect(run.stderr.contains("fragment.jsonld: annotation 1: selects with FragmentSelector, which Loupe cannot place in a text; left out"))
    }
}

/// Near-duplicates on the seeds, and annotations carried from one copy to the other.
@Suite struct NearDuplicateTests {
    @Test func theSeedsHaveOnePairAndProjectCarriesAnnotations() throws {
        let workspace = LoupeProcess.workspace()
        let run = try LoupeProcess.run(
            ["-c", "dups --json; use 000; "
                + #"annotate "main enemy" bias-markers:scare-quotes --note "quoted label"; annotate s2 note:header; "#
                + "project 000 001; project 000 001; list doc=001 --json"],
            in: workspace)
        #expect(run.status == 0, "\(run.stderr)")
        let parts = run.stdout.components(separatedBy: "\n]\n")
        let pairs = try #require(try JSONSerialization.jsonObject(with: Data((parts[0] + "\n]").utf8)) as? [[String: Any]])
        #expect(pairs.count == 1)
        #expect(pairs.first?["documents"] as? [String] == ["000_19d9e6d631ab6c94", "001_876527049f9a8c39"])
        #expect((pairs.first?["similarity"] as? Double ?? 0) > 0.8)
        #expect(run.stderr.contains("(note:header \"news\") cannot be placed in 001_876527049f9a8c39"), "001 has no such line")
        #expect(run.stderr.contains("projected 1 annotation from 000_19d9e6d631ab6c94 to 001_876527049f9a8c39; 1 could not be placed"))
        #expect(run.stderr.contains("projected 0 annotations") && run.stderr.contains("1 already there"), "a second projection adds nothing")
        let projected = try #require(try JSONSerialization.jsonObject(with: Data((parts[1] + "\n]").utf8)) as? [[String: Any]])
        let copy = try #require(projected.first { $0["label"] as? String == "scare-quotes" })
        #expect((copy["target"] as? [String: Any])?["exact"] as? String == "main enemy")
        #expect(copy["note"] as? String == "quoted label")
        #expect(((copy["attributes"] as? [String: Any])?["projectedFrom"] as? String)?.hasPrefix("000_19d9e6d631ab6c94/h-") == true)

        let bad = try LoupeProcess.run(["-c", "dups --threshold 2"], in: workspace)
        #expect(bad.stderr.contains("dups: --threshold is a similarity above 0 and at most 1, not \"2\""))
    }
}
