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
    /// This process's folder, made (and its removal at exit arranged) on
    /// first use. Its name is unique, not only by process id: test runs in
    /// containers that share a temporary directory may have the same ids.
    public static let root: String = {
        let name = "loupe-test-run-\(getpid())-\(UUID().uuidString)"
        let path = (NSTemporaryDirectory() as NSString).appendingPathComponent(name)
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: TestScratch.root) }
        return path
    }()

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
