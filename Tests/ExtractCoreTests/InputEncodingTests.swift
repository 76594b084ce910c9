import ExtractCore
import Testing

/// How a text page that is not UTF-8 is read under each `--encoding`, and that UTF-8 pages are
/// never touched.
@Suite struct InputEncodingTests {
    private func checked(_ bytes: [UInt8], _ encoding: InputEncoding) -> WorkItem {
        var item = WorkItem(document: Document(source: "d", bytes: bytes), sectionCount: 0, fieldCount: 0)
        item.checkInput(encoding: encoding)
        return item
    }

    private func text(_ item: WorkItem) -> String { String(decoding: item.text, as: UTF8.self) }

    private static let utf8Pages: [[UInt8]] = [
        Array("Medical Assistant\nSalary: $36,000\n".utf8),
        Array("Café • ☕ 𝄞 naïve – “quoted” €5\n".utf8),
        [0xEF, 0xBB, 0xBF] + Array("With a UTF-8 byte order mark: Größe\n".utf8),
        Array("Ã© is what é looks like as Windows-1252, written in UTF-8\n".utf8),
    ]

    @Test(arguments: InputEncoding.allCases)
    func aValidUTF8PageIsUntouchedByteForByteInEveryMode(encoding: InputEncoding) {
        for page in Self.utf8Pages {
            let item = checked(page, encoding)
            #expect(item.rejection == nil)
            #expect(item.text == page)
            #expect(item.offsets.isIdentity)
            #expect(item.record.diagnostics.isEmpty)
        }
    }

    @Test(arguments: InputEncoding.allCases)
    func aBinaryFileStaysBinaryInEveryMode(encoding: InputEncoding) {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52]
        #expect(checked(png, encoding).rejection?.code == "input.binary")
        // NUL bytes after a few high bytes: still binary, not Windows-1252.
        #expect(checked([0xE9, 0xE8, 0x41, 0x00, 0x42], encoding).rejection?.code == "input.binary")
    }

    @Test func windows1252IsDecodedInAutoWithADiagnosticAtTheFirstByteThatIsNotUTF8() {
        // "Café – €5" in Windows-1252: é E9, – 96 (0x80–0x9F), € 80.
        let page: [UInt8] = Array("Caf".utf8) + [0xE9, 0x20, 0x96, 0x20, 0x80] + Array("5\n".utf8)
        let item = checked(page, .auto)
        #expect(item.rejection == nil)
        #expect(text(item) == "Café – €5\n")
        let diagnostic = item.record.diagnostics.first
        #expect(item.record.diagnostics.map(\.code) == ["input.decoded_cp1252"])
        #expect(diagnostic?.span == Span(start: 3, end: 4))
        #expect(diagnostic?.message == "the page is not UTF-8 (byte 0xE9 at offset 3); it was read as Windows-1252")
    }

    @Test func latin1IsDecodedAsWindows1252WhichIncludesIt() {
        // "Größe: 12 m²" in Latin-1.
        let page: [UInt8] = [0x47, 0x72, 0xF6, 0xDF, 0x65, 0x3A, 0x20, 0x31, 0x32, 0x20, 0x6D, 0xB2, 0x0A]
        #expect(text(checked(page, .auto)) == "Größe: 12 m²\n")
        #expect(text(checked(page, .cp1252)) == "Größe: 12 m²\n")
    }

    @Test func utf8ModeRejectsWhatAutoDecodes() {
        let page: [UInt8] = Array("caf".utf8) + [0xE9, 0x21]
        let item = checked(page, .utf8)
        #expect(item.rejection == Rejection(code: "input.not_utf8", message: "the document is not valid UTF-8 (invalid byte at offset 3)"))
        #expect(text(checked(page, .auto)) == "café!")
    }

    @Test(arguments: [
        // Shift_JIS 日本語の求人 ("Japanese job posting"): double-byte runs.
        ([0x93, 0xFA, 0x96, 0x7B, 0x8C, 0xEA, 0x82, 0xCC, 0x8B, 0x81, 0x90, 0x6C, 0x0A], "undefined"),
        // Windows-1251 "Зарплата 50 000" (Russian for salary): every letter beyond ASCII.
        ([0xC7, 0xE0, 0xF0, 0xEF, 0xEB, 0xE0, 0xF2, 0xE0, 0x20, 0x35, 0x30, 0x20, 0x30, 0x30, 0x30, 0x0A], "runs of three or more"),
        // GBK 薪资面议 ("salary negotiable").
        ([0xD0, 0xBD, 0xD7, 0xCA, 0xC3, 0xE6, 0xD2, 0xE9, 0x0A], "runs of three or more"),
        // UTF-8 with one stray Latin-1 byte: damaged UTF-8, not Windows-1252.
        (Array("Café naïve résumé ".utf8) + [0xE9, 0x0A], "mostly UTF-8"),
        // Binary without a NUL byte: control characters.
        ([0x1F, 0x8B, 0x08, 0x08, 0xC3, 0x41, 0x42], "control character 0x1F at offset 0"),
        // ISO-2022-JP starts its escapes with ESC.
        ([0x1B, 0x24, 0x42, 0x46, 0x7C, 0x1B, 0x28, 0x42, 0xE9, 0x0A], "control character 0x1B"),
    ] as [([UInt8], String)])
    func autoRejectsWhatDoesNotLookLikeWindows1252(page: [UInt8], reason: String) {
        let rejection = checked(page, .auto).rejection
        #expect(rejection?.code == "input.not_utf8")
        #expect(rejection?.message.contains("nor read as Windows-1252") == true)
        #expect(rejection?.message.contains(reason) == true, "\(rejection?.message ?? "no rejection")")
    }

    @Test func cp1252ModeReadsEveryPageThatIsNotUTF8EvenWhereAutoWouldNot() {
        // 0x81 is undefined in Windows-1252: WHATWG's decoder (and the html stage) read it as U+0081.
        let item = checked([0x41, 0x81, 0xC7, 0xE0, 0xF0, 0x0A], .cp1252)
        #expect(item.rejection == nil)
        #expect(text(item) == "A\u{81}Çàð\n")
        #expect(item.record.diagnostics.map(\.code) == ["input.decoded_cp1252"])
    }

    @Test func aUTF16PageWithAByteOrderMarkIsDecodedInEveryMode() {
        let le: [UInt8] = [0xFF, 0xFE, 0x48, 0x00, 0xE9, 0x00, 0x0A, 0x00]
        let be: [UInt8] = [0xFE, 0xFF, 0x00, 0x48, 0x00, 0xE9, 0x00, 0x0A]
        for encoding in InputEncoding.allCases {
            for page in [le, be] {
                let item = checked(page, encoding)
                #expect(item.rejection == nil)
                #expect(text(item) == "Hé\n")
                #expect(item.record.diagnostics.isEmpty)
            }
        }
    }

    @Test func utf16WithoutAByteOrderMarkIsBinary() {
        #expect(checked([0x48, 0x00, 0x69, 0x00, 0x0A, 0x00], .auto).rejection?.code == "input.binary")
    }

    @Test func utf16OfOddLengthEndsInUFFFDWithADiagnostic() {
        let item = checked([0xFF, 0xFE, 0x48, 0x00, 0x69, 0x00, 0x41], .auto)
        #expect(text(item) == "Hi\u{FFFD}")
        #expect(item.record.diagnostics.map(\.code) == ["input.unreadable_characters"])
        #expect(item.record.diagnostics.first?.span == Span(start: 6, end: 7))
    }

    @Test func utf16ThatDecodesToNothingOrToNULIsRejectedLikeAnyPage() {
        #expect(checked([0xFF, 0xFE], .auto).rejection?.code == "input.empty")
        #expect(checked([0xFF, 0xFE, 0x20, 0x00, 0x0A, 0x00], .auto).rejection?.code == "input.empty")
        #expect(checked([0xFF, 0xFE, 0x41, 0x00, 0x00, 0x00, 0x42, 0x00], .auto).rejection?.code == "input.binary")
    }

    @Test func aCutUTF8CharacterIsStillACutInEveryMode() {
        for encoding in InputEncoding.allCases {
            let item = checked(Array("Cut here ".utf8) + [0xE2, 0x80], encoding)
            #expect(text(item) == "Cut here ")
            #expect(item.record.diagnostics.map(\.code) == ["input.cut_character"])
        }
    }

    @Test func decodedOffsetsMapEveryCharacterToTheBytesItCameFrom() {
        // "é€x" in Windows-1252: one byte each; in UTF-8: 2, 3 and 1 bytes.
        let item = checked([0xE9, 0x80, 0x78], .cp1252)
        #expect(item.text == Array("é€x".utf8))
        #expect(item.span(of: 0..<2) == Span(start: 0, end: 1))
        #expect(item.span(of: 2..<5) == Span(start: 1, end: 2))
        #expect(item.span(of: 5..<6) == Span(start: 2, end: 3))
        // "𝄞x" in UTF-16LE: a surrogate pair (4 bytes) after the mark, then 2 bytes.
        let utf16 = checked([0xFF, 0xFE, 0x34, 0xD8, 0x1E, 0xDD, 0x78, 0x00], .auto)
        #expect(utf16.text == Array("𝄞x".utf8))
        #expect(utf16.span(of: 0..<4) == Span(start: 2, end: 6))
        #expect(utf16.span(of: 4..<5) == Span(start: 6, end: 8))
    }
}
