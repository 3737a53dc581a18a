import LoupeCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ctrl-C while a command runs: a SIGINT handler that only raises a flag,
/// which long-running commands check so they can stop cleanly.
public enum Interrupts {
    /// Unblocks the signals a REPL needs (a parent may have blocked them) and
    /// installs the SIGINT handler.
    public static func install() {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in [SIGINT, SIGTSTP, SIGCONT, SIGWINCH, SIGQUIT, SIGHUP, SIGTERM] { sigaddset(&set, signal) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = { _ in Interruption.request() }
        #else
        action.__sigaction_u.__sa_handler = { _ in Interruption.request() }
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
    }

    /// Whether Ctrl-C was pressed since the last ``reset()``.
    public static var requested: Bool { Interruption.isRequested }

    public static func reset() { Interruption.reset() }
}
