import Foundation

/// Comparing groups of documents (outlets, dates, any metadata key, or
/// documents one by one), layer by layer.
///
/// The workbench groups the documents and hands each analyzer that offers a
/// ``ComparisonView`` its own layer's annotations, with human decisions
/// applied (rejected suggestions and orphans left out); the analyzer turns
/// them into a ``ComparisonSection``: rows of figures, one cell per group.
/// So the workbench knows no analyzer by name, and an analyzer's figures are
/// computed from the same annotations a reviewer decided on.
public protocol ComparisonView: Sendable {
    /// The section comparing `groups` (in the order given, never empty) on
    /// this analyzer's layer. Values from documents must not be trusted:
    /// the renderer sanitises text cells.
    static func comparison(of groups: [ComparisonGroup]) -> ComparisonSection
}

/// Documents compared as one: an outlet's, a date's, or a single document.
public struct ComparisonGroup: Sendable {
    /// The group's name as shown: the metadata value (`unknown` where a
    /// document has none) or a document's id.
    public var name: String
    public var documents: [ComparedDocument]

    public init(name: String, documents: [ComparedDocument]) {
        self.name = name
        self.documents = documents
    }

    /// Words in the group's documents together.
    public var words: Int { documents.reduce(0) { $0 + $1.words } }
}

/// One document's part in a comparison.
public struct ComparedDocument: Sendable {
    public var id: String
    /// Its length in words (tokens with a letter or digit).
    public var words: Int
    /// The analyzer's annotations on it, decisions applied.
    public var annotations: [Annotation]

    public init(id: String, words: Int, annotations: [Annotation]) {
        self.id = id
        self.words = words
        self.annotations = annotations
    }

    /// The annotation without a span (the document readout), if any.
    public var documentAnnotation: Annotation? { annotations.first { $0.target == nil } }

    /// The annotations with a span.
    public var spans: some Sequence<Annotation> { annotations.lazy.filter { $0.target != nil } }
}

/// What an analyzer says of the groups: a titled table.
public struct ComparisonSection: Sendable {
    public var title: String
    public var rows: [ComparisonRow]
    /// Lines under the table: what the figures mean.
    public var notes: [String]

    public init(title: String, rows: [ComparisonRow], notes: [String] = []) {
        self.title = title
        self.rows = rows
        self.notes = notes
    }
}

/// One row: a name and a cell per group; or a heading over the rows below it.
public struct ComparisonRow: Sendable {
    public var label: String
    /// Machine name for `--json` (`frame.economic`, `sources.named`).
    public var key: String
    public var cells: [ComparisonCell]
    public var isHeading: Bool

    public init(label: String, key: String, cells: [ComparisonCell]) {
        self.label = label
        self.key = key
        self.cells = cells
        self.isHeading = false
    }

    /// A heading row (no cells).
    public static func heading(_ label: String) -> ComparisonRow {
        var row = ComparisonRow(label: label, key: "", cells: [])
        row.isHeading = true
        return row
    }
}

/// One figure of one group.
public enum ComparisonCell: Sendable, Equatable {
    /// No figure (the group has nothing of the kind).
    case empty
    /// A share from 0 to 1, drawn with a bar.
    case share(Double)
    /// A score from -1 to 1 (sentiment), drawn with a bar left or right of zero.
    case score(Double)
    /// A figure such as a count or a density; `decimals` for showing it.
    case number(Double, decimals: Int)
    /// Words: the most cited sources, the strongest cues.
    case text(String)

    public var json: JSONValue {
        switch self {
        case .empty: .null
        case .share(let value), .score(let value): .double((value * 10_000).rounded() / 10_000)
        case .number(let value, let decimals): decimals == 0 ? .int(Int(value.rounded())) : .double((value * 10_000).rounded() / 10_000)
        case .text(let text): .string(text)
        }
    }
}

extension ComparisonSection {
    /// The section as JSON: `{"title", "rows": [{"key", "label", "values": {GROUP: value}}], "notes"}`.
    public func json(groups: [String]) -> JSONValue {
        var items: [JSONValue] = []
        for row in rows where !row.isHeading {
            var values: [String: JSONValue] = [:]
            for (group, cell) in zip(groups, row.cells) { values[group] = cell.json }
            items.append(.object(["key": .string(row.key), "label": .string(row.label), "values": .object(values)]))
        }
        return .object(["title": .string(title), "rows": .array(items), "notes": .array(notes.map { .string($0) })])
    }
}

/// Draws comparison sections as terminal tables: a name column, then a
/// column per group with inline bars; groups that do not fit the width go
/// to a further block of columns.
public enum ComparisonTable {
    public static func lines(
        _ section: ComparisonSection, groups: [String], width: Int, style: TerminalStyle?
    ) -> [String] {
        let labelWidth = min(30, max(12, section.rows.map { DisplayWidth.of(Sanitizer.sanitize($0.label)) + ($0.isHeading ? 0 : 2) }.max() ?? 12))
        let columnWidth = min(24, max(18, groups.map { DisplayWidth.of(Sanitizer.sanitize($0)) }.max() ?? 18))
        let perBlock = max(1, (width - labelWidth - 2) / (columnWidth + 2))
        var output: [String] = []
        var start = 0
        while start < groups.count {
            let block = start..<min(groups.count, start + perBlock)
            if start > 0 { output.append("") }
            var header = TextColumns.pad("", to: labelWidth)
            for index in block {
                header += "  " + TextColumns.pad(TextColumns.truncate(Sanitizer.sanitize(groups[index]), to: columnWidth), to: columnWidth)
            }
            output.append(style == nil ? header : TerminalStyle.bold.apply(to: header))
            for row in section.rows {
                // Words too long for a column go under the row, a group a line.
                if row.cells.contains(where: { if case .text(let text) = $0 { DisplayWidth.of(Sanitizer.sanitize(text)) > columnWidth } else { false } }) {
                    output.append("  " + Sanitizer.sanitize(row.label))
                    for index in block {
                        guard index < row.cells.count, case .text(let text) = row.cells[index] else { continue }
                        let lead = "    " + TextColumns.truncate(Sanitizer.sanitize(groups[index]), to: columnWidth) + ": "
                        output.append(lead + TextColumns.truncate(Sanitizer.sanitize(text), to: max(10, width - DisplayWidth.of(lead))))
                    }
                    continue
                }
                if row.isHeading {
                    let text = TextColumns.truncate(Sanitizer.sanitize(row.label), to: width)
                    output.append(style == nil ? text : TerminalStyle.dim.apply(to: text))
                    continue
                }
                var line = "  " + TextColumns.pad(TextColumns.truncate(Sanitizer.sanitize(row.label), to: labelWidth - 2), to: labelWidth - 2)
                for index in block {
                    let cell = index < row.cells.count ? row.cells[index] : .empty
                    line += "  " + TextColumns.pad(render(cell, width: columnWidth, style: style), to: columnWidth)
                }
                output.append(trimmingTrailingSpaces(line))
            }
            start = block.upperBound
        }
        return output
    }

    static func trimmingTrailingSpaces(_ line: String) -> String {
        var result = line
        while result.hasSuffix(" ") { result.removeLast() }
        return result
    }

    /// A figure with two decimals, as `0.42` or `-0.13`.
    public static func figure(_ value: Double, decimals: Int = 2) -> String {
        guard value.isFinite else { return "–" }
        if decimals == 0 { return String(Int(value.rounded())) }
        let scale = decimals == 1 ? 10.0 : 100.0
        let scaled = Int((abs(value) * scale).rounded())
        let whole = scaled / Int(scale)
        let fraction = String(scaled % Int(scale))
        let padded = String(repeating: "0", count: max(0, decimals - fraction.count)) + fraction
        return (value < 0 && scaled != 0 ? "-" : "") + "\(whole).\(padded)"
    }

    static let eighths = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    static func bar(_ fraction: Double, width: Int) -> String {
        let units = Int((max(0, min(1, fraction)) * Double(width) * 8).rounded())
        return String(repeating: "█", count: units / 8) + eighths[units % 8]
    }

    static func render(_ cell: ComparisonCell, width: Int, style: TerminalStyle?) -> String {
        switch cell {
        case .empty:
            return "–"
        case .share(let value):
            let barWidth = width - 6
            let drawn = bar(value, width: barWidth)
            let colored = style.map { $0.apply(to: drawn) } ?? drawn
            return figure(value) + " " + colored + String(repeating: " ", count: max(0, barWidth - drawn.count))
        case .score(let value):
            // `+0.21 ▕   ██` : half a bar each side of zero.
            let half = (width - 8) / 2
            let length = Int((min(1, abs(value)) * Double(half)).rounded(.up))
            let left = value < 0 ? String(repeating: " ", count: half - length) + String(repeating: "▆", count: length) : String(repeating: " ", count: half)
            let right = value > 0 ? String(repeating: "▆", count: length) : ""
            let sign = value > 0.00005 ? "+" : value < -0.00005 ? "" : " "
            let text = TextColumns.pad(sign + figure(value), to: 6)
            let drawn = left + "│" + right
            return text + " " + (style.map { $0.apply(to: drawn) } ?? drawn)
        case .number(let value, let decimals):
            return figure(value, decimals: decimals)
        case .text(let text):
            return TextColumns.truncate(Sanitizer.sanitize(text), to: width)
        }
    }
}

/// Groups documents and asks each analyzer's ``ComparisonView`` for its
/// section: the engine behind `compare` and the report's summary page.
public enum Comparison {
    /// How documents are grouped.
    public enum Grouping: Sendable, Equatable {
        /// Each document its own group.
        case documents
        /// By a metadata key's value (`outlet`, `date`, a user key); `date`
        /// groups by day, `date:month` by month, `date:year` by year.
        /// Documents without one form the group `unknown`.
        case key(String)
    }

    /// One document to compare: its id, metadata, length in words and
    /// every annotation it has.
    public struct Input: Sendable {
        public var id: String
        public var metadata: DocumentMetadata
        public var words: Int
        public var annotations: [Annotation]

        public init(id: String, metadata: DocumentMetadata, words: Int, annotations: [Annotation]) {
            self.id = id
            self.metadata = metadata
            self.words = words
            self.annotations = annotations
        }

        /// Words in a document: tokens that are words or numbers.
        public static func words(in document: Document) -> Int {
            document.segmentation.tokens.reduce(0) { $0 + ($1.kind == .punctuation ? 0 : 1) }
        }
    }

    /// What the figures of one section rest on.
    public struct Basis: Sendable, Equatable {
        /// Accepted annotations (a person's own, or suggestions a person accepted).
        public var reviewed = 0
        /// Suggestions nobody has decided on yet.
        public var unreviewed = 0
        /// Rejected suggestions and orphans, left out.
        public var leftOut = 0
    }

    /// One analyzer's section and what it rests on.
    public struct Part: Sendable {
        public var layer: String
        public var section: ComparisonSection
        public var basis: Basis
    }

    /// The comparison: the groups' names and sizes, and a part per layer.
    public struct Result: Sendable {
        public var groups: [String]
        /// Documents in each group, in the order of `groups`.
        public var members: [[String]]
        public var parts: [Part]

        /// The whole comparison as JSON (`compare --json`).
        public func json(grouping: Grouping, reviewedOnly: Bool) -> JSONValue {
            var groupItems: [JSONValue] = []
            for (name, ids) in zip(groups, members) {
                groupItems.append(.object(["name": .string(name), "documents": .array(ids.map { .string($0) })]))
            }
            let by: JSONValue = switch grouping {
            case .documents: .string("document")
            case .key(let key): .string(key)
            }
            return .object([
                "by": by, "reviewedOnly": .bool(reviewedOnly), "groups": .array(groupItems),
                "layers": .array(parts.map { part in
                    guard case .object(var object) = part.section.json(groups: groups) else { return .null }
                    object["layer"] = .string(part.layer)
                    object["basis"] = .object([
                        "reviewed": .int(part.basis.reviewed), "unreviewed": .int(part.basis.unreviewed),
                        "leftOut": .int(part.basis.leftOut),
                    ])
                    return .object(object)
                }),
            ])
        }
    }

    /// The group a document falls in.
    public static func groupName(of input: Input, by grouping: Grouping) -> String {
        switch grouping {
        case .documents: return input.id
        case .key(let key):
            // `date` groups by day; `date:month` and `date:year` by month and year.
            let (field, width): (String, Int?) = switch key {
            case "date": ("date", 10)
            case "date:month": ("date", 7)
            case "date:year": ("date", 4)
            default: (key, nil)
            }
            guard let value = input.metadata[field], !value.isEmpty else { return "unknown" }
            return width.map { String(value.prefix($0)) } ?? value
        }
    }

    /// Compares `inputs` grouped by `grouping`, on every layer that has a
    /// view (`views`: a layer and its analyzer's view, in the order shown).
    /// Rejected suggestions and orphans are left out; with `reviewedOnly`,
    /// unreviewed suggestions too.
    public static func compare(
        _ inputs: [Input], by grouping: Grouping, views: [(layer: String, view: any ComparisonView.Type)],
        reviewedOnly: Bool = false
    ) -> Result {
        var order: [String] = []
        var members: [String: [Int]] = [:]
        for (index, input) in inputs.enumerated() {
            let name = groupName(of: input, by: grouping)
            if members[name] == nil { order.append(name) }
            members[name, default: []].append(index)
        }
        // Named groups in sorted order (dates in time order), `unknown` last; documents as opened.
        if case .key = grouping {
            order.sort { left, right in
                if (left == "unknown") != (right == "unknown") { return right == "unknown" }
                return left.localizedStandardCompare(right) == .orderedAscending
            }
        }
        var parts: [Part] = []
        for (layer, view) in views {
            var basis = Basis()
            var groups: [ComparisonGroup] = []
            for name in order {
                var documents: [ComparedDocument] = []
                for index in members[name] ?? [] {
                    let input = inputs[index]
                    var kept: [Annotation] = []
                    for annotation in input.annotations where annotation.layer == layer {
                        if annotation.status == .rejected || annotation.orphaned {
                            basis.leftOut += 1
                        } else if annotation.status == .suggested {
                            if reviewedOnly {
                                basis.leftOut += 1
                            } else {
                                basis.unreviewed += 1
                                kept.append(annotation)
                            }
                        } else {
                            basis.reviewed += 1
                            kept.append(annotation)
                        }
                    }
                    documents.append(ComparedDocument(id: input.id, words: input.words, annotations: kept))
                }
                groups.append(ComparisonGroup(name: name, documents: documents))
            }
            guard basis.reviewed + basis.unreviewed + basis.leftOut > 0 else { continue }
            parts.append(Part(layer: layer, section: view.comparison(of: groups), basis: basis))
        }
        return Result(groups: order, members: order.map { (members[$0] ?? []).map { inputs[$0].id } }, parts: parts)
    }
}
