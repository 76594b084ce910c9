import Foundation
import SwiftCSV
import Testing
import Yams

/// The bundled seed pages through the career pipeline, in every output format, each read back
/// with a real parser of that format and compared with the expected record by value.
@Suite struct SeedPageFormatTests {
    static let pages = ["patient-care-coordinator", "patient-care-coordinator.layout-b"]

    private func run(_ page: String, format: String) throws -> CLIResult {
        let result = try CLI.run(["--pipeline", "Pipelines/career.yaml", "Fixtures/career/pages/\(page).txt", "--format", format])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        return result
    }

    @Test(arguments: pages)
    func jsonArrayHoldsTheExpectedRecord(page: String) throws {
        let output = try run(page, format: "json").stdout
        let array = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]])
        #expect(array.count == 1)
        var record = try #require(array.first)
        #expect(record["source"] as? String == "Fixtures/career/pages/\(page).txt")
        record.removeValue(forKey: "source")
        #expect(differingKeys(record, try expectedRecord(page)) == [])
    }

    @Test(arguments: pages)
    func jsonKeysFollowTheContractOrder(page: String) throws {
        let output = try run(page, format: "jsonl").stdout
        let keys = ["id", "source", "title", "summary", "categories", "salary", "salary_annual", "job_growth", "education", "time_to_start",
                    "work_settings", "duties", "pathway", "pathway_total_months", "continuing_education",
                    "certifications", "citations", "related_guides"]
        var positions: [String.Index] = []
        for key in keys {
            positions.append(try #require(output.range(of: "\"\(key)\":")?.lowerBound, "missing \(key)"))
        }
        #expect(positions == positions.sorted())
    }

    @Test(arguments: pages)
    func jsonLinesHoldsOneRecordPerLine(page: String) throws {
        let output = try run(page, format: "jsonl").stdout
        let lines = output.split(separator: "\n")
        #expect(lines.count == 1)
        var record = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        record.removeValue(forKey: "source")
        #expect(differingKeys(record, try expectedRecord(page)) == [])
    }

    @Test(arguments: pages)
    func yamlReadsBackWithTheSameTypes(page: String) throws {
        let output = try run(page, format: "yaml").stdout
        let documents = try Array(Yams.load_all(yaml: output))
        #expect(documents.count == 1)
        // Round-trip through JSON so both sides use Foundation's number and null types.
        let data = try JSONSerialization.data(withJSONObject: try #require(documents.first as? [String: Any]))
        var record = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        record.removeValue(forKey: "source")
        #expect(differingKeys(record, try expectedRecord(page)) == [])
    }

    @Test(arguments: pages)
    func csvSpansColumnHoldsTheSpansJSONLinesGivesWithOnePerListItem(page: String) throws {
        let arguments = ["--pipeline", "Pipelines/career.yaml", "Fixtures/career/pages/\(page).txt", "--with-spans"]
        let csvRun = try CLI.run(arguments + ["--format", "csv"])
        let linesRun = try CLI.run(arguments + ["--format", "jsonl"])
        #expect(csvRun.status == 0 && linesRun.status == 0)
        let row = try #require(try CSV<Named>(string: csvRun.stdout).rows.first)
        let cell = try #require(row["_spans"])
        let fromCSV = try #require(try JSONSerialization.jsonObject(with: Data(cell.utf8)) as? NSDictionary)
        let record = try #require(try JSONSerialization.jsonObject(with: Data(linesRun.stdout.utf8)) as? [String: Any])
        let fromLines = try #require(record["_spans"] as? NSDictionary)
        #expect(fromCSV == fromLines)
        // A list field: one [start, end] per item.
        let duties = try #require(fromCSV["duties"] as? [[Int]])
        #expect(duties.count == (record["duties"] as? [Any])?.count)
        #expect(duties.allSatisfy { $0.count == 2 && $0[0] < $0[1] })
    }

    @Test(arguments: pages)
    func csvFlattensTheRecordIntoNamedColumns(page: String) throws {
        let output = try run(page, format: "csv").stdout
        #expect(output.hasSuffix("\r\n"))
        let csv = try CSV<Named>(string: output)
        #expect(csv.rows.count == 1)
        let row = try #require(csv.rows.first)
        let expected = try expectedRecord(page)
        // Objects become field.key columns; numbers are written as numbers.
        let salary = try #require(expected["salary"] as? [String: Any])
        #expect(row["salary.min"] == "\(salary["min"]!)")
        #expect(row["salary.max"] == "\(salary["max"]!)")
        #expect(row["salary.period"] == salary["period"] as? String)
        #expect(row["salary.currency"] == "USD")
        #expect(row["salary_annual.min"] == "36000")
        #expect(row["salary_annual.max"] == "59000")
        #expect(row["job_growth.percent"] == "11")
        #expect(row["job_growth.outlook"] == "Very Good")
        #expect(row["time_to_start.months"] == "48")
        #expect(row["title"] == expected["title"] as? String)
        #expect(row["pathway_total_months"] == "144")
        // Lists of values are joined with "; ".
        let settings = try #require(expected["work_settings"] as? [String])
        #expect(row["work_settings"] == settings.joined(separator: "; "))
        // Lists of objects are JSON text in one cell: parse it and compare by value.
        for key in ["pathway", "certifications", "citations", "related_guides"] {
            let cell = try #require(row[key])
            let parsed = try JSONSerialization.jsonObject(with: Data(cell.utf8))
            #expect(jsonEqual(parsed, expected[key]), "column \(key)")
        }
        #expect(row["diagnostics"] == "")
    }
}
