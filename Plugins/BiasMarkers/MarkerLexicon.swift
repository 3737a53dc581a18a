import Foundation
import LoupeCore

/// One lexicon entry: the category it marks, how strongly, and why.
struct Marker: Sendable {
    var category: String
    var cue: String
    /// 1 mild, 2 marked, 3 strong.
    var strength: Int
    var rationale: String
    /// Whether the cue is written in lower case, so it should not match a
    /// capitalised word inside a sentence (a name: "May", "Hope").
    var lowercase: Bool
}

/// The bias-marker lexicons: one `CATEGORY.tsv` per category (and any
/// `CATEGORY.PART.tsv` adds to it: `loaded-language.emotive.tsv`), lines of
/// `cue<TAB>strength<TAB>rationale`, `#` comments and blank lines allowed.
/// Strength 0 marks an exception: a longer phrase that is not a marker
/// although it contains one ("sanctions regime" is a technical term). A cue
/// written `=word` matches that form only, not every word with its stem.
struct MarkerLexicon: Sendable {
    let cues: CueLexicon<Marker>
    let categories: [String]

    /// Reads every `.tsv` file of a folder; a bad line is an error naming the file and line.
    init(folder: URL, only: Set<String>?) throws(AnalyzerError) {
        let files: [URL]
        do {
            files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
                .filter { $0.pathExtension == "tsv" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
        } catch {
            throw .invalidData(path: folder.path, reason: "cannot list the lexicon folder")
        }
        var lexicon = CueLexicon<Marker>()
        var categories: [String] = []
        for file in files {
            // "loaded-language.emotive.tsv" adds to the category "loaded-language".
            let name = file.deletingPathExtension().lastPathComponent
            let category = String(name.prefix { $0 != "." })
            if let only, !only.contains(category) { continue }
            if categories.last != category { categories.append(category) }
            try Self.read(file, category: category, into: &lexicon)
        }
        if let only {
            let unknown = only.subtracting(categories).sorted()
            if !unknown.isEmpty {
                throw .invalidOptions(analyzer: "bias-markers", reason: "unknown categories: \(unknown.joined(separator: ", "))")
            }
        }
        cues = lexicon
        self.categories = categories
    }

    static func read(_ file: URL, category: String, into lexicon: inout CueLexicon<Marker>) throws(AnalyzerError) {
        let data = try DataFile(url: file)
        try data.forEachRecord { (line, fields) throws(AnalyzerError) in
            guard fields.count == 3 else {
                throw .invalidData(
                    path: data.location(ofLine: line), reason: "expected cue<TAB>strength<TAB>rationale, found \(fields.count) field(s)")
            }
            var cue = fields[0]
            // "=word" matches the word as written, not its stem ("=profiteers" is not "profit").
            let exact = cue.hasPrefix("=") && cue.count > 1
            if exact { cue.removeFirst() }
            guard let strength = Int(fields[1]), (0...3).contains(strength) else {
                throw .invalidData(
                    path: data.location(ofLine: line), reason: "strength must be 1, 2 or 3 (0 for an exception), not \"\(fields[1])\"")
            }
            let rationale = fields[2]
            guard !rationale.isEmpty else { throw .invalidData(path: data.location(ofLine: line), reason: "the rationale is empty") }
            let lowercase = cue == cue.lowercased()
            do throws(CueLexiconError) {
                try lexicon.add(
                    cue, payload: Marker(category: category, cue: cue, strength: strength, rationale: rationale, lowercase: lowercase),
                    exact: exact)
            } catch {
                throw .invalidData(path: data.location(ofLine: line), reason: error.description)
            }
        }
    }
}
