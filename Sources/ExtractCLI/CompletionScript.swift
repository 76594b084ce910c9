import ArgumentParser

/// `extract --generate-completion-script SHELL`: argument-parser's script, and for bash two
/// things it leaves out.
///
/// - `run` is the default subcommand, so `extract -p Pipelines/career.yaml pages/` is a whole
///   command; argument-parser's bash script only completes subcommand names after `extract`.
///   The addition completes such a line as if `run` had been typed, and a first word that starts
///   no subcommand's name as an input path.
/// - `extract help SUBCOMMAND`: the built-in `help` completes nothing; the addition offers the
///   subcommands' names.
enum CompletionScript {
    /// The shell that `--generate-completion-script[=]SHELL` names (the user's shell when none is
    /// named), or nil when the arguments do not ask for a script or name no shell argument-parser
    /// knows (it then reports that itself).
    static func requestedShell(_ arguments: [String]) -> CompletionShell? {
        let flag = "--generate-completion-script"
        guard let index = arguments.firstIndex(where: { $0 == flag || $0.hasPrefix(flag + "=") }) else { return nil }
        let argument = arguments[index]
        if argument.hasPrefix(flag + "=") { return CompletionShell(rawValue: String(argument.dropFirst(flag.count + 1))) }
        if index + 1 < arguments.count, !arguments[index + 1].hasPrefix("-") { return CompletionShell(rawValue: arguments[index + 1]) }
        return CompletionShell.autodetected()
    }

    /// The completion script for `shell`.
    static func script(for shell: CompletionShell, root: any ParsableCommand.Type) -> String {
        let generated = root.completionScript(for: shell)
        guard shell == .bash else { return generated }
        return generated + "\n" + bashAdditions(root: root)
    }

    /// The bash functions described above, registered in place of argument-parser's.
    static func bashAdditions(root: any ParsableCommand.Type) -> String {
        let name = root._commandName
        let function = "_" + name
        let subcommands = root.configuration.subcommands.map { $0._commandName }
        let all = (subcommands + ["help"]).joined(separator: " ")
        let runner = root.configuration.defaultSubcommand?._commandName ?? "run"
        return """
        # `\(name) help SUBCOMMAND` completes the subcommands' names.
        \(function)_help() {
            COMPREPLY+=($(compgen -W '\(subcommands.joined(separator: " "))' -- "${cur}"))
        }

        # `\(runner)` is the default subcommand: a line whose first word is no subcommand completes as
        # `\(name) \(runner) …`, and a first word that starts no subcommand's name as an input path.
        \(function)_with_default_subcommand() {
            case " \(all) " in
            *" ${COMP_WORDS[1]} "*)
                \(function) "$@"
                return
                ;;
            esac
            if [[ "${COMP_CWORD}" -eq 1 && "${2}" != -* ]]; then
                \(function) "$@"
                [[ "${#COMPREPLY[@]}" -gt 0 ]] && return
            fi
            COMP_WORDS=("${COMP_WORDS[0]}" \(runner) "${COMP_WORDS[@]:1}")
            COMP_CWORD=$((COMP_CWORD + 1))
            COMP_LINE="${COMP_WORDS[0]} \(runner)${COMP_LINE:${#COMP_WORDS[0]}}"
            COMP_POINT=$((COMP_POINT + \(runner.count + 1)))
            \(function) "$@"
        }

        complete -o filenames -F \(function)_with_default_subcommand \(name)

        """
    }
}
