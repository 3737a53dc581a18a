import Foundation
import LoupeCore

/// Reads one of the analyzer's JSON data files (VADER's rules, the targets,
/// the target rules) into its `Decodable` shape, with one error naming the
/// file when it cannot be read or is not that kind of file.
enum BundledJSON {
    /// `url`'s contents decoded as `type`; `kind` names the file in the error ("a targets file").
    static func decode<Value: Decodable>(_ type: Value.Type, from url: URL, kind: String) throws(AnalyzerError) -> Value {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw .invalidData(path: url.path, reason: "cannot be read")
        }
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch {
            throw .invalidData(path: url.path, reason: "not \(kind): \(error)")
        }
    }
}
