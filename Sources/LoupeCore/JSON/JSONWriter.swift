/// Writes ``JSONValue``s deterministically: object keys sorted by their UTF-8
/// bytes, two-space indentation, shortest round-tripping numbers, and `/` and
/// non-ASCII text left as they are.
public enum JSONWriter {
    /// The value as indented JSON text ending in a newline.
    public static func pretty(_ value: JSONValue) -> String {
        var output = ""
        write(value, into: &output, indent: 0, pretty: true)
        output.append("\n")
        return output
    }

    /// The value as JSON on one line.
    public static func compact(_ value: JSONValue) -> String {
        var output = ""
        write(value, into: &output, indent: 0, pretty: false)
        return output
    }

    private static func write(_ value: JSONValue, into output: inout String, indent: Int, pretty: Bool) {
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .int(let number): output += String(number)
        case .double(let number): output += format(number)
        case .string(let text): writeString(text, into: &output)
        case .array(let elements):
            if elements.isEmpty {
                output += "[]"
                return
            }
            output += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { output += "," }
                if pretty { newline(into: &output, indent: indent + 1) }
                write(element, into: &output, indent: indent + 1, pretty: pretty)
            }
            if pretty { newline(into: &output, indent: indent) }
            output += "]"
        case .object(let members):
            if members.isEmpty {
                output += "{}"
                return
            }
            output += "{"
            let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (index, key) in keys.enumerated() {
                if index > 0 { output += "," }
                if pretty { newline(into: &output, indent: indent + 1) }
                writeString(key, into: &output)
                output += pretty ? ": " : ":"
                write(members[key] ?? .null, into: &output, indent: indent + 1, pretty: pretty)
            }
            if pretty { newline(into: &output, indent: indent) }
            output += "}"
        }
    }

    private static func newline(into output: inout String, indent: Int) {
        output += "\n"
        output += String(repeating: "  ", count: indent)
    }

    /// Shortest text that reads back as the same `Double`; integral values
    /// keep a trailing `.0` so the type survives a round trip.
    static func format(_ number: Double) -> String {
        guard number.isFinite else { return "null" }
        if number == number.rounded(), abs(number) < 1e15 {
            return String(Int(number)) + ".0"
        }
        return String(number)
    }

    private static func writeString(_ text: String, into output: inout String) {
        output += "\""
        var pending = text.unicodeScalars.startIndex
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let escaped: String?
            switch scalar {
            case "\"": escaped = "\\\""
            case "\\": escaped = "\\\\"
            case "\n": escaped = "\\n"
            case "\r": escaped = "\\r"
            case "\t": escaped = "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x2028...0x2029).contains(scalar.value) {
                    let hex = String(scalar.value, radix: 16)
                    escaped = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    escaped = nil
                }
            }
            if let escaped {
                output.unicodeScalars.append(contentsOf: scalars[pending..<index])
                output += escaped
                pending = scalars.index(after: index)
            }
            index = scalars.index(after: index)
        }
        output.unicodeScalars.append(contentsOf: scalars[pending..<scalars.endIndex])
        output += "\""
    }
}
