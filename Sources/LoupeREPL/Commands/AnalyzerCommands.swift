import Foundation
import LoupeCore
import Synchronization

/// Commands that list, demonstrate and run analyzers.
enum AnalyzerCommands {
    static let analyzers = CommandSpec(
        name: "analyzers", arguments: "[--json]", summary: "List the analyzers built into Loupe.", options: ["--json"]
    ) { session, arguments throws(CommandError) in
        let json = arguments.flag("--json")
        _ = try arguments.finish()
        let descriptors = session.registry.analyzers.map { $0.descriptor }
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
        let type = try analyzerType(words[0].text, session: session)
        let analyzer = try instantiate(type, session: session)
        let set: ExampleSet
        do {
            set = try type.loadExamples()
        } catch {
            throw CommandError(String(describing: error))
        }
        let outcomes = set.examples.map { ExampleOutcome.check($0, with: analyzer) }
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
        var types: [any Analyzer.Type] = []
        for word in words { types.append(try analyzerType(word.text, session: session)) }
        if types.isEmpty { types = session.registry.analyzers }
        guard !types.isEmpty else { throw CommandError("analyze: no analyzers are built into this Loupe") }
        let documents: [Document]
        if all {
            documents = session.store.documentIDs.compactMap { session.store.document($0) }
        } else if let reference {
            documents = [try session.resolveDocument(reference)]
        } else {
            documents = [try session.currentDocument()]
        }
        let locked = documents.filter { session.store.lock(of: $0.id) != nil }
        if let first = locked.first {
            throw CommandError(StoreError.locked(documentID: first.id, path: session.store.filePath(for: first.id)).description)
        }
        var applied: [[AnnotationChange]] = []
        var labels = Set<Session.LayerLabel>()
        var summaries: [String] = []
        Interrupts.reset()
        // What each document has now, read once, so the workers can merge without the store.
        let existing = documents.map { session.store.annotations(in: $0.id) }
        // Each document's changes go into the store as soon as its chunk is
        // done, on this thread, while the workers analyse the next chunks; an
        // interruption or a failure takes back everything applied, so the
        // command changes all or nothing.
        // Thousands of changes: the store rebuilds its id index when next asked, not at each one.
        if documents.count > 16 { session.store.deferIDIndex() }
        let stop = session.interruptRequested
        let dirtyBefore = Set(session.store.dirtyDocumentIDs)
        func takeBack() {
            for batch in applied.reversed() {
                try? session.store.apply(batch.reversed().map(\.inverse))
                if let id = batch.first?.documentID, !dirtyBefore.contains(id) { session.store.clearDirty(id) }
            }
        }
        for type in types {
            let analyzer: any Analyzer
            do throws(CommandError) {
                analyzer = try instantiate(type, session: session)
            } catch {
                takeBack()
                throw error
            }
            let descriptor = type.descriptor
            let time = session.now()
            var total = DocumentResult()
            var failure: StoreError?
            run(analyzer, descriptor: descriptor, on: documents, existing: existing, time: time, jobs: session.jobs, stop: stop) { results in
                for result in results where failure == nil && !stop() {
                    total.count(result)
                    labels.formUnion(result.labels)
                    guard !result.changes.isEmpty else { continue }
                    do throws(StoreError) {
                        try session.store.apply(result.changes)
                        applied.append(result.changes)
                    } catch {
                        failure = error
                    }
                }
            }
            if let failure {
                takeBack()
                throw CommandError(failure.description)
            }
            if stop() {
                takeBack()
                throw CommandError("analyze: interrupted; nothing was changed")
            }
            summaries.append(
                "\(descriptor.id)@\(descriptor.version): \(documents.count) document\(documents.count == 1 ? "" : "s"), \(total.suggested) suggestion\(total.suggested == 1 ? "" : "s") (\(total.added) new, \(total.updated) updated, \(total.removed) withdrawn, \(total.kept) left to human review)")
        }
        try session.recordApplied("analyze \(types.map { $0.descriptor.id }.joined(separator: " "))", applied, labels: labels)
        for summary in summaries { session.console.line(summary) }
    }

    /// What one analyzer run means for one document (or, summed, for all).
    struct DocumentResult: Sendable {
        var changes: [AnnotationChange] = []
        var suggested = 0
        /// Suggestions dropped because a human had reviewed or edited that annotation.
        var kept = 0
        var added = 0
        var updated = 0
        var removed = 0
        /// The layers and labels the changes bring, for completion.
        var labels = Set<Session.LayerLabel>()

        /// Adds another result's counts to these.
        mutating func count(_ other: DocumentResult) {
            suggested += other.suggested
            kept += other.kept
            added += other.added
            updated += other.updated
            removed += other.removed
        }
    }

    /// Runs an analyzer over documents on `jobs` worker threads, which take
    /// chunks of documents in turn and merge each one's suggestions with what
    /// it has (`existing`, in document order). The calling thread receives
    /// each chunk's results through `consume`, in document order, as soon as
    /// that chunk is done, so its own work overlaps the analysis.
    static func run(
        _ analyzer: any Analyzer, descriptor: AnalyzerDescriptor, on documents: [Document], existing: [[Annotation]],
        time: String, jobs: Int, stop: @escaping @Sendable () -> Bool, consume: ([DocumentResult]) -> Void
    ) {
        // Small chunks keep the last one short, so no thread waits long at the end.
        let chunk = max(1, min(16, documents.count / max(1, jobs * 8)))
        let chunks = (documents.count + chunk - 1) / chunk
        let analyse: @Sendable (Int) -> [DocumentResult] = { index in
            let range = (index * chunk)..<min(documents.count, (index + 1) * chunk)
            return range.map { position -> DocumentResult in
                let document = documents[position]
                let suggestions = analyzer.analyze(document).map { $0.annotation(in: document, by: descriptor, at: time) }
                let current = existing[position]
                var result = DocumentResult(suggested: suggestions.count)
                result.changes = SuggestionMerge.changes(
                    documentID: document.id, existing: current, analyzerID: descriptor.id, new: suggestions)
                result.labels = Session.labels(of: result.changes)
                for change in result.changes {
                    switch (change.before == nil, change.after == nil) {
                    case (true, false): result.added += 1
                    case (false, true): result.removed += 1
                    default: result.updated += 1
                    }
                }
                if current.contains(where: \.isHumanTouched) {
                    let touched = Set(current.filter(\.isHumanTouched).map(\.id))
                    result.kept = suggestions.filter { touched.contains($0.id) }.count
                }
                return result
            }
        }
        let threads = min(jobs, chunks)
        if threads <= 1 {
            for index in 0..<chunks where !stop() { consume(analyse(index)) }
            return
        }
        // One slot and one signal per chunk; every chunk is signalled exactly
        // once, empty when an interruption made its worker skip it.
        let slots = Mutex([[DocumentResult]?](repeating: nil, count: chunks))
        let signals = (0..<chunks).map { _ in DispatchSemaphore(value: 0) }
        let next = Atomic<Int>(0)
        let group = DispatchGroup()
        for _ in 0..<threads {
            DispatchQueue.global().async(group: group) {
                while true {
                    let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                    guard index < chunks else { return }
                    let results = stop() ? [] : analyse(index)
                    slots.withLock { $0[index] = results }
                    signals[index].signal()
                }
            }
        }
        for index in 0..<chunks {
            signals[index].wait()
            let results = slots.withLock { slots in
                defer { slots[index] = nil }
                return slots[index] ?? []
            }
            if !stop() { consume(results) }
        }
        group.wait()
    }

    static func analyzerType(_ id: String, session: Session) throws(CommandError) -> any Analyzer.Type {
        do {
            return try session.registry.analyzer(id)
        } catch {
            throw CommandError(String(describing: error))
        }
    }

    static func instantiate(_ type: any Analyzer.Type, session: Session) throws(CommandError) -> any Analyzer {
        do {
            return try type.make(options: session.analyzerOptions[type.descriptor.id] ?? [:])
        } catch {
            throw CommandError(String(describing: error))
        }
    }
}
