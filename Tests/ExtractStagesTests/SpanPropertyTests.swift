import ExtractCore
import ExtractStages
import ExtractTestSupport
import Foundation
import PropertyBased
import Testing

/// Pieces of real career pages, text and HTML, put together and damaged the ways scraped pages
/// are: the spans the career pipeline records, and its offset map, must still point inside the
/// original bytes, in order.
@Suite("Spans and offset maps stay inside the original bytes (generated pages)")
struct SpanPropertyTests {
    static let textPages = fixturePages(in: "Fixtures/career/pages", ending: ".txt")
    static let htmlPages = fixturePages(in: "Fixtures/career-html/pages", ending: ".html")

    static let career = Result { try PipelineBuilder(registry: .builtIn).build(file: repositoryRoot.appendingPathComponent("Pipelines/career.yaml").path) }

    /// Text that scraped pages carry: references, mojibake, line ends, odd spaces, bullets.
    static let textDamage: [String] = [
        "&amp;", "&nbsp;", "&#x2022; ", "&#8212;", "&bogus;", "&#0;", "&#x110000;", "&lt;b&gt;", "&amp;amp;",
        "â€¢ ", "Ã©", "â€™", "Ã", "Â\u{A0}", "\r\n", "\r", "\n\n\n", "\u{A0}", "\u{2009}", "\u{200B}", "\u{FEFF}",
        "\u{200D}", "\u{2028}", "• ", "- •", "* ", "1. ", "\t", "e\u{301}", "👩‍⚕️", "|", " | ", "$", "%", "(", ")",
        "Median Salary", "Job Growth", "\n| Median Salary | $1-$2 per year |\n", "\nPrimary Duties\n", "…", "↗",
    ]

    /// Markup for HTML pages, well or badly formed.
    static let markup: [String] = [
        "<b>", "</b>", "</p>", "<p>", "<br>", "<br/>", "<li>", "</li>", "<ul>", "</ul>", "<h2>Primary Duties</h2>",
        "<script>var a = '</p>';</script>", "<style>p{}</style>", "<!-- note -->", "<!--", "<![CDATA[x]]>", "<main>",
        "</main>", "<nav>menu</nav>", "<aside>ad</aside>", "<div class=\"x\">", "</div>", "<td>", "</tr>", "<span>",
        "<meta charset=\"windows-1252\">", "<img src=x alt=\"&amp;\">", "<", ">", "&", "<?xml version=\"1.0\"?>",
    ]

    /// One change to a page, chosen by three numbers: the kind, where, and which piece.
    static func damage(_ page: inout [UInt8], kind: Int, at where: Int, piece: Int, html: Bool) {
        guard !page.isEmpty else { return }
        var position = `where` % (page.count + 1)
        // Insertions go between characters: a cut character is what truncation tests.
        while position < page.count && page[position] & 0xC0 == 0x80 { position += 1 }
        switch kind % 6 {
        case 0, 1:
            page.insert(contentsOf: Array(textDamage[piece % textDamage.count].utf8), at: position)
        case 2:
            page.insert(contentsOf: Array((html ? markup[piece % markup.count] : textDamage[piece % textDamage.count]).utf8),
                        at: position)
        case 3:
            // Every line end as CRLF, from here on.
            var result = Array(page[..<position])
            for byte in page[position...] {
                if byte == 0x0A { result.append(0x0D) }
                result.append(byte)
            }
            page = result
        case 4:
            // The line here read as Windows-1252 (mojibake).
            let end = page[position...].firstIndex(of: 0x0A) ?? page.count
            let line = Data(page[position..<end])
            if let misread = String(data: line, encoding: .windowsCP1252) ?? String(data: line, encoding: .isoLatin1) {
                page.replaceSubrange(position..<end, with: Array(misread.utf8))
            }
        default:
            // Cut at any byte, even inside a character.
            page.removeSubrange((`where` % (page.count + 1))...)
        }
    }

    /// A page: the start of one fixture up to a line, then the rest of another from a line, then the damage.
    static func page(html: Bool, first: Int, second: Int, cut: Int, changes: [Int]) -> [UInt8] {
        let pages = html ? htmlPages : textPages
        let head = pages[first % pages.count], tail = pages[second % pages.count]
        let headEnd = lineStart(in: head, near: cut % (head.count + 1))
        let tailStart = lineStart(in: tail, near: min(headEnd, tail.count))
        var page = Array(head[..<headEnd]) + Array(tail[tailStart...])
        for change in stride(from: 0, to: changes.count - 2, by: 3) {
            damage(&page, kind: changes[change], at: changes[change + 1], piece: changes[change + 2], html: html)
        }
        return page
    }

    /// The start of the line holding `offset` (or `bytes.count`).
    static func lineStart(in bytes: [UInt8], near offset: Int) -> Int {
        guard offset < bytes.count else { return bytes.count }
        return (bytes[..<offset].lastIndex(of: 0x0A).map { $0 + 1 }) ?? 0
    }

    /// Everything wrong with an item's spans and offset map (empty when all is well).
    static func problems(_ item: WorkItem) -> [String] {
        let size = item.document.bytes.count
        var problems: [String] = []
        var previous = 0
        for offset in 0...item.text.count {
            let original = item.offsets.original(offset)
            if original < previous || original > size {
                problems.append("text offset \(offset) maps to \(original) (previous \(previous), page \(size) bytes)")
                break
            }
            previous = original
        }
        let record = item.record
        let spans = record.spans.compactMap { $0 } + record.itemSpans.compactMap { $0 }.flatMap { $0 }
            + record.diagnostics.compactMap(\.span)
        for span in spans where !(0 <= span.start && span.start <= span.end && span.end <= size) {
            problems.append("span \(span.start)..<\(span.end) in a page of \(size) bytes")
        }
        return problems
    }

    private func check(html: Bool) async throws {
        let pipeline = try Self.career.get()
        let numbers = Gen.int(in: 0...1_000_000)
        await propertyCheck(count: propertyCount(html ? 150 : 300),
                            input: numbers, numbers, numbers, numbers.array(of: 0...24)) { first, second, cut, changes in
            let page = Self.page(html: html, first: first, second: second, cut: cut, changes: changes)
            var worker = pipeline.makeWorker()
            let item = worker.process(Document(source: "generated", bytes: page))
            let problems = Self.problems(item)
            #expect(problems.isEmpty, "\(problems) in \(String(decoding: page, as: UTF8.self).debugDescription)")
        }
    }

    @Test func spansAndOffsetsOfGeneratedTextPagesStayInsideTheirBytesInOrder() async throws {
        try await check(html: false)
    }

    @Test func spansAndOffsetsOfGeneratedHTMLPagesStayInsideTheirBytesInOrder() async throws {
        try await check(html: true)
    }
}
