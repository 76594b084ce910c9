import ExtractCore
import ExtractStages
import ExtractTestSupport
import Foundation
import Testing

/// Runs raw bytes (with optional transport metadata) through a pipeline of just the html stage.
private func renderBytes(_ bytes: [UInt8], metadata: DocumentMetadata = DocumentMetadata()) throws -> WorkItem {
    let pipeline = try buildPipeline("stages:\n  - stage: html\n")
    var worker = pipeline.makeWorker()
    return worker.process(Document(source: "page.html", bytes: bytes, metadata: metadata))
}

private func text(_ item: WorkItem) -> String { String(decoding: item.text, as: UTF8.self) }

/// `<p>` + Windows-1252 bytes for "café – €5" + `</p>`, after `head`.
private func windows1252Page(head: String) -> [UInt8] {
    Array("<html><head>\(head)</head><body><p>caf".utf8) + [0xE9, 0x20, 0x96, 0x20, 0x80] + Array("5</p></body></html>".utf8)
}

@Suite("HTML stage: charsets")
struct HTMLCharsetTests {
    @Test func utf8ByteOrderMarkIsDroppedAndSpansCountIt() throws {
        let item = try renderBytes([0xEF, 0xBB, 0xBF] + Array("<p>Café</p>".utf8))
        #expect(text(item) == "Café")
        #expect(item.span(of: 0..<item.text.count) == Span(start: 6, end: 11))
    }

    @Test func metaCharsetWindows1252IsDecoded() throws {
        let item = try renderBytes(windows1252Page(head: "<meta charset=\"windows-1252\">"))
        #expect(item.rejection == nil)
        #expect(text(item) == "café – €5")
        #expect(item.record.diagnostics.isEmpty)
    }

    @Test func httpEquivContentTypeCharsetIsDecoded() throws {
        let item = try renderBytes(windows1252Page(head: "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">"))
        #expect(text(item) == "café – €5")
    }

    @Test(arguments: ["iso-8859-1", "ISO-8859-1", "latin1", "us-ascii"])
    func latin1AndASCIILabelsAreReadAsWindows1252(label: String) throws {
        let item = try renderBytes(windows1252Page(head: "<meta charset='\(label)'>"))
        #expect(text(item) == "café – €5")
    }

    @Test func transportCharsetOverridesTheMetaTag() throws {
        // The page says UTF-8, the HTTP header said windows-1252: the header wins.
        let item = try renderBytes(windows1252Page(head: "<meta charset=\"utf-8\">"),
                                   metadata: DocumentMetadata(contentType: "text/html", charset: "windows-1252"))
        #expect(text(item) == "café – €5")
        // And the other way round: UTF-8 bytes under a windows-1252 meta tag, the header saying UTF-8.
        let utf8 = try renderBytes(Array("<html><head><meta charset=\"windows-1252\"></head><body><p>café – €5</p></body></html>".utf8),
                                   metadata: DocumentMetadata(contentType: "text/html", charset: "utf-8"))
        #expect(text(utf8) == "café – €5")
    }

    @Test func pageFromJSONLinesIsUTF8WhateverItsMetaTagSays() throws {
        // A JSON string is decoded text: the reader marks its bytes as UTF-8.
        let pipeline = try buildPipeline("stages:\n  - stage: html\n")
        var worker = pipeline.makeWorker()
        let bytes = Array("<html><head><meta charset=\"windows-1252\"></head><body><p>café</p></body></html>".utf8)
        let item = worker.process(Document(source: "corpus.jsonl#1", bytes: bytes, isValidUTF8: true))
        #expect(text(item) == "café")
    }

    @Test func byteOrderMarkOverridesTheTransportCharset() throws {
        let item = try renderBytes([0xEF, 0xBB, 0xBF] + Array("<p>café</p>".utf8), metadata: DocumentMetadata(charset: "windows-1252"))
        #expect(text(item) == "café")
    }

    @Test(arguments: [false, true])
    func utf16WithByteOrderMarkIsDecoded(bigEndian: Bool) throws {
        let html = "<html><body><p>Café ↗ 🩺</p></body></html>"
        var bytes: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
        for unit in html.utf16 {
            let pair = [UInt8(unit & 0xFF), UInt8(unit >> 8)]
            bytes += bigEndian ? pair.reversed() : pair
        }
        let item = try renderBytes(bytes)
        #expect(item.rejection == nil)
        #expect(text(item) == "Café ↗ 🩺")
        // "Café" starts after the BOM and 15 UTF-16 units of markup.
        #expect(item.span(of: 0..<5).start == 2 + 2 * 15)
    }

    @Test func charsetOnlyIconvKnowsIsDecoded() throws {
        // ISO-8859-15 has € at 0xA4, where Latin-1 has ¤.
        let bytes = Array("<meta charset=\"iso-8859-15\"><p>".utf8) + [0xA4, 0x35] + Array("</p>".utf8)
        #expect(text(try renderBytes(bytes)) == "€5")
    }

    @Test func undeclaredPageThatIsNotUTF8IsReadAsWindows1252WithADiagnostic() throws {
        let item = try renderBytes(windows1252Page(head: "<title>t</title>"))
        #expect(text(item) == "café – €5")
        #expect(item.record.diagnostics.map(\.code) == ["html.charset_guessed"])
    }

    @Test func pageDeclaredUTF8ThatIsNotIsRejected() throws {
        let item = try renderBytes(windows1252Page(head: "<meta charset=\"utf-8\">"))
        #expect(item.rejection?.code == "input.not_utf8")
        #expect(item.rejection?.message.contains("<meta> tag") == true)
    }

    @Test func unknownCharsetLabelIsSkipped() throws {
        let item = try renderBytes(Array("<meta charset=\"x-no-such-charset\"><p>café</p>".utf8))
        #expect(text(item) == "café")
        #expect(item.record.diagnostics.isEmpty)
    }

    @Test func mediaTypeTextHTMLMakesAPageHTMLWhateverItStartsWith() throws {
        let item = try renderBytes(Array("Hello <b>world</b>".utf8), metadata: DocumentMetadata(contentType: "text/html"))
        #expect(text(item) == "Hello world")
    }

    @Test func htmlPageWithNULBytesIsRejectedAsBinary() throws {
        let item = try renderBytes(Array("<html><body>".utf8) + [0, 1, 2])
        #expect(item.rejection?.code == "input.binary")
    }

    @Test func htmlPageCutInsideAUTF8CharacterLosesItWithADiagnostic() throws {
        let item = try renderBytes(Array("<p>ok</p><p>caf".utf8) + [0xC3])
        #expect(text(item) == "ok\ncaf")
        #expect(item.record.diagnostics.map(\.code) == ["input.cut_character"])
    }
}
