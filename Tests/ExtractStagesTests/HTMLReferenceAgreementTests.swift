import ExtractCore
import ExtractStages
import ExtractTestSupport
import Foundation
import Testing

/// The html stage and normalize read character references the same way, and a page's text is
/// decoded exactly once: what libxml2 decodes is not decoded again by normalize, and what it
/// leaves (HTML5's names, references to no character) the html stage decodes as normalize would.
@Suite("HTML stage: character references, decoded once")
struct HTMLReferenceAgreementTests {
    /// Text as the given pipeline leaves it.
    private func text(_ bytes: [UInt8], _ yaml: String) throws -> (String, [String]) {
        var worker = try buildPipeline(yaml).makeWorker()
        let item = worker.process(Document(source: "p", bytes: bytes))
        return (String(decoding: item.text, as: UTF8.self), item.record.diagnostics.map(\.code))
    }

    static let htmlThenNormalize = "stages:\n  - stage: html\n  - stage: normalize\n"
    static let normalizeAlone = "stages:\n  - stage: normalize\n"

    @Test(arguments: [
        // (as written in the page's markup, what a reader of the page sees)
        ("R&amp;D &amp;lt;b&amp;gt; &amp;amp;", "R&D &lt;b&gt; &amp;"),
        ("AT&T &nbsp x &copy 2026", "AT&T &nbsp x &copy 2026"),
        ("&NotEqualTilde; &amp;NotEqualTilde; &fjlig;", "\u{2242}\u{338} &NotEqualTilde; fj"),
        ("x&#0;y&#xFFFFFF;z&#55296;!", "x\u{FFFD}y\u{FFFD}z\u{FFFD}!"),
        ("It&#146;s &Scaron;koda &#8226; &rsquo;", "It\u{2019}s \u{160}koda \u{2022} \u{2019}"),
    ])
    func anHTMLPageGivesWhatItsTextGivesToNormalize(markup: String, seen: String) throws {
        let (fromHTML, _) = try text(Array("<html><body><p>\(markup)</p></body></html>".utf8), Self.htmlThenNormalize)
        #expect(fromHTML == seen)
        // The same references in a text dump, read by normalize alone, give the same characters.
        let (fromText, _) = try text(Array(markup.utf8), Self.normalizeAlone)
        #expect(fromText == seen)
    }

    @Test func aCharsetLabelThatIsNoASCIINameIsIgnoredAndTheGuessIsSaid() throws {
        let page = Array("<meta charset=\"\u{1F4A9}\"><p>caf".utf8) + [0xE9] + Array("</p>".utf8)
        let (rendered, codes) = try text(page, "stages:\n  - stage: html\n")
        #expect(rendered == "café")
        #expect(codes == ["html.charset_guessed"])
    }

    @Test func bytesTheDeclaredCharsetCannotReadAreNeverReplacedInSilence() throws {
        let page = Array("<meta charset=\"shift_jis\"><p>ab".utf8) + [0x81, 0xFF] + Array("</p>".utf8)
        let (rendered, codes) = try text(page, "stages:\n  - stage: html\n")
        #expect(rendered.hasPrefix("ab\u{FFFD}"))
        #expect(codes == ["html.unreadable_characters"])
    }
}
