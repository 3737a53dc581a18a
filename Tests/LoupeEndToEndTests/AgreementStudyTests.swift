import Foundation
import Testing

/// A two-annotator study on the seeds, made through the REPL as a script.
@Suite struct AgreementStudyTests {
    static let study = """
        use 002
        set annotator Ana
        annotate s1 framing:economic
        annotate s2 framing:security
        annotate s3 framing:economic
        annotate s4 framing:political
        use 003
        annotate s2 framing:economic
        set annotator Bea
        use 002
        annotate s1 framing:economic
        annotate s2 framing:economic
        annotate s3 framing:economic
        annotate s4 framing:political
        annotate s5 framing:political
        """

    @Test func agreeAndEvaluateOnATwoAnnotatorStudy() throws {
        let workspace = LoupeProcess.workspace()
        try Self.study.write(to: workspace.appendingPathComponent("study.loupe"), atomically: true, encoding: .utf8)
        // Nothing is saved: each run makes the study anew from the script.
        let text = try LoupeProcess.run(["--annotations", "ann", "-c", "source study.loupe; agree --layer framing"], in: workspace)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("agreement on layer framing by sentence: 2 annotators (Ana, Bea), 2 documents"))
        #expect(text.stdout.contains("Krippendorff's alpha (nominal, missing data allowed)"))
        #expect(text.stdout.contains("Ana / Bea: Cohen's kappa"))
        #expect(text.stdout.contains("confusion: Ana (rows) by Bea (columns), units both coded"))

        let json = try LoupeProcess.run(
            ["--annotations", "ann", "-c", "source study.loupe; agree --layer framing --json; agree --layer framing --unit span --json"],
            in: workspace)
        #expect(json.status == 0, "\(json.stderr)")
        let reports = json.stdout.components(separatedBy: "\n}\n").filter { !$0.isEmpty }.map { $0 + "\n}" }
        #expect(reports.count == 2)
        let sentences = try #require(try JSONSerialization.jsonObject(with: Data(reports[0].utf8)) as? [String: Any])
        let alpha = try #require(sentences["krippendorffAlpha"] as? Double)
        #expect(alpha > 0.5 && alpha < 1, "one sentence labelled differently, one more only by Bea: \(alpha)")
        let confusion = try #require(sentences["confusion"] as? [String: [String: Int]])
        #expect(confusion["security"]?["economic"] == 1)
        #expect(confusion["none"]?["political"] == 1)
        // 003 was annotated by Ana only: missing for Bea, so not a unit both coded.
        let pair = try #require((sentences["pairs"] as? [[String: Any]])?.first)
        let units = try #require(pair["units"] as? Int)
        #expect(units < (sentences["units"] as? Int ?? 0))
        let spans = try #require(try JSONSerialization.jsonObject(with: Data(reports[1].utf8)) as? [String: Any])
        let exact = try #require((((spans["pairs"] as? [[String: Any]])?.first?["spans"] as? [String: Any])?["exact"]) as? [String: Any])
        #expect(exact["matched"] as? Int == 3, "s1, s3, s4 agree in span and label")
        #expect(exact["references"] as? Int == 4, "Ana's spans on the document both annotated")
        let unitizing = try #require(spans["unitizingAlpha"] as? Double)
        #expect(unitizing > 0 && unitizing < 1)

        let evaluation = try LoupeProcess.run(
            ["--annotations", "ann", "-c", "source study.loupe; analyze framing --doc 002; evaluate framing --against Ana; evaluate framing --against Ana --min-f1 0.99"],
            in: workspace)
        #expect(evaluation.status == 1, "F1 below --min-f1 fails the script")
        #expect(evaluation.stdout.split(separator: "\n").contains { $0.hasPrefix("framing@") && $0.contains(" against Ana: 2 documents") })
        #expect(evaluation.stdout.contains("overall: overlap P"))
        #expect(evaluation.stderr.contains("evaluate: framing F1"))
        #expect(evaluation.stderr.contains("is below --min-f1 0.99"))
    }

    @Test func diffAndNextShowWhereTwoPeopleDiffer() throws {
        let workspace = LoupeProcess.workspace()
        try Self.study.write(to: workspace.appendingPathComponent("study.loupe"), atomically: true, encoding: .utf8)
        let run = try LoupeProcess.run(["--annotations", "ann", "-c", "source study.loupe; diff Ana Bea; next; next; next"], in: workspace)
        #expect(run.status == 1, "the third next has nothing left")
        #expect(run.stdout.contains(#"d1  002_9dc0145e2ef6cc36  s2  @52-88  "by | 19. Mar 2025 - 09:48 | P…"  framing: Ana security · Bea economic"#))
        #expect(run.stdout.contains("framing: only Bea (political)"))
        #expect(run.stdout.contains("    [by | 19. Mar 2025 - 09:48 | Politics]"), "next shows the difference in its sentence")
        #expect(run.stderr.contains("2 differences in 1 document-layer pair"))
        #expect(run.stderr.contains("next: no more differences (all 2 shown"))
        let apart = try LoupeProcess.run(["--annotations", "ann", "-c", "source study.loupe; diff Ana Bea 003"], in: workspace)
        #expect(apart.stderr.contains(#"diff: "Ana" and "Bea" annotated no document in common"#))
    }

    @Test func curateKeepsTheMajorityAndRecordsItsSources() throws {
        let workspace = LoupeProcess.workspace()
        let third = "\nset annotator Cy\nuse 002\nannotate s2 framing:security\nannotate s5 framing:economic\n"
        try (Self.study + third).write(to: workspace.appendingPathComponent("study.loupe"), atomically: true, encoding: .utf8)
        let run = try LoupeProcess.run(
            ["--annotations", "ann", "-c", "source study.loupe; curate --layer framing; curate --layer framing; list creator=curated doc=* --json"],
            in: workspace)
        #expect(run.status == 0, "\(run.stderr)")
        // s1 and s3 economic (Ana, Bea), s4 political (Ana, Bea), s2 security (Ana, Cy): four of three people's majority;
        // s2 economic (Bea) and s5 (Bea political, Cy economic) have none.
        #expect(run.stderr.contains("curated 4 annotations of framing as curated: 4 by majority, 0 by a preferred person's decision; 3 places without a majority left out"))
        #expect(run.stderr.contains("curated 0 annotations") && run.stderr.contains("4 already curated"), "a second run adds nothing")
        let kept = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        #expect(kept.count == 4)
        let security = try #require(kept.first { $0["label"] as? String == "security" })
        let attributes = try #require(security["attributes"] as? [String: Any])
        #expect(attributes["agreedBy"] as? [String] == ["Ana", "Cy"])
        #expect((attributes["curatedFrom"] as? [String])?.count == 2)
        let preferred = try LoupeProcess.run(
            ["--annotations", "ann", "-c", "source study.loupe; curate --layer framing --prefer Bea --as Gold"], in: workspace)
        #expect(preferred.stderr.contains("curated 6 annotations of framing as Gold: 4 by majority, 2 by Bea's decision; 1 place without a majority left out"))
    }

    @Test(arguments: [
        ("agree", "agree: no layer has annotations by two people or more (nobody has annotated yet)"),
        ("agree --layer nosuch", #"agree: nobody annotated layer "nosuch""#),
        ("set annotator Ana; annotate s1 framing:economic; agree --layer framing", #"agree: layer "framing" has annotations by one person only (Ana); agreement needs two"#),
        ("set annotator Ana; annotate s1 framing:economic; set annotator Bea; use 2; annotate s1 framing:economic; agree --layer framing",
         "agree: no two of Ana, Bea annotated the same document in layer \"framing\""),
        ("agree --unit paragraph", #"agree: --unit is sentence, document or span, not "paragraph""#),
        ("evaluate framing", "evaluate: no suggestions of framing are open: run 'analyze framing' first"),
    ])
    func clearMessagesNotZeroDivision(script: String, message: String) throws {
        let workspace = LoupeProcess.workspace()
        let run = try LoupeProcess.run(["--annotations", "ann", "-c", script], in: workspace)
        #expect(run.status == 1)
        #expect(run.stderr.contains(message), "\(run.stderr)")
    }
}

/// The session as a script: the log beside the annotations, replayed into an
/// empty folder, gives byte-identical annotation files.
@Suite struct SessionLogTests {
    @Test func replayingTheLogGivesTheSameFiles() throws {
        let workspace = LoupeProcess.workspace()
        let session = """
            use 002; find Reuters; annotate h1 source-citation:according-to "who=Reuters agency" --note "a \\"quoted\\" note; with a semicolon"
            analyze; accept where label=according-to; reject where layer=bias-markers; save
            set annotator Bea; use 3; annotate s2 framing:economic; annotate s3 framing:security; undo; redo
            edit where label=economic
            set annotator Ana; annotate s2 framing:economic; curate --layer framing
            delete where label=security; set sentiment.sentenceThreshold 0.5; analyze sentiment --all; save
            """
        try session.write(to: workspace.appendingPathComponent("session.loupe"), atomically: true, encoding: .utf8)
        let first = try LoupeProcess.run(["--annotations", "first", "--keep-going", "--script", "session.loupe"], in: workspace)
        let firstFolder = workspace.appendingPathComponent("first")
        let log = try String(contentsOf: firstFolder.appendingPathComponent("session.log"), encoding: .utf8)
        #expect(log.contains("set time "))
        #expect(log.contains(#"annotate h1 source-citation:according-to "who=Reuters agency" --note "a \"quoted\" note; with a semicolon""#))
        #expect(!log.contains("\nedit where"), "a failed command is not logged")
        #expect(first.stderr.contains("session.loupe:4: error:"), "the failed command failed")
        sleep(1)  // the replay runs later: its times must come from the log
        let replay = try LoupeProcess.run(["--annotations", "second", "--script", "first/session.log"], in: workspace)
        #expect(replay.status == 0, "\(replay.stderr)")
        let secondFolder = workspace.appendingPathComponent("second")
        let names = try FileManager.default.contentsOfDirectory(atPath: firstFolder.path).filter { $0.hasSuffix(".json") }.sorted()
        #expect(names.count >= 3)
        #expect(try FileManager.default.contentsOfDirectory(atPath: secondFolder.path).filter { $0.hasSuffix(".json") }.sorted() == names)
        for name in names {
            let a = try Data(contentsOf: firstFolder.appendingPathComponent(name))
            let b = try Data(contentsOf: secondFolder.appendingPathComponent(name))
            #expect(a == b, "\(name) differs after the replay")
        }
    }
}
