import Foundation
import Testing
@testable import LoupeCore

/// External analyzers that misbehave as real programs do: a banner before
/// the handshake, garbage, a hang, a crash, spans outside the text, fields
/// Loupe keeps for itself, a missing program. Each is one error naming the
/// analyzer (and the document), within the timeout, and nothing is applied.
@Suite struct ExternalAnalyzerTests {
    static let descriptor =
        #"{"type":"descriptor","protocol":1,"id":"fake","name":"Fake","summary":"A fake analyzer.","version":"1.0.0","layers":["fake"],"options":{"x":1}}"#

    /// A shell script that reads the hello, prints `handshake`, then runs
    /// `perRequest` for each request with the document id in `$id` and the
    /// request's number in `$n`.
    static func program(handshake: String = "echo '\(descriptor)'", perRequest: String) throws -> ExternalAnalyzerSpec {
        let directory = TestPaths.temporaryDirectory()
        let script = """
            #!/bin/sh
            read hello
            \(handshake)
            n=0
            while read request; do
              n=$((n+1))
              id=$(printf '%s' "$request" | sed 's/.*"document":{"id":"\\([^"]*\\)".*/\\1/')
              \(perRequest)
            done
            """
        let path = directory + "/fake.sh"
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return ExternalAnalyzerSpec(id: "fake", command: ["./fake.sh"], directory: directory, timeout: 2)
    }

    static func reply(_ suggestions: String) -> String {
        #"echo "{\"type\":\"suggestions\",\"document\":\"$id\",\"suggestions\":[\#(suggestions)]}""#
    }

    static let good = #"{\"label\":\"hit\",\"start\":0,\"end\":3,\"rule\":\"fake.rule\",\"cues\":[{\"text\":\"The\",\"start\":0,\"end\":3}]}"#

    let text = "The senator said the plan would work."

    func failure(_ spec: ExternalAnalyzerSpec, documents: Int = 1) -> String {
        do {
            let analyzer = try ExternalAnalyzer(spec: spec, options: [:])
            for index in 0..<documents {
                _ = try analyzer.analyzeOrFail(Document(id: "d\(index + 1)", text: text, sourcePath: "d"))
            }
            return "no failure"
        } catch {
            return error.description
        }
    }

    @Test func aWellBehavedProgramGivesSuggestionsWithProvenance() throws {
        let spec = try Self.program(perRequest: Self.reply(Self.good))
        let entry = try ExternalAnalyzer.entry(for: spec)
        #expect(entry.descriptor.id == "fake")
        #expect(entry.optionNames == ["x"])
        let analyzer = try entry.make(options: ["x": .int(2)])
        let document = Document(id: "d1", text: text, sourcePath: "d")
        let runner = AnalysisRunner(analyzers: [analyzer], time: "2026-01-01T00:00:00Z")
        let annotations = runner.annotations(for: document)[0]
        #expect(annotations.map(\.label) == ["hit"])
        #expect(annotations.first?.creator == .analyzer(id: "fake", version: "1.0.0"))
        #expect(annotations.first?.status == .suggested)
        #expect(throws: AnalyzerError.self) { try entry.make(options: ["y": .int(2)]) }
    }

    @Test func aBannerBeforeTheHandshake() throws {
        let spec = try Self.program(handshake: "echo 'Loading model...'; echo '\(Self.descriptor)'", perRequest: "")
        #expect(failure(spec).contains(#"external analyzer fake: answered its handshake with a line that is not JSON ("Loading model...")"#))
    }

    @Test func garbageForADocument() throws {
        let spec = try Self.program(perRequest: #"echo '{"type":"suggestions", oops'"#)
        #expect(failure(spec).hasPrefix("external analyzer fake, document d1: answered the document with a line that is not JSON"))
    }

    @Test func aHangIsATimeout() throws {
        let spec = try Self.program(perRequest: "sleep 30")
        let start = Date()
        #expect(failure(spec) == "external analyzer fake, document d1: no reply to the document within 2 s (the timeout)")
        #expect(Date().timeIntervalSince(start) < 10, "the timeout ends the wait and the program")
    }

    @Test func aCrashOnTheSecondDocument() throws {
        let spec = try Self.program(perRequest: "if [ $n -eq 2 ]; then echo 'Traceback: boom' >&2; exit 3; fi; " + Self.reply(Self.good))
        let message = failure(spec, documents: 2)
        #expect(message.hasPrefix("external analyzer fake, document d2: ended its output before answering the document"))
        #expect(message.contains("exited with status 3"))
        #expect(message.contains(#"its standard error: "Traceback: boom""#))
    }

    @Test(arguments: [
        (#"{\"label\":\"hit\",\"start\":0,\"end\":999,\"rule\":\"r\"}"#, "span 0-999 is outside the text (0-37, in Unicode scalars)"),
        (#"{\"id\":\"a-1\",\"label\":\"hit\",\"rule\":\"r\"}"#, #"sets "id", which Loupe sets"#),
        (#"{\"label\":\"hit\",\"rule\":\"r\",\"status\":\"accepted\"}"#, #"sets "status", which Loupe sets"#),
        (#"{\"label\":\"hit\",\"start\":0,\"end\":3}"#, #"names no "rule""#),
        (#"{\"layer\":\"other\",\"label\":\"hit\",\"rule\":\"r\"}"#, #"is in layer "other", which its descriptor does not declare"#),
        (#"{\"label\":\"hit\",\"rule\":\"r\",\"cues\":[{\"text\":\"Xyz\",\"start\":0,\"end\":3}]}"#, #"a cue says "Xyz" but its span holds "The""#),
    ])
    func outOfProtocol(suggestion: String, message: String) throws {
        let spec = try Self.program(perRequest: Self.reply(suggestion))
        let failure = failure(spec)
        #expect(failure.hasPrefix("external analyzer fake, document d1: suggestion 1"), "\(failure)")
        #expect(failure.contains(message), "\(failure)")
    }

    @Test func aMissingProgramAndAWrongID() throws {
        let missing = ExternalAnalyzerSpec(id: "fake", command: ["no-such-program-for-loupe"], directory: ".", timeout: 2)
        #expect(failure(missing) == #"external analyzer fake: program "no-such-program-for-loupe" not found in PATH"#)
        let other = try Self.program(handshake: #"echo '{"type":"descriptor","protocol":1,"id":"other","name":"N","summary":"S","version":"1.0.0"}'"#, perRequest: "")
        #expect(failure(other).contains(#"announced id "other", but the configuration declares "fake""#))
    }

    @Test func aFailedRunChangesNothing() throws {
        let spec = try Self.program(perRequest: "if [ $n -eq 2 ]; then exit 3; fi; " + Self.reply(Self.good))
        let store = AnnotationStore(directory: TestPaths.temporaryDirectory())
        _ = store.add([Document(id: "d1", text: text, sourcePath: "d"), Document(id: "d2", text: text, sourcePath: "d")])
        let runner = AnalysisRunner(analyzers: [try ExternalAnalyzer(spec: spec, options: [:])], time: "2026-01-01T00:00:00Z")
        #expect(throws: AnalysisFailure.self) {
            _ = try store.analyze(runner, documents: ["d1", "d2"], jobs: 1, stop: { false })
        }
        #expect(store.annotations(in: "d1").isEmpty, "the first document's suggestions were taken back")
        #expect(store.dirtyDocumentIDs.isEmpty)
    }
}
