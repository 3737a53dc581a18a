import Foundation
import LoupeCore

/// Commands that open, list, choose, show and search documents.
enum DocumentCommands {
    static let open = CommandSpec(
        name: "open", arguments: "PATH...",
        summary: "Open documents: .txt and .md files, folders of them, and .jsonl corpora.",
        details: """
            A folder is read recursively in sorted order. A .jsonl corpus holds one JSON object per line with "id" and \
            "text" and optional "title", "outlet", "date", "url", "author". Saved annotations are loaded from the \
            annotations folder and re-anchored if the text changed.
            """
    ) { session, arguments throws(CommandError) in
        let paths = try arguments.finish().map(\.text)
        guard !paths.isEmpty else { throw .usage("open", "name at least one path") }
        let result = session.open(paths: paths, holdingOneError: true)
        if let held = result.heldError { throw CommandError(held) }
        if result.failed { throw CommandError("open: some paths could not be read (see above)") }
    }

    static let docs = CommandSpec(
        name: "docs", arguments: "[--json]", summary: "List the open documents.",
        details: "Columns: number, id, annotations (* = unsaved, ! = annotation file unreadable), title, outlet, date.",
        options: ["--json"]
    ) { session, arguments throws(CommandError) in
        let json = arguments.flag("--json")
        _ = try arguments.finish()
        let store = session.store
        if json {
            let items: [JSONValue] = store.documentIDs.enumerated().compactMap { index, id in
                guard let document = store.document(id) else { return nil }
                var object: [String: JSONValue] = [
                    "index": .int(index + 1), "id": .string(id), "source": .string(document.source),
                    "length": .int(document.length), "annotations": .int(store.annotationCount(in: id)),
                    "unsaved": .bool(store.isDirty(id)), "current": .bool(id == session.currentDocumentID),
                    "orphans": .int(store.annotations(in: id).filter(\.orphaned).count),
                ]
                if let lock = store.lock(of: id) { object["error"] = .string(lock.description) }
                for field in store.metadata(of: id).fields { object[field.key] = .string(field.value) }
                let user = store.userMetadata(of: id)
                if !user.isEmpty { object["meta"] = .object(user.mapValues { .string($0) }) }
                return .object(object)
            }
            session.console.write(JSONWriter.pretty(.array(items)))
            return
        }
        if store.documentCount == 0 {
            session.console.line("no documents open; use 'open PATH'")
            return
        }
        let idWidth = min(40, store.documentIDs.map { $0.unicodeScalars.count }.max() ?? 2)
        let numberWidth = String(store.documentCount).count
        var output = ""
        output.reserveCapacity(store.documentCount * 100)
        // A header naming the columns, and what the marks mean.
        output += " " + String(repeating: " ", count: max(0, numberWidth - 1)) + "#  " + Layout.pad("id", to: idWidth) + "  "
            + Layout.pad("notes", to: 6) + "  title — outlet, date\n"
        for (index, id) in store.documentIDs.enumerated() {
            guard let document = store.document(id) else { continue }
            let marker = id == session.currentDocumentID ? ">" : " "
            let count = store.annotationCount(in: id)
            var flags = store.isDirty(id) ? "*" : ""
            if store.lock(of: id) != nil { flags += "!" }
            let number = String(index + 1)
            var line = marker + String(repeating: " ", count: numberWidth - number.count) + number + "  "
            line += Layout.pad(Sanitizer.sanitize(id), to: idWidth) + "  "
            line += Layout.pad(String(count) + flags, to: 6) + "  "
            let metadata = store.metadata(of: id)
            var about = metadata.title ?? ""
            var tail = [metadata.outlet, metadata.date].compactMap { $0 }.joined(separator: ", ")
            for (key, value) in metadata.extra.sorted(by: { $0.key < $1.key }) {
                tail += (tail.isEmpty ? "" : ", ") + key + "=" + value
            }
            if !tail.isEmpty { about += about.isEmpty ? tail : " — " + tail }
            let room = max(10, session.console.width - DisplayWidth.of(line))
            line += Layout.truncate(Sanitizer.sanitize(about), to: room)
            output += line + "\n"
        }
        var legend = ["> current", "notes: annotations"]
        if store.documentIDs.contains(where: store.isDirty) { legend.append("* unsaved changes") }
        if store.documentIDs.contains(where: { store.lock(of: $0) != nil }) { legend.append("! annotation file unreadable (see 'docs --json')") }
        output += "(" + legend.joined(separator: "; ") + ")\n"
        session.console.write(output)
    }

    static let meta = CommandSpec(
        name: "meta", arguments: "[DOC... | --all] [KEY=VALUE...] [--json]",
        summary: "Show or set documents' metadata: outlet, date, author, url, title, and keys of your own.",
        details: """
            With no KEY=VALUE, shows the metadata of the named documents (the current one by default): what the \
            source says, and what was set here (marked 'set'). KEY=VALUE sets a value on each named document (or on \
            every open one with --all); KEY= removes what was set, bringing back the source's value. Keys are \
            lowercase letters, digits, - and _ (stance=state-media, country=ru); a date is stored as ISO 8601 \
            (2025-03-19, or 'March 19, 2025'). Values are saved with the document's annotations, shown by 'docs', \
            and usable in filters (outlet=RT, meta.stance=state-media) and in 'compare --by KEY'.
            """,
        options: ["--all", "--json"]
    ) { session, arguments throws(CommandError) in
        let all = arguments.flag("--all")
        let json = arguments.flag("--json")
        let words = try arguments.finish()
        var documents: [Document] = []
        var assignments: [(key: String, value: String?)] = []
        for word in words {
            if let equals = word.text.firstIndex(of: "=") {
                let key = String(word.text[..<equals])
                var value = String(word.text[word.text.index(after: equals)...])
                guard DocumentMetadata.isValidKey(key) else {
                    throw CommandError("meta: \(Sanitizer.quoted(key)) cannot be a metadata key: use lowercase letters, digits, - and _, starting with a letter (not id, path, sha256, length, meta, text)")
                }
                if value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                    throw CommandError("meta: the value of \(key) holds a control character (a line break or tab); write it on one line")
                }
                if value.unicodeScalars.count > 1000 {
                    throw CommandError("meta: the value of \(key) is \(value.unicodeScalars.count) characters long; at most 1000")
                }
                if key == "date", !value.isEmpty {
                    guard let date = DateSniffer.date(in: value, wholeLine: true) ?? Self.partialISODate(value) else {
                        throw CommandError("meta: \(Sanitizer.quoted(value)) is not a date; write 2025-03-19, 2025-03, 2025 or 'March 19, 2025'")
                    }
                    value = date
                }
                assignments.append((key, value.isEmpty ? nil : value))
            } else {
                guard assignments.isEmpty else {
                    throw .usage("meta", "name the documents before KEY=VALUE (\(Sanitizer.quoted(word.text)) comes after)")
                }
                documents.append(try session.resolveDocument(word.text))
            }
        }
        if all {
            guard documents.isEmpty else { throw .usage("meta", "name documents or --all, not both") }
            documents = session.store.documentIDs.compactMap { session.store.document($0) }
        } else if documents.isEmpty {
            documents = [try session.currentDocument()]
        }
        let store = session.store
        if assignments.isEmpty {
            if json {
                let items: [JSONValue] = documents.map { document in
                    var fields: [String: JSONValue] = [:]
                    for field in store.metadata(of: document.id).fields { fields[field.key] = .string(field.value) }
                    var source: [String: JSONValue] = [:]
                    for field in document.metadata.fields { source[field.key] = .string(field.value) }
                    return .object([
                        "id": .string(document.id), "metadata": .object(fields), "source": .object(source),
                        "set": .object(store.userMetadata(of: document.id).mapValues { .string($0) }),
                    ])
                }
                session.console.write(JSONWriter.pretty(.array(items)))
                return
            }
            var output = ""
            for document in documents {
                output += Sanitizer.sanitize(document.id) + "\n"
                let user = store.userMetadata(of: document.id)
                let fields = store.metadata(of: document.id).fields
                if fields.isEmpty { output += "  (no metadata; set some with 'meta \(Sanitizer.sanitize(document.id)) outlet=NAME')\n" }
                let width = fields.map { $0.key.count }.max() ?? 0
                for field in fields {
                    var line = "  " + Layout.pad(field.key, to: width) + "  " + Sanitizer.sanitize(field.value)
                    if user[field.key] != nil {
                        line += "  (set"
                        if let original = document.metadata[field.key], original != field.value {
                            line += "; the source says " + Sanitizer.quoted(original)
                        }
                        line += ")"
                    }
                    output += line + "\n"
                }
            }
            session.console.write(output)
            return
        }
        var changed = 0
        do throws(StoreError) {
            for document in documents {
                if let lock = store.lock(of: document.id) { throw lock }
            }
            for document in documents {
                for (key, value) in assignments where try store.setMetadata(key, value, in: document.id) != value {
                    changed += 1
                }
            }
        } catch {
            throw CommandError("meta: " + error.description)
        }
        let keys = assignments.map(\.key).joined(separator: ", ")
        session.console.status(
            changed == 0
                ? "meta: nothing changed"
                : "set \(keys) on \(documents.count) document\(documents.count == 1 ? "" : "s") (\(changed) value\(changed == 1 ? "" : "s") changed; saved with the annotations)")
        if changed > 0, session.autosave { try session.saveAll(quiet: true) }
    }

    /// `2025-03` or `2025`: a month or a year, for sources that give no day.
    static func partialISODate(_ text: String) -> String? {
        let fields = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(fields.count), fields[0].count == 4, let year = Int(fields[0]), year > 1000 else { return nil }
        if fields.count == 2 {
            guard fields[1].count == 2, let month = Int(fields[1]), (1...12).contains(month) else { return nil }
        }
        return text
    }

    static let use = CommandSpec(
        name: "use", arguments: "DOC", summary: "Make a document current (by number, id or unique id prefix)."
    ) { session, arguments throws(CommandError) in
        let words = try arguments.finish()
        guard words.count == 1 else { throw .usage("use", "name one document") }
        let document = try session.resolveDocument(words[0].text)
        session.currentDocumentID = document.id
        session.console.status("current document: \(Sanitizer.sanitize(document.id))" + (session.store.metadata(of: document.id).title.map { " — " + Sanitizer.sanitize($0) } ?? ""))
    }

    static let show = CommandSpec(
        name: "show", arguments: "[DOC] [--layer L]",
        summary: "Show a document with sentence numbers and its annotations highlighted.",
        details: """
            Annotations are coloured by layer when colour is on, and bracketed otherwise: [text]{layer:label}; a \
            trailing ? marks a suggestion not yet reviewed. Rejected annotations and orphans are not drawn. \
            --layer limits the highlighting to one layer.
            """,
        options: ["--layer"]
    ) { session, arguments throws(CommandError) in
        let layer = try arguments.option("--layer")
        let words = try arguments.finish()
        guard words.count <= 1 else { throw .usage("show", "name at most one document") }
        let document: Document
        if let word = words.first {
            document = try session.resolveDocument(word.text)
        } else {
            document = try session.currentDocument()
        }
        let annotations = session.store.annotations(in: document.id).filter { layer == nil || $0.layer == layer }
        let renderer = DocumentRenderer(
            document: document, metadata: session.store.metadata(of: document.id), annotations: annotations, color: session.console.color,
            width: session.console.width,
            styles: session.layerStyles, headerViews: session.headerViews)
        session.console.write(renderer.render())
    }

    static let find = CommandSpec(
        name: "find", arguments: "TEXT | /REGEX/ [--json]",
        summary: "Find text in the current document; hits are numbered h1, h2, … for 'annotate'.",
        details: "TEXT in lower case matches any case; with a capital it matches case exactly. /REGEX/ is an ICU regular expression.",
        options: ["--json"]
    ) { session, arguments throws(CommandError) in
        let json = arguments.flag("--json")
        let words = try arguments.finish()
        guard !words.isEmpty else { throw .usage("find", "say what to find") }
        let query = words.map(\.text).joined(separator: " ")
        let document = try session.currentDocument()
        let hits: [Range<Int>]
        if query.count >= 2, query.hasPrefix("/"), query.hasSuffix("/"), !words[0].quoted {
            hits = try TextSearch.regex(String(query.dropFirst().dropLast()), in: document)
        } else {
            hits = TextSearch.plain(query, in: document)
        }
        session.hits = hits
        session.hitsDocumentID = document.id
        let sentences = document.segmentation
        if json {
            let items: [JSONValue] = hits.enumerated().map { index, range in
                var object: [String: JSONValue] = [
                    "hit": .string("h\(index + 1)"), "start": .int(range.lowerBound), "end": .int(range.upperBound),
                    "text": .string(String(document.text(scalars: range))),
                ]
                if let sentence = sentences.sentenceIndex(containing: range.lowerBound) {
                    object["sentence"] = .int(sentence + 1)
                }
                return .object(object)
            }
            session.console.write(JSONWriter.pretty(.array(items)))
            return
        }
        if hits.isEmpty {
            session.console.line("no hits for \(Sanitizer.quoted(query)) in \(Sanitizer.sanitize(document.id))")
            return
        }
        for (index, range) in hits.enumerated() {
            let sentence = sentences.sentenceIndex(containing: range.lowerBound).map { "s\($0 + 1)" } ?? "-"
            let context = Layout.keywordInContext(document: document, range: range, console: session.console)
            session.console.line("h\(index + 1)  \(sentence)  @\(range.lowerBound)-\(range.upperBound)  \(context)")
        }
    }
}

/// Searching the text of a document.
enum TextSearch {
    /// Occurrences of `query`; smart case: all-lower-case queries ignore case.
    static func plain(_ query: String, in document: Document) -> [Range<Int>] {
        let ignoreCase = !query.unicodeScalars.contains { $0.properties.isUppercase }
        func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
            guard ignoreCase, scalar.properties.changesWhenLowercased else { return scalar }
            let lower = scalar.properties.lowercaseMapping.unicodeScalars
            return lower.count == 1 ? lower.first ?? scalar : scalar
        }
        let needle = query.unicodeScalars.map(fold)
        guard !needle.isEmpty else { return [] }
        let haystack = document.text.unicodeScalars.map(fold)
        var hits: [Range<Int>] = []
        var position = 0
        while position + needle.count <= haystack.count {
            if haystack[position] == needle[0], Array(haystack[position..<(position + needle.count)]) == needle {
                hits.append(position..<(position + needle.count))
                position += needle.count
            } else {
                position += 1
            }
        }
        return hits
    }

    /// Matches of an ICU regular expression, as scalar ranges (empty matches skipped).
    static func regex(_ pattern: String, in document: Document) throws(CommandError) -> [Range<Int>] {
        let expression: NSRegularExpression
        do {
            expression = try NSRegularExpression(pattern: pattern)
        } catch {
            throw CommandError("find: invalid regular expression \(Sanitizer.quoted(pattern))")
        }
        let text = document.text
        let index = document.scalarIndex
        return expression.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            guard let range = Range(match.range, in: text), !range.isEmpty else { return nil }
            let start = text.utf8.distance(from: text.startIndex, to: range.lowerBound)
            let end = text.utf8.distance(from: text.startIndex, to: range.upperBound)
            return index.scalarOffset(ofUTF8: start)..<index.scalarOffset(ofUTF8: end)
        }
    }
}
