import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file so that readers see either the old contents or the new ones,
/// never a mixture: a temporary file in the same folder, flushed to disk, then
/// renamed over the target (or, where the file system cannot rename over a
/// file, the old one renamed aside first and put back if a crash comes
/// between).
public enum AtomicFile {
    /// Writes `bytes` to `path` atomically.
    ///
    /// `failAfter` makes the write fail after that many bytes; tests use it to
    /// check that a failed save leaves the old file whole.
    public static func write(_ bytes: [UInt8], to path: String, failAfter: Int? = nil) throws(StoreError) {
        let temporary = temporaryPath(for: path)
        let limit = min(bytes.count, failAfter ?? bytes.count)
        try writeUnsynced(Array(bytes.prefix(limit)), to: temporary, reportingAs: path, sync: true)
        if limit < bytes.count {
            unlink(temporary)
            throw .writeFailed(path: path, reason: "simulated write failure")
        }
        if let reason = replace(path, with: temporary, renaming: .system) {
            unlink(temporary)
            throw .writeFailed(path: path, reason: reason)
        }
        syncDirectory(parentDirectory(of: path))
    }

    /// Writes a file atomically from parts made one after another (an export
    /// of a whole corpus), so that only one part is in memory at a time:
    /// `produce` is handed a function that appends a part to the temporary
    /// file; when it returns, the file is flushed and renamed over `path`.
    /// If `produce` or a write fails, the temporary file is removed and
    /// `path` is left as it was.
    public static func stream(
        to path: String, _ produce: (_ append: ([UInt8]) throws(StoreError) -> Void) throws(StoreError) -> Void
    ) throws(StoreError) {
        let temporary = temporaryPath(for: path)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .writeFailed(path: path, reason: errnoText()) }
        do throws(StoreError) {
            try produce { (bytes: [UInt8]) throws(StoreError) in
                if let failure = bytes.withUnsafeBytes({ writeFully(descriptor, $0) }) {
                    throw .writeFailed(path: path, reason: failure)
                }
            }
            if fsync(descriptor) != 0 { throw .writeFailed(path: path, reason: errnoText()) }
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        if close(descriptor) != 0 {
            let reason = errnoText()
            unlink(temporary)
            throw .writeFailed(path: path, reason: reason)
        }
        if let reason = replace(path, with: temporary, renaming: .system) {
            unlink(temporary)
            throw .writeFailed(path: path, reason: reason)
        }
        syncDirectory(parentDirectory(of: path))
    }

    /// Writes many files in one folder, each atomically, paying for
    /// durability once rather than per file: every temporary file is written
    /// first, then all are made durable together (one `syncfs` on Linux, an
    /// `fsync` each elsewhere), then each is renamed over its target, then
    /// the folder is synced once. Whenever the process dies, each target
    /// holds its old contents or its new ones, whole.
    ///
    /// - Parameter files: the files, produced in groups so that only one
    ///   group's bytes are in memory at a time; `next` returns `nil` at the end.
    /// - Returns: the paths written, and a failure for each file that was not
    ///   (its old contents are unchanged).
    public static func writeAll(
        in directory: String, next: () -> [(path: String, bytes: [UInt8])]?
    ) -> (written: [String], failures: [StoreError]) {
        writeAll(in: directory, renaming: .system, next: next)
    }

    /// ``writeAll(in:next:)`` with another way of renaming (tests stand in
    /// for a file system without rename-over with it).
    static func writeAll(
        in directory: String, renaming: Renaming, next: () -> [(path: String, bytes: [UInt8])]?
    ) -> (written: [String], failures: [StoreError]) {
        var staged: [(temporary: String, path: String)] = []
        var failures: [StoreError] = []
        while let group = next() {
            // Ctrl-C while the files are being written: none is put in place,
            // so the folder is as it was.
            if Interruption.isRequested {
                for (temporary, _) in staged { unlink(temporary) }
                return ([], failures + [.saveInterrupted(path: directory)])
            }
            for (path, bytes) in group {
                let temporary = temporaryPath(for: path)
                do throws(StoreError) {
                    try writeUnsynced(bytes, to: temporary, reportingAs: path)
                    staged.append((temporary, path))
                } catch {
                    failures.append(error)
                }
            }
        }
        if let reason = makeDurable(staged.map(\.temporary), in: directory) {
            for (temporary, path) in staged {
                unlink(temporary)
                failures.append(.writeFailed(path: path, reason: reason))
            }
            return ([], failures)
        }
        var written: [String] = []
        written.reserveCapacity(staged.count)
        var setAside: [String] = []
        for (temporary, path) in staged {
            if let reason = replace(path, with: temporary, renaming: renaming, keepingAside: &setAside) {
                unlink(temporary)
                failures.append(.writeFailed(path: path, reason: reason))
            } else {
                written.append(path)
            }
        }
        syncDirectory(directory)
        // The new files are durable in their place: the old ones set aside can go.
        if !setAside.isEmpty {
            for aside in setAside { unlink(aside) }
            syncDirectory(directory)
        }
        return (written, failures)
    }

    /// How files are renamed: the system's `rename(2)`, or a stand-in.
    struct Renaming: Sendable {
        /// Returns 0, or -1 with `errno` set, as `rename(2)` does.
        let rename: @Sendable (String, String) -> Int32
        static let system = Renaming { from, to in systemRename(from, to) }
    }

    /// Puts `temporary` in the place of `path`; the reason when it cannot.
    ///
    /// Some file systems (certain network and FUSE mounts) refuse to rename
    /// over an existing file. There the old file is first renamed aside to
    /// `.NAME.old-PID`, the new one renamed in, and the old one removed once
    /// the new one is durable (`keepingAside` collects them). A process
    /// killed between the two renames leaves no file at `path` and the old
    /// one aside, whole: ``restoreSetAside(in:)`` puts it back at the next
    /// open.
    static func replace(_ path: String, with temporary: String, renaming: Renaming, keepingAside setAside: inout [String]) -> String? {
        if renaming.rename(temporary, path) == 0 { return nil }
        let code = errno
        let refusedOver = [EEXIST, EPERM, ENOTSUP, EOPNOTSUPP, EBUSY, EACCES].contains(code)
        guard refusedOver, access(path, F_OK) == 0 else { return String(cString: strerror(code)) }
        let aside = asidePath(for: path)
        guard renaming.rename(path, aside) == 0 else { return String(cString: strerror(code)) }
        guard renaming.rename(temporary, path) == 0 else {
            let reason = errnoText()
            _ = renaming.rename(aside, path)
            return reason
        }
        setAside.append(aside)
        return nil
    }

    /// ``replace(_:with:renaming:keepingAside:)`` for one file: the old one,
    /// if set aside, is removed at once.
    static func replace(_ path: String, with temporary: String, renaming: Renaming) -> String? {
        var setAside: [String] = []
        if let reason = replace(path, with: temporary, renaming: renaming, keepingAside: &setAside) { return reason }
        if !setAside.isEmpty {
            syncDirectory(parentDirectory(of: path))
            for aside in setAside { unlink(aside) }
        }
        return nil
    }

    /// `.NAME.old-PID` beside `path`.
    static func asidePath(for path: String) -> String {
        let name = String(path.split(separator: "/").last ?? "")
        return parentDirectory(of: path) + "/." + name + ".old-\(getpid())"
    }

    /// Finishes what a killed save on a file system without rename-over left
    /// undone: an old file set aside whose place is empty is put back (its
    /// contents are whole: the last saved state); one whose place holds the
    /// new file is removed. Returns the names of the files put back. Another
    /// live session's files are left alone.
    public static func restoreSetAside(in directory: String) -> [String] {
        var restored: [String] = []
        for (name, original) in leftBehind(in: directory, marker: ".old-") {
            guard !original.isEmpty else { continue }
            let aside = directory + "/" + name
            let target = directory + "/" + original
            if access(target, F_OK) == 0 {
                unlink(aside)
            } else if systemRename(aside, target) == 0 {
                restored.append(original)
            }
        }
        if !restored.isEmpty { syncDirectory(directory) }
        return restored
    }

    /// `.NAME.tmp-PID` beside `path`.
    static func temporaryPath(for path: String) -> String {
        let name = String(path.split(separator: "/").last ?? "")
        return parentDirectory(of: path) + "/." + name + ".tmp-\(getpid())"
    }

    /// Writes a whole file, synced or not; removes it on failure.
    private static func writeUnsynced(
        _ bytes: [UInt8], to temporary: String, reportingAs path: String, sync: Bool = false
    ) throws(StoreError) {
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .writeFailed(path: path, reason: errnoText()) }
        var failure = bytes.withUnsafeBytes { writeFully(descriptor, $0) }
        if failure == nil, sync, fsync(descriptor) != 0 { failure = errnoText() }
        if close(descriptor) != 0, failure == nil { failure = errnoText() }
        if let failure {
            unlink(temporary)
            throw .writeFailed(path: path, reason: failure)
        }
    }

    /// Writes all of `bytes` to `descriptor`, going on after interrupted or
    /// partial writes; the reason when it fails (a full disk, a closed pipe).
    public static func writeFully(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> String? {
        guard let base = bytes.baseAddress else { return nil }
        var written = 0
        while written < bytes.count {
            let result = systemWrite(descriptor, base + written, bytes.count - written)
            if result < 0 {
                if errno == EINTR { continue }
                return errnoText()
            }
            written += result
        }
        return nil
    }

    /// Makes written files durable; the reason on failure.
    private static func makeDurable(_ paths: [String], in directory: String) -> String? {
        guard !paths.isEmpty else { return nil }
        #if os(Linux)
        // One call flushes the whole file system the folder is on.
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if descriptor >= 0 {
            defer { close(descriptor) }
            if linuxSyncfs(descriptor) == 0 { return nil }
        }
        #endif
        for path in paths {
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { return errnoText() }
            defer { close(descriptor) }
            if fsync(descriptor) != 0 { return errnoText() }
        }
        return nil
    }

    private static func syncDirectory(_ directory: String) {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if descriptor >= 0 {
            _ = fsync(descriptor)
            close(descriptor)
        }
    }

    /// Removes temporary files in `directory` that a save of a process no
    /// longer running left behind (it was killed between writing and
    /// renaming them); returns their names. Another live session's
    /// temporary files are left alone.
    public static func removeStaleTemporaries(in directory: String) -> [String] {
        leftBehind(in: directory, marker: ".tmp-").map(\.name).filter { unlink(directory + "/" + $0) == 0 }
    }

    /// Files `.NAME<marker>PID` in `directory` whose process is no longer
    /// running (a live session's, this one's included, are left out), with
    /// the NAME they stand for, in name order.
    static func leftBehind(in directory: String, marker: String) -> [(name: String, original: String)] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        var found: [(name: String, original: String)] = []
        for name in names.sorted() where name.hasPrefix(".") {
            guard let range = name.range(of: marker, options: .backwards),
                let pid = Int32(name[range.upperBound...]), pid > 0
            else { continue }
            if pid == getpid() || kill(pid, 0) == 0 || errno == EPERM { continue }
            found.append((name, String(name[name.index(after: name.startIndex)..<range.lowerBound])))
        }
        return found
    }

    static func parentDirectory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}

#if os(Linux)
/// `syncfs(2)`, which Glibc's Swift module does not import.
@_silgen_name("syncfs")
private func linuxSyncfs(_ descriptor: Int32) -> Int32
#endif

#if canImport(Glibc)
private let systemWrite = Glibc.write
private let systemRename = Glibc.rename
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
private let systemRename = Darwin.rename
#endif
