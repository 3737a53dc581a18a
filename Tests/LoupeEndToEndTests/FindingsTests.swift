import Foundation
import Testing

/// Document metadata (`meta`) and comparisons (`compare`) on the seeds, run
/// as a user runs them: the built binary and scripted commands.
@Suite struct MetadataTests {
    static func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    @Test func metadataIsSetSavedShownFilteredAndRemoved() throws {
        let workspace = LoupeProcess.workspace()
        let set = try LoupeProcess.run(
            ["--no-color", "-c", #"meta 2 3 outlet="Wire Review" stance=commentary; meta 1 date="March 12, 2025"; save"#],
            in: workspace)
        #expect(set.status == 0, "\(set.stderr)")
        #expect(set.stderr.contains("set outlet, stance on 2 documents (4 values changed; saved with the annotations)"))
        // Saved in the document header, apart from what the source says.
        let file = try #require(try Self.json(String(contentsOf: workspace.appendingPathComponent("annotations/002_9dc0145e2ef6cc36.json"), encoding: .utf8)) as? [String: Any])
        let header = try #require(file["document"] as? [String: Any])
        #expect(header["meta"] as? [String: String] == ["outlet": "Wire Review", "stance": "commentary"])
        #expect(header["title"] as? String == "Rare Earths: Russia Offers Cooperation to the U.S.", "the source's title stays")

        // A new session reads it back: docs, meta and filters see it.
        let again = try LoupeProcess.run(
            ["--no-color", "-c", "docs --json; meta 1; annotate doc note:checked; use 2; annotate doc note:read; list meta.stance=commentary --json"],
            in: workspace)
        #expect(again.status == 0, "\(again.stderr)")
        let parts = again.stdout.components(separatedBy: "\n]\n")
        let docs = try #require(try Self.json(parts[0] + "\n]") as? [[String: Any]])
        #expect(docs.map { $0["outlet"] as? String } == ["us.politsturm.com", "Wire Review", "Wire Review", nil, nil])
        #expect(docs[0]["date"] as? String == "2025-03-12", "a date given in words is stored as ISO 8601")
        #expect(docs[3]["title"] == nil, "003 opens with its first paragraph, not a title")
        #expect(docs[4]["title"] == nil, "004's 'Highlights' heads a list, not the article")
        #expect(again.stdout.contains("date    2025-03-12  (set; the source says \"2025-03-11\")"))
        let filtered = try #require(try Self.json(parts[1].components(separatedBy: "\n").drop { !$0.hasPrefix("[") }.joined(separator: "\n") + "\n]") as? [[String: Any]])
        #expect(filtered.count == 1, "only the annotation on a commentary document")
        #expect(filtered.first?["document"] as? String == "001_876527049f9a8c39")

        // KEY= removes what was set, and the source's value shows again.
        let removed = try LoupeProcess.run(["--no-color", "-c", "meta 1 date=; meta 2 outlet=; save; docs --json"], in: workspace)
        #expect(removed.status == 0, "\(removed.stderr)")
        let after = try #require(try Self.json(removed.stdout) as? [[String: Any]])
        #expect(after[0]["date"] as? String == "2025-03-11")
        #expect(after[1]["outlet"] == nil)
        #expect((after[1]["meta"] as? [String: String]) == ["stance": "commentary"])
    }

    @Test func badMetadataIsOneLineAndTheSessionGoesOn() throws {
        let workspace = LoupeProcess.workspace()
        let run = try LoupeProcess.run(
            ["--no-color", "--keep-going", "-c", "meta 1 Outlet=x; meta 1 date=2025-13-40; meta 1 id=x; meta 9 outlet=x; meta 1 outlet=ok; docs --json"],
            in: workspace)
        #expect(run.status == 1)
        #expect(run.stderr.contains(#"meta: "Outlet" cannot be a metadata key"#))
        #expect(run.stderr.contains(#"meta: "2025-13-40" is not a date"#))
        #expect(run.stderr.contains(#"meta: "id" cannot be a metadata key"#))
        #expect(run.stderr.contains("no document number 9"))
        let docs = try #require(try Self.json(run.stdout) as? [[String: Any]])
        #expect(docs[0]["outlet"] as? String == "ok")
    }
}

@Suite struct CompareTests {
    /// Citation spans per document, read from `list --json` (reference markers and rejected ones left out).
    static func citations(in annotations: [[String: Any]], documents: Set<String>) -> Int {
        annotations.filter { annotation in
            annotation["layer"] as? String == "source-citation" && annotation["target"] != nil
                && annotation["label"] as? String != "reference-marker" && annotation["status"] as? String != "rejected"
                && documents.contains(annotation["document"] as? String ?? "")
        }.count
    }

    @Test func groupsByOutletCountDecisionsAndSayWhatIsUnreviewed() throws {
        let workspace = LoupeProcess.workspace()
        let run = try LoupeProcess.run(
            ["--no-color", "-c", "analyze --all; meta 1 2 outlet=politsturm; meta 4 outlet=Wire; "
                + "reject where doc=* layer=source-citation label=indirect-quote; compare --by outlet --json; list doc=* --json"],
            in: workspace)
        #expect(run.status == 0, "\(run.stderr)")
        let parts = run.stdout.components(separatedBy: "\n}\n")
        let comparison = try #require(try MetadataTests.json(parts[0] + "\n}") as? [String: Any])
        let annotations = try #require(try MetadataTests.json(parts[1]) as? [[String: Any]])
        let groups = try #require(comparison["groups"] as? [[String: Any]])
        #expect(groups.map { $0["name"] as? String } == ["politsturm", "Wire", "unknown"], "named groups sorted, unknown last")
        #expect(groups.last?["documents"] as? [String] == ["002_9dc0145e2ef6cc36", "004_5e08cd89a83175d0"])
        let layers = try #require(comparison["layers"] as? [[String: Any]])
        #expect(Set(layers.compactMap { $0["layer"] as? String }) == ["bias-markers", "framing", "sentiment", "source-citation"])
        let sources = try #require(layers.first { $0["layer"] as? String == "source-citation" })
        let rows = try #require(sources["rows"] as? [[String: Any]])
        let counts = try #require(rows.first { $0["key"] as? String == "citations" }?["values"] as? [String: Int])
        for group in groups {
            let members = Set(group["documents"] as? [String] ?? [])
            #expect(counts[group["name"] as? String ?? ""] == Self.citations(in: annotations, documents: members))
        }
        let indirect = rows.first { $0["key"] as? String == "type.indirect-quote" }
        #expect(indirect == nil, "every indirect quote was rejected, so none is counted")
        let basis = try #require(sources["basis"] as? [String: Int])
        #expect(basis["reviewed"] == 0)
        #expect((basis["leftOut"] ?? 0) > 0, "the rejected citations are left out and counted as such")

        // Only reviewed annotations: nothing was accepted, so no figures rest on suggestions.
        let reviewed = try LoupeProcess.run(["--no-color", "-c", "analyze --all; compare --reviewed --layer framing"], in: workspace)
        #expect(reviewed.status == 0, "\(reviewed.stderr)")
        #expect(reviewed.stdout.contains("rests on 0 annotations: 0 reviewed; "), "\(reviewed.stdout)")
        #expect(reviewed.stdout.contains(" rejected or unreviewed left out"), "\(reviewed.stdout)")
    }

    @Test func theTableFitsTheTerminalAndNamesEachGroup() throws {
        let workspace = LoupeProcess.workspace()
        let run = try LoupeProcess.run(
            ["--no-color", "-c", "analyze --all; compare 1 3 5"], in: workspace, environment: ["COLUMNS": "100"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("3 documents side by side"))
        for title in ["Framing (framing)", "Sources (source-citation)", "Sentiment (sentiment)", "Bias markers (bias-markers)"] {
            #expect(run.stdout.contains(title))
        }
        #expect(run.stdout.contains("Capacity and resources"), "frames by their codebook names")
        #expect(run.stdout.contains("unreviewed suggestions"))
        // Lines fit 100 columns (the bars are one column each).
        for line in run.stdout.split(separator: "\n") {
            #expect(line.unicodeScalars.count <= 100, "\(line)")
        }
        let bad = try LoupeProcess.run(["--no-color", "--keep-going", "-c", "compare --by Outlet; compare --layer nosuch"], in: workspace)
        #expect(bad.stderr.contains(#"compare: --by takes a metadata key (outlet, date, date:month, date:year, author, or one set with 'meta'), not "Outlet""#))
        let months = try LoupeProcess.run(["--no-color", "-c", "compare --by date:month --layer framing --json"], in: workspace)
        let byMonth = try #require(try MetadataTests.json(months.stdout) as? [String: Any])
        #expect((byMonth["groups"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["2025-03", "unknown"], "000 and 002 date from March 2025")
        #expect(bad.stderr.contains(#"compare: no layer "nosuch" to compare"#))
    }
}

/// The HTML report of the analysed and reviewed seeds, loaded in a real
/// browser: scripts/check-report.py has headless Chromium dump the DOM and
/// take a screenshot, and checks both (see its header).
@Suite struct ReportTests {
    /// Where the screenshot is kept for a person to look at.
    static let screenshot = LoupeProcess.repositoryRoot.appendingPathComponent(".build/test-output/report-seeds.png")

    @Test func theReportOfTheSeedsLoadsInChromiumWithEveryDocumentChartAndAnnotation() throws {
        let workspace = LoupeProcess.workspace()
        let hostile = #"<script>alert("loupe")</script>"#
        try "A page with markup\n\nThe mayor said \(hostile) was \"a disaster\" and officials said it was terrible.\n"
            .write(to: workspace.appendingPathComponent("seeds/zz-markup.txt"), atomically: true, encoding: .utf8)
        let run = try LoupeProcess.run(
            ["--no-color", "-c", "analyze --all; meta 1 2 outlet=politsturm; reject where doc=* layer=bias-markers label=scare-quotes; "
                + #"use 3; annotate "Reuters" note:check --note "<b>checked</b>"; save; report --by outlet"#],
            in: workspace, environment: ["SOURCE_DATE_EPOCH": "1700000000"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("wrote report.html: 6 documents"))
        let html = try String(contentsOf: workspace.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(!html.contains(hostile) && html.contains("alert(&quot;loupe&quot;)&lt;/script&gt;"), "document text is escaped")
        #expect(!html.contains(" src=") && !html.contains("<link"), "no external script, image or stylesheet")

        try FileManager.default.createDirectory(at: Self.screenshot.deletingLastPathComponent(), withIntermediateDirectories: true)
        let (status, printed) = try LoupeProcess.checker(
            "check-report.py",
            [
                workspace.appendingPathComponent("report.html").path, workspace.appendingPathComponent("annotations").path,
                Self.screenshot.path, "--chart-layers", "4", "--hostile", hostile,
            ])
        #expect(status == 0, "\(printed)")
        #expect(printed.contains("ok   the screenshot is not blank"), "\(printed)")

        // The same report again is the same bytes; an existing file is kept unless --force.
        let again = try LoupeProcess.run(["--no-color", "-c", "report --by outlet"], in: workspace)
        #expect(again.stderr.contains("report: report.html exists; use --force to replace it"))
        let forced = try LoupeProcess.run(
            ["--no-color", "-c", "report --by outlet --force"], in: workspace, environment: ["SOURCE_DATE_EPOCH": "1700000000"])
        #expect(forced.status == 0)
        #expect(try String(contentsOf: workspace.appendingPathComponent("report.html"), encoding: .utf8) == html)

        // A corpus too large to show whole: the summary covers every document, pages only the first N.
        let capped = try LoupeProcess.run(["--no-color", "-c", "report --out capped.html --max-documents 2"], in: workspace)
        #expect(capped.stderr.contains("wrote capped.html: 2 documents"), "\(capped.stderr)")
        #expect(capped.stderr.contains("the summary covers all 6 documents, pages were left out for 4"))
        let cappedHTML = try String(contentsOf: workspace.appendingPathComponent("capped.html"), encoding: .utf8)
        #expect(cappedHTML.components(separatedBy: "<section class=\"document\"").count == 3)
        let bad = try LoupeProcess.run(["--no-color", "-c", "report --out x.html --max-documents many"], in: workspace)
        #expect(bad.stderr.contains("report: --max-documents takes a whole number of 0 or more, not \"many\""))
    }
}
