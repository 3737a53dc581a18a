import LoupeCore

/// The commands analyzers offer for their per-document tables (see
/// ``DocumentTableView``): one per registered analyzer that has one, each
/// taking `[DOC | --all] [--json]`.
enum TableCommands {
    static func specs(for registry: AnalyzerRegistry) -> [CommandSpec] {
        registry.analyzers.compactMap { analyzer in
            guard let view = analyzer as? any DocumentTableView.Type else { return nil }
            return spec(view, analyzerID: analyzer.descriptor.id)
        }
    }

    static func spec(_ view: any DocumentTableView.Type, analyzerID: String) -> CommandSpec {
        let command = view.tableCommand
        return CommandSpec(
            name: command.name, arguments: "[DOC | --all] [--json]", summary: command.summary, details: command.details,
            options: ["--all", "--json"]
        ) { session, arguments throws(CommandError) in
            let all = arguments.flag("--all")
            let json = arguments.flag("--json")
            let words = try arguments.finish()
            guard words.count <= 1, !(all && !words.isEmpty) else {
                throw CommandError("\(command.name): name one document, or --all (usage: \(command.name) [DOC | --all] [--json])")
            }
            let documents: [String]
            if all {
                documents = session.store.documentIDs
            } else if let word = words.first {
                documents = [try session.resolveDocument(word.text).id]
            } else {
                documents = [try session.currentDocument().id]
            }
            var tables: [(String, Annotation)] = []
            for id in documents {
                if let annotation = view.tableAnnotation(in: session.store.annotations(in: id)) {
                    tables.append((id, annotation))
                } else if !all {
                    throw CommandError("no \(command.name) table for \(Sanitizer.sanitize(id)): run 'analyze \(analyzerID)' first")
                }
            }
            if all, tables.isEmpty { throw CommandError("no \(command.name) tables: run 'analyze \(analyzerID) --all' first") }
            if json {
                session.console.write(JSONWriter.pretty(.array(tables.map { view.tableJSON(documentID: $0, annotation: $1) })))
                return
            }
            for (index, (id, annotation)) in tables.enumerated() {
                if index > 0 { session.console.line("") }
                for line in view.tableLines(documentID: id, annotation: annotation) { session.console.line(line) }
            }
        }
    }
}
