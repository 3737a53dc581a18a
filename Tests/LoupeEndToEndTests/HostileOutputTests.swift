import Foundation
import Testing

/// Text that tries to take over the terminal: clear the screen, write the
/// clipboard (OSC 52), reverse the line (bidi override), start a C1 control
/// sequence, ring the bell, back up and return. It sits in document text,
/// titles, metadata, file names, annotation notes, attribute values, labels
/// and typed arguments; no command may send any of it to the terminal raw.
enum HostileOutput {
    static let payload = "\u{1B}[2J\u{1B}]52;c;aGk=\u{07}\u{202E}\u{9B}31m\u{85}\u{08}\r"

    /// Whether `text` holds a scalar a terminal would act on, other than a
    /// line break or tab (and, when `colour` is allowed, Loupe's own
    /// `ESC [ digits ; m` colour codes).
    static func unsafeScalars(in text: String, colour: Bool = false) -> [String] {
        var found: [String] = []
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let value = scalars[index].value
            if colour, value == 0x1B, index + 1 < scalars.count, scalars[index + 1] == "[" {
                var end = index + 2
                while end < scalars.count, ("0"..."9").contains(scalars[end]) || scalars[end] == ";" { end += 1 }
                if end < scalars.count, scalars[end] == "m" {
                    index = end + 1
                    continue
                }
            }
            let unsafe = (value < 0x20 && value != 0x0A && value != 0x09) || value == 0x7F || (0x80..<0xA0).contains(value)
                || [0x200E, 0x200F, 0x061C].contains(value) || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
            if unsafe {
                let context = String(String.UnicodeScalarView(scalars[max(0, index - 30)..<min(scalars.count, index + 10)]))
                found.append("U+\(String(value, radix: 16, uppercase: true)) in \(context.debugDescription)")
            }
            index += 1
        }
        return found
    }

    /// A workspace with a corpus, a Markdown file and a script whose every
    /// field and argument carries the payload.
    static func workspace() throws -> URL {
        let workspace = LoupeProcess.workspace()
        let bad = payload
        func line(_ fields: [String: String]) throws -> String {
            String(decoding: try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]), as: UTF8.self)
        }
        let corpus = [
            try line([
                "id": "evil1", "title": "Title \(bad)", "outlet": "Outlet \(bad)", "author": "Author \(bad)",
                "url": "http://example.org/\(bad)", "date": "2024-01-01",
                "text": "Smith said \"the plan is \(bad) very good\" in Washington. The great nation \(bad) is strong, "
                    + "according to Reuters. The senator said it was terrible.",
            ]),
            try line(["id": "evil2", "text": "Jones said it was fine. A clean text."]),
            try line(["id": "bad\(bad)id", "text": "an id no file may take"]),
        ]
        try corpus.joined(separator: "\n").write(to: workspace.appendingPathComponent("corpus.jsonl"), atomically: true, encoding: .utf8)
        try "---\ntitle: T\(bad)\nauthor: A\(bad)\n---\n\nBody \(bad) as Smith said.\n"
            .write(to: workspace.appendingPathComponent("note\u{1B}[31m.md"), atomically: true, encoding: .utf8)
        return workspace
    }
}

@Suite struct HostileOutputTests {
    /// Every command, in a script, over hostile documents, notes, labels and
    /// arguments: standard output and standard error hold none of it raw,
    /// and the payload is still shown, escaped, where it was asked for.
    @Test func noCommandSendsHostileTextRaw() throws {
        let workspace = try HostileOutput.workspace()
        let bad = HostileOutput.payload
        let first = """
            docs
            docs --json
            use evil1
            show
            find very
            find very --json
            annotate s1 bias-markers:hedge "key=\(bad)" --note "note \(bad)"
            annotate "according to Reuters" source-citation:according-to "who=\(bad)"
            list
            list --json
            show --layer bias-markers
            analyze --all
            list layer=framing --json
            sources --all
            sources --json
            examples sentiment
            analyzers --json
            use "\(bad)"
            show "\(bad)"
            find "\(bad)"
            find "/\(bad)/"
            "\(bad)"
            set annotator "\(bad)"
            set "sentiment.\(bad)" 1
            edit "nosuch\(bad)" note=x
            accept where "label=\(bad)"
            reject where "note=\(bad)"
            help "\(bad)"
            open "\(bad)"
            open "note\u{1B}[31m.md"
            source "\(bad)"
            import "\(bad)"
            save
            """
        try first.write(to: workspace.appendingPathComponent("first.loupe"), atomically: true, encoding: .utf8)
        let run = try LoupeProcess.run(["corpus.jsonl", "--annotations", "ann", "--script", "first.loupe", "--keep-going"], in: workspace)
        #expect(run.status == 1, "the hostile arguments fail as commands")
        #expect(HostileOutput.unsafeScalars(in: run.stdout) == [])
        #expect(HostileOutput.unsafeScalars(in: run.stderr) == [])
        #expect(run.stdout.contains("\\e[2J\\e]52;c;aGk=\\u{7}\\u{202E}\\u{9B}31m"), "the payload is shown, escaped")
        #expect(run.stdout.contains("note \\\\e[2J") || run.stdout.contains("note \\e[2J"), "the note is listed")

        // A hand-edited annotation file brings the payload into a layer and a label.
        let annotations = workspace.appendingPathComponent("ann")
        let file = try #require(FileManager.default.contentsOfDirectory(atPath: annotations.path).first { $0.hasPrefix("evil1") })
        let url = annotations.appendingPathComponent(file)
        let escaped = "\\u001b[2J\\u001b]52;c;aGk=\\u0007\\u202e"
        let edited = try String(contentsOf: url, encoding: .utf8)
            .replacingOccurrences(of: "\"label\":\"hedge\"", with: "\"label\":\"hedge\(escaped)\"")
        try edited.write(to: url, atomically: true, encoding: .utf8)
        let second = try LoupeProcess.run(
            ["corpus.jsonl", "--annotations", "ann", "--keep-going", "-c", "use evil1; list; list --json; show; show --layer bias-markers; docs"],
            in: workspace)
        #expect(second.stdout.contains("hedge\\e[2J"), "the edited label is listed, escaped")
        #expect(HostileOutput.unsafeScalars(in: second.stdout) == [])
        #expect(HostileOutput.unsafeScalars(in: second.stderr) == [])

        // loupe stream's errors and records.
        let stream = try LoupeProcess.run(["stream", "--jobs", "1", "corpus.jsonl", "\(bad).jsonl"], in: workspace)
        #expect(stream.status == 1)
        #expect(HostileOutput.unsafeScalars(in: stream.stdout) == [])
        #expect(HostileOutput.unsafeScalars(in: stream.stderr) == [])
        let usage = try LoupeProcess.run(["stream", "--analyzers", bad], in: workspace)
        #expect(usage.status == 2)
        #expect(HostileOutput.unsafeScalars(in: usage.stderr) == [])
        let flags = try LoupeProcess.run(["--\(bad)"], in: workspace)
        #expect(flags.status == 2)
        #expect(HostileOutput.unsafeScalars(in: flags.stderr) == [])
    }

    /// At a terminal, with colour on: only Loupe's colour codes and the line
    /// editor's own sequences; none of the payload's.
    @Test func theTerminalSeesNoneOfIt() throws {
        let workspace = try HostileOutput.workspace()
        let terminal = try PseudoTerminal(
            arguments: ["corpus.jsonl", "note\u{1B}[31m.md", "missing \(HostileOutput.payload)", "--annotations", "ann"], in: workspace,
            environment: ["LOUPE_HISTORY": workspace.appendingPathComponent("history").path, "TERM": "xterm", "HOME": workspace.path,
                          "LANG": "C.UTF-8", "PAGER": "cat"])
        try terminal.expect("loupe evil1> ")
        for command in ["docs", "show", "find very", "analyze --all", "list", "sources", "show --layer sentiment"] {
            try terminal.type(command + "\r")
            try terminal.expect("loupe evil1")
            try terminal.expect("> ")
        }
        try terminal.type("quit\r")
        try terminal.expect("Discard them and quit? [y/N] ")
        try terminal.type("y\r")
        _ = try terminal.waitForExit()
        let transcript = terminal.transcript
        for raw in ["\u{1B}[2J", "\u{1B}]52", "\u{07}", "\u{202E}", "\u{9B}", "\u{85}", "\u{08}"] {
            #expect(!transcript.contains(raw), "\(raw.unicodeScalars.map { String($0.value, radix: 16) }) reached the terminal")
        }
        #expect(transcript.contains("\\e[2J"), "the payload was shown, escaped")
    }
}
