/// Scalar classification used by the tokenizer, with an ASCII fast path.
enum CharacterClass: UInt8 {
    case letter
    case digit
    case mark
    case space
    case newline
    case other

    static func of(_ scalar: Unicode.Scalar) -> CharacterClass {
        let value = scalar.value
        if value < 0x80 {
            switch value {
            case 0x61...0x7A, 0x41...0x5A: return .letter
            case 0x30...0x39: return .digit
            case 0x0A: return .newline
            case 0x20, 0x09, 0x0B, 0x0C, 0x0D: return .space
            default: return .other
            }
        }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return .mark
        case .decimalNumber: return .digit
        case .lineSeparator, .paragraphSeparator: return .newline
        default: break
        }
        if properties.isWhitespace { return .space }
        if properties.isAlphabetic { return .letter }
        return .other
    }

    var isWordCharacter: Bool { self == .letter || self == .digit || self == .mark }
}

extension Unicode.Scalar {
    /// Whether this is an upper-case or title-case letter.
    var isUppercaseLetter: Bool {
        if value < 0x80 { return value >= 0x41 && value <= 0x5A }
        return Self.isUppercaseBeyondASCII(self)
    }

    /// Whether this is a lower-case letter.
    var isLowercaseLetter: Bool {
        if value < 0x80 { return value >= 0x61 && value <= 0x7A }
        return Self.isLowercaseBeyondASCII(self)
    }

    // The Unicode properties, out of line: inlined, they make every caller fetch
    // the properties' type metadata and make stack room for them on entry, even
    // when the scalar is ASCII (the segmenter asks once per word).

    @inline(never)
    private static func isUppercaseBeyondASCII(_ scalar: Unicode.Scalar) -> Bool {
        let category = scalar.properties.generalCategory
        return category == .uppercaseLetter || category == .titlecaseLetter
    }

    @inline(never)
    private static func isLowercaseBeyondASCII(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .lowercaseLetter
    }
}
