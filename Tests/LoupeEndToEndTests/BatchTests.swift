import Foundation
import Testing

@Suite(.serialized) struct BatchTests {
    @Test func newcomerAnnotatesSavesAndFindsTheQuoteAgain() throws {
        let workspace = LoupeProcess.workspace()
        let first = try LoupeProcess.run([], input: """
            use 000
            find "main enemy"
            annotate "quite literally" bias-markers:booster --note "emphasis"
            save
            quit
            """, in: workspace)
        #expect(first.status == 0, "\(first.stderr)")
        // Status lines go to standard error in scripts; no error or warning among them.
        #expect(!first.stderr.contains("error:") && !first.stderr.contains("warning:"))
        #expect(first.stdout.contains("h1  ") && !first.stdout.contains("saved"))
        #expect(first.stderr.contains("added h-"))
        #expect(first.stderr.contains("saved 1 file"))
        let saved = workspace.appendingPathComponent("annotations/000_19d9e6d631ab6c94.json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: saved)) as? [String: Any])
        #expect(Set(json.keys) == ["schema", "schemaVersion", "offsetUnit", "document", "annotations"])
        let annotations = try #require(json["annotations"] as? [[String: Any]])
        let target = try #require(annotations.first?["target"] as? [String: Any])
        let text = try String(contentsOf: workspace.appendingPathComponent("seeds/000_19d9e6d631ab6c94.txt"), encoding: .utf8)
        let scalars = Array(text.unicodeScalars)
        let start = try #require(target["start"] as? Int)
        let end = try #require(target["end"] as? Int)
        var slice = ""
        slice.unicodeScalars.append(contentsOf: scalars[start..<end])
        #expect(slice == "quite literally")
        #expect((annotations.first?["creator"] as? [String: String]) == ["type": "human", "name": "e2e"])

        let second = try LoupeProcess.run(["-c", "use 000; list layer=bias-markers"], in: workspace)
        #expect(second.status == 0)
        #expect(second.stdout.contains("bias-markers:booster  @\(start)-\(end)  \"quite literally\"  by e2e  note: emphasis"))
    }

    @Test func scriptsStopAtTheFirstErrorWithFileAndLine() throws {
        let workspace = LoupeProcess.workspace()
        let script = workspace.appendingPathComponent("steps.loupe")
        try """
            # comment line
            use 002
            annotate "Reuters" source:agency
            bogus command
            annotate "Dmitriev" source:person
            save
            """.write(to: script, atomically: true, encoding: .utf8)
        let stopped = try LoupeProcess.run(["--script", script.path], in: workspace)
        #expect(stopped.status == 1)
        #expect(stopped.stderr.split(separator: "\n").filter { $0.contains("error:") } == ["\(script.path):4: error: unknown command \"bogus\" (type 'help' for the list)"])
        #expect(!FileManager.default.fileExists(atPath: workspace.appendingPathComponent("annotations/002_9dc0145e2ef6cc36.json").path))

        let kept = try LoupeProcess.run(["--script", script.path, "--keep-going"], in: workspace)
        #expect(kept.status == 1)
        #expect(kept.stderr.contains("saved 1 file"))
        let saved = try String(contentsOf: workspace.appendingPathComponent("annotations/002_9dc0145e2ef6cc36.json"), encoding: .utf8)
        #expect(saved.contains("\"label\":\"agency\"") && saved.contains("\"label\":\"person\""))
    }

    @Test func pipesReportStandardInputLines() throws {
        let workspace = LoupeProcess.workspace()
        let result = try LoupeProcess.run([], input: "docs\nuse 9\n", in: workspace)
        #expect(result.status == 1)
        #expect(result.stderr == "<stdin>:2: error: no document number 9: documents are numbered 1 to 5 (see 'docs')\n")
        #expect(result.stdout.contains("000_19d9e6d631ab6c94"))
        #expect(!result.stdout.contains("\u{1B}"))
    }

    @Test func commandLineCommandsRunInOrder() throws {
        let workspace = LoupeProcess.workspace()
        let result = try LoupeProcess.run(["seeds/002_9dc0145e2ef6cc36.txt", "-c", "docs --json; use 1; show"], in: workspace)
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("[\n  {"))
        #expect(result.stdout.contains("Rare Earths: Russia Offers Cooperation to the U.S."))
        #expect(result.stdout.contains("\n  s2  by | 19. Mar 2025 - 09:48 | Politics\n"))
    }

    @Test func usageErrorsExitTwo() throws {
        let workspace = LoupeProcess.workspace()
        let unknown = try LoupeProcess.run(["--frobnicate"], in: workspace)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("Unknown option '--frobnicate'"))
        let missing = try LoupeProcess.run(["--script", "nope.loupe"], in: workspace)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nope.loupe: no such script file"))
        let both = try LoupeProcess.run(["--script", "a", "-c", "docs"], in: workspace)
        #expect(both.status == 2)
        let version = try LoupeProcess.run(["--version"], in: workspace)
        #expect(version.status == 0 && version.stdout.hasPrefix("0."))
    }

    @Test func invalidUTF8InAScriptIsAnErrorNamingLineAndByte() throws {
        let workspace = LoupeProcess.workspace()
        let result = try LoupeProcess.run([], inputBytes: Array("docs\nfind caf".utf8) + [0xE9] + Array("\n".utf8), in: workspace)
        #expect(result.status == 1)
        #expect(result.stderr.contains("<stdin>:2: invalid UTF-8 at byte offset 13"))
    }

    @Test func badInputIsReportedAndNothingIsLost() throws {
        let workspace = LoupeProcess.workspace()
        let folder = workspace.appendingPathComponent("more")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00]).write(to: folder.appendingPathComponent("archive.txt"))
        try Data(Array("Caf".utf8) + [0xE9, 0x0A]).write(to: folder.appendingPathComponent("latin1.txt"))
        try FileManager.default.createDirectory(at: workspace.appendingPathComponent("empty"), withIntermediateDirectories: true)
        let annotations = workspace.appendingPathComponent("annotations")
        try FileManager.default.createDirectory(at: annotations, withIntermediateDirectories: true)
        let corrupt = Data("{\"schema\": \"loupe-annotations\", \"schemaVersion\": 1,\n  \"annotations\": [,]\n}\n".utf8)
        let future = Data("{\"schema\": \"loupe-annotations\", \"schemaVersion\": 9}\n".utf8)
        try corrupt.write(to: annotations.appendingPathComponent("003_dc80155c430df523.json"))
        try future.write(to: annotations.appendingPathComponent("004_5e08cd89a83175d0.json"))

        let result = try LoupeProcess.run(
            ["--keep-going", "-c", "open more empty missing; use 003; annotate s1 x:y; use 004; analyze; use 1; annotate s1 x:y; save"],
            in: workspace)
        #expect(result.status == 1)
        let errors = result.stderr.split(separator: "\n").map(String.init)
        #expect(errors.contains { $0.contains("annotations/003_dc80155c430df523.json:2:19: invalid JSON") })
        #expect(errors.contains { $0.contains("004_5e08cd89a83175d0.json: schemaVersion 9 is newer than this Loupe reads (up to 3)") })
        #expect(errors.contains { $0.contains("more/archive.txt: binary file (NUL byte at byte offset 4)") })
        #expect(errors.contains { $0.contains("more/latin1.txt: invalid UTF-8 at byte offset 3") })
        #expect(errors.contains { $0.contains("empty: no documents here") })
        #expect(errors.contains { $0.contains("missing: no such file or directory") })
        #expect(errors.contains { $0.contains("its annotation file") && $0.contains("fix or move it first") })
        #expect(result.stderr.contains("saved 1 file"))
        #expect(try Data(contentsOf: annotations.appendingPathComponent("003_dc80155c430df523.json")) == corrupt)
        #expect(try Data(contentsOf: annotations.appendingPathComponent("004_5e08cd89a83175d0.json")) == future)
    }

    @Test func aBrokenAnnotationFileLocksOnlyItsDocument() throws {
        let workspace = LoupeProcess.workspace()
        let annotations = workspace.appendingPathComponent("annotations")
        try FileManager.default.createDirectory(at: annotations, withIntermediateDirectories: true)
        let truncated = Data("{\"schema\": \"loupe-annotations\", \"schemaVersion\": 2,\n  \"annotations\": [\n    {\"attr".utf8)
        try truncated.write(to: annotations.appendingPathComponent("000_19d9e6d631ab6c94.json"))
        // Without --keep-going: the script still runs on the other documents.
        let result = try LoupeProcess.run(["-c", "docs --json; analyze --all; save"], in: workspace)
        #expect(result.status == 1, "the broken file is still reported in the exit status")
        let listed = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]
        #expect(listed?.count == 5)
        let errors = result.stderr.split(separator: "\n").filter { $0.contains("error:") }
        #expect(errors.count == 1 && errors[0].contains("annotations/000_19d9e6d631ab6c94.json:3:"))
        #expect(result.stderr.contains("000_19d9e6d631ab6c94 left out"))
        #expect(LoupeProcess.hasSummaryLine(result.stderr, analyzer: "framing", "4 documents") && result.stderr.contains("saved 4 files"))
        #expect(try Data(contentsOf: annotations.appendingPathComponent("000_19d9e6d631ab6c94.json")) == truncated)
    }

    @Test func reopeningAChangedTextReanchorsAndReportsOrphans() throws {
        let workspace = LoupeProcess.workspace()
        let path = workspace.appendingPathComponent("seeds/002_9dc0145e2ef6cc36.txt")
        let first = try LoupeProcess.run(["-c", "use 002; annotate \"Kirill Dmitriev\" source:person; annotate \"modest 2,600 tons\" claim:figure; save"], in: workspace)
        #expect(first.status == 0, "\(first.stderr)")
        var text = try String(contentsOf: path, encoding: .utf8)
        text = "UPDATED: " + text.replacingOccurrences(of: "modest 2,600 tons", with: "mere 2,600 tonnes")
        try text.write(to: path, atomically: true, encoding: .utf8)
        let second = try LoupeProcess.run(["-c", "use 002; list --json; save"], in: workspace)
        #expect(second.status == 0)
        #expect(second.stderr.contains("warning: 002_9dc0145e2ef6cc36: text changed since the annotations were saved; 1 re-anchored, 1 orphaned"))
        #expect(second.stderr.contains("kept as orphans"))
        let saved = try String(contentsOf: workspace.appendingPathComponent("annotations/002_9dc0145e2ef6cc36.json"), encoding: .utf8)
        #expect(saved.contains("\"orphaned\":true"))
        #expect(saved.contains("\"exact\":\"modest 2,600 tons\""))
    }

    @Test func documentEscapeSequencesNeverReachTheTerminal() throws {
        let workspace = LoupeProcess.workspace()
        try "Hostile\nA line with \u{1B}]0;title\u{07} and \u{1B}[2J clear and \u{202E}reversed.\n".write(
            to: workspace.appendingPathComponent("hostile.txt"), atomically: true, encoding: .utf8)
        let result = try LoupeProcess.run(["hostile.txt", "-c", "show; find clear; docs"], in: workspace)
        #expect(result.status == 0)
        #expect(!result.stdout.contains("\u{1B}"))
        #expect(!result.stdout.contains("\u{07}"))
        #expect(!result.stdout.contains("\u{202E}"))
        #expect(result.stdout.contains("\\e]0;title\\u{7}"))
    }

    @Test func autosaveInAScriptSavesAtTheEnd() throws {
        let workspace = LoupeProcess.workspace()
        let without = try LoupeProcess.run(["-c", "use 1; annotate s1 x:y"], in: workspace)
        #expect(without.status == 0)
        #expect(!FileManager.default.fileExists(atPath: workspace.appendingPathComponent("annotations").path))
        let with = try LoupeProcess.run(["-c", "set autosave on; use 1; annotate s1 x:y"], in: workspace)
        #expect(with.status == 0)
        #expect(FileManager.default.fileExists(atPath: workspace.appendingPathComponent("annotations/000_19d9e6d631ab6c94.json").path))
    }

    @Test func jsonlCorporaOpen() throws {
        let workspace = LoupeProcess.workspace()
        try """
            {"id": "w1", "title": "One", "outlet": "Wire", "date": "2020-01-01", "text": "First story. It ends."}
            {"id": "w2", "text": "Second story."}
            """.write(to: workspace.appendingPathComponent("c.jsonl"), atomically: true, encoding: .utf8)
        let result = try LoupeProcess.run(["c.jsonl", "-c", "docs --json"], in: workspace)
        #expect(result.status == 0)
        #expect(result.stdout.contains("\"outlet\": \"Wire\""))
        #expect(result.stdout.contains("\"source\": \"c.jsonl:2\""))
    }
}

@Suite(.serialized) struct InterruptTests {
    @Test func ctrlCStopsAnalysisWithinALargeDocument() throws {
        let workspace = LoupeProcess.workspace()
        // One document of about 6 MB: analysing it takes many seconds in a debug build.
        let seed = try String(contentsOf: workspace.appendingPathComponent("seeds/003_dc80155c430df523.txt"), encoding: .utf8)
        try String(repeating: seed + "\n", count: 1_000).write(
            to: workspace.appendingPathComponent("large.txt"), atomically: true, encoding: .utf8)
        let running = try LoupeProcess.start(["large.txt", "--annotations", "large-annotations"], in: workspace)
        // Wait until the document is open (on a busy machine that alone may take seconds),
        // then give the analysis time to get past segmenting into the analyzers.
        running.stdin.fileHandleForWriting.write(Data("docs\n".utf8))
        let deadline = Date().addingTimeInterval(60)
        var listed = Data()
        while !String(decoding: listed, as: UTF8.self).contains("large"), Date() < deadline {
            listed += running.stdout.fileHandleForReading.availableData
        }
        running.stdin.fileHandleForWriting.write(Data("analyze --all\n".utf8))
        usleep(2_000_000)
        let interrupted = Date()
        running.process.interrupt()
        running.process.waitUntilExit()
        let waited = Date().timeIntervalSince(interrupted)
        // Stopped within the document, not after it: the analyzers check between sentences
        // (without the checks it took 15 s more, on an idle machine).
        #expect(waited < 8, "took \(waited) s to stop")
        #expect(running.process.terminationStatus == 130)
        let errors = String(decoding: running.stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(errors.contains("analyze: interrupted; nothing was changed"))
        #expect(!FileManager.default.fileExists(atPath: workspace.appendingPathComponent("large-annotations").path))
        try? running.stdin.fileHandleForWriting.close()
    }

    /// Runs loupe with `arguments` in a workspace holding `many.jsonl`, 8,000 documents (enough
    /// that opening them takes a while even in a release build), and presses Ctrl-C after `delay`
    /// microseconds: the exit status, standard error and the workspace.
    private func interruptWhileOpening(_ arguments: [String], after delay: useconds_t) throws -> (status: Int32, errors: String, workspace: URL) {
        let workspace = LoupeProcess.workspace()
        let seed = try String(contentsOf: workspace.appendingPathComponent("seeds/003_dc80155c430df523.txt"), encoding: .utf8)
        let text = String(decoding: try JSONEncoder().encode(seed), as: UTF8.self)
        var corpus = ""
        for number in 0..<8_000 {
            corpus += "{\"id\": \"d\(number)\", \"text\": \(text)}\n"
        }
        try corpus.write(to: workspace.appendingPathComponent("many.jsonl"), atomically: true, encoding: .utf8)
        let running = try LoupeProcess.start(arguments, in: workspace)
        usleep(delay)
        running.process.interrupt()
        let errors = String(decoding: running.stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        running.process.waitUntilExit()
        return (running.process.terminationStatus, errors, workspace)
    }

    @Test func ctrlCWhileDocumentsOpenOpensNothingAndRunsNothing() throws {
        let run = try interruptWhileOpening(
            ["many.jsonl", "--annotations", "many-annotations", "-c", "set autosave on; annotate d1 x:y; save"], after: 500_000)
        // Before the fix the interrupt was forgotten and the script ran to its end (status 0).
        #expect(run.status == 130, "stderr: \(run.errors)")
        #expect(run.errors.contains("open: interrupted; nothing was opened"))
        #expect(!FileManager.default.fileExists(atPath: run.workspace.appendingPathComponent("many-annotations").path))
    }

    @Test func ctrlCDuringTheOpenCommandSaysSoOnce() throws {
        let run = try interruptWhileOpening(["seeds", "--annotations", "many-annotations", "-c", "open many.jsonl; docs"], after: 700_000)
        #expect(run.status == 130, "stderr: \(run.errors)")
        #expect(run.errors.contains("open: interrupted; nothing was opened"))
        // No second line blaming paths that could not be read.
        #expect(!run.errors.contains("could not be read"), "stderr: \(run.errors)")
    }

    @Test func ctrlCStopsAPipedSessionWithStatus130() throws {
        let workspace = LoupeProcess.workspace()
        let running = try LoupeProcess.start([], in: workspace)
        let (process, stdin, stdout, stderr) = (running.process, running.stdin, running.stdout, running.stderr)
        stdin.fileHandleForWriting.write(Data("set autosave on\nannotate s1 x:y\ndocs\n".utf8))
        // Wait until the commands ran, then interrupt while loupe waits for more input.
        let deadline = Date().addingTimeInterval(10)
        var seen = Data()
        while !String(decoding: seen, as: UTF8.self).contains("004_5e08cd89a83175d0"), Date() < deadline {
            seen += stdout.fileHandleForReading.availableData
        }
        usleep(50_000)
        process.interrupt()
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        let errors = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(errors.contains("interrupted"))
        try stdin.fileHandleForWriting.close()
    }
}

@Suite(.serialized) struct AnalyzerCommandTests {
    @Test func aBadCodebookIsAOneLineErrorAndTheSessionGoesOn() throws {
        let workspace = LoupeProcess.workspace()
        try #"{"frames": [{"id": "a", "cues": {"of the": 1}}]}"#.write(
            to: workspace.appendingPathComponent("bad.json"), atomically: true, encoding: .utf8)
        let result = try LoupeProcess.run(
            ["--keep-going", "-c", "set framing.codebook missing.json; set framing.codebook bad.json; use 3; analyze framing; list layer=framing --json"],
            in: workspace)
        #expect(result.status == 1)
        let errors = result.stderr.split(separator: "\n").filter { $0.contains("error:") }
        #expect(errors.count == 2)
        #expect(errors[0] == "-c:1: error: missing.json: cannot read the codebook (no such file, or not readable)")
        #expect(errors[1].hasPrefix("-c:1: error: bad.json:1:44: frame \"a\": cue \"of the\" has only stop words"))
        #expect(result.stderr.range(of: #"framing@\d+\.\d+\.\d+: 1 document"#, options: .regularExpression) != nil)
        #expect(result.stdout.contains("\"layer\": \"framing\""))
    }

    @Test func analyzeAllRunsEveryAnalyzerAndRerunsChangeNothing() throws {
        let workspace = LoupeProcess.workspace()
        let first = try LoupeProcess.run(["-c", "analyze --all; save"], in: workspace, environment: ["SOURCE_DATE_EPOCH": "1700000000"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.range(of: #"framing@\d+\.\d+\.\d+: 5 documents"#, options: .regularExpression) != nil)
        #expect(first.stderr.range(of: #"sentiment@\d+\.\d+\.\d+: 5 documents"#, options: .regularExpression) != nil)
        let path = workspace.appendingPathComponent("annotations/002_9dc0145e2ef6cc36.json")
        let saved = try Data(contentsOf: path)
        let second = try LoupeProcess.run(["-c", "analyze --all; save"], in: workspace)
        #expect(second.stderr.contains("0 new, 0 updated, 0 withdrawn"))
        #expect(second.stderr.contains("nothing to save"))
        #expect(try Data(contentsOf: path) == saved)
    }

    @Test func sourcesPrintsTheTableOfWhoIsCited() throws {
        let workspace = LoupeProcess.workspace()
        let result = try LoupeProcess.run(["-c", "analyze source-citation --all; sources 003; sources 000 --json; save"], in: workspace)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("003_dc80155c430df523: ") }, "\(result.stdout)")
        #expect(!result.stdout.contains("Pavel Zarubin"), "the journalist who interviewed Putin asked; he is not a source")
        #expect(lines.contains { $0.hasPrefix("  Vladimir Putin  person") && $0.hasSuffix("Russian President") })
        #expect(result.stdout.contains("\"sourceId\": \"Nakanune.ru\""))
        #expect(result.stdout.contains("\"unresolvedMarkers\": 1"))
        // The table is stored with the document and comes back in a new session.
        let again = try LoupeProcess.run(["-c", "sources --all"], in: workspace)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("002_9dc0145e2ef6cc36: 12 citations of 7 sources"))
        #expect(again.stdout.contains("  U.S. Geological Survey  government"))
        let missing = try LoupeProcess.run(["--annotations", "elsewhere", "-c", "sources 1"], in: workspace)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no sources table for 000_19d9e6d631ab6c94: run 'analyze source-citation' first"))
    }
}
