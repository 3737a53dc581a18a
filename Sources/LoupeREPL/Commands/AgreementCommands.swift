import Foundation
import LoupeCore

/// How far people agree with each other (`agree`), and how often an
/// analyzer agrees with a person (`evaluate`).
enum AgreementCommands {
    static let agree = CommandSpec(
        name: "agree", arguments: "[--layer L] [--annotators A,B,...] [--unit sentence|document|span] [--json]",
        summary: "How far annotators agree: Krippendorff's alpha, Fleiss' and Cohen's kappa, span F1, a confusion table.",
        details: """
            A person's annotations are those they made (unless rejected) and the suggestions they accepted. Units: \
            'sentence' (default) gives each sentence the label of the person's annotation covering most of it, or \
            'none'; 'document' asks of each label whether the person used it in the document; 'span' compares the \
            spans themselves. A document a person did not annotate in the layer is missing data for them: alpha \
            allows it, Fleiss' kappa uses the units everyone coded, Cohen's kappa those both coded. Span precision, \
            recall and F1 take the first annotator of each pair as the reference, matched exactly or by overlap.
            """,
        options: ["--layer", "--annotators", "--unit", "--json"]
    ) { session, arguments throws(CommandError) in
        let json = arguments.flag("--json")
        let layerOption = try arguments.option("--layer")
        let annotatorOption = try arguments.option("--annotators")
        let unitOption = try arguments.option("--unit")
        _ = try arguments.finish()
        let unit: AgreementStudy.Unit
        if let unitOption {
            guard let chosen = AgreementStudy.Unit(rawValue: unitOption) else {
                throw CommandError("agree: --unit is sentence, document or span, not \(Sanitizer.quoted(unitOption))")
            }
            unit = chosen
        } else {
            unit = .sentence
        }
        let store = session.store
        let corpus: [(Document, [Annotation])] = store.documentIDs.compactMap { id in
            store.document(id).map { ($0, store.annotations(in: id)) }
        }
        let all = corpus.flatMap(\.1)
        let layer = try chooseLayer(layerOption, in: all)
        let people = AgreementStudy.people(in: layer, of: all)
        var annotators = people
        if let annotatorOption {
            annotators = annotatorOption.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            for name in annotators where !people.contains(name) {
                throw CommandError("agree: \(Sanitizer.quoted(name)) has no annotations in layer \(Sanitizer.quoted(layer)) (people who do: \(people.map(Sanitizer.sanitize).joined(separator: ", ")))")
            }
        }
        guard annotators.count >= 2 else {
            throw CommandError("agree: layer \(Sanitizer.quoted(layer)) has annotations by \(annotators.count == 1 ? "one person only (\(Sanitizer.sanitize(annotators[0])))" : "nobody"); agreement needs two")
        }
        let study = AgreementStudy(layer: layer, annotators: annotators, documents: corpus)
        var pairs: [(String, String)] = []
        for (index, first) in annotators.enumerated() {
            for second in annotators[(index + 1)...] where !study.sharedDocuments([first, second]).isEmpty { pairs.append((first, second)) }
        }
        guard !pairs.isEmpty else {
            throw CommandError("agree: no two of \(annotators.map(Sanitizer.sanitize).joined(separator: ", ")) annotated the same document in layer \(Sanitizer.quoted(layer))")
        }
        let report = AgreementReport(study: study, unit: unit, pairs: pairs)
        if json {
            session.console.write(JSONWriter.pretty(report.json))
        } else {
            for line in report.lines { session.console.line(line) }
        }
    }

    /// The layer to compare: the one named, else the only one that two people annotated.
    static func chooseLayer(_ named: String?, in annotations: [Annotation]) throws(CommandError) -> String {
        var peopleByLayer: [String: Set<String>] = [:]
        for annotation in annotations {
            if let owner = AgreementStudy.owner(of: annotation) { peopleByLayer[annotation.layer, default: []].insert(owner) }
        }
        if let named {
            guard peopleByLayer[named] != nil else {
                let used = peopleByLayer.keys.sorted().map(Sanitizer.sanitize).joined(separator: ", ")
                throw CommandError("agree: nobody annotated layer \(Sanitizer.quoted(named))" + (used.isEmpty ? "" : " (layers people annotated: \(used))"))
            }
            return named
        }
        let shared = peopleByLayer.filter { $0.value.count >= 2 }.keys.sorted()
        if shared.count == 1 { return shared[0] }
        if shared.isEmpty {
            throw CommandError("agree: no layer has annotations by two people or more" + (peopleByLayer.isEmpty ? " (nobody has annotated yet)" : ""))
        }
        throw CommandError("agree: name a layer with --layer: \(shared.map(Sanitizer.sanitize).joined(separator: ", ")) have annotations by two people or more")
    }
}

/// The figures of one `agree`, as lines and as JSON.
struct AgreementReport {
    let study: AgreementStudy
    let unit: AgreementStudy.Unit
    let pairs: [(String, String)]

    struct Pair {
        var first: String
        var second: String
        var kappa: Double?
        var units: Int
        var exact: AgreementStatistics.SpanScores
        var overlap: AgreementStatistics.SpanScores
    }

    let rows: [[String?]]
    let alpha: Double?
    /// Krippendorff's alpha over text positions (unitizing), with the span unit.
    let unitizingAlpha: Double?
    let fleiss: Double?
    let fleissUnits: Int
    let pairFigures: [Pair]
    /// Labels of the first pair, first annotator by second, on the units both coded.
    let confusion: [String: [String: Int]]

    init(study: AgreementStudy, unit: AgreementStudy.Unit, pairs: [(String, String)]) {
        self.study = study
        self.unit = unit
        self.pairs = pairs
        let rows = study.units(unit == .span ? .sentence : unit)
        self.rows = rows
        alpha = AgreementStatistics.krippendorffAlpha(rows)
        unitizingAlpha = unit == .span ? AgreementStatistics.unitizingAlpha(study.unitizings()) : nil
        let complete = rows.filter { $0.allSatisfy { $0 != nil } }
        fleissUnits = complete.count
        if study.annotators.count >= 3, !complete.isEmpty {
            let categories = Array(Set(complete.flatMap { $0.compactMap { $0 } })).sorted()
            fleiss = AgreementStatistics.fleissKappa(complete.map { row in categories.map { category in row.filter { $0 == category }.count } })
        } else {
            fleiss = nil
        }
        var figures: [Pair] = []
        for (first, second) in pairs {
            let a = study.annotators.firstIndex(of: first) ?? 0
            let b = study.annotators.firstIndex(of: second) ?? 0
            let both = rows.compactMap { row -> (String, String)? in
                guard let x = row[a], let y = row[b] else { return nil }
                return (x, y)
            }
            let shared = Set(study.sharedDocuments([first, second]).map(\.id))
            let reference = study.spans(of: first).filter { shared.contains($0.document) }
            let candidate = study.spans(of: second).filter { shared.contains($0.document) }
            figures.append(Pair(
                first: first, second: second,
                kappa: AgreementStatistics.cohenKappa(both.map(\.0), both.map(\.1)), units: both.count,
                exact: AgreementStatistics.spanScores(reference: reference, candidate: candidate, match: .exact),
                overlap: AgreementStatistics.spanScores(reference: reference, candidate: candidate, match: .overlap)))
        }
        pairFigures = figures
        var confusion: [String: [String: Int]] = [:]
        if let (first, second) = pairs.first {
            let a = study.annotators.firstIndex(of: first) ?? 0
            let b = study.annotators.firstIndex(of: second) ?? 0
            if unit == .span {
                let shared = Set(study.sharedDocuments([first, second]).map(\.id))
                let reference = study.spans(of: first).filter { shared.contains($0.document) }
                let candidate = study.spans(of: second).filter { shared.contains($0.document) }
                let matched = AgreementStatistics.matchedPairs(reference: reference, candidate: candidate, match: .overlap, sameLabel: false)
                for (r, c) in matched { confusion[reference[r].label, default: [:]][candidate[c].label, default: 0] += 1 }
                let usedReference = Set(matched.map(\.reference)), usedCandidate = Set(matched.map(\.candidate))
                for (index, span) in reference.enumerated() where !usedReference.contains(index) {
                    confusion[span.label, default: [:]][AgreementStudy.noLabel, default: 0] += 1
                }
                for (index, span) in candidate.enumerated() where !usedCandidate.contains(index) {
                    confusion[AgreementStudy.noLabel, default: [:]][span.label, default: 0] += 1
                }
            } else {
                for row in rows {
                    guard let x = row[a], let y = row[b] else { continue }
                    confusion[x, default: [:]][y, default: 0] += 1
                }
            }
        }
        self.confusion = confusion
    }

    static func figure(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "n/a" }

    var lines: [String] {
        let names = study.annotators.map(Sanitizer.sanitize)
        let documents = study.documents.filter { document in study.annotators.contains { study.annotated($0, document.id) } }.count
        let unitName = unit == .document ? "document and label" : "sentence"
        var lines = [
            "agreement on layer \(Sanitizer.sanitize(study.layer)) by \(unit == .span ? "span (alpha and kappa by sentence)" : unit.rawValue): \(names.count) annotators (\(names.joined(separator: ", "))), "
                + "\(documents) document\(documents == 1 ? "" : "s"), \(rows.count) units (one per \(unitName))",
            "  Krippendorff's alpha (nominal, missing data allowed)  \(Self.figure(alpha))",
        ]
        if unit == .span {
            lines.append("  alpha-u for unitizing (every text position a unit, gaps a value)  \(Self.figure(unitizingAlpha))")
        }
        if study.annotators.count >= 3 {
            lines.append("  Fleiss' kappa (the \(fleissUnits) units everyone coded)  \(Self.figure(fleiss))")
        }
        for pair in pairFigures {
            let label = Sanitizer.sanitize(pair.first) + " / " + Sanitizer.sanitize(pair.second)
            lines.append("  \(label): Cohen's kappa \(Self.figure(pair.kappa)) on \(pair.units) units; spans (\(Sanitizer.sanitize(pair.first)) as reference) "
                + "exact P \(Self.figure(pair.exact.precision)) R \(Self.figure(pair.exact.recall)) F1 \(Self.figure(pair.exact.f1)), "
                + "overlap P \(Self.figure(pair.overlap.precision)) R \(Self.figure(pair.overlap.recall)) F1 \(Self.figure(pair.overlap.f1))")
        }
        if let (first, second) = pairs.first, !confusion.isEmpty {
            let labels = Array(Set(confusion.keys).union(confusion.values.flatMap(\.keys))).sorted()
            let width = max(8, labels.map { DisplayWidth.of(Sanitizer.sanitize($0)) }.max() ?? 0)
            lines.append("  confusion: \(Sanitizer.sanitize(first)) (rows) by \(Sanitizer.sanitize(second)) (columns)"
                + (unit == .span ? ", spans matched by overlap" : ", units both coded"))
            lines.append("    " + TextColumns.pad("", to: width) + labels.map { " " + TextColumns.pad(TextColumns.truncate(Sanitizer.sanitize($0), to: width), to: width) }.joined())
            for row in labels {
                var line = "    " + TextColumns.pad(TextColumns.truncate(Sanitizer.sanitize(row), to: width), to: width)
                for column in labels {
                    let count = confusion[row]?[column] ?? 0
                    let cell = count == 0 ? "·" : String(count)
                    line += " " + String(repeating: " ", count: max(0, width - cell.count)) + cell
                }
                lines.append(line)
            }
        }
        return lines
    }

    var json: JSONValue {
        func scores(_ value: AgreementStatistics.SpanScores) -> JSONValue {
            .object([
                "matched": .int(value.matched), "candidates": .int(value.candidates), "references": .int(value.references),
                "precision": value.precision.map(JSONValue.double) ?? .null, "recall": value.recall.map(JSONValue.double) ?? .null,
                "f1": value.f1.map(JSONValue.double) ?? .null,
            ])
        }
        return .object([
            "layer": .string(study.layer), "unit": .string(unit.rawValue), "annotators": .array(study.annotators.map { .string($0) }),
            "units": .int(rows.count), "krippendorffAlpha": alpha.map(JSONValue.double) ?? .null,
            "unitizingAlpha": unitizingAlpha.map(JSONValue.double) ?? .null,
            "fleissKappa": fleiss.map(JSONValue.double) ?? .null, "fleissUnits": .int(fleissUnits),
            "pairs": .array(pairFigures.map { pair in
                .object([
                    "annotators": .array([.string(pair.first), .string(pair.second)]),
                    "cohenKappa": pair.kappa.map(JSONValue.double) ?? .null, "units": .int(pair.units),
                    "spans": .object(["exact": scores(pair.exact), "overlap": scores(pair.overlap)]),
                ])
            }),
            "confusion": .object(confusion.mapValues { row in .object(row.mapValues { .int($0) }) }),
        ])
    }
}

/// `evaluate`: an analyzer's suggestions scored against a person.
enum EvaluationCommands {
    static let evaluate = CommandSpec(
        name: "evaluate", arguments: "ANALYZER [--against NAME] [--min-f1 X] [--json]",
        summary: "Score an analyzer against a person's annotations, or against the decisions made on its suggestions.",
        details: """
            With --against NAME: precision, recall and F1 per label of the analyzer's suggestions against NAME's \
            annotations in the analyzer's layers (what NAME made, and the suggestions NAME accepted), on the documents \
            NAME annotated in those layers; spans match by overlap with the same label (exact figures too). Without \
            it: for each label, how many suggestions people accepted and rejected, and precision from those decisions. \
            Both list the rules that produced the most rejections. --min-f1 X makes the command fail (exit status 1 \
            in a script) when the overall F1 (or, without --against, the precision) is below X.
            """,
        options: ["--against", "--min-f1", "--json"]
    ) { session, arguments throws(CommandError) in
        let json = arguments.flag("--json")
        let against = try arguments.option("--against")
        let minimumText = try arguments.option("--min-f1")
        let words = try arguments.finish()
        guard words.count == 1 else { throw .usage("evaluate", "name one analyzer") }
        var minimum: Double?
        if let minimumText {
            guard let value = Double(minimumText), value.isFinite, (0...1).contains(value) else {
                throw CommandError("evaluate: --min-f1 is a number from 0 to 1, not \(Sanitizer.quoted(minimumText))")
            }
            minimum = value
        }
        let entry = try AnalyzerCommands.analyzerEntry(words[0].text, session: session)
        let id = entry.descriptor.id
        let layers = Set(entry.descriptor.layers)
        let store = session.store
        var suggestions: [(document: String, annotation: Annotation)] = []
        var reference: [(document: String, annotation: Annotation)] = []
        for documentID in store.documentIDs {
            for annotation in store.annotations(in: documentID) where layers.contains(annotation.layer) && !annotation.orphaned {
                if annotation.creator.analyzerID == id { suggestions.append((documentID, annotation)) }
                if let against, AgreementStudy.owner(of: annotation) == against { reference.append((documentID, annotation)) }
            }
        }
        guard !suggestions.isEmpty else { throw CommandError("evaluate: no suggestions of \(id) are open: run 'analyze \(id)' first") }
        // The rules behind the rejections, most first.
        var rejectedByRule: [String: Int] = [:]
        for (_, annotation) in suggestions where annotation.status == .rejected {
            rejectedByRule[annotation.attributes["rule"]?.stringValue ?? "?", default: 0] += 1
        }
        let topRules = rejectedByRule.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(5)
        var lines: [String] = []
        var object: [String: JSONValue] = ["analyzer": .string(id), "version": .string(entry.descriptor.version)]
        var overall: Double?
        if let against {
            let documents = Set(reference.map(\.document))
            guard !documents.isEmpty else {
                throw CommandError("evaluate: \(Sanitizer.quoted(against)) has no annotations in the layers of \(id) (\(layers.sorted().joined(separator: ", ")))")
            }
            func spans(_ list: [(document: String, annotation: Annotation)]) -> [AgreementStatistics.LabeledSpan] {
                list.compactMap { item in
                    guard documents.contains(item.document), let range = item.annotation.target?.range else { return nil }
                    return .init(document: item.document, range: range, label: item.annotation.label)
                }
            }
            let gold = spans(reference), found = spans(suggestions)
            let exact = AgreementStatistics.spanScores(reference: gold, candidate: found, match: .exact)
            let overlap = AgreementStatistics.spanScores(reference: gold, candidate: found, match: .overlap)
            overall = overlap.f1 ?? 0
            lines.append("\(id)@\(entry.descriptor.version) against \(Sanitizer.sanitize(against)): \(documents.count) document\(documents.count == 1 ? "" : "s"), "
                + "\(found.count) suggested spans, \(gold.count) of \(Sanitizer.sanitize(against))'s")
            lines.append("  overall: overlap P \(AgreementReport.figure(overlap.precision)) R \(AgreementReport.figure(overlap.recall)) F1 \(AgreementReport.figure(overlap.f1)); "
                + "exact P \(AgreementReport.figure(exact.precision)) R \(AgreementReport.figure(exact.recall)) F1 \(AgreementReport.figure(exact.f1))")
            var perLabel: [String: JSONValue] = [:]
            for label in Set(gold.map(\.label) + found.map(\.label)).sorted() {
                let scores = AgreementStatistics.spanScores(
                    reference: gold.filter { $0.label == label }, candidate: found.filter { $0.label == label }, match: .overlap)
                lines.append("  " + TextColumns.pad(Sanitizer.sanitize(label), to: 24)
                    + " P \(AgreementReport.figure(scores.precision)) R \(AgreementReport.figure(scores.recall)) F1 \(AgreementReport.figure(scores.f1))"
                    + "  (\(scores.matched) matched, \(scores.candidates) suggested, \(scores.references) by \(Sanitizer.sanitize(against)))")
                perLabel[label] = .object([
                    "precision": scores.precision.map(JSONValue.double) ?? .null, "recall": scores.recall.map(JSONValue.double) ?? .null,
                    "f1": scores.f1.map(JSONValue.double) ?? .null, "matched": .int(scores.matched),
                    "suggested": .int(scores.candidates), "reference": .int(scores.references),
                ])
            }
            object["against"] = .string(against)
            object["documents"] = .int(documents.count)
            object["overlap"] = .object(["precision": overlap.precision.map(JSONValue.double) ?? .null, "recall": overlap.recall.map(JSONValue.double) ?? .null, "f1": overlap.f1.map(JSONValue.double) ?? .null])
            object["exact"] = .object(["precision": exact.precision.map(JSONValue.double) ?? .null, "recall": exact.recall.map(JSONValue.double) ?? .null, "f1": exact.f1.map(JSONValue.double) ?? .null])
            object["labels"] = .object(perLabel)
        } else {
            var counts: [String: (accepted: Int, rejected: Int, open: Int)] = [:]
            for (_, annotation) in suggestions {
                var count = counts[annotation.label] ?? (0, 0, 0)
                switch annotation.status {
                case .accepted: count.accepted += 1
                case .rejected: count.rejected += 1
                case .suggested: count.open += 1
                }
                counts[annotation.label] = count
            }
            let accepted = counts.values.reduce(0) { $0 + $1.accepted }, rejected = counts.values.reduce(0) { $0 + $1.rejected }
            overall = accepted + rejected > 0 ? Double(accepted) / Double(accepted + rejected) : nil
            lines.append("\(id)@\(entry.descriptor.version) by the decisions on its \(suggestions.count) suggestions: \(accepted) accepted, \(rejected) rejected, "
                + "\(suggestions.count - accepted - rejected) not decided; precision \(AgreementReport.figure(overall))")
            var perLabel: [String: JSONValue] = [:]
            for (label, count) in counts.sorted(by: { $0.key < $1.key }) {
                let precision = count.accepted + count.rejected > 0 ? Double(count.accepted) / Double(count.accepted + count.rejected) : nil
                lines.append("  " + TextColumns.pad(Sanitizer.sanitize(label), to: 24)
                    + " precision \(AgreementReport.figure(precision))  (\(count.accepted) accepted, \(count.rejected) rejected, \(count.open) not decided)")
                perLabel[label] = .object([
                    "accepted": .int(count.accepted), "rejected": .int(count.rejected), "undecided": .int(count.open),
                    "precision": precision.map(JSONValue.double) ?? .null,
                ])
            }
            object["precision"] = overall.map(JSONValue.double) ?? .null
            object["labels"] = .object(perLabel)
        }
        if !topRules.isEmpty {
            lines.append("  rules behind the most rejections: " + topRules.map { "\(Sanitizer.sanitize($0.key)) (\($0.value))" }.joined(separator: ", "))
        }
        object["rejectionsByRule"] = .object(Dictionary(uniqueKeysWithValues: rejectedByRule.map { ($0.key, JSONValue.int($0.value)) }))
        if json {
            session.console.write(JSONWriter.pretty(.object(object)))
        } else {
            for line in lines { session.console.line(line) }
        }
        if let minimum {
            let what = against == nil ? "precision" : "F1"
            guard let overall, overall >= minimum else {
                throw CommandError("evaluate: \(id) \(what) \(AgreementReport.figure(overall)) is below --min-f1 \(minimumText ?? "")")
            }
        }
    }
}

/// Where two annotators differ: `diff A B [DOC]`, and `next` to step through.
enum DifferenceCommands {
    /// One place where two people's annotations differ.
    struct Difference: Sendable {
        var documentID: String
        var layer: String
        var range: Range<Int>?
        /// The first person's label there, if any.
        var first: String?
        var second: String?
    }

    static let diff = CommandSpec(
        name: "diff", arguments: "A B [DOC] [--layer L]",
        summary: "Show where two annotators differ: spans only one has, and the same span with different labels.",
        details: """
            Compares what A and B made or accepted, in every layer both used (or --layer), on the documents both \
            annotated in it (or DOC). Spans match when they overlap. 'next' then steps through the differences, \
            showing each in its sentence and making its document current.
            """,
        options: ["--layer"]
    ) { session, arguments throws(CommandError) in
        let layerOption = try arguments.option("--layer")
        let words = try arguments.finish()
        guard words.count == 2 || words.count == 3 else { throw .usage("diff", "name two annotators, and a document if you like") }
        let (first, second) = (words[0].text, words[1].text)
        guard first != second else { throw CommandError("diff: name two different annotators") }
        let store = session.store
        var documentIDs = store.documentIDs
        if words.count == 3 { documentIDs = [try session.resolveDocument(words[2].text).id] }
        let corpus: [(Document, [Annotation])] = documentIDs.compactMap { id in store.document(id).map { ($0, store.annotations(in: id)) } }
        var layers = Set<String>()
        for (_, annotations) in corpus {
            for annotation in annotations where [first, second].contains(AgreementStudy.owner(of: annotation) ?? "") { layers.insert(annotation.layer) }
        }
        if let layerOption { layers = layers.contains(layerOption) ? [layerOption] : [] }
        var differences: [Difference] = []
        var compared = 0
        for layer in layers.sorted() {
            let study = AgreementStudy(layer: layer, annotators: [first, second], documents: corpus)
            for document in study.sharedDocuments([first, second]) {
                compared += 1
                differences += Self.differences(in: document.id, layer: layer, study: study, first: first, second: second)
            }
        }
        guard compared > 0 else {
            throw CommandError("diff: \(Sanitizer.quoted(first)) and \(Sanitizer.quoted(second)) annotated no document in common" + (layerOption.map { " in layer \(Sanitizer.quoted($0))" } ?? ""))
        }
        session.differences = differences
        session.differenceCursor = 0
        if differences.isEmpty {
            session.console.line("\(Sanitizer.sanitize(first)) and \(Sanitizer.sanitize(second)) agree on everything they both annotated (\(compared) document-layer pair\(compared == 1 ? "" : "s"))")
            return
        }
        for (index, difference) in differences.enumerated() {
            session.console.line(Self.describe(difference, number: index + 1, first: first, second: second, session: session))
        }
        session.console.status("\(differences.count) difference\(differences.count == 1 ? "" : "s") in \(compared) document-layer pair\(compared == 1 ? "" : "s"); 'next' steps through them")
        session.differenceNames = (first, second)
    }

    static let next = CommandSpec(
        name: "next", arguments: "", summary: "Show the next difference found by 'diff', in its sentence, and make its document current."
    ) { session, arguments throws(CommandError) in
        _ = try arguments.finish()
        guard let names = session.differenceNames, !session.differences.isEmpty else { throw CommandError("next: run 'diff A B' first") }
        guard session.differenceCursor < session.differences.count else {
            throw CommandError("next: no more differences (all \(session.differences.count) shown; 'diff' again to start over)")
        }
        let difference = session.differences[session.differenceCursor]
        session.differenceCursor += 1
        session.currentDocumentID = difference.documentID
        session.console.line(describe(difference, number: session.differenceCursor, first: names.0, second: names.1, session: session))
        if let range = difference.range, let document = session.store.document(difference.documentID) {
            let segmentation = document.segmentation
            if let sentence = segmentation.sentenceIndex(containing: range.lowerBound) {
                let span = segmentation.sentences[sentence].span.scalars
                let context = min(span.lowerBound, range.lowerBound)..<min(document.length, max(span.upperBound, range.upperBound))
                let flat = { (range: Range<Int>) in Sanitizer.sanitize(String(document.text(scalars: range).map { $0 == "\n" ? " " : $0 })) }
                let marked = session.console.color ? session.console.paint(flat(range), .bold.adding(.yellow)) : "[" + flat(range) + "]"
                for line in ReviewCommands.wrap(
                    flat(context.lowerBound..<range.lowerBound) + marked + flat(range.upperBound..<context.upperBound),
                    width: max(20, session.console.width - 4))
                {
                    session.console.line("    " + line)
                }
            }
        }
    }

    /// The differences of two people's annotations of one layer in one document.
    static func differences(in documentID: String, layer: String, study: AgreementStudy, first: String, second: String) -> [Difference] {
        let a = study.spans(of: first).filter { $0.document == documentID }
        let b = study.spans(of: second).filter { $0.document == documentID }
        var found: [Difference] = []
        let matched = AgreementStatistics.matchedPairs(reference: a, candidate: b, match: .overlap, sameLabel: false)
        let pairedA = Set(matched.map(\.reference)), pairedB = Set(matched.map(\.candidate))
        for (i, j) in matched where a[i].label != b[j].label || a[i].range != b[j].range {
            let range = min(a[i].range.lowerBound, b[j].range.lowerBound)..<max(a[i].range.upperBound, b[j].range.upperBound)
            found.append(Difference(documentID: documentID, layer: layer, range: range, first: a[i].label, second: b[j].label))
        }
        for (index, span) in a.enumerated() where !pairedA.contains(index) {
            found.append(Difference(documentID: documentID, layer: layer, range: span.range, first: span.label, second: nil))
        }
        for (index, span) in b.enumerated() where !pairedB.contains(index) {
            found.append(Difference(documentID: documentID, layer: layer, range: span.range, first: nil, second: span.label))
        }
        // Document-level labels only one of them gave.
        let docA = Set((study.annotations[first]?[documentID] ?? []).filter { $0.target == nil }.map(\.label))
        let docB = Set((study.annotations[second]?[documentID] ?? []).filter { $0.target == nil }.map(\.label))
        for label in docA.subtracting(docB).sorted() { found.append(Difference(documentID: documentID, layer: layer, range: nil, first: label, second: nil)) }
        for label in docB.subtracting(docA).sorted() { found.append(Difference(documentID: documentID, layer: layer, range: nil, first: nil, second: label)) }
        return found.sorted { ($0.range?.lowerBound ?? -1, $0.range?.upperBound ?? -1) < ($1.range?.lowerBound ?? -1, $1.range?.upperBound ?? -1) }
    }

    static func describe(_ difference: Difference, number: Int, first: String, second: String, session: Session) -> String {
        var place = "d\(number)  " + Sanitizer.sanitize(difference.documentID)
        if let range = difference.range {
            if let document = session.store.document(difference.documentID),
                let sentence = document.segmentation.sentenceIndex(containing: range.lowerBound)
            {
                place += "  s\(sentence + 1)"
            }
            place += "  @\(range.lowerBound)-\(range.upperBound)"
            if let document = session.store.document(difference.documentID) {
                place += "  " + Layout.quote(String(document.text(scalars: range)), width: 30)
            }
        } else {
            place += "  doc"
        }
        let a = Sanitizer.sanitize(first), b = Sanitizer.sanitize(second)
        let what: String
        switch (difference.first, difference.second) {
        case (let x?, let y?) where x != y: what = "\(a) \(Sanitizer.sanitize(x)) · \(b) \(Sanitizer.sanitize(y))"
        case (let x?, _?): what = "both \(Sanitizer.sanitize(x)), different spans"
        case (let x?, nil): what = "only \(a) (\(Sanitizer.sanitize(x)))"
        case (nil, let y?): what = "only \(b) (\(Sanitizer.sanitize(y)))"
        default: what = ""
        }
        return place + "  " + Sanitizer.sanitize(difference.layer) + ": " + what
    }
}

/// `curate`: an agreed set from several annotators.
enum CurationCommands {
    static let curate = CommandSpec(
        name: "curate", arguments: "--layer L [--annotators A,B,...] [--prefer NAME] [--as NAME]",
        summary: "Build an agreed set of a layer from several annotators: the majority's annotations, or one person's where they disagree.",
        details: """
            On each document at least two of them annotated in the layer, annotations of the same label whose spans \
            overlap are one place; a place is kept when more than half of those who annotated the document marked \
            it (with the span most of them gave), or, with --prefer NAME, when NAME marked it. Kept annotations are \
            new, accepted, made by --as NAME (default 'curated'), and record the annotations they came from \
            (curatedFrom) and who agreed (agreedBy); nothing anyone made is changed. One step for 'undo'; running \
            it again adds nothing already there.
            """,
        options: ["--layer", "--annotators", "--prefer", "--as"]
    ) { session, arguments throws(CommandError) in
        let layerOption = try arguments.option("--layer")
        let annotatorOption = try arguments.option("--annotators")
        let prefer = try arguments.option("--prefer")
        let curator = try arguments.option("--as") ?? "curated"
        _ = try arguments.finish()
        guard let layer = layerOption else { throw .usage("curate", "name the layer with --layer") }
        guard !curator.isEmpty, !curator.unicodeScalars.contains(where: Sanitizer.isUnsafe) else { throw CommandError("curate: --as needs a printable name") }
        let store = session.store
        let corpus: [(Document, [Annotation])] = store.documentIDs.compactMap { id in store.document(id).map { ($0, store.annotations(in: id)) } }
        let people = AgreementStudy.people(in: layer, of: corpus.flatMap(\.1)).filter { $0 != curator }
        var annotators = people
        if let annotatorOption {
            annotators = annotatorOption.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            for name in annotators where !people.contains(name) {
                throw CommandError("curate: \(Sanitizer.quoted(name)) has no annotations in layer \(Sanitizer.quoted(layer))")
            }
        }
        guard annotators.count >= 2 else {
            throw CommandError("curate: layer \(Sanitizer.quoted(layer)) needs annotations by two people or more (found: \(annotators.isEmpty ? "nobody" : annotators.map(Sanitizer.sanitize).joined(separator: ", ")))")
        }
        if let prefer, !annotators.contains(prefer) {
            throw CommandError("curate: --prefer \(Sanitizer.quoted(prefer)) is not one of \(annotators.map(Sanitizer.sanitize).joined(separator: ", "))")
        }
        let study = AgreementStudy(layer: layer, annotators: annotators, documents: corpus)
        let outcome = Curation.curate(study, prefer: prefer)
        let time = session.now()
        var changes: [AnnotationChange] = []
        for kept in outcome.kept {
            guard let document = store.document(kept.documentID) else { continue }
            let id = AnnotationID.derived(
                document: kept.documentID, analyzer: "curate:" + curator, layer: layer, label: kept.label, range: kept.range, key: nil)
            if store.annotation(id) != nil { continue }
            let annotation = Annotation(
                id: id, layer: layer, label: kept.label, target: kept.range.map { TextQuoteTarget(document: document, range: $0) },
                attributes: [
                    "curatedFrom": .array(kept.sources.map { .string($0) }), "agreedBy": .array(kept.agreedBy.map { .string($0) }),
                    "rule": .string(kept.rule),
                ],
                creator: .human(name: curator), status: .accepted, created: time)
            changes.append(AnnotationChange(documentID: kept.documentID, before: nil, after: annotation))
        }
        try session.commit("curate \(layer)", changes)
        let majority = outcome.kept.filter { $0.rule == "curate.majority" }.count
        session.console.status(
            "curated \(changes.count) annotation\(changes.count == 1 ? "" : "s") of \(Sanitizer.sanitize(layer)) as \(Sanitizer.sanitize(curator)): "
                + "\(majority) by majority, \(outcome.kept.count - majority) by \(prefer.map(Sanitizer.sanitize) ?? "a preferred person")'s decision; "
                + "\(outcome.leftOut) place\(outcome.leftOut == 1 ? "" : "s") without a majority left out"
                + (outcome.kept.count > changes.count ? "; \(outcome.kept.count - changes.count) already curated" : ""))
    }
}
