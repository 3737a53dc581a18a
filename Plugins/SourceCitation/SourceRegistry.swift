import LoupeCore

/// One real source within a document, under one canonical name.
struct SourceEntity: Sendable {
    /// The canonical name (the `sourceId`): the fullest name the document gives.
    var id: String
    var kind: SourceKind
    var role: String?
    /// Lower-case words of the canonical name.
    var words: [String]
    var acronym: String?
    /// Every way the document writes it.
    var forms: [String] = []
}

/// Joins the ways a document names one source: "Putin", "Vladimir Putin" and
/// "Russian President Vladimir Putin"; "Dmitriev" and "Kirill Dmitriev, CEO
/// of the Russian Direct Investment Fund (RDIF)"; "USGS" and "U.S. Geological
/// Survey (USGS)". Register the fullest names first.
struct SourceRegistry: Sendable {
    private(set) var entities: [SourceEntity] = []
    private var byKey: [String: Int] = [:]

    static let nameConnectors: Set<String> = ["of", "the", "and", "for", "&", "de", "von", "van", "al", "la", "le", "du", "del", "da"]

    /// The entity a name belongs to, registering it when it is new.
    mutating func register(name: String, kind: SourceKind, role: String?, alias: String?, form: String) -> Int {
        let words = Self.words(of: name)
        let key = words.joined(separator: " ")
        if let found = byKey[key] ?? match(words: words, name: name, kind: kind) {
            byKey[key] = found
            if !entities[found].forms.contains(form) { entities[found].forms.append(form) }
            if entities[found].role == nil, let role { entities[found].role = role }
            if entities[found].acronym == nil, let alias { entities[found].acronym = alias; byKey[alias.lowercased()] = found }
            return found
        }
        entities.append(SourceEntity(id: name, kind: kind, role: role, words: words, acronym: alias, forms: [form]))
        let index = entities.count - 1
        byKey[key] = index
        if let alias { byKey[alias.lowercased()] = index }
        return index
    }

    private func match(words: [String], name: String, kind: SourceKind) -> Int? {
        guard !words.isEmpty else { return nil }
        // An acronym: given in parentheses earlier, or the initials of a long name.
        let letters = name.unicodeScalars.filter { $0.properties.isAlphabetic }
        if words.count == 1, letters.count >= 2, letters.allSatisfy({ $0.properties.isUppercase }) {
            let acronym = name.lowercased().filter { $0.isLetter }
            if let found = entities.firstIndex(where: { $0.acronym?.lowercased() == name.lowercased() || Self.initials(of: $0.words) == acronym }) {
                return found
            }
        }
        // A surname or a shorter form: its words end a longer person's name.
        if kind == .person {
            if let found = entities.firstIndex(where: {
                $0.kind == .person && $0.words.count > words.count && Array($0.words.suffix(words.count)) == words
            }) {
                return found
            }
        }
        // "the Kremlin" and "Kremlin"; "Reuters" and "Reuters news agency".
        if kind != .person, kind != .anonymous {
            if let found = entities.firstIndex(where: {
                $0.kind == kind && $0.words.count > words.count && Array($0.words.prefix(words.count)) == words
            }) {
                return found
            }
        }
        return nil
    }

    static func words(of name: String) -> [String] {
        let lowered = name.lowercased().replacing("\u{2019}", by: "'")
        // ASCII with no carriage return: every character is one byte, and bytes split as characters do.
        if lowered.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) {
            return lowered.utf8.split(whereSeparator: { $0 == 0x20 || $0 == 0x0A }).map { String(decoding: $0, as: UTF8.self) }
        }
        return lowered.split(whereSeparator: { $0 == " " || $0 == "\u{00A0}" || $0 == "\n" }).map(String.init)
    }

    static func initials(of words: [String]) -> String {
        guard words.count >= 2 else { return "" }
        var result = ""
        for word in words where !nameConnectors.contains(word) {
            // "U.S." gives "us".
            if word.contains(".") { result += word.filter(\.isLetter) } else if let first = word.first { result.append(first) }
        }
        return result
    }
}
