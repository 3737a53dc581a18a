/// How many terminal columns text takes: combining marks none, wide East
/// Asian characters and emoji two, everything else one.
public enum DisplayWidth {
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x300 { return 1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if scalar.properties.isEmojiPresentation { return 2 }
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
            0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }

    /// Columns taken by `text`, ignoring ANSI colour sequences.
    public static func of(_ text: some StringProtocol) -> Int {
        var width = 0
        var inEscape = false
        for scalar in text.unicodeScalars {
            if inEscape {
                if scalar == "m" { inEscape = false }
                continue
            }
            if scalar == "\u{1B}" {
                inEscape = true
                continue
            }
            width += of(scalar)
        }
        return width
    }
}

/// Column layout for listings and tables, shared by the workbench and the
/// views analyzers offer of their own annotations.
public enum TextColumns {
    /// `text` padded with spaces to `width` columns (not cut).
    public static func pad(_ text: String, to width: Int) -> String {
        let current = DisplayWidth.of(text)
        return current >= width ? text : text + String(repeating: " ", count: width - current)
    }

    /// `text` cut to `width` columns with an ellipsis.
    public static func truncate(_ text: String, to width: Int) -> String {
        guard DisplayWidth.of(text) > width else { return text }
        var result = ""
        var used = 0
        for scalar in text.unicodeScalars {
            let columns = DisplayWidth.of(scalar)
            if used + columns > width - 1 { break }
            result.unicodeScalars.append(scalar)
            used += columns
        }
        return result + "…"
    }

    /// A one-line, sanitised preview of a quote, cut to `width` columns.
    public static func quote(_ text: String, width: Int = 40) -> String {
        "\"" + truncate(Sanitizer.sanitize(String(text.map { $0 == "\n" ? " " : $0 })), to: width) + "\""
    }
}
