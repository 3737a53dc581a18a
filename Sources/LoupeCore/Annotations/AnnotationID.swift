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
        // The fields joined by U+001F, written as bytes straight away: this
        // runs once per suggestion, tens of thousands of times per corpus.
        var material: [UInt8] = []
        material.reserveCapacity(document.utf8.count + analyzer.utf8.count + layer.utf8.count + label.utf8.count + 48)
        for field in [document, analyzer, layer, label] {
            material.append(contentsOf: field.utf8)
            material.append(0x1F)
        }
        if let range {
            appendDecimal(range.lowerBound, to: &material)
            material.append(UInt8(ascii: "-"))
            appendDecimal(range.upperBound, to: &material)
        } else {
            material.append(contentsOf: "doc".utf8)
        }
        material.append(0x1F)
        if let key { material.append(contentsOf: key.utf8) }
        // "a-" and 16 hex digits, written into the string's own storage.
        let digest = SHA256.hash(data: material)
        return String(unsafeUninitializedCapacity: 18) { buffer in
            buffer[0] = UInt8(ascii: "a")
            buffer[1] = UInt8(ascii: "-")
            var position = 2
            for byte in digest.prefix(8) {
                buffer[position] = hexDigit(byte >> 4)
                buffer[position + 1] = hexDigit(byte & 0x0F)
                position += 2
            }
            return position
        }
    }

    /// Appends `value` in decimal, as string interpolation writes it.
    private static func appendDecimal(_ value: Int, to bytes: inout [UInt8]) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        // The digits from the last, then turned around in place: no array of their own.
        let first = bytes.count
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        bytes[first...].reverse()
    }

    /// `h-` and 12 random hex digits.
    public static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<6).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return "h-" + hex(bytes)
    }

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
