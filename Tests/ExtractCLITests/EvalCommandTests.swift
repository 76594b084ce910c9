import Foundation
import Testing

/// `extract eval`: per-field figures, item-level list comparison, the accuracy gate and the report.
@Suite struct EvalCommandTests {
    /// A directory holding the seed page and its expected record, edited by `edit`.
    private func fixture(edit: (inout [String: Any]) -> Void) throws -> (pages: URL, expected: URL) {
        let directory = try CLI.temporaryDirectory()
        let pages = directory.appendingPathComponent("pages")
        let expected = directory.appendingPathComponent("expected")
        try FileManager.default.createDirectory(at: pages, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: expected, withIntermediateDirectories: true)
        let name = "patient-care-coordinator"
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("Fixtures/career/pages/\(name).txt"),
                                         to: pages.appendingPathComponent("\(name).txt"))
        var record = try expectedRecord(name)
        edit(&record)
        try JSONSerialization.data(withJSONObject: record).write(to: expected.appendingPathComponent("\(name).json"))
        return (pages, expected)
    }

    @Test func exactRecordsGiveFullAccuracyAndExitZero() throws {
        let (pages, expected) = try fixture { _ in }
        let result = try CLI.run(["eval", "-p", "Pipelines/career.yaml", "--expected", expected.path, pages.path, "--min-accuracy", "1"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("1 documents; 17/17 fields exact (accuracy 1.0000)"))
    }

    @Test func evalReadsJSONLinesWithTheInputOptionsRunTakes() throws {
        let (pages, expected) = try fixture { _ in }
        let name = "patient-care-coordinator"
        let text = try String(contentsOf: pages.appendingPathComponent("\(name).txt"), encoding: .utf8)
        let line = try JSONSerialization.data(withJSONObject: ["page_id": name, "body": text])
        let corpus = pages.deletingLastPathComponent().appendingPathComponent("corpus.data")
        try (line + Data("\n".utf8)).write(to: corpus)
        let result = try CLI.run(["eval", "-p", "Pipelines/career.yaml", "--expected", expected.path, corpus.path,
                                  "--input-format", "jsonl", "--id-field", "page_id", "--text-field", "body", "--min-accuracy", "1"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("1 documents; 17/17 fields exact (accuracy 1.0000)"))
    }

    @Test func aReportThatCannotBeWrittenExitsThree() throws {
        let (pages, expected) = try fixture { _ in }
        let report = pages.appendingPathComponent("no-such-directory/eval.json").path
        let result = try CLI.run(["eval", "-p", "Pipelines/career.yaml", "--expected", expected.path, pages.path, "--report", report])
        #expect(result.status == 3)
        #expect(result.stderr.contains("extract: cannot write report '\(report)'"))
    }

    @Test func oneMissingBulletCostsOneItemNotTheList() throws {
        let (pages, expected) = try fixture { record in
            var settings = record["work_settings"] as? [String] ?? []
            settings.append("Correctional facilities")
            record["work_settings"] = settings
            record["title"] = "Patient Care Co-ordinator"
        }
        let report = expected.deletingLastPathComponent().appendingPathComponent("report.json")
        let result = try CLI.run(["eval", "-p", "Pipelines/career.yaml", "--expected", expected.path, pages.path,
                                  "--min-accuracy", "0.99", "--report", report.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("15/17 fields exact"))
        #expect(result.stdout.contains("work_settings (wrong)"))
        #expect(result.stdout.contains("expected: \"Patient Care Co-ordinator\""))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Any])
        let fields = try #require(json["fields"] as? [String: Any])
        let items = try #require((fields["work_settings"] as? [String: Any])?["items"] as? [String: Any])
        #expect(items["expected"] as? Int == 11)
        #expect(items["matched"] as? Int == 10)
        #expect(items["precision"] as? Double == 1.0)
        #expect(abs((items["recall"] as? Double ?? 0) - 10.0 / 11.0) < 1e-9)
        #expect((json["mismatches"] as? [Any])?.count == 2)
    }

    @Test func pagesWithoutAnExpectedRecordAreReportedAndFail() throws {
        let (pages, expected) = try fixture { _ in }
        try FileManager.default.removeItem(at: expected.appendingPathComponent("patient-care-coordinator.json"))
        let result = try CLI.run(["eval", "-p", "Pipelines/career.yaml", "--expected", expected.path, pages.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("no expected record: \(pages.path)/patient-care-coordinator.txt"))
    }
}

/// The bundled fixtures of every pipeline are exact under `extract eval`: the gate CI relies on.
@Suite struct BundledFixtureTests {
    @Test(arguments: [("Pipelines/career.yaml", "career"), ("Pipelines/career.yaml", "career-html"),
                      ("Pipelines/job-profile.yaml", "job-profile"), ("Pipelines/listing.yaml", "listing"),
                      ("Pipelines/trade-course.yaml", "trade-course")])
    func everyBundledFixtureIsExact(pipeline: String, fixtures: String) throws {
        let result = try CLI.run(["eval", "-p", pipeline, "--expected", "Fixtures/\(fixtures)/expected",
                                  "Fixtures/\(fixtures)/pages", "--min-accuracy", "1", "--all"])
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("(accuracy 1.0000); list items precision 1.0000, recall 1.0000"))
    }
}
