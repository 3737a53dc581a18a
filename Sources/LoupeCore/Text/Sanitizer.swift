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

    /// `text` made safe for a terminal as a whole block of output: line
    /// breaks, tabs and Loupe's own colour codes (`ESC [ digits ; m`) pass,
    /// every other unsafe scalar is shown escaped. The console applies it to
    /// everything it writes, so that text a command forgot to sanitise (a
    /// path, a title, a note) still cannot move the cursor, write the
    /// clipboard (OSC 52) or reorder a line.
    public static func terminalSafe(_ text: String) -> String {
        // Fast path: nothing but printable ASCII, line breaks and tabs, or
        // UTF-8 lead bytes of scalars that are all safe.
        var suspicious = false
        for byte in text.utf8 where byte < 0x20 || byte == 0x7F || byte == 0xC2 || byte == 0xD8 || byte == 0xE2 || byte == 0xEF {
            if byte == 0x0A || byte == 0x09 { continue }
            suspicious = true
            break
        }
        guard suspicious else { return text }
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\n" || scalar == "\t" || !isUnsafe(scalar) {
                result.append(scalar)
                index += 1
                continue
            }
            if scalar == "\u{1B}", let end = colourCodeEnd(scalars, from: index) {
                result.append(contentsOf: scalars[index..<end])
                index = end
                continue
            }
            result.append(contentsOf: escaped(scalar).unicodeScalars)
            index += 1
        }
        return String(result)
    }

    /// The end of a Select Graphic Rendition sequence (`ESC [ 1;31 m`)
    /// starting at `start`, or `nil` when the escape begins anything else.
    private static func colourCodeEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        guard start + 2 < scalars.count, scalars[start + 1] == "[" else { return nil }
        var index = start + 2
        while index < scalars.count, index - start < 32 {
            let scalar = scalars[index]
            if scalar == "m" { return index + 1 }
            guard ("0"..."9").contains(scalar) || scalar == ";" else { return nil }
            index += 1
        }
        return nil
    }

    /// `text` sanitised and wrapped in double quotes, for error messages.
    public static func quoted(_ text: some StringProtocol) -> String {
        "\"" + sanitize(text) + "\""
    }
}
