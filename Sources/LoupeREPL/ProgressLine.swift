import Foundation

/// A one-line progress report (`analyze: 1,204 of 16,686 documents`) redrawn
/// in place on standard error at most a few times a second, for commands
/// that run long; it draws nothing unless standard error is a terminal.
final class ProgressLine {
    private let total: Int
    private let what: String
    private let enabled: Bool
    private let start = ContinuousClock.now
    private var lastDrawn: ContinuousClock.Instant?
    private var drawn = false

    init(total: Int, what: String, enabled: Bool) {
        self.total = total
        self.what = what
        self.enabled = enabled
    }

    /// Records that `done` items are finished; redraws when a quarter of a
    /// second has passed since the last drawing, and the command has run for
    /// at least half a second (short commands show nothing).
    func update(_ done: Int) {
        guard enabled else { return }
        let now = ContinuousClock.now
        guard now - start > .milliseconds(500) else { return }
        if let lastDrawn, now - lastDrawn < .milliseconds(250) { return }
        lastDrawn = now
        let percent = total > 0 ? done * 100 / total : 100
        FileHandle.standardError.write(Data("\r\u{1B}[K\(what): \(done) of \(total) (\(percent)%)".utf8))
        drawn = true
    }

    /// Erases the line, if one was drawn.
    func finish() {
        guard drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        drawn = false
    }
}
