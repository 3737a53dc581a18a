import Foundation
import LoupeCore

/// Commands about the session itself: settings, scripts, help, quitting.
enum SessionCommands {
    static let settingNames = ["annotator", "autosave", "color", "jobs", "time", "timing"]

    static let set = CommandSpec(
        name: "set", arguments: "[annotator NAME | autosave on|off | color on|off | timing on|off | jobs N | ANALYZER.OPTION VALUE] [--save]",
        summary: "Change a setting, or show them all.",
        details: """
            annotator: the name recorded on your annotations and reviews. autosave: save after every change (and at \
            the end of a script). color: colour in the terminal. timing: print how long each command takes. jobs: \
            threads 'analyze' uses (default: one per core). time: stamp the commands that follow with this time \
            (ISO 8601, UTC) instead of the clock, as a replayed session log does; 'now' goes back to the clock. ANALYZER.OPTION: an analyzer option; VALUE is JSON \
            (a number, true/false, '["a", "b"]'), a list written [a, b], or plain text. --save writes the annotator, \
            jobs and analyzer options into the project configuration (loupe.json), so the next session starts with them.
            """,
        options: ["--save"]
    ) { session, arguments throws(CommandError) in
        let save = arguments.flag("--save")
        let words = try arguments.finish()
        if words.isEmpty, save {
            try saveSettings(session)
            return
        }
        if words.isEmpty {
            session.console.line("annotator  \(Sanitizer.sanitize(session.annotator))")
            session.console.line("autosave   \(session.autosave ? "on" : "off")")
            session.console.line("color      \(session.console.color ? "on" : "off")")
            session.console.line("timing     \(session.timing ? "on" : "off")")
            session.console.line("jobs       \(session.jobs)")
            for (analyzer, options) in session.analyzerOptions.sorted(by: { $0.key < $1.key }) {
                for (key, value) in options.sorted(by: { $0.key < $1.key }) {
                    session.console.line("\(analyzer).\(key)  \(Sanitizer.sanitize(JSONWriter.compact(value)))")
                }
            }
            return
        }
        guard words.count >= 2 else { throw .usage("set", "give a setting and a value") }
        let name = words[0].text
        let value = words.dropFirst().map(\.text).joined(separator: " ")
        switch name {
        case "annotator":
            guard !value.isEmpty, !value.unicodeScalars.contains(where: Sanitizer.isUnsafe) else {
                throw CommandError("set: annotator needs a printable name")
            }
            session.annotator = value
        case "autosave":
            session.autosave = try onOff(value, setting: name)
            if session.autosave { try session.saveAll(quiet: true) }
        case "color", "colour":
            session.console.color = try onOff(value, setting: name)
        case "timing":
            session.timing = try onOff(value, setting: name)
        case "time":
            // What a replayed session log says: the time the next commands are stamped with.
            if value == "now" {
                session.fixedTime = nil
            } else {
                guard value.count == 20, (try? Date.ISO8601FormatStyle().parse(value)) != nil else {
                    throw CommandError("set: time is an ISO 8601 UTC time such as 2026-12-02T09:30:00Z, or now; not \(Sanitizer.quoted(value))")
                }
                session.fixedTime = value
            }
        case "jobs":
            guard let jobs = Int(value), (1...256).contains(jobs) else {
                throw CommandError("set: jobs is a whole number from 1 to 256, not \(Sanitizer.quoted(value))")
            }
            session.jobs = jobs
        default:
            guard let dot = name.firstIndex(of: ".") else {
                let hint = Spelling.nearest(to: name, in: settingNames).map { "; did you mean '\($0)'?" } ?? ""
                throw CommandError("set: unknown setting \(Sanitizer.quoted(name))\(hint)")
            }
            let analyzerID = String(name[..<dot])
            let key = String(name[name.index(after: dot)...])
            guard !key.isEmpty else { throw CommandError("set: name the option after \(analyzerID).") }
            _ = try AnalyzerCommands.analyzerEntry(analyzerID, session: session)
            var options = session.analyzerOptions[analyzerID] ?? [:]
            options[key] = optionValue(value)
            try session.applyOptions(options, to: analyzerID)
        }
        if save { try saveSettings(session) }
    }

    /// Writes the session's annotator, jobs and analyzer options into the
    /// project configuration (`loupe.json` here when there is none yet),
    /// keeping the rest of it.
    static func saveSettings(_ session: Session) throws(CommandError) {
        var configuration = session.configuration ?? ProjectConfiguration()
        configuration.annotator = session.annotator
        if configuration.jobs != nil || session.jobs != ProcessInfo.processInfo.activeProcessorCount {
            configuration.jobs = session.jobs
        }
        configuration.analyzers = session.analyzerOptions.filter { !$0.value.isEmpty }
        do {
            try configuration.save()
        } catch {
            throw CommandError("set --save: \(error.description)")
        }
        session.configuration = configuration
        session.console.status("saved the settings to \(configuration.path ?? ProjectConfiguration.defaultFileName)")
    }

    /// An option value, as ``JSONValue/option(_:)`` reads it.
    static func optionValue(_ text: String) -> JSONValue { JSONValue.option(text) }

    static func onOff(_ value: String, setting: String) throws(CommandError) -> Bool {
        switch value {
        case "on", "yes", "true": return true
        case "off", "no", "false": return false
        default: throw CommandError("set: \(setting) is on or off, not \(Sanitizer.quoted(value))")
        }
    }

    static let source = CommandSpec(
        name: "source", arguments: "FILE", summary: "Run the commands in a file, stopping at the first that fails."
    ) { session, arguments throws(CommandError) in
        let words = try arguments.finish()
        guard words.count == 1 else { throw .usage("source", "name one file") }
        guard session.sourceDepth < 16 else { throw CommandError("source: scripts nested more than 16 deep") }
        let lines = try ScriptFile.read(words[0].text)
        session.sourceDepth += 1
        defer { session.sourceDepth -= 1 }
        let runner = ScriptRunner(session: session, keepGoing: false)
        let failures = runner.run(lines, name: words[0].text)
        if failures > 0 { throw CommandError("source: \(words[0].text) stopped at a failing command") }
    }

    static let help = CommandSpec(
        name: "help", arguments: "[COMMAND] [--json]", summary: "List the commands, or explain one.", options: ["--json"]
    ) { session, arguments throws(CommandError) in
        let json = arguments.flag("--json")
        let words = try arguments.finish()
        if json {
            let specs = words.isEmpty ? session.commands.specs : words.compactMap { session.commands.spec(named: $0.text) }
            session.console.write(JSONWriter.pretty(.array(specs.map { spec in
                ["name": .string(spec.name), "usage": .string(CommandTable.usage(spec)),
                 "summary": .string(spec.summary), "details": .string(spec.details),
                 "aliases": .array(spec.aliases.map { .string($0) }), "options": .array(spec.options.map { .string($0) })]
            })))
            return
        }
        guard let name = words.first?.text else {
            session.console.line(session.commands.overview)
            return
        }
        guard let spec = session.commands.spec(named: name) else {
            let hint = Spelling.nearest(to: name, in: session.commands.names).map { "; did you mean '\($0)'?" } ?? ""
            throw CommandError("help: unknown command \(Sanitizer.quoted(name))\(hint)")
        }
        session.console.line(CommandTable.help(for: spec))
    }

    static let quit = CommandSpec(
        name: "quit", aliases: ["exit"], arguments: "",
        summary: "End the session (asks first if changes are unsaved, unless autosave is on)."
    ) { session, arguments throws(CommandError) in
        _ = try arguments.finish()
        try session.requestQuit()
    }
}

extension Session {
    /// Ends the session after saving (autosave) or, at a terminal, asking
    /// before unsaved changes are discarded.
    func requestQuit() throws(CommandError) {
        let dirty = store.dirtyDocumentIDs.count
        if dirty > 0, autosave {
            try saveAll(quiet: true)
        } else if dirty > 0, interactive, let confirm {
            let question = "\(dirty) document\(dirty == 1 ? " has" : "s have") unsaved changes. Discard them and quit? [y/N] "
            guard confirm(question) else {
                console.line("not quitting; 'save' writes your changes")
                return
            }
        }
        quitRequested = true
    }
}
