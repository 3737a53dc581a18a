import Testing
@testable import LoupeREPL

@Suite struct CommandLexerTests {
    @Test func splitsWordsAndCommands() throws {
        let commands = try CommandLexer.commands(in: ##"annotate "a b; c"#2 framing:x note="two words"; list"##)
        #expect(commands.count == 2)
        #expect(commands[0] == [
            Word("annotate"), Word("a b; c", quoted: true, suffix: "#2"), Word("framing:x"), Word("note=two words"),
        ])
        #expect(commands[1] == [Word("list")])
    }

    @Test func handlesEscapesAndSingleQuotes() throws {
        let words = try CommandLexer.commands(in: #"find "say \"hi\" \\ now" 'it''s'"#)[0]
        #expect(words[1].text == #"say "hi" \ now"#)
        #expect(words[2].text == "its")
    }

    @Test func skipsCommentsAndBlankLines() throws {
        #expect(try CommandLexer.commands(in: "   # a comment; list").isEmpty)
        #expect(try CommandLexer.commands(in: "   ").isEmpty)
        #expect(try CommandLexer.commands(in: ";;").isEmpty)
    }

    @Test func rejectsUnterminatedQuotes() {
        #expect(throws: CommandError.self) { try CommandLexer.commands(in: #"annotate "open"#) }
    }
}
