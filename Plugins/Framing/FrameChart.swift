import Foundation
import LoupeCore

/// `show` draws the document's frame shares under its framing annotation,
/// each frame by its codebook name.
extension FramingAnalyzer: DocumentHeaderView {
    public static func headerLines(for annotation: Annotation, style: TerminalStyle?) -> [String] {
        guard annotation.target == nil, let distribution = annotation.attributes["distribution"]?.objectValue else { return [] }
        let codebook = annotation.attributes["codebook"]?.stringValue
        return BarChart.lines(
            distribution.compactMap { key, value in value.doubleValue.map { (frameNames(codebook)[key] ?? key, $0) } }, style: style)
    }
}

/// Frame names from the built-in codebooks, for frame ids.
extension FramingAnalyzer: LabelNaming {
    public static func name(ofLabel label: String, layer: String) -> String? {
        guard layer == descriptor.id else { return nil }
        return frameNames(nil)[label] ?? builtinFrameNames.values.lazy.compactMap { $0[label] }.first
    }

    /// The names of a built-in codebook's frames by id (the default codebook's when `codebook` is nil or not built in).
    static func frameNames(_ codebook: String?) -> [String: String] {
        builtinFrameNames[codebook ?? "mfc"] ?? builtinFrameNames["mfc"] ?? [:]
    }

    static let builtinFrameNames: [String: [String: String]] = {
        var names: [String: [String: String]] = [:]
        for (id, resource) in builtinCodebooks {
            guard let url = Bundle.module.url(forResource: resource, withExtension: "json"),
                let codebook = try? Codebook.load(path: url.path)
            else { continue }
            names[id] = Dictionary(codebook.frames.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        }
        return names
    }()
}
