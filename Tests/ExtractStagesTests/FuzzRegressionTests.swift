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

    /// Every span of the record and its diagnostics lies inside the page.
    static func expectSpansInside(_ item: WorkItem, _ path: String) {
        let count = item.document.bytes.count
        let spans = item.record.spans.compactMap { $0 } + item.record.itemSpans.compactMap { $0 }.flatMap { $0 }
            + item.record.diagnostics.compactMap(\.span)
        for span in spans { #expect(span.start >= 0 && span.start <= span.end && span.end <= count, "\(path): \(span)") }
    }

    @Test func everyHTMLFindingGivesTextWhoseSpansStayInsideThePage() throws {
        let pipeline = try buildPipeline("""
        stages:
          - stage: html
            select: //main
          - stage: fields
            fields:
              all: { pattern: '\\A(?<value>(?s:.*))\\z', optional: true }
        """)
        let inputs = Self.files("html")
        #expect(!inputs.isEmpty)
        var worker = pipeline.makeWorker()
        for path in inputs {
            let item = worker.process(Document(source: path, bytes: Array(try Data(contentsOf: URL(fileURLWithPath: path)))))
            #expect(item.record.spans.contains { $0 != nil }, "\(path)")
            Self.expectSpansInside(item, path)
        }
    }

    @Test func everyWARCFindingIsReadToTheEnd() {
        let inputs = Self.files("warc")
        #expect(!inputs.isEmpty)
        var settings = PathSource.Settings()
        settings.reader = WARCInputReader.self
        var source = PathSource(paths: inputs, settings: settings)
        var failures = 0
        while let entry = source.next() { if case .failure = entry { failures += 1 } }
        #expect(failures > 0)
    }

    @Test func everyNormalizeFindingIsIdempotent() throws {
        let inputs = Self.files("normalize")
        #expect(!inputs.isEmpty)
        let pipeline = try buildPipeline("stages:\n  - stage: normalize\n    html_entities: false\n")
        var worker = pipeline.makeWorker()
        for path in inputs {
            let once = worker.process(Document(source: path, bytes: Array(try Data(contentsOf: URL(fileURLWithPath: path)))))
            let twice = worker.process(Document(source: path, bytes: once.text))
            #expect(twice.text == once.text, "\(path)")
            // No repair makes a C1 control: any in the output stood alone in the input already.
            let input = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
            let controls = { (text: String) in text.unicodeScalars.filter { (0x80...0x9F).contains($0.value) }.count }
            #expect(controls(String(decoding: once.text, as: UTF8.self)) <= controls(input), "\(path)")
        }
    }

    @Test func everyCareerPageFindingGivesARecordOrARejection() throws {
        let pipeline = try PipelineBuilder(registry: .builtIn).build(file: repositoryRoot.appendingPathComponent("Pipelines/career.yaml").path)
        let inputs = Self.files("career")
        #expect(!inputs.isEmpty)
        var worker = pipeline.makeWorker()
        for path in inputs {
            let item = worker.process(Document(source: path, bytes: Array(try Data(contentsOf: URL(fileURLWithPath: path)))))
            #expect(item.rejection == nil, "\(path)")
            Self.expectSpansInside(item, path)
        }
        let growthPage = try #require(inputs.first { $0.hasSuffix("job-growth-years-over-int-max.txt") })
        let page = process(try String(contentsOfFile: growthPage, encoding: .utf8), with: pipeline)
        guard case .object(let growth)? = page["job_growth"] else {
            Issue.record("job_growth is not an object")
            return
        }
        #expect(growth.first { $0.key == "horizon_years" }?.value == .null)
        #expect(page.diagnostics(for: "job_growth").map(\.code) == ["fields.unparsed"])
    }
}
