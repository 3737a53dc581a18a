/// Views an analyzer offers of its own annotations, beyond the workbench's
/// generic listing: the workbench asks the registry which analyzers have
/// them, so it knows no analyzer by name.

/// An analyzer whose document-level annotation is drawn under the header of
/// `show` (framing draws its frame shares as a bar chart).
public protocol DocumentHeaderView: Sendable {
    /// Lines to show under the document annotation `annotation` (one of
    /// this analyzer's), in `style` when colour is on (`nil` otherwise).
    /// Values from the document must be sanitised.
    static func headerLines(for annotation: Annotation, style: TerminalStyle?) -> [String]
}

/// An analyzer that offers a table per document as a command of its own
/// (source citation's `sources`): the workbench adds the command, with
/// `DOC`, `--all` and `--json`, for every registered analyzer that has one.
public protocol DocumentTableView: Sendable {
    /// The command's name, one-line summary and help.
    static var tableCommand: TableCommand { get }
    /// The annotation the table is drawn from, among a document's
    /// annotations (rejected ones are never offered).
    static func tableAnnotation(in annotations: [Annotation]) -> Annotation?
    /// The table as lines of text, every value from the document sanitised.
    static func tableLines(documentID: String, annotation: Annotation) -> [String]
    /// The table as JSON, for `--json`.
    static func tableJSON(documentID: String, annotation: Annotation) -> JSONValue
}

/// A command that shows an analyzer's per-document table.
public struct TableCommand: Sendable {
    public var name: String
    public var summary: String
    public var details: String

    public init(name: String, summary: String, details: String = "") {
        self.name = name
        self.summary = summary
        self.details = details
    }
}

/// A bar chart of shares (0…1), largest first, zeros left out:
/// `  economic            ████████▍          0.42`.
public enum BarChart {
    public static func lines(_ shares: [(name: String, share: Double)], style: TerminalStyle?, width: Int = 24) -> [String] {
        var entries = shares.filter { $0.share > 0 }
        entries.sort { left, right in left.share != right.share ? left.share > right.share : left.name < right.name }
        guard !entries.isEmpty else { return [] }
        let nameWidth = min(40, entries.map { DisplayWidth.of(Sanitizer.sanitize($0.name)) }.max() ?? 0)
        let eighths = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        return entries.map { name, share in
            let units = Int((min(1, share) * Double(width) * 8).rounded())
            var bar = String(repeating: "█", count: units / 8) + eighths[units % 8]
            let plain = bar.count
            if let style { bar = style.apply(to: bar) }
            let label = TextColumns.pad(TextColumns.truncate(Sanitizer.sanitize(name), to: nameWidth), to: nameWidth)
            let padding = String(repeating: " ", count: max(0, width - plain))
            let hundredths = Int((share * 100).rounded())
            let figure = "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
            return "  \(label)  \(bar)\(padding)  \(figure)"
        }
    }
}

/// An analyzer whose labels are ids with names a reader knows better
/// (framing's `external-regulation` is "External regulation and
/// reputation"): the workbench shows the name beside the id where there is
/// room (a chart, the review card).
public protocol LabelNaming: Sendable {
    /// The name of `label` in `layer`, if it has one.
    static func name(ofLabel label: String, layer: String) -> String?
}
