#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A read-only hash table keyed by byte strings, for lexicon look-ups in hot
/// loops: a token's bytes are looked up without making a `String`.
///
/// Keys live in one arena; slots use open addressing with linear probing.
/// Each slot packs the entry number with the key's length and 32 bits of its
/// hash, so a miss (most tokens are not in a lexicon) touches one slot and no
/// key bytes. Look-ups are `@inlinable` so analyzer modules can inline them.
public struct ByteKeyTable<Value: Sendable>: Sendable {
    @usableFromInline var arena: [UInt8] = []
    @usableFromInline var keyStarts: [Int32] = []
    @usableFromInline var keyLengths: [Int32] = []
    @usableFromInline var storedValues: [Value] = []
    /// 0 for an empty slot, else fingerprint << 32 | length << 20 | (entry + 1).
    @usableFromInline var slots: [UInt64]
    @usableFromInline var mask: Int
    /// One bit per 65,536 hash values (8 KB, so it stays in the L1 cache):
    /// clear means no key has such a hash, and a miss is known without
    /// touching `slots`.
    @usableFromInline var present = [UInt64](repeating: 0, count: 1024)

    /// An empty table sized for about `capacity` keys.
    public init(capacity: Int = 16) {
        var size = 16
        while size * 3 < capacity * 4 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
    }

    @inlinable @inline(__always)
    static func slotValue(entry: Int, length: Int, hash: Int) -> UInt64 {
        UInt64(truncatingIfNeeded: hash >> 32) << 32 | UInt64(min(length, 0xFFF)) << 20 | UInt64(entry + 1)
    }

    public var count: Int { storedValues.count }

    /// A hash of the bytes taken 8 at a time (the last chunk zero-filled),
    /// seeded with the length and finished so low bits mix: a word of up to
    /// 8 bytes costs one multiply-and-shift step, not one per byte.
    @inlinable @inline(__always)
    public static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return finish(start(count: 0)) }
        let count = bytes.count
        var state = start(count: count)
        var offset = 0
        while offset + 8 <= count {
            state = step(state, UInt64(littleEndian: UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)))
            offset += 8
        }
        if offset < count {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while offset < count {
                tail |= UInt64(base[offset]) << shift
                shift += 8
                offset += 1
            }
            state = step(state, tail)
        }
        return finish(state)
    }

    /// ``hash(_:)`` of the `count` bytes at `key`, for callers whose buffer
    /// stays readable up to the next multiple of 8 bytes past `key`: the last
    /// chunk is one load, masked, instead of a byte loop. Equal to `hash(_:)`.
    @inlinable @inline(__always)
    public static func hash(paddedKey key: UnsafeRawPointer, count: Int) -> Int {
        var state = start(count: count)
        var offset = 0
        while offset + 8 <= count {
            state = step(state, UInt64(littleEndian: key.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
            offset += 8
        }
        let rest = count - offset
        if rest > 0 {
            let chunk = UInt64(littleEndian: key.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            state = step(state, chunk & (UInt64.max >> UInt64(64 - 8 * rest)))
        }
        return finish(state)
    }

    @inlinable @inline(__always)
    static func start(count: Int) -> UInt64 { UInt64(truncatingIfNeeded: count) &* 0x9E37_79B9_7F4A_7C15 }

    @inlinable @inline(__always)
    static func step(_ state: UInt64, _ chunk: UInt64) -> UInt64 {
        let mixed = (state ^ chunk) &* 0xBF58_476D_1CE4_E5B9
        return mixed ^ (mixed >> 31)
    }

    @inlinable @inline(__always)
    static func finish(_ state: UInt64) -> Int {
        let mixed = (state ^ (state >> 29)) &* 0x94D0_49BB_1331_11EB
        return Int(truncatingIfNeeded: mixed ^ (mixed >> 32))
    }

    /// The index of `key`'s entry (whose hash is `hash`), or -1.
    @inlinable @inline(__always)
    public func index(of key: UnsafeBufferPointer<UInt8>, hash: Int) -> Int {
        let bit = (hash >> 40) & 0xFFFF
        guard present.withUnsafeBufferPointer({ $0[bit >> 6] }) & (1 << UInt64(bit & 63)) != 0 else { return -1 }
        let tag = Self.slotValue(entry: -1, length: key.count, hash: hash)  // entry bits 0
        return slots.withUnsafeBufferPointer { slots in
            var slot = hash & mask
            while true {
                let value = slots[slot]
                if value == 0 { return -1 }
                if value & ~0xF_FFFF == tag {
                    let entry = Int(value & 0xF_FFFF) - 1
                    let start = Int(keyStarts[entry])
                    // The tag holds lengths below 4,095, so only longer keys need the stored length.
                    if key.count < 0xFFF || Int(keyLengths[entry]) == key.count {
                        let equal = arena.withUnsafeBufferPointer { arena in
                            Self.equal(UnsafeRawPointer(arena.baseAddress! + start), key)
                        }
                        if equal { return entry }
                    }
                }
                slot = (slot + 1) & mask
            }
        }
    }

    /// The index of `key`'s entry, or -1.
    /// Whether the bytes at `stored` equal `key`: words of up to 16 bytes by
    /// two unaligned 8-byte loads each, longer ones by `memcmp`.
    @inlinable @inline(__always)
    static func equal(_ stored: UnsafeRawPointer, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = key.count
        guard count > 0, let base = key.baseAddress else { return true }
        let bytes = UnsafeRawPointer(base)
        if count >= 8 && count <= 16 {
            return stored.loadUnaligned(as: UInt64.self) == bytes.loadUnaligned(as: UInt64.self)
                && stored.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
                    == bytes.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        }
        if count < 8 {
            var index = 0
            while index < count {
                if stored.load(fromByteOffset: index, as: UInt8.self) != bytes.load(fromByteOffset: index, as: UInt8.self) { return false }
                index += 1
            }
            return true
        }
        return memcmp(stored, bytes, count) == 0
    }

    @inlinable @inline(__always)
    public func index(of key: UnsafeBufferPointer<UInt8>) -> Int {
        index(of: key, hash: Self.hash(key))
    }

    /// The value for `key`, if present.
    @inlinable @inline(__always)
    public func value(for key: UnsafeBufferPointer<UInt8>) -> Value? {
        let found = index(of: key)
        return found < 0 ? nil : storedValues[found]
    }

    /// The value for `key` whose hash is already known, if present.
    @inlinable @inline(__always)
    public func value(for key: UnsafeBufferPointer<UInt8>, hash: Int) -> Value? {
        let found = index(of: key, hash: hash)
        return found < 0 ? nil : storedValues[found]
    }

    /// The value for a string key, if present.
    public func value(for key: String) -> Value? {
        var bytes = Array(key.utf8)
        return bytes.withUnsafeMutableBufferPointer { value(for: UnsafeBufferPointer($0)) }
    }

    /// Adds a key given as bytes (which must not be present yet).
    public mutating func insert(bytes key: UnsafeBufferPointer<UInt8>, _ value: Value) {
        precondition(storedValues.count < 0xF_FFFF, "ByteKeyTable holds at most 1,048,574 keys")
        if (storedValues.count + 1) * 4 > slots.count * 3 { grow() }
        keyStarts.append(Int32(arena.count))
        keyLengths.append(Int32(key.count))
        arena.append(contentsOf: key)
        storedValues.append(value)
        let hash = Self.hash(key)
        let bit = (hash >> 40) & 0xFFFF
        present[bit >> 6] |= 1 << UInt64(bit & 63)
        place(storedValues.count - 1, length: key.count, hash: hash)
    }

    /// Sets the value for `key`, combining with an existing value through `merge`.
    public mutating func insert(_ key: String, _ value: Value, merge: (Value, Value) -> Value = { _, new in new }) {
        var bytes = Array(key.utf8)
        bytes.withUnsafeMutableBufferPointer { buffer in
            let key = UnsafeBufferPointer(buffer)
            let existing = index(of: key)
            if existing >= 0 {
                storedValues[existing] = merge(storedValues[existing], value)
            } else {
                insert(bytes: key, value)
            }
        }
    }

    private mutating func place(_ entry: Int, length: Int, hash: Int) {
        var slot = hash & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Self.slotValue(entry: entry, length: length, hash: hash)
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
        for entry in 0..<storedValues.count {
            let start = Int(keyStarts[entry])
            let length = Int(keyLengths[entry])
            let hash = arena.withUnsafeBufferPointer { buffer in
                Self.hash(UnsafeBufferPointer(rebasing: buffer[start..<(start + length)]))
            }
            place(entry, length: length, hash: hash)
        }
    }
}
