import Crypto
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a file looked like on disk when it was last read or written: enough
/// to notice, cheaply, that another session or program has changed it since.
struct DiskState: Equatable, Sendable {
    var size: Int64
    var modifiedSeconds: Int
    var modifiedNanoseconds: Int
    var inode: UInt64

    /// The state of the file at `path`, or `nil` when there is none.
    static func of(_ path: String) -> DiskState? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        #if canImport(Darwin)
        let modified = status.st_mtimespec
        #else
        let modified = status.st_mtim
        #endif
        return DiskState(
            size: Int64(status.st_size), modifiedSeconds: Int(modified.tv_sec), modifiedNanoseconds: Int(modified.tv_nsec),
            inode: UInt64(status.st_ino))
    }
}

/// SHA-256 of a file's bytes, in hexadecimal.
enum ContentDigest {
    static func of(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { byte in
            let digits = Array("0123456789abcdef".utf8)
            return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]], as: UTF8.self)
        }.joined()
    }
}

/// Merges another session's saved annotations with this session's, against
/// what both started from, annotation by annotation.
enum ThreeWayMerge {
    /// The outcome of a merge.
    struct Outcome {
        var merged: [String: Annotation]
        /// Annotations both sides changed differently where a person's work
        /// is at stake; this side's version is in `merged`.
        var conflicts: [String]
        /// Annotations taken from the other side.
        var taken: Int
    }

    /// `base`: the file as this session read it; `ours`: this session's
    /// annotations now; `theirs`: the file as it is on disk now.
    ///
    /// An annotation only one side changed (added, edited or deleted) takes
    /// that side's change. Where both changed it differently and either
    /// version is a person's work, it is a conflict; where both are
    /// unreviewed suggestions (an analyzer run on both sides, at different
    /// times), this side's stands, since nothing a person did is lost.
    static func merge(base: [String: Annotation], ours: [String: Annotation], theirs: [String: Annotation]) -> Outcome {
        var outcome = Outcome(merged: [:], conflicts: [], taken: 0)
        outcome.merged.reserveCapacity(max(ours.count, theirs.count))
        let ids = Set(base.keys).union(ours.keys).union(theirs.keys)
        for id in ids.sorted() {
            let (original, mine, other) = (base[id], ours[id], theirs[id])
            let chosen: Annotation?
            if mine == other || other == original {
                chosen = mine
            } else if mine == original {
                chosen = other
                outcome.taken += 1
            } else {
                chosen = mine
                let touched = (mine?.isHumanTouched ?? false) || (other?.isHumanTouched ?? false)
                if touched { outcome.conflicts.append(id) }
            }
            if let chosen { outcome.merged[id] = chosen }
        }
        return outcome
    }
}

/// An exclusive lock on an annotations folder for the moment of a save, so
/// that two sessions never check and replace the same file at once. It is
/// an `flock` on the folder itself (no lock file to clutter it or to commit),
/// which the system releases when the process ends, however it ends: no
/// stale lock can be left.
final class SaveLock {
    private let descriptor: Int32

    /// Waits for the lock; `nil` when the folder cannot be opened, in which
    /// case the save's own writes fail and say so.
    init?(directory: String) {
        descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        while flock(descriptor, LOCK_EX) != 0 {
            if errno != EINTR {
                close(descriptor)
                return nil
            }
        }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
