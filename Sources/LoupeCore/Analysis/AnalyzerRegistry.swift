/// One analyzer a workbench can run: a Swift type (built in, or from a
/// package of one's own), or a program that speaks the external analyzer
/// protocol (see ``ExternalAnalyzer``).
public struct AnalyzerEntry: Sendable {
    public let descriptor: AnalyzerDescriptor
    /// The Swift type, when there is one (its views, its typed options).
    public let type: (any Analyzer.Type)?
    /// The names of its options, for completion and for refusing mistyped ones.
    public let optionNames: [String]
    private let maker: @Sendable ([String: JSONValue]) throws(AnalyzerError) -> any Analyzer
    private let exampleLoader: @Sendable () throws(AnalyzerError) -> ExampleSet

    /// The entry of a Swift analyzer type.
    public init(_ type: any Analyzer.Type) {
        descriptor = type.descriptor
        self.type = type
        optionNames = type.optionNames
        maker = { options throws(AnalyzerError) in try type.make(options: options) }
        exampleLoader = { () throws(AnalyzerError) in try type.loadExamples() }
    }

    /// An entry made of parts (an external analyzer).
    public init(
        descriptor: AnalyzerDescriptor, optionNames: [String],
        make: @escaping @Sendable ([String: JSONValue]) throws(AnalyzerError) -> any Analyzer,
        examples: @escaping @Sendable () throws(AnalyzerError) -> ExampleSet
    ) {
        self.descriptor = descriptor
        type = nil
        self.optionNames = optionNames
        maker = make
        exampleLoader = examples
    }

    /// The analyzer, made with `options` over its defaults.
    public func make(options: [String: JSONValue]) throws(AnalyzerError) -> any Analyzer { try maker(options) }

    /// Its own examples.
    public func loadExamples() throws(AnalyzerError) -> ExampleSet { try exampleLoader() }
}

/// The analyzers a Loupe build knows, sorted by id.
public struct AnalyzerRegistry: Sendable {
    public let entries: [AnalyzerEntry]

    /// A registry of Swift analyzer types, sorted by id.
    ///
    /// - Precondition: ids are unique (a programming error otherwise).
    public init(_ analyzers: [any Analyzer.Type]) {
        self.init(entries: analyzers.map(AnalyzerEntry.init))
    }

    /// A registry of entries, sorted by id.
    ///
    /// - Precondition: ids are unique.
    public init(entries: [AnalyzerEntry]) {
        let sorted = entries.sorted { $0.descriptor.id < $1.descriptor.id }
        precondition(Set(sorted.map { $0.descriptor.id }).count == sorted.count, "analyzer ids must be unique")
        self.entries = sorted
    }

    /// The Swift analyzer types among the entries (for their views).
    public var analyzers: [any Analyzer.Type] { entries.compactMap(\.type) }

    public var descriptors: [AnalyzerDescriptor] { entries.map(\.descriptor) }

    public var ids: [String] { entries.map { $0.descriptor.id } }

    /// The analyzer with this id.
    public func analyzer(_ id: String) throws(AnalyzerError) -> AnalyzerEntry {
        if let found = entries.first(where: { $0.descriptor.id == id }) { return found }
        throw .unknownAnalyzer(id, suggestion: Spelling.nearest(to: id, in: ids))
    }

    /// `chosen` in an order where every analyzer runs after those that write
    /// a layer it reads (ties keep the registry's order); a cycle is an error
    /// naming the analyzers in it.
    public static func ordered(_ chosen: [AnalyzerEntry]) throws(AnalyzerError) -> [AnalyzerEntry] {
        var writers: [String: Set<Int>] = [:]
        for (index, entry) in chosen.enumerated() {
            for layer in entry.descriptor.layers { writers[layer, default: []].insert(index) }
        }
        var before: [Set<Int>] = chosen.enumerated().map { index, entry in
            Set(entry.descriptor.reads.flatMap { writers[$0] ?? [] }).subtracting([index])
        }
        var order: [AnalyzerEntry] = []
        var done = Set<Int>()
        while done.count < chosen.count {
            guard let next = chosen.indices.first(where: { !done.contains($0) && before[$0].isSubset(of: done) }) else {
                let stuck = chosen.indices.filter { !done.contains($0) }.map { chosen[$0].descriptor.id }
                throw .invalidData(
                    path: stuck.joined(separator: ", "),
                    reason: "these analyzers read each other's layers in a cycle, so none can run first")
            }
            done.insert(next)
            order.append(chosen[next])
            before[next] = []
        }
        return order
    }

    /// This registry with `more` added; an id already taken is an error.
    public func adding(_ more: [AnalyzerEntry]) throws(AnalyzerError) -> AnalyzerRegistry {
        for entry in more where ids.contains(entry.descriptor.id) {
            throw .invalidData(path: entry.descriptor.id, reason: "an analyzer with this id is already built in")
        }
        return AnalyzerRegistry(entries: entries + more)
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
