import LoupeCore

/// Renders a document for reading: a header with its metadata and
/// document-level annotations, then each paragraph's sentences, numbered and
/// wrapped to the terminal, with span annotations highlighted by layer
/// (colour) or bracketed (`[text]{layer:label}`).
struct DocumentRenderer {
    let document: Document
    /// Its metadata as shown (what a user set laid over the source's).
    let metadata: DocumentMetadata
    let annotations: [Annotation]
    let color: Bool
    let width: Int
    let styles: LayerStyles
    /// Analyzers that draw their document annotation under the header, by layer.
    let headerViews: [String: any DocumentHeaderView.Type]

    func style(for layer: String) -> TerminalStyle { styles.style(for: layer) }

    func render() -> String {
        var output = header()
        let visible = annotations.filter { $0.status != .rejected && !$0.orphaned && $0.target != nil }
        let segmentation = document.segmentation
        let gutter = max(3, String(segmentation.sentences.count).count + 2)
        var previousParagraph = -1
        for (number, sentence) in segmentation.sentences.enumerated() {
            if sentence.paragraph != previousParagraph, previousParagraph >= 0 { output += "\n" }
            previousParagraph = sentence.paragraph
            let label = "s\(number + 1)"
            let prefix = String(repeating: " ", count: gutter - label.count) + label + "  "
            let segments = self.segments(of: sentence.span.scalars, annotations: visible)
            let lines = TextWrapper.wrap(segments, width: max(20, width - prefix.count), color: color)
            for (index, line) in lines.enumerated() {
                let lead = index == 0 ? (color ? TerminalStyle.dim.apply(to: prefix) : prefix) : String(repeating: " ", count: prefix.count)
                output += lead + line + "\n"
            }
        }
        if segmentation.sentences.isEmpty { output += "(no text)\n" }
        let hidden = annotations.filter(\.orphaned).count
        if hidden > 0 { output += "\n\(hidden) orphaned annotation(s) not shown; see 'list orphan=yes'\n" }
        return output
    }

    private func header() -> String {
        var lines: [String] = []
        let title = metadata.title.map(Sanitizer.sanitize) ?? Sanitizer.sanitize(document.id)
        lines.append(color ? TerminalStyle.bold.apply(to: title) : title)
        var facts = ["id " + Sanitizer.sanitize(document.id)]
        for field in metadata.fields where field.key != "title" {
            facts.append(field.key + " " + Sanitizer.sanitize(field.value))
        }
        facts.append("\(document.length) characters, \(document.segmentation.sentences.count) sentences")
        var legend: String?
        if annotations.contains(where: { $0.target != nil && $0.status != .rejected && !$0.orphaned }) {
            let spans = color ? "spans in their layer's colour, underlined once accepted" : "[ ] marks each span"
            legend = "{layer:label?} a suggestion, {layer:label} accepted; " + spans
        }
        lines.append(facts.joined(separator: " · "))
        if let legend { lines.append(color ? TerminalStyle.dim.apply(to: legend) : legend) }
        for annotation in annotations where annotation.target == nil && annotation.status != .rejected {
            lines.append("document: " + tag(for: annotation) + " (" + annotation.id + ")")
            if let view = headerViews[annotation.layer] {
                lines += view.headerLines(for: annotation, style: color ? style(for: annotation.layer) : nil)
            }
        }
        return lines.joined(separator: "\n") + "\n\n"
    }

    private func tag(for annotation: Annotation) -> String {
        let text = "{" + Sanitizer.sanitize(annotation.layer) + ":" + Sanitizer.sanitize(annotation.label)
            + (annotation.status == .suggested ? "?" : "") + "}"
        return color ? style(for: annotation.layer).adding(.dim).apply(to: text) : text
    }

    /// The sentence as styled segments, with opening and closing marks where
    /// annotations start and end inside it.
    private func segments(of range: Range<Int>, annotations: [Annotation]) -> [TextWrapper.Segment] {
        var boundaries: Set<Int> = [range.lowerBound, range.upperBound]
        var relevant: [Annotation] = []
        for annotation in annotations {
            guard let target = annotation.target, target.start < range.upperBound, target.end > range.lowerBound else {
                continue
            }
            relevant.append(annotation)
            boundaries.insert(max(target.start, range.lowerBound))
            boundaries.insert(min(target.end, range.upperBound))
        }
        let points = boundaries.sorted()
        var segments: [TextWrapper.Segment] = []
        for (start, end) in zip(points, points.dropFirst()) {
            // Opening marks for annotations starting here: one per distinct span.
            let opening = Set(relevant.filter { $0.target?.start == start }.compactMap { $0.target?.end })
            if !color {
                for _ in opening { segments.append(.init(text: "[", style: nil)) }
            }
            let covering = relevant.filter { ($0.target?.start ?? 0) <= start && ($0.target?.end ?? 0) >= end }
            var style: TerminalStyle?
            if let innermost = covering.min(by: { ($0.target?.range.count ?? 0) < ($1.target?.range.count ?? 0) }) {
                style = self.style(for: innermost.layer)
                if innermost.status == .accepted { style = style?.adding(.underline) }
            }
            let text = Sanitizer.sanitize(String(document.text(scalars: start..<end)))
            segments.append(.init(text: text, style: color ? style : nil))
            // Closing marks, innermost span first; annotations sharing a span share one bracket.
            let closing = relevant.filter { $0.target?.end == end }
            let starts = Set(closing.compactMap { $0.target?.start }).sorted(by: >)
            for spanStart in starts {
                let tags = closing.filter { $0.target?.start == spanStart }.map(tag(for:)).joined(separator: " ")
                segments.append(.init(text: (color ? " " : "] ") + tags, style: nil, breakable: false))
            }
        }
        return segments
    }
}

/// Wraps styled text to a width, breaking at spaces.
enum TextWrapper {
    struct Segment {
        var text: String
        var style: TerminalStyle?
        /// Whether the wrapper may break inside it (tags stay whole).
        var breakable = true
    }

    static func wrap(_ segments: [Segment], width: Int, color: Bool) -> [String] {
        // Split into words: runs without spaces, each made of styled pieces.
        var words: [[Segment]] = []
        var current: [Segment] = []
        var spaceBefore: [Bool] = []
        var pendingSpace = false
        for segment in segments {
            if !segment.breakable {
                current.append(segment)
                continue
            }
            var piece = ""
            for scalar in segment.text.unicodeScalars {
                if scalar == " " {
                    if !piece.isEmpty { current.append(Segment(text: piece, style: segment.style)) }
                    piece = ""
                    if !current.isEmpty {
                        words.append(current)
                        spaceBefore.append(pendingSpace)
                        current = []
                    }
                    pendingSpace = true
                } else {
                    piece.unicodeScalars.append(scalar)
                }
            }
            if !piece.isEmpty { current.append(Segment(text: piece, style: segment.style)) }
        }
        if !current.isEmpty {
            words.append(current)
            spaceBefore.append(pendingSpace)
        }
        var lines: [String] = []
        var line = ""
        var used = 0
        for (index, word) in words.enumerated() {
            let wordWidth = word.reduce(0) { $0 + DisplayWidth.of($1.text) }
            let gap = spaceBefore[index] && used > 0 ? 1 : 0
            if used > 0, used + gap + wordWidth > width {
                lines.append(line)
                line = ""
                used = 0
            } else if gap == 1 {
                line += " "
                used += 1
            }
            for piece in word {
                line += color ? (piece.style.map { $0.apply(to: piece.text) } ?? piece.text) : piece.text
            }
            used += wordWidth
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }
}
