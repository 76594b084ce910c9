import ArgumentParser
import ExtractCore
import Foundation

/// `extract test PIPELINE`: runs the tests that live with a pipeline.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run the tests that live with a pipeline, in it or beside it.",
        discussion: """
        Tests come from a `tests:` list in the pipeline file and from
        PIPELINE.tests.yaml beside it (career.yaml → career.tests.yaml). Each
        test has a name, a page (`input: |` and its text, or `file:` with a
        path relative to the pipeline file) and what the record must hold:
        `expect:` fields compared by value (fields not named are not checked),
        `diagnostics:` exactly these codes in any order (`[]`: none), or
        `diagnostics_include:` at least these (a code, or code(field) such as
        fields.not_found(salary)), or `rejected: CODE` when the page must give no
        record. For a page that a split stage cuts into several records,
        `record: K` checks the K-th (source PAGE#K; default 1) and `records: N`
        says how many it must give. A mistake in the tests is reported at
        file:line:column.

        Prints `ok   name` or `FAIL name` per test, under a failure each field
        that differs (expected and produced, where the value was read in the
        page and the text there), then `N passed, M failed`.

        Exit status: 0 when every test passed, 1 when one failed, 2 for a usage
        error, a broken pipeline file or a mistake in the tests.

        Examples:
          extract test Pipelines/career.yaml
          extract test Pipelines/career.yaml --filter salary
        """
    )

    @Argument(help: "The pipeline file.", completion: .yamlFile)
    var pipeline: String

    @Option(help: ArgumentHelp("Run only the tests whose name contains this text.", valueName: "text"))
    var filter: String?

    func run() throws {
        if PipelineTestLoader.isTestsFile(pipeline) {
            let guess = String(pipeline.dropLast(pipeline.hasSuffix(".tests.yml") ? ".tests.yml".count : ".tests.yaml".count))
            printError("extract: '\(pipeline)' is a tests file; give the pipeline it tests: extract test \(guess).yaml")
            throw ExitCode(ExtractCommand.Status.usage.rawValue)
        }
        let built = try buildPipeline(pipeline)
        let tests: [PipelineTest]
        do {
            tests = try PipelineTestLoader(pipeline: built).load(pipelineFile: pipeline)
        } catch {
            printError(error.description)
            throw ExitCode(ExtractCommand.Status.usage.rawValue)
        }
        guard !tests.isEmpty else {
            printError("extract: \(pipeline) has no tests: add a 'tests:' list to it, or write them in "
                       + PipelineTestLoader.testsFile(forPipeline: pipeline))
            throw ExitCode(ExtractCommand.Status.usage.rawValue)
        }
        let selected = filter.map { text in tests.filter { $0.name.contains(text) } } ?? tests
        if let filter, selected.isEmpty {
            printError("extract: no test's name contains '\(filter)' (\(tests.count) tests in \(pipeline))")
            throw ExitCode(ExtractCommand.Status.usage.rawValue)
        }
        var runner = PipelineTestRunner(pipeline: built, readers: CommandRuntime.current.readers)
        var failed = 0
        for test in selected {
            let result = runner.run(test)
            if !result.passed { failed += 1 }
            print(TestReport.render(result))
        }
        var summary = "\(selected.count - failed) passed, \(failed) failed"
        if selected.count < tests.count { summary += " (\(tests.count - selected.count) filtered out)" }
        print(summary)
        if failed > 0 { throw ExitCode(ExtractCommand.Status.someFailed.rawValue) }
    }
}
