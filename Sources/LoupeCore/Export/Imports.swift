import Foundation

/// Annotations brought back from W3C Web Annotation and brat standoff files,
/// placed in the open documents and merged without touching anyone's work.
public enum AnnotationImport {
    /// What an import found.
    public struct Outcome: Sendable {
        public var changes: [AnnotationChange] = []
        /// Annotations already there, unchanged.
        public var unchanged = 0
        /// Annotations a person made or reviewed here that the file had otherwise: theirs stays.
        public var keptAsReviewed = 0
        /// Placed by their quote, not their offsets (the text changed).
        public var reanchored = 0
        /// Kept as orphans: neither offsets nor quote fit the text.
        public var orphaned = 0
        public var problems: [String] = []
        public var documents = Set<String>()
        /// Ids added by this import, so a file naming one twice adds it once.
        var added = Set<String>()
    }

    /// Why an import could not run at all.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }

        public init(message: String) { self.message = message }
    }

    // MARK: Placing and merging

    /// Places an annotation read from a file in `document`: offsets that
    /// select the quote are kept; else the quote is looked for; else it is an orphan.
    static func place(
        _ annotation: inout Annotation, start: Int, end: Int, exact: String?, prefix: String, suffix: String, document: Document,
        outcome: inout Outcome, place: String
    ) {
        let inside = 0 <= start && start < end && end <= document.length
        let selected = inside ? String(document.text(scalars: start..<end)) : nil
        let quote = exact ?? selected ?? ""
        if let selected, selected == quote {
            annotation.target = TextQuoteTarget(document: document, range: start..<end)
            annotation.orphaned = false
            return
        }
        let wanted = TextQuoteTarget(start: start, end: end, exact: quote, prefix: prefix, suffix: suffix)
        if !quote.isEmpty, let range = Anchoring.locate(wanted, in: document) {
            annotation.target = TextQuoteTarget(document: document, range: range)
            annotation.orphaned = false
            outcome.reanchored += 1
            return
        }
        annotation.target = wanted
        annotation.orphaned = true
        outcome.orphaned += 1
        outcome.problems.append("\(place): \(Sanitizer.quoted(String(quote.prefix(40)))) cannot be found in \(document.id); kept as an orphan")
    }

    /// Adds an imported annotation unless it is there already; a person's
    /// annotation or decision here always stands.
    static func merge(_ annotation: Annotation, into documentID: String, store: AnnotationStore, outcome: inout Outcome) {
        outcome.documents.insert(documentID)
        if let (existingDocument, existing) = store.annotation(annotation.id) {
            if existing == annotation { outcome.unchanged += 1; return }
            if existing.isHumanTouched || existingDocument != documentID {
                outcome.keptAsReviewed += 1
                return
            }
            guard outcome.added.insert(annotation.id).inserted else { return }
            outcome.changes.append(AnnotationChange(documentID: documentID, before: existing, after: annotation))
            return
        }
        guard outcome.added.insert(annotation.id).inserted else { return }
        outcome.changes.append(AnnotationChange(documentID: documentID, before: nil, after: annotation))
    }

    // MARK: Loupe JSONL

    /// Whether a JSONL file's first record (`head` holds at least its first
    /// line) is an annotation file (`export jsonl`) rather than a `loupe
    /// stream` result.
    public static func isAnnotationJSONL(_ head: [UInt8]) -> Bool {
        guard let firstLine = head.split(separator: 0x0A, omittingEmptySubsequences: true).first,
            let object = (try? JSONParser.parse(Array(firstLine)))?.objectValue
        else { return false }
        return object["schema"]?.stringValue == AnnotationFile.schema
    }

    /// Reads Loupe's own JSONL export (one annotation file per line): every
    /// annotation with its provenance, placed by offsets and quote, merged
    /// as the other imports are; metadata a user set there is taken for
    /// keys this session has not set. Each bad line is a problem naming it.
    public static func jsonl(_ bytes: [UInt8], path: String, store: AnnotationStore) -> Outcome {
        var outcome = Outcome()
        var lineNumber = 0
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            guard line.contains(where: { $0 != 0x20 && $0 != 0x0D && $0 != 0x09 }) else { continue }
            let location = "\(path):\(lineNumber)"
            let file: AnnotationFile
            do {
                file = try AnnotationFile.decode(Array(line), path: location)
            } catch {
                outcome.problems.append(error.description)
                continue
            }
            guard let document = store.document(file.documentID) else {
                outcome.problems.append("\(location): document \(Sanitizer.quoted(file.documentID)) is not open; left out")
                continue
            }
            if store.lock(of: document.id) != nil {
                outcome.problems.append("\(location): \(document.id)'s annotation file cannot be read; left out")
                continue
            }
            if file.sha256 != document.sha256 {
                outcome.problems.append("\(location): \(document.id)'s text differs from the one exported; annotations are placed by their quotes")
            }
            let current = store.userMetadata(of: document.id)
            for (key, value) in file.userMetadata.sorted(by: { $0.key < $1.key }) where current[key] == nil {
                _ = try? store.setMetadata(key, value, in: document.id)
            }
            for var annotation in file.annotations {
                if let target = annotation.target {
                    place(
                        &annotation, start: target.start, end: target.end, exact: target.exact, prefix: target.prefix,
                        suffix: target.suffix, document: document, outcome: &outcome, place: location)
                }
                merge(annotation, into: document.id, store: store, outcome: &outcome)
            }
        }
        return outcome
    }

    // MARK: W3C Web Annotation

    /// Reads a W3C Web Annotation file: an AnnotationCollection (with its
    /// pages), an AnnotationPage, an array of annotations or one annotation.
    ///
    /// A file larger than `streamingThreshold` bytes whose annotations stand
    /// in `items` arrays (a collection or page, as Loupe writes them) is read
    /// one annotation at a time, so that a whole corpus's export is never one
    /// tree in memory.
    public static func w3c(
        _ bytes: [UInt8], path: String, store: AnnotationStore, streamingThreshold: Int = 32 << 20
    ) throws(Failure) -> Outcome {
        if bytes.count > streamingThreshold {
            let streamed = try bytes.withUnsafeBufferPointer { buffer throws(Failure) in
                try w3cItemByItem(buffer, path: path, store: store)
            }
            if let streamed { return streamed }
        }
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            throw Failure(message: "\(path):\(error.line):\(error.column): invalid JSON: \(error.reason)")
        }
        var items: [JSONValue] = []
        func collect(_ value: JSONValue) {
            if let list = value.arrayValue { list.forEach(collect); return }
            guard let object = value.objectValue else { return }
            switch object["type"]?.stringValue {
            case "AnnotationCollection": if let first = object["first"] { collect(first) }
            case "AnnotationPage":
                if let page = object["items"] { collect(page) }
                if let next = object["next"], next.objectValue != nil { collect(next) }
            default: items.append(value)
            }
        }
        collect(value)
        guard !items.isEmpty else { throw Failure(message: "\(path): no annotations (expected an AnnotationCollection, a page or annotations)") }
        var outcome = Outcome()
        for (index, item) in items.enumerated() {
            importW3C(item, place: "\(path): annotation \(index + 1)", store: store, outcome: &outcome)
        }
        return outcome
    }

    /// The same, for a file's contents as `Data` (mapped from disk): a large
    /// file read item by item is never copied whole into memory.
    public static func w3c(
        _ data: Data, path: String, store: AnnotationStore, streamingThreshold: Int = 32 << 20
    ) throws(Failure) -> Outcome {
        if data.count > streamingThreshold {
            let result = data.withUnsafeBytes { raw in
                Result { () throws(Failure) in try w3cItemByItem(raw.bindMemory(to: UInt8.self), path: path, store: store) }
            }
            if let streamed = try result.get() { return streamed }
        }
        return try w3c([UInt8](data), path: path, store: store, streamingThreshold: Int.max)
    }

    /// Reads the annotations of `items` arrays one at a time; `nil` when the
    /// text has none (the caller then reads it whole).
    static func w3cItemByItem(_ bytes: UnsafeBufferPointer<UInt8>, path: String, store: AnnotationStore) throws(Failure) -> Outcome? {
        guard let slices = JSONItemScanner.itemSlices(bytes) else { return nil }
        guard !slices.isEmpty else { throw Failure(message: "\(path): no annotations (expected an AnnotationCollection, a page or annotations)") }
        var outcome = Outcome()
        for (index, slice) in slices.enumerated() {
            do {
                let item = try JSONParser.parse(Array(bytes[slice]))
                importW3C(item, place: "\(path): annotation \(index + 1)", store: store, outcome: &outcome)
            } catch {
                let line = 1 + bytes[..<slice.lowerBound].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
                outcome.problems.append("\(path):\(line): annotation \(index + 1) is not valid JSON (\(error.reason)); left out")
            }
        }
        return outcome
    }

    /// Places and merges one W3C annotation (`place` names it in problems).
    static func importW3C(_ item: JSONValue, place: String, store: AnnotationStore, outcome: inout Outcome) {
        guard let object = item.objectValue, object["type"]?.stringValue == "Annotation" else {
            outcome.problems.append("\(place): not an Annotation; left out")
            return
        }
        guard let target = object["target"].flatMap({ $0.objectValue ?? $0.arrayValue?.first?.objectValue }) else {
            outcome.problems.append("\(place): no target; left out")
            return
        }
        let source = target["source"]?.stringValue ?? ""
        let documentID = object["loupe:document"]?.stringValue
            ?? (source.hasPrefix("urn:loupe:document:") ? String(source.dropFirst("urn:loupe:document:".count)).removingPercentEncoding : nil)
            ?? store.documentIDs.first { store.metadata(of: $0).url == source }
        guard let documentID, let document = store.document(documentID) else {
            outcome.problems.append("\(place): its document (\(Sanitizer.quoted(source))) is not open; left out")
            return
        }
        // Layer and label: Loupe's own keys, else a classifying or tagging body "layer:label".
        let bodies = object["body"].map { $0.arrayValue ?? [$0] } ?? []
        let classifying = bodies.first { ["classifying", "tagging"].contains($0["purpose"]?.stringValue ?? "") }?["value"]?.stringValue
        var layer = object["loupe:layer"]?.stringValue, label = object["loupe:label"]?.stringValue
        if layer == nil || label == nil, let classifying {
            let parts = classifying.split(separator: ":", maxSplits: 1).map(String.init)
            (layer, label) = parts.count == 2 ? (parts[0], parts[1]) : ("w3c", classifying)
        }
        guard let layer, let label, !layer.isEmpty, !label.isEmpty else {
            outcome.problems.append("\(place): no label (loupe:label, or a classifying or tagging body); left out")
            return
        }
        let note = bodies.first { $0["purpose"]?.stringValue == "commenting" }?["value"]?.stringValue
        let creator: Annotation.Creator
        if let person = object["creator"], person["type"]?.stringValue == "Person" {
            creator = .human(name: person["name"]?.stringValue ?? "w3c")
        } else if let software = object["creator"], software["type"]?.stringValue == "Software" {
            creator = .analyzer(id: software["name"]?.stringValue ?? "w3c", version: software["loupe:version"]?.stringValue ?? "unknown")
        } else {
            creator = .human(name: "w3c")
        }
        let status = object["loupe:status"]?.stringValue.flatMap(Annotation.Status.init(rawValue:))
            ?? (creator.analyzerID == nil ? .accepted : .suggested)
        // Selectors: Loupe places text positions and quotes; others cannot be used.
        let selectors = target["selector"].map { $0.arrayValue ?? [$0] } ?? []
        let quote = selectors.first { $0["type"]?.stringValue == "TextQuoteSelector" }
        let position = selectors.first { $0["type"]?.stringValue == "TextPositionSelector" }
        if !selectors.isEmpty, quote == nil, position == nil {
            let kinds = selectors.compactMap { $0["type"]?.stringValue }.joined(separator: ", ")
            outcome.problems.append("\(place): selects with \(Sanitizer.sanitize(kinds)), which Loupe cannot place in a text; left out")
            return
        }
        let id = object["id"]?.stringValue.flatMap { $0.hasPrefix("urn:loupe:annotation:") ? String($0.dropFirst("urn:loupe:annotation:".count)) : nil }
        var annotation = Annotation(
            id: id ?? "", layer: layer, label: label, target: nil,
            attributes: object["loupe:attributes"]?.objectValue ?? [:], confidence: object["loupe:confidence"]?.doubleValue,
            creator: creator, status: status, note: note, created: object["created"]?.stringValue ?? Timestamp.now(),
            modified: object["modified"]?.stringValue, reviewer: object["loupe:reviewer"]?.stringValue)
        if quote != nil || position != nil {
            var start = position?["start"]?.intValue ?? -1, end = position?["end"]?.intValue ?? -1
            if position == nil, let exact = quote?["exact"]?.stringValue {
                // A quote alone: found where it stands in the text.
                let located = Anchoring.locate(
                    TextQuoteTarget(start: 0, end: 0, exact: exact, prefix: quote?["prefix"]?.stringValue ?? "", suffix: quote?["suffix"]?.stringValue ?? ""),
                    in: document)
                start = located?.lowerBound ?? -1
                end = located?.upperBound ?? -1
            }
            Self.place(
                &annotation, start: start, end: end, exact: quote?["exact"]?.stringValue, prefix: quote?["prefix"]?.stringValue ?? "",
                suffix: quote?["suffix"]?.stringValue ?? "", document: document, outcome: &outcome, place: place)
        }
        if annotation.id.isEmpty {
            annotation.id = AnnotationID.derived(
                document: documentID, analyzer: "w3c:" + creator.displayName, layer: layer, label: label,
                range: annotation.target?.range, key: nil)
        }
        merge(annotation, into: documentID, store: store, outcome: &outcome)
    }

    // MARK: brat standoff

    /// Reads a folder of brat `.ann` files (each named by its document's id,
    /// beside its `.txt`). A note `loupe {…}` written by Loupe's export
    /// brings the annotation back whole; otherwise the type `layer__label`
    /// (or any type, in layer `brat`) and a Status attribute are used.
    public static func brat(folder: String, store: AnnotationStore) throws(Failure) -> Outcome {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
            throw Failure(message: "\(folder): cannot be read as a brat folder")
        }
        let files = names.filter { $0.hasSuffix(".ann") }.sorted()
        guard !files.isEmpty else { throw Failure(message: "\(folder): no .ann files") }
        var outcome = Outcome()
        for file in files {
            let documentID = String(file.dropLast(4))
            let path = (folder as NSString).appendingPathComponent(file)
            guard let document = store.document(documentID) else {
                outcome.problems.append("\(path): document \(Sanitizer.quoted(documentID)) is not open; left out")
                continue
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                outcome.problems.append("\(path): cannot be read")
                continue
            }
            let textPath = (folder as NSString).appendingPathComponent(documentID + ".txt")
            if let text = FileManager.default.contents(atPath: textPath), String(decoding: text, as: UTF8.self) != document.text {
                outcome.problems.append("\(textPath): not the open document's text; annotations are placed by their quotes")
            }
            struct Bound {
                var type: String
                var range: Range<Int>
                var text: String
                var line: Int
                /// Whether the span is one fragment (then its text is its quote).
                var single: Bool
            }
            var bounds: [String: Bound] = [:]
            var order: [String] = []
            var statuses: [String: Annotation.Status] = [:]
            var notes: [String: String] = [:]
            for (index, line) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let number = index + 1
                let fields = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
                guard let first = fields.first, !first.isEmpty else { continue }
                switch first.first {
                case "T":
                    let head = fields.count > 1 ? fields[1].split(separator: " ", maxSplits: 1).map(String.init) : []
                    let fragments = head.count == 2 ? head[1].split(separator: ";").map { $0.split(separator: " ").compactMap { Int($0) } } : []
                    guard head.count == 2, !fragments.isEmpty, fragments.allSatisfy({ $0.count == 2 && $0[0] < $0[1] }) else {
                        outcome.problems.append("\(path):\(number): malformed text-bound line; left out")
                        continue
                    }
                    let start = fragments.map { $0[0] }.min() ?? 0, end = fragments.map { $0[1] }.max() ?? 0
                    bounds[first] = Bound(
                        type: head[0], range: start..<end, text: fields.count > 2 ? fields[2] : "", line: number, single: fragments.count == 1)
                    order.append(first)
                case "A", "M":
                    let parts = fields.count > 1 ? fields[1].split(separator: " ").map(String.init) : []
                    guard parts.count == 3, parts[0] == "Status", let status = Annotation.Status(rawValue: parts[2]) else {
                        outcome.problems.append("\(path):\(number): an attribute line Loupe does not read (only Status); left out")
                        continue
                    }
                    statuses[parts[1]] = status
                case "#":
                    let parts = fields.count > 1 ? fields[1].split(separator: " ").map(String.init) : []
                    guard parts.count == 2, parts[0] == "AnnotatorNotes", fields.count > 2 else {
                        outcome.problems.append("\(path):\(number): malformed note line; left out")
                        continue
                    }
                    notes[parts[1]] = fields[2]
                case "R", "E", "N", "*":
                    outcome.problems.append("\(path):\(number): relations, events and normalisations are not read; left out")
                default:
                    outcome.problems.append("\(path):\(number): not a brat annotation line; left out")
                }
            }
            for key in order {
                guard let bound = bounds[key] else { continue }
                let place = "\(path):\(bound.line)"
                var annotation: Annotation
                var exact: String?
                var prefix = "", suffix = ""
                if let note = notes[key], note.hasPrefix("loupe "),
                    let value = try? JSONParser.parse(String(note.dropFirst(6))),
                    let whole = try? SchemaReader(path: path, locations: nil).annotation(value, "")
                {
                    annotation = whole
                    exact = whole.target?.exact
                    prefix = whole.target?.prefix ?? ""
                    suffix = whole.target?.suffix ?? ""
                } else {
                    let parts = bound.type.components(separatedBy: "__")
                    let (layer, label) = parts.count == 2 ? (parts[0], parts[1]) : ("brat", bound.type)
                    annotation = Annotation(
                        id: AnnotationID.derived(document: documentID, analyzer: "brat", layer: layer, label: label, range: bound.range, key: nil),
                        layer: layer, label: label, target: nil, creator: .human(name: "brat"), status: statuses[key] ?? .accepted,
                        note: notes[key], created: Timestamp.now())
                    // brat's text is the fragments joined by a space: only a one-fragment span's is its quote.
                    if !bound.text.isEmpty, bound.single { exact = bound.text }
                }
                if let status = statuses[key] { annotation.status = status }
                Self.place(
                    &annotation, start: bound.range.lowerBound, end: bound.range.upperBound, exact: exact, prefix: prefix, suffix: suffix,
                    document: document, outcome: &outcome, place: place)
                merge(annotation, into: documentID, store: store, outcome: &outcome)
            }
        }
        return outcome
    }
}

/// Finds the elements of the `items` arrays of a JSON text (the annotations
/// of a W3C collection's pages) without building the whole tree: one pass
/// over the bytes that follows strings, nesting and keys.
enum JSONItemScanner {
    /// The byte ranges of the objects in `items` arrays, in order; `nil`
    /// when the text has no `items` array or its nesting does not close.
    static func itemSlices(_ bytes: [UInt8]) -> [Range<Int>]? {
        bytes.withUnsafeBufferPointer { itemSlices($0) }
    }

    static func itemSlices(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>]? {
        // Each open container: whether it is an `items` array.
        var stack: [Bool] = []
        var slices: [Range<Int>] = []
        var sawItems = false
        var lastString: Range<Int>?
        var pendingKey: Range<Int>?
        var itemStart: Int?
        var itemDepth = 0
        let itemsKey = Array("items".utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                var end = index + 1
                while end < bytes.count, bytes[end] != UInt8(ascii: "\"") {
                    end += bytes[end] == UInt8(ascii: "\\") ? 2 : 1
                }
                guard end < bytes.count else { return nil }
                lastString = (index + 1)..<end
                index = end
            case UInt8(ascii: ":"):
                pendingKey = lastString
            case UInt8(ascii: "["):
                let isItems = itemStart == nil && pendingKey.map { bytes[$0].elementsEqual(itemsKey) } == true
                if isItems { sawItems = true }
                stack.append(isItems)
                pendingKey = nil
            case UInt8(ascii: "{"):
                if itemStart == nil, stack.last == true {
                    itemStart = index
                    itemDepth = stack.count + 1
                }
                stack.append(false)
                pendingKey = nil
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                guard !stack.isEmpty else { return nil }
                if byte == UInt8(ascii: "}"), let start = itemStart, stack.count == itemDepth {
                    slices.append(start..<(index + 1))
                    itemStart = nil
                }
                stack.removeLast()
                pendingKey = nil
            case UInt8(ascii: ","):
                pendingKey = nil
            default:
                break
            }
            index += 1
        }
        guard stack.isEmpty, sawItems else { return nil }
        return slices
    }
}
