// Timing helper for scripts/bench.py (not part of the product): measures, on
// one thread, the sentiment scorer on given sentences and the whole analyzer
// on given documents, printing one JSON object.
import Foundation
import LoupeAnalyzers
import LoupeCore
import SentimentAnalysis

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

let arguments = CommandLine.arguments
guard arguments.count >= 3, ["sentences", "documents", "segmentation-digest", "allocations"].contains(arguments[1]) else {
    FileHandle.standardError.write(Data("""
        usage: loupe-bench sentences FILE.json [PASSES]
               loupe-bench documents FILE.jsonl [sentiment|framing|bias-markers|source-citation|segmentation]
               loupe-bench segmentation-digest FILE...
               loupe-bench allocations FILE.jsonl   (with scripts/malloc-count.c preloaded)

        """.utf8))
    exit(2)
}
if arguments[1] == "allocations" {
    // Heap allocations while one document of at least 1 MB (releases joined
    // by blank lines) is segmented, scored sentence by sentence, and analysed
    // whole, counted by the preloaded scripts/malloc-count.c.
    typealias Counter = @convention(c) () -> UInt
    guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "loupe_malloc_count") else {
        FileHandle.standardError.write(Data("loupe-bench: allocations needs scripts/malloc-count.c built and preloaded (LD_PRELOAD)\n".utf8))
        exit(1)
    }
    let allocations = unsafeBitCast(symbol, to: Counter.self)
    let loaded = DocumentLoader().load(paths: [arguments[2]])
    var parts: [String] = []
    var size = 0
    for document in loaded.documents where size < 1_000_000 {
        parts.append(document.text)
        size += document.text.utf8.count + 2
    }
    let text = parts.joined(separator: "\n\n")
    let analyzer = try SentimentAnalyzer(options: .init())
    var scorer = try SentimentScorer()
    _ = analyzer.analyze(Document(id: "warm-up", text: "A good start. A bad end!", sourcePath: "bench"))
    _ = scorer.score("Warming up, happily."[...])
    let document = Document(id: "one-megabyte", text: text, sourcePath: "bench")
    var before = allocations()
    let segmentation = document.segmentation
    let segmenting = allocations() - before
    var checksum = 0.0
    before = allocations()
    for sentence in segmentation.sentences { checksum += scorer.score(text.slice(utf8: sentence.span.utf8)).compound }
    let scoring = allocations() - before
    before = allocations()
    let suggestions = analyzer.analyze(document)
    let analysing = allocations() - before
    let words = segmentation.tokens.filter { $0.kind == Token.Kind.word }.count
    print(JSONWriter.compact([
        "bytes": .int(text.utf8.count), "tokens": .int(segmentation.tokens.count), "words": .int(words),
        "sentences": .int(segmentation.sentences.count), "segmentation": .int(Int(segmenting)), "scorer": .int(Int(scoring)),
        "analyzer": .int(Int(analysing)), "suggestions": .int(suggestions.count), "checksum": .double(checksum),
    ]))
    exit(0)
}
if arguments[1] == "segmentation-digest" {
    // A digest of every paragraph, sentence and token span and kind, to check
    // that a change to the segmenter changed nothing it finds.
    var digest: UInt64 = 0xcbf2_9ce4_8422_2325
    func mix(_ value: Int) { digest = (digest ^ UInt64(truncatingIfNeeded: value)) &* 0x100_0000_01b3 }
    let loaded = DocumentLoader().load(paths: Array(arguments.dropFirst(2)))
    var counts = (paragraphs: 0, sentences: 0, tokens: 0)
    for document in loaded.documents {
        let segmentation = document.segmentation
        for span in segmentation.paragraphs { mix(span.scalars.lowerBound); mix(span.scalars.upperBound); mix(span.utf8.lowerBound) }
        for sentence in segmentation.sentences {
            mix(sentence.span.scalars.lowerBound); mix(sentence.span.scalars.upperBound); mix(sentence.span.utf8.upperBound)
            mix(sentence.paragraph); mix(sentence.tokens.lowerBound); mix(sentence.tokens.upperBound)
        }
        for token in segmentation.tokens {
            mix(token.span.scalars.lowerBound); mix(token.span.scalars.upperBound); mix(token.span.utf8.lowerBound)
            mix(token.span.utf8.upperBound); mix(Int(token.kind.rawValue))
        }
        counts.paragraphs += segmentation.paragraphs.count
        counts.sentences += segmentation.sentences.count
        counts.tokens += segmentation.tokens.count
    }
    print(JSONWriter.compact([
        "documents": .int(loaded.documents.count), "paragraphs": .int(counts.paragraphs), "sentences": .int(counts.sentences),
        "tokens": .int(counts.tokens), "digest": .string(String(digest, radix: 16)),
    ]))
    exit(0)
}
let clock = ContinuousClock()
switch arguments[1] {
case "sentences":
    guard let data = FileManager.default.contents(atPath: arguments[2]),
        let sentences = try? JSONParser.parse([UInt8](data)).arrayValue?.compactMap(\.stringValue)
    else {
        FileHandle.standardError.write(Data("loupe-bench: \(arguments[2]) is not a JSON array of strings\n".utf8))
        exit(1)
    }
    var scorer = try SentimentScorer()
    var checksum = 0.0
    var best = Double.infinity
    let passes = arguments.count > 3 ? max(1, Int(arguments[3]) ?? 10) : 10
    for _ in 0..<passes {
        let start = clock.now
        for sentence in sentences { checksum += scorer.score(sentence[...]).compound }
        best = min(best, seconds(clock.now - start))
    }
    let bytes = sentences.reduce(0) { $0 + $1.utf8.count }
    print(JSONWriter.compact(["seconds": .double(best), "sentences": .int(sentences.count), "bytes": .int(bytes), "checksum": .double(checksum)]))
default:
    let loaded = DocumentLoader().load(paths: [arguments[2]])
    let which = arguments.count > 3 ? arguments[3] : "sentiment"
    // "segmentation" is the reference: segmenting the same documents, nothing else.
    let analyzer: (any Analyzer)? = which == "segmentation" ? nil : try AnalyzerRegistry(BuiltinAnalyzers.all).analyzer(which).make(options: [:])
    var best = Double.infinity
    var suggestions = 0
    for _ in 0..<3 {
        // Fresh documents each round, so segmentation is measured too.
        let documents = loaded.documents.map { Document(id: $0.id, text: $0.text, metadata: $0.metadata, sourcePath: $0.sourcePath) }
        let start = clock.now
        suggestions = 0
        for document in documents {
            if let analyzer {
                suggestions += analyzer.analyze(document).count
            } else {
                suggestions += document.segmentation.sentences.count
            }
        }
        best = min(best, seconds(clock.now - start))
    }
    let bytes = loaded.documents.reduce(0) { $0 + $1.text.utf8.count }
    let sentences = loaded.documents.reduce(0) { $0 + $1.segmentation.sentences.count }
    print(JSONWriter.compact(["seconds": .double(best), "documents": .int(loaded.documents.count), "sentences": .int(sentences), "bytes": .int(bytes), "suggestions": .int(suggestions)]))
}
