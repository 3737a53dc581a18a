import Foundation
import LoupeCore

/// Commands that make, list, review and change annotations.
enum AnnotationCommands {
    static let annotate = CommandSpec(
        name: "annotate", arguments: "SPAN LAYER:LABEL [key=value ...] [--note TEXT] [--confidence X]",
        summary: "Annotate a span of the current document (your annotations are accepted).",
        details: """
            SPAN is "exact text" (first occurrence; "text"#N for the Nth), @START-END (scalar offsets), sN \
            (sentence N), hN (hit N of the last find) or doc (the whole document). key=value pairs become \
            attributes; numbers and true/false are stored as such.
            """,
        options: ["--note", "--confidence"]
    ) { session, arguments throws(CommandError) in
        let note = try arguments.option("--note")
        var confidence: Double?
        if let text = try arguments.option("--confidence") { confidence = try parseConfidence(text) }
        let words = try arguments.finish()
        guard words.count >= 2 else { throw .usage("annotate", "name a span and LAYER:LABEL") }
        let document = try session.currentDocument()
        let range = try SpanReference.resolve(words[0], in: document, session: session)
        let (layer, label) = try parseLayerLabel(words[1].text)
        var attributes: [String: JSONValue] = [:]
        for word in words.dropFirst(2) {
            let (key, value) = try parseAttribute(word, command: "annotate")
            if let value { attributes[key] = value }
        }
        let annotation = Annotation(
            id: session.newHumanID(document: document.id, layer: layer, label: label, range: range), layer: layer, label: label,
            target: range.map { TextQuoteTarget(document: document, range: $0) }, attributes: attributes,
            confidence: confidence, creator: .human(name: session.annotator), status: .accepted, note: note,
            created: session.now())
        try session.commit("annotate \(annotation.id)", [AnnotationChange(documentID: document.id, before: nil, after: annotation)])
        session.console.status("added " + describe(annotation, session: session))
    }

    static let list = CommandSpec(
        name: "list", arguments: "[FILTER] [--json]",
        summary: "List annotations of the current document (doc=* for all documents).",
        details: """
            FILTER is key=value terms: layer, label, status, creator, analyzer, doc, orphan, id; and the document's \
            metadata: outlet, date (a prefix: date=2025-03), title, url, author, meta.KEY for a key set with 'meta' \
            (these search every document unless doc= names one).
            """,
        options: ["--json"]
    ) { session, arguments throws(CommandError) in
        let json = arguments.flag("--json")
        let filter = try AnnotationFilter(words: try arguments.finish(), command: "list")
        let matches = try select(filter, session: session)
        if json {
            let items: [JSONValue] = matches.map { documentID, annotation in
                guard case .object(var object) = AnnotationCoding.encode(annotation) else { return .null }
                object["document"] = .string(documentID)
                return .object(object)
            }
            session.console.write(JSONWriter.pretty(.array(items)))
            return
        }
        if matches.isEmpty {
            session.console.line("no annotations" + (filter.isEmpty ? "" : " match"))
            return
        }
        let showDocument = Set(matches.map(\.documentID)).count > 1 || filter.document == "*" || filter.hasMetadataTerms
        for (documentID, annotation) in matches {
            let prefix = showDocument ? Sanitizer.sanitize(documentID) + "  " : ""
            session.console.line(prefix + describe(annotation, session: session, indent: DisplayWidth.of(prefix)))
        }
    }

    static let accept = review(name: "accept", status: .accepted, summary: "Accept suggestions (ids, or where FILTER).")
    static let reject = review(name: "reject", status: .rejected, summary: "Reject suggestions (ids, or where FILTER).")

    static let delete = CommandSpec(
        name: "delete", arguments: "ID... | where FILTER",
        summary: "Delete annotations (to dismiss a suggestion for good, reject it instead)."
    ) { session, arguments throws(CommandError) in
        let targets = try targets(of: try arguments.finish(), command: "delete", session: session)
        let changes = targets.map { AnnotationChange(documentID: $0.documentID, before: $0.annotation, after: nil) }
        try session.commit("delete \(changes.count)", changes)
        session.console.status("deleted \(changes.count) annotation\(changes.count == 1 ? "" : "s")")
    }

    static let edit = CommandSpec(
        name: "edit", arguments: "ID key=value ...",
        summary: "Change an annotation: label, layer, note, confidence, status, span, or any attribute (key= removes it).",
        details: "Editing a suggestion makes it yours: it becomes accepted unless you set status, and re-running its analyzer leaves it alone."
    ) { session, arguments throws(CommandError) in
        let words = try arguments.finish()
        guard words.count >= 2 else { throw .usage("edit", "name an annotation id and at least one key=value") }
        guard let (documentID, original) = session.store.annotation(words[0].text) else {
            throw CommandError(StoreError.unknownAnnotation(words[0].text).description)
        }
        var annotation = original
        var statusSet = false
        for word in words.dropFirst() {
            let (key, value) = try parseAttribute(word, command: "edit")
            let text = value?.displayText ?? ""
            switch key {
            case "label":
                guard !text.isEmpty else { throw CommandError("edit: label cannot be empty") }
                annotation.label = text
            case "layer":
                guard isValidLayer(text) else { throw CommandError("edit: invalid layer \(Sanitizer.quoted(text)) (letters, digits, '-', '_', '.')") }
                annotation.layer = text
            case "note": annotation.note = text.isEmpty ? nil : text
            case "confidence": annotation.confidence = text.isEmpty ? nil : try parseConfidence(text)
            case "status":
                guard let status = Annotation.Status(rawValue: text) else {
                    throw CommandError("edit: status must be suggested, accepted or rejected")
                }
                annotation.status = status
                statusSet = true
            case "span":
                guard let document = session.store.document(documentID) else { throw CommandError("edit: document is gone") }
                let spanWord = try CommandLexer.commands(in: text).first?.first ?? Word(text)
                let range = try SpanReference.resolve(spanWord, in: document, session: session)
                annotation.target = range.map { TextQuoteTarget(document: document, range: $0) }
                annotation.orphaned = false
            default:
                annotation.attributes[key] = value
            }
        }
        guard annotation != original else {
            session.console.status("unchanged")
            return
        }
        annotation.modified = session.now()
        if case .analyzer = annotation.creator {
            annotation.reviewer = session.annotator
            if !statusSet, annotation.status == .suggested { annotation.status = .accepted }
        }
        try session.commit("edit \(annotation.id)", [AnnotationChange(documentID: documentID, before: original, after: annotation)])
        session.console.status("edited " + describe(annotation, session: session))
    }

    static let undo = CommandSpec(name: "undo", arguments: "", summary: "Undo the last change to annotations.") { session, arguments throws(CommandError) in
        _ = try arguments.finish()
        try session.replay(.undo)
    }

    static let redo = CommandSpec(name: "redo", arguments: "", summary: "Redo the last undone change.") { session, arguments throws(CommandError) in
        _ = try arguments.finish()
        try session.replay(.redo)
    }

    static let save = CommandSpec(
        name: "save", arguments: "[--to FOLDER]", summary: "Write changed annotation files (atomically; unchanged files are not touched).",
        details: """
            --to FOLDER makes FOLDER the annotations folder from now on and writes every document's annotations there \
            (for when the folder in use cannot be written: nothing is lost in the meantime). Files already in FOLDER \
            are merged with, as another session's save would be.
            """,
        options: ["--to"]
    ) { session, arguments throws(CommandError) in
        let folder = try arguments.option("--to")
        _ = try arguments.finish()
        if let folder {
            guard !folder.isEmpty else { throw .usage("save", "--to needs a folder") }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), !isDirectory.boolValue {
                throw CommandError("save: \(folder) is a file, not a folder")
            }
            session.store.relocate(to: folder)
            session.console.status("annotations folder: \(folder)")
        }
        try session.saveAll(quiet: false)
    }

    // MARK: Helpers

    static func review(name: String, status: Annotation.Status, summary: String) -> CommandSpec {
        CommandSpec(name: name, arguments: "ID... | where FILTER", summary: summary) { session, arguments throws(CommandError) in
            let targets = try targets(of: try arguments.finish(), command: name, session: session)
            let time = session.now()
            var changes: [AnnotationChange] = []
            for (documentID, annotation) in targets where annotation.status != status {
                var reviewed = annotation
                reviewed.status = status
                reviewed.modified = time
                if case .analyzer = annotation.creator { reviewed.reviewer = session.annotator }
                changes.append(AnnotationChange(documentID: documentID, before: annotation, after: reviewed))
            }
            try session.commit("\(name) \(changes.count)", changes)
            let verb = status == .accepted ? "accepted" : "rejected"
            let already = targets.count - changes.count
            session.console.status("\(verb) \(changes.count) annotation\(changes.count == 1 ? "" : "s")" + (already > 0 ? " (\(already) already \(verb))" : ""))
        }
    }

    /// The annotations named by ids or by `where FILTER`.
    static func targets(of words: [Word], command: String, session: Session) throws(CommandError) -> [(documentID: String, annotation: Annotation)] {
        guard !words.isEmpty else { throw .usage(command, "name annotation ids or 'where FILTER'") }
        if words[0].text == "where", !words[0].quoted {
            let filter = try AnnotationFilter(words: Array(words.dropFirst()), command: command)
            guard !filter.isEmpty else { throw .usage(command, "'where' needs at least one key=value term") }
            let matches = try select(filter, session: session)
            if matches.isEmpty { throw CommandError("\(command): no annotations match") }
            return matches
        }
        var found: [(documentID: String, annotation: Annotation)] = []
        for word in words {
            guard let match = session.store.annotation(word.text) else {
                throw CommandError(StoreError.unknownAnnotation(word.text).description)
            }
            found.append(match)
        }
        return found
    }

    /// The documents a filter covers: `doc=` (one, or `*` for all), every
    /// document whose metadata meets its metadata terms, or else the current one.
    static func documentIDs(for filter: AnnotationFilter, session: Session) throws(CommandError) -> [String] {
        let documentIDs: [String]
        if let reference = filter.document {
            documentIDs = reference == "*" ? session.store.documentIDs : [try session.resolveDocument(reference).id]
        } else if filter.hasMetadataTerms {
            documentIDs = session.store.documentIDs
        } else if let current = session.currentDocumentID {
            documentIDs = [current]
        } else {
            documentIDs = session.store.documentIDs
        }
        guard filter.hasMetadataTerms else { return documentIDs }
        return documentIDs.filter { filter.matches(session.store.metadata(of: $0)) }
    }

    /// Annotations matching a filter, in the current document unless `doc=` says otherwise.
    static func select(_ filter: AnnotationFilter, session: Session) throws(CommandError) -> [(documentID: String, annotation: Annotation)] {
        let documentIDs = try documentIDs(for: filter, session: session)
        var matches: [(documentID: String, annotation: Annotation)] = []
        for id in documentIDs {
            for annotation in session.store.annotations(in: id) where filter.matches(annotation) {
                matches.append((id, annotation))
            }
        }
        return matches
    }

    /// One line; `indent` is the width of what the caller puts before it (a document id).
    static func describe(_ annotation: Annotation, session: Session, indent: Int = 0) -> String {
        let console = session.console
        var parts = [annotation.id, Layout.pad(annotation.status.rawValue, to: 9)]
        let tag = Sanitizer.sanitize(annotation.layer) + ":" + Sanitizer.sanitize(annotation.label)
        parts.append(console.color ? session.layerStyles.style(for: annotation.layer).apply(to: tag) : tag)
        if let target = annotation.target {
            parts.append("@\(target.start)-\(target.end)")
            parts.append(Layout.quote(target.exact))
        } else {
            parts.append("doc")
            let facts = summaryFacts(of: annotation)
            if !facts.isEmpty { parts.append(facts) }
        }
        // The fourth part (a quote, or a document annotation's facts) gives way when the
        // line would be wider than the terminal: ids, labels and who made it are never cut.
        var tail = ["by " + Sanitizer.sanitize(annotation.creator.displayName)]
        if annotation.orphaned { tail.append(console.paint("ORPHAN", .red)) }
        let note = annotation.note.map { Sanitizer.sanitize($0) }
        if let note { tail.append("note: " + Layout.truncate(note, to: 40)) }
        var line = (parts + tail).joined(separator: "  ")
        guard console.fitsToWidth, DisplayWidth.of(line) + indent > console.width else { return line }
        // Too wide for the terminal: the note gives way first, then the quote or facts.
        if let note { tail[tail.count - 1] = "note: " + Layout.truncate(note, to: 12) }
        line = (parts + tail).joined(separator: "  ")
        if parts.count == 5, DisplayWidth.of(line) + indent > console.width {
            let others = DisplayWidth.of(line) - DisplayWidth.of(parts[4])
            parts[4] = Layout.truncate(parts[4], to: max(12, console.width - indent - others))
            line = (parts + tail).joined(separator: "  ")
        }
        if note != nil, DisplayWidth.of(line) + indent > console.width {
            tail[tail.count - 1] = "note: …"
            line = (parts + tail).joined(separator: "  ")
        }
        return line
    }

    /// Up to five scalar attributes of a whole-document annotation, named
    /// first, so a listing shows what it says ("target=Russia meanCompound=0.31").
    static func summaryFacts(of annotation: Annotation) -> String {
        let skipped: Set<String> = ["rule", "cues", "scope"]
        let scalars = annotation.attributes.filter { key, value in
            guard !skipped.contains(key) else { return false }
            switch value {
            case .string, .int, .double, .bool: return true
            default: return false
            }
        }
        let named = ["target", "source", "frame", "name"]
        let keys = scalars.keys.sorted { left, right in
            let l = named.firstIndex(of: left) ?? named.count
            let r = named.firstIndex(of: right) ?? named.count
            return l != r ? l < r : left < right
        }
        return keys.prefix(5).map { key in
            key + "=" + Layout.truncate(Sanitizer.sanitize(scalars[key]?.displayText ?? ""), to: 30)
        }.joined(separator: " ")
    }

    static func isValidLayer(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy {
            $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" || $0 == "."
        }
    }

    static func parseLayerLabel(_ text: String) throws(CommandError) -> (String, String) {
        guard let colon = text.firstIndex(of: ":") else {
            throw CommandError("\(Sanitizer.quoted(text)) is not LAYER:LABEL (e.g. note:claim)")
        }
        let layer = String(text[..<colon])
        let label = String(text[text.index(after: colon)...])
        guard isValidLayer(layer) else {
            throw CommandError("invalid layer \(Sanitizer.quoted(layer)): use letters, digits, '-', '_' or '.'")
        }
        guard !label.isEmpty, !label.unicodeScalars.contains(where: Sanitizer.isUnsafe) else {
            throw CommandError("\(Sanitizer.quoted(text)) needs a label after the colon")
        }
        return (layer, label)
    }

    static func parseConfidence(_ text: String) throws(CommandError) -> Double {
        guard let value = Double(text), value >= 0, value <= 1 else {
            throw CommandError("confidence must be a number from 0 to 1, not \(Sanitizer.quoted(text))")
        }
        return value
    }

    /// `key=value`, the value typed: integers, decimals and true/false as
    /// such, anything else (or anything quoted) as a string; `key=` gives nil.
    static func parseAttribute(_ word: Word, command: String) throws(CommandError) -> (String, JSONValue?) {
        guard let equals = word.text.firstIndex(of: "="), equals != word.text.startIndex else {
            throw CommandError("\(command): expected key=value, found \(Sanitizer.quoted(word.text))")
        }
        let key = String(word.text[..<equals])
        let raw = String(word.text[word.text.index(after: equals)...])
        if raw.isEmpty { return (key, nil) }
        if word.quoted { return (key, .string(raw)) }
        if raw == "true" { return (key, .bool(true)) }
        if raw == "false" { return (key, .bool(false)) }
        if let integer = Int(raw) { return (key, .int(integer)) }
        if let number = Double(raw), number.isFinite, raw.first?.isNumber == true || raw.first == "-" { return (key, .double(number)) }
        return (key, .string(raw))
    }
}
