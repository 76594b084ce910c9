import ExtractCore
import ExtractStages
import ExtractTestSupport
import Foundation
import Testing

/// Spans of records read from HTML point at the bytes of the original page: the html stage's
/// offset map, composed with normalize's.
@Suite("HTML stage: spans into the original HTML")
struct HTMLSpanTests {
    static let pagesDirectory = repositoryRoot.appendingPathComponent("Fixtures/career-html/pages")
    static let pageNames: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: pagesDirectory.path)) ?? [])
        .filter { $0.hasSuffix(".html") }.sorted()

    private func career() throws -> Pipeline {
        try PipelineBuilder(registry: .builtIn).build(file: repositoryRoot.appendingPathComponent("Pipelines/career.yaml").path)
    }

    private func processPage(_ name: String) throws -> ProcessedPage {
        let pipeline = try career()
        let bytes = try [UInt8](Data(contentsOf: Self.pagesDirectory.appendingPathComponent(name)))
        var worker = pipeline.makeWorker()
        return ProcessedPage(pipeline: pipeline, item: worker.process(Document(source: name, bytes: bytes)))
    }

    @Test func thereAreAtLeastTenHTMLFixtures() {
        #expect(Self.pageNames.count >= 10)
    }

    @Test(arguments: pageNames)
    func everySpanLiesInsideThePageAndTheMapNeverGoesBack(name: String) throws {
        let page = try processPage(name)
        #expect(page.item.rejection == nil)
        let size = page.original.count
        var previous = 0
        for offset in 0...page.item.text.count {
            let original = page.item.offsets.original(offset)
            #expect(original >= previous && original <= size, "text offset \(offset) maps to \(original)")
            previous = original
        }
        let spans = page.item.record.spans.compactMap { $0 } + page.item.record.itemSpans.compactMap { $0 }.flatMap { $0 }
        #expect(!spans.isEmpty)
        for span in spans { #expect(span.start >= 0 && span.start <= span.end && span.end <= size, "\(span)") }
    }

    @Test func pageCutInsideATableRowEndsItsMapAtItsLastByte() throws {
        // Found by SpanPropertyTests (Fixtures/properties/spans): the row's closing " |", written
        // after the last character of a page cut at `<th scope="row">E`, mapped one byte past the
        // page, and so did the truncation diagnostic's span.
        let path = repositoryRoot.appendingPathComponent("Fixtures/properties/spans/windows-1252-head-utf-8-tail-cut-mid-tag.html")
        let bytes = try [UInt8](Data(contentsOf: path))
        var html = try buildPipeline("stages:\n  - stage: html\n    select: //main\n").makeWorker()
        let rendered = html.process(Document(source: path.lastPathComponent, bytes: bytes))
        #expect(String(decoding: rendered.text.suffix(5), as: UTF8.self) == "| E |")
        #expect(rendered.offsets.original(rendered.text.count) == bytes.count)
        var career = try career().makeWorker()
        let item = career.process(Document(source: path.lastPathComponent, bytes: bytes))
        let truncated = try #require(item.record.diagnostics.first { $0.code == "truncation.truncated" }?.span)
        #expect(truncated.end == bytes.count)
    }

    @Test(arguments: ["patient-care-coordinator.html", "patient-care-coordinator.layout-b.html", "a-registered-nurse.html",
                      "b-registered-nurse.html", "a-crlf-bom.html", "a-sections-missing.html"])
    func fieldSpansCoverTheValuesInTheOriginalHTML(name: String) throws {
        let page = try processPage(name)
        for field in ["title", "summary", "education"] {
            let value = try #require(page[field]?.stringValue, "\(field)")
            let original = try #require(page.originalText(of: field))
            #expect(Self.asRendered(original) == value, "\(field): \(original.debugDescription)")
        }
        // Every duty (a list item) maps to exactly its text in its <li>.
        let duties = try #require(page.pipeline.schema.field(named: "duties"))
        let spans = try #require(page.item.record.itemSpans[duties.id.index])
        guard case .list(let values) = try #require(page["duties"]) else { throw CancellationError() }
        #expect(spans.count == values.count && !spans.isEmpty)
        for (span, value) in zip(spans, values) { #expect(page.originalText(span) == value.stringValue) }
    }

    /// The source text of a value as a browser shows it: whitespace runs as one space, the two
    /// references these pages use in values decoded.
    static func asRendered(_ source: String) -> String {
        source.replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
            .split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\r\n" || $0 == "\t" }).joined(separator: " ")
    }

    @Test func spanOfAValueOnAWindows1252PageCoversItsBytes() throws {
        let page = try processPage("b-hourly-pay-cents-en-dash.html")
        let salary = try #require(page.pipeline.schema.field(named: "salary"))
        let span = try #require(page.item.record.spans[salary.id.index])
        let original = String(data: Data(page.original[span.range]), encoding: .windowsCP1252)
        #expect(original?.contains("$17.50–$23.75 per hour") == true)
        #expect(page.original[span.range].contains(0x96))
    }

    @Test func decodedEntityMapsToTheWholeReference() throws {
        let html = "<html><body><h1>AT&amp;T&#8217;s plan</h1></body></html>"
        let result = try process(html, yaml: "stages:\n  - stage: html\n")
        #expect(result.text == "AT&T’s plan")
        let span = result.item.span(of: 0..<result.item.text.count)
        #expect(result.originalText(span) == "AT&amp;T&#8217;s plan")
        // The ’ alone: three bytes of text, the seven of its reference.
        let quote = try #require(byteOffset(of: "’", in: result.item.text))
        #expect(result.originalText(result.item.span(of: quote..<(quote + 3))) == "&#8217;")
    }

    @Test func textInTheHeadIsNotTakenForTheSameTextInTheBody() throws {
        let html = "<html>\n<head><title>Registered Nurse</title></head>\n<body><main><h1>Registered Nurse</h1></main></body></html>"
        let result = try process(html, yaml: "stages:\n  - stage: html\n    select: //main\n")
        let span = result.item.span(of: 0..<result.item.text.count)
        let heading = try #require(byteOffset(of: "<h1>", in: Array(html.utf8)))
        #expect(span.start == heading + 4)
    }
}
