import Foundation
import Testing

/// A misspelt option or subcommand is named first, with the closest right spelling, whatever
/// else is missing from the command line.
@Suite struct ArgumentTypoTests {
    /// Runs `arguments`, checks they are refused as a usage error (exit 2, nothing written) whose
    /// message starts with `message`, and returns the whole message.
    @discardableResult
    func refused(_ arguments: [String], saying message: String) throws -> String {
        let result = try CLI.run(arguments)
        #expect(result.status == 2, "\(arguments)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix(message), "\(arguments): \(result.stderr)")
        return result.stderr
    }

    @Test func aMisspeltOptionBeforeTheDefaultSubcommandIsNamedNotTheMissingPipeline() throws {
        let message = try refused(["--pipline", "Pipelines/career.yaml", "Fixtures/career/pages"],
                                  saying: "Error: Unknown option '--pipline'. Did you mean '--pipeline'?\n")
        #expect(!message.contains("Missing expected argument"))
        #expect(message.contains("Usage: extract run "))
    }

    @Test func aMisspeltOptionOfANamedSubcommandIsNamed() throws {
        try refused(["run", "--pipline", "Pipelines/career.yaml", "Fixtures/career/pages"],
                    saying: "Error: Unknown option '--pipline'. Did you mean '--pipeline'?")
        let message = try refused(["eval", "-p", "Pipelines/career.yaml", "--expectd", "Fixtures/career/expected", "Fixtures/career/pages"],
                                  saying: "Error: Unknown option '--expectd'. Did you mean '--expected'?")
        #expect(message.contains("See 'extract eval --help'"))
    }

    @Test func anUnknownOptionIsNamedBeforeAnInvalidValueOfAnother() throws {
        try refused(["-p", "Pipelines/career.yaml", "--jobs", "0", "--with-span", "Fixtures/career/pages"],
                    saying: "Error: Unknown option '--with-span'. Did you mean '--with-spans'?")
    }

    @Test func anOptionWithNothingCloseIsNamedWithoutASuggestion() throws {
        try refused(["--colour", "-p", "Pipelines/career.yaml", "Fixtures/career/pages"], saying: "Error: Unknown option '--colour'\n")
    }

    @Test func aMisspeltSubcommandIsNamedNotReadAsAnInputPath() throws {
        try refused(["valdate", "Pipelines/career.yaml"], saying:
            "Error: 'valdate' is neither a subcommand (run, validate, test, eval, inspect, entities, stages, schema, help) nor an existing path. Did you mean 'validate'?")
        let message = try refused(["evl", "-p", "Pipelines/career.yaml", "--expected", "Fixtures/career/expected"], saying: "Error: 'evl' is neither")
        #expect(message.contains("Did you mean 'eval'?"))
    }

    @Test func aFirstWordThatIsAPathIsAnInputEvenWhenItLooksLikeASubcommand() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let page = try String(contentsOf: CLI.root.appendingPathComponent("Fixtures/career/pages/a-hourly-pay.txt"), encoding: .utf8)
        try page.write(to: directory.appendingPathComponent("stage"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["stage", "-p", CLI.root.appendingPathComponent("Pipelines/career.yaml").path, "-q"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\"source\":\"stage\""))
    }
}
