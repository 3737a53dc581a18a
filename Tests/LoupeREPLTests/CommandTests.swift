import AnalyzerTestSupport
import Foundation
import Synchronization
import Testing
@testable import LoupeCore
@testable import LoupeREPL

@Suite struct CommandTests {
    static let text = "The minister said “the danger is real” on Monday. Critics called it a crisis. The danger passed."

    @Test func annotatesEverySpanForm() throws {
        let harness = SessionHarness(documents: [doc(Self.text)])
        try harness.run(#"annotate "danger" test:first"#)
        try harness.run(##"annotate "danger"#2 test:second"##)
        try harness.run("annotate @0-3 test:offsets")
        try harness.run("annotate s2 test:sentence")
        try harness.run("find crisis")
        try harness.run("annotate h1 test:hit weight=2 sure=true name=\"x y\" --note \"see this\" --confidence 0.5")
        try harness.run("annotate doc test:whole")
        let annotations = harness.session.store.annotations(in: "doc")
        func range(_ label: String) -> Range<Int>? { annotations.first { $0.label == label }?.target?.range }
        let scalars = Array(Self.text.unicodeScalars)
        func slice(_ range: Range<Int>?) -> String {
            guard let range else { return "" }
            var s = ""
            s.unicodeScalars.append(contentsOf: scalars[range])
            return s
        }
        #expect(slice(range("first")) == "danger")
        #expect(range("second")!.lowerBound > range("first")!.lowerBound)
        #expect(slice(range("second")) == "danger")
        #expect(slice(range("offsets")) == "The")
        #expect(slice(range("sentence")) == "Critics called it a crisis.")
        #expect(slice(range("hit")) == "crisis")
        let hit = try #require(annotations.first { $0.label == "hit" })
        #expect(hit.attributes == ["weight": 2, "sure": true, "name": "x y"])
        #expect(hit.note == "see this")
        #expect(hit.confidence == 0.5)
        #expect(hit.creator == .human(name: "tester"))
        #expect(hit.status == .accepted)
        #expect(annotations.first?.label == "whole")
        #expect(annotations.first?.target == nil)
    }

    @Test(arguments: [
        (#"annotate "absent" test:x"#, "not found"),
        (##"annotate "danger"#9 test:x"##, "occurs 2 time(s)"),
        ("annotate @10-5 test:x", "empty"),
        ("annotate @0-99999 test:x", "out of range"),
        ("annotate s99 test:x", "has 3 sentences"),
        ("annotate h1 test:x", "run 'find TEXT' first"),
        ("annotate @0-3 nolabel", "LAYER:LABEL"),
        ("annotate @0-3 bad layer:x", "LAYER:LABEL"),
        (#"annotate "" test:x"#, "empty quote"),
        ("annotate @0-3 test:x --bogus", "unknown option --bogus"),
        ("accept h-nope", "no annotation with id"),
        ("lisst", "did you mean 'list'"),
        ("list colour=red", "unknown filter key"),
        ("use nothing", "no open document"),
        ("use 0", "no document number 0: documents are numbered 1 to"),
        ("show s999", "s999 names a span (for 'annotate'); here a document is wanted"),
        ("open no/such/file.txt", "no/such/file.txt: no such file or directory"),
        ("set colr on", "did you mean 'color'"),
        ("set autosave maybe", "on or off"),
        ("analyze nope", "unknown analyzer"),
        ("undo", "nothing to undo"),
    ])
    func reportsClearErrorsAndChangesNothing(line: String, message: String) throws {
        let harness = SessionHarness(documents: [doc(Self.text)])
        do {
            try harness.run(line)
            Issue.record("expected \(line) to fail")
        } catch {
            #expect(error.message.contains(message), "\(error.message)")
            #expect(!error.message.contains("\n"))
        }
        #expect(harness.session.store.annotations(in: "doc").isEmpty)
        #expect(harness.session.store.dirtyDocumentIDs.isEmpty)
    }

    @Test func reviewEditUndoRedo() throws {
        let harness = SessionHarness(documents: [doc(Self.text)])
        try harness.run("analyze word-list")
        let suggestions = harness.session.store.annotations(in: "doc").filter { $0.target != nil }
        #expect(suggestions.count == 3)
        #expect(suggestions.allSatisfy { $0.status == .suggested })
        try harness.run("accept \(suggestions[0].id)")
        try harness.run("reject where status=suggested label=alarm")
        let reviewed = harness.session.store.annotations(in: "doc").filter { $0.target != nil }
        #expect(reviewed.map(\.status) == [.accepted, .rejected, .rejected])
        #expect(reviewed.allSatisfy { $0.reviewer == "tester" && $0.modified != nil })

        try harness.run("edit \(suggestions[1].id) label=worry note=\"second look\" extra=1")
        let edited = try #require(harness.session.store.annotation(suggestions[1].id)?.annotation)
        #expect(edited.label == "worry" && edited.note == "second look" && edited.attributes["extra"] == 1)
        #expect(edited.status == .rejected)
        try harness.run("undo")
        #expect(harness.session.store.annotation(suggestions[1].id)?.annotation.label == "alarm")
        try harness.run("redo")
        #expect(harness.session.store.annotation(suggestions[1].id)?.annotation.label == "worry")
        try harness.run("undo; undo; undo; undo")
        #expect(harness.session.store.annotations(in: "doc").isEmpty)
        #expect(throws: CommandError.self) { try harness.run("undo") }
    }

    /// Ctrl-C in the middle of `analyze --all`, after some chunks were
    /// already merged into the store: everything is taken back, nothing is
    /// left to save, and there is nothing to undo.
    @Test(arguments: [1, 2])
    func anInterruptedAnalyzeChangesNothing(jobs: Int) throws {
        let documents = (0..<40).map { doc(Self.text, id: "doc\($0)") }
        let harness = SessionHarness(documents: documents)
        try harness.run("annotate s1 note:kept")  // earlier work, unsaved: stays unsaved
        try harness.run("set jobs \(jobs)")
        let checks = Atomic<Int>(0)
        harness.session.interruptRequested = { checks.wrappingAdd(1, ordering: .relaxed).newValue > 6 }
        #expect(throws: CommandError.self) { try harness.run("analyze --all") }
        #expect(checks.load(ordering: .relaxed) > 6)
        #expect(harness.session.store.annotations(in: "doc0").map(\.label) == ["kept"])
        #expect(documents.dropFirst().allSatisfy { harness.session.store.annotations(in: $0.id).isEmpty })
        #expect(harness.session.store.dirtyDocumentIDs == ["doc0"])
        harness.session.interruptRequested = { false }
        try harness.run("undo")  // the annotation, not the analysis
        #expect(harness.session.store.annotations(in: "doc0").isEmpty)
        #expect(throws: CommandError.self) { try harness.run("undo") }
    }

    /// After a run over many documents the store's id index is rebuilt on
    /// the first look-up by id: review commands find every suggestion.
    @Test func suggestionsOfALargeRunCanBeReviewedByID() throws {
        let documents = (0..<40).map { doc(Self.text, id: "doc\($0)") }
        let harness = SessionHarness(documents: documents)
        try harness.run("set jobs 2; analyze --all")
        for id in ["doc0", "doc23", "doc39"] {
            let suggestion = try #require(harness.session.store.annotations(in: id).first { $0.target != nil })
            try harness.run("accept \(suggestion.id)")
            #expect(harness.session.store.annotation(suggestion.id)?.documentID == id)
            #expect(harness.session.store.annotation(suggestion.id)?.annotation.status == .accepted)
        }
        try harness.run("undo; undo; undo; undo")  // three reviews and the run
        #expect(documents.allSatisfy { harness.session.store.annotations(in: $0.id).isEmpty })
        #expect(harness.session.store.annotation("a-0000000000000000") == nil)
    }

    @Test func rerunningAnAnalyzerSparesHumanWork() throws {
        let harness = SessionHarness(documents: [doc(Self.text)])
        try harness.run("analyze")
        let first = harness.session.store.annotations(in: "doc")
        let summary = try harness.run("analyze word-list")
        #expect(summary.contains("0 new, 0 updated, 0 withdrawn"))
        #expect(harness.session.store.annotations(in: "doc") == first)
        let target = try #require(first.first { $0.target != nil })
        try harness.run("edit \(target.id) label=custom")
        try harness.run("set word-list.words [minister, critics]")
        #expect(harness.session.analyzerOptions["word-list"]?["words"] == ["minister", "critics"])
        try harness.run("set word-list.words '[\"minister\"]'")
        try harness.run("analyze word-list")
        let after = harness.session.store.annotations(in: "doc")
        #expect(after.contains { $0.id == target.id && $0.label == "custom" })
        #expect(after.filter { $0.target != nil && $0.status == .suggested }.map { $0.target?.exact } == ["minister"])
    }

    @Test func invalidAnalyzerOptionsAreRejectedAtSet() throws {
        let harness = SessionHarness(documents: [doc(Self.text)])
        #expect(throws: CommandError.self) { try harness.run("set word-list.words 5") }
        #expect(harness.session.analyzerOptions.isEmpty)
    }

    @Test func listsAsTextAndJSON() throws {
        let harness = SessionHarness(documents: [doc(Self.text), doc("Another danger here.", id: "other")])
        try harness.run(#"annotate "minister" test:role"#)
        let text = try harness.run("list")
        #expect(text.contains("test:role  @4-12  \"minister\"  by tester"))
        let json = try JSONParser.parse(try harness.run("list --json"))
        #expect(json.arrayValue?.first?["document"] == "doc")
        #expect(json.arrayValue?.first?["target"]?["start"] == 4)
        try harness.run("analyze --all")
        let all = try JSONParser.parse(try harness.run("list doc=* analyzer=word-list --json"))
        #expect(Set(all.arrayValue?.compactMap { $0["document"]?.stringValue } ?? []) == ["doc", "other"])
        let docs = try JSONParser.parse(try harness.run("docs --json"))
        #expect(docs.arrayValue?.map { $0["id"] } == ["doc", "other"])
        let analyzers = try JSONParser.parse(try harness.run("analyzers --json"))
        #expect(analyzers.arrayValue?.first?["id"] == "word-list")
        let hits = try JSONParser.parse(try harness.run("find /dang[a-z]+/ --json"))
        #expect(hits.arrayValue?.count == 2)
        #expect(hits.arrayValue?.first?["sentence"] == 1)
    }

    @Test func examplesCommandRunsTheAnalyzersOwnExamples() throws {
        let harness = SessionHarness()
        let output = try harness.run("examples word-list")
        #expect(output.contains("4 of 4 examples pass"))
        let json = try JSONParser.parse(try harness.run("examples word-list --json"))
        #expect(json.arrayValue?.allSatisfy { $0["passed"] == true } == true)
    }

    @Test func showBracketsAnnotationsAndSanitisesText() throws {
        let harness = SessionHarness(documents: [doc("Title\nA \u{1B}[31mred\u{1B}[0m word and a danger. Second sentence.")])
        try harness.run(#"annotate "danger" test:alarm"#)
        try harness.run("analyze")
        let shown = try harness.run("show")
        #expect(!shown.contains("\u{1B}"))
        #expect(shown.contains("\\e[31mred\\e[0m"))
        // Two annotations on one span share one bracket, suggestion first (ids "a-…" sort before "h-…").
        #expect(shown.contains("[danger] {test:alarm?} {test:alarm}"), "tags apart from the text they follow")
        #expect(shown.contains("{layer:label?} a suggestion, {layer:label} accepted; [ ] marks each span"), "the marks explained")
        #expect(shown.contains("s3  Second sentence."))
        let filtered = try harness.run("show --layer other")
        #expect(!filtered.contains("{test:"))
    }

    @Test func useAcceptsIndexIDAndPrefix() throws {
        let harness = SessionHarness(documents: [doc("One.", id: "alpha-1"), doc("Two.", id: "alpha-2"), doc("Three.", id: "beta")])
        try harness.run("use 3")
        #expect(harness.session.currentDocumentID == "beta")
        try harness.run("use alpha-2")
        #expect(harness.session.currentDocumentID == "alpha-2")
        try harness.run("use be")
        #expect(harness.session.currentDocumentID == "beta")
        let numbered = SessionHarness(documents: [doc("One.", id: "001_x"), doc("Two.", id: "002_y"), doc("Three.", id: "2")])
        try numbered.run("use 002")
        #expect(numbered.session.currentDocumentID == "002_y")
        try numbered.run("use 2")
        #expect(numbered.session.currentDocumentID == "2", "an exact id wins over an index")
        try numbered.run("use 1")
        #expect(numbered.session.currentDocumentID == "001_x")
        #expect(throws: CommandError.self) { try harness.run("use alpha") }
    }

    @Test func anAnalyzersTableIsACommandOfItsOwn() throws {
        let harness = SessionHarness(documents: [doc(Self.text, id: "first-doc")])
        #expect(throws: CommandError.self) { try harness.run("matches") }
        try harness.run("analyze word-list")
        #expect(try harness.run("matches") == "first-doc: 3 listed words\n")
        #expect(try harness.run("matches --all --json").contains("\"count\": 3"))
        #expect(try harness.run("help matches").hasPrefix("usage: matches [DOC | --all] [--json]"))
    }

    @Test func reviewWithScriptedKeys() throws {
        let harness = SessionHarness(documents: [doc(Self.text, id: "first-doc")])
        var keys = Array("xarq".utf8)
        harness.session.readKey = { _ in keys.isEmpty ? nil : keys.removeFirst() }
        let logPath = harness.directory + "/session.log"
        harness.session.log = SessionLog(path: logPath)
        // Nothing to review yet: one clear line.
        #expect(throws: CommandError.self) { try harness.run("review") }
        try harness.run("analyze word-list")
        let output = try harness.run("review label=alarm")
        #expect(output.contains("1 of 3 · first-doc · s1"))
        #expect(output.contains("[danger]"), "the span is marked in its sentence")
        #expect(output.contains("keys: [a]ccept"), "an unknown key shows the keys")
        #expect(output.contains("reviewed 2 of 3: 1 accepted, 1 rejected, 0 edited; 1 left as suggested"))
        let statuses = harness.session.store.annotations(in: "first-doc").filter { $0.label == "alarm" }
            .sorted { ($0.target?.start ?? 0) < ($1.target?.start ?? 0) }.map(\.status)
        #expect(statuses == [.accepted, .rejected, .suggested])
        #expect(harness.session.store.annotations(in: "first-doc").first { $0.status == .accepted }?.reviewer == "tester")
        // The log says the decisions as the commands that make them (written at the save).
        try harness.run("save")
        let log = try String(contentsOfFile: logPath, encoding: .utf8)
        let decided = harness.session.store.annotations(in: "first-doc").filter { $0.status != .suggested }.map(\.id)
        for id in decided { #expect(log.contains("accept \(id)\n") || log.contains("reject \(id)\n"), "\(log)") }
        #expect(!log.contains("review"))
        // Each decision is its own step for undo.
        try harness.run("undo")
        #expect(harness.session.store.annotations(in: "first-doc").filter { $0.status == .rejected }.isEmpty)
        harness.session.readKey = nil
        #expect(throws: CommandError.self) { try harness.run("review") }
    }

    @Test func listingsFitTheTerminalAndExplainTheirMarks() throws {
        let long = "The minister said that the " + String(repeating: "very ", count: 30) + "long danger is real."
        let harness = SessionHarness(documents: [doc(long, id: "first-doc")])
        harness.session.console.width = 80
        harness.session.console.fitsToWidth = true
        try harness.run(#"annotate "said that the very very very very very very very very" test:claim --note "a note that is longer than the room""#)
        let listed = try harness.run("list")
        let line = try #require(listed.split(separator: "\n").first)
        #expect(DisplayWidth.of(line) <= 80, "\(line)")
        #expect(line.hasPrefix("h-") && line.contains("test:claim") && line.contains("by tester"), "ids, labels and makers are never cut")
        harness.session.console.fitsToWidth = false
        #expect(try harness.run("list").contains("very very very"), "in a file or a pipe, lines are whole")
        let docs = try harness.run("docs")
        #expect(docs.hasPrefix(" #  id"), "a header names the columns")
        #expect(docs.contains("(> current; notes: annotations; * unsaved changes)"))
    }

    @Test func helpCoversEveryCommand() throws {
        let harness = SessionHarness()
        let overview = try harness.run("help")
        for spec in harness.session.commands.specs {
            #expect(overview.contains(spec.name))
            #expect(try harness.run("help \(spec.name)").hasPrefix("usage: \(spec.name)"))
        }
    }

    @Test func completesCommandsIDsLayersAndFilters() throws {
        let harness = SessionHarness(documents: [doc(Self.text, id: "first-doc")])
        try harness.run(#"annotate "danger" framing:security"#)
        let completion = Completion(session: harness.session)
        #expect(completion.candidates(for: "an").filter { $0.hasPrefix("an") } == ["annotate", "analyzers", "analyze"])
        #expect(completion.candidates(for: "use ").contains("first-doc"))
        #expect(completion.candidates(for: "matches ").contains("first-doc"), "an analyzer's own command takes a document")
        #expect(completion.candidates(for: "annotate s1 fr").contains("framing:"))
        #expect(completion.candidates(for: "annotate s1 framing:").contains("framing:security"))
        #expect(completion.candidates(for: "analyze ").contains("word-list"))
        #expect(completion.candidates(for: "list sta").contains("status="))
        #expect(completion.candidates(for: "list status=").contains("status=suggested"))
        #expect(completion.candidates(for: "show --layer ").contains("framing"))
        #expect(completion.candidates(for: "list --").contains("--json"))
        // Metadata: keys in use and their values, for meta and for filters.
        try harness.run("meta first-doc outlet=Wire stance=commentary")
        #expect(completion.candidates(for: "meta ").contains("first-doc"))
        #expect(completion.candidates(for: "meta first-doc ").contains("stance="))
        #expect(completion.candidates(for: "meta first-doc outlet=").contains("outlet=Wire"))
        #expect(completion.candidates(for: "list ").contains("meta.stance="))
        #expect(completion.candidates(for: "list meta.stance=").contains("meta.stance=commentary"))
        #expect(completion.candidates(for: "compare --by ").contains("stance"))
    }

    @Test func quitAsksBeforeDiscardingOnlyWhenInteractive() throws {
        let harness = SessionHarness(documents: [doc(Self.text)], interactive: true)
        var asked: [String] = []
        harness.session.confirm = { question in asked.append(question); return false }
        try harness.run("annotate s1 test:x")
        try harness.run("quit")
        #expect(asked.count == 1)
        #expect(!harness.session.quitRequested)
        harness.session.confirm = { _ in true }
        try harness.run("quit")
        #expect(harness.session.quitRequested)
    }

    @Test func autosaveWritesAfterEveryChange() throws {
        let harness = SessionHarness(documents: [doc(Self.text)])
        try harness.run("set autosave on")
        try harness.run("annotate s1 test:x")
        let path = harness.session.store.filePath(for: "doc")
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(harness.session.store.dirtyDocumentIDs.isEmpty)
    }
}
