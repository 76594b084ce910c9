import Foundation
import Testing

/// Every option and argument that takes a value tells the completion scripts what to offer
/// (files, directories or a list of words), unless its value is free text or a number; so a
/// path option added later cannot silently complete nothing. The completion itself is checked
/// in bash by `Tests/Interop/completion_test.py`.
@Suite struct CompletionDeclarationTests {
    /// Values no shell can offer: numbers, field names, shard numbers, credentials, mention
    /// texts, test names, sources; the input options every reading command shares are named alone.
    static let freeValues: Set<String> = [
        "--id-field", "--text-field", "--max-document-bytes",
        "run --shard", "run --jobs", "eval --show", "eval --min-accuracy",
        "entities --credential", "entities --repeat", "entities <texts>",
        "test --filter", "inspect --source", "inspect --record",
    ]

    @Test func everyValueDeclaresWhatToComplete() throws {
        var undeclared: [String] = []
        var checked = 0
        for command in try CommandTree.commands() {
            for argument in command.info["arguments"] as? [[String: Any]] ?? [] where argument["kind"] as? String != "flag" {
                let names = (argument["names"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
                let spelling = names.max { $0.count < $1.count }.map { "--" + $0 } ?? "<\(argument["valueName"] as? String ?? "")>"
                let key = (command.words + [spelling]).joined(separator: " ")
                checked += 1
                if argument["completionKind"] == nil && !Self.freeValues.contains(key) && !Self.freeValues.contains(spelling) {
                    undeclared.append(key)
                }
            }
        }
        #expect(checked > 20)
        #expect(undeclared.isEmpty, "no completion declared for: \(undeclared.joined(separator: ", "))")
    }

    @Test func theBashScriptCompletesTheDefaultSubcommandAndHelp() throws {
        let script = try CLI.run(["--generate-completion-script", "bash"])
        #expect(script.status == 0)
        #expect(script.stdout.hasPrefix("#!/bin/bash"))
        #expect(script.stdout.hasSuffix("complete -o filenames -F _extract_with_default_subcommand extract\n"))
        #expect(script.stdout.contains("COMPREPLY+=($(compgen -W 'run validate test eval inspect entities stages schema' -- \"${cur}\"))"))
        // Other shells get argument-parser's own script.
        let zsh = try CLI.run(["--generate-completion-script=zsh"])
        #expect(zsh.stdout.hasPrefix("#compdef extract"))
        #expect(!zsh.stdout.contains("_extract_with_default_subcommand"))
        #expect(try CLI.run(["--generate-completion-script", "tcsh"]).status == 2)
    }
}
