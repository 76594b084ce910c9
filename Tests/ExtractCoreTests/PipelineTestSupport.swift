import ExtractCore
import ExtractTestSupport

/// A small pipeline for the tests of `extract test`: a title, a salary read by `money`, a list of
/// duties, and the source.
let testedPipelineYAML = #"""
stages:
  - stage: segment
    preamble: header
    sections: { duties: '^Duties$' }
  - stage: fields
    section: header
    fields:
      title: { pattern: '\A(?<value>[^\n]+)$', required: true }
      salary:
        pattern: '^Salary: (?<text>[^\n]+)$'
        value: { "*": text | money, text: text }
      duties: { section: duties, each: '^• (?<value>[^\n]+)$' }
  - stage: derive
    fields:
      source: { document: source }
"""#

func testedPipeline() throws -> Pipeline { try buildPipeline(testedPipelineYAML, file: "pipeline.yaml") }

/// The tests in `text` (a tests file named `tests.yaml`) for the small pipeline, and the mistakes found.
func loadTests(_ text: String, baseDirectory: String = ".") throws -> (tests: [PipelineTest], issues: [ConfigIssue]) {
    let issues = IssueCollector(file: "tests.yaml", text: text)
    var names: Set<String> = []
    let tests = PipelineTestLoader(pipeline: try testedPipeline())
        .read(text: text, file: "tests.yaml", baseDirectory: baseDirectory, isPipelineFile: false, issues: issues, names: &names)
    return (tests, issues.issues)
}

/// The result of the one test in `text`.
func runTest(_ text: String, baseDirectory: String = ".") throws -> PipelineTestResult {
    let loaded = try loadTests(text, baseDirectory: baseDirectory)
    guard loaded.issues.isEmpty, let test = loaded.tests.first else {
        throw PipelineTestFileError(issues: loaded.issues)
    }
    var runner = PipelineTestRunner(pipeline: try testedPipeline())
    return runner.run(test)
}
