import Foundation
import LoupeCore

/// Near-duplicate documents (`dups`) and carrying annotations from one copy to another (`project`).
enum FindingsCommands {
    static let compare = CommandSpec(
        name: "compare", arguments: "[DOC...] [--by outlet|date|date:month|date:year|KEY] [--layer L] [--reviewed] [--json]",
        summary: "Compare documents, or groups of them (by outlet, date or any metadata key), layer by layer.",
        details: """
            Without --by, each named document (every open one if none is named) is a column; with --by, documents \
            are grouped by that metadata key ('unknown' for those without one; dates by day, or by month or year with \
            date:month and date:year). Each analyzer's layer \
            is a table: framing's frame shares and primary frames, sources' kinds and shares, sentiment's scores and \
            the targets several groups mention, bias markers' densities per 1,000 words. Rejected suggestions are left \
            out; each table says how many of its annotations are still unreviewed suggestions, and --reviewed leaves \
            those out too.
            """,
        options: ["--by", "--layer", "--reviewed", "--json"]
    ) { session, arguments throws(CommandError) in
        let json = arguments.flag("--json")
        let reviewedOnly = arguments.flag("--reviewed")
        let by = try arguments.option("--by")
        let layer = try arguments.option("--layer")
        let words = try arguments.finish()
        let result = try comparison(
            session: session, command: "compare", documents: words.map(\.text), by: by, layer: layer, reviewedOnly: reviewedOnly)
        let grouping: Comparison.Grouping = by.map { .key($0) } ?? .documents
        if json {
            session.console.write(JSONWriter.pretty(result.json(grouping: grouping, reviewedOnly: reviewedOnly)))
            return
        }
        var output: [String] = []
        let total = result.members.reduce(0) { $0 + $1.count }
        if let by {
            output.append("\(total) document\(total == 1 ? "" : "s") in \(result.groups.count) group\(result.groups.count == 1 ? "" : "s") by \(by):")
        } else {
            output.append("\(total) document\(total == 1 ? "" : "s") side by side")
        }
        if by != nil {
            for (name, ids) in zip(result.groups, result.members) {
                var line = "  " + Sanitizer.sanitize(name) + " (\(ids.count)): " + ids.prefix(3).map(Sanitizer.sanitize).joined(separator: ", ")
                if ids.count > 3 { line += ", … \(ids.count - 3) more" }
                output.append(session.console.fitsToWidth ? TextColumns.truncate(line, to: max(40, session.console.width)) : line)
            }
        }
        if result.parts.isEmpty {
            output.append("no annotations to compare" + (layer.map { " in layer \(Sanitizer.quoted($0))" } ?? "") + "; run 'analyze --all' first")
        }
        let color = session.console.color
        for part in result.parts {
            output.append("")
            let title = part.section.title + " (" + part.layer + ")"
            output.append(color ? TerminalStyle.bold.apply(to: title) : title)
            output += ComparisonTable.lines(
                part.section, groups: result.groups, width: session.console.width,
                style: color ? session.layerStyles.style(for: part.layer) : nil)
            let width = session.console.width
            for note in part.section.notes {
                for line in wrapped(note, width: width) { output.append(color ? TerminalStyle.dim.apply(to: line) : line) }
            }
            output += wrapped(basisLine(part.basis, reviewedOnly: reviewedOnly), width: width)
        }
        session.console.write(output.joined(separator: "\n") + "\n")
    }

    static let report = CommandSpec(
        name: "report", arguments: "[DOC... | --all] [--by outlet|date|KEY] [--out FILE.html] [--force] [--max-documents N]",
        summary: "Write one self-contained HTML report: the comparison charts, then each document highlighted by layer.",
        details: """
            The summary page holds the tables and bar charts of 'compare' (grouped by --by, or document by document). \
            Each document follows with its text, its annotations highlighted by layer (a toggle per layer in the \
            legend; hovering a highlight shows its label, cue, rule, creator and status), its tables (sources) and its \
            own figures (sentiment per target and the rest). One file: no network, CSS and SVG inline; it prints one \
            document a page. Every open document unless some are named. FILE (default report.html) is replaced only \
            with --force. The summary covers every document; pages are written for the first N (default 200), so that \
            a report of a whole corpus stays a file a browser opens: name documents (or raise N) for the others.
            """,
        options: ["--all", "--by", "--out", "--force", "--max-documents"]
    ) { session, arguments throws(CommandError) in
        _ = arguments.flag("--all")
        let force = arguments.flag("--force")
        let by = try arguments.option("--by")
        let out = try arguments.option("--out") ?? "report.html"
        let maximumText = try arguments.option("--max-documents")
        let words = try arguments.finish()
        var maximum = 200
        if let maximumText {
            guard let value = Int(maximumText), value >= 0 else {
                throw CommandError("report: --max-documents takes a whole number of 0 or more, not \(Sanitizer.quoted(maximumText))")
            }
            maximum = value
        }
        guard !out.isEmpty else { throw .usage("report", "--out needs a file name") }
        if FileManager.default.fileExists(atPath: out), !force {
            throw CommandError("report: \(Sanitizer.sanitize(out)) exists; use --force to replace it")
        }
        let summary = try comparison(session: session, command: "report", documents: words.map(\.text), by: by, layer: nil, reviewedOnly: false)
        let store = session.store
        let ids = summary.members.flatMap { $0 }
        let ordered = store.documentIDs.filter(Set(ids).contains)
        // Every layer the documents hold, the registry's first, in its colours.
        var layerIDs = session.comparisonViews.map(\.layer)
        for descriptor in session.registry.descriptors { for layer in descriptor.layers where !layerIDs.contains(layer) { layerIDs.append(layer) } }
        var present = Set<String>()
        for id in ordered { for annotation in store.annotations(in: id) { present.insert(annotation.layer) } }
        layerIDs = layerIDs.filter(present.contains) + present.subtracting(layerIDs).sorted()
        let layers = layerIDs.map { layer in
            HTMLReport.Layer(id: layer, colour: HTMLReport.cssColour(of: session.layerStyles.style(for: layer)) ?? "#888888")
        }
        let tableViews = session.registry.analyzers.compactMap { $0 as? any DocumentTableView.Type }
        var entries: [HTMLReport.Entry] = []
        for id in ordered.prefix(maximum) {
            guard let document = store.document(id) else { continue }
            let annotations = store.annotations(in: id)
            let visible = annotations.filter { $0.status != .rejected }
            let tables = tableViews.compactMap { view -> (title: String, lines: [String])? in
                guard let annotation = view.tableAnnotation(in: visible) else { return nil }
                return (view.tableCommand.summary, view.tableLines(documentID: id, annotation: annotation))
            }
            let input = Comparison.Input(
                id: id, metadata: store.metadata(of: id), words: Comparison.Input.words(in: document), annotations: annotations)
            let figures = Comparison.compare([input], by: .documents, views: session.comparisonViews)
            entries.append(HTMLReport.Entry(
                document: document, metadata: store.metadata(of: id), annotations: annotations, tables: tables, figures: figures))
        }
        let names = LabelNames(session: session)
        let report = HTMLReport(
            title: "Loupe report: \(ordered.count) document\(ordered.count == 1 ? "" : "s")" + (by.map { " by \($0)" } ?? ""),
            generator: "Loupe \(LoupeVersion.current)", created: session.now(), layers: layers, summary: summary, groupedBy: by,
            entries: entries, omitted: ordered.count - entries.count, labelName: { layer, label in names.name(layer, label) })
        do throws(StoreError) {
            try AtomicFile.write(Array(report.render().utf8), to: out)
        } catch {
            throw CommandError("report: \(error.description)")
        }
        let count = entries.reduce(0) { $0 + $1.annotations.count }
        let omitted = ordered.count - entries.count
        session.console.status(
            "wrote \(Sanitizer.sanitize(out)): \(entries.count) document\(entries.count == 1 ? "" : "s"), \(count) annotations, \(summary.parts.count) comparison table\(summary.parts.count == 1 ? "" : "s")"
                + (omitted > 0 ? "; the summary covers all \(ordered.count) documents, pages were left out for \(omitted) (--max-documents N, or name them)" : ""))
    }

    /// Label names as the session's analyzers give them, taken out of the
    /// session so the report can hold them (the registry is `Sendable`).
    struct LabelNames: Sendable {
        let registry: AnalyzerRegistry

        init(session: Session) { registry = session.registry }

        func name(_ layer: String, _ label: String) -> String? {
            for analyzer in registry.analyzers {
                guard analyzer.descriptor.layers.contains(layer), let naming = analyzer as? any LabelNaming.Type else { continue }
                if let name = naming.name(ofLabel: label, layer: layer) { return name }
            }
            return nil
        }
    }

    /// Plain text broken at spaces to fit `width` columns; following lines indented by two.
    static func wrapped(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            let candidate = line.isEmpty ? String(word) : line + " " + word
            if DisplayWidth.of(candidate) > width, !line.isEmpty {
                lines.append(line)
                line = "  " + word
            } else {
                line = candidate
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// "rests on 120 annotations: 12 reviewed, 108 unreviewed suggestions (14 rejected left out)".
    static func basisLine(_ basis: Comparison.Basis, reviewedOnly: Bool) -> String {
        let used = basis.reviewed + basis.unreviewed
        var line = "rests on \(used) annotation\(used == 1 ? "" : "s"): \(basis.reviewed) reviewed"
        if !reviewedOnly { line += ", \(basis.unreviewed) unreviewed suggestion\(basis.unreviewed == 1 ? "" : "s")" }
        if basis.leftOut > 0 {
            line += reviewedOnly ? "; \(basis.leftOut) rejected or unreviewed left out" : "; \(basis.leftOut) rejected or orphaned left out"
        }
        if !reviewedOnly, basis.unreviewed > 0 { line += " (--reviewed for reviewed ones only)" }
        return line
    }

    /// The comparison `compare` and `report` show.
    static func comparison(
        session: Session, command: String, documents references: [String], by: String?, layer: String?, reviewedOnly: Bool
    ) throws(CommandError) -> Comparison.Result {
        let store = session.store
        var ids: [String] = []
        for reference in references { ids.append(try session.resolveDocument(reference).id) }
        if ids.isEmpty { ids = store.documentIDs }
        guard !ids.isEmpty else { throw CommandError("\(command): no documents open; use 'open PATH'") }
        if let by {
            guard DocumentMetadata.standardKeys.contains(by) || DocumentMetadata.isValidKey(by) || ["date:month", "date:year"].contains(by) else {
                throw CommandError("\(command): --by takes a metadata key (outlet, date, date:month, date:year, author, or one set with 'meta'), not \(Sanitizer.quoted(by))")
            }
        }
        var views = session.comparisonViews
        if let layer {
            views = views.filter { $0.layer == layer }
            guard !views.isEmpty else {
                let names = session.comparisonViews.map(\.layer)
                throw CommandError("\(command): no layer \(Sanitizer.quoted(layer)) to compare (layers: \(names.joined(separator: ", ")))")
            }
        }
        for id in ids {
            if let lock = store.lock(of: id) { session.console.warning("\(command): \(lock.description); \(Sanitizer.sanitize(id)) counts as having no annotations") }
        }
        let inputs = ids.compactMap { id -> Comparison.Input? in
            guard let document = store.document(id) else { return nil }
            return Comparison.Input(
                id: id, metadata: store.metadata(of: id), words: Comparison.Input.words(in: document),
                annotations: store.annotations(in: id))
        }
        return Comparison.compare(inputs, by: by.map { .key($0) } ?? .documents, views: views, reviewedOnly: reviewedOnly)
    }

    static let dups = CommandSpec(
        name: "dups", arguments: "[--threshold T] [--json]",
        summary: "Find pairs of near-identical documents and show what differs between them.",
        details: """
            Compares every open document's five-word shingles (MinHash with banding, so the time grows with the \
            corpus, not with its square; each candidate pair is then measured exactly). T is the least Jaccard \
            similarity to report, from 0 to 1 (default 0.8). 'project FROM TO' then copies a person's annotations \
            from one copy to the other.
            """,
        options: ["--threshold", "--json"]
    ) { session, arguments throws(CommandError) in
        let json = arguments.flag("--json")
        let thresholdText = try arguments.option("--threshold")
        _ = try arguments.finish()
        var threshold = 0.8
        if let thresholdText {
            guard let value = Double(thresholdText), value.isFinite, value > 0, value <= 1 else {
                throw CommandError("dups: --threshold is a similarity above 0 and at most 1, not \(Sanitizer.quoted(thresholdText))")
            }
            threshold = value
        }
        let store = session.store
        let documents = store.documentIDs.compactMap(store.document)
        Interrupts.reset()
        let pairs = NearDuplicates.pairs(in: documents, threshold: threshold, stop: session.interruptRequested)
        if session.interruptRequested() { throw CommandError("dups: interrupted") }
        if json {
            session.console.write(JSONWriter.pretty(.array(pairs.map { pair in
                guard let a = store.document(pair.first), let b = store.document(pair.second) else { return .null }
                let (onlyA, onlyB) = NearDuplicates.differences(a, b)
                return .object([
                    "documents": .array([.string(pair.first), .string(pair.second)]), "similarity": .double((pair.similarity * 1000).rounded() / 1000),
                    "onlyFirst": .array(onlyA.map { .object(["start": .int($0.lowerBound), "end": .int($0.upperBound)]) }),
                    "onlySecond": .array(onlyB.map { .object(["start": .int($0.lowerBound), "end": .int($0.upperBound)]) }),
                ])
            })))
            return
        }
        if pairs.isEmpty {
            session.console.line("no pairs of documents at least \(Int(threshold * 100))% alike among \(documents.count)")
            return
        }
        for pair in pairs {
            guard let a = store.document(pair.first), let b = store.document(pair.second) else { continue }
            let (onlyA, onlyB) = NearDuplicates.differences(a, b)
            session.console.line("\(Sanitizer.sanitize(pair.first)) ~ \(Sanitizer.sanitize(pair.second))  \(Int((pair.similarity * 100).rounded()))% alike"
                + "; \(onlyA.count) sentence\(onlyA.count == 1 ? "" : "s") only in the first, \(onlyB.count) only in the second")
            for (document, ranges, side) in [(a, onlyA, "<"), (b, onlyB, ">")] {
                for range in ranges.prefix(3) {
                    session.console.line("  \(side) s\((document.segmentation.sentenceIndex(containing: range.lowerBound) ?? 0) + 1)  "
                        + Layout.quote(String(document.text(scalars: range)), width: 70))
                }
                if ranges.count > 3 { session.console.line("  \(side) … \(ranges.count - 3) more") }
            }
        }
        session.console.status("\(pairs.count) pair\(pairs.count == 1 ? "" : "s") at least \(Int(threshold * 100))% alike among \(documents.count) documents")
    }

    static let project = CommandSpec(
        name: "project", arguments: "FROM TO",
        summary: "Copy a person's annotations from one document to a near-identical one, placed by their quotes.",
        details: """
            Every annotation a person made or accepted in FROM (not rejected) is placed in TO where its quote \
            (with its context) is found, as a new annotation recording where it came from (projectedFrom); each one \
            that cannot be placed is reported. One step for 'undo'.
            """
    ) { session, arguments throws(CommandError) in
        let words = try arguments.finish()
        guard words.count == 2 else { throw .usage("project", "name the document to copy from and the one to copy to") }
        let from = try session.resolveDocument(words[0].text), to = try session.resolveDocument(words[1].text)
        guard from.id != to.id else { throw CommandError("project: name two different documents") }
        let existing = Set(session.store.annotations(in: to.id).map(\.id))
        var changes: [AnnotationChange] = []
        var unplaced: [String] = []
        var already = 0
        for annotation in session.store.annotations(in: from.id) where AgreementStudy.owner(of: annotation) != nil {
            var copy = annotation
            copy.id = "h-" + AnnotationID.derived(
                document: to.id, analyzer: "project:" + annotation.id, layer: annotation.layer, label: annotation.label, range: nil, key: nil)
                .dropFirst(2).prefix(12)
            if existing.contains(copy.id) {
                already += 1
                continue
            }
            if let target = annotation.target {
                guard let range = Anchoring.locate(target, in: to) else {
                    unplaced.append(annotation.id)
                    session.console.warning("\(annotation.id) (\(Sanitizer.sanitize(annotation.layer)):\(Sanitizer.sanitize(annotation.label)) "
                        + "\(Layout.quote(target.exact))) cannot be placed in \(Sanitizer.sanitize(to.id))")
                    continue
                }
                copy.target = TextQuoteTarget(document: to, range: range)
            }
            copy.orphaned = false
            copy.attributes["projectedFrom"] = .string(from.id + "/" + annotation.id)
            changes.append(AnnotationChange(documentID: to.id, before: nil, after: copy))
        }
        try session.commit("project \(from.id) \(to.id)", changes)
        session.console.status("projected \(changes.count) annotation\(changes.count == 1 ? "" : "s") from \(Sanitizer.sanitize(from.id)) to \(Sanitizer.sanitize(to.id))"
            + (unplaced.isEmpty ? "" : "; \(unplaced.count) could not be placed (see above)") + (already > 0 ? "; \(already) already there" : ""))
    }
}
