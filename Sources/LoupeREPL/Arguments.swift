/// The words after a command name, consumed by flags, options and positions.
///
/// A command takes what it understands; ``finish()`` then rejects any option
/// left over, naming it and the command.
struct Arguments {
    let command: String
    private(set) var words: [Word]

    init(command: String, words: [Word]) {
        self.command = command
        self.words = words
    }

    /// Removes `--name` if present.
    mutating func flag(_ name: String) -> Bool {
        guard let index = words.firstIndex(where: { !$0.quoted && $0.text == name }) else { return false }
        words.remove(at: index)
        return true
    }

    /// Removes `--name VALUE` (or `--name=VALUE`) and returns the value.
    mutating func option(_ name: String) throws(CommandError) -> String? {
        if let index = words.firstIndex(where: { !$0.quoted && $0.text.hasPrefix(name + "=") }) {
            let value = String(words[index].text.dropFirst(name.count + 1))
            words.remove(at: index)
            return value
        }
        guard let index = words.firstIndex(where: { !$0.quoted && $0.text == name }) else { return nil }
        guard index + 1 < words.count else { throw .usage(command, "\(name) needs a value") }
        let value = words[index + 1].text
        words.removeSubrange(index...(index + 1))
        return value
    }

    /// The remaining words, after checking that no unknown `--option` is among them.
    func finish() throws(CommandError) -> [Word] {
        if let unknown = words.first(where: { !$0.quoted && $0.text.hasPrefix("--") }) {
            throw CommandError("\(command): unknown option \(unknown.text) (see 'help \(command)')")
        }
        return words
    }
}
