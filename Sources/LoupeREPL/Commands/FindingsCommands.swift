import LoupeCore

/// Near-duplicate documents (`dups`) and carrying annotations from one copy to another (`project`).
enum FindingsCommands {
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
