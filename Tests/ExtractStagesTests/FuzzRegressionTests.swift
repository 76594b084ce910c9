import ExtractCore
import ExtractStages
import ExtractTestSupport
import Foundation
import Testing

/// Inputs a fuzz target once crashed on (Fixtures/fuzz, see its README), run again the way the
/// target ran them.
@Suite struct FuzzRegressionTests {
    private static func files(_ folder: String) -> [String] {
        let directory = repositoryRoot.appendingPathComponent("Fixtures/fuzz/" + folder)
        return ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
            .map { directory.appendingPathComponent($0).path }
    }

    @Test func everyValueParserFindingGivesAValueOrNothing() throws {
        let inputs = Self.files("value-parsers")
        #expect(!inputs.isEmpty)
        for path in inputs {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            for parser in ValueParserRegistry.builtIn.parsers { _ = parser.parse(bytes[...]) }
        }
        // The first finding: a number too large to hold is not read.
        #expect(IntegerParser.parse(Array("88888888888888888888888888888888889".utf8)[...]) == nil)
        #expect(IntegerParser.parse(Array("999,999,999,999,999".utf8)[...]) == .integer(999_999_999_999_999))
    }

    @Test func everyCareerPageFindingGivesARecordOrARejection() throws {
        let pipeline = try PipelineBuilder(registry: .builtIn).build(file: repositoryRoot.appendingPathComponent("Pipelines/career.yaml").path)
        let inputs = Self.files("career")
        #expect(!inputs.isEmpty)
        var worker = pipeline.makeWorker()
        for path in inputs {
            let item = worker.process(Document(source: path, bytes: Array(try Data(contentsOf: URL(fileURLWithPath: path)))))
            #expect(item.rejection == nil, "\(path)")
        }
        let page = process(try String(contentsOfFile: inputs[0], encoding: .utf8), with: pipeline)
        guard case .object(let growth)? = page["job_growth"] else {
            Issue.record("job_growth is not an object")
            return
        }
        #expect(growth.first { $0.key == "horizon_years" }?.value == .null)
        #expect(page.diagnostics(for: "job_growth").map(\.code) == ["fields.unparsed"])
    }
}
