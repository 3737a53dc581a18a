import Foundation
import LoupeCore

/// Tab completion: command names first, then what each command takes —
/// document ids, layers and labels, analyzer ids, annotation ids, filter
/// keys, settings, options and file names.
struct Completion {
    let session: Session

    /// Candidate words for the word being typed at the end of `line`. A word
    /// with a control or bidi character (a file name, or a label from a
    /// hand-edited annotation file) is never offered: the listing goes to
    /// the terminal raw, and such a word could not be typed back anyway.
    func candidates(for line: String) -> [String] {
        allCandidates(for: line).filter { !$0.unicodeScalars.contains(where: Sanitizer.isUnsafe) }
    }

    private func allCandidates(for line: String) -> [String] {
        let words = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        guard words.count > 1 else { return session.commands.names }
        let partial = words.last ?? ""
        guard let spec = session.commands.spec(named: words[0]) else { return [] }
        let previous = words.count >= 3 ? words[words.count - 2] : ""
        switch previous {
        case "--layer": return layers()
        case "--doc": return documentIDs()
        case "--by": return metadataKeys() + ["date:month", "date:year"]
        default: break
        }
        if partial.hasPrefix("-") { return spec.options + ["--help"] }
        let position = words.count - 2  // 0-based index of the argument being typed
        // An analyzer's table command takes a document.
        if spec.arguments.hasPrefix("[DOC"), !CommandTable.builtin.contains(where: { $0.name == spec.name }) { return documentIDs() }
        switch spec.name {
        case "open", "source", "import":
            return files(matching: partial)
        case "use", "show", "compare", "report":
            return documentIDs()
        case "meta":
            return metadataTerms(partial) + (partial.contains("=") ? [] : documentIDs())
        case "analyze":
            return session.registry.ids + ["--all", "--doc"]
        case "examples":
            return session.registry.ids
        case "help":
            return session.commands.names
        case "set":
            if position == 0 {
                return SessionCommands.settingNames + session.registry.ids.map { $0 + "." }
            }
            if ["autosave", "color", "timing"].contains(words[1]) { return ["on", "off"] }
            return []
        case "annotate":
            if position == 0 {
                let sentences = (try? session.currentDocument().segmentation.sentences.count) ?? 0
                return ["doc", "@"] + (1...max(1, min(sentences, 200))).map { "s\($0)" } + session.hits.indices.map { "h\($0 + 1)" }
            }
            if position == 1 { return layerLabels(partial) }
            return []
        case "list":
            return filterTerms(partial)
        case "accept", "reject", "delete":
            return position == 0 ? ["where"] + annotationIDs() : (words[1] == "where" ? filterTerms(partial) : annotationIDs())
        case "edit":
            if position == 0 { return annotationIDs() }
            return ["label=", "layer=", "note=", "confidence=", "status=", "span="]
        default:
            return []
        }
    }

    private func documentIDs() -> [String] { session.store.documentIDs }

    private func layers() -> [String] { session.knownLayers.sorted() }

    private func layerLabels(_ partial: String) -> [String] {
        guard let colon = partial.firstIndex(of: ":") else { return layers().map { $0 + ":" } }
        let layer = String(partial[..<colon])
        return (session.knownLabels[layer] ?? []).sorted().map { layer + ":" + $0 }
    }

    private func annotationIDs() -> [String] {
        guard let id = session.currentDocumentID else { return [] }
        return session.store.annotations(in: id).map(\.id)
    }

    /// Metadata keys in use on the open documents, standard ones first.
    private func metadataKeys() -> [String] {
        let store = session.store
        var extra = Set<String>()
        for id in store.documentIDs { extra.formUnion(store.metadata(of: id).extra.keys) }
        return DocumentMetadata.standardKeys + extra.sorted()
    }

    /// The values a metadata key has on the open documents.
    private func metadataValues(_ key: String) -> [String] {
        let store = session.store
        let values = Set(store.documentIDs.compactMap { store.metadata(of: $0)[key] })
        return values.filter { !$0.contains(" ") && !$0.contains("\"") }.sorted()
    }

    /// `KEY=` and, after the `=`, the values that key has.
    private func metadataTerms(_ partial: String) -> [String] {
        guard let equals = partial.firstIndex(of: "=") else { return metadataKeys().map { $0 + "=" } }
        let key = String(partial[..<equals])
        return metadataValues(key).map { key + "=" + $0 }
    }

    private func filterTerms(_ partial: String) -> [String] {
        guard let equals = partial.firstIndex(of: "=") else {
            let user = metadataKeys().filter { !DocumentMetadata.standardKeys.contains($0) }.map { "meta." + $0 + "=" }
            return AnnotationFilter.keys.map { $0 + "=" } + user
        }
        let key = String(partial[..<equals])
        if let metadataKey = AnnotationFilter.metadataKey(key) { return metadataValues(metadataKey).map { key + "=" + $0 } }
        let values: [String]
        switch key {
        case "layer": values = layers()
        case "label": values = session.knownLabels.values.flatMap { $0 }.sorted()
        case "status": values = Annotation.Status.allCases.map(\.rawValue)
        case "analyzer": values = session.registry.ids
        case "creator": values = ["human", "analyzer", session.annotator] + session.registry.ids
        case "doc": values = ["*"] + documentIDs()
        case "orphan": values = ["yes", "no"]
        default: values = []
        }
        return values.map { key + "=" + $0 }
    }

    private func files(matching partial: String) -> [String] {
        let directory: String
        let prefix: String
        if let slash = partial.lastIndex(of: "/") {
            directory = String(partial[...slash])
            prefix = directory
        } else {
            directory = "."
            prefix = ""
        }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return entries.filter { !$0.hasPrefix(".") }.map { entry in
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent(entry), isDirectory: &isDirectory)
            return prefix + entry + (isDirectory.boolValue ? "/" : "")
        }
    }
}
