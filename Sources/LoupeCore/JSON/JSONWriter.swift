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

    /// Appends the value as indented JSON to `output`, laid out as it would
    /// be `indent` levels deep in a larger value (the caller writes what
    /// comes before and after it).
    public static func appendPretty(_ value: JSONValue, indent: Int, to output: inout [UInt8]) {
        write(value, into: &output, indent: indent, pretty: true)
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
        appendInt(value, to: &output)
    }

    private static func appendKey(_ key: StaticString, to output: inout [UInt8]) {
        output.appendLiteral(",\"")
        key.withUTF8Buffer { output += $0 }
        output.appendLiteral("\":")
    }

    /// Appends a number as ``compact(_:)`` writes it.
    public static func appendInt(_ number: Int, to output: inout [UInt8]) {
        var magnitude = number.magnitude
        if number >= 0, magnitude < 10 {
            output.append(UInt8(ascii: "0") + UInt8(magnitude))
            return
        }
        // The digits from the last into a scratch buffer, then appended at once:
        // no string made for them, one capacity check.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = digits.count
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if number < 0 {
                start -= 1
                digits[start] = UInt8(ascii: "-")
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

    /// Appends a double as ``compact(_:)`` writes it.
    public static func appendDouble(_ number: Double, to output: inout [UInt8]) {
        if appendFourPlaces(number, to: &output) { return }
        output += format(number).utf8
    }

    private static let powersOfTen = [1, 10, 100, 1000]

    /// Writes a number of at most four decimal places that is not whole (as
    /// analyzers round their scores: 0.4215, -0.05) straight as its digits,
    /// without a string, and returns true; writes nothing and returns false
    /// for any other number.
    ///
    /// These are the digits ``format(_:)`` writes: the number is the double
    /// nearest that decimal, and below a million the doubles around it are far
    /// closer together than decimals of four places (0.0001 apart), so no
    /// other decimal of as few digits reads back as the same double, and the
    /// shortest digits that do are the decimal's own. (Checked against
    /// `String(_:)` for every such decimal up to ±2,000 and millions of
    /// others up to ±1,000,000.)
    @inline(__always)
    static func appendFourPlaces(_ number: Double, to output: inout [UInt8]) -> Bool {
        // False for NaN and the infinities too.
        guard number.magnitude < 1_000_000 else { return false }
        let scaled = (number * 10_000).rounded()
        // The division is exact to the nearest double: equal only if the number is that decimal's double.
        guard scaled / 10_000 == number else { return false }
        var units = Int(scaled)
        // Whole numbers (and zero) keep format's ".0".
        guard units % 10_000 != 0 else { return false }
        if units < 0 {
            output.append(UInt8(ascii: "-"))
            units = -units
        }
        appendInt(units / 10_000, to: &output)
        output.append(UInt8(ascii: "."))
        var fraction = units % 10_000
        var places = 4
        while fraction % 10 == 0 {
            fraction /= 10
            places -= 1
        }
        for place in stride(from: places - 1, through: 0, by: -1) {
            output.append(UInt8(ascii: "0") + UInt8(fraction / powersOfTen[place] % 10))
        }
        return true
    }

    private static func write(_ value: JSONValue, into output: inout [UInt8], indent: Int, pretty: Bool) {
        switch value {
        case .null: output.appendLiteral("null")
        case .bool(let flag): output.appendLiteral(flag ? "true" : "false")
        case .int(let number): appendInt(number, to: &output)
        case .double(let number): appendDouble(number, to: &output)
        case .string(let text): writeString(text, into: &output)
        case .array(let elements):
            if elements.isEmpty {
                output.appendLiteral("[]")
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
                output.appendLiteral("{}")
                return
            }
            output.append(UInt8(ascii: "{"))
            withSortedMembers(members, leavingOut: []) { order in
                for index in order.indices {
                    let position = order[index].position
                    if index > 0 { output.append(UInt8(ascii: ",")) }
                    if pretty { newline(into: &output, indent: indent + 1) }
                    if pretty {
                        writeString(members.keys[position], into: &output)
                        output.appendLiteral(": ")
                    } else {
                        appendMemberKey(members.keys[position], prefix: order[index].prefix, to: &output)
                    }
                    write(members.values[position], into: &output, indent: indent + 1, pretty: pretty)
                }
            }
            if pretty { newline(into: &output, indent: indent) }
            output.append(UInt8(ascii: "}"))
        }
    }

    /// Calls `body` with the positions of `members` sorted by key, leaving
    /// out the members named by `leftOut`.
    ///
    /// The positions are sorted in a scratch buffer: most objects are small (a
    /// cue, a score table), and this runs for every one of them. Keys are
    /// compared by their first eight bytes as one number, read once per key,
    /// and in full only when those are equal.
    private static func withSortedMembers(
        _ members: [String: JSONValue], leavingOut leftOut: [OwnKey], _ body: (UnsafeMutableBufferPointer<SortEntry>) -> Void
    ) {
        withUnsafeTemporaryAllocation(of: SortEntry.self, capacity: members.count) { order in
            var count = 0
            var position = members.startIndex
            while position != members.endIndex {
                let key = members.keys[position]
                let prefix = keyPrefix(key)
                if !leftOut.contains(where: { $0.prefix == prefix && $0.count == key.utf8.count }) {
                    order.initializeElement(at: count, to: SortEntry(prefix: prefix, position: position))
                    count += 1
                }
                members.formIndex(after: &position)
            }
            func precedes(_ left: SortEntry, _ right: SortEntry) -> Bool {
                if left.prefix != right.prefix { return left.prefix < right.prefix }
                return utf8Precedes(members.keys[left.position], members.keys[right.position])
            }
            if count > 24 {
                order[0..<count].sort(by: precedes)
            } else {
                for next in 1..<max(1, count) {
                    let moving = order[next]
                    var slot = next
                    while slot > 0, precedes(moving, order[slot - 1]) {
                        order[slot] = order[slot - 1]
                        slot -= 1
                    }
                    order[slot] = moving
                }
            }
            body(UnsafeMutableBufferPointer(rebasing: order[0..<count]))
            _ = UnsafeMutableBufferPointer(rebasing: order[0..<count]).deinitialize()
        }
    }

    /// A member that an encoder writes itself among a dictionary's members
    /// (see ``appendObject(_:merging:to:writeOwn:)``): an ASCII key of at most
    /// eight bytes, which its first-eight-bytes number therefore names exactly.
    struct OwnKey: Sendable {
        let text: StaticString
        let prefix: UInt64
        let count: Int
        /// `,"text":`, the member's separator and key as written.
        let member: [UInt8]

        init(_ text: StaticString) {
            precondition(text.utf8CodeUnitCount <= 8 && text.isASCII, "an own key is ASCII of at most eight bytes")
            self.text = text
            count = text.utf8CodeUnitCount
            var prefix: UInt64 = 0
            text.withUTF8Buffer { bytes in
                // A NUL would make the key's number equal to a shorter key's.
                precondition(!bytes.contains(0), "an own key has no NUL byte")
                for index in 0..<8 { prefix = prefix << 8 | UInt64(index < bytes.count ? bytes[index] : 0) }
            }
            self.prefix = prefix
            member = Array(",\"".utf8) + text.withUTF8Buffer { Array($0) } + Array("\":".utf8)
        }
    }

    /// Appends a compact object: the members of `members`, except those an
    /// own key names, merged in key order with the `own` members (given in
    /// key order), whose values `writeOwn` writes by their index in `own`.
    ///
    /// This is how an annotation's attributes are written with the rule and
    /// cues added, without a copy of the dictionary to add them to.
    static func appendObject(
        _ members: [String: JSONValue], merging own: [OwnKey], to output: inout [UInt8],
        writeOwn: (Int, inout [UInt8]) -> Void
    ) {
        output.append(UInt8(ascii: "{"))
        func appendOwn(_ index: Int, first: Bool, to output: inout [UInt8]) {
            // `,"key":`, or `"key":` for the first member, in one append.
            output += first ? own[index].member[1...] : own[index].member[...]
            writeOwn(index, &output)
        }
        withSortedMembers(members, leavingOut: own) { order in
            var next = 0
            var first = true
            for entry in order {
                // An own key and a member's key with the same first eight bytes:
                // the own key, all of it within them, is the shorter, so it comes
                // first (a member of exactly its name was left out).
                while next < own.count, own[next].prefix <= entry.prefix {
                    appendOwn(next, first: first, to: &output)
                    first = false
                    next += 1
                }
                if !first { output.append(UInt8(ascii: ",")) }
                first = false
                appendMemberKey(members.keys[entry.position], prefix: entry.prefix, to: &output)
                write(members.values[entry.position], into: &output, indent: 0, pretty: false)
            }
            while next < own.count {
                appendOwn(next, first: first, to: &output)
                first = false
                next += 1
            }
        }
        output.append(UInt8(ascii: "}"))
    }

    /// An object member's place in its dictionary, with its key's first
    /// eight UTF-8 bytes as a big-endian number (zero-padded), which orders
    /// keys as their bytes do wherever it differs.
    private struct SortEntry {
        var prefix: UInt64
        var position: [String: JSONValue].Index
    }

    /// Appends `"key":` for a member of a compact object. A key of at most
    /// eight ASCII bytes that need no escape (nearly every key) is written from
    /// its first-eight-bytes number (see ``SortEntry``) in one append; any
    /// other as ``writeString(_:into:)`` writes it.
    @inline(__always)
    private static func appendMemberKey(_ key: String, prefix: UInt64, to output: inout [UInt8]) {
        let count = key.utf8.count
        var plain = count <= 8
        if plain {
            for index in 0..<count {
                let byte = UInt8(truncatingIfNeeded: prefix >> (56 - 8 * UInt64(index)))
                if byte < 0x20 || byte >= 0x7F || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { plain = false }
            }
        }
        guard plain else {
            writeString(key, into: &output)
            output.append(UInt8(ascii: ":"))
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 11) { buffer in
            buffer[0] = UInt8(ascii: "\"")
            for index in 0..<count { buffer[1 + index] = UInt8(truncatingIfNeeded: prefix >> (56 - 8 * UInt64(index))) }
            buffer[count + 1] = UInt8(ascii: "\"")
            buffer[count + 2] = UInt8(ascii: ":")
            output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[0..<(count + 3)]))
        }
    }

    private static func keyPrefix(_ key: String) -> UInt64 {
        var key = key
        return key.withUTF8 { bytes in
            var prefix: UInt64 = 0
            for index in 0..<8 {
                prefix = prefix << 8 | UInt64(index < bytes.count ? bytes[index] : 0)
            }
            return prefix
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
        var text = text
        text.withUTF8 { appendString(utf8: $0, to: &output) }
    }

    /// Appends valid UTF-8 text (a slice of a document, say) as a JSON string
    /// literal, exactly as ``appendString(_:to:)`` writes the same text.
    static func appendString(utf8 bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        // Most strings need no escape: copy them whole.
        guard mayNeedEscapes(bytes) else {
            output.append(contentsOf: bytes)
            output.append(UInt8(ascii: "\""))
            return
        }
        // What is written as it is goes out a run at a time, in one append each;
        // only what is escaped is written on its own.
        var index = 0
        var runStart = 0
        func appendRun(to end: Int) {
            if end > runStart { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<end])) }
        }
        while index < bytes.count {
            let byte = bytes[index]
            // Only these bytes can open an escape (see mayNeedEscapes).
            guard byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F || byte == 0xC2 || byte == 0xD8 || byte == 0xE2 else {
                index += 1
                continue
            }
            let next = index + 1 < bytes.count ? bytes[index + 1] : 0
            let third = index + 2 < bytes.count ? bytes[index + 2] : 0
            var length = 1
            switch byte {
            case UInt8(ascii: "\""):
                appendRun(to: index)
                output.appendLiteral("\\\"")
            case UInt8(ascii: "\\"):
                appendRun(to: index)
                output.appendLiteral("\\\\")
            case 0x0A:
                appendRun(to: index)
                output.appendLiteral("\\n")
            case 0x0D:
                appendRun(to: index)
                output.appendLiteral("\\r")
            case 0x09:
                appendRun(to: index)
                output.appendLiteral("\\t")
            case 0x00..<0x20, 0x7F:
                appendRun(to: index)
                appendEscape(UInt32(byte), to: &output)
            // Characters that steer a terminal or the direction of text are written
            // as escapes, so that JSON on a terminal shows them as text: C1 controls
            // (U+0080-009F), the Arabic letter mark (U+061C), the bidi marks,
            // embeddings, overrides and isolates (U+200E-200F, U+202A-202E,
            // U+2066-2069), and the line and paragraph separators (U+2028-2029),
            // on which some JSON readers choke.
            case 0xC2 where (0x80...0x9F).contains(next):
                appendRun(to: index)
                appendEscape(UInt32(next), to: &output)
                length = 2
            case 0xD8 where next == 0x9C:
                appendRun(to: index)
                appendEscape(0x061C, to: &output)
                length = 2
            case 0xE2 where next == 0x80 && [0x8E, 0x8F, 0xA8, 0xA9, 0xAA, 0xAB, 0xAC, 0xAD, 0xAE].contains(third)
                || next == 0x81 && (0xA6...0xA9).contains(third):
                appendRun(to: index)
                appendEscape(0x2000 + UInt32(next - 0x80) << 6 + UInt32(third - 0x80), to: &output)
                length = 3
            default:
                // Not escaped after all (a curly quote, a dash): it stays in the run.
                index += 1
                continue
            }
            index += length
            runStart = index
        }
        appendRun(to: bytes.count)
        output.append(UInt8(ascii: "\""))
    }

    /// Whether `bytes` hold a byte that ``writeString(_:into:)`` may escape: a
    /// control character, `"`, `\\`, DEL, or the lead byte of one of the
    /// escaped non-ASCII characters (0xC2, 0xD8, 0xE2). Eight bytes at a time:
    /// a word of ASCII text is cleared with a few arithmetic tests (the classic
    /// has-zero-byte and has-less-than bit tricks, exact as yes-or-no answers),
    /// and only a word with non-ASCII bytes is looked at byte by byte.
    @inline(__always)
    static func mayNeedEscapes(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        @inline(__always) func special(_ byte: UInt8) -> Bool {
            byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F || byte == 0xC2 || byte == 0xD8 || byte == 0xE2
        }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZeroByte(_ word: UInt64) -> Bool { (word &- ones) & ~word & highs != 0 }
        let count = bytes.count
        var offset = 0
        while offset + 8 <= count {
            let word = UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)
            if word & highs != 0 {
                for index in offset..<(offset + 8) where special(base[index]) { return true }
            } else if (word &- ones &* 0x20) & ~word & highs != 0 || hasZeroByte(word ^ (ones &* 0x22))
                || hasZeroByte(word ^ (ones &* 0x5C)) || hasZeroByte(word ^ (ones &* 0x7F))
            {
                return true
            }
            offset += 8
        }
        while offset < count {
            if special(base[offset]) { return true }
            offset += 1
        }
        return false
    }

    /// A `\uXXXX` escape, with lower-case hex digits.
    private static func appendEscape(_ scalar: UInt32, to output: inout [UInt8]) {
        output.appendLiteral("\\u")
        for shift in [12, 8, 4, 0] { output.append(hexDigits[Int((scalar >> UInt32(shift)) & 0x0F)]) }
    }
}

extension [UInt8] {
    /// Appends a literal's UTF-8 bytes: copied from where the literal lies,
    /// where `+= "…".utf8` goes through the string's generic UTF-8 view (a
    /// few hundred instructions, for each of the dozens of keys and brackets
    /// written per annotation).
    @inline(__always)
    mutating func appendLiteral(_ text: StaticString) {
        text.withUTF8Buffer { append(contentsOf: $0) }
    }
}
