import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Runs loupe as a user who cannot write a folder: the current user when it
/// is not root (a folder without write permission stops it), else `nobody`
/// through runuser (root writes anywhere).
enum Unprivileged {
    static let runuser = "/usr/sbin/runuser"

    /// Whether such a run is possible here: not root, or root with runuser
    /// and a loupe that `nobody` may execute.
    static let available: Bool = {
        guard geteuid() == 0 else { return true }
        guard FileManager.default.isExecutableFile(atPath: runuser) else { return false }
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: runuser)
        probe.arguments = ["-u", "nobody", "--", LoupeProcess.executable.path, "--version"]
        probe.standardOutput = FileHandle.nullDevice
        probe.standardError = FileHandle.nullDevice
        do { try probe.run() } catch { return false }
        probe.waitUntilExit()
        return probe.terminationStatus == 0
    }()

    static func run(_ arguments: [String], in directory: URL) throws -> LoupeProcess.Result {
        let process = Process()
        if geteuid() == 0 {
            process.executableURL = URL(fileURLWithPath: runuser)
            process.arguments = ["-u", "nobody", "--", LoupeProcess.executable.path] + arguments
        } else {
            process.executableURL = LoupeProcess.executable
            process.arguments = arguments
        }
        process.currentDirectoryURL = directory
        process.environment = LoupeProcess.environment()
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return LoupeProcess.Result(
            status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
    }
}

@Suite struct ReadOnlyFolderTests {
    /// A save into a folder that cannot be written is one error naming the
    /// folder; nothing is lost, and `save --to` writes everything elsewhere.
    @Test(.enabled(if: Unprivileged.available, "needs a user who cannot write the folder"))
    func aReadOnlyFolderLosesNothingAndSaveToWritesElsewhere() throws {
        let workspace = LoupeProcess.workspace()
        let first = try LoupeProcess.run(["-c", "annotate s1 note:first; save"], in: workspace)
        #expect(first.status == 0, "\(first.stderr)")
        let annotations = workspace.appendingPathComponent("annotations")
        let file = annotations.appendingPathComponent("000_19d9e6d631ab6c94.json")
        let before = try Data(contentsOf: file)
        // Everyone may read and enter the workspace and write beside it; nobody may write the annotations.
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: workspace.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: annotations.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: annotations.path) }

        let run = try Unprivileged.run(
            ["--keep-going", "-c", "annotate s2 note:second; save; save --to elsewhere; list --json"], in: workspace)
        #expect(run.status == 1)
        let errors = run.stderr.split(separator: "\n").filter { $0.contains("error:") }
        #expect(errors.count == 1, "\(run.stderr)")
        #expect(errors.first?.contains(
            "-c:1: error: annotations/: cannot save in this folder (Permission denied); nothing was saved and every change is still in this session: 'save --to FOLDER' saves them elsewhere") == true)
        #expect(try Data(contentsOf: file) == before)
        let moved = try String(contentsOf: workspace.appendingPathComponent("elsewhere/000_19d9e6d631ab6c94.json"), encoding: .utf8)
        #expect(moved.contains("\"label\":\"first\""), "what was saved before")
        #expect(moved.contains("\"label\":\"second\""), "what could not be saved in the read-only folder")
    }
}
