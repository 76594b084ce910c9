import Foundation
import Testing

/// `extract test`: the tests bundled with every pipeline pass, and a failure or a mistake is said
/// as a user needs it.
@Suite struct TestCommandTests {
    /// Every pipeline file in `Pipelines/` (not the tests files beside them).
    static let pipelines: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: CLI.root.appendingPathComponent("Pipelines").path)) ?? []
        return names.filter { ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) && !$0.contains(".tests.") }.sorted().map { "Pipelines/" + $0 }
    }()

    @Test func everyBundledPipelineIsFound() {
        #expect(Self.pipelines == ["Pipelines/career.yaml", "Pipelines/job-profile.yaml", "Pipelines/listing.yaml",
                                   "Pipelines/trade-course.yaml"])
    }

    @Test(arguments: pipelines)
    func everyBundledPipelinePassesItsOwnTests(pipeline: String) throws {
        let result = try CLI.run(["test", pipeline])
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        let summary = try #require(lines.last)
        #expect(summary == "\(lines.count - 1) passed, 0 failed")
        #expect(lines.count - 1 >= 10, "a bundled pipeline keeps at least 10 tests")
        #expect(lines.dropLast().allSatisfy { $0.hasPrefix("ok   ") })
    }

    /// A folder holding a small pipeline and the given tests file beside it.
    private func pipeline(tests: String?, inPipeline: String = "") throws -> URL {
        let directory = try CLI.temporaryDirectory()
        let yaml = #"""
        stages:
          - stage: fields
            fields:
              title: { pattern: '\A(?<value>[^\n]+)$', required: true }
              salary:
                pattern: '^Salary: (?<text>[^\n]+)$'
                value: { "*": text | money, text: text }
              duties: { each: '^• (?<value>[^\n]+)$' }
        """# + "\n" + inPipeline
        try Data(yaml.utf8).write(to: directory.appendingPathComponent("aide.yaml"))
        if let tests { try Data(tests.utf8).write(to: directory.appendingPathComponent("aide.tests.yaml")) }
        return directory
    }

    @Test func aFailingTestExitsOneWithADiffOfEachValueAndWhereItWasRead() throws {
        let directory = try pipeline(tests: """
        tests:
          - name: pay per hour
            input: |
              Nurse Aide
              Salary: $18-$24 per hour
              • Bathe patients
              • Chart care
            expect:
              salary: { min: 18, max: 24, currency: USD, period: year, text: $18-$24 per hour }
              duties: [Bathe patients]
          - name: title
            input: Nurse Aide
            expect: { title: Nurse Aide }
        """)
        let result = try CLI.run(["test", "aide.yaml"], in: directory)
        #expect(result.status == 1, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout == """
        FAIL pay per hour
             salary.period
               expected: "year"
               produced: "hour"
               read at:  aide.tests.yaml:5:7 "Salary: $18-$24 per hour"
             duties[1]: an item not expected
               produced: "Chart care"
               read at:  aide.tests.yaml:7:9 "Chart care"
        ok   title
        1 passed, 1 failed

        """)
    }

    @Test func missingAndExtraDiagnosticsAreListed() throws {
        let directory = try pipeline(tests: """
        tests:
          - name: diagnostics
            input: |
              Nurse Aide
              Salary: negotiable
            diagnostics: [fields.not_found(salary)]
        """)
        let result = try CLI.run(["test", "aide.yaml"], in: directory)
        #expect(result.status == 1)
        #expect(result.stdout.contains("""
             diagnostics (exactly these, in any order)
               expected: [fields.not_found(salary)]
               produced: [fields.unparsed(salary), fields.not_found(duties)]
               missing:  fields.not_found(salary)
               extra:    fields.unparsed(salary):
        """))
        #expect(result.stdout.contains("\n         at aide.tests.yaml:5:15 \"negotiable\"\n"))
        #expect(result.stdout.hasSuffix("0 passed, 1 failed\n"))
    }

    @Test func testsInThePipelineAndBesideItBothRunAndFilterPicksByName() throws {
        let directory = try pipeline(tests: "tests:\n  - name: beside\n    input: Aide\n    expect: { title: Aide }\n",
                                     inPipeline: "tests:\n  - name: inside\n    input: Aide\n    expect: { title: Aide }\n")
        let all = try CLI.run(["test", "aide.yaml"], in: directory)
        #expect(all.status == 0)
        #expect(all.stdout == "ok   inside\nok   beside\n2 passed, 0 failed\n")
        let some = try CLI.run(["test", "aide.yaml", "--filter", "bes"], in: directory)
        #expect(some.stdout == "ok   beside\n1 passed, 0 failed (1 filtered out)\n")
        let none = try CLI.run(["test", "aide.yaml", "--filter", "nothing"], in: directory)
        #expect(none.status == 2)
        #expect(none.stderr == "extract: no test's name contains 'nothing' (2 tests in aide.yaml)\n")
        // `run` ignores the tests in the pipeline file.
        let run = try CLI.run(["run", "-p", "aide.yaml", "-"], stdin: Data("Aide\n".utf8), in: directory)
        #expect(run.status == 0, "\(run.stderr)")
    }

    @Test func aMistakeInTheTestsIsReportedAtFileLineAndColumnAndExitsTwo() throws {
        let directory = try pipeline(tests: """
        tests:
          - name: t
            input: Aide
            expect:
              titel: Aide
        """)
        let result = try CLI.run(["test", "aide.yaml"], in: directory)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == """
        aide.tests.yaml:5:7: error: expect names field 'titel', which the pipeline does not output (did you mean 'title'?)
                  titel: Aide
                  ^
        expected one of: title, salary, duties
        1 error in the pipeline's tests

        """)
    }

    @Test func aPipelineWithoutTestsOrATestsFileGivenAsThePipelineIsAUsageError() throws {
        let directory = try pipeline(tests: nil)
        let none = try CLI.run(["test", "aide.yaml"], in: directory)
        #expect(none.status == 2)
        #expect(none.stderr == "extract: aide.yaml has no tests: add a 'tests:' list to it, or write them in aide.tests.yaml\n")
        let tests = try CLI.run(["test", "Pipelines/career.tests.yaml"])
        #expect(tests.status == 2)
        #expect(tests.stderr.contains("is a tests file; give the pipeline it tests: extract test Pipelines/career.yaml"))
        let broken = try CLI.run(["test", "Pipelines/nope.yaml"])
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("Pipelines/nope.yaml"))
        #expect(broken.stdout.isEmpty)
    }
}
