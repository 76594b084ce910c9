import ArgumentParser
import ExtractBuiltIn
import ExtractCore
import Foundation

/// The `extract` command: turns scraped pages into structured records with a pipeline file.
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Turn scraped web pages into structured records with a YAML pipeline.",
        discussion: """
        Examples:
          extract --pipeline Pipelines/career.yaml pages/ -o careers.jsonl
          extract --pipeline Pipelines/career.yaml page.txt --format json
          cat corpus.jsonl | extract -p Pipelines/career.yaml --input-format jsonl - \\
              -o careers.csv
          extract validate Pipelines/career.yaml
          extract test Pipelines/career.yaml
          extract inspect -p Pipelines/career.yaml page.html -o page.inspect.html
          extract schema -p Pipelines/career.yaml
          extract stages

        Exit status:
          0    every document gave a record
          1    some documents failed (each reported on stderr; the rest written)
          2    a usage or pipeline-file error, an input path that does not exist,
               or no document found (nothing is written)
          3    the output could not be written (a destination file is left as it was)
          130  interrupted (Ctrl-C); 143 stopped by SIGTERM
        """,
        version: ExtractVersion.string,
        subcommands: [RunCommand.self, ValidateCommand.self, TestCommand.self, EvalCommand.self, InspectCommand.self, EntitiesCommand.self,
                      StagesCommand.self, SchemaCommand.self],
        defaultSubcommand: RunCommand.self
    )

    /// Exit codes scripts can rely on.
    enum Status: Int32 {
        case ok = 0
        case someFailed = 1
        case usage = 2
        /// The output (or the rejects file) could not be written; a destination file is left as it was.
        case outputFailed = 3
        /// Stopped by SIGINT (Ctrl-C); SIGTERM gives 143 (128 + the signal, as shells report it).
        case interrupted = 130
    }

    /// Runs the command, mapping argument errors to exit status 2 (argument-parser's default is 64).
    ///
    /// A misspelt subcommand or an unknown option is named before anything else is said about
    /// the arguments (see ``ArgumentTypos``); the bash completion script gets its additions
    /// (see ``CompletionScript``).
    static func mainWithStatus() -> Never {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let shell = CompletionScript.requestedShell(arguments) {
            print(CompletionScript.script(for: shell, root: self), terminator: "")
            Foundation.exit(Status.ok.rawValue)
        }
        if let typo = ArgumentTypos.misspeltSubcommand(in: arguments, root: self) {
            usageError(typo)
        }
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            Foundation.exit(Status.ok.rawValue)
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            if exitCode(for: error) == .success { exit(withError: error) }
            usageError(ArgumentTypos.message(for: arguments, root: self) ?? fullMessage(for: error))
        }
    }

    /// Prints an argument error as argument-parser does and exits with the usage status.
    private static func usageError(_ message: String) -> Never {
        let text = message.hasPrefix("Error: ") ? message : "Error: " + message
        FileHandle.standardError.write(Data((text + "\n").utf8))
        Foundation.exit(Status.usage.rawValue)
    }
}

/// The command line's entry point, for the `extract` executable and for packages that build
/// their own.
public enum ExtractCLI {
    /// Parses the process's arguments, runs the command with the built-in stages, parsers,
    /// formats and readers, and exits with its status.
    public static func main() -> Never { main(runtime: .builtIn) }

    /// As ``main()``, with `runtime`'s parts: a package's own `extract` calls it with
    /// `ExtractRuntime.builtIn.adding(…)`, and every command (`run`, `validate`, `eval`,
    /// `stages`, …) knows the parts it adds. Call it once, from the process's main.
    public static func main(runtime: ExtractRuntime) -> Never {
        CommandRuntime.install(runtime)
        ExtractCommand.mainWithStatus()
    }
}

/// Writes a line to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Builds the pipeline at `path` with the runtime's stages and value parsers, or prints every
/// mistake and exits 2.
func buildPipeline(_ path: String) throws -> Pipeline {
    do {
        return try CommandRuntime.current.builder.build(file: path)
    } catch {
        printError(error.description)
        throw ExitCode(ExtractCommand.Status.usage.rawValue)
    }
}
