import LoupeCore

/// The colour of each layer at a terminal: the one its analyzer declares,
/// else one picked from the layer's name (so a person's own layers are
/// coloured too, always the same way).
struct LayerStyles: Sendable {
    private let declared: [String: TerminalStyle]
    static let palette: [TerminalStyle] = [.cyan, .yellow, .blue, .green, .magenta, .red]

    init(registry: AnalyzerRegistry) {
        var declared: [String: TerminalStyle] = [:]
        for descriptor in registry.descriptors {
            guard let colour = descriptor.colour else { continue }
            for layer in descriptor.layers { declared[layer] = colour }
        }
        self.declared = declared
    }

    func style(for layer: String) -> TerminalStyle {
        if let style = declared[layer] { return style }
        let sum = layer.unicodeScalars.reduce(0) { $0 &+ Int($1.value) }
        return Self.palette[sum % Self.palette.count]
    }
}
