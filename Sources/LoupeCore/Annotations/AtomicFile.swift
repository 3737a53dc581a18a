#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file so that readers see either the old contents or the new ones,
/// never a mixture: a temporary file in the same folder, flushed to disk, then
/// renamed over the target.
public enum AtomicFile {
    /// Writes `bytes` to `path` atomically.
    ///
    /// `failAfter` makes the write fail after that many bytes; tests use it to
    /// check that a failed save leaves the old file whole.
    public static func write(_ bytes: [UInt8], to path: String, failAfter: Int? = nil) throws(StoreError) {
        let directory = parentDirectory(of: path)
        let name = String(path.split(separator: "/").last ?? "")
        let temporary = directory + "/." + name + ".tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .writeFailed(path: path, reason: errnoText()) }
        var written = 0
        var failure: String?
        let limit = min(bytes.count, failAfter ?? bytes.count)
        bytes.withUnsafeBytes { buffer in
            while written < limit {
                let result = systemWrite(descriptor, buffer.baseAddress! + written, limit - written)
                if result < 0 {
                    if errno == EINTR { continue }
                    failure = errnoText()
                    return
                }
                written += result
            }
        }
        if failure == nil, failAfter != nil, written < bytes.count { failure = "simulated write failure" }
        if failure == nil, fsync(descriptor) != 0 { failure = errnoText() }
        if close(descriptor) != 0, failure == nil { failure = errnoText() }
        if let failure {
            unlink(temporary)
            throw .writeFailed(path: path, reason: failure)
        }
        guard rename(temporary, path) == 0 else {
            let reason = errnoText()
            unlink(temporary)
            throw .writeFailed(path: path, reason: reason)
        }
        let directoryDescriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryDescriptor >= 0 {
            _ = fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }

    static func parentDirectory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}

#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif
