import Foundation
import Testing

/// `extract schema`: the JSON Schema of a pipeline's records. (Every fixture record is validated
/// against it by python-jsonschema in Tests/Interop/schema_test.py.)
@Suite struct SchemaCommandTests {
    @Test func theCheckedInCareerSchemaIsTheCommandsOutput() throws {
        let result = try CLI.run(["schema", "-p", "Pipelines/career.yaml"])
        #expect(result.status == 0, "\(result.stderr)")
        let file = try String(contentsOf: CLI.root.appendingPathComponent("docs/career-record.schema.json"), encoding: .utf8)
        #expect(result.stdout == file)
    }

    @Test func theSchemaIsJSONDescribingEveryOutputFieldAndTheDiagnostics() throws {
        let result = try CLI.run(["schema", "-p", "Pipelines/job-profile.yaml"])
        #expect(result.status == 0)
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        let required = try #require(schema["required"] as? [String])
        #expect(required == ["id", "source", "title", "updated", "summary", "salary", "job_growth", "education", "time_to_start",
                             "duties", "work_settings", "pathway", "pathway_total_months", "credentials", "diagnostics"])
        let properties = try #require(schema["properties"] as? [String: Any])
        let start = try #require(properties["time_to_start"] as? [String: Any])
        #expect(start["required"] as? [String] == ["months", "months_min", "months_max", "text"])
        #expect(properties["_spans"] == nil)
    }

    @Test func withSpansTheRecordAlsoHasItsSpans() throws {
        let result = try CLI.run(["schema", "-p", "Pipelines/career.yaml", "--with-spans"])
        #expect(result.status == 0)
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((schema["required"] as? [String])?.last == "_spans")
    }

    @Test func aBrokenPipelineIsReportedWithExitStatusTwo() throws {
        let directory = try CLI.temporaryDirectory()
        let pipeline = directory.appendingPathComponent("broken.yaml")
        try "stages:\n  - stage: normalise\n".write(to: pipeline, atomically: true, encoding: .utf8)
        let result = try CLI.run(["schema", "-p", pipeline.path])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("broken.yaml:2:12: error: unknown stage 'normalise'"))
    }
}
