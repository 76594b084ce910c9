/// Pages a scraper leaves behind, that no stage may crash, hang or misplace a span on: empty,
/// binary, badly encoded, enormous lines and lists, entity and tag soup, deep nesting. The stage
/// kit runs each through a stage's example; a test can run them through a whole pipeline and
/// state what each must give.
public struct HostilePage: Sendable {
    public let name: String
    public let bytes: [UInt8]

    public init(_ name: String, _ bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }

    public static let all: [HostilePage] = [
        HostilePage("empty", []),
        HostilePage("only blank lines", Array("\n\n \r\n\t\n".utf8)),
        HostilePage("binary", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00]),
        // UTF-8 with a bad byte is damaged UTF-8, not Windows-1252 (`--encoding auto`).
        HostilePage("invalid UTF-8", Array("Hé ".utf8) + [0xC3, 0x28, 0x0A]),
        HostilePage("Windows-1252", Array("Caf".utf8) + [0xE9, 0x20, 0x96, 0x0A]),
        HostilePage("UTF-16 text with a lone surrogate", [0xFF, 0xFE] + Array("T\0i\0t\0l\0e\0".utf8) + [0x00, 0xD8, 0x0A, 0x00]),
        HostilePage("truncated UTF-8", Array("Caf".utf8) + [0xC3]),
        HostilePage("one 2 MB line", Array(String(repeating: "Hospitals and clinics ", count: 100_000).utf8)),
        HostilePage("only headings", Array("Work Settings\nPrimary Duties\nCitations\nRelated Guides\n".utf8)),
        HostilePage("entity soup", Array("&amp;&#xFFFFFF;&#0;&nbsp&#55296;&bogus;â€â€¢Ã\u{FEFF}\u{200B}".utf8)),
        HostilePage("100,000 bullets", Array(("Title\nWork Settings\n" + String(repeating: "- •x\n", count: 100_000)).utf8)),
        HostilePage("HTML: only a doctype", Array("<!DOCTYPE html>".utf8)),
        HostilePage("HTML: tag soup", Array("<html><body><main><p><b><i>Title</p></b><table><tr><td>x<li>y</table><ul><li>z</main><li>".utf8)),
        HostilePage("HTML: nested 100,000 deep", Array(("<html><body><main>" + String(repeating: "<div><span>", count: 50_000) + "deep").utf8)),
        HostilePage("HTML: 100,000 list items",
                    Array(("<main><h1>T</h1><h2>Work Settings</h2><ul>" + String(repeating: "<li>x</li>", count: 100_000) + "</ul></main>").utf8)),
        HostilePage("HTML: entity soup", Array("<main><h1>&amp;&#xFFFFFF;&#0;&nbsp&#55296;&bogus;&#150;&#x9D;&</h1></main>".utf8)),
        // The attribute is made of the heading's own letter, so a text search meets it a million times.
        HostilePage("HTML: a 1 MB attribute", Array(("<main title=\"" + String(repeating: "T", count: 1_000_000) + "\"><h1>T</h1></main>").utf8)),
        // The odd last byte is half a code unit.
        HostilePage("HTML: UTF-16 of odd length", [0xFF, 0xFE] + Array("<\0h\0t\0m\0l\0>\0x".utf8)),
        HostilePage("HTML: bogus charset and bad bytes", Array("<meta charset=\"\u{1F4A9}\"><main><h1>caf".utf8) + [0xE9, 0xFF, 0xC3]),
        HostilePage("HTML: script never closed", Array("<html><head><script>var a = '<main><h1>T</h1>';".utf8)),
    ]
}
