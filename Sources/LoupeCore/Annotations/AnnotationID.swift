import Crypto
import Foundation

/// Annotation identifiers.
///
/// Automatic annotations get ids derived from what they say, so re-running an
/// unchanged analyzer on an unchanged document gives the same ids and the
/// same file; human annotations get random ids.
public enum AnnotationID {
    /// `a-` and 16 hex digits of SHA-256 over (document, analyzer, layer,
    /// label, span, key); the document is included so ids are unique across
    /// a corpus, not only within one file.
    public static func derived(
        document: String, analyzer: String, layer: String, label: String, range: Range<Int>?, key: String?
    ) -> String {
        let digest = derivedDigest(document: document, analyzer: analyzer, layer: layer, label: label, range: range, key: key)
        // "a-" and 16 hex digits, written into the string's own storage.
        return String(unsafeUninitializedCapacity: derivedLength) { buffer in
            write(digest: digest, into: UnsafeMutableRawBufferPointer(buffer))
            return derivedLength
        }
    }

    /// The length of a derived id in bytes.
    static let derivedLength = 18

    /// The first 8 bytes of the SHA-256 a derived id shows, as a big-endian
    /// number: ids sort as these numbers do, since their hex digits are
    /// fixed in number and lower-case.
    static func derivedDigest(
        document: String, analyzer: String, layer: String, label: String, range: Range<Int>?, key: String?
    ) -> UInt64 {
        // The fields joined by U+001F, written as bytes straight away: this
        // runs once per suggestion, tens of thousands of times per corpus.
        var material: [UInt8] = []
        material.reserveCapacity(document.utf8.count + analyzer.utf8.count + layer.utf8.count + label.utf8.count + 48)
        for field in [document, analyzer, layer, label] {
            material.append(contentsOf: field.utf8)
            material.append(0x1F)
        }
        if let range {
            JSONWriter.appendInt(range.lowerBound, to: &material)
            material.append(UInt8(ascii: "-"))
            JSONWriter.appendInt(range.upperBound, to: &material)
        } else {
            material.append(contentsOf: "doc".utf8)
        }
        material.append(0x1F)
        if let key { material.append(contentsOf: key.utf8) }
        var number: UInt64 = 0
        for byte in SHA256.hash(data: material).prefix(8) { number = number << 8 | UInt64(byte) }
        return number
    }

    /// Appends the derived id of `digest` (see ``derivedDigest(document:analyzer:layer:label:range:key:)``).
    static func appendDerived(digest: UInt64, to output: inout [UInt8]) {
        let start = output.count
        output.append(contentsOf: repeatElement(0, count: derivedLength))
        output.withUnsafeMutableBytes { write(digest: digest, into: UnsafeMutableRawBufferPointer(rebasing: $0[start...])) }
    }

    /// Writes `a-` and the 16 hex digits of `digest` into the first 18 bytes of `buffer`.
    private static func write(digest: UInt64, into buffer: UnsafeMutableRawBufferPointer) {
        buffer[0] = UInt8(ascii: "a")
        buffer[1] = UInt8(ascii: "-")
        for index in 0..<16 {
            buffer[2 + index] = hexDigit(UInt8(truncatingIfNeeded: digest >> UInt64(60 - 4 * index)) & 0x0F)
        }
    }

    /// `h-` and 12 random hex digits.
    public static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<6).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return "h-" + hex(bytes)
    }

    /// The bytes as lower-case hexadecimal digits, two per byte.
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        var output = [UInt8]()
        output.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            output.append(hexDigit(byte >> 4))
            output.append(hexDigit(byte & 0x0F))
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}
