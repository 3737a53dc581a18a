import Foundation
import Testing

/// loupe.json and the external analyzers it declares, through the built loupe.
@Suite struct ProjectConfigurationTests {
    static let readability = LoupeProcess.repositoryRoot.appendingPathComponent("Templates/External/readability.py").path

    @Test func thePythonAnalyzerIsUsedLikeABuiltIn() throws {
        let workspace = LoupeProcess.workspace()
        let configuration = #"{"annotator": "Ana", "external": {"readability": {"command": ["python3", "\#(Self.readability)"], "timeout": 20}}}"#
        try configuration.write(to: workspace.appendingPathComponent("loupe.json"), atomically: true, encoding: .utf8)
        let run = try LoupeProcess.run(
            ["-c", "analyzers --json; examples readability; analyze readability --all; accept where layer=readability label=reading-ease doc=*; "
                + "reject where layer=readability label=long-sentence doc=*; save"],
            in: workspace)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains(#""id": "readability""#))
        #expect(run.stdout.contains("2 of 2 examples pass"))
        #expect(run.stderr.contains("readability@1.0.0: 5 documents"))
        let file = try String(contentsOf: workspace.appendingPathComponent("annotations/003_dc80155c430df523.json"), encoding: .utf8)
        #expect(file.contains(#""creator":"readability@1.0.0""#))
        #expect(file.contains(#""status":"accepted""#))
        #expect(file.contains(#""reviewer":"Ana""#), "the reviewer is the configuration's annotator")

        // Re-running leaves the decisions alone, as for a built-in.
        let again = try LoupeProcess.run(["-c", "analyze readability --all; save"], in: workspace)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stderr.contains("kept as reviewed"))
        #expect(try String(contentsOf: workspace.appendingPathComponent("annotations/003_dc80155c430df523.json"), encoding: .utf8) == file)
    }

    @Test(arguments: [
        (#"{"annotatr": "Ana"}"#, #"loupe.json:1: annotatr: not a setting; did you mean "annotator"?"#),
        ("{\n  \"jobs\": \"two\"\n}", "loupe.json:2: jobs: expected a whole number from 1 to 256"),
        (#"{"annotator": "Ana",}"#, "loupe.json:1: invalid JSON"),
        (#"{"external": {"x": {"command": ["no-such-program-for-loupe"]}}}"#, #"external analyzer x: program "no-such-program-for-loupe" not found in PATH"#),
        (#"{"analyzers": {"sentiment": {"includeNeutal": true}}}"#, #"analyzers.sentiment: sentiment: invalid options: no option "includeNeutal"; did you mean "includeNeutral"?"#),
    ])
    func aBadConfigurationIsOneLine(text: String, message: String) throws {
        let workspace = LoupeProcess.workspace()
        try text.write(to: workspace.appendingPathComponent("loupe.json"), atomically: true, encoding: .utf8)
        let run = try LoupeProcess.run(["-c", "docs"], in: workspace)
        #expect(run.status != 0)
        let errors = run.stderr.split(separator: "\n").filter { $0.contains("error:") }
        #expect(errors.count == 1, "\(run.stderr)")
        #expect(run.stderr.contains(message), "\(run.stderr)")
    }

    @Test func setSaveWritesTheSettingsBack() throws {
        let workspace = LoupeProcess.workspace()
        let first = try LoupeProcess.run(["-c", "set annotator Bea; set sentiment.sentenceThreshold 0.5 --save"], in: workspace)
        #expect(first.status == 0, "\(first.stderr)")
        let saved = try String(contentsOf: workspace.appendingPathComponent("loupe.json"), encoding: .utf8)
        #expect(saved.contains(#""annotator": "Bea""#))
        #expect(saved.contains(#""sentenceThreshold": 0.5"#))
        let second = try LoupeProcess.run(["-c", "set"], in: workspace)
        #expect(second.stdout.contains("annotator  Bea"))
        #expect(second.stdout.contains("sentiment.sentenceThreshold  0.5"))
        let refused = try LoupeProcess.run(["-c", "set sentiment.includeNeutal true --save"], in: workspace)
        #expect(refused.status == 1)
        #expect(try String(contentsOf: workspace.appendingPathComponent("loupe.json"), encoding: .utf8) == saved, "a refused option is not stored")
    }
}
