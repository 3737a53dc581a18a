import LoupeCore

/// One REPL command: its name, how it is used, what it does, and how it runs.
struct CommandSpec: Sendable {
    var name: String
    var aliases: [String] = []
    /// The arguments, as shown after the name in usage lines.
    var arguments: String
    /// One line for the `help` listing.
    var summary: String
    /// More explanation for `help COMMAND`.
    var details: String = ""
    /// Options this command accepts, for completion.
    var options: [String] = []
    var run: @Sendable (Session, inout Arguments) throws(CommandError) -> Void
}

/// Every command of a session, in the order `help` lists them: the
/// workbench's own, then those the registered analyzers offer (see
/// ``TableCommands``).
struct CommandTable: Sendable {
    /// The workbench's own commands, which know no analyzer by name.
    static let builtin: [CommandSpec] = [
        DocumentCommands.open, DocumentCommands.docs, DocumentCommands.meta, DocumentCommands.use, DocumentCommands.show,
        DocumentCommands.find,
        AnnotationCommands.annotate, AnnotationCommands.list, AnnotationCommands.accept, AnnotationCommands.reject,
        AnnotationCommands.delete, AnnotationCommands.edit, AnnotationCommands.undo, AnnotationCommands.redo,
        AnnotationCommands.save, ImportCommands.importResults, ExportCommands.export,
        AnalyzerCommands.analyzers, AnalyzerCommands.examples, AnalyzerCommands.analyze,
        ReviewCommands.review, DifferenceCommands.diff, DifferenceCommands.next, AgreementCommands.agree,
        EvaluationCommands.evaluate, CurationCommands.curate, FindingsCommands.compare, FindingsCommands.report, FindingsCommands.dups, FindingsCommands.project,
        SessionCommands.set, SessionCommands.source, SessionCommands.help, SessionCommands.quit,
    ]

    let specs: [CommandSpec]
    let names: [String]

    /// The built-in commands and those of `registry`'s analyzers; an
    /// analyzer's command never hides a built-in one of the same name.
    init(registry: AnalyzerRegistry) {
        let taken = Set(Self.builtin.flatMap { [$0.name] + $0.aliases })
        specs = Self.builtin + TableCommands.specs(for: registry).filter { !taken.contains($0.name) }
        names = specs.flatMap { [$0.name] + $0.aliases }
    }

    func spec(named name: String) -> CommandSpec? {
        specs.first { $0.name == name || $0.aliases.contains(name) }
    }

    /// The usage line of a built-in command (for usage errors).
    static func usage(of name: String) -> String {
        guard let spec = builtin.first(where: { $0.name == name || $0.aliases.contains(name) }) else { return name }
        return usage(spec)
    }

    static func usage(_ spec: CommandSpec) -> String {
        spec.arguments.isEmpty ? spec.name : spec.name + " " + spec.arguments
    }

    static func help(for spec: CommandSpec) -> String {
        var text = "usage: \(usage(spec))\n\n\(spec.summary)"
        if !spec.details.isEmpty { text += "\n\n" + spec.details }
        if !spec.aliases.isEmpty { text += "\n\nalso: " + spec.aliases.joined(separator: ", ") }
        return text
    }

    var overview: String {
        let width = specs.map(\.name.count).max() ?? 0
        var lines = ["Commands (type 'help COMMAND' for its arguments and details):"]
        for spec in specs {
            lines.append("  " + spec.name + String(repeating: " ", count: width - spec.name.count + 2) + spec.summary)
        }
        lines.append("")
        lines.append("Spans: \"exact text\" (first occurrence; \"text\"#N for the Nth), @START-END (scalar offsets),")
        lines.append("       sN (sentence N), hN (find hit N), doc (the whole document).")
        lines.append("Filters: key=value terms: layer, label, status, creator, analyzer, doc (an id or *), orphan, id.")
        lines.append("Commands that list something take --json. Separate commands on one line with ';'.")
        return lines.joined(separator: "\n")
    }
}
