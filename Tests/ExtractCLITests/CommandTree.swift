import Foundation
import Testing

/// Every command of the built `extract` as argument-parser describes it (`--experimental-dump-help`,
/// the JSON the manual generator reads), so checks over all commands also cover those added later.
enum CommandTree {
    /// Each command (the built-in `help` aside): its words after `extract` and its description.
    static func commands() throws -> [(words: [String], info: [String: Any])] {
        let dump = try CLI.run(["--experimental-dump-help"])
        let root = try #require(try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
        var found: [(words: [String], info: [String: Any])] = []
        func walk(_ command: [String: Any], _ words: [String]) {
            found.append((words, command))
            for sub in command["subcommands"] as? [[String: Any]] ?? [] {
                guard let name = sub["commandName"] as? String, name != "help" else { continue }
                walk(sub, words + [name])
            }
        }
        walk(try #require(root["command"] as? [String: Any]), [])
        return found
    }
}
