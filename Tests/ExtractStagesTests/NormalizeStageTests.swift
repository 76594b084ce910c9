import ExtractCore
import ExtractStages
import ExtractTestSupport
import Testing

/// Normalized text compared byte for byte: Swift's `==` on String treats canonically equivalent
/// text as equal, which would hide whether NFC was applied.
private func utf8(_ text: String) -> [UInt8] { Array(text.utf8) }

@Suite("Normalize stage")
struct NormalizeStageTests {
    // MARK: Bullets

    @Test(arguments: [
        "• Item", "•Item", "▪ Item", "◦ Item", "● Item", "· Item", "* Item", "- Item", "+ Item", "- • Item",
        "  • Item", "\t▪\tItem", "â€¢ Item", "-  Item", "&#8226; Item",
    ])
    func everyBulletGlyphAtLineStartBecomesTheBullet(line: String) throws {
        #expect(try normalized("Heading\n" + line + "\nAfter") == "Heading\n• Item\nAfter")
    }

    @Test(arguments: ["-3%Declining", "*emphasis*", "+11%Very Good", "-", "Plain - text", "2 * 3"])
    func linesThatOnlyStartWithAPunctuationMarkAreNotBullets(line: String) throws {
        #expect(try normalized(line) == line)
    }

    @Test func aBulletWithNothingAfterItIsLeftAlone() throws {
        // Nothing follows the glyph: there is no item to mark.
        #expect(try normalized("a\n•\nb") == "a\n•\nb")
    }

    @Test func bulletOptionChoosesTheMarker() throws {
        #expect(try normalized("▪ One\n- • Two", options: [#"bullet: "- ""#]) == "- One\n- Two")
    }

    @Test func bulletFalseKeepsBulletsAsWritten() throws {
        let page = "▪ One\n- • Two\n  ● Three"
        #expect(try normalized(page, options: ["bullet: false"]) == page)
    }

    // MARK: Line endings, invisible characters, spaces

    @Test func crlfAndLoneCRBecomeLF() throws {
        #expect(try utf8(normalized("one\r\ntwo\rthree\r\nfour")) == utf8("one\ntwo\nthree\nfour"))
    }

    @Test func lineEndingsFalseKeepsCR() throws {
        let page = "one\r\ntwo\rthree"
        #expect(try utf8(normalized(page, options: ["line_endings: false"])) == utf8(page))
    }

    @Test func leadingByteOrderMarkIsRemoved() throws {
        #expect(try utf8(normalized("\u{FEFF}Title\nBody")) == utf8("Title\nBody"))
    }

    @Test func zeroWidthCharactersAreRemoved() throws {
        #expect(try utf8(normalized("Pa\u{200B}tient Ca\u{200D}re\u{2060} Co\u{00AD}ordinator")) == utf8("Patient Care Coordinator"))
    }

    @Test func noBreakAndThinSpacesBecomePlainSpaces() throws {
        #expect(try utf8(normalized("Median\u{00A0}Salary\u{2009}$52,000\u{202F}a year")) == utf8("Median Salary $52,000 a year"))
    }

    @Test func spacesFalseKeepsOddAndZeroWidthSpaces() throws {
        let page = "Median\u{00A0}Salary\u{2009}and Pa\u{200B}tient"
        #expect(try utf8(normalized(page, options: ["spaces: false"])) == utf8(page))
    }

    // MARK: Entities and mojibake

    @Test func htmlEntitiesAreDecoded() throws {
        let page = "Tom &amp; Jerry&nbsp;here &#8226; &#x2022; it&rsquo;s &eacute;"
        #expect(try utf8(normalized(page)) == utf8("Tom & Jerry here • • it\u{2019}s \u{E9}"))
    }

    @Test func anEscapedEntityIsDecodedOnlyOnce() throws {
        #expect(try normalized("a &amp;lt; b") == "a &lt; b")
    }

    @Test(arguments: ["AT&T and R&D", "& alone", "&unknown; x", "&#xZZ; y", "&# z"])
    func textThatIsNotAnEntityIsKept(line: String) throws {
        #expect(try normalized(line) == line)
    }

    @Test func htmlEntitiesFalseKeepsEntities() throws {
        let page = "Tom &amp; Jerry&nbsp;it&rsquo;s"
        #expect(try normalized(page, options: ["html_entities: false"]) == page)
    }

    @Test func mojibakeIsRepaired() throws {
        #expect(try utf8(normalized("itâ€™s a cafÃ© â€” â€œquotedâ€\u{9D}")) == utf8("it\u{2019}s a caf\u{E9} \u{2014} \u{201C}quoted\u{201D}"))
    }

    @Test func mojibakeFalseKeepsTheText() throws {
        let page = "itâ€™s a cafÃ©\nâ€¢ Item"
        #expect(try utf8(normalized(page, options: ["mojibake: false"])) == utf8(page))
    }

    @Test func realLatinTextIsNotMistakenForMojibake() throws {
        // `Ã` followed by a character that was never a continuation byte stays as written.
        let page = "SÃO PAULO, Ålesund, déjà vu, naïve"
        #expect(try utf8(normalized(page)) == utf8(page))
    }

    // MARK: Quotes

    @Test func quotesPlainMakesTypographicQuotesPlain() throws {
        let page = "it’s ‘a’ “b” „c“ ‚d‘ 5′10″ ‛e‟ ‵f‶ and «g» ‹h› ´i`"
        #expect(try utf8(normalized(page, options: ["quotes: plain"])) == utf8("it's 'a' \"b\" \"c\" 'd' 5'10\" 'e\" 'f\" and «g» ‹h› ´i`"))
    }

    @Test func quotesAreKeptByDefault() throws {
        let page = "it’s “b” 5′10″"
        #expect(try utf8(normalized(page)) == utf8(page))
        #expect(try utf8(normalized(page, options: ["quotes: keep"])) == utf8(page))
    }

    @Test func quotesFromEntitiesAndMojibakeBecomePlainToo() throws {
        #expect(try normalized("it&rsquo;s &#8220;x&#8221; itâ€™s", options: ["quotes: plain"]) == "it's \"x\" it's")
    }

    @Test func plainQuotesMapBackToTheTypographicOnes() throws {
        // A line whose only non-ASCII characters are quotes and a bullet.
        let page = "• Bachelor’s Degree “BSN”\nNext"
        try expectWordsMapBack(["Next"], page: page, options: ["quotes: plain"])
        let result = try process(page, yaml: "stages:\n  - stage: normalize\n    quotes: plain\n")
        #expect(result.originalText(under: "Bachelor's Degree \"BSN\"") == "Bachelor’s Degree “BSN”")
    }

    @Test func anUnknownQuotesValueIsAnErrorInTheFile() throws {
        let error = try #require(pipelineError("stages:\n  - stage: normalize\n    quotes: straight\n"))
        #expect("\(error)".contains("quotes"))
        #expect("\(error)".contains("plain"))
    }

    // MARK: Unicode, trailing spaces

    @Test func combiningMarksAreComposedToNFC() throws {
        #expect(try utf8(normalized("Cafe\u{301} owner")) == utf8("Caf\u{E9} owner"))
    }

    @Test func unicodeFalseKeepsDecomposedText() throws {
        let page = "Cafe\u{301} owner"
        #expect(try utf8(normalized(page, options: ["unicode: false"])) == utf8(page))
    }

    @Test func trailingSpacesAreRemoved() throws {
        #expect(try normalized("one   \ntwo\t \nthree\u{00A0}") == "one\ntwo\nthree")
    }

    @Test func trailingSpacesFalseKeepsThem() throws {
        #expect(try normalized("one   \ntwo\t\nthree", options: ["trailing_spaces: false"]) == "one   \ntwo\t\nthree")
    }

    // MARK: Blank lines

    @Test func runsOfBlankLinesCollapseToOneByDefault() throws {
        #expect(try normalized("a\n\n\n\nb\n\nc\nd") == "a\n\nb\n\nc\nd")
    }

    @Test func linesOfOnlySpacesCountAsBlank() throws {
        #expect(try normalized("a\n   \n\t\n\u{00A0}\nb") == "a\n\nb")
    }

    @Test(arguments: [(0, "a\nb\nc"), (1, "a\n\nb\n\nc"), (2, "a\n\n\nb\n\nc")])
    func blankLinesOptionIsTheMostKeptInARow(limit: Int, expected: String) throws {
        #expect(try normalized("a\n\n\n\n\nb\n\nc", options: ["blank_lines: \(limit)"]) == expected)
    }

    @Test func blankLinesAtStartAndEndAreRemoved() throws {
        #expect(try normalized("\n\n  \nTitle\nBody\n\n\n \n") == "Title\nBody")
    }

    @Test func aPageWithNothingButSpaceBecomesEmpty() throws {
        #expect(try normalized("  \n\n \u{200B}\n") == "")
    }

    // MARK: Provenance

    /// For every word, in order: its place in the normalized text, mapped back with
    /// `offsets.original`, is where the same word starts in the original bytes; and unless
    /// `spanEnds` is false, the mapped span covers exactly that word (compared as Strings, so a
    /// word composed to NFC matches its decomposed original).
    private func expectWordsMapBack(_ words: [String], page: String, options: [String] = [], spanEnds: Bool = true,
                                    sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let yaml = "stages:\n  - stage: normalize\n" + options.map { "    \($0)\n" }.joined()
        let result = try process(page, yaml: yaml)
        var searchFrom = 0
        for word in words {
            guard let offset = byteOffset(of: word, in: result.item.text, from: searchFrom) else {
                Issue.record("'\(word)' is not in the normalized text \(result.text.debugDescription)", sourceLocation: sourceLocation)
                continue
            }
            searchFrom = offset + word.utf8.count
            let start = result.item.offsets.original(offset)
            guard start >= 0, start <= result.original.count else {
                Issue.record("'\(word)' maps outside the page, to \(start)", sourceLocation: sourceLocation)
                continue
            }
            let fromThere = String(decoding: result.original[start...], as: UTF8.self)
            #expect(fromThere.hasPrefix(word), "'\(word)' maps to \(start), where the original has \(fromThere.prefix(12).debugDescription)",
                    sourceLocation: sourceLocation)
            if spanEnds {
                let span = result.item.offsets.span(offset..<(offset + word.utf8.count))
                #expect(span.end <= result.original.count && result.originalText(span) == word,
                        "'\(word)' maps to \(span)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func offsetsMapWordsBackToTheOriginalBytes() throws {
        let page = "\u{FEFF}Title &amp; Caf\u{E9} \u{1F469}\u{200D}\u{2695}\u{FE0F}\r\n"
            + "  \u{25AA}  Nurse\u{00A0}Practitioner&rsquo;s role   \r\n\r\n\r\n\r\n"
            + "Salary:\u{2009}$52,000 \u{E2}\u{20AC}\u{2122} fine\u{200B}word\r\n"
            + "â€¢ Bullet &#x2022; item\r"
            + "end"
        try expectWordsMapBack(["Title", "Caf\u{E9}", "Nurse", "Practitioner", "s role", "Salary", "$52,000",
                                "word", "Bullet", "item", "end"], page: page)
        // `fine` ends where a zero-width space was removed: that one offset is both the end of
        // `fine` and the start of `word`, and maps to the latter. Its start is still exact.
        try expectWordsMapBack(["fine"], page: page, spanEnds: false)
    }

    @Test func offsetsStayExactWithEachStepTurnedOff() throws {
        let page = "\u{FEFF}Title &amp; x\r\n- \u{2022} One\u{00A0}two  \r\n\r\n\r\nthree"
        let words = ["Title", "One", "two", "three"]
        for option in ["bullet: false", "blank_lines: 0", "line_endings: false", "html_entities: false",
                       "mojibake: false", "spaces: false", "unicode: false", "trailing_spaces: false"] {
            try expectWordsMapBack(words, page: page, options: [option])
        }
    }

    @Test func aWordAtALineEndDoesNotTakeTheRemovedTrailingSpaces() throws {
        let page = "Salary: $52,000   \r\nGrowth: +11%\u{00A0}\t\nEnd"
        try expectWordsMapBack(["$52,000", "+11%", "End"], page: page)
    }

    @Test func offsetsStayExactOnALineThatNeedsComposition() throws {
        // The combining accent makes the line go through NFC; the composed word maps to its
        // decomposed original, and words after it, and after an entity decoded on the same line,
        // still map to themselves.
        let page = "Intro\r\nCafe\u{301} &amp; Bar\u{00A0}and Grill\u{301}e\r\nNext line"
        try expectWordsMapBack(["Intro", "Caf\u{E9}", "Bar", "and", "Next"], page: page)
    }

    @Test func bulletsFromEntitiesAndMojibakeMapBackToTheirItems() throws {
        let page = "Intro\n&#8226; First item\nâ€¢ Second item\n  &bull;\tThird item\n- • Fourth item"
        #expect(try utf8(normalized(page)) == utf8("Intro\n• First item\n• Second item\n• Third item\n• Fourth item"))
        try expectWordsMapBack(["Intro", "First item", "Second item", "Third item", "Fourth item"], page: page)
    }

    @Test func aBulletLongerThanWhatItReplacesKeepsTheOffsetsAfterIt() throws {
        // `- ` (2 bytes) becomes `• ` (4 bytes) on a plain ASCII line and on one with an entity.
        let page = "- Plain item\n* Item &amp; more\n+ Last"
        #expect(try utf8(normalized(page)) == utf8("• Plain item\n• Item & more\n• Last"))
        try expectWordsMapBack(["Plain item", "Item", "more", "Last"], page: page)
        try expectWordsMapBack(["Plain item", "Item", "more", "Last"], page: page, options: [#"bullet: "-->  ""#])
    }

    @Test func linesWhoseOnlyNonASCIIIsLeftAsItIsAreCleanedLikePlainLines() throws {
        // Symbol bullets, dashes, quotes, arrows and emoji pass unchanged; the bullet, stacked
        // bullets and trailing spaces are still handled, and a line that also holds something to
        // clean (a no-break space, an entity) still gets it cleaned.
        let page = "  • Care team — daily ↗  \n▪ ◦ Nested ’quote’ 💵\nText • not a bullet\n•\u{00A0}Nbsp item\n• Tom &amp; Jerry\t"
        #expect(try utf8(normalized(page)) == utf8("• Care team — daily ↗\n• Nested ’quote’ 💵\nText • not a bullet\n• Nbsp item\n• Tom & Jerry"))
        try expectWordsMapBack(["Care team — daily ↗", "Nested ’quote’ 💵", "Text • not a bullet", "Nbsp item", "Tom", "Jerry"], page: page)
        #expect(try normalized(page, options: ["bullet: false"]) == "  • Care team — daily ↗\n▪ ◦ Nested ’quote’ 💵\nText • not a bullet\n• Nbsp item\n• Tom & Jerry")
    }

    @Test func aBulletFollowedOnlyBySpacesIsLeftAsABareBullet() throws {
        // Nothing follows the glyphs once trailing spaces go: the line is kept as written.
        #expect(try normalized("a\n- •   \nb\n  •\u{00A0}\nc") == "a\n- •\nb\n  •\nc")
    }

    @Test func linesOfOnlySpacesAreBlankEvenWhenTrailingSpacesAreKept() throws {
        let page = "a\n   \n\t\n \u{200B} \nb  \n\n\nc"
        #expect(try normalized(page, options: ["trailing_spaces: false"]) == "a\n\nb  \n\nc")
        #expect(try normalized(page, options: ["trailing_spaces: false", "blank_lines: 2"]) == "a\n\n\nb  \n\n\nc")
    }

    @Test func zeroWidthCharactersBeforeABulletDoNotHideIt() throws {
        let page = "Top\n\u{200B}• Item one\n\u{FEFF}  ▪ Item two"
        #expect(try utf8(normalized(page)) == utf8("Top\n• Item one\n• Item two"))
        try expectWordsMapBack(["Top", "Item one", "Item two"], page: page)
    }

    @Test func aByteOrderMarkIsRemovedOnlyAtTheStartWhenSpacesAreKept() throws {
        let page = "\u{FEFF}Title\n\u{FEFF}Body"
        #expect(try utf8(normalized(page, options: ["spaces: false"])) == utf8("Title\n\u{FEFF}Body"))
        try expectWordsMapBack(["Title", "\u{FEFF}Body"], page: page, options: ["spaces: false"])
    }

    @Test func aComposedBulletItemMapsBackAroundTheComposition() throws {
        let page = "  • Cafe\u{301} &amp; Bar\u{00A0}e\u{301}tage   \n- Plain"
        #expect(try utf8(normalized(page)) == utf8("• Caf\u{E9} & Bar \u{E9}tage\n• Plain"))
        try expectWordsMapBack(["Caf\u{E9}", "Bar", "\u{E9}tage", "Plain"], page: page)
    }

    @Test func entitiesAtEveryPositionInALineAreDecodedAndMapBack() throws {
        // Lines are scanned eight bytes at a time: put the entity on each side of a word boundary.
        for position in 0..<20 {
            let before = String(repeating: "x", count: position)
            let page = "\(before)&amp;tail\nnext &lt; line"
            #expect(try normalized(page) == "\(before)&tail\nnext < line", "entity at \(position)")
            try expectWordsMapBack(["tail", "next", "line"], page: page)
        }
    }

    @Test func aCarriageReturnKeptInsideALineDoesNotEndIt() throws {
        let page = "one\r two &amp; three\r\nfour"
        #expect(try utf8(normalized(page, options: ["line_endings: false"])) == utf8("one\r two & three\r\nfour"))
        try expectWordsMapBack(["two", "three", "four"], page: page, options: ["line_endings: false"])
    }

    @Test func oneWorkerGivesEachPageTheSameResultAsAFreshOne() throws {
        // A worker reuses its buffers from page to page: nothing may leak from one to the next.
        let pipeline = try buildPipeline("stages:\n  - stage: normalize\n    blank_lines: 0\n")
        let pages = ["  • Cafe\u{301} &amp; more\r\n\r\n- two  \nthree", "", "plain\n\n\nlines only", "\u{FEFF}â€¢ x\n\u{200B}\ny"]
        var worker = pipeline.makeWorker()
        for page in pages + pages.reversed() {
            let reused = worker.process(Document(source: "t", bytes: Array(page.utf8)))
            let fresh = process(page, with: pipeline).item
            #expect(reused.text == fresh.text && reused.offsets == fresh.offsets, "\(page.debugDescription)")
        }
    }

    @Test func offsetsMapTheWholeTextEndToTheOriginalEnd() throws {
        let page = "Title\r\n\r\n\r\nLast&amp;\r\n\r\n"
        let result = try process(page, yaml: "stages:\n  - stage: normalize\n")
        #expect(result.text == "Title\n\nLast&")
        #expect(result.item.offsets.original(0) == 0)
        // The end of `Last&` is the end of `Last&amp;` in the original.
        #expect(result.item.offsets.original(result.item.text.count) == byteOffset(of: "\r\n\r\n", in: result.original, from: 10))
    }
}
