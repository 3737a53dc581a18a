import LoupeCore

/// `review`: suggestions one at a time, each decided with one key.
enum ReviewCommands {
    static let keys = "[a]ccept  [r]eject  [e]dit label  [s]kip  [b]ack  [u]ndo  [q]uit"

    static let review = CommandSpec(
        name: "review", arguments: "[FILTER]",
        summary: "Step through suggestions in text order and decide each with one key (accept, reject, edit, skip, back, undo, quit).",
        details: """
            Shows each matching suggestion (the current document's, unless doc= says otherwise) in its sentence, \
            with its label, cues, rule and confidence, and a counter; one key decides, without Enter. Every \
            decision is its own step for 'undo' and records who made it and when. In scripts, use accept, reject \
            and edit, which take the same filters.
            """
    ) { session, arguments throws(CommandError) in
        guard let readKey = session.readKey else {
            throw CommandError("review: needs a terminal; in a script, use accept, reject and edit (they take the same filters)")
        }
        let filter = try AnnotationFilter(words: try arguments.finish(), command: "review")
        var items = try AnnotationCommands.select(filter, session: session).filter { $0.annotation.status == .suggested }
        guard !items.isEmpty else {
            throw CommandError("review: no suggestions to review" + (filter.isEmpty ? " in this document (try doc=* or 'analyze')" : " match"))
        }
        let order = Dictionary(uniqueKeysWithValues: session.store.documentIDs.enumerated().map { ($1, $0) })
        items.sort { left, right in
            let (l, r) = (order[left.documentID] ?? 0, order[right.documentID] ?? 0)
            if l != r { return l < r }
            return (left.annotation.target?.start ?? -1, left.annotation.id) < (right.annotation.target?.start ?? -1, right.annotation.id)
        }
        var index = 0
        // Items decided in this review and how, most recent last (what 'undo' may take back).
        var decided: [(index: Int, kind: Decision)] = []
        reviewing: while index < items.count {
            let (documentID, stale) = items[index]
            let annotation = session.store.annotation(stale.id)?.annotation ?? stale
            for line in card(annotation, in: documentID, position: index + 1, of: items.count, session: session) {
                session.console.line(line)
            }
            let key = readKey(keys + "  ")
            let pressed: Character? = key.map { byte in Character(Unicode.Scalar(byte)) }
            switch pressed {
            case "a", "r":
                let status: Annotation.Status = key == UInt8(ascii: "a") ? .accepted : .rejected
                try decide(annotation, in: documentID, status: status, label: nil, session: session)
                decided.append((index, status == .accepted ? .accepted : .rejected))
                index += 1
            case "e":
                guard let readText = session.readText, let text = readText("new label for \(annotation.id): ") else { continue }
                let label = text.trimmingCharacters(in: .whitespaces)
                guard !label.isEmpty, !label.contains(" "), !label.unicodeScalars.contains(where: Sanitizer.isUnsafe) else {
                    session.console.error("a label is one word of printable characters; nothing changed")
                    continue
                }
                try decide(annotation, in: documentID, status: .accepted, label: label, session: session)
                decided.append((index, .edited))
                index += 1
            case "s", " ":
                index += 1
            case "b":
                index = max(0, index - 1)
            case "u":
                guard let last = decided.popLast() else {
                    session.console.line("nothing decided in this review to undo")
                    continue
                }
                try session.replay(.undo)
                session.logCommand([Word("undo")])
                index = last.index
            case "q", "\u{03}", "\u{04}", "\u{1B}", nil:
                break reviewing
            default:
                session.console.line("keys: " + keys)
            }
        }
        let skipped = items.count - decided.count
        func count(_ kind: Decision) -> Int { decided.filter { $0.kind == kind }.count }
        session.console.status(
            "reviewed \(decided.count) of \(items.count): \(count(.accepted)) accepted, \(count(.rejected)) rejected, \(count(.edited)) edited"
                + (skipped > 0 ? "; \(skipped) left as suggested" : ""))
    }

    enum Decision {
        case accepted
        case rejected
        case edited
    }

    /// One decision, its own step for undo.
    static func decide(
        _ annotation: Annotation, in documentID: String, status: Annotation.Status, label: String?, session: Session
    ) throws(CommandError) {
        var decided = annotation
        decided.status = status
        if let label { decided.label = label }
        decided.modified = session.now()
        if case .analyzer = annotation.creator { decided.reviewer = session.annotator }
        let verb = label != nil ? "edit" : status == .accepted ? "accept" : "reject"
        try session.commit("review: \(verb) \(annotation.id)", [AnnotationChange(documentID: documentID, before: annotation, after: decided)])
        // The log says it as the command that does the same.
        session.logCommand([Word(verb), Word(annotation.id)] + (label.map { [Word("label=" + $0)] } ?? []))
    }

    /// The suggestion in its sentence, fitted to the terminal's width.
    static func card(_ annotation: Annotation, in documentID: String, position: Int, of total: Int, session: Session) -> [String] {
        let console = session.console
        let width = max(20, console.width)
        var lines: [String] = []
        let document = session.store.document(documentID)
        var place = "\(position) of \(total) · \(Sanitizer.sanitize(documentID))"
        if let target = annotation.target, let document {
            let segmentation = document.segmentation
            if let sentence = segmentation.sentenceIndex(containing: target.start) {
                place += " · s\(sentence + 1)"
                let span = segmentation.sentences[sentence].span.scalars
                let range = min(span.lowerBound, target.start)..<min(max(span.upperBound, target.end), document.length)
                func flat(_ range: Range<Int>) -> String {
                    Sanitizer.sanitize(String(document.text(scalars: range).map { $0 == "\n" ? " " : $0 }))
                }
                let before = flat(range.lowerBound..<target.start)
                let marked = flat(target.start..<target.end)
                let after = flat(target.end..<range.upperBound)
                let highlighted = console.color ? console.paint(marked, .bold.adding(session.layerStyles.style(for: annotation.layer))) : "[" + marked + "]"
                lines.append(console.paint("── " + place + " ", .dim))
                lines += wrap(before + highlighted + after, width: width)
            }
        } else {
            place += " · the whole document"
            lines.append(console.paint("── " + place + " ", .dim))
        }
        var facts = [Sanitizer.sanitize(annotation.layer) + ":" + Sanitizer.sanitize(annotation.label)]
        if let name = session.labelName(annotation.label, layer: annotation.layer), name != annotation.label {
            facts[0] += " (" + Sanitizer.sanitize(name) + ")"
        }
        let cues = annotation.attributes["cues"]?.arrayValue?.compactMap { $0["text"]?.stringValue } ?? []
        if !cues.isEmpty { facts.append("cue " + cues.prefix(4).map { "\"" + TextColumns.truncate(Sanitizer.sanitize($0), to: 30) + "\"" }.joined(separator: ", ")) }
        if let rule = annotation.attributes["rule"]?.stringValue { facts.append("rule " + Sanitizer.sanitize(rule)) }
        if let confidence = annotation.confidence { facts.append("confidence " + String(Int((confidence * 100).rounded())) + "%") }
        facts.append("by " + Sanitizer.sanitize(annotation.creator.displayName))
        lines += wrap(facts.joined(separator: " · "), width: width)
        return lines
    }

    /// Words wrapped to `width` columns (colour codes take none).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let candidate = line.isEmpty ? String(word) : line + " " + word
            if DisplayWidth.of(candidate) > width, !line.isEmpty {
                lines.append(line)
                line = String(word)
            } else {
                line = candidate
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
