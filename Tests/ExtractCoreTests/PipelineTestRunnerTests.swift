@testable import ExtractCore
import ExtractTestSupport
import Foundation
import Testing

/// Running the tests of `extract test`: what passes, what fails, and how a failure says where.
@Suite struct PipelineTestRunnerTests {
    /// The test `aide` of the page below (the tests file's lines 4 to 8) with `checks`, lines
    /// of YAML at the test's indent.
    private func aide(_ checks: String) throws -> PipelineTestResult {
        try runTest("""
        tests:
          - name: aide
            input: |
              Nurse Aide
              Salary: $18-$24 per hour
              Duties
              • Bathe patients
              • Chart care

        """ + checks)
    }

    private func fieldMismatch(_ result: PipelineTestResult) -> FieldMismatch? {
        guard result.failures.count == 1, case .field(let mismatch) = result.failures.first else { return nil }
        return mismatch
    }

    @Test func aTestWhoseFieldsAndDiagnosticsAreAsWrittenPasses() throws {
        let result = try aide("""
            source: aide.txt
            expect:
              source: aide.txt
              title: Nurse Aide
              salary: { min: 18, max: 24.0, currency: USD, period: hour, text: $18-$24 per hour }
              duties: [Bathe patients, Chart care]
            diagnostics: []
        """)
        #expect(result.passed, "\(result.failures)")
    }

    @Test func fieldsNotNamedAreNotCheckedAndAnInlinePageIsNamedByTheTest() throws {
        let result = try aide("    expect: { source: aide }\n")
        #expect(result.passed, "\(result.failures)")
    }

    @Test func aWrongKeyIsNamedByItsPathWithThePlaceInTheTestsFileWhereItWasRead() throws {
        let result = try aide("    expect: { salary: { min: 18, max: 24, currency: USD, period: year, text: $18-$24 per hour } }\n")
        let mismatch = try #require(fieldMismatch(result), "\(result.failures)")
        #expect(mismatch.field == "salary")
        #expect(mismatch.differences == [ValueDifference(path: ".period", kind: .changed(expected: "year", produced: "hour"))])
        let place = try #require(mismatch.place(of: mismatch.differences[0]))
        // The page's line 2 is the file's line 5; its column 1 the file's column 7.
        #expect(place.description == "tests.yaml:5:7")
        #expect(place.text == "Salary: $18-$24 per hour")
    }

    @Test func anExtraListItemIsNamedByItsIndexWithItsOwnPlace() throws {
        let result = try aide("    expect: { duties: [Bathe patients] }\n")
        let mismatch = try #require(fieldMismatch(result), "\(result.failures)")
        #expect(mismatch.differences == [ValueDifference(path: "[1]", kind: .extra("Chart care"), item: 1)])
        let place = try #require(mismatch.place(of: mismatch.differences[0]))
        #expect(place.description == "tests.yaml:8:9")
        #expect(place.text == "Chart care")
    }

    @Test func aPageFromAFileIsPlacedInThatFileAndItsSourceCanBeSet() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("aide.txt", "Nurse Aide\nSalary: Varies\n")
        let result = try runTest("""
        tests:
          - name: aide
            file: aide.txt
            source: pages/aide.txt
            expect: { source: pages/aide.txt, salary: { min: null, max: null, currency: null, period: null, text: Negotiable } }
        """, baseDirectory: directory.path)
        let mismatch = try #require(fieldMismatch(result), "\(result.failures)")
        #expect(mismatch.differences == [ValueDifference(path: ".text", kind: .changed(expected: "Negotiable", produced: "Varies"))])
        #expect(mismatch.place?.description == "\(directory.path)/aide.txt:2:1")
    }

    @Test func aFileHoldingTwoPagesFailsTheTest() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("pages.jsonl", #"{"id": "a", "text": "Aide"}"# + "\n" + #"{"id": "b", "text": "Nurse"}"# + "\n")
        let result = try runTest("tests:\n  - name: two\n    file: pages.jsonl\n    expect: { title: Aide }\n", baseDirectory: directory.path)
        guard case .input(let message) = try #require(result.failures.first) else { Issue.record("\(result.failures)"); return }
        #expect(message == "'\(directory.path)/pages.jsonl' holds 2 pages; a test reads one")
    }

    /// A test of the page `Nurse Aide` (which gives segment.missing_section and
    /// fields.not_found(salary), once each) with `key: [codes]`.
    private func titleOnly(_ key: String, _ codes: String) throws -> PipelineTestResult {
        try runTest("tests:\n  - name: t\n    input: |\n      Nurse Aide\n    \(key): [\(codes)]\n")
    }

    private func diagnosticMismatch(_ result: PipelineTestResult) -> DiagnosticMismatch? {
        guard case .diagnostics(let mismatch) = result.failures.first else { return nil }
        return mismatch
    }

    @Test func diagnosticsAreAMultisetInAnyOrder() throws {
        #expect(try titleOnly("diagnostics", "fields.not_found, segment.missing_section").passed)
        let twice = try #require(diagnosticMismatch(try titleOnly("diagnostics", "segment.missing_section, segment.missing_section, fields.not_found")))
        #expect(twice.missing == [DiagnosticPattern(code: "segment.missing_section")])
        #expect(twice.extra.isEmpty)
        let none = try #require(diagnosticMismatch(try titleOnly("diagnostics", "")))
        #expect(none.extra.map { none.produced[$0].diagnostic.code } == ["segment.missing_section", "fields.not_found"])
    }

    @Test func diagnosticsIncludeAllowsOthersAndAFieldNamedIsMatchedFirst() throws {
        #expect(try titleOnly("diagnostics_include", "fields.not_found").passed)
        // The code alone could take the salary's diagnostic; the field named is matched first.
        let ordered = try #require(diagnosticMismatch(try titleOnly("diagnostics", "segment.missing_section, fields.not_found, fields.not_found(salary)")))
        #expect(ordered.missing == [DiagnosticPattern(code: "fields.not_found")])
        #expect(!(try titleOnly("diagnostics_include", "fields.not_found(title)").passed))
    }

    @Test func aRejectionPassesOnlyWhenItIsTheOneExpected() throws {
        let empty = try runTest("tests:\n  - name: t\n    input: \"\"\n    rejected: input.empty\n")
        #expect(empty.passed, "\(empty.failures)")
        let other = try runTest("tests:\n  - name: t\n    input: \"\"\n    rejected: fields.required_missing\n")
        guard case .rejected(let rejection, let expected) = try #require(other.failures.first) else { Issue.record("\(other.failures)"); return }
        #expect(rejection.code == "input.empty")
        #expect(expected == "fields.required_missing")
        let unexpected = try runTest("tests:\n  - name: t\n    input: \"\"\n    expect: { title: x }\n")
        guard case .rejected(_, nil) = try #require(unexpected.failures.first) else { Issue.record("\(unexpected.failures)"); return }
        let kept = try runTest("tests:\n  - name: t\n    input: Aide\n    rejected: input.empty\n")
        guard case .notRejected(let code) = try #require(kept.failures.first) else { Issue.record("\(kept.failures)"); return }
        #expect(code == "input.empty")
    }
}
