/// Writes analyzers' suggestions as the annotations they become, byte for
/// byte as ``AnnotationCoding/append(_:to:)`` writes
/// ``Suggestion/annotation(in:by:at:)``, without making those annotations.
///
/// A streamed document's suggestions are written once and forgotten, so
/// building each annotation first (a copy of its attributes with the rule and
/// the cues added, a dictionary per cue, three strings for its quote and one
/// for its id) was work done only to be taken apart again: a fifth of a
/// stream run. Here the attributes and cues are written from the suggestion
/// with their keys merged in order, the quote straight from the document's
/// bytes, and the id from its digest.
enum SuggestionEncoding {
    /// One analyzer's suggestions for a document.
    struct Made {
        var descriptor: AnalyzerDescriptor
        var suggestions: [Suggestion]
    }

    /// Where one suggestion goes in storage order (``Annotation/storageOrder(_:_:)``).
    private struct Entry {
        var made: Int
        var index: Int
        /// The clamped span, `nil` for the whole document (an empty span is written as none).
        var target: Range<Int>?
        /// The id's number (see ``AnnotationID/derivedDigest(document:analyzer:layer:label:range:key:)``).
        var digest: UInt64
    }

    /// Appends `[annotation,…]`: every suggestion of `made` as its annotation,
    /// in storage order, an id met twice written once (the first).
    static func appendAnnotations(of made: [Made], in document: Document, at time: String, to output: inout [UInt8]) {
        var entries: [Entry] = []
        entries.reserveCapacity(made.reduce(0) { $0 + $1.suggestions.count })
        let length = document.length
        for (madeIndex, one) in made.enumerated() {
            for (index, suggestion) in one.suggestions.enumerated() {
                let clamped = suggestion.range.map { max(0, $0.lowerBound)..<min(length, $0.upperBound) }
                let digest = AnnotationID.derivedDigest(
                    document: document.id, analyzer: one.descriptor.id, layer: suggestion.layer, label: suggestion.label,
                    range: clamped, key: suggestion.key)
                entries.append(Entry(made: madeIndex, index: index, target: clamped.flatMap { $0.isEmpty ? nil : $0 }, digest: digest))
            }
        }
        func precedes(_ left: Entry, _ right: Entry) -> Bool {
            let l = made[left.made].suggestions[left.index]
            let r = made[right.made].suggestions[right.index]
            let leftSpan = left.target.map { ($0.lowerBound, $0.upperBound) }
            let rightSpan = right.target.map { ($0.lowerBound, $0.upperBound) }
            if let order = Annotation.storageOrder(leftSpan, l.layer, l.label, rightSpan, r.layer, r.label) { return order }
            if left.digest != right.digest { return left.digest < right.digest }
            // The same id twice: the first made stays first, and is the one written.
            return (left.made, left.index) < (right.made, right.index)
        }
        entries.sort(by: precedes)
        var text = document.text
        let scalars = document.scalarIndex
        // Each analyzer's `id@version` as a JSON string, written once.
        let creators: [[UInt8]] = made.map { one in
            var bytes: [UInt8] = []
            JSONWriter.appendString(one.descriptor.id + "@" + one.descriptor.version, to: &bytes)
            return bytes
        }
        text.withUTF8 { bytes in
            output.append(UInt8(ascii: "["))
            var written = Set<UInt64>(minimumCapacity: entries.count)
            var first = true
            for entry in entries where written.insert(entry.digest).inserted {
                if !first { output.append(UInt8(ascii: ",")) }
                first = false
                let one = made[entry.made]
                append(
                    one.suggestions[entry.index], target: entry.target, digest: entry.digest, creator: creators[entry.made], at: time,
                    text: bytes, scalars: scalars, length: length, to: &output)
            }
            output.append(UInt8(ascii: "]"))
        }
    }

    /// One suggestion as its annotation's compact JSON object.
    private static func append(
        _ suggestion: Suggestion, target: Range<Int>?, digest: UInt64, creator: [UInt8], at time: String,
        text: UnsafeBufferPointer<UInt8>, scalars: ScalarIndex, length: Int, to output: inout [UInt8]
    ) {
        // Keys in UTF-8 order, as AnnotationCoding.append writes them for a suggestion.
        output.appendLiteral("{\"attributes\":")
        appendAttributes(of: suggestion, to: &output)
        if let confidence = suggestion.confidence {
            output.appendLiteral(",\"confidence\":")
            JSONWriter.appendDouble(min(1, max(0, confidence)), to: &output)
        }
        JSONWriter.appendMember("created", string: time, to: &output)
        output.appendLiteral(",\"creator\":")
        output += creator
        output.appendLiteral(",\"id\":\"")
        AnnotationID.appendDerived(digest: digest, to: &output)
        output.append(UInt8(ascii: "\""))
        JSONWriter.appendMember("label", string: suggestion.label, to: &output)
        JSONWriter.appendMember("layer", string: suggestion.layer, to: &output)
        if let target {
            let context = TextQuoteTarget.contextLength(forSpanOf: target.count)
            func appendQuote(_ range: Range<Int>) {
                JSONWriter.appendString(utf8: UnsafeBufferPointer(rebasing: text[scalars.utf8Range(ofScalars: range)]), to: &output)
            }
            output.appendLiteral(",\"target\":{\"end\":")
            JSONWriter.appendInt(target.upperBound, to: &output)
            output.appendLiteral(",\"exact\":")
            appendQuote(target)
            output.appendLiteral(",\"prefix\":")
            appendQuote(max(0, target.lowerBound - context)..<target.lowerBound)
            JSONWriter.appendMember("start", int: target.lowerBound, to: &output)
            output.appendLiteral(",\"suffix\":")
            appendQuote(target.upperBound..<min(length, target.upperBound + context))
            output.append(UInt8(ascii: "}"))
        }
        output.append(UInt8(ascii: "}"))
    }

    private static let ruleKey = [JSONWriter.OwnKey("rule")]
    private static let cuesAndRuleKeys = [JSONWriter.OwnKey("cues"), JSONWriter.OwnKey("rule")]
    private static let cueKeys = [JSONWriter.OwnKey("end"), JSONWriter.OwnKey("start"), JSONWriter.OwnKey("text")]

    /// The suggestion's attributes with `rule` and, when it has cues, `cues`
    /// (which replace attributes of those names), keys in UTF-8 order.
    private static func appendAttributes(of suggestion: Suggestion, to output: inout [UInt8]) {
        let cues = suggestion.cues
        if cues.isEmpty {
            JSONWriter.appendObject(suggestion.attributes, merging: ruleKey, to: &output) { _, output in
                JSONWriter.appendString(suggestion.rule, to: &output)
            }
            return
        }
        JSONWriter.appendObject(suggestion.attributes, merging: cuesAndRuleKeys, to: &output) { own, output in
            guard own == 0 else { return JSONWriter.appendString(suggestion.rule, to: &output) }
            output.append(UInt8(ascii: "["))
            for index in cues.indices {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                appendCue(cues[index], to: &output)
            }
            output.append(UInt8(ascii: "]"))
        }
    }

    /// A cue as ``Cue``'s object: its details with `text`, `start` and `end`.
    private static func appendCue(_ cue: Cue, to output: inout [UInt8]) {
        guard cue.details.isEmpty else {
            JSONWriter.appendObject(cue.details, merging: cueKeys, to: &output) { own, output in
                switch own {
                case 0: JSONWriter.appendInt(cue.range.upperBound, to: &output)
                case 1: JSONWriter.appendInt(cue.range.lowerBound, to: &output)
                default: JSONWriter.appendString(cue.text, to: &output)
                }
            }
            return
        }
        output.appendLiteral("{\"end\":")
        JSONWriter.appendInt(cue.range.upperBound, to: &output)
        output.appendLiteral(",\"start\":")
        JSONWriter.appendInt(cue.range.lowerBound, to: &output)
        output.appendLiteral(",\"text\":")
        JSONWriter.appendString(cue.text, to: &output)
        output.append(UInt8(ascii: "}"))
    }
}
