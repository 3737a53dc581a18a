import Foundation
import LoupeCore

/// Who or what sentiment can be about: targets with their aliases (from
/// `targets.json`, extended by options), and the words that are never names.
struct TargetLexicon: Sendable {
    struct Target: Sendable, Hashable {
        var name: String
        var kind: String
    }

    struct Alias: Sendable {
        /// The alias's tokens after the first.
        var rest: [Substring]
        var target: Int
    }

    var targets: [Target] = []
    /// Aliases by their first token, longest first.
    var aliases: [Substring: [Alias]] = [:]
    var notNames: Set<Substring> = []
    var titles: Set<Substring> = []
    /// Words like "Foreign" or "Deputy" that belong to a title when one follows.
    var titleModifiers: Set<Substring> = []
    /// The first UTF-8 byte of every alias, to skip most tokens without hashing them.
    private var aliasFirstBytes = [Bool](repeating: false, count: 256)

    /// Whether an alias could start at this byte of the text.
    @inline(__always)
    func isAliasStart(_ utf8: String.UTF8View, at offset: Int) -> Bool {
        aliasFirstBytes[Int(utf8[utf8.index(utf8.startIndex, offsetBy: offset)])]
    }

    private struct File: Decodable {
        struct Entry: Decodable {
            var name: String
            var kind: String
            var aliases: [String]
        }
        var targets: [Entry]
        var notNames: [String]
        var titles: [String]
        var titleModifiers: [String]
    }

    init(url: URL, extra: [String: [String]]) throws(AnalyzerError) {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw .invalidData(path: url.path, reason: "cannot be read")
        }
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: data)
        } catch {
            throw .invalidData(path: url.path, reason: "not a targets file: \(error)")
        }
        notNames = Set(file.notNames.map { Substring($0) })
        titles = Set(file.titles.map { Substring($0) })
        titleModifiers = Set(file.titleModifiers.map { Substring($0) })
        for entry in file.targets { try add(Target(name: entry.name, kind: entry.kind), aliases: entry.aliases + [entry.name]) }
        for (name, aliases) in extra.sorted(by: { $0.key < $1.key }) {
            guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw .invalidOptions(analyzer: SentimentAnalyzer.descriptor.id, reason: "a target needs a name")
            }
            let existing = targets.firstIndex { $0.name == name }
            try add(existing.map { targets[$0] } ?? Target(name: name, kind: "custom"), aliases: aliases + [name])
        }
        for key in aliases.keys { aliases[key]?.sort { $0.rest.count > $1.rest.count } }
    }

    private mutating func add(_ target: Target, aliases list: [String]) throws(AnalyzerError) {
        let index: Int
        if let existing = targets.firstIndex(of: target) {
            index = existing
        } else {
            targets.append(target)
            index = targets.count - 1
        }
        for alias in Set(list) {
            for form in Set([alias, alias.uppercased()]) {
                let words = Self.words(of: form)
                guard let first = words.first else {
                    throw .invalidOptions(analyzer: SentimentAnalyzer.descriptor.id, reason: "target \"\(target.name)\" has an empty alias")
                }
                aliases[first, default: []].append(Alias(rest: Array(words.dropFirst()), target: index))
                if let byte = first.utf8.first { aliasFirstBytes[Int(byte)] = true }
            }
        }
    }

    /// An alias's tokens, as the segmenter splits document text.
    static func words(of text: String) -> [Substring] {
        let document = Document(id: "alias", text: text, sourcePath: "targets.json")
        return document.segmentation.tokens.map { document.text.slice(utf8: $0.span.utf8) }
    }
}
