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
                for field in document.metadata.fields { object[field.key] = .string(field.value) }
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
            var about = document.metadata.title ?? ""
            let tail = [document.metadata.outlet, document.metadata.date].compactMap { $0 }.joined(separator: ", ")
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

    static let use = CommandSpec(
        name: "use", arguments: "DOC", summary: "Make a document current (by number, id or unique id prefix)."
    ) { session, arguments throws(CommandError) in
        let words = try arguments.finish()
        guard words.count == 1 else { throw .usage("use", "name one document") }
        let document = try session.resolveDocument(words[0].text)
        session.currentDocumentID = document.id
        session.console.status("current document: \(Sanitizer.sanitize(document.id))" + (document.metadata.title.map { " — " + Sanitizer.sanitize($0) } ?? ""))
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
            document: document, annotations: annotations, color: session.console.color, width: session.console.width,
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
