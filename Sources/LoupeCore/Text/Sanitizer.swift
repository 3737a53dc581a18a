/// Makes document text safe to print on a terminal.
///
/// An article can carry escape sequences, other control characters or
/// bidirectional overrides; printed raw they would move the cursor, recolour
/// the screen or reorder what the reader sees. They are shown escaped instead
/// (`\e`, `\u{7}`, `\u{202E}`), so nothing from a document reaches the terminal
/// as a command.
public enum Sanitizer {
    /// Whether a scalar must not be sent to a terminal as it is.
    @inline(__always)
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x20 || value == 0x7F { return true }
        if value >= 0x80 && value < 0xA0 { return true }
        switch value {
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C: return true  // bidi controls
        case 0xFFF9...0xFFFB: return true
        default: return false
        }
    }

    /// The visible form of an unsafe scalar.
    public static func escaped(_ scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0x1B: return "\\e"
        case 0x09: return "\\t"
        case 0x0A: return "\\n"
        case 0x0D: return "\\r"
        default: return "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        }
    }

    /// `text` with every unsafe scalar (newlines included) shown escaped.
    public static func sanitize(_ text: some StringProtocol) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return String(text) }
        var result = ""
        for scalar in text.unicodeScalars {
            if isUnsafe(scalar) {
                result += escaped(scalar)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// `text` sanitised and wrapped in double quotes, for error messages.
    public static func quoted(_ text: some StringProtocol) -> String {
        "\"" + sanitize(text) + "\""
    }
}
