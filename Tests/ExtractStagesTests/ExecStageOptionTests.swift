import ExtractCore
import ExtractStages
import ExtractTestSupport
import Foundation
import Testing

/// The `exec` stage's options, checked when the pipeline is built: each mistake at its
/// file:line:column with what was expected, before any program is started.
@Suite("Exec stage options")
struct ExecStageOptionTests {
    static let plugins = repositoryRoot.appendingPathComponent("Fixtures/exec").path

    /// A pipeline file with one mistake: where it is reported and the message (or its start).
    struct Mistake: Sendable, CustomTestStringConvertible {
        var name: String
        var yaml: String
        var line: Int
        var column: Int
        var message: String
        var messageIsPrefix = false
        var testDescription: String { name }
    }

    /// The exec stage entry with `options` (indented lines) after `stage: exec`.
    static func exec(_ options: String) -> String { "stages:\n  - stage: exec\n" + options }

    /// The exec stage running ./fields.py with one more option, written on line 4.
    static func fieldsWith(_ option: String) -> String {
        exec("    command: ./fields.py\n    \(option)\n    provides: { words: scalar }\n")
    }

    static let mistakes: [Mistake] = [
        Mistake(name: "a command path that does not exist",
                yaml: exec("    command: ./no-such-plugin.py\n    provides: { words: scalar }\n"), line: 3, column: 14,
                message: "command './no-such-plugin.py' does not exist (looked for \(plugins)/no-such-plugin.py)"),
        Mistake(name: "a command name not on PATH",
                yaml: exec("    command: no-such-program-for-extract\n    provides: { words: scalar }\n"), line: 3, column: 14,
                message: "command 'no-such-program-for-extract' is not found on PATH (", messageIsPrefix: true),
        Mistake(name: "a file that is not executable",
                yaml: exec("    command: ./not_executable.py\n    provides: { words: scalar }\n"), line: 3, column: 14,
                message: "command './not_executable.py' is not executable (\(plugins)/not_executable.py)"),
        Mistake(name: "a field an earlier stage provides",
                yaml: "stages:\n  - stage: fields\n    fields:\n      title: { pattern: '\\A(?<value>[^\\n]+)$' }\n"
                    + "  - stage: exec\n    command: ./fields.py\n    provides: { title: scalar }\n", line: 7, column: 17,
                message: "field 'title' is already provided by an earlier stage"),
        Mistake(name: "a record field no stage provides",
                yaml: exec("    command: ./fields.py\n    provides: { words: scalar }\nrecord: [words, title]\n"), line: 5, column: 17,
                message: "record lists field 'title', which no stage provides"),
        Mistake(name: "an unknown shape",
                yaml: exec("    command: ./fields.py\n    provides: { words: scalr }\n"), line: 4, column: 24,
                message: "unknown shape 'scalr' for stages[0].provides.words (did you mean 'scalar'?)"),
        Mistake(name: "a list shape with two item shapes",
                yaml: exec("    command: ./fields.py\n    provides: { words: [scalar, list] }\n"), line: 4, column: 24,
                message: "a list shape names the shape of its items once, found 2"),
        Mistake(name: "no provides", yaml: exec("    command: ./fields.py\n"), line: 2, column: 5,
                message: "missing option 'provides' in stages[0]"),
        Mistake(name: "a timeout without a unit", yaml: fieldsWith("timeout: 2"), line: 4, column: 14,
                message: "stages[0].timeout must be a duration, found '2'"),
        Mistake(name: "a timeout in words", yaml: fieldsWith("timeout: 2 seconds"), line: 4, column: 14,
                message: "stages[0].timeout must be a duration, found '2 seconds'"),
        Mistake(name: "a timeout of nothing", yaml: fieldsWith("timeout: 0ms"), line: 4, column: 14,
                message: "stages[0].timeout must be between 1ms and 1h, found '0ms'"),
        Mistake(name: "a start timeout in hours", yaml: fieldsWith("start_timeout: 2h"), line: 4, column: 20,
                message: "stages[0].start_timeout must be a duration, found '2h'"),
        Mistake(name: "a working directory that is no folder", yaml: fieldsWith("working_directory: no-such-folder"), line: 4, column: 24,
                message: "the exec stage's working directory '\(plugins)/no-such-folder' is not a folder"),
        Mistake(name: "an environment name with an equals sign", yaml: fieldsWith("env: { \"A=B\": x }"), line: 4, column: 12,
                message: "'A=B' cannot name an environment variable"),
    ]

    @Test(arguments: mistakes)
    func aMistakeIsReportedAtItsPlaceBeforeAnythingRuns(_ mistake: Mistake) throws {
        let error = try #require(pipelineError(mistake.yaml, baseDirectory: Self.plugins), "the pipeline built")
        #expect(error.issues.count == 1, "\(error)")
        let issue = try #require(error.issues.first)
        #expect(issue.location == ExtractCore.SourceLocation(file: "test.yaml", line: mistake.line, column: mistake.column))
        if mistake.messageIsPrefix {
            #expect(issue.message.hasPrefix(mistake.message), "\(issue.message)")
        } else {
            #expect(issue.message == mistake.message)
        }
    }

    @Test func aProgramThatCannotBeFoundSaysWhatWasExpected() throws {
        let error = try #require(pipelineError(Self.exec("    command: ./nope.py\n    provides: { x: scalar }\n"), baseDirectory: Self.plugins))
        #expect(error.issues.first?.expected == "a program: a path relative to the pipeline file's folder, or a name on PATH")
        let notExecutable = try #require(pipelineError(Self.exec("    command: ./not_executable.py\n    provides: { x: scalar }\n"),
                                                       baseDirectory: Self.plugins))
        #expect(notExecutable.issues.first?.expected
            == "an executable file (chmod +x it), or its interpreter as command and the file in args")
    }

    @Test func shapesAreReadIntoTheSchema() throws {
        let pipeline = try buildPipeline("""
        stages:
          - stage: exec
            command: ./fields.py
            provides:
              words: scalar
              keywords: list
              stats: object
              steps: [{ name: scalar, months: scalar }]
              matrix: [[scalar]]
        """, baseDirectory: Self.plugins)
        #expect(pipeline.schema.fields.map(\.shape) == [
            .scalar, .list(.scalar), .object([]), .list(.object([.init("name", .scalar), .init("months", .scalar)])),
            .list(.list(.scalar)),
        ])
    }

    @Test func theProgramIsStartedInItsWorkingDirectoryWithItsArgumentsAndEnvironment() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let pipeline = try buildPipeline("""
        stages:
          - stage: exec
            command: python3
            args: ['-c', 'import json, os, sys; [print(json.dumps({"fields": {"where": os.getcwd(), "argv": sys.argv[1:], "env": os.environ.get("PLUGIN_MODE")}}), flush=True) for line in sys.stdin]', first, second]
            working_directory: \(folder.path)
            env: { PLUGIN_MODE: strict }
            provides: { where: scalar, argv: list, env: scalar }
        """, baseDirectory: Self.plugins)
        let result = process("Page\n", with: pipeline)
        #expect(result.item.rejection == nil)
        #expect(result["where"] == .string(URL(fileURLWithPath: folder.path).resolvingSymlinksInPath().path))
        #expect(result["argv"] == ["first", "second"])
        #expect(result["env"] == "strict")
    }
}
