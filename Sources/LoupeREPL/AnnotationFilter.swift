import LoupeCore

/// A filter over annotations: `key=value` terms joined by spaces, all of
/// which must hold. Keys: `layer`, `label`, `status`, `creator` (a name, an
/// analyzer id, `human` or `analyzer`), `analyzer`, `doc` (an id, or `*` for
/// every open document), `orphan` (`yes`/`no`) and `id`; and terms on the
/// annotation's document: its metadata (`outlet`, `date`, `title`, `url`,
/// `author`, or `meta.KEY` for a key a user set), which search every open
/// document unless `doc=` names one. `date=2025-03` matches every date in
/// March 2025 (a date term matches a prefix).
struct AnnotationFilter {
    static let annotationKeys = ["layer", "label", "status", "creator", "analyzer", "doc", "orphan", "id"]
    static let keys = annotationKeys + DocumentMetadata.standardKeys

    /// The metadata key a filter key names, if it is a metadata term.
    static func metadataKey(_ key: String) -> String? {
        if DocumentMetadata.standardKeys.contains(key) { return key }
        if key.hasPrefix("meta.") { return String(key.dropFirst(5)) }
        return nil
    }

    var terms: [(key: String, value: String)] = []

    init(words: [Word], command: String) throws(CommandError) {
        for word in words {
            guard let equals = word.text.firstIndex(of: "=") else {
                throw CommandError("\(command): \(Sanitizer.quoted(word.text)) is not a filter term; use key=value with key one of \(Self.keys.joined(separator: ", "))")
            }
            let key = String(word.text[..<equals])
            let value = String(word.text[word.text.index(after: equals)...])
            if let metadataKey = Self.metadataKey(key) {
                guard DocumentMetadata.standardKeys.contains(metadataKey) || DocumentMetadata.isValidKey(metadataKey) else {
                    throw CommandError("\(command): \(Sanitizer.quoted(key)) names no metadata key (meta.KEY, KEY in lowercase letters, digits, - and _)")
                }
                terms.append((key, value))
                continue
            }
            guard Self.keys.contains(key) else {
                let hint = Spelling.nearest(to: key, in: Self.keys).map { "; did you mean '\($0)'?" } ?? ""
                throw CommandError("\(command): unknown filter key \(Sanitizer.quoted(key))\(hint)")
            }
            if key == "status", Annotation.Status(rawValue: value) == nil {
                throw CommandError("\(command): status must be suggested, accepted or rejected, not \(Sanitizer.quoted(value))")
            }
            if key == "orphan", !["yes", "no", "true", "false"].contains(value) {
                throw CommandError("\(command): orphan must be yes or no")
            }
            terms.append((key, value))
        }
    }

    /// The `doc=` term's value, if any.
    var document: String? { terms.last(where: { $0.key == "doc" })?.value }

    var isEmpty: Bool { terms.isEmpty }

    /// Whether any term is about the document's metadata.
    var hasMetadataTerms: Bool { terms.contains { Self.metadataKey($0.key) != nil } }

    /// Whether a document's metadata meets every metadata term.
    func matches(_ metadata: DocumentMetadata) -> Bool {
        for (key, value) in terms {
            guard let metadataKey = Self.metadataKey(key) else { continue }
            let actual = metadata[metadataKey] ?? ""
            if value.isEmpty {
                // `outlet=` finds documents with no outlet.
                if !actual.isEmpty { return false }
            } else if metadataKey == "date" {
                if !actual.hasPrefix(value) { return false }
            } else if actual != value {
                return false
            }
        }
        return true
    }

    func matches(_ annotation: Annotation) -> Bool {
        for (key, value) in terms {
            switch key {
            case "layer": if annotation.layer != value { return false }
            case "label": if annotation.label != value { return false }
            case "status": if annotation.status.rawValue != value { return false }
            case "id": if annotation.id != value { return false }
            case "orphan": if annotation.orphaned != (value == "yes" || value == "true") { return false }
            case "analyzer": if annotation.creator.analyzerID != value { return false }
            case "creator":
                switch (annotation.creator, value) {
                case (.human, "human"), (.analyzer, "analyzer"): continue
                case (.human(let name), _): if name != value { return false }
                case (.analyzer(let id, _), _): if id != value { return false }
                }
            default: continue
            }
        }
        return true
    }
}
