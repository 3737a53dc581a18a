/// Bibliographic facts about a document, as far as its source tells them.
public struct DocumentMetadata: Sendable, Hashable {
    public var title: String?
    public var outlet: String?
    /// ISO 8601 date, optionally with a time (`2025-03-19` or `2025-03-19T09:48`).
    public var date: String?
    public var url: String?
    public var author: String?

    public init(title: String? = nil, outlet: String? = nil, date: String? = nil, url: String? = nil, author: String? = nil) {
        self.title = title
        self.outlet = outlet
        self.date = date
        self.url = url
        self.author = author
    }

    /// The fields that are present, keyed by their JSON names.
    public var fields: [(key: String, value: String)] {
        [("title", title), ("outlet", outlet), ("date", date), ("url", url), ("author", author)]
            .compactMap { pair in pair.1.map { (key: pair.0, value: $0) } }
    }
}
