import Foundation
import LoupeCore

/// Marks the figures a fact-checker would check: percentages, sums of
/// money and counts with a scale word ("2.5 million", "$4 billion",
/// "37 percent"). A bare year or a small count is left alone.
public struct FiguresAnalyzer: Analyzer {
    /// What the analyzer can be told, with `set figures.OPTION VALUE`.
    public struct Options: AnalyzerOptions {
        /// Plain numbers of at least this many digits are marked too
        /// (0: only numbers with a unit or a scale word).
        public var plainDigits = 0
        /// Whether a four-digit number from 1800 to 2099 with nothing around it
        /// (a year) counts as a plain number.
        public var includeYears = false

        public init() {}

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            plainDigits = try container.decodeIfPresent(Int.self, forKey: .plainDigits) ?? 0
            includeYears = try container.decodeIfPresent(Bool.self, forKey: .includeYears) ?? false
        }
    }

    public static let descriptor = AnalyzerDescriptor(
        id: "figures", name: "Figures",
        summary: "Marks percentages, sums of money and scaled counts, the numbers a fact-checker checks.",
        version: "1.0.0", labels: ["percentage", "money", "count"], colour: .yellow)

    public static var examplesURL: URL? { Bundle.module.url(forResource: "examples", withExtension: "json") }

    private static let currencySymbols: Set<String> = ["$", "€", "£", "¥"]
    private static let currencyWords: Set<String> = ["dollars", "dollar", "euros", "euro", "pounds", "yen", "rubles", "roubles", "yuan"]
    private static let percentWords: Set<String> = ["percent", "per cent", "%", "percentage points"]
    private static let scaleWords: Set<String> = ["thousand", "million", "billion", "trillion", "bn", "m"]

    let options: Options

    public init(options: Options) throws(AnalyzerError) {
        guard (0...20).contains(options.plainDigits) else {
            throw .invalidOptions(analyzer: Self.descriptor.id, reason: "plainDigits is from 0 to 20, not \(options.plainDigits)")
        }
        self.options = options
    }

    public func analyze(_ document: Document) -> [Suggestion] {
        let tokens = document.segmentation.tokens
        var suggestions: [Suggestion] = []
        func text(_ index: Int) -> String { String(document.text.slice(utf8: tokens[index].span.utf8)) }
        func lower(_ index: Int) -> String? { index < tokens.count ? text(index).lowercased() : nil }
        var index = 0
        while index < tokens.count {
            defer { index += 1 }
            guard tokens[index].kind == .number else { continue }
            var start = index
            var end = index
            var label: String?
            var rule = ""
            // A currency symbol just before: "$4".
            if index > 0, Self.currencySymbols.contains(text(index - 1)) {
                start = index - 1
                label = "money"
                rule = "figures.currency-symbol"
            }
            // A scale word after: "4 billion".
            if let next = lower(end + 1), Self.scaleWords.contains(next) {
                end += 1
                if label == nil {
                    label = "count"
                    rule = "figures.scale-word"
                }
            }
            // A unit after: "37 percent", "37%", "5 dollars", "3 percentage points".
            if let next = lower(end + 1) {
                if next == "%" || next == "percent" {
                    end += 1
                    label = "percentage"
                    rule = "figures.percent"
                } else if next == "per", lower(end + 2) == "cent" {
                    end += 2
                    label = "percentage"
                    rule = "figures.percent"
                } else if next == "percentage", lower(end + 2) == "points" {
                    end += 2
                    label = "percentage"
                    rule = "figures.percentage-points"
                } else if Self.currencyWords.contains(next) {
                    end += 1
                    label = "money"
                    rule = "figures.currency-word"
                }
            }
            if label == nil, isPlainFigure(text(index)) {
                label = "count"
                rule = "figures.plain-number"
            }
            guard let label else { continue }
            let range = tokens[start].span.scalars.lowerBound..<tokens[end].span.scalars.upperBound
            let number = tokens[index].span.scalars
            suggestions.append(
                Suggestion(
                    layer: Self.descriptor.id, label: label, range: range, rule: rule,
                    cues: [Cue(text: text(index), range: number)]))
            index = end
        }
        return suggestions
    }

    /// A number marked without a unit: enough digits, and not a year unless asked.
    private func isPlainFigure(_ number: String) -> Bool {
        guard options.plainDigits > 0 else { return false }
        let digits = number.unicodeScalars.filter { ("0"..."9").contains($0) }.count
        guard digits >= options.plainDigits else { return false }
        if !options.includeYears, digits == 4, number.count == 4, let year = Int(number), (1800...2099).contains(year) { return false }
        return true
    }
}
