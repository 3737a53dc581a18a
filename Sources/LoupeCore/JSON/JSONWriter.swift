#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes ``JSONValue``s deterministically: object keys sorted by their UTF-8
/// bytes, two-space indentation, shortest round-tripping numbers, and `/` and
/// non-ASCII text left as they are.
///
/// - Complexity: O(n) in the size of the output (it writes into one byte buffer).
public enum JSONWriter {
    /// The value as indented JSON text ending in a newline.
    public static func pretty(_ value: JSONValue) -> String {
        var output: [UInt8] = []
        write(value, into: &output, indent: 0, pretty: true)
        output.append(0x0A)
        return String(decoding: output, as: UTF8.self)
    }

    /// The value as JSON on one line.
    public static func compact(_ value: JSONValue) -> String {
        var output: [UInt8] = []
        write(value, into: &output, indent: 0, pretty: false)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends the value as JSON on one line to `output`.
    public static func appendCompact(_ value: JSONValue, to output: inout [UInt8]) {
        write(value, into: &output, indent: 0, pretty: false)
    }

    /// Appends `text` as a JSON string literal to `output`.
    public static func appendString(_ text: String, to output: inout [UInt8]) {
        writeString(text, into: &output)
    }

    /// Appends `,"key":"value"`, a member after the first of a compact object.
    public static func appendMember(_ key: StaticString, string value: String, to output: inout [UInt8]) {
        appendKey(key, to: &output)
        writeString(value, into: &output)
    }

    /// Appends `,"key":number`, a member after the first of a compact object.
    public static func appendMember(_ key: StaticString, int value: Int, to output: inout [UInt8]) {
        appendKey(key, to: &output)
        output += String(value).utf8
    }

    private static func appendKey(_ key: StaticString, to output: inout [UInt8]) {
        output += ",\"".utf8
        key.withUTF8Buffer { output += $0 }
        output += "\":".utf8
    }

    /// Appends a number as ``compact(_:)`` writes it.
    public static func appendInt(_ number: Int, to output: inout [UInt8]) {
        output += String(number).utf8
    }

    /// Appends a double as ``compact(_:)`` writes it.
    public static func appendDouble(_ number: Double, to output: inout [UInt8]) {
        output += format(number).utf8
    }

    private static func write(_ value: JSONValue, into output: inout [UInt8], indent: Int, pretty: Bool) {
        switch value {
        case .null: output += "null".utf8
        case .bool(let flag): output += (flag ? "true" : "false").utf8
        case .int(let number): output += String(number).utf8
        case .double(let number): output += format(number).utf8
        case .string(let text): writeString(text, into: &output)
        case .array(let elements):
            if elements.isEmpty {
                output += "[]".utf8
                return
            }
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                if pretty { newline(into: &output, indent: indent + 1) }
                write(element, into: &output, indent: indent + 1, pretty: pretty)
            }
            if pretty { newline(into: &output, indent: indent) }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty {
                output += "{}".utf8
                return
            }
            output.append(UInt8(ascii: "{"))
            // The members' positions sorted by key in a scratch buffer: most objects are
            // small (a cue, a score table), and this runs for every one of them.
            withUnsafeTemporaryAllocation(of: [String: JSONValue].Index.self, capacity: members.count) { order in
                var count = 0
                var position = members.startIndex
                while position != members.endIndex {
                    order[count] = position
                    count += 1
                    members.formIndex(after: &position)
                }
                if count > 24 {
                    order[0..<count].sort { utf8Precedes(members[$0].key, members[$1].key) }
                } else {
                    for next in 1..<max(1, count) {
                        let moving = order[next]
                        var slot = next
                        while slot > 0, utf8Precedes(members[moving].key, members[order[slot - 1]].key) {
                            order[slot] = order[slot - 1]
                            slot -= 1
                        }
                        order[slot] = moving
                    }
                }
                for index in 0..<count {
                    let member = members[order[index]]
                    if index > 0 { output.append(UInt8(ascii: ",")) }
                    if pretty { newline(into: &output, indent: indent + 1) }
                    writeString(member.key, into: &output)
                    output += (pretty ? ": " : ":").utf8
                    write(member.value, into: &output, indent: indent + 1, pretty: pretty)
                }
            }
            if pretty { newline(into: &output, indent: indent) }
            output.append(UInt8(ascii: "}"))
        }
    }

    private static func newline(into output: inout [UInt8], indent: Int) {
        output.append(0x0A)
        output += repeatElement(UInt8(ascii: " "), count: 2 * indent)
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

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Whether `left` sorts before `right` by UTF-8 bytes (memcmp on
    /// contiguous strings, which is all but bridged ones).
    static func utf8Precedes(_ left: String, _ right: String) -> Bool {
        var left = left
        var right = right
        return left.withUTF8 { a in
            right.withUTF8 { b in
                let common = min(a.count, b.count)
                if common > 0, let x = a.baseAddress, let y = b.baseAddress {
                    let order = memcmp(x, y, common)
                    if order != 0 { return order < 0 }
                }
                return a.count < b.count
            }
        }
    }

    private static func writeString(_ text: String, into output: inout [UInt8]) {
        // Most strings need no escape: copy them whole.
        var text = text
        let plain = text.withUTF8 { bytes -> Bool in
            for byte in bytes where byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F || byte == 0xE2 {
                return false
            }
            output.append(UInt8(ascii: "\""))
            output.append(contentsOf: bytes)
            output.append(UInt8(ascii: "\""))
            return true
        }
        if plain { return }
        output.append(UInt8(ascii: "\""))
        var utf8 = text.utf8.makeIterator()
        var pendingE2: (UInt8, UInt8)?
        while let byte = utf8.next() {
            if let (first, second) = pendingE2 {
                pendingE2 = nil
                // U+2028 and U+2029 (E2 80 A8/A9) are escaped: some JSON readers choke on them.
                if byte == 0xA8 || byte == 0xA9 {
                    output += "\\u202".utf8
                    output.append(byte == 0xA8 ? UInt8(ascii: "8") : UInt8(ascii: "9"))
                    continue
                }
                output.append(first)
                output.append(second)
            }
            switch byte {
            case UInt8(ascii: "\""): output += "\\\"".utf8
            case UInt8(ascii: "\\"): output += "\\\\".utf8
            case 0x0A: output += "\\n".utf8
            case 0x0D: output += "\\r".utf8
            case 0x09: output += "\\t".utf8
            case 0x00..<0x20, 0x7F:
                output += "\\u00".utf8
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0x0F)])
            case 0xE2:
                if let second = utf8.next() {
                    if second == 0x80 {
                        pendingE2 = (byte, second)
                    } else {
                        output.append(byte)
                        output.append(second)
                    }
                } else {
                    output.append(byte)
                }
            default:
                output.append(byte)
            }
        }
        if let (first, second) = pendingE2 {
            output.append(first)
            output.append(second)
        }
        output.append(UInt8(ascii: "\""))
    }
}
