import Foundation
import LoupeCore

/// One entry of a closing "Sources"/"References"/"Notes" list.
struct ReferenceEntry: Sendable {
    var number: Int
    /// Scalar range of the whole entry.
    var range: Range<Int>
    var outlet: String?
    /// Scalar range of the outlet's name within the entry.
    var outletRange: Range<Int>?
    var title: String?
    /// ISO 8601.
    var date: String?
    var url: String?

    var json: JSONValue {
        var object: [String: JSONValue] = ["number": .int(number), "start": .int(range.lowerBound), "end": .int(range.upperBound)]
        if let outlet { object["outlet"] = .string(outlet) }
        if let title { object["title"] = .string(title) }
        if let date { object["date"] = .string(date) }
        if let url { object["url"] = .string(url) }
        return .object(object)
    }
}

/// A numbered marker in the body: `[3]`, `[1, 4]`, `[2–5]`.
struct ReferenceMarker: Sendable {
    /// Tokens from `[` to `]`.
    var tokens: Range<Int>
    var numbers: [Int]
}

/// A Markdown link in the body: `[text](url)`.
struct MarkdownLink: Sendable {
    var textRange: Range<Int>
    var markupRange: Range<Int>
    var url: String
    var host: String?
}

/// The document's reference apparatus: the closing list (entries parsed
/// into outlet, title, date and URL), the numbered markers that point into
/// it, and the Markdown links of the body.
///
/// - Complexity: O(n) in the document's length.
struct References {
    var entries: [Int: ReferenceEntry] = [:]
    /// Paragraphs of the list itself (heading and entries): not body text.
    var listParagraphs: Set<Int> = []
    var markers: [ReferenceMarker] = []
    var links: [MarkdownLink] = []

    static let headings: Set<String> = [
        "sources", "source", "references", "reference", "notes", "endnotes", "footnotes", "bibliography", "citations",
        "links", "further reading",
    ]

    init(text: CitationText) {
        let document = text.document
        let paragraphs = document.segmentation.paragraphs
        var inList = false
        for (index, paragraph) in paragraphs.enumerated() {
            let line = document.text.slice(utf8: paragraph.utf8)
            // Headings are short; entries open with "[" or a digit. Other paragraphs need no closer look.
            let first = line.utf8.first ?? 0
            let short = paragraph.utf8.count <= 32
            guard short || first == UInt8(ascii: "[") || (inList && first >= 0x30 && first <= 0x39) else {
                inList = false
                continue
            }
            let bare = short ? Self.bareHeading(line) : ""
            if Self.headings.contains(bare) {
                inList = true
                listParagraphs.insert(index)
                continue
            }
            if let (number, rest) = Self.entryNumber(line, bracketedOnly: !inList) {
                listParagraphs.insert(index)
                if entries[number] == nil {
                    entries[number] = Self.parseEntry(number: number, span: paragraph, rest: rest, document: document)
                }
                continue
            }
            // A list ends at the first paragraph that is not an entry (e.g. "Original article").
            inList = false
        }
        // Markers: "[" number(s) "]" in body paragraphs, not followed by "(" (a link).
        var index = 0
        let tokens = text.tokens
        while index + 2 < tokens.count {
            defer { index += 1 }
            guard text.isMark(index, ["["]), text.isNumber(index + 1) else { continue }
            var close = index + 1
            var numbers: [Int] = []
            while close < min(tokens.count, index + 12) {
                if text.isNumber(close) {
                    numbers += text.word(close).split(whereSeparator: { $0 == "," }).compactMap { Int($0) }
                } else if text.isMark(close, ["]"]) {
                    break
                } else if !text.isMark(close, [",", "-", "–"]) {
                    break
                }
                close += 1
            }
            guard close < tokens.count, text.isMark(close, ["]"]), !numbers.isEmpty, numbers.count <= 20 else { continue }
            if close + 1 < tokens.count, text.isMark(close + 1, ["("]), tokens[close + 1].span.utf8.lowerBound == tokens[close].span.utf8.upperBound { continue }
            if let sentence = text.sentence(of: index), listParagraphs.contains(sentence.paragraph) { continue }
            // "[2–5]" stands for 2, 3, 4 and 5.
            if numbers.count == 2, (index + 1..<close).contains(where: { text.isMark($0, ["-", "–"]) }), numbers[0] < numbers[1], numbers[1] - numbers[0] <= 20 {
                numbers = Array(numbers[0]...numbers[1])
            }
            markers.append(ReferenceMarker(tokens: index..<(close + 1), numbers: numbers))
            index = close
        }
        links = Self.links(in: document, skipping: listParagraphs)
    }

    /// A short line without its Markdown marks, colons and blanks at either end, in lower case.
    static func bareHeading(_ line: Substring) -> String {
        // ASCII: trimmed and lower-cased byte by byte (what Foundation does to such a line).
        guard line.utf8.allSatisfy({ $0 < 0x80 }) else {
            return line.trimmingCharacters(in: CharacterSet(charactersIn: "#*_: \t")).lowercased()
        }
        func isTrimmed(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: "#") || byte == UInt8(ascii: "*") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":")
                || byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
        }
        let bytes = line.utf8
        guard let start = bytes.firstIndex(where: { !isTrimmed($0) }), let last = bytes.lastIndex(where: { !isTrimmed($0) })
        else { return "" }
        return String(decoding: bytes[start...last].map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
    }

    /// `[3] …`, or in a list `3. …` / `3) …`: the number and the rest of the line.
    static func entryNumber(_ line: Substring, bracketedOnly: Bool) -> (Int, Substring)? {
        var digits = Substring("")
        var rest = Substring("")
        if line.hasPrefix("[") {
            guard let close = line.firstIndex(of: "]") else { return nil }
            digits = line[line.index(after: line.startIndex)..<close]
            rest = line[line.index(after: close)...]
        } else if !bracketedOnly {
            guard let end = line.firstIndex(where: { !$0.isASCII || !$0.isNumber }), end != line.startIndex,
                line[end] == "." || line[end] == ")"
            else { return nil }
            digits = line[..<end]
            rest = line[line.index(after: end)...]
        } else {
            return nil
        }
        guard !digits.isEmpty, digits.count <= 4, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(digits) else { return nil }
        return (number, rest.drop(while: { $0 == " " || $0 == "\t" || $0 == "\u{00A0}" }))
    }

    /// `[Outlet — “Title”](url) from 26.02.2025`, `Outlet: "Title", 2025-02-26, https://…`.
    static func parseEntry(number: Int, span: TextSpan, rest: Substring, document: Document) -> ReferenceEntry {
        let text = document.text
        func scalarOffset(_ index: String.Index) -> Int {
            document.scalarIndex.scalarOffset(ofUTF8: text.utf8.distance(from: text.utf8.startIndex, to: index))
        }
        var body = rest
        var url: String?
        // A Markdown link around the description.
        if body.hasPrefix("["), let middle = body.range(of: "]("), let close = body[middle.upperBound...].firstIndex(of: ")") {
            let target = body[middle.upperBound..<close].trimmingCharacters(in: .whitespaces)
            if !target.isEmpty, target != "#" { url = target }
            let trailing = body[body.index(after: close)...]
            body = body[body.index(after: body.startIndex)..<middle.lowerBound]
            if url == nil, let bare = Self.bareURL(in: trailing) { url = bare }
            let date = DateSniffer.firstDate(in: trailing) ?? DateSniffer.firstDate(in: body)
            var entry = describe(body, number: number, span: span, document: document, offset: scalarOffset)
            entry.url = url
            entry.date = date
            return entry
        }
        var entry = describe(body, number: number, span: span, document: document, offset: scalarOffset)
        entry.url = Self.bareURL(in: body)
        entry.date = DateSniffer.firstDate(in: body)
        return entry
    }

    private static func describe(
        _ body: Substring, number: Int, span: TextSpan, document: Document, offset: (String.Index) -> Int
    ) -> ReferenceEntry {
        var entry = ReferenceEntry(number: number, range: span.scalars)
        let quoteMarks: Set<Character> = ["\"", "\u{201C}", "\u{201D}", "\u{00AB}", "\u{00BB}"]
        // The outlet stands before a dash or colon, or before the quoted title.
        var outletEnd: String.Index?
        for separator in [" \u{2014} ", " \u{2013} ", " - ", ": "] {
            if let found = body.range(of: separator), !body[..<found.lowerBound].contains(where: { quoteMarks.contains($0) }) {
                if outletEnd.map({ found.lowerBound < $0 }) ?? true { outletEnd = found.lowerBound }
            }
        }
        if outletEnd == nil, let quote = body.firstIndex(where: { quoteMarks.contains($0) }), quote != body.startIndex {
            outletEnd = quote
        }
        if let outletEnd {
            let raw = body[..<outletEnd]
            let trimmedStart = raw.firstIndex(where: { !$0.isWhitespace }) ?? raw.startIndex
            var trimmedEnd = raw.endIndex
            while trimmedEnd > trimmedStart, let previous = raw.index(trimmedEnd, offsetBy: -1, limitedBy: trimmedStart),
                raw[previous].isWhitespace || raw[previous] == "," || raw[previous] == "."
            {
                trimmedEnd = previous
            }
            let outlet = raw[trimmedStart..<trimmedEnd]
            if !outlet.isEmpty, outlet.split(separator: " ").count <= 8 {
                entry.outlet = String(outlet)
                entry.outletRange = offset(trimmedStart)..<offset(trimmedEnd)
            }
        }
        // The title: the quoted words, or what follows the outlet.
        if let open = body.firstIndex(where: { quoteMarks.contains($0) }) {
            let afterOpen = body.index(after: open)
            let close = body[afterOpen...].lastIndex(where: { quoteMarks.contains($0) }) ?? body.endIndex
            let title = body[afterOpen..<close].trimmingCharacters(in: .whitespaces)
            if !title.isEmpty { entry.title = title }
        } else if let outletEnd {
            let title = body[outletEnd...].trimmingCharacters(in: CharacterSet(charactersIn: " \u{2014}\u{2013}-:,."))
            if !title.isEmpty { entry.title = title }
        } else {
            let title = body.trimmingCharacters(in: .whitespaces)
            if !title.isEmpty { entry.title = title }
        }
        return entry
    }

    static func bareURL(in text: Substring) -> String? {
        guard let start = text.range(of: "http://") ?? text.range(of: "https://") else { return nil }
        let url = text[start.lowerBound...].prefix(while: { !$0.isWhitespace && $0 != ")" && $0 != "]" })
        return url.isEmpty ? nil : String(url)
    }

    /// The host of a URL, without "www.".
    static func host(of url: String) -> String? {
        guard let scheme = url.range(of: "://") else { return nil }
        let rest = url[scheme.upperBound...]
        let host = rest.prefix(while: { $0 != "/" && $0 != "?" && $0 != "#" && $0 != ":" }).lowercased()
        guard !host.isEmpty else { return nil }
        return host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
    }

    /// `[text](url)` in body paragraphs, with a real target (not "#").
    static func links(in document: Document, skipping: Set<Int>) -> [MarkdownLink] {
        // The text's own bytes where it keeps them together (a native string does), else a copy.
        document.text.utf8.withContiguousStorageIfAvailable { links(in: document, bytes: $0, skipping: skipping) }
            ?? Array(document.text.utf8).withUnsafeBufferPointer { links(in: document, bytes: $0, skipping: skipping) }
    }

    private static func links(in document: Document, bytes: UnsafeBufferPointer<UInt8>, skipping: Set<Int>) -> [MarkdownLink] {
        var links: [MarkdownLink] = []
        let index = document.scalarIndex
        for (number, paragraph) in document.segmentation.paragraphs.enumerated() where !skipping.contains(number) {
            let range = paragraph.utf8
            // A link opens with "[": a paragraph without one (most) is passed over at memchr's pace.
            guard !range.isEmpty, let base = bytes.baseAddress, memchr(base + range.lowerBound, Int32(UInt8(ascii: "[")), range.count) != nil
            else { continue }
            var position = range.lowerBound
            var open: Int?
            while position < range.upperBound {
                let byte = bytes[position]
                // Only brackets change anything: the rest of the paragraph is passed over.
                if byte != UInt8(ascii: "[") && byte != UInt8(ascii: "]") {
                    position += 1
                    continue
                }
                if byte == UInt8(ascii: "[") {
                    open = position
                } else if let start = open, position + 1 < range.upperBound, bytes[position + 1] == UInt8(ascii: "(") {
                    var close = position + 2
                    while close < range.upperBound, bytes[close] != UInt8(ascii: ")"), bytes[close] != UInt8(ascii: " ") { close += 1 }
                    if close < range.upperBound, bytes[close] == UInt8(ascii: ")"), position > start + 1 {
                        let url = String(decoding: UnsafeBufferPointer(rebasing: bytes[(position + 2)..<close]), as: UTF8.self)
                        if !url.isEmpty, url != "#" {
                            links.append(
                                MarkdownLink(
                                    textRange: index.scalarOffset(ofUTF8: start + 1)..<index.scalarOffset(ofUTF8: position),
                                    markupRange: index.scalarOffset(ofUTF8: start)..<index.scalarOffset(ofUTF8: close + 1),
                                    url: url, host: host(of: url)))
                        }
                        position = close
                    }
                    open = nil
                }
                position += 1
            }
        }
        return links
    }
}
