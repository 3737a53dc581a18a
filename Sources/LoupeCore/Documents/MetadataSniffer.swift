/// Reads title, outlet, date, url and author from the head of a plain-text or
/// Markdown article.
///
/// It understands what news pages saved as text look like: a Markdown heading
/// (`# **Title**`), a plain first line as title, a line holding only a link to
/// the outlet's domain (`[example.com](http://example.com)`), a line holding
/// only a date (`2025-03-11`, `March 11, 2025`, `11 March 2025`), and a byline
/// such as `by Jane Doe | 19. Mar 2025 - 09:48 | Politics`.
public enum MetadataSniffer {
    /// How many non-blank lines at the top count as the head.
    static let headLines = 12
    /// A line this long (in scalars) is body text; the head ends before it.
    static let bodyLineLength = 160

    public static func sniff(_ text: String) -> DocumentMetadata {
        var metadata = DocumentMetadata()
        var lines: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let trimmed = trim(line)
            if trimmed.isEmpty { continue }
            lines.append(trimmed)
            if lines.count >= headLines { break }
        }
        guard let first = lines.first else { return metadata }
        metadata.title = title(from: first)
        for (position, line) in lines.enumerated() {
            if position > 0, line.unicodeScalars.count >= bodyLineLength { break }
            if position == 0, !line.hasPrefix("#") { continue }
            if metadata.url == nil, let link = domainLink(line) {
                metadata.outlet = link.text
                metadata.url = link.url
                continue
            }
            if metadata.date == nil, let date = DateSniffer.date(in: String(line), wholeLine: true) {
                metadata.date = date
                continue
            }
            if let byline = byline(line) {
                if metadata.author == nil { metadata.author = byline.author }
                if metadata.date == nil { metadata.date = byline.date }
            }
        }
        return metadata
    }

    static func trim(_ line: Substring) -> Substring {
        var result = line
        while let first = result.unicodeScalars.first, first.properties.isWhitespace {
            result = Substring(result.unicodeScalars.dropFirst())
        }
        while let last = result.unicodeScalars.last, last.properties.isWhitespace {
            result = Substring(result.unicodeScalars.dropLast())
        }
        return result
    }

    /// The title a first line gives: a Markdown heading without its marks,
    /// or a short plain line as it is. A long first line is the article's
    /// first paragraph, not a title; a section label ("Highlights", "Key
    /// points") or a list item heads a part of the page, not the article.
    static func title(from line: Substring) -> String? {
        var text = line
        if text.hasPrefix("#") {
            text = trim(text.drop(while: { $0 == "#" }))
        }
        text = stripEmphasis(text)
        guard !text.isEmpty, text.unicodeScalars.count <= bodyLineLength else { return nil }
        if let first = text.unicodeScalars.first, "-*•–".unicodeScalars.contains(first),
            text.unicodeScalars.dropFirst().first == " "
        {
            return nil
        }
        var label = text.lowercased()
        while let last = label.unicodeScalars.last, ":.".unicodeScalars.contains(last) { label.removeLast() }
        if sectionLabels.contains(label) { return nil }
        // A first line ending a sentence with a full stop and running long is body text.
        if text.hasSuffix("."), text.split(separator: " ").count > 25 { return nil }
        return String(text)
    }

    /// Headings that name a part of a page rather than the article.
    static let sectionLabels: Set<String> = [
        "highlights", "key points", "key takeaways", "takeaways", "summary", "in brief", "at a glance", "overview",
        "abstract", "news", "breaking", "breaking news", "update", "updated", "advertisement", "share", "menu",
        "analysis", "opinion", "related", "live", "top stories",
    ]

    /// The outlet a URL names: its host without `www.`.
    public static func outlet(fromURL url: String) -> String? {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        let rest = url[schemeEnd.upperBound...]
        let host = rest.prefix(while: { $0 != "/" && $0 != "?" && $0 != "#" && $0 != ":" }).lowercased()
        guard host.contains("."), !host.contains(" "), !host.contains("@") else { return nil }
        return host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
    }

    static func stripEmphasis(_ text: Substring) -> Substring {
        for mark in ["**", "__", "*", "_"] where text.hasPrefix(mark) && text.hasSuffix(mark) && text.count > 2 * mark.count {
            return trim(text.dropFirst(mark.count).dropLast(mark.count))
        }
        return text
    }

    /// `[example.com](http://example.com)` alone on a line, where the link text looks like a domain.
    static func domainLink(_ line: Substring) -> (text: String, url: String)? {
        guard line.hasPrefix("["), line.hasSuffix(")"), let close = line.firstIndex(of: "]") else { return nil }
        let label = line[line.index(after: line.startIndex)..<close]
        let rest = line[line.index(after: close)...]
        guard rest.hasPrefix("("), rest.count > 2 else { return nil }
        let url = rest.dropFirst().dropLast()
        guard !label.isEmpty, label.contains("."), !label.contains(" "), !url.contains(" ") else { return nil }
        return (String(label), String(url))
    }

    /// `by NAME | DATE | SECTION` (any part may be empty).
    static func byline(_ line: Substring) -> (author: String?, date: String?)? {
        let lower = line.lowercased()
        guard lower.hasPrefix("by ") || lower.hasPrefix("by|") || lower == "by" else { return nil }
        let parts = line.dropFirst(2).split(separator: "|", omittingEmptySubsequences: false).map { trim($0) }
        guard !parts.isEmpty else { return nil }
        let author = parts[0].isEmpty || parts.count == 1 && parts[0].unicodeScalars.count > 60 ? nil : String(parts[0])
        var date: String?
        for part in parts.dropFirst() where date == nil {
            date = DateSniffer.date(in: String(part), wholeLine: true)
        }
        if author == nil, date == nil, parts.count == 1 { return nil }
        return (author, date)
    }
}
