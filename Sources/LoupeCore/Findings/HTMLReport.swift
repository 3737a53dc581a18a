/// A self-contained HTML report of a study: a summary page with the
/// comparison tables and their bar charts (inline SVG), then each document's
/// text with its annotations highlighted by layer, a legend with a toggle
/// per layer, the label, cue, rule, creator and status of each annotation on
/// hover, and the document's own tables and figures.
///
/// One file with no network access: CSS and SVG inline and a few lines of
/// JavaScript for the toggles (without them the report still reads, every
/// layer shown). Every piece of document text is escaped, so a document
/// holding `<script>` shows it as text. The output is deterministic: the
/// same study gives the same bytes.
public struct HTMLReport {
    /// A layer as the report draws it.
    public struct Layer: Sendable {
        public var id: String
        /// A CSS colour (`#1f77b4`).
        public var colour: String

        public init(id: String, colour: String) {
            self.id = id
            self.colour = colour
        }
    }

    /// One document of the report.
    public struct Entry: Sendable {
        public var document: Document
        public var metadata: DocumentMetadata
        /// Every annotation it has (rejected ones and orphans are counted, not drawn).
        public var annotations: [Annotation]
        /// Tables an analyzer offers of it (source citation's sources), as text lines.
        public var tables: [(title: String, lines: [String])]
        /// Its own figures: the comparison views applied to it alone.
        public var figures: Comparison.Result?

        public init(
            document: Document, metadata: DocumentMetadata, annotations: [Annotation],
            tables: [(title: String, lines: [String])] = [], figures: Comparison.Result? = nil
        ) {
            self.document = document
            self.metadata = metadata
            self.annotations = annotations
            self.tables = tables
            self.figures = figures
        }
    }

    public var title: String
    /// What made it: `Loupe 1.2.0`.
    public var generator: String
    /// When, as ISO 8601 (fixed by the caller for reproducible output).
    public var created: String
    public var layers: [Layer]
    /// The summary comparison and what it groups by (`outlet`, or nil for documents).
    public var summary: Comparison.Result
    public var groupedBy: String?
    public var entries: [Entry]
    /// Documents the summary covers that have no page of their own (a corpus too large to show whole).
    public var omitted: Int
    /// Layer names for frame ids and the like, by layer then label.
    public var labelName: @Sendable (String, String) -> String?

    public init(
        title: String, generator: String, created: String, layers: [Layer], summary: Comparison.Result, groupedBy: String?,
        entries: [Entry], omitted: Int = 0, labelName: @escaping @Sendable (String, String) -> String? = { _, _ in nil }
    ) {
        self.omitted = omitted
        self.title = title
        self.generator = generator
        self.created = created
        self.layers = layers
        self.summary = summary
        self.groupedBy = groupedBy
        self.entries = entries
        self.labelName = labelName
    }

    /// The CSS colour of a terminal style's colour, for layers drawn in it.
    public static func cssColour(of style: TerminalStyle?) -> String? {
        switch style?.codes.first {
        case 31: "#d62728"
        case 32: "#2ca02c"
        case 33: "#d4a000"
        case 34: "#1f77b4"
        case 35: "#b5179e"
        case 36: "#12a4b6"
        default: nil
        }
    }

    // MARK: Escaping

    /// Text safe inside an element or a quoted attribute: `& < > " '`
    /// escaped, and control characters (other than line breaks and tabs)
    /// shown as U+FFFD, which HTML does not allow raw.
    public static func escape(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            case "\n", "\t": output.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                    output += "\u{FFFD}"
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output
    }

    // MARK: Rendering

    public func render() -> String {
        var html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        html += "<meta name=\"generator\" content=\"\(Self.escape(generator))\">\n"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html += "<title>\(Self.escape(title))</title>\n<style>\n\(stylesheet)</style>\n</head>\n<body>\n"
        html += "<header class=\"top\">\n<h1>\(Self.escape(title))</h1>\n"
        let annotationTotal = entries.reduce(0) { $0 + $1.annotations.count }
        html += "<p class=\"about\">\(entries.count + omitted) document\(entries.count + omitted == 1 ? "" : "s")\(omitted > 0 ? " (\(entries.count) with pages)" : ""), \(annotationTotal) annotation\(annotationTotal == 1 ? "" : "s"). Made by \(Self.escape(generator)) on \(Self.escape(created)).</p>\n"
        html += legend()
        html += "</header>\n<main>\n"
        html += summaryPage()
        for (index, entry) in entries.enumerated() { html += document(entry, number: index + 1) }
        html += "</main>\n<script>\n\(script)</script>\n</body>\n</html>\n"
        return html
    }

    private func layerIndex(_ layer: String) -> Int? { layers.firstIndex { $0.id == layer } }

    private var stylesheet: String {
        var css = """
            :root { color-scheme: light; }
            body { font: 16px/1.55 Georgia, 'Times New Roman', serif; color: #1b1b1b; background: #fff; margin: 0; }
            header.top { position: sticky; top: 0; background: #fafafa; border-bottom: 1px solid #ddd; padding: .6em 2em; z-index: 2; }
            h1 { font-size: 1.5em; margin: .2em 0; } h2 { font-size: 1.25em; margin: 1.6em 0 .4em; } h3 { font-size: 1.05em; margin: 1.2em 0 .3em; }
            main { max-width: 62em; margin: 0 auto; padding: 0 2em 4em; }
            .about, .meta, .note, .basis { font: 13px/1.4 system-ui, sans-serif; color: #555; }
            .legend { font: 13px system-ui, sans-serif; display: flex; flex-wrap: wrap; gap: .4em 1.2em; margin: .3em 0; }
            .legend label { cursor: pointer; white-space: nowrap; }
            .swatch { display: inline-block; width: .9em; height: .9em; border-radius: 2px; vertical-align: -.1em; margin-right: .25em; }
            table.chart { border-collapse: collapse; font: 13px/1.3 system-ui, sans-serif; margin: .4em 0 .2em; }
            table.chart th, table.chart td { padding: .15em .7em .15em 0; text-align: left; vertical-align: top; }
            table.chart th.group { border-bottom: 1px solid #bbb; font-weight: 600; }
            table.chart tr.heading td { color: #666; font-style: italic; padding-top: .6em; }
            table.chart td.figure { white-space: nowrap; font-variant-numeric: tabular-nums; }
            table.chart td.words { min-width: 10em; max-width: 22em; }
            svg.bar { vertical-align: -1px; margin-left: .35em; }
            section.document { border-top: 2px solid #ccc; margin-top: 2.5em; }
            .text { white-space: pre-wrap; overflow-wrap: anywhere; }
            .hl { border-radius: 2px; cursor: help; }
            .hl.suggested { border-bottom: 1px dashed rgba(0,0,0,.45); }
            pre.table { font: 12px/1.35 ui-monospace, 'DejaVu Sans Mono', monospace; background: #f6f6f6; padding: .6em; overflow-x: auto; }
            @media print {
              header.top { position: static; }
              .legend input { display: none; }
              section.document { break-before: page; }
              .hl, .swatch, svg.bar { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
              main { max-width: none; }
            }

            """
        for (index, layer) in layers.enumerated() {
            css += ".l\(index) { background: \(Self.tint(layer.colour)); }\n"
            css += "body.off-l\(index) .l\(index) { background: none; border-bottom: none; cursor: auto; }\n"
        }
        return css
    }

    /// A colour at a quarter strength, so that overlapping layers blend and text stays legible.
    static func tint(_ colour: String) -> String {
        let hex = colour.dropFirst()
        guard hex.count == 6, let value = Int(hex, radix: 16) else { return "rgba(128,128,128,.25)" }
        return "rgba(\((value >> 16) & 0xFF),\((value >> 8) & 0xFF),\(value & 0xFF),.28)"
    }

    private var script: String {
        """
        for (const box of document.querySelectorAll('input[data-toggle]')) {
          box.addEventListener('change', () => document.body.classList.toggle('off-' + box.dataset.toggle, !box.checked));
        }

        """
    }

    private func legend() -> String {
        var html = "<div class=\"legend\" role=\"group\" aria-label=\"layers\">"
        for (index, layer) in layers.enumerated() {
            html += "<label><input type=\"checkbox\" checked data-toggle=\"l\(index)\"> <span class=\"swatch\" style=\"background:\(layer.colour)\"></span>\(Self.escape(layer.id))</label>"
        }
        html += "<span class=\"note\">dashed underline: a suggestion nobody has reviewed; hover a highlight for its label, cue, rule, creator and status</span></div>\n"
        return html
    }

    // MARK: Summary

    private func summaryPage() -> String {
        var html = "<section class=\"summary\" id=\"summary\">\n<h2>Summary</h2>\n"
        if let groupedBy {
            html += "<p class=\"meta\">Documents grouped by \(Self.escape(groupedBy)): "
            html += zip(summary.groups, summary.members).map { name, ids in
                "<b>\(Self.escape(name))</b> (\(ids.map(Self.escape).joined(separator: ", ")))"
            }.joined(separator: "; ") + ".</p>\n"
        }
        if summary.parts.isEmpty { html += "<p class=\"note\">No analyzer annotations to compare: run <code>analyze --all</code> first.</p>\n" }
        for part in summary.parts {
            html += "<h3>\(Self.escape(part.section.title))</h3>\n"
            html += chart(part, groups: summary.groups)
        }
        html += "<h3>Documents</h3>\n<ol class=\"contents\">\n"
        for entry in entries {
            let name = entry.metadata.title ?? entry.document.id
            html += "<li><a href=\"#doc-\(Self.escape(entry.document.id))\">\(Self.escape(name))</a>"
            if let outlet = entry.metadata.outlet { html += " <span class=\"meta\">— \(Self.escape(outlet))</span>" }
            html += "</li>\n"
        }
        html += "</ol>\n"
        if omitted > 0 {
            html += "<p class=\"note\">The summary covers \(omitted) more documents that have no page here; write a report naming them to see their texts.</p>\n"
        }
        html += "</section>\n"
        return html
    }

    /// A comparison section as a table with bars.
    private func chart(_ part: Comparison.Part, groups: [String]) -> String {
        let colour = layerIndex(part.layer).map { layers[$0].colour } ?? "#777"
        var html = "<table class=\"chart\" data-layer=\"\(Self.escape(part.layer))\">\n<tr><th></th>"
        for group in groups { html += "<th class=\"group\">\(Self.escape(group))</th>" }
        html += "</tr>\n"
        for row in part.section.rows {
            if row.isHeading {
                html += "<tr class=\"heading\"><td colspan=\"\(groups.count + 1)\">\(Self.escape(row.label))</td></tr>\n"
                continue
            }
            html += "<tr data-key=\"\(Self.escape(row.key))\"><td>\(Self.escape(row.label))</td>"
            for index in groups.indices {
                let value = index < row.cells.count ? row.cells[index] : .empty
                if case .text = value { html += "<td class=\"words\">" } else { html += "<td class=\"figure\">" }
                html += cell(value, colour: colour) + "</td>"
            }
            html += "</tr>\n"
        }
        html += "</table>\n"
        for note in part.section.notes { html += "<p class=\"note\">\(Self.escape(note))</p>\n" }
        let basis = part.basis
        html += "<p class=\"basis\">Rests on \(basis.reviewed + basis.unreviewed) annotations: \(basis.reviewed) reviewed, \(basis.unreviewed) unreviewed suggestions"
        html += basis.leftOut > 0 ? "; \(basis.leftOut) rejected or orphaned left out.</p>\n" : ".</p>\n"
        return html
    }

    private func cell(_ cell: ComparisonCell, colour: String) -> String {
        switch cell {
        case .empty:
            return "–"
        case .share(let value):
            let width = Int((max(0, min(1, value)) * 80).rounded())
            return ComparisonTable.figure(value)
                + "<svg class=\"bar\" width=\"80\" height=\"10\" role=\"img\" aria-label=\"\(ComparisonTable.figure(value))\">"
                + "<rect width=\"80\" height=\"10\" fill=\"#eee\"/><rect width=\"\(width)\" height=\"10\" fill=\"\(colour)\"/></svg>"
        case .score(let value):
            let half = 40.0
            let length = Int((min(1, abs(value)) * half).rounded())
            let x = value < 0 ? Int(half) - length : Int(half)
            let fill = value < 0 ? "#c0392b" : "#2e8b57"
            return (value > 0.00005 ? "+" : "") + ComparisonTable.figure(value)
                + "<svg class=\"bar\" width=\"80\" height=\"10\" role=\"img\" aria-label=\"\(ComparisonTable.figure(value))\">"
                + "<rect width=\"80\" height=\"10\" fill=\"#eee\"/><rect x=\"\(x)\" width=\"\(length)\" height=\"10\" fill=\"\(fill)\"/>"
                + "<rect x=\"39.5\" width=\"1\" height=\"10\" fill=\"#555\"/></svg>"
        case .number(let value, let decimals):
            return ComparisonTable.figure(value, decimals: decimals)
        case .text(let text):
            return Self.escape(text)
        }
    }

    // MARK: Documents

    private func document(_ entry: Entry, number: Int) -> String {
        let document = entry.document
        let drawn = entry.annotations.filter { $0.target != nil && $0.status != .rejected && !$0.orphaned }
        var html = "<section class=\"document\" id=\"doc-\(Self.escape(document.id))\" data-annotations=\"\(entry.annotations.count)\">\n"
        html += "<h2>\(number). \(Self.escape(entry.metadata.title ?? document.id))</h2>\n"
        var facts = ["id " + Self.escape(document.id)]
        for field in entry.metadata.fields where field.key != "title" { facts.append(Self.escape(field.key) + " " + Self.escape(field.value)) }
        facts.append("\(document.length) characters")
        html += "<p class=\"meta\">" + facts.joined(separator: " · ") + "</p>\n"
        html += "<p class=\"meta\">\(annotationCounts(entry.annotations))</p>\n"
        let documentLevel = entry.annotations.filter { $0.target == nil && $0.status != .rejected }
        if !documentLevel.isEmpty {
            html += "<ul class=\"meta\">"
            for annotation in documentLevel.prefix(12) {
                var about = ""
                if let name = annotation.attributes["target"]?.stringValue ?? annotation.attributes["source"]?.stringValue {
                    about = " " + Self.escape(name)
                    if let score = annotation.attributes["meanCompound"]?.doubleValue { about += " (\(ComparisonTable.figure(score)))" }
                }
                html += "<li>\(Self.escape(annotation.layer)): <b>\(Self.escape(displayLabel(annotation)))</b>\(about) \(Self.escape(statusWord(annotation)))</li>"
            }
            if documentLevel.count > 12 { html += "<li>and \(documentLevel.count - 12) more document-level annotations</li>" }
            html += "</ul>\n"
        }
        html += "<div class=\"text\">" + highlighted(document.text, drawn) + "</div>\n"
        for table in entry.tables where !table.lines.isEmpty {
            html += "<h3>\(Self.escape(table.title))</h3>\n<pre class=\"table\">" + table.lines.map(Self.escape).joined(separator: "\n") + "</pre>\n"
        }
        if let figures = entry.figures, !figures.parts.isEmpty {
            html += "<details class=\"figures\"><summary>Figures of this document</summary>\n"
            for part in figures.parts {
                html += "<h3>\(Self.escape(part.section.title))</h3>\n" + chart(part, groups: figures.groups)
            }
            html += "</details>\n"
        }
        html += "</section>\n"
        return html
    }

    private func annotationCounts(_ annotations: [Annotation]) -> String {
        var byLayer: [String: Int] = [:]
        for annotation in annotations { byLayer[annotation.layer, default: 0] += 1 }
        let suggested = annotations.filter { $0.status == .suggested }.count
        let rejected = annotations.filter { $0.status == .rejected }.count
        let orphans = annotations.filter(\.orphaned).count
        var text = "<span class=\"count\">\(annotations.count)</span> annotation\(annotations.count == 1 ? "" : "s")"
        if !byLayer.isEmpty {
            text += " (" + byLayer.sorted { $0.key < $1.key }.map { "\(Self.escape($0.key)) \($0.value)" }.joined(separator: ", ") + ")"
        }
        text += "; \(suggested) unreviewed, \(annotations.count - suggested - rejected) accepted, \(rejected) rejected"
        if orphans > 0 { text += ", \(orphans) orphaned (not drawn)" }
        return text
    }

    private func displayLabel(_ annotation: Annotation) -> String {
        labelName(annotation.layer, annotation.label).map { "\($0) (\(annotation.label))" } ?? annotation.label
    }

    private func statusWord(_ annotation: Annotation) -> String {
        switch annotation.status {
        case .suggested: "(suggested, not reviewed)"
        case .accepted: "(accepted)"
        case .rejected: "(rejected)"
        }
    }

    /// What a hover shows of an annotation.
    private func tooltip(_ annotation: Annotation) -> String {
        var line = annotation.layer + ": " + displayLabel(annotation)
        if let cue = Self.cue(of: annotation) { line += " · cue “" + cue + "”" }
        if let rule = annotation.attributes["rule"]?.stringValue { line += " · rule " + rule }
        line += " · by " + annotation.creator.displayName + " · " + annotation.status.rawValue
        if let confidence = annotation.confidence { line += " · confidence " + ComparisonTable.figure(confidence) }
        if let note = annotation.note { line += " · note: " + note }
        return line
    }

    /// The cue an annotation names: a `cue` string or object, or its first `cues` entry.
    static func cue(of annotation: Annotation) -> String? {
        if let cue = annotation.attributes["cue"] {
            if let text = cue.stringValue { return text }
            if let text = cue.objectValue?["text"]?.stringValue { return text }
        }
        guard let first = annotation.attributes["cues"]?.arrayValue?.first?.objectValue else { return nil }
        return first["text"]?.stringValue ?? first["cue"]?.stringValue
    }

    /// The text with each stretch covered by annotations wrapped in one
    /// span per layer (nested, so overlapping layers blend), the innermost
    /// carrying the annotations' ids and what a hover shows.
    func highlighted(_ text: String, _ annotations: [Annotation]) -> String {
        let scalars = Array(text.unicodeScalars)
        var starts: [Int: [Int]] = [:]
        var ends: [Int: [Int]] = [:]
        var boundaries: Set<Int> = [0, scalars.count]
        for (index, annotation) in annotations.enumerated() {
            guard let target = annotation.target, target.start < target.end, target.end <= scalars.count else { continue }
            starts[target.start, default: []].append(index)
            ends[target.end, default: []].append(index)
            boundaries.insert(target.start)
            boundaries.insert(target.end)
        }
        let points = boundaries.sorted()
        var active: [Int] = []
        var html = ""
        html.reserveCapacity(text.utf8.count * 2)
        for (position, point) in points.enumerated() where position + 1 < points.count {
            if let closing = ends[point] { active.removeAll { closing.contains($0) } }
            if let opening = starts[point] { active += opening }
            let piece = Self.escape(String(String.UnicodeScalarView(scalars[point..<points[position + 1]])))
            guard !active.isEmpty else {
                html += piece
                continue
            }
            let covering = active.map { annotations[$0] }
            var layersHere: [(index: Int, suggested: Bool)] = []
            for annotation in covering {
                guard let index = layerIndex(annotation.layer) else { continue }
                if let existing = layersHere.firstIndex(where: { $0.index == index }) {
                    layersHere[existing].suggested = layersHere[existing].suggested && annotation.status == .suggested
                } else {
                    layersHere.append((index, annotation.status == .suggested))
                }
            }
            layersHere.sort { $0.index < $1.index }
            guard !layersHere.isEmpty else {
                html += piece
                continue
            }
            for (depth, layer) in layersHere.enumerated() {
                html += "<span class=\"hl l\(layer.index)\(layer.suggested ? " suggested" : "")\""
                if depth == layersHere.count - 1 {
                    let ids = covering.map(\.id).joined(separator: " ")
                    html += " data-ann=\"\(Self.escape(ids))\" title=\"\(Self.escape(covering.map(tooltip).joined(separator: "\n")))\""
                }
                html += ">"
            }
            html += piece + String(repeating: "</span>", count: layersHere.count)
        }
        return html
    }
}
