import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Temporary files and folders for tests, all inside one folder per test
/// process that is removed when the process exits.
///
/// Tests that made their folders straight in the system's temporary
/// directory left them there: a developer's machine gathered tens of
/// thousands of `loupe-tests-…`, `loupe-e2e-…` and `loupe-repl-…` folders.
public enum TestScratch {
    /// This process's folder, made (and its removal at exit arranged) on first use.
    public static let root: String = {
        let path = rootPath(of: getpid())
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: TestScratch.rootPath(of: getpid())) }
        return path
    }()

    private static func rootPath(of process: pid_t) -> String {
        (NSTemporaryDirectory() as NSString).appendingPathComponent("loupe-test-run-\(process)")
    }

    /// A new, empty folder whose name starts with `prefix`.
    public static func folder(_ prefix: String) -> String {
        let path = (root as NSString).appendingPathComponent(prefix + "-" + UUID().uuidString)
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A path for a new file whose name starts with `prefix` and ends with `.extension`.
    public static func file(_ prefix: String, extension: String) -> String {
        (root as NSString).appendingPathComponent(prefix + "-" + UUID().uuidString + "." + `extension`)
    }
}
