/// One word of a command line: its text with quotes removed, whether it
/// began with a quote, and what followed the closing quote (`"text"#2`).
public struct Word: Sendable, Hashable {
    public var text: String
    public var quoted: Bool
    public var suffix: String

    public init(_ text: String, quoted: Bool = false, suffix: String = "") {
        self.text = text
        self.quoted = quoted
        self.suffix = suffix
    }
}

/// Splits command lines into commands (at unquoted `;`) and words (at
/// unquoted white space), with double quotes (`\"` and `\\` escapes inside)
/// and single quotes (literal).
public enum CommandLexer {
    /// The commands on a line, each as its words; a line starting with `#`
    /// is a comment and gives none.
    public static func commands(in line: String) throws(CommandError) -> [[Word]] {
        var commands: [[Word]] = []
        var words: [Word] = []
        var current: Word?
        var quote: Unicode.Scalar?
        var escaped = false
        var afterQuote = false
        let scalars = Array(line.unicodeScalars)
        if let first = scalars.first(where: { !$0.properties.isWhitespace }), first == "#" { return [] }

        func finishWord() {
            if let word = current { words.append(word) }
            current = nil
            afterQuote = false
        }
        for scalar in scalars {
            if let open = quote {
                if escaped {
                    current?.text.unicodeScalars.append(scalar)
                    escaped = false
                } else if open == "\"", scalar == "\\" {
                    escaped = true
                } else if scalar == open {
                    quote = nil
                    if current?.quoted == true, current?.suffix.isEmpty == true { afterQuote = true }
                } else {
                    current?.text.unicodeScalars.append(scalar)
                }
                continue
            }
            if scalar.properties.isWhitespace {
                finishWord()
                continue
            }
            if scalar == ";" {
                finishWord()
                if !words.isEmpty { commands.append(words) }
                words = []
                continue
            }
            if scalar == "\"" || scalar == "'" {
                if current == nil { current = Word("", quoted: true) }
                quote = scalar
                continue
            }
            if current == nil { current = Word("") }
            if afterQuote {
                current?.suffix.unicodeScalars.append(scalar)
            } else {
                current?.text.unicodeScalars.append(scalar)
            }
        }
        if quote != nil { throw CommandError("unterminated quote") }
        finishWord()
        if !words.isEmpty { commands.append(words) }
        return commands
    }

    /// A command written back as a line this lexer reads as the same words
    /// (for the session log).
    public static func line(of words: [Word]) -> String {
        words.map { word in
            let plain = !word.quoted && !word.text.isEmpty && word.suffix.isEmpty
                && !word.text.unicodeScalars.contains { $0.properties.isWhitespace || $0 == ";" || $0 == "\"" || $0 == "'" || $0 == "\\" }
                && !word.text.hasPrefix("#")
            if plain { return word.text }
            var quoted = "\""
            for scalar in word.text.unicodeScalars {
                if scalar == "\"" || scalar == "\\" { quoted += "\\" }
                quoted.unicodeScalars.append(scalar)
            }
            return quoted + "\"" + word.suffix
        }.joined(separator: " ")
    }
}
