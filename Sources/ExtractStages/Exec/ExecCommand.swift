import ExtractCore
import Foundation

/// The program an `exec` stage runs, checked when the pipeline is built: its absolute path, its
/// arguments, its whole environment and the folder it starts in.
struct ExecCommand: Sendable {
    /// The program's absolute path.
    var executable: String
    /// As written in the pipeline file, for messages.
    var name: String
    var arguments: [String]
    /// `NAME=value` entries: extract's environment with the stage's `env` over it, by name.
    var environment: [String]
    /// An absolute path.
    var workingDirectory: String

    /// The folder the program runs in: `working_directory` resolved against the pipeline file's
    /// folder, or that folder; made absolute so a relative pipeline path works from anywhere.
    /// Reported (and nil) when it is not a folder.
    static func workingDirectory(_ options: ConfigNode.Options, context: BuildContext) -> String? {
        let node = options.optional("working_directory")
        var written: String?
        if let node {
            guard let text = node.string() else { return nil }
            written = context.resolvePath(text)
        }
        let path = absolute(written ?? (context.baseDirectory.isEmpty ? "." : context.baseDirectory))
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            (node ?? options.node).report("the exec stage's working directory '\(path)' is not a folder", expected: "an existing folder")
            return nil
        }
        return path
    }

    /// Reads `command`, `args` and `env`; reports a program that cannot be found or run at the
    /// `command` node, and returns nil after any mistake.
    static func read(command node: ConfigNode?, args: ConfigNode?, env: ConfigNode?, directory: String?,
                     context: BuildContext) -> ExecCommand? {
        let arguments = args.map { $0.stringList() } ?? []
        let environment = env.map(environment(_:)) ?? environment([:])
        guard let node, let name = node.string() else { return nil }
        guard let executable = locate(name, at: node, context: context), let arguments, let environment, let directory else {
            return nil
        }
        return ExecCommand(executable: executable, name: name, arguments: arguments, environment: environment,
                           workingDirectory: directory)
    }

    /// The program's absolute path: a name with a `/` is a path from the pipeline file's folder,
    /// any other name is looked up on PATH. Reports a missing or non-executable program.
    private static func locate(_ name: String, at node: ConfigNode, context: BuildContext) -> String? {
        guard !name.isEmpty else {
            node.report("command is empty", expected: "a program: a path or a name on PATH")
            return nil
        }
        if name.contains("/") {
            let path = absolute(context.resolvePath(name))
            switch check(path) {
            case .runnable: return path
            case .missing:
                node.report("command '\(name)' does not exist (looked for \(path))",
                            expected: "a program: a path relative to the pipeline file's folder, or a name on PATH")
            case .notExecutable:
                node.report("command '\(name)' is not executable (\(path))",
                            expected: "an executable file (chmod +x it), or its interpreter as command and the file in args")
            }
            return nil
        }
        let searchPath = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        var found: String?
        for folder in searchPath.split(separator: ":", omittingEmptySubsequences: true) {
            let path = absolute(String(folder) + "/" + name)
            let state = check(path)
            if state == .runnable { return path }
            if state == .notExecutable, found == nil { found = path }
        }
        if let found {
            node.report("command '\(name)' is found on PATH at \(found), which is not executable", expected: "an executable program")
        } else {
            node.report("command '\(name)' is not found on PATH (\(searchPath))",
                        expected: "a program on PATH, or a path relative to the pipeline file's folder")
        }
        return nil
    }

    private enum FileState { case runnable, missing, notExecutable }

    private static func check(_ path: String) -> FileState {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return .missing }
        return !isDirectory.boolValue && FileManager.default.isExecutableFile(atPath: path) ? .runnable : .notExecutable
    }

    /// extract's environment with `env`'s entries over it, as sorted `NAME=value` strings.
    private static func environment(_ node: ConfigNode) -> [String]? {
        guard let entries = node.entries() else { return nil }
        var overrides: [String: String] = [:]
        var valid = true
        for entry in entries {
            if entry.key.isEmpty || entry.key.contains("=") {
                entry.keyNode.report("'\(entry.key)' cannot name an environment variable", expected: "a name without '='")
                valid = false
            }
            guard let value = entry.value.string() else { valid = false; continue }
            overrides[entry.key] = value
        }
        return valid ? environment(overrides) : nil
    }

    private static func environment(_ overrides: [String: String]) -> [String] {
        ProcessInfo.processInfo.environment.merging(overrides) { $1 }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
    }

    private static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true))
            .standardizedFileURL.path
    }
}
