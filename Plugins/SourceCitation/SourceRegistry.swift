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
        // A surname or a shorter form: its words end a longer person's name (not two people's: "Tull" is
        // not "Ann Okafor and Ben Tull").
        if kind == .person {
            if let found = entities.firstIndex(where: {
                $0.kind == .person && $0.words.count > words.count && Array($0.words.suffix(words.count)) == words && !$0.words.contains("and")
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

    /// The one named person registered so far whose role has this head ("the mayor" after "Mayor
    /// Rita Olsen") and holds every capitalised word of `modifiers` ("the Florida governor"), with
    /// the form recorded; `nil` when no such person, or more than one, is registered.
    mutating func onlyPerson(withRoleHead head: String, modifiers: [String], form: String) -> Int? {
        var found: Int?
        for (index, entity) in entities.enumerated() where entity.kind == .person {
            guard let role = entity.role, Self.roleHead(role) == head, !entity.words.contains(head),
                Self.holds(role, modifiers), !entity.id.contains("'s"), !entity.id.contains("\u{2019}s")
            else { continue }
            if found != nil { return nil }
            found = index
        }
        if let found, !entities[found].forms.contains(form) { entities[found].forms.append(form) }
        return found
    }

    /// Whether a role's words include each of `modifiers` (lower case), and say the same of its
    /// tenure: "the former mayor" is not "Mayor Rita Olsen", nor "the mayor" "Former Mayor Olsen".
    static func holds(_ role: String, _ modifiers: [String]) -> Bool {
        let words = words(of: role)
        return modifiers.allSatisfy(words.contains)
            && words.allSatisfy { !tenureWords.contains($0) || modifiers.contains($0) }
    }

    /// Words that place a role in time: a role with one is another holder's.
    static let tenureWords: Set<String> = ["former", "ex", "late", "then", "outgoing", "incoming", "acting", "interim"]

    /// Words that make a rank of their own with the role after them ("vice president" is not "president").
    static let rankPrefixes: Set<String> = ["vice", "deputy", "assistant", "associate", "lieutenant", "under", "co", "acting", "interim"]
    /// Words that tie a role to what it is a role of ("president of the club").
    static let roleQualifiers: Set<String> = ["of", "to", "for", "at", "in", "on"]

    /// The word a role phrase is about, lower case, without a possessive ending: its last word
    /// before "of", "to", "for", "at", "in" or "on" ("Director of the Service": "director"), with
    /// a rank before it ("vice president").
    static func roleHead(_ role: String) -> String? {
        var words: [String] = []
        for word in Self.words(of: role) {
            if roleQualifiers.contains(word) { break }
            words.append(word)
        }
        guard var head = words.last else { return nil }
        if head.hasSuffix("'s") { head.removeLast(2) }
        if head.hasSuffix(",") { head.removeLast() }
        if words.count >= 2, rankPrefixes.contains(words[words.count - 2]) || head == "general" {
            // "vice president"; "attorney general", "surgeon general" (a general of the army is "general").
            head = words[words.count - 2] + " " + head
        }
        return head.isEmpty ? nil : head
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
