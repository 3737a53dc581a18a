import Foundation
import LoupeCore

/// The state of one Loupe session: open documents and their annotations, the
/// current document, settings, find hits and the undo history. Commands act on it.
public final class Session {
    public let store: AnnotationStore
    public let registry: AnalyzerRegistry
    public let console: Console
    /// The name recorded on annotations this session's human makes or reviews.
    public var annotator: String
    /// Save after every change (and at the end of a script).
    public var autosave = false
    /// Print how long each command took, as sqlite3's `.timer on` does.
    public var timing = false
    /// Threads `analyze` may use; defaults to the number of cores.
    public var jobs = ProcessInfo.processInfo.activeProcessorCount
    /// Whether a person is at a terminal (quit asks before discarding).
    public let interactive: Bool
    public internal(set) var currentDocumentID: String?
    /// Set by `quit`.
    public internal(set) var quitRequested = false

    /// Options per analyzer id, set with `set ANALYZER.OPTION VALUE` or by the configuration.
    var analyzerOptions: [String: [String: JSONValue]] = [:]
    /// Analyzers made with the current options, kept (with their loaded
    /// lexicons) until their options change. External ones are not kept:
    /// their program runs once per `analyze`.
    private var madeAnalyzers: [String: any Analyzer] = [:]
    /// The project configuration read at start, which `set --save` writes back.
    public var configuration: ProjectConfiguration?
    /// The differences the last `diff` found, the next one `next` shows, and the two names.
    var differences: [DifferenceCommands.Difference] = []
    var differenceCursor = 0
    var differenceNames: (String, String)?
    /// Hits of the last `find`, as scalar ranges in `hitsDocumentID`.
    var hits: [Range<Int>] = []
    var hitsDocumentID: String?
    var undoStack: [Edit] = []
    var redoStack: [Edit] = []
    /// Layers and labels offered by completion: what the analyzers declare,
    /// and what annotations in the open documents use.
    var knownLayers: Set<String> = []
    var knownLabels: [String: Set<String>] = [:]
    /// The commands: the workbench's own and those the analyzers offer.
    let commands: CommandTable
    /// The colour of each analyzer's layers.
    let layerStyles: LayerStyles
    /// Analyzers that draw their document annotation under `show`'s header, by layer.
    let headerViews: [String: any DocumentHeaderView.Type]
    /// Analyzers that compare groups of documents on their layer (`compare`, `report`), in registry order.
    let comparisonViews: [(layer: String, view: any ComparisonView.Type)]
    var sourceDepth = 0
    /// Documents opened whose annotation file could not be read (each
    /// reported): they are locked, and a script's exit status says so.
    public internal(set) var lockedAtOpen = 0
    /// Asks the person at the terminal a yes/no question (interactive only).
    public var confirm: ((String) -> Bool)?
    /// The session log (see ``SessionLog``), when there is one.
    public var log: SessionLog?
    /// The time `set time` fixed (replaying a log), else `nil`: the clock.
    var fixedTime: String?
    /// The time of the command running, the same for all it does.
    private var commandTime: String?
    /// Annotations a person made in this session, numbering their ids.
    var humanSequence = 0
    /// Shows a prompt and reads one key, without Enter (interactive only).
    public var readKey: ((String) -> UInt8?)?
    /// Shows a prompt and reads a line of text (interactive only).
    public var readText: ((String) -> String?)?

    /// One undoable step: a command's changes, kept in the batches they were applied in.
    struct Edit {
        var description: String
        var batches: [[AnnotationChange]]

        /// The changes in the order they were applied.
        var changes: [AnnotationChange] { Array(batches.joined()) }
    }

    /// Whether the running command should stop: Ctrl-C, unless a test says otherwise.
    var interruptRequested: @Sendable () -> Bool = { Interrupts.requested }

    public init(store: AnnotationStore, registry: AnalyzerRegistry, console: Console, annotator: String, interactive: Bool) {
        self.store = store
        self.registry = registry
        self.console = console
        self.annotator = annotator
        self.interactive = interactive
        commands = CommandTable(registry: registry)
        layerStyles = LayerStyles(registry: registry)
        var headerViews: [String: any DocumentHeaderView.Type] = [:]
        for analyzer in registry.analyzers {
            guard let view = analyzer as? any DocumentHeaderView.Type else { continue }
            for layer in analyzer.descriptor.layers { headerViews[layer] = view }
        }
        self.headerViews = headerViews
        var comparisonViews: [(layer: String, view: any ComparisonView.Type)] = []
        for analyzer in registry.analyzers {
            guard let view = analyzer as? any ComparisonView.Type, let layer = analyzer.descriptor.layers.first else { continue }
            comparisonViews.append((layer, view))
        }
        self.comparisonViews = comparisonViews
        for descriptor in registry.descriptors {
            for layer in descriptor.layers {
                knownLayers.insert(layer)
                knownLabels[layer, default: []].formUnion(descriptor.labels)
            }
        }
    }

    /// Makes `id`'s analyzer with `options` (refused with one line naming
    /// the option if it cannot be) and keeps both.
    public func applyOptions(_ options: [String: JSONValue], to id: String) throws(CommandError) {
        let entry: AnalyzerEntry
        do {
            entry = try registry.analyzer(id)
        } catch {
            throw CommandError(error.description)
        }
        if entry.type == nil {
            // An external analyzer's options are checked against its descriptor; its program runs at 'analyze'.
            for key in options.keys.sorted() where !entry.optionNames.contains(key) {
                let hint = Spelling.nearest(to: key, in: entry.optionNames).map { "; did you mean \"\($0)\"?" } ?? ""
                throw CommandError("\(id): no option \(Sanitizer.quoted(key))\(hint)")
            }
            analyzerOptions[id] = options
            return
        }
        do {
            madeAnalyzers[id] = try entry.make(options: options)
        } catch {
            throw CommandError(error.description)
        }
        analyzerOptions[id] = options
    }

    /// The analyzer of `entry` with the session's options: the one kept, or a new one.
    func analyzer(_ entry: AnalyzerEntry) throws(CommandError) -> any Analyzer {
        let id = entry.descriptor.id
        if entry.type != nil, let made = madeAnalyzers[id] { return made }
        do {
            let made = try entry.make(options: analyzerOptions[id] ?? [:])
            if entry.type != nil { madeAnalyzers[id] = made }
            return made
        } catch {
            throw CommandError(error.description)
        }
    }

    /// Runs one command given as words.
    public func execute(_ words: [Word]) throws(CommandError) {
        guard let first = words.first else { return }
        let name = first.text
        guard let spec = commands.spec(named: name) else {
            let hint = Spelling.nearest(to: name, in: commands.names).map { "; did you mean '\($0)'?" } ?? ""
            throw CommandError("unknown command \(Sanitizer.quoted(name))\(hint) (type 'help' for the list)")
        }
        var arguments = Arguments(command: spec.name, words: Array(words.dropFirst()))
        if arguments.flag("--help") {
            console.line(CommandTable.help(for: spec))
            return
        }
        // Everything one command does carries one time (a replayed log's, with 'set time').
        let previousTime = commandTime
        commandTime = fixedTime ?? Timestamp.now()
        defer { commandTime = previousTime }
        let start = ContinuousClock.now
        defer {
            if timing {
                let elapsed = ContinuousClock.now - start
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                console.status("time: \(String(format: "%.3f", seconds)) s")
            }
        }
        let savedBefore = savedInCommand
        savedInCommand = false
        defer { savedInCommand = savedBefore || savedInCommand }
        try spec.run(self, &arguments)
        if let log {
            if log.records(words, session: self) { log.record(words, time: now()) }
            // The log reaches the disk with the files it explains.
            if savedInCommand { log.write(console: console) }
        }
    }

    /// Whether the running command saved (so the log is written after it).
    private var savedInCommand = false

    /// Runs every command on a line (separated by `;`).
    public func execute(line: String) throws(CommandError) {
        for command in try CommandLexer.commands(in: line) { try execute(command) }
    }

    // MARK: Documents

    /// The current document, or an error saying how to choose one.
    func currentDocument() throws(CommandError) -> Document {
        guard let id = currentDocumentID, let document = store.document(id) else {
            if store.documentCount == 0 { throw CommandError("no document is open; use 'open PATH'") }
            throw CommandError("no current document; choose one with 'use DOC'")
        }
        return document
    }

    /// A document named by exact id, 1-based index (written without leading
    /// zeros, so `002` is an id prefix and `2` the second document), or unique
    /// id prefix.
    func resolveDocument(_ reference: String) throws(CommandError) -> Document {
        if let document = store.document(reference) { return document }
        if let index = Int(reference), String(index) == reference, index >= 1, index <= store.documentCount,
            let document = store.document(store.documentIDs[index - 1])
        {
            return document
        }
        let matches = store.documentIDs.filter { $0.hasPrefix(reference) }
        if matches.count == 1, let document = store.document(matches[0]) { return document }
        if let number = Int(reference), String(number) == reference {
            throw CommandError("no document number \(number): documents are numbered 1 to \(store.documentCount) (see 'docs')")
        }
        if reference.first == "s" || reference.first == "h" || reference.first == "@", matches.isEmpty,
            reference.dropFirst().allSatisfy({ $0.isNumber || $0 == "-" }), reference.count > 1
        {
            throw CommandError("no open document \(Sanitizer.quoted(reference)): \(reference) names a span (for 'annotate'); here a document is wanted (see 'docs')")
        }
        if matches.count > 1 {
            let shown = matches.prefix(5).map { Sanitizer.sanitize($0) }.joined(separator: ", ")
            throw CommandError("\(Sanitizer.quoted(reference)) matches \(matches.count) documents (\(shown)\(matches.count > 5 ? ", …" : "")); type more of the id")
        }
        throw CommandError("no open document \(Sanitizer.quoted(reference)) (see 'docs')")
    }

    /// Opens documents from paths; returns how many were opened and whether
    /// anything failed (each failure already reported).
    @discardableResult
    func open(paths: [String], summarize: Bool = true, holdingOneError: Bool = false) -> (opened: Int, failed: Bool, heldError: String?) {
        let result = DocumentLoader().load(paths: paths)
        // Ctrl-C while opening opens nothing: half a corpus would pass for all of it.
        let interruptedMessage = "open: interrupted; nothing was opened"
        // The `open` command says it as its one error line; at start-up it is printed here.
        func interrupted() -> (opened: Int, failed: Bool, heldError: String?) {
            if holdingOneError { return (0, true, interruptedMessage) }
            console.error(interruptedMessage)
            return (0, true, nil)
        }
        if result.interrupted { return interrupted() }
        var failed = false
        // A command that fails because of one path says so in its own one error line.
        var heldError: String?
        if holdingOneError, result.errors.count == 1 {
            heldError = result.errors[0].description
        } else {
            for error in result.errors { console.error(error.description) }
        }
        failed = !result.errors.isEmpty
        var opened = 0
        var withAnnotations = 0
        var orphans = 0
        var fresh: [Document] = []
        var firstSource: [String: String] = [:]
        for document in result.documents {
            if let first = store.document(document.id)?.source ?? firstSource[document.id] {
                console.error(DocumentError.duplicateID(path: document.source, id: document.id, firstSource: first).description)
                failed = true
                continue
            }
            firstSource[document.id] = document.source
            fresh.append(document)
        }
        // Their annotation files are read on every core; what they say is reported in order.
        guard let reports = store.add(fresh, interruptible: true) else { return interrupted() }
        for (document, report) in zip(fresh, reports) {
            opened += 1
            if let error = report.error {
                // The document stays open but locked: the rest of the corpus is not held up.
                console.error(error.description)
                lockedAtOpen += 1
                continue
            }
            if report.restored {
                console.warning(
                    "\(store.filePath(for: document.id)): put back the last saved file, which a save killed on a file system without rename-over had set aside")
            }
            let count = store.annotationCount(in: document.id)
            if count > 0 {
                withAnnotations += 1
                learnVocabulary(store.annotations(in: document.id))
            }
            if report.textChanged {
                console.warning(
                    "\(Sanitizer.sanitize(document.id)): text changed since the annotations were saved; \(report.reanchored.count) re-anchored, \(report.orphans.count) orphaned")
            }
            if !report.orphans.isEmpty {
                orphans += report.orphans.count
                console.warning(
                    "\(Sanitizer.sanitize(document.id)): \(report.orphans.count) annotation(s) could not be found in the text and are kept as orphans: \(report.orphans.prefix(5).joined(separator: ", "))\(report.orphans.count > 5 ? ", …" : "") (see 'list orphan=yes')")
            }
        }
        if opened > 0, summarize {
            var summary = "opened \(opened) document\(opened == 1 ? "" : "s")"
            if withAnnotations > 0 { summary += " (\(withAnnotations) with saved annotations)" }
            if orphans > 0 { summary += ", \(orphans) orphaned annotation\(orphans == 1 ? "" : "s")" }
            console.status(summary)
        }
        if currentDocumentID == nil, let first = result.documents.first(where: { store.contains($0.id) }) {
            currentDocumentID = first.id
        }
        return (opened, failed, heldError)
    }

    /// Remembers the layers and labels of annotations, for completion.
    func learnVocabulary(_ annotations: [Annotation]) {
        learnVocabulary(labels: Set(annotations.map { LayerLabel(layer: $0.layer, label: $0.label) }))
    }

    /// Remembers the layers and labels of changed annotations, for completion.
    func learnVocabulary(_ changes: [AnnotationChange]) {
        learnVocabulary(labels: LayerLabel.of(changes))
    }

    /// Remembers layers and labels given as pairs, for completion.
    func learnVocabulary(labels: Set<LayerLabel>) {
        for pair in labels where knownLabels[pair.layer]?.contains(pair.label) != true {
            knownLayers.insert(pair.layer)
            knownLabels[pair.layer, default: []].insert(pair.label)
        }
    }

    /// A layer and one of its labels.
    typealias LayerLabel = LoupeCore.LayerLabel

    // MARK: Changes

    /// Applies a command's changes as one undoable step.
    func commit(_ description: String, _ changes: [AnnotationChange]) throws(CommandError) {
        guard !changes.isEmpty else { return }
        do {
            try store.apply(changes)
        } catch {
            throw CommandError(String(describing: error))
        }
        try recordApplied(description, [changes])
    }

    /// Records batches of changes already applied to the store as one step
    /// for undo, as ``commit(_:_:)`` does after applying them.
    ///
    /// `labels` are the layers and labels the changes bring, when the caller
    /// has them already; otherwise they are read from the changes.
    func recordApplied(_ description: String, _ batches: [[AnnotationChange]], labels: Set<LayerLabel>? = nil) throws(CommandError) {
        guard batches.contains(where: { !$0.isEmpty }) else { return }
        if let labels {
            learnVocabulary(labels: labels)
        } else {
            for batch in batches { learnVocabulary(batch) }
        }
        undoStack.append(Edit(description: description, batches: batches))
        redoStack.removeAll()
        if autosave { try saveAll(quiet: true) }
    }

    enum Direction {
        case undo
        case redo
    }

    /// Undoes the last step, or redoes the last undone one, moving it to the other stack.
    func replay(_ direction: Direction) throws(CommandError) {
        let undoing = direction == .undo
        guard let edit = undoing ? undoStack.popLast() : redoStack.popLast() else {
            throw CommandError(undoing ? "nothing to undo" : "nothing to redo")
        }
        do {
            try store.apply(undoing ? edit.changes.reversed().map(\.inverse) : edit.changes)
        } catch {
            if undoing { undoStack.append(edit) } else { redoStack.append(edit) }
            throw CommandError(error.description)
        }
        if undoing { redoStack.append(edit) } else { undoStack.append(edit) }
        console.status((undoing ? "undid: " : "redid: ") + edit.description)
        if autosave { try saveAll(quiet: true) }
    }

    /// Saves every changed document; fails if any could not be saved.
    func saveAll(quiet: Bool) throws(CommandError) {
        let progress = progress(total: store.dirtyDocumentIDs.count, what: "save")
        let report = store.save(
            progress: { done, _ in progress.update(done) },
            keepOursOnConflict: { [self] path, ids in
                progress.finish()
                // At the prompt the person decides; a script never overwrites another session's work.
                guard interactive, let confirm else { return false }
                return confirm(
                    "\(Sanitizer.sanitize(path)): another session saved it since it was read, and \(ids.count) annotation(s) were changed differently there and here; keep yours for those (the rest of theirs is kept)?")
            })
        progress.finish()
        for merged in report.merged {
            console.status(
                "merged \(merged.taken) change(s) another session had saved into \(Sanitizer.sanitize(merged.path))"
                    + (merged.keptOurs > 0 ? "; kept yours for \(merged.keptOurs) changed on both sides" : ""))
        }
        if !report.removedTemporaries.isEmpty {
            console.warning("removed \(report.removedTemporaries.count) temporary file(s) an interrupted save had left in \(store.directory)")
        }
        savedInCommand = true
        let problems = report.failures.map(\.description) + report.locked.map { id in
            "\(store.filePath(for: id)) not saved: the file on disk could not be read, so Loupe leaves it alone; fix or move it, then reopen"
        }
        if !quiet, !report.written.isEmpty || problems.isEmpty {
            console.status(report.written.isEmpty ? "nothing to save" : "saved \(report.written.count) file\(report.written.count == 1 ? "" : "s")")
        }
        // One problem is the command's one error line; several are listed, then counted.
        if problems.count == 1 { throw CommandError(problems[0]) }
        if problems.count > 1 {
            for problem in problems { console.error(problem) }
            throw CommandError("\(problems.count) documents not saved")
        }
    }

    /// The current time for `created` and `modified`.
    func now() -> String { commandTime ?? fixedTime ?? Timestamp.now() }

    /// The id of a new annotation of the session's person: derived from what
    /// it is, who made it, when, and its place among this session's, so a
    /// replayed session log gives the same ids.
    func newHumanID(document: String, layer: String, label: String, range: Range<Int>?) -> String {
        humanSequence += 1
        let derived = AnnotationID.derived(
            document: document, analyzer: "human:" + annotator + "@" + now(), layer: layer, label: label, range: range,
            key: String(humanSequence))
        return "h-" + derived.dropFirst(2).prefix(12)
    }

    /// The name an analyzer gives a label of its layer (a frame's codebook name), if any.
    func labelName(_ label: String, layer: String) -> String? {
        for analyzer in registry.analyzers {
            guard analyzer.descriptor.layers.contains(layer), let naming = analyzer as? any LabelNaming.Type else { continue }
            if let name = naming.name(ofLabel: label, layer: layer) { return name }
        }
        return nil
    }

    /// Records a command in the session log, at the running command's time.
    func logCommand(_ words: [Word]) {
        log?.record(words, time: now())
    }

    /// A progress line for a long command, shown on standard error while it
    /// runs when that is a terminal, and erased when it ends.
    func progress(total: Int, what: String) -> ProgressLine {
        ProgressLine(total: total, what: what, enabled: console.showsProgress && total > 1)
    }
}
