/// ANSI text styles for the terminal.
public struct TerminalStyle: Sendable, Hashable {
    public var codes: [Int]

    public init(_ codes: [Int]) { self.codes = codes }

    public static let red = TerminalStyle([31])
    public static let green = TerminalStyle([32])
    public static let yellow = TerminalStyle([33])
    public static let blue = TerminalStyle([34])
    public static let magenta = TerminalStyle([35])
    public static let cyan = TerminalStyle([36])
    public static let bold = TerminalStyle([1])
    public static let dim = TerminalStyle([2])
    public static let underline = TerminalStyle([4])

    public var start: String { "\u{1B}[" + codes.map(String.init).joined(separator: ";") + "m" }
    public static let reset = "\u{1B}[0m"

    public func apply(to text: String) -> String { start + text + Self.reset }

    public func adding(_ other: TerminalStyle) -> TerminalStyle { TerminalStyle(codes + other.codes) }
}
