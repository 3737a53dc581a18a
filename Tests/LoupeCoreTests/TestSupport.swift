import Foundation
import AnalyzerTestSupport
import LoupeCore

/// Paths and helpers shared by the core tests.
enum TestPaths {
    /// The repository root (three levels above this file).
    static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let seeds = root.appendingPathComponent("seeds")

    /// A new empty temporary folder.
    static func temporaryDirectory() -> String {
        TestScratch.folder("loupe-tests")
    }
}

/// Python-style slicing by scalar offsets: the slow, obviously correct oracle.
func pythonSlice(_ text: String, _ range: Range<Int>) -> String {
    let scalars = Array(text.unicodeScalars)
    var result = ""
    result.unicodeScalars.append(contentsOf: scalars[range])
    return result
}

func document(_ text: String, id: String = "doc") -> Document {
    Document(id: id, text: text, sourcePath: "test.txt")
}
