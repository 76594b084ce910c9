import Foundation
import SwiftCSV
import Testing
import Yams

/// Every record has the same keys, whatever its page holds: pages with a single duration, a
/// range, no Time to Start row at all, an unreadable salary and no diagnostics, through the career
/// pipeline in each output format, read back with a real parser of that format.
@Suite struct StableKeysTests {
    static let pages = ["a-time-to-start-months", "b-time-to-start-range", "a-table-rows-missing", "a-salary-unreadable",
                        "patient-care-coordinator"].map { "Fixtures/career/pages/\($0).txt" }
    static let fields = ["id", "source", "title", "summary", "categories", "salary", "salary_annual", "job_growth", "education",
                         "time_to_start", "work_settings", "duties", "pathway", "pathway_total_months", "continuing_education",
                         "certifications", "citations", "related_guides", "diagnostics"]
    /// The declared keys of the career record's objects.
    static let objectKeys: [String: Set<String>] = [
        "salary": ["min", "max", "currency", "period", "text"],
        "salary_annual": ["min", "max"],
        "job_growth": ["percent", "horizon_years", "outlook", "text"],
        "time_to_start": ["months", "months_min", "months_max", "text"],
    ]
    static let stepKeys: Set<String> = ["title", "description", "duration_months", "duration_months_min", "duration_months_max"]

    private func output(_ format: String) throws -> String {
        let result = try CLI.run(["-p", "Pipelines/career.yaml", "--format", format] + Self.pages)
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout
    }

    /// Checks one record read back as Foundation values.
    private func expectStableKeys(_ record: [String: Any], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(Set(record.keys) == Set(Self.fields), "\(record["source"] ?? "")", sourceLocation: sourceLocation)
        for (field, keys) in Self.objectKeys {
            // An object is never null: one that was not found at all has every key, each null.
            let object = record[field] as? [String: Any]
            #expect(object.map { Set($0.keys) } == keys, "\(field)", sourceLocation: sourceLocation)
        }
        for step in record["pathway"] as? [[String: Any]] ?? [] {
            #expect(Set(step.keys) == Self.stepKeys, sourceLocation: sourceLocation)
        }
        #expect(record["diagnostics"] is [Any], sourceLocation: sourceLocation)
    }

    @Test func jsonRecordsAllHaveTheSameKeys() throws {
        let records = try #require(try JSONSerialization.jsonObject(with: Data(output("json").utf8)) as? [[String: Any]])
        #expect(records.count == Self.pages.count)
        for record in records { expectStableKeys(record) }
        // The pages differ where it matters: a range, a single figure, no row at all (every key null).
        let starts = records.map { $0["time_to_start"] }
        #expect(starts.contains { start in (start as? [String: Any])?.values.allSatisfy { $0 is NSNull } == true })
        #expect(starts.contains { (($0 as? [String: Any])?["months_min"]) is NSNull })
        #expect(starts.contains { (($0 as? [String: Any])?["months"]) is NSNull })
    }

    @Test func jsonLinesRecordsAllHaveTheSameKeys() throws {
        let lines = try output("jsonl").split(separator: "\n")
        #expect(lines.count == Self.pages.count)
        for line in lines {
            expectStableKeys(try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]))
        }
    }

    @Test func yamlRecordsAllHaveTheSameKeys() throws {
        let documents = try Array(Yams.load_all(yaml: output("yaml")))
        #expect(documents.count == Self.pages.count)
        for document in documents {
            // Through JSON, so that YAML's null is NSNull as in the other formats.
            let data = try JSONSerialization.data(withJSONObject: try #require(document as? [String: Any]))
            expectStableKeys(try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any]))
        }
    }

    @Test func csvHasOneColumnPerDeclaredKeyForEveryRow() throws {
        let csv = try CSV<Named>(string: output("csv"))
        #expect(csv.rows.count == Self.pages.count)
        for (field, keys) in Self.objectKeys {
            for key in keys { #expect(csv.header.contains("\(field).\(key)"), "\(field).\(key)") }
        }
        #expect(csv.header.last == "diagnostics")
        for row in csv.rows { #expect(row.count == csv.header.count) }
    }
}
