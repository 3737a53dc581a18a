import LoupeCore

/// Checks an analyzer against its own `examples.json`, the way every
/// analyzer module's tests do: each example as written and again behind a
/// multi-byte prefix, where every offset must shift by exactly the prefix's
/// length in scalars (this catches byte/character offset bugs).
public enum ExampleAssertions {
    /// A paragraph of its own made of two-byte letters and a four-byte letter
    /// (outside the Basic Multilingual Plane, so UTF-16 offsets differ too),
    /// with no meaning any analyzer could react to: an emoji would be read
    /// by the sentiment analyzer as words and change scores, not just offsets.
    public static let multiBytePrefix = "é𝔼Ωü\n"

    /// Descriptions of every failure; empty when all examples pass. Each
    /// example runs with `analyzer`, or, when it names options of its own,
    /// with an analyzer of that type made with them.
    public static func failures(of analyzer: any Analyzer, on examples: ExampleSet) -> [String] {
        var failures: [String] = []
        for example in examples.examples {
            let chosen: any Analyzer
            if example.options.isEmpty {
                chosen = analyzer
            } else {
                do {
                    chosen = try type(of: analyzer).make(options: example.options)
                } catch {
                    failures.append("\(example.id): \(error)")
                    continue
                }
            }
            for variant in [example, example.shifted(by: multiBytePrefix)] {
                let outcome = ExampleOutcome.check(variant, with: chosen)
                let where_ = variant.text == example.text ? "" : " (behind a multi-byte prefix)"
                for missing in outcome.missing {
                    let place = missing.range.map { "@\($0.lowerBound)-\($0.upperBound)" } ?? "doc"
                    failures.append("\(example.id)\(where_): expected \(missing.label) at \(place), found \(describe(outcome.suggestions))")
                }
                for extra in outcome.unexpected {
                    failures.append("\(example.id)\(where_): quiet example, but found \(extra.label) at \(extra.range.map { "@\($0.lowerBound)-\($0.upperBound)" } ?? "doc")")
                }
                failures += explanationFaults(outcome.suggestions, text: variant.text).map { "\(example.id)\(where_): \($0)" }
            }
        }
        return failures
    }

    /// The failures of one example from an analyzer's own `examples.json`,
    /// checked with the analyzer's default options (and the example's own): what each analyzer
    /// module's parameterised example test asks.
    public static func failures<A: Analyzer>(of type: A.Type, example id: String) throws -> [String] {
        let set = try type.loadExamples()
        guard let example = set.examples.first(where: { $0.id == id }) else { return ["\(id): no such example"] }
        return failures(of: try type.make(options: [:]), on: ExampleSet(analyzer: set.analyzer, examples: [example]))
    }

    /// Every suggestion must name a rule, and its cues must quote the text at their spans.
    public static func explanationFaults(_ suggestions: [Suggestion], text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        var faults: [String] = []
        for suggestion in suggestions {
            if suggestion.rule.isEmpty { faults.append("\(suggestion.label): no rule named") }
            if let range = suggestion.range, range.lowerBound < 0 || range.upperBound > scalars.count || range.isEmpty {
                faults.append("\(suggestion.label): span \(range) outside the text")
            }
            for cue in suggestion.cues {
                guard cue.range.lowerBound >= 0, cue.range.upperBound <= scalars.count else {
                    faults.append("\(suggestion.label): cue \(cue.text) out of range")
                    continue
                }
                var quoted = ""
                quoted.unicodeScalars.append(contentsOf: scalars[cue.range])
                if quoted != cue.text { faults.append("\(suggestion.label): cue says \"\(cue.text)\" but its span holds \"\(quoted)\"") }
            }
        }
        return faults
    }

    static func describe(_ suggestions: [Suggestion]) -> String {
        if suggestions.isEmpty { return "nothing" }
        return suggestions.map { s in "\(s.label)@" + (s.range.map { "\($0.lowerBound)-\($0.upperBound)" } ?? "doc") }.joined(separator: ", ")
    }
}
