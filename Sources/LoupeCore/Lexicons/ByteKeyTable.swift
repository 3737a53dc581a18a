/// A read-only hash table keyed by byte strings, for lexicon look-ups in hot
/// loops: a token's bytes are looked up without making a `String`.
///
/// Keys live in one arena; slots use open addressing with linear probing.
public struct ByteKeyTable<Value: Sendable>: Sendable {
    private var arena: [UInt8] = []
    private var keyStarts: [Int32] = []
    private var keyLengths: [Int32] = []
    public private(set) var values: [Value] = []
    private var slots: [Int32]
    private var mask: Int

    /// An empty table sized for about `capacity` keys.
    public init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    public var count: Int { values.count }

    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return Int(truncatingIfNeeded: hash ^ (hash >> 29))
    }

    /// The index of `key`'s entry, or -1.
    @inline(__always)
    public func index(of key: UnsafeBufferPointer<UInt8>) -> Int {
        var slot = Self.hash(key) & mask
        while true {
            let entry = Int(slots[slot])
            if entry < 0 { return -1 }
            if Int(keyLengths[entry]) == key.count {
                let start = Int(keyStarts[entry])
                var equal = true
                var offset = 0
                while offset < key.count {
                    if arena[start + offset] != key[offset] {
                        equal = false
                        break
                    }
                    offset += 1
                }
                if equal { return entry }
            }
            slot = (slot + 1) & mask
        }
    }

    /// The value for `key`, if present.
    public func value(for key: UnsafeBufferPointer<UInt8>) -> Value? {
        let found = index(of: key)
        return found < 0 ? nil : values[found]
    }

    /// The value for a string key, if present.
    public func value(for key: String) -> Value? {
        var bytes = Array(key.utf8)
        return bytes.withUnsafeMutableBufferPointer { value(for: UnsafeBufferPointer($0)) }
    }

    /// Sets the value for `key`, combining with an existing value through `merge`.
    public mutating func insert(_ key: String, _ value: Value, merge: (Value, Value) -> Value = { _, new in new }) {
        var bytes = Array(key.utf8)
        let existing = bytes.withUnsafeMutableBufferPointer { index(of: UnsafeBufferPointer($0)) }
        if existing >= 0 {
            values[existing] = merge(values[existing], value)
            return
        }
        if (values.count + 1) * 2 > slots.count { grow() }
        keyStarts.append(Int32(arena.count))
        keyLengths.append(Int32(bytes.count))
        arena.append(contentsOf: bytes)
        values.append(value)
        let hash = bytes.withUnsafeMutableBufferPointer { Self.hash(UnsafeBufferPointer($0)) }
        place(values.count - 1, hash: hash)
    }

    /// Updates the value of an existing entry.
    public mutating func update(at index: Int, _ value: Value) { values[index] = value }

    private mutating func place(_ entry: Int, hash: Int) {
        var slot = hash & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(entry)
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        for entry in 0..<values.count {
            let start = Int(keyStarts[entry])
            let length = Int(keyLengths[entry])
            let hash = arena.withUnsafeBufferPointer { buffer in
                Self.hash(UnsafeBufferPointer(rebasing: buffer[start..<(start + length)]))
            }
            place(entry, hash: hash)
        }
    }
}
