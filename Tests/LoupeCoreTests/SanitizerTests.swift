import LoupeCore
import Testing

/// What may reach a terminal: text, line breaks, tabs and Loupe's colour codes.
@Suite struct SanitizerTests {
    @Test(arguments: [
        ("plain text, “quotes” and é\n\tnext line", "plain text, “quotes” and é\n\tnext line"),
        ("\u{1B}[31merror:\u{1B}[0m text", "\u{1B}[31merror:\u{1B}[0m text"),
        ("\u{1B}[1;4mbold\u{1B}[0m", "\u{1B}[1;4mbold\u{1B}[0m"),
        ("clear \u{1B}[2J here", "clear \\e[2J here"),
        ("clipboard \u{1B}]52;c;aGk=\u{07}", "clipboard \\e]52;c;aGk=\\u{7}"),
        ("\u{202E}reversed\u{2066}", "\\u{202E}reversed\\u{2066}"),
        ("c1 \u{9B}31m and \u{85}", "c1 \\u{9B}31m and \\u{85}"),
        ("back\u{08} return\r", "back\\u{8} return\\r"),
        ("unfinished \u{1B}[31", "unfinished \\e[31"),
        ("\u{1B}", "\\e"),
    ])
    func terminalSafe(text: String, shown: String) {
        #expect(Sanitizer.terminalSafe(text) == shown)
    }

    @Test func sanitizedTextIsAlreadyTerminalSafe() {
        let hostile = "a\u{1B}[2J\u{1B}]52;c;x\u{07}\u{202E}\u{9B}\n"
        let once = Sanitizer.sanitize(hostile)
        #expect(Sanitizer.sanitize(once) == once)
        #expect(Sanitizer.terminalSafe(once) == once)
        #expect(!once.contains("\n"), "one line")
    }
}
