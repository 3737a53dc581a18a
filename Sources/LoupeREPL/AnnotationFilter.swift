import LoupeCore

/// A filter over annotations: `key=value` terms joined by spaces, all of
/// which must hold. Keys: `layer`, `label`, `status`, `creator` (a name, an
/// analyzer id, `human` or `analyzer`), `analyzer`, `doc` (an id, or `*` for
/// every open document), `orphan` (`yes`/`no`) and `id`.
struct AnnotationFilter {
    static let keys = ["layer", "label", "status", "creator", "analyzer", "doc", "orphan", "id"]

    var terms: [(key: String, value: String)] = []

    init(words: [Word], command: String) throws(CommandError) {
        for word in words {
            guard let equals = word.text.firstIndex(of: "=") else {
                throw CommandError("\(command): \(Sanitizer.quoted(word.text)) is not a filter term; use key=value with key one of \(Self.keys.joined(separator: ", "))")
            }
            let key = String(word.text[..<equals])
            let value = String(word.text[word.text.index(after: equals)...])
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
