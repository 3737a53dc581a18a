#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads single keys from the terminal on standard input, without Enter and
/// without echo, for prompts that decide with one key (`review`). The
/// terminal's settings are restored after each key, whatever happens.
public enum KeyReader {
    /// One key: its first byte (an arrow key's escape sequence is read and
    /// answered as its first byte, ESC). Ctrl-C arrives as 0x03, since
    /// signals are off while waiting. `nil` at the end of input.
    public static func readKey() -> UInt8? {
        var saved = termios()
        guard tcgetattr(STDIN_FILENO, &saved) == 0 else { return readByte() }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG | IEXTEN)
        raw.c_iflag &= ~tcflag_t(IXON | ICRNL)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw)
        defer { tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved) }
        let key = readByte()
        if key == 0x1B {
            // The rest of an escape sequence, if it comes at once, is not a second key.
            var pending = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            while poll(&pending, 1, 20) > 0 {
                _ = readByte()
                pending.revents = 0
            }
        }
        return key
    }

    private static func readByte() -> UInt8? {
        var byte: UInt8 = 0
        while true {
            let count = read(STDIN_FILENO, &byte, 1)
            if count == 1 { return byte }
            if count < 0, errno == EINTR { continue }
            return nil
        }
    }
}
