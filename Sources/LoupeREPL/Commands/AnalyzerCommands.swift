import Foundation
import LoupeCore

/// Commands that list, demonstrate and run analyzers.
enum AnalyzerCommands {
    static let analyzers = CommandSpec(
        name: "analyzers", arguments: "[--json]", summary: "List the analyzers: built in, from packages, and external ones the configuration names.", options: ["--json"]
    ) { session, arguments throws(CommandError) in
        let json = arguments.flag("--json")
        _ = try arguments.finish()
        let descriptors = session.registry.descriptors
        if json {
            session.console.write(JSONWriter.pretty(.array(descriptors.map { descriptor in
                ["id": .string(descriptor.id), "name": .string(descriptor.name), "summary": .string(descriptor.summary),
                 "version": .string(descriptor.version)]
            })))
            return
        }
        if descriptors.isEmpty {
            session.console.line("no analyzers are built into this Loupe")
            return
        }
        let width = descriptors.map { $0.id.count + $0.version.count + 1 }.max() ?? 0
        for descriptor in descriptors {
            let name = descriptor.id + "@" + descriptor.version
            session.console.line(Layout.pad(name, to: width) + "  " + descriptor.name + ": " + descriptor.summary)
        }
    }

    static let examples = CommandSpec(
        name: "examples", arguments: "ANALYZER [--json]",
        summary: "Run an analyzer on its own examples and show what it finds.", options: ["--json"]
    ) { session, arguments throws(CommandError) in
        let json = arguments.flag("--json")
        let words = try arguments.finish()
        guard words.count == 1 else { throw .usage("examples", "name one analyzer") }
        let entry = try analyzerEntry(words[0].text, session: session)
        let analyzer = try instantiate(entry, session: session)
        let set: ExampleSet
        do {
            set = try entry.loadExamples()
        } catch {
            throw CommandError(String(describing: error))
        }
        var outcomes: [ExampleOutcome] = []
        for example in set.examples {
            var chosen = analyzer
            if !example.options.isEmpty {
                // The example's own options over the session's.
                let options = (session.analyzerOptions[entry.descriptor.id] ?? [:]).merging(example.options) { _, own in own }
                do {
                    chosen = try entry.make(options: options)
                } catch {
                    throw CommandError("\(example.id): \(error)")
                }
            }
            outcomes.append(ExampleOutcome.check(example, with: chosen))
        }
        if json {
            session.console.write(JSONWriter.pretty(.array(outcomes.map { outcome in
                .object([
                    "id": .string(outcome.example.id), "text": .string(outcome.example.text),
                    "quiet": .bool(outcome.example.isQuiet), "passed": .bool(outcome.passed),
                    "expected": .array(outcome.example.expected.map(findingJSON)),
                    "missing": .array(outcome.missing.map(findingJSON)),
                    "found": .array(outcome.suggestions.map { suggestion in
                        var object: [String: JSONValue] = ["layer": .string(suggestion.layer), "label": .string(suggestion.label), "rule": .string(suggestion.rule)]
                        if let range = suggestion.range { object["start"] = .int(range.lowerBound); object["end"] = .int(range.upperBound) }
                        return .object(object)
                    }),
                ])
            })))
            return
        }
        let passed = outcomes.filter(\.passed).count
        for outcome in outcomes {
            let mark = outcome.passed ? session.console.paint("ok  ", .green) : session.console.paint("FAIL", .red)
            session.console.line("\(mark)  \(outcome.example.id)\(outcome.example.isQuiet ? " (quiet)" : "")")
            session.console.line("      " + Sanitizer.sanitize(outcome.example.markedText))
            for suggestion in outcome.suggestions {
                let place = suggestion.range.map { range in
                    "@\(range.lowerBound)-\(range.upperBound) " + Layout.quote(String(outcome.example.text.unicodeScalars.dropFirst(range.lowerBound).prefix(range.count)))
                } ?? "doc"
                session.console.line("      found \(suggestion.layer):\(suggestion.label) \(place) (rule \(suggestion.rule))")
            }
            for missing in outcome.missing {
                session.console.line("      missing \(missing.label) at \(missing.range.map { "@\($0.lowerBound)-\($0.upperBound)" } ?? "doc")")
            }
        }
        session.console.line("\(passed) of \(outcomes.count) examples pass")
    }

    static func findingJSON(_ finding: ExpectedFinding) -> JSONValue {
        var object: [String: JSONValue] = ["label": .string(finding.label)]
        if let layer = finding.layer { object["layer"] = .string(layer) }
        if let range = finding.range { object["start"] = .int(range.lowerBound); object["end"] = .int(range.upperBound) }
        return .object(object)
    }

    static let analyze = CommandSpec(
        name: "analyze", arguments: "[ANALYZER ...] [--doc DOC | --all]",
        summary: "Run analyzers (all by default) on the current document, another one, or all.",
        details: """
            Suggestions replace only the analyzer's own earlier suggestions that nobody reviewed; annotations a human \
            made, accepted, rejected or edited stay as they are. The whole run is one step for 'undo'. Ctrl-C stops it \
            without changing anything.
            """,
        options: ["--doc", "--all"]
    ) { session, arguments throws(CommandError) in
        let all = arguments.flag("--all")
        let reference = try arguments.option("--doc")
        let words = try arguments.finish()
        if all, reference != nil { throw .usage("analyze", "use --doc or --all, not both") }
        var entries: [AnalyzerEntry] = []
        for word in words { entries.append(try analyzerEntry(word.text, session: session)) }
        if entries.isEmpty { entries = session.registry.entries }
        guard !entries.isEmpty else { throw CommandError("analyze: no analyzers are built into this Loupe") }
        // An analyzer that reads another's layers runs after it.
        do throws(AnalyzerError) {
            entries = try AnalyzerRegistry.ordered(entries)
        } catch {
            throw CommandError("analyze: \(error.description)")
        }
        var documents: [Document]
        if all {
            // A document whose annotation file is broken is left out, not a reason to stop.
            documents = []
            for id in session.store.documentIDs {
                guard let document = session.store.document(id) else { continue }
                if let lock = session.store.lock(of: id) {
                    session.console.warning("\(Sanitizer.sanitize(id)) left out: \(lock.description)")
                    continue
                }
                documents.append(document)
            }
        } else if let reference {
            documents = [try session.resolveDocument(reference)]
        } else {
            documents = [try session.currentDocument()]
        }
        var analyzers: [any Analyzer] = []
        for entry in entries { analyzers.append(try instantiate(entry, session: session)) }
        let runner = AnalysisRunner(analyzers: analyzers, time: session.now())
        Interrupts.reset()
        let progress = session.progress(total: documents.count, what: "analyze")
        let report: AnalysisReport
        do throws(AnalysisFailure) {
            report = try session.store.analyze(
                runner, documents: documents.map(\.id), jobs: session.jobs, stop: session.interruptRequested,
                progress: progress.update)
        } catch {
            progress.finish()
            switch error {
            case .interrupted: throw CommandError("analyze: interrupted; nothing was changed")
            case .store(let failure): throw CommandError(failure.description)
            case .analyzer(let failure): throw CommandError("analyze: \(failure.description); nothing was changed")
            }
        }
        progress.finish()
        try session.recordApplied("analyze \(entries.map { $0.descriptor.id }.joined(separator: " "))", report.batches, labels: report.labels)
        for (member, tally) in zip(runner.members, report.tallies) {
            session.console.status(summary(member.descriptor, tally, documents: documents.count))
        }
    }

    /// `ANALYZER@VERSION: 5 documents, 12 suggestions (3 new, …)`.
    static func summary(_ descriptor: AnalyzerDescriptor, _ tally: AnalysisRunner.Tally, documents: Int) -> String {
        var parts = ["\(tally.added) new", "\(tally.updated) updated", "\(tally.removed) withdrawn"]
        if tally.keptAsReviewed > 0 { parts.append("\(tally.keptAsReviewed) kept as reviewed") }
        return "\(descriptor.id)@\(descriptor.version): \(documents) document\(documents == 1 ? "" : "s"), "
            + "\(tally.suggested) suggestion\(tally.suggested == 1 ? "" : "s") (\(parts.joined(separator: ", ")))"
    }

    static func analyzerEntry(_ id: String, session: Session) throws(CommandError) -> AnalyzerEntry {
        do {
            return try session.registry.analyzer(id)
        } catch {
            throw CommandError(String(describing: error))
        }
    }

    static func instantiate(_ entry: AnalyzerEntry, session: Session) throws(CommandError) -> any Analyzer {
        try session.analyzer(entry)
    }
}

/// Bringing results made outside the session (by `loupe stream`) in.
enum ImportCommands {
    /// A W3C Web Annotation file or a brat folder, merged: new annotations
    /// added, what a person made or reviewed here left as it is.
    static func importAnnotations(_ path: String, brat: Bool, jsonl: [UInt8]? = nil, session: Session) throws(CommandError) {
        let outcome: AnnotationImport.Outcome
        do throws(AnnotationImport.Failure) {
            if let jsonl {
                outcome = AnnotationImport.jsonl(jsonl, path: path, store: session.store)
            } else if brat {
                outcome = try AnnotationImport.brat(folder: path, store: session.store)
            } else {
                // Mapped, not read: only the copy the parser works on is in memory (a corpus's export is hundreds of MB).
                guard let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) else {
                    throw AnnotationImport.Failure(message: "\(path): cannot be read")
                }
                outcome = try AnnotationImport.w3c(data, path: path, store: session.store)
            }
        } catch {
            throw CommandError("import: " + error.description)
        }
        for problem in outcome.problems.prefix(20) { session.console.warning(problem) }
        if outcome.problems.count > 20 { session.console.warning("\(outcome.problems.count - 20) more problems not shown") }
        try session.commit("import \(path)", outcome.changes)
        session.console.status(
            "imported \(outcome.changes.count) annotation\(outcome.changes.count == 1 ? "" : "s") into \(outcome.documents.count) document\(outcome.documents.count == 1 ? "" : "s") from \(jsonl != nil ? "Loupe JSONL" : brat ? "brat" : "W3C") \(path)"
                + " (\(outcome.unchanged) already there, \(outcome.keptAsReviewed) kept as reviewed here, \(outcome.reanchored) re-anchored, \(outcome.orphaned) orphaned)")
    }

    static let importResults = CommandSpec(
        name: "import", arguments: "FILE.jsonl | FILE.jsonld | BRAT-FOLDER",
        summary: "Merge 'loupe stream' results, a W3C Web Annotation file or a brat folder into the open documents.",
        details: """
            Each line of FILE is a record that 'loupe stream' wrote for one document. Its suggestions replace only \
            their analyzer's earlier suggestions that nobody reviewed; annotations a human made, accepted, rejected or \
            edited stay as they are. A record made from a different version of a text is re-anchored by its quotes, \
            and every annotation that cannot be placed is reported; so are records for documents that are not open. \
            A .jsonld (or .json) file is read as W3C Web Annotation, a folder as brat standoff (ID.ann beside ID.txt), \
            and a .jsonl file of annotation files ('export jsonl') as such: their annotations are added with their provenance, placed by position and quote, orphans kept and \
            reported. The whole import is one step for 'undo'.
            """
    ) { session, arguments throws(CommandError) in
        let words = try arguments.finish()
        guard words.count == 1 else { throw .usage("import", "name one file of 'loupe stream' results, a W3C file or a brat folder") }
        let path = words[0].text
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
        if exists, isFolder.boolValue || path.hasSuffix(".jsonld") || path.hasSuffix(".json") {
            try importAnnotations(path, brat: isFolder.boolValue, session: session)
            return
        }
        if exists, let handle = FileHandle(forReadingAtPath: path) {
            // The first line, whole: an annotation file puts its "schema" after its annotations.
            var head: [UInt8] = []
            while head.count < 256 << 20, !head.contains(0x0A), let chunk = try? handle.read(upToCount: 1 << 16), !chunk.isEmpty {
                head += chunk
            }
            try? handle.close()
            if AnnotationImport.isAnnotationJSONL(head) {
                guard let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) else {
                    throw CommandError("import: \(Sanitizer.sanitize(path)): cannot be read")
                }
                try importAnnotations(path, brat: false, jsonl: [UInt8](data), session: session)
                return
            }
        }
        Interrupts.reset()
        let report: ResultImport.Report
        do throws(ResultImport.Failure) {
            report = try ResultImport.run(path: path, into: session.store, stop: session.interruptRequested)
        } catch {
            switch error {
            case .unreadable(let path, let reason): throw CommandError("\(Sanitizer.sanitize(path)): cannot be read (\(reason))")
            case .interrupted: throw CommandError("import: interrupted; nothing was changed")
            case .store(let failure): throw CommandError(failure.description)
            }
        }
        for problem in report.problems.prefix(20) { session.console.warning(Sanitizer.sanitize(problem)) }
        if report.problems.count > 20 { session.console.warning("\(report.problems.count - 20) more problems not shown") }
        try session.recordApplied("import \(path)", report.batches, labels: report.labels)
        let tally = report.tally
        var parts = ["\(tally.added) new", "\(tally.updated) updated", "\(tally.removed) withdrawn"]
        if tally.keptAsReviewed > 0 { parts.append("\(tally.keptAsReviewed) kept as reviewed") }
        if report.reanchored > 0 { parts.append("\(report.reanchored) re-anchored") }
        session.console.status(
            "imported \(report.documents) document\(report.documents == 1 ? "" : "s"), \(tally.suggested) suggestion\(tally.suggested == 1 ? "" : "s") (\(parts.joined(separator: ", ")))"
                + (report.problems.isEmpty ? "" : "; \(report.problems.count) problem\(report.problems.count == 1 ? "" : "s") reported"))
    }
}
