import LoupeCore

/// `show` draws the document's frame shares under its framing annotation.
extension FramingAnalyzer: DocumentHeaderView {
    public static func headerLines(for annotation: Annotation, style: TerminalStyle?) -> [String] {
        guard annotation.target == nil, let distribution = annotation.attributes["distribution"]?.objectValue else { return [] }
        return BarChart.lines(distribution.compactMap { key, value in value.doubleValue.map { (key, $0) } }, style: style)
    }
}
