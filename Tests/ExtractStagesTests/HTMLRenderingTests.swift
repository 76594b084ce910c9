import ExtractCore
import ExtractStages
import ExtractTestSupport
import Foundation
import Testing

/// The text a pipeline of just the html stage (with the given option lines) makes of `page`.
func rendered(_ page: String, options: [String] = []) throws -> String {
    let yaml = "stages:\n  - stage: html\n" + options.map { "    \($0)\n" }.joined()
    let result = try process(page, yaml: yaml)
    if let rejection = result.item.rejection { Issue.record("rejected: \(rejection)") }
    return result.text
}

/// An HTML page around `body`.
func page(_ body: String) -> String {
    "<!DOCTYPE html>\n<html><head><title>T</title></head><body>\(body)</body></html>\n"
}

@Suite("HTML stage: rendering")
struct HTMLRenderingTests {
    @Test func blockElementsStandOnLinesOfTheirOwn() throws {
        let body = "<h1>Title</h1><p>One</p><div>Two</div><section><header>Three</header>Four</section>"
        #expect(try rendered(page(body)) == "Title\nOne\nTwo\nThree\nFour")
    }

    @Test func listItemsBecomeBullets() throws {
        #expect(try rendered(page("<ul>\n  <li>Hospitals</li>\n  <li>Physician <b>offices</b></li>\n</ul>")) == "• Hospitals\n• Physician offices")
    }

    @Test func tableRowsBecomePipeRows() throws {
        let body = "<table><tr><th>Median Salary</th><td> $36,000 per year </td></tr>\n<tr><td>Education</td><td>Bachelor&rsquo;s</td></tr></table>"
        #expect(try rendered(page(body)) == "| Median Salary | $36,000 per year |\n| Education | Bachelor’s |")
    }

    @Test func blocksAndBreaksInsideACellAreSpaces() throws {
        #expect(try rendered(page("<table><tr><td><p>a</p><p>b</p></td><td>c<br>d</td></tr></table>")) == "| a b | c d |")
    }

    @Test func lineBreakElementBreaksTheLine() throws {
        #expect(try rendered(page("<p>first<br>second<br/><br>third</p>")) == "first\nsecond\n\nthird")
    }

    @Test func inlineElementsRunTogetherAsWritten() throws {
        #expect(try rendered(page("<div><span>Median Salary</span><span>$36,000</span></div>")) == "Median Salary$36,000")
        #expect(try rendered(page("<div><b>Median</b> <i>Salary</i></div>")) == "Median Salary")
    }

    @Test func whitespaceRunsCollapseToOneSpaceAndLineEndsAreTrimmed() throws {
        #expect(try rendered(page("<p>\n   Provide  and\tcoordinate\r\n   care   </p>")) == "Provide and coordinate care")
    }

    @Test func preKeepsItsWhitespace() throws {
        #expect(try rendered(page("<p>before</p><pre>  two  spaces\n\tand a tab</pre><p>after</p>")) == "before\n  two  spaces\n\tand a tab\nafter")
    }

    @Test func entitiesAreDecoded() throws {
        #expect(try rendered(page("<p>AT&amp;T &lt;b&gt; caf&eacute; &#8226; &#x2197; &rsquo;&nbsp;x</p>")) == "AT&T <b> café • ↗ ’\u{A0}x")
    }

    @Test func numericReferencesFrom128To159AreWindows1252() throws {
        #expect(try rendered(page("<p>&#150; &#147;quoted&#148; &#128; &#153;</p>")) == "– “quoted” € ™")
    }

    @Test func scriptStyleTemplateNoscriptHeadAndCommentsAreLeftOut() throws {
        let html = """
        <html><head><title>Head title</title><style>p { color: red }</style><script>var a = "x";</script></head>
        <body><script>document.write("no")</script><p>kept</p><!-- a comment --><template><p>tpl</p></template>
        <noscript>enable js</noscript><p>also kept</p></body></html>
        """
        #expect(try rendered(html) == "kept\nalso kept")
    }

    @Test func selectRendersOnlyTheContentRoot() throws {
        let body = "<nav><a>Home</a></nav><main><h1>Title</h1><p>Text</p></main><footer>Foot</footer>"
        #expect(try rendered(page(body), options: ["select: //main"]) == "Title\nText")
    }

    @Test func relativeSelectStartsAtTheDocument() throws {
        let body = "<nav>Home</nav><main><h1>Title</h1></main>"
        #expect(try rendered(page(body), options: ["select: html/body/main"]) == "Title")
    }

    @Test func selectMatchingSeveralNodesRendersEachOnceInDocumentOrder() throws {
        let body = "<div class='c'>one<div class='c'>inner</div></div><p>skip</p><div class='c'>two</div>"
        #expect(try rendered(page(body), options: ["select: \"//div[@class='c']\""]) == "one\ninner\ntwo")
    }

    @Test func selectMatchingNothingReadsTheWholePageWithADiagnostic() throws {
        let result = try process(page("<p>Text</p>"), yaml: "stages:\n  - stage: html\n    select: //main\n")
        #expect(result.text == "Text")
        #expect(result.diagnosticCodes == ["html.select_missing"])
    }

    @Test func dropRemovesSubtrees() throws {
        let body = "<main><h1>Title</h1><aside>Ad</aside><div class='share'>Share</div><p>Text</p></main>"
        #expect(try rendered(page(body), options: ["select: //main", "drop: [\"//aside\", \"//*[@class='share']\"]"]) == "Title\nText")
        #expect(try rendered(page(body), options: ["drop: //aside"]) == "Title\nShare\nText")
    }

    @Test func pageNestedDeeperThanLibxml2ReadsIsCutThereWithADiagnostic() throws {
        let deep = String(repeating: "<div>", count: 300) + "deep" + String(repeating: "</div>", count: 300)
        let result = try process(page("<p>before</p>" + deep + "<p>after</p>"), yaml: "stages:\n  - stage: html\n")
        #expect(result.text == "before")
        #expect(result.diagnosticCodes == ["html.parse_stopped"])
        let nested = String(repeating: "<div>", count: 200) + "deep" + String(repeating: "</div>", count: 200)
        #expect(try rendered(page("<p>before</p>" + nested + "<p>after</p>")) == "before\ndeep\nafter")
    }

    @Test func plainTextPassesThroughUnchanged() throws {
        let text = "Registered Nurse\n| Median Salary | $1 |\n- •Hospitals\n"
        #expect(try rendered(text) == text)
    }

    @Test func plainTextThatIsNotUTF8IsReadAsEncodingSaysAsWithoutTheStage() throws {
        let pipeline = try buildPipeline("stages:\n  - stage: html\n")
        let page = Document(source: "t", bytes: Array("caf".utf8) + [0xE9, 0x20, 0x61])
        var strict = pipeline.makeWorker(inputEncoding: .utf8)
        #expect(strict.process(page).rejection?.code == "input.not_utf8")
        var auto = pipeline.makeWorker(inputEncoding: .auto)
        let item = auto.process(page)
        #expect(String(decoding: item.text, as: UTF8.self) == "café a")
        #expect(item.record.diagnostics.map(\.code) == ["input.decoded_cp1252"])
    }

    @Test func anHTMLPageNamingNoCharsetIsGuessedAsWindows1252UnlessEncodingIsUTF8() throws {
        let pipeline = try buildPipeline("stages:\n  - stage: html\n")
        let page = Document(source: "t", bytes: Array("<p>caf".utf8) + [0xE9, 0x3C, 0x2F, 0x70, 0x3E])
        var strict = pipeline.makeWorker(inputEncoding: .utf8)
        #expect(strict.process(page).rejection?.code == "input.not_utf8")
        var auto = pipeline.makeWorker(inputEncoding: .auto)
        let item = auto.process(page)
        #expect(String(decoding: item.text, as: UTF8.self) == "café")
        #expect(item.record.diagnostics.map(\.code) == ["html.charset_guessed"])
    }

    @Test func emptyHTMLBodyGivesEmptyText() throws {
        #expect(try rendered("<html><body>  </body></html>").isEmpty)
    }

    @Test(arguments: ["<!DOCTYPE html><p>x</p>", "  <HTML><body>x", "<head><title>t</title></head>x", "\u{FEFF}<body>x",
                      "<div class=a>x</div>", "<!-- saved -->\n<p>x"])
    func pagesStartingLikeHTMLAreReadAsHTML(start: String) throws {
        #expect(try rendered(start) == "x")
    }

    @Test(arguments: ["x < y", "<notatag> x", "Title\n<p>later</p>"])
    func pagesNotStartingLikeHTMLAreText(start: String) throws {
        #expect(try rendered(start) == start)
    }
}
