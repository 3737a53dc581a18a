/// The analyzers a Loupe build knows, sorted by id.
public struct AnalyzerRegistry: Sendable {
    public let analyzers: [any Analyzer.Type]

    /// A registry of `analyzers`, sorted by id.
    ///
    /// - Precondition: ids are unique (a programming error otherwise).
    public init(_ analyzers: [any Analyzer.Type]) {
        let sorted = analyzers.sorted { $0.descriptor.id < $1.descriptor.id }
        precondition(Set(sorted.map { $0.descriptor.id }).count == sorted.count, "analyzer ids must be unique")
        self.analyzers = sorted
    }

    public var ids: [String] { analyzers.map { $0.descriptor.id } }

    /// The analyzer with this id.
    public func analyzer(_ id: String) throws(AnalyzerError) -> any Analyzer.Type {
        if let found = analyzers.first(where: { $0.descriptor.id == id }) { return found }
        throw .unknownAnalyzer(id, suggestion: Spelling.nearest(to: id, in: ids))
    }
}

/// Spelling suggestions for mistyped names.
public enum Spelling {
    /// The candidate closest to `word` by edit distance, if it is close enough
    /// to be a likely typo (or `word` is a prefix of exactly one candidate).
    public static func nearest(to word: String, in candidates: [String]) -> String? {
        let prefixed = candidates.filter { $0.hasPrefix(word) }
        if !word.isEmpty, prefixed.count == 1 { return prefixed[0] }
        var best: (distance: Int, candidate: String)?
        for candidate in candidates {
            let distance = editDistance(Array(word.unicodeScalars), Array(candidate.unicodeScalars))
            if best == nil || distance < best!.distance { best = (distance, candidate) }
        }
        guard let best, best.distance <= max(1, min(3, word.unicodeScalars.count / 2)) else { return nil }
        return best.candidate
    }

    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
