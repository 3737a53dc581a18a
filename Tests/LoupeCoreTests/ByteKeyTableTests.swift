import AnalyzerTestSupport
import Testing
@testable import LoupeCore

@Suite struct ByteKeyTableTests {
    /// A word of up to `maximumLength` bytes from a small alphabet, so words repeat.
    static func word(maximumLength: Int, using generator: inout SplitMix) -> [UInt8] {
        let length = Int(generator.next() % UInt64(maximumLength + 1))
        return (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next() % 40 + 0x41) }
    }

    @Test(arguments: 0...40)
    func thePaddedHashEqualsThePlainOne(length: Int) {
        var generator = SplitMix(seed: UInt64(length))
        // The key sits at an odd offset with unrelated bytes after it: only its own bytes may count.
        var buffer = (0..<(length + 24)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        buffer.withUnsafeMutableBufferPointer { bytes in
            let key = UnsafeBufferPointer(rebasing: bytes[3..<(3 + length)])
            let padded = ByteKeyTable<Int>.hash(paddedKey: UnsafeRawPointer(bytes.baseAddress! + 3), count: length)
            #expect(padded == ByteKeyTable<Int>.hash(key))
        }
    }

    @Test(arguments: [1, 2, 3])
    func findsEveryKeyAndNothingElse(seed: UInt64) {
        var generator = SplitMix(seed: seed)
        var table = ByteKeyTable<Int>(capacity: 16)  // grows many times
        var expected: [[UInt8]: Int] = [:]
        for index in 0..<5_000 {
            let word = Self.word(maximumLength: 20, using: &generator)
            if expected[word] != nil { continue }
            expected[word] = index
            word.withUnsafeBufferPointer { table.insert(bytes: $0, index) }
        }
        #expect(table.count == expected.count)
        for (word, value) in expected {
            #expect(word.withUnsafeBufferPointer { table.value(for: $0) } == value)
        }
        var absent = 0
        for _ in 0..<5_000 {
            let word = Self.word(maximumLength: 20, using: &generator)
            guard expected[word] == nil else { continue }
            absent += 1
            #expect(word.withUnsafeBufferPointer { table.value(for: $0) } == nil)
        }
        #expect(absent > 1_000)
        #expect(table.value(for: "") == expected[[]])
    }
}
