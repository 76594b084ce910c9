import ExtractCore
import ExtractEmitters
import ExtractStages
import ExtractTestSupport
import Foundation
import Testing

@testable import ExtractCLI

/// The page `extract inspect` writes, read back by libxml2's HTML parser: escaping, every field
/// in the table, every span anchored over its own text, diagnostics, entities and sections.
@Suite("Inspection page")
struct InspectionPageTests {
    static let careerPipeline: Pipeline? = try? PipelineBuilder(registry: .builtIn)
        .build(file: repositoryRoot.appendingPathComponent("Pipelines/career.yaml").path)

    static func fixture(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: repositoryRoot.appendingPathComponent(path)))
    }

    /// The inspection of `bytes` with the career pipeline, its HTML, and the HTML parsed.
    static func inspect(_ bytes: [UInt8], source: String = "page.txt") throws -> (Inspection, String, ParsedHTML) {
        let pipeline = try #require(careerPipeline)
        let inspection = Inspection.make(document: Document(source: source, bytes: bytes), pipeline: pipeline, inputEncoding: .auto)
        let html = InspectionPage(inspection).render()
        return (inspection, html, try #require(ParsedHTML(html)))
    }

    /// The page text of a span as the page shows it: line breaks fall between lines.
    static func shownText(_ bytes: [UInt8], _ span: Span) -> String {
        String(decoding: bytes[span.range], as: UTF8.self).replacingOccurrences(of: "\r\n", with: "").replacingOccurrences(of: "\n", with: "")
    }

    /// A JSON text as Foundation reads it, to compare values whatever their layout.
    static func json(_ text: String) -> NSObject? {
        try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) as? NSObject
    }

    static let hostile = "Mark up <b>bold</b> & close </script><script>document.title='pwned'</script> <!-- \"quoted\" 'too'"

    @Test func pageTextAndValuesNeverBecomeMarkup() throws {
        let page = String(decoding: try Self.fixture("Fixtures/career/pages/a-unknown-bodies.txt"), as: UTF8.self)
            .replacingOccurrences(of: "- •Draw blood from patients and blood donors", with: "- •" + Self.hostile)
        let (inspection, html, parsed) = try Self.inspect(Array(page.utf8), source: "<page & \"source\">")
        #expect(inspection.fields.first { $0.name == "duties" }?.value == .list([.string(Self.hostile)] + [
            "Talk with patients and donors to help them feel less nervous about having their blood drawn",
            "Verify a patient's or donor's identity to ensure proper labeling", "Label the drawn blood for testing or processing",
            "Enter patient information into a database", "Assemble and maintain medical instruments such as needles, test tubes and blood vials",
        ]))
        #expect(parsed.number("count(//main[@id='page']//b | //main[@id='page']//script)") == 0)
        #expect(parsed.number("count(//script)") == 2)
        #expect(parsed.string("string(//title)") == "extract inspect: <page & \"source\">")
        #expect(parsed.string("string(//main[@id='page'])").contains(Self.hostile))
        #expect(parsed.string("string(//table[@class='fields']//tr[@data-field='duties']//pre)").contains(JSONWriter.compact(.string(Self.hostile))))
        // The data for the script is JSON that reads back to the same values, with no `<` in it.
        let data = parsed.string("string(//script[@id='inspect-data'])")
        #expect(!data.contains("<") && !data.contains(">") && !data.contains("&"))
        let marks = try #require((Self.json(data) as? [String: Any])?["marks"] as? [[String: Any]])
        #expect(marks.contains { ($0["value"] as? String) == JSONWriter.pretty(.string(Self.hostile)) })
        #expect(html.components(separatedBy: "</script>").count == 3)
    }

    @Test(arguments: ["plain", "a \"quoted\" 'value' <b> & more", "\"\u{301} a quote with an accent on it"])
    func attributeValuesReadBackAsWritten(value: String) throws {
        let parsed = try #require(ParsedHTML("<p id=\"x\" data-value=\"\(HTMLText.attribute(value))\">\(HTMLText.escape(value))</p>"))
        #expect(parsed.string("string(//p/@data-value)") == value)
        #expect(parsed.string("string(//p)") == value)
        #expect(parsed.number("count(//p/@*)") == 2)
    }

    @Test func everyFieldIsInTheTableWithItsValueAndLinksToItsSpans() throws {
        let (inspection, _, parsed) = try Self.inspect(try Self.fixture("Fixtures/career/pages/a-registered-nurse.txt"))
        let pipeline = try #require(Self.careerPipeline)
        #expect(inspection.fields.map(\.name) == pipeline.schema.outputFields.map(\.name))
        for (index, field) in inspection.fields.enumerated() {
            let row = "//table[@class='fields']//tr[@id='field-\(index)']"
            #expect(parsed.string("string(\(row)/@data-field)") == field.name)
            #expect(Self.json(parsed.string("string(\(row)//pre)")) == Self.json(JSONWriter.compact(field.value)), "\(field.name)")
            let links = parsed.strings("\(row)//a/@href").filter { $0.hasPrefix("#m") }
            #expect(links == field.marks.map { "#m\($0)" }, "\(field.name)")
            if field.marks.isEmpty { #expect(parsed.number("count(\(row)//*[@class='nospan'])") == 1, "\(field.name)") }
        }
        // `source` has no span, lists have one link per item (and one for the whole list).
        #expect(inspection.fields.first { $0.name == "source" }?.marks.isEmpty == true)
        let duties = try #require(inspection.fields.first { $0.name == "duties" })
        guard case .list(let items) = duties.value else { Issue.record("duties is not a list"); return }
        #expect(duties.marks.count == items.count + 1)
    }

    @Test(arguments: ["Fixtures/career/pages/a-registered-nurse.txt", "Fixtures/career/pages/b-registered-nurse.txt",
                      "Fixtures/career-html/pages/b-registered-nurse.html", "Fixtures/career/pages/a-crlf-bom.txt"])
    func everySpanIsAnchoredWhereItStartsAndHighlightsItsOwnText(path: String) throws {
        let bytes = try Self.fixture(path)
        let (inspection, _, parsed) = try Self.inspect(bytes, source: path)
        #expect(inspection.marks.count > 20)
        for mark in inspection.marks {
            let anchor = "//span[@id='m\(mark.id)']"
            #expect(parsed.string("string(\(anchor)/@data-field)") == inspection.fields[mark.field].name)
            #expect(parsed.string("string(\(anchor)/@data-span)") == "\(mark.span.start) \(mark.span.end)")
            let expected = Self.shownText(bytes, mark.span)
            let runs = parsed.strings("//main[@id='page']//span[contains(concat(' ', @data-m, ' '), ' \(mark.id) ')]")
            #expect(runs.joined() == expected, "mark \(mark.id) of \(inspection.fields[mark.field].name)")
            // The first text after the anchor is where the span starts.
            let next = parsed.string("string((\(anchor)/following::text())[1])")
            #expect(expected.hasPrefix(next) || next.hasPrefix(expected), "mark \(mark.id): '\(next)'")
        }
    }

    @Test func overlappingSpansAreCutAtEveryBoundaryAndEachRunNamesEveryMarkOverIt() throws {
        let bytes = try Self.fixture("Fixtures/career/pages/a-registered-nurse.txt")
        let (inspection, _, _) = try Self.inspect(bytes)
        let text = PageText(bytes: bytes)
        let layout = SourceLayout(inspection, text: text)
        var covered = 0
        var nested = 0
        for line in layout.lines {
            for case .text(let range, let marks, _) in line.pieces {
                let over = inspection.marks.filter { $0.span.start <= range.lowerBound && range.upperBound <= $0.span.end && !$0.span.range.isEmpty }
                #expect(Set(marks) == Set(over.map(\.id)), "run \(range)")
                #expect(marks.map { inspection.marks[$0].span.range.count } == marks.map { inspection.marks[$0].span.range.count }.sorted(by: >))
                // No mark begins or ends inside a run.
                #expect(!inspection.marks.contains { range.dropFirst().contains($0.span.start) || range.dropFirst().contains($0.span.end) })
                covered += range.count
                if marks.count > 1 { nested += 1 }
            }
        }
        let lineBreaks = bytes.filter { $0 == 0x0A }.count
        #expect(covered == bytes.count - lineBreaks)
        #expect(nested > 10)  // list items inside their list, `id` over `title`
    }

    @Test func aDiagnosticIsMarkedWhereItOccursAndListed() throws {
        let bytes = try Self.fixture("Fixtures/career/pages/a-salary-unreadable.txt")
        let (inspection, _, parsed) = try Self.inspect(bytes)
        let diagnostic = try #require(inspection.diagnostics.first)
        let span = try #require(diagnostic.span)
        #expect(diagnostic.code == "fields.unparsed")
        #expect(parsed.string("string(//main//span[@id='d0']/@title)") == "fields.unparsed")
        #expect(parsed.strings("//main//span[contains(@class, 'diag')]").joined() == Self.shownText(bytes, span))
        #expect(parsed.string("string(//tr[@id='diagnostic-0'])").contains("cannot read 'Varies by employer' as money"))
        #expect(parsed.strings("//tr[@data-field='salary']//a[@class='code']/@href") == ["#d0"])
    }

    @Test func entitiesSayHowTheyMatchedAndUnresolvedOnesTheirNearestNames() throws {
        let (inspection, _, parsed) = try Self.inspect(try Self.fixture("Fixtures/career/pages/a-unknown-bodies.txt"))
        #expect(inspection.entities.count == 7)
        let unresolvedItem = try #require(inspection.marks.first { inspection.fields[$0.field].name == "certifications" && $0.item == 3 })
        let explanation = try #require(unresolvedItem.entities.first)
        guard case .unresolved(let name, let candidates)? = explanation.bodies.first else {
            Issue.record("certifications[3] is not unresolved: \(explanation.bodies)")
            return
        }
        #expect(name == "Northstar Allied Health Credentialing Board")
        #expect(!candidates.isEmpty)
        let entities = parsed.string("string(//section[@id='entities'])")
        #expect(entities.contains("certifications[0].issuers: 'National Healthcareer Association'"))
        #expect(entities.contains("→ nha (National Healthcareer Association, organization) by name"))
        #expect(entities.contains("→ unresolved: 'Northstar Allied Health Credentialing Board'"))
        #expect(entities.contains("candidate \(candidates[0].id) (\(candidates[0].name)) similarity "))
        #expect(parsed.strings("//section[@id='entities']//a/@href").contains("#m\(unresolvedItem.id)"))
    }

    @Test func sectionsAreBandsAndMissingOnesAreListed() throws {
        let (found, _, parsed) = try Self.inspect(try Self.fixture("Fixtures/career/pages/a-registered-nurse.txt"))
        #expect(parsed.strings("//span[@class='band-label']") == found.bands.map(\.name))
        #expect(parsed.number("count(//div[contains(@class, 'band')])") > 30)
        let (missing, _, missingParsed) = try Self.inspect(try Self.fixture("Fixtures/career/pages/a-sections-missing.txt"))
        let absent = missing.bands.filter { $0.span == nil }.map(\.name)
        #expect(!absent.isEmpty)
        #expect(missingParsed.strings("//section[@id='sections']//tr[.//*[@class='nospan']]/th") == absent)
        #expect(missingParsed.string("string(//header)").contains("(missing: \(absent.joined(separator: ", ")))"))
    }
}

/// How the page's original bytes are shown: encodings, lines and character boundaries.
@Suite("Inspection page text")
struct PageTextTests {
    @Test func windows1252BytesShowAsTheirCharacters() {
        let text = PageText(bytes: [0x43, 0x61, 0x66, 0xE9, 0x20, 0x93, 0x78, 0x94, 0x0A, 0x62])
        #expect(text.encoding == .windows1252)
        #expect(text.lines().map { text.text($0.content) } == ["Café “x”", "b"])
    }

    @Test func utf16WithItsByteOrderMarkIsSplitIntoLinesOfWholeCharacters() {
        let utf16: [UInt8] = [0xFF, 0xFE] + Array("a😀\r\nb".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let text = PageText(bytes: utf16)
        #expect(text.encoding == .utf16LittleEndian)
        let lines = text.lines()
        #expect(lines.map { text.text($0.content) } == ["\u{FEFF}a😀", "b"])
        // Inside the emoji's surrogate pair (bytes 4..<8), offsets move to its start or its end.
        #expect(text.characterStart(atOrBefore: 6) == 4)
        #expect(text.characterStart(atOrAfter: 5) == 8)
    }

    @Test func utf8OffsetsInsideACharacterMoveToItsEdges() {
        let text = PageText(bytes: Array("a•b".utf8))
        #expect(text.characterStart(atOrBefore: 2) == 1)
        #expect(text.characterStart(atOrAfter: 2) == 4)
        #expect(text.characterStart(atOrAfter: 99) == 5)
    }

    @Test func controlCharactersAreShownAsTheirSymbols() {
        let text = PageText(bytes: [0x61, 0x00, 0x09, 0x0D, 0x62, 0x7F])
        #expect(text.text(0..<6) == "a\u{2400}\t\u{240D}b\u{2421}")
    }
}

/// Where runs, anchors and points fall for spans at the edges: empty, in a line break, at the
/// page's end, on an empty page.
@Suite("Inspection page layout")
struct SourceLayoutTests {
    /// An inspection of `page` whose field `f` (and list `l`) have the given spans, with a
    /// diagnostic over `problem`.
    static func inspection(_ page: String, value: Span?, items: [Span] = [], problem: Span? = nil) -> Inspection {
        var schema = Schema()
        schema.fields = [Schema.Field(id: FieldID(0), name: "f", shape: .scalar),
                         Schema.Field(id: FieldID(1), name: "l", shape: .list(.scalar))]
        schema.output = [FieldID(0), FieldID(1)]
        let pipeline = Pipeline(file: "t.yaml", name: "t", stages: [], schema: schema, sectionNames: ["s"], limits: PatternLimits())
        var item = WorkItem(document: Document(source: "t", bytes: Array(page.utf8)), sectionCount: 1, fieldCount: 2)
        item.record[FieldID(0)] = "value"
        item.record.spans[0] = value
        item.record[FieldID(1)] = .list(items.map { _ in "item" })
        item.record.itemSpans[1] = items
        if let problem { item.diagnose(Diagnostic(stage: "t", code: "t.problem", message: "here", span: problem)) }
        return Inspection(item: item, pipeline: pipeline)
    }

    static func pieces(_ inspection: Inspection) -> [[SourceLayout.Piece]] {
        SourceLayout(inspection, text: PageText(bytes: inspection.bytes)).lines.map(\.pieces)
    }

    @Test func anEmptySpanIsAPointWhereItIs() {
        let layout = Self.pieces(Self.inspection("ab\ncd", value: Span(start: 1, end: 1)))
        #expect(layout == [[.text(0..<1, marks: [], diagnostics: []), .emptyMark(0), .text(1..<2, marks: [], diagnostics: [])],
                           [.text(3..<5, marks: [], diagnostics: [])]])
        let html = InspectionPage(Self.inspection("ab\ncd", value: Span(start: 1, end: 1))).render()
        let parsed = ParsedHTML(html)
        #expect(parsed?.string("string(//span[@id='m0']/@data-m)") == "0")
        #expect(parsed?.string("string(//span[@id='m0']/@class)") == "anchor pin empty")
    }

    @Test func aSpanOverALineBreakIsCutIntoOneRunPerLine() {
        let layout = Self.pieces(Self.inspection("ab\r\ncd", value: Span(start: 1, end: 5), problem: Span(start: 2, end: 6)))
        #expect(layout == [
            [.text(0..<1, marks: [], diagnostics: []), .markStart(0), .text(1..<2, marks: [0], diagnostics: []), .diagnosticStart(0)],
            [.text(4..<5, marks: [0], diagnostics: [0]), .text(5..<6, marks: [], diagnostics: [0])],
        ])
    }

    @Test func spansAtThePagesEndAndOnAnEmptyPageStillHaveTheirAnchors() {
        #expect(Self.pieces(Self.inspection("ab\n", value: Span(start: 3, end: 3), problem: Span(start: 2, end: 3)))
            == [[.text(0..<2, marks: [], diagnostics: []), .diagnosticStart(0)], [.emptyMark(0)]])
        #expect(Self.pieces(Self.inspection("", value: Span(start: 0, end: 0), items: [Span(start: 0, end: 9)]))
            == [[.emptyMark(0), .emptyMark(1)]])
    }

    @Test func nestedSpansListTheOuterOneFirst() {
        let layout = Self.pieces(Self.inspection("abcdef", value: Span(start: 2, end: 3), items: [Span(start: 1, end: 4)]))
        #expect(layout == [[
            .text(0..<1, marks: [], diagnostics: []), .markStart(1), .text(1..<2, marks: [1], diagnostics: []), .markStart(0),
            .text(2..<3, marks: [1, 0], diagnostics: []), .text(3..<4, marks: [1], diagnostics: []), .text(4..<6, marks: [], diagnostics: []),
        ]])
    }
}
