import Foundation
import Testing

/// Replays every saved fuzzing input, crashers found by `make fuzz` included,
/// through the parser it was made for, with the `loupe-fuzz` tool built beside
/// `loupe`: none may crash.
@Suite struct FuzzCorpusTests {
    static let corpus = LoupeProcess.repositoryRoot.appendingPathComponent("Tests/Fuzz/corpus")

    static var targets: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []).sorted()
    }

    @Test(arguments: targets)
    func savedInputsDoNotCrash(target: String) throws {
        let folder = Self.corpus.appendingPathComponent(target)
        let inputs = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map { folder.appendingPathComponent($0).path }
        #expect(!inputs.isEmpty)
        let process = Process()
        process.executableURL = LoupeProcess.executable.deletingLastPathComponent().appendingPathComponent("loupe-fuzz")
        process.arguments = [target] + inputs
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(target): \(message)")
    }

    @Test func everyTargetHasSavedInputs() {
        #expect(Self.targets == ["annotations", "import", "jsonl", "lexer", "markdown"])
    }
}
