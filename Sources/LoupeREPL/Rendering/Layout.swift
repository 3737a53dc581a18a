import LoupeCore

/// Column layout helpers for the workbench's listings (the shared ones live
/// in ``TextColumns``).
enum Layout {
    static func pad(_ text: String, to width: Int) -> String { TextColumns.pad(text, to: width) }

    static func truncate(_ text: String, to width: Int) -> String { TextColumns.truncate(text, to: width) }

    static func quote(_ text: String, width: Int = 40) -> String { TextColumns.quote(text, width: width) }

    /// One-line, sanitised text of a range with some context either side,
    /// the range itself marked.
    static func keywordInContext(document: Document, range: Range<Int>, console: Console, context: Int = 30) -> String {
        let left = max(0, range.lowerBound - context)
        let right = min(document.length, range.upperBound + context)
        func flat(_ text: Substring) -> String {
            Sanitizer.sanitize(String(text.map { $0 == "\n" ? " " : $0 }))
        }
        let before = flat(document.text(scalars: left..<range.lowerBound))
        let match = flat(document.text(scalars: range))
        let after = flat(document.text(scalars: range.upperBound..<right))
        let marked = console.color ? console.paint(match, .bold.adding(.yellow)) : "[" + match + "]"
        return (left > 0 ? "…" : "") + before + marked + after + (right < document.length ? "…" : "")
    }
}
