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
        let span = range.map { "\($0.lowerBound)-\($0.upperBound)" } ?? "doc"
        let material = [document, analyzer, layer, label, span, key ?? ""].joined(separator: "\u{1F}")
        return "a-" + hex(SHA256.hash(data: Array(material.utf8)).prefix(8))
    }

    /// `h-` and 12 random hex digits.
    public static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<6).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return "h-" + hex(bytes)
    }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var output = [UInt8]()
        for byte in bytes {
            output.append(digits[Int(byte >> 4)])
            output.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: output, as: UTF8.self)
    }
}
