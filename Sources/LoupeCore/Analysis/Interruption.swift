import Synchronization

/// A request to stop long work, raised by Ctrl-C (the REPL's and `loupe
/// stream`'s signal handler) and read by whatever runs long: the analysis
/// runner between documents, and the analyzers between sentences, so that
/// one very large document does not keep a person waiting.
///
/// Work that stops this way is incomplete, and whoever asked for it throws
/// it away (an interrupted `analyze` changes nothing); an analyzer that
/// returns early on a request stays pure in every result anyone keeps.
public enum Interruption {
    private static let flag = Atomic<Bool>(false)

    /// Whether a stop was requested since the last ``reset()``.
    @inline(__always)
    public static var isRequested: Bool { flag.load(ordering: .relaxed) }

    /// Requests a stop; safe to call from a signal handler.
    public static func request() { flag.store(true, ordering: .relaxed) }

    public static func reset() { flag.store(false, ordering: .relaxed) }
}
