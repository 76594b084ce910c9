@testable import ExtractCore
import ExtractTestSupport
import Foundation
import Testing

/// Reading the tests of `extract test`: what a test holds, and every mistake at its file:line:column.
@Suite struct PipelineTestLoaderTests {
    /// `file:line:column: message`, to compare issues with what a user reads.
    static func described(_ issue: ConfigIssue) -> String { "\(issue.location): \(issue.message)" }

    @Test func aTestHoldsItsPageItsTypedValuesItsDiagnosticsAndItsRejection() throws {
        let (tests, issues) = try loadTests("""
        tests:
          - name: hourly
            input: |
              Nurse Aide
              Salary: $18 per hour
            source: aide.txt
            expect:
              title: Nurse Aide
              salary: { min: 18, max: 18.0, currency: "USD", period: hour, text: ~ }
              duties: []
            diagnostics: [fields.not_found(duties), segment.missing_section]
          - name: empty
            input: ""
            rejected: input.empty
        """)
        #expect(issues.isEmpty, "\(issues)")
        try #require(tests.count == 2)
        let hourly = tests[0]
        #expect(hourly.name == "hourly")
        #expect(hourly.location == SourceLocation(file: "tests.yaml", line: 2, column: 5))
        guard case .inline(let page, let origin) = hourly.input else { Issue.record("not inline"); return }
        #expect(page == "Nurse Aide\nSalary: $18 per hour\n")
        #expect(origin == InlineOrigin(file: "tests.yaml", firstLine: 4, indent: 6))
        #expect(hourly.source == "aide.txt")
        #expect(hourly.expectations.map(\.field) == ["title", "salary", "duties"])
        #expect(hourly.expectations[1].value == .object([
            .init("min", .integer(18)), .init("max", .decimal(18)), .init("currency", .string("USD")),
            .init("period", .string("hour")), .init("text", .null),
        ]))
        #expect(hourly.expectations[2].value == .list([]))
        #expect(hourly.diagnostics?.mode == .exactly)
        #expect(hourly.diagnostics?.patterns == [DiagnosticPattern(code: "fields.not_found", field: "duties"),
                                                DiagnosticPattern(code: "segment.missing_section")])
        #expect(hourly.rejection == nil)
        #expect(tests[1].rejection == "input.empty")
    }

    @Test(arguments: [
        ("48", Value.integer(48)), ("-3", .integer(-3)), ("0x1F", .integer(31)), ("1.5", .decimal(1.5)), ("1e3", .decimal(1000)),
        ("~", .null), ("null", .null), ("", .null), ("true", .bool(true)), ("False", .bool(false)),
        ("yes", .string("yes")), ("no", .string("no")), ("2024-01-01", .string("2024-01-01")), ("1_000", .string("1_000")),
        ("+11%Very Good", .string("+11%Very Good")), ("'48'", .string("48")), ("\"null\"", .string("null")), ("!!str 12", .string("12")),
    ])
    func plainScalarsAreTypedAsYAMLOnePointTwoReadsThemAndQuotedOnesAreText(written: String, value: Value) throws {
        let (tests, issues) = try loadTests("tests:\n  - name: t\n    input: x\n    expect: { title: \(written) }\n")
        #expect(issues.isEmpty, "\(issues)")
        #expect(tests.first?.expectations.first?.value == value)
    }

    @Test func anExpectedFieldThePipelineDoesNotOutputIsReportedAtItsKey() throws {
        let (_, issues) = try loadTests("""
        tests:
          - name: t
            input: x
            expect:
              salry: null
              diagnostics: []
        """)
        #expect(issues.map(\.location.description) == ["tests.yaml:5:7", "tests.yaml:6:7"])
        #expect(issues.first?.message == "expect names field 'salry', which the pipeline does not output (did you mean 'salary'?)")
        #expect(issues.first?.expected == "one of: title, salary, duties, source")
        #expect(issues.last?.message.contains("the test's own 'diagnostics' key") == true)
    }

    @Test func aValueThatCannotHaveTheFieldsShapeIsReportedWhereItIsWritten() throws {
        let (_, issues) = try loadTests("""
        tests:
          - name: t
            input: x
            expect:
              salary: { min: 1, maxx: 2 }
              duties: a duty
              title: [a, b]
        """)
        #expect(issues.map(Self.described) == [
            "tests.yaml:5:25: salary has no key 'maxx' (did you mean 'max'?)",
            "tests.yaml:6:15: duties is a list, found 'a duty'",
            "tests.yaml:7:14: title is a single value, found a list",
        ])
    }

    @Test func aTestWithoutAPageOrWithTwoOrCheckingNothingIsReported() throws {
        let (tests, issues) = try loadTests("""
        tests:
          - name: no page
            expect: { title: x }
          - name: two pages
            input: x
            file: page.txt
            expect: { title: x }
          - name: no check
            input: x
          - name: rejected with checks
            input: x
            rejected: input.empty
            expect: { title: x }
        """)
        #expect(tests.isEmpty)
        #expect(issues.map(Self.described) == [
            "tests.yaml:2:5: the test has no page",
            "tests.yaml:6:11: a test reads its page from 'input' or from 'file', not both",
            "tests.yaml:8:5: the test checks nothing",
            "tests.yaml:12:15: a test that expects the page to be rejected cannot also check 'expect'",
        ])
    }

    @Test func aPageFileIsFoundBesideThePipelineAndOneThatIsNotThereIsReported() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("page.txt", "Nurse Aide\n")
        let (tests, issues) = try loadTests("""
        tests:
          - name: there
            file: page.txt
            expect: { title: Nurse Aide }
          - name: not there
            file: pages/nope.txt
            expect: { title: Nurse Aide }
        """, baseDirectory: directory.path)
        guard case .file(let path, let written) = tests.first?.input else { Issue.record("no file test"); return }
        #expect(path == directory.path + "/page.txt")
        #expect(written == "page.txt")
        #expect(issues.map(\.location.description) == ["tests.yaml:6:11"])
        #expect(issues.first?.message == "no such file 'pages/nope.txt' (looked for '\(directory.path)/pages/nope.txt')")
    }

    @Test func twoTestsOfOneNameAndUnknownKeysAreReported() throws {
        let (_, issues) = try loadTests("""
        tests:
          - name: t
            input: x
            expect: { title: x }
          - name: t
            input: x
            expext: { title: x }
        """)
        #expect(issues.map(Self.described) == [
            "tests.yaml:7:5: unknown option 'expext' for a test (did you mean 'expect'?)",
            "tests.yaml:5:11: two tests are named 't'",
            "tests.yaml:5:5: the test checks nothing",
        ])
    }

    @Test func aMalformedDiagnosticCodeOrAFieldNoStageProvidesIsReported() throws {
        let (_, issues) = try loadTests("""
        tests:
          - name: t
            input: x
            diagnostics_include: [not found, fields.not_found(salry), fields.not_found(duties)]
          - name: u
            input: x
            diagnostics: []
            diagnostics_include: []
        """)
        #expect(issues.map(\.location.description) == ["tests.yaml:4:27", "tests.yaml:4:38", "tests.yaml:8:26"])
        #expect(issues[0].message == "'not found' is not a diagnostic code")
        #expect(issues[1].message == "'fields.not_found(salry)' names field 'salry', which no stage provides (did you mean 'salary'?)")
        #expect(issues[2].message.hasPrefix("a test lists its diagnostics in 'diagnostics' (exactly these) or 'diagnostics_include'"))
    }

    @Test func aTestsFileWithoutATestsListIsReported() throws {
        let (_, issues) = try loadTests("test:\n  - name: t\n")
        #expect(issues.map(\.location.description) == ["tests.yaml:1:1", "tests.yaml:1:1"])
        #expect(issues.first?.message == "unknown option 'test' for a tests file (did you mean 'tests'?)")
        #expect(issues.last?.message == "missing option 'tests' in ")
    }

    @Test func aPipelineFileWithTestsBuildsAndItsTestsAreReadFromIt() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let yaml = testedPipelineYAML + "\ntests:\n  - name: in the pipeline\n    input: |\n      Aide\n    expect: { title: Aide }\n"
        let path = try directory.write("aide.yaml", yaml)
        try directory.write("aide.tests.yaml", "tests:\n  - name: beside it\n    input: Aide\n    expect: { title: Aide }\n")
        let pipeline = try PipelineBuilder(registry: .builtIn).build(file: path)
        let tests = try PipelineTestLoader(pipeline: pipeline).load(pipelineFile: path)
        #expect(tests.map(\.name) == ["in the pipeline", "beside it"])
        #expect(PipelineTestLoader.testsFile(forPipeline: path) == directory.path + "/aide.tests.yaml")
        #expect(PipelineTestLoader.isTestsFile(directory.path + "/aide.tests.yaml"))
        #expect(!PipelineTestLoader.isTestsFile(path))
    }

    @Test func aNameUsedInThePipelineAndInTheFileBesideItIsReportedInTheFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write("aide.yaml", testedPipelineYAML + "\ntests:\n  - name: t\n    input: Aide\n    expect: { title: Aide }\n")
        try directory.write("aide.tests.yaml", "tests:\n  - name: t\n    input: Aide\n    expect: { title: Aide }\n")
        let pipeline = try PipelineBuilder(registry: .builtIn).build(file: path)
        #expect(throws: PipelineTestFileError.self) { try PipelineTestLoader(pipeline: pipeline).load(pipelineFile: path) }
        do {
            _ = try PipelineTestLoader(pipeline: pipeline).load(pipelineFile: path)
        } catch {
            #expect(error.issues.map(\.location.description) == ["\(directory.path)/aide.tests.yaml:2:11"])
            #expect(error.description.hasSuffix("1 error in the pipeline's tests"))
        }
    }

    @Test func pathsAreJoinedByName() {
        #expect(PipelineTestLoader.join("Pipelines", "../Fixtures/career/pages/x.txt") == "Fixtures/career/pages/x.txt")
        #expect(PipelineTestLoader.join("", "pages/x.txt") == "pages/x.txt")
        #expect(PipelineTestLoader.join("a", "../../x.txt") == "../x.txt")
        #expect(PipelineTestLoader.join("/srv/p", "./x.txt") == "/srv/p/x.txt")
        #expect(PipelineTestLoader.join("/srv/p", "/abs/x.txt") == "/abs/x.txt")
    }
}
