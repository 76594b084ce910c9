import ExtractCore
import Testing

@Suite struct OffsetMapTests {
    @Test func identityMapsEveryOffsetToItself() {
        let map = OffsetMap()
        #expect(map.isIdentity)
        #expect(map.original(0) == 0)
        #expect(map.original(1234) == 1234)
    }

    @Test func anchorsShiftOffsetsAfterAnEdit() {
        // "a&amp;b" became "a&b": text offset 2 ("b") is original offset 6.
        var map = OffsetMap()
        map.anchor(text: 1, original: 1)
        map.anchor(text: 2, original: 6)
        #expect(map.original(0) == 0)
        #expect(map.original(1) == 1)
        #expect(map.original(2) == 6)
        #expect(map.original(3) == 7)
        #expect(map.span(2..<3) == Span(start: 6, end: 7))
    }

    @Test func textLongerThanWhatItReplacedNeverMapsPastItsEnd() {
        // "- Bureau" became "• Bureau": 2 bytes written as 4, "B" at text 4 is original 2. Text
        // offsets 2 and 3 (the bullet's last byte, the space) map to the end of "- ", not past it.
        var map = OffsetMap()
        map.anchor(text: 0, original: 0)
        map.anchor(text: 4, original: 2)
        #expect((0...6).map(map.original) == [0, 1, 2, 2, 2, 3, 4])
    }

    @Test func composedMapsNeverGoBackWhereAnEditLengthenedText() {
        // A: "- x" became "• x" (2 bytes as 4); B: then "•" read out as "*" (3 bytes as 1).
        var first = OffsetMap()
        first.anchor(text: 4, original: 2)
        var second = OffsetMap()
        second.anchor(text: 1, original: 3)
        let composed = first.composed(with: second)
        let mapped = (0...4).map(composed.original)
        #expect(mapped == mapped.sorted() && mapped.last == 4, "\(mapped)")
    }

    @Test func composingTwoEditsMapsThroughBoth() {
        // First edit: 3 bytes removed at original offset 10 (A = original minus 3 after 10).
        var first = OffsetMap()
        first.anchor(text: 10, original: 13)
        // Second edit: 2 bytes removed at A offset 20 (B = A minus 2 after 20).
        var second = OffsetMap()
        second.anchor(text: 20, original: 22)
        let both = first.composed(with: second)
        #expect(both.original(5) == 5)
        #expect(both.original(15) == 18)
        #expect(both.original(25) == 30)
    }

    @Test func composingKeepsAnchorsOfTheEarlierMapInsideACopiedRun() {
        var first = OffsetMap()
        first.anchor(text: 50, original: 60)
        var second = OffsetMap()
        second.anchor(text: 0, original: 5)
        let both = first.composed(with: second)
        #expect(both.original(10) == 15)
        #expect(both.original(45) == 60)
        #expect(both.original(46) == 61)
    }

    @Test func aSliceMapsEveryOffsetOfThePieceWhereTheWholeMapMapsIt() {
        // Edits that shorten ("&amp;" → "&") and lengthen ("- " → "• ") the text, and a deletion.
        var map = OffsetMap()
        map.anchor(text: 3, original: 7)     // 4 bytes removed before text 3
        map.anchor(text: 8, original: 12)
        map.anchor(text: 12, original: 14)   // 2 bytes written as 4: text 10, 11 map to 14
        map.anchor(text: 20, original: 30)   // 8 bytes dropped
        for start in 0...24 {
            for end in start...24 {
                let slice = map.slice(start..<end)
                let mapped = (0...(end - start)).map(slice.original)
                #expect(mapped == (start...end).map(map.original), "slice \(start)..<\(end)")
            }
        }
        #expect(OffsetMap().slice(4..<9).original(2) == 6)
    }

    @Test func aSliceKeepsOnlyTheAnchorsOfItsRange() {
        // A byte removed every 10 bytes of a long page: a slice of 30 bytes keeps its 3 anchors
        // and the one after it, not the page's thousand.
        var map = OffsetMap()
        for text in stride(from: 10, through: 10_000, by: 10) { map.anchor(text: text, original: text + text / 10) }
        var expected = OffsetMap()
        expected.anchor(text: 0, original: 104)
        for text in [5, 15, 25, 35] { expected.anchor(text: text, original: 95 + text + (95 + text) / 10) }
        #expect(map.slice(95..<125) == expected)
    }
}
