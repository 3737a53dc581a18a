import LoupeCore

/// Why a command failed; the description is one line a user can act on.
public struct CommandError: Error, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }

    static func usage(_ command: String, _ problem: String) -> CommandError {
        CommandError("\(command): \(problem) (usage: \(CommandTable.usage(of: command)))")
    }
}
