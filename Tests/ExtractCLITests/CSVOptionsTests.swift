import Foundation
import SwiftCSV
import Testing

/// `extract run`'s CSV options, on career pages, read back with SwiftCSV: the formula guard that
/// analysts turn off, the separator of flattened column names, and the diagnostics cell.
@Suite struct CSVOptionsTests {
    private func csv(_ pages: [String], _ options: [String] = []) throws -> CSV<Named> {
        let paths = pages.map { "Fixtures/career/pages/\($0).txt" }
        let result = try CLI.run(["--pipeline", "Pipelines/career.yaml"] + paths + ["--format", "csv"] + options)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        return try CSV<Named>(string: result.stdout)
    }

    @Test func formulaGuardIsOnByDefaultAndOffWithNoCSVFormulaGuard() throws {
        let expected = try #require(try expectedRecord("patient-care-coordinator")["job_growth"] as? [String: Any])
        let text = try #require(expected["text"] as? String)
        #expect(text.hasPrefix("+"))

        let guarded = try csv(["patient-care-coordinator"])
        #expect(guarded.rows.first?["job_growth.text"] == "'" + text)
        let plain = try csv(["patient-care-coordinator"], ["--no-csv-formula-guard"])
        #expect(plain.rows.first?["job_growth.text"] == text)
        // Only the prefix differs: every other cell is the same.
        var withoutPrefix = try #require(guarded.rows.first)
        withoutPrefix["job_growth.text"] = text
        #expect(plain.rows.first == withoutPrefix)
    }

    @Test func flattenWithUnderscoreNamesColumnsSQLNeedNotQuote() throws {
        let dotted = try csv(["patient-care-coordinator"])
        let flat = try csv(["patient-care-coordinator"], ["--csv-flatten-with", "_"])
        #expect(flat.header == dotted.header.map { $0.replacingOccurrences(of: ".", with: "_") })
        #expect(flat.header.contains("salary_min") && flat.header.contains("time_to_start_months_max"))
        #expect(flat.header.allSatisfy { !$0.contains(".") })
        let salary = try #require(try expectedRecord("patient-care-coordinator")["salary"] as? [String: Any])
        #expect(flat.rows.first?["salary_min"] == "\(salary["min"]!)")
        // The same cells, in the same order.
        let cells = { (csv: CSV<Named>) in csv.rows.map { row in csv.header.map { row[$0] } } }
        #expect(cells(flat) == cells(dotted))
    }

    @Test(arguments: ["a-table-rows-missing", "a-sections-missing", "a-unknown-bodies", "a-truncated-mid-duty"])
    func diagnosticsCellNamesEachCodeWithItsField(page: String) throws {
        // What the hand-written expected record says, written as the cell should hold it.
        let diagnostics = try #require(try expectedRecord(page)["diagnostics"] as? [[String: Any]])
        let cell = diagnostics.map { diagnostic in
            let code = diagnostic["code"] as? String ?? ""
            return (diagnostic["field"] as? String).map { "\(code)(\($0))" } ?? code
        }.joined(separator: "; ")
        #expect(try csv([page]).rows.first?["diagnostics"] == cell)
    }

    @Test func aSeparatorThatGivesTwoColumnsOneNameIsAUsageError() throws {
        let directory = try CLI.temporaryDirectory()
        let pipeline = directory.appendingPathComponent("pay.yaml")
        try """
        stages:
          - stage: fields
            fields:
              pay:
                pattern: '^Pay: (?<text>.+)$'
                value:
                  "*": text | money
              pay_min:
                pattern: '^Lowest: (?<value>.+)$'
                value: value | integer
        """.write(to: pipeline, atomically: true, encoding: .utf8)
        let page = directory.appendingPathComponent("page.txt")
        try "Pay: $40,000-$50,000 per year\nLowest: 38000\n".write(to: page, atomically: true, encoding: .utf8)

        let clash = try CLI.run(["-p", pipeline.path, page.path, "--format", "csv", "--csv-flatten-with", "_"])
        #expect(clash.status == 2)
        #expect(clash.stdout.isEmpty)
        #expect(clash.stderr.contains("two columns named 'pay_min'"), "\(clash.stderr)")
        #expect(clash.stderr.contains("--csv-flatten-with"))

        let dotted = try CLI.run(["-p", pipeline.path, page.path, "--format", "csv"])
        #expect(dotted.status == 0, "\(dotted.stderr)")
        let row = try #require(try CSV<Named>(string: dotted.stdout).rows.first)
        #expect(row["pay.min"] == "40000")
        #expect(row["pay_min"] == "38000")
    }

    @Test func anEmptySeparatorIsRefused() throws {
        let result = try CLI.run(["-p", "Pipelines/career.yaml", "Fixtures/career/pages/patient-care-coordinator.txt",
                                  "--format", "csv", "--csv-flatten-with", ""])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--csv-flatten-with must not be empty"))
    }
}
