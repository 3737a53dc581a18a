/// Bibliographic facts about a document: the five standard fields its
/// source may tell (title, outlet, date, url, author) and any further keys a
/// user sets with `meta` (such as `stance=state-media`).
public struct DocumentMetadata: Sendable, Hashable {
    public var title: String?
    public var outlet: String?
    /// ISO 8601 date, optionally with a time (`2025-03-19` or `2025-03-19T09:48`).
    public var date: String?
    public var url: String?
    public var author: String?
    /// Keys beyond the standard five, set by a user.
    public var extra: [String: String]

    public init(
        title: String? = nil, outlet: String? = nil, date: String? = nil, url: String? = nil, author: String? = nil,
        extra: [String: String] = [:]
    ) {
        self.title = title
        self.outlet = outlet
        self.date = date
        self.url = url
        self.author = author
        self.extra = extra
    }

    /// The standard keys, in the order listings show them.
    public static let standardKeys = ["title", "outlet", "date", "url", "author"]

    /// Keys a document's header holds for itself; no metadata key may take them.
    public static let reservedKeys: Set<String> = ["id", "path", "sha256", "length", "meta", "text", "annotations"]

    /// Whether `key` can name a metadata field: a lowercase letter, then up
    /// to 39 lowercase letters, digits, `-` or `_`, and not a reserved key.
    public static func isValidKey(_ key: String) -> Bool {
        let scalars = Array(key.unicodeScalars)
        guard let first = scalars.first, ("a"..."z").contains(first), scalars.count <= 40 else { return false }
        guard !reservedKeys.contains(key) else { return false }
        return scalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
    }

    /// The value of a standard or extra key.
    public subscript(key: String) -> String? {
        get {
            switch key {
            case "title": title
            case "outlet": outlet
            case "date": date
            case "url": url
            case "author": author
            default: extra[key]
            }
        }
        set {
            switch key {
            case "title": title = newValue
            case "outlet": outlet = newValue
            case "date": date = newValue
            case "url": url = newValue
            case "author": author = newValue
            default: extra[key] = newValue
            }
        }
    }

    /// The standard fields that are present, keyed by their JSON names.
    public var standardFields: [(key: String, value: String)] {
        [("title", title), ("outlet", outlet), ("date", date), ("url", url), ("author", author)]
            .compactMap { pair in pair.1.map { (key: pair.0, value: $0) } }
    }

    /// Every field that is present: the standard ones in their order, then
    /// the extra keys sorted.
    public var fields: [(key: String, value: String)] {
        standardFields + extra.keys.sorted().compactMap { key in extra[key].map { (key: key, value: $0) } }
    }

    /// This metadata with a user's values laid over it.
    public func overlaid(with values: [String: String]) -> DocumentMetadata {
        var result = self
        for (key, value) in values { result[key] = value }
        return result
    }
}
