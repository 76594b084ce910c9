import ArgumentParser
import ExtractCore
import Foundation

/// Names what a newcomer most likely mistyped when the arguments do not parse: an option or a
/// subcommand.
///
/// argument-parser reports a missing required option before an unknown one, so `extract
/// --pipline P pages/` would say `--pipeline` is missing and never name the typo. Once parsing has
/// failed, these checks look at the arguments first: every `--option` (and `-x`) before a `--`
/// that the command does not know, then a first word that is neither a subcommand nor a path.
/// The known names come from argument-parser's own description of the command tree (the JSON that
/// `--experimental-dump-help` prints and the manual generator reads), so they cannot drift from
/// the declarations.
enum ArgumentTypos {
    /// A command's names as the description gives them.
    struct Command: Decodable {
        var commandName: String
        var arguments: [Argument]?
        var subcommands: [Command]?
        var defaultSubcommand: String?

        struct Argument: Decodable {
            var names: [Name]?
        }

        struct Name: Decodable {
            var kind: String
            var name: String

            /// As written on the command line: `--pipeline`, `-p`.
            var spelling: String { kind == "short" || kind == "longWithSingleDash" ? "-" + name : "--" + name }
        }

        /// Every option and flag spelling the command accepts.
        var optionSpellings: Set<String> { Set((arguments ?? []).flatMap { ($0.names ?? []).map(\.spelling) }) }
    }

    /// Flags argument-parser accepts everywhere without listing them in every command.
    static let builtInFlags: Set<String> = ["-h", "--help", "-help", "--version", "--generate-completion-script",
                                             "--experimental-dump-help"]

    /// The error message for the likeliest typo in `arguments` (the command line without the
    /// program name), or nil when no option is unknown and the first word is no misspelt subcommand.
    static func message(for arguments: [String], root: any ParsableCommand.Type) -> String? {
        guard let tree = describe(root) else { return nil }
        let (command, type) = addressedCommand(arguments, tree: tree, root: root)
        let known = command.optionSpellings.union(builtInFlags)
        for argument in arguments.prefix(while: { $0 != "--" }) where isOption(argument) {
            let spelling = String(argument.prefix { $0 != "=" })
            guard !known.contains(spelling) else { continue }
            let longNames = known.filter { $0.hasPrefix("--") }.sorted()
            var text = "Unknown option '\(spelling)'"
            if let suggestion = closest(spelling, among: longNames) { text += ". Did you mean '\(suggestion)'?" }
            return text + usage(type, root: root, name: command.commandName)
        }
        if let word = arguments.first, let unknown = unknownSubcommand(word, root: root) {
            return unknown + usage(root, root: root, name: root._commandName)
        }
        return nil
    }

    /// `valdate`: a first word that is not a subcommand, names no file, and is within a typo of a
    /// subcommand's name: the message naming both readings. Checked before parsing (cheaply: a
    /// look at the first word), as such a word would otherwise be read as an input path of the
    /// default subcommand.
    static func misspeltSubcommand(in arguments: [String], root: any ParsableCommand.Type) -> String? {
        guard let word = arguments.first, let message = unknownSubcommand(word, root: root),
              message.contains("Did you mean") else { return nil }
        return message + usage(root, root: root, name: root._commandName)
    }

    /// Why `word` cannot be the first argument, or nil when it can (a subcommand, an option, a path).
    private static func unknownSubcommand(_ word: String, root: any ParsableCommand.Type) -> String? {
        let names = root.configuration.subcommands.map { $0._commandName } + ["help"]
        guard !word.hasPrefix("-"), !names.contains(word), !FileManager.default.fileExists(atPath: word) else { return nil }
        var text = "'\(word)' is neither a subcommand (\(names.joined(separator: ", "))) nor an existing path"
        if let suggestion = closest(word, among: names) { text += ". Did you mean '\(suggestion)'?" }
        return text
    }

    /// `--name`, `--name=value` or `-x`, not `-` (standard input) or a negative number.
    private static func isOption(_ argument: String) -> Bool {
        guard argument.count >= 2, argument.hasPrefix("-") else { return false }
        let second = argument[argument.index(after: argument.startIndex)]
        return second == "-" ? argument.count > 2 : second.isLetter && argument.count == 2
    }

    /// The subcommand the arguments address (the default one when the first is not a
    /// subcommand's name) and its type.
    private static func addressedCommand(_ arguments: [String], tree: Command,
                                         root: any ParsableCommand.Type) -> (Command, any ParsableCommand.Type) {
        let subcommands = tree.subcommands ?? []
        let name = arguments.first.flatMap { first in subcommands.contains { $0.commandName == first } ? first : nil }
            ?? tree.defaultSubcommand
        guard let name, let command = subcommands.first(where: { $0.commandName == name }),
              let type = root.configuration.subcommands.first(where: { $0._commandName == name }) else { return (tree, root) }
        return (command, type)
    }

    /// The candidate within a typo of `word` (a third of its length, at least one edit), if any.
    private static func closest(_ word: String, among candidates: [String]) -> String? {
        let scored = candidates.map { ($0, editDistance(Array(word.utf8), Array($0.utf8))) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(1, word.count / 3) else { return nil }
        return best.0
    }

    /// argument-parser's usage lines for `type`, as it prints them after an error.
    private static func usage(_ type: any ParsableCommand.Type, root: any ParsableCommand.Type, name: String) -> String {
        let isRoot = ObjectIdentifier(type) == ObjectIdentifier(root)
        let usage = isRoot ? root.usageString() : root.usageString(for: type)
        let path = isRoot ? name : "\(root._commandName) \(name)"
        return "\nUsage: \(usage)\n  See '\(path) --help' for more information."
    }

    /// The command tree as argument-parser describes it; nil if the description cannot be read.
    private static func describe(_ root: any ParsableCommand.Type) -> Command? {
        struct ToolInfo: Decodable { var command: Command }
        return try? JSONDecoder().decode(ToolInfo.self, from: Data(root._dumpHelp().utf8)).command
    }
}
