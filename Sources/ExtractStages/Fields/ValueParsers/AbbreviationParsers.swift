import ExtractCore

/// Abbreviations written in parentheses: `Clinical licenses (RN, LPN, LSW)` → [RN, LPN, LSW],
/// `Community Health Worker (CHW) Certificate` → [CHW]. A parenthesised group counts only when
/// every item in it looks like an abbreviation (2–10 characters, starting with a capital, no
/// lowercase run longer than one letter, e.g. `PharmD`-like forms are not abbreviations here).
///
/// Items are separated by `,`, `/` or `;`, and `RN or LPN` / `RN and LPN` count as two.
/// The scan works on the capture's bytes in place: nothing is allocated for a name without a
/// group, which is most of them.
public enum AbbreviationsParser: ValueParser {
    public static let name = "abbreviations"
    public static let summary = "abbreviations in parentheses: `Clinical licenses (RN, LPN)` → [RN, LPN]"
    public static let shape = Shape.list(.scalar(.text))
    public static let examples = [ValueParserExample("Clinical licenses (RN, LPN, LSW)", ["RN", "LPN", "LSW"]),
                                  ValueParserExample("Specialty clinics (oncology, cardiology)", [])]

    public static func parse(_ text: ArraySlice<UInt8>) -> Value? {
        var list: [Value] = []
        forEachGroup(text) { _, inner in
            forEachItem(inner) { item in
                list.append(.string(String(decoding: item, as: UTF8.self)))
                return true
            }
        }
        return .list(list)
    }

    public static func parse(_ text: ArraySlice<UInt8>, into store: inout ValueStore) -> ValueStore.NodeID? {
        let list = store.beginList()
        forEachGroup(text) { _, inner in
            forEachItem(inner) { item in
                let node = store.string(item)
                store.addItem(node)
                return true
            }
        }
        return store.endList(list)
    }

    /// Calls `body` with the byte range (parentheses included) and the inner text of each
    /// parenthesised group that holds only abbreviations, in order.
    static func forEachGroup(_ text: ArraySlice<UInt8>, _ body: (Range<Int>, ArraySlice<UInt8>) -> Void) {
        var index = text.startIndex
        while let open = text[index...].firstIndex(of: 0x28) {
            guard let close = text[(open + 1)...].firstIndex(of: 0x29) else { break }
            let inner = text[(open + 1)..<close]
            var items = 0
            let allAbbreviations = forEachItem(inner) { item in
                items += 1
                return isAbbreviation(item)
            }
            if items > 0 && allAbbreviations { body(open..<(close + 1), inner) }
            index = close + 1
        }
    }

    /// Calls `visit` with each item of a group's inner text: the pieces between `,`, `/` and `;`
    /// (empty pieces skipped), trimmed, with `X or Y` and `X and Y` as two items. Stops and
    /// returns false as soon as `visit` does.
    @discardableResult
    static func forEachItem(_ inner: ArraySlice<UInt8>, _ visit: (ArraySlice<UInt8>) -> Bool) -> Bool {
        var start = inner.startIndex
        while start < inner.endIndex {
            var end = start
            while end < inner.endIndex, inner[end] != 0x2C, inner[end] != 0x2F, inner[end] != 0x3B { end += 1 }
            if end > start {
                let item = trimmed(inner[start..<end])
                if let (left, right) = splitOr(item) {
                    guard visit(left), visit(right) else { return false }
                } else {
                    guard visit(item) else { return false }
                }
            }
            start = end + 1
        }
        return true
    }

    /// `RN or LPN` / `RN and LPN` (three space-separated words, the middle one `or` or `and`) →
    /// (RN, LPN); nil for anything else.
    private static func splitOr(_ item: ArraySlice<UInt8>) -> (ArraySlice<UInt8>, ArraySlice<UInt8>)? {
        var wordRanges: (Range<Int>, Range<Int>, Range<Int>) = (0..<0, 0..<0, 0..<0)
        var count = 0
        var index = item.startIndex
        while index < item.endIndex {
            guard item[index] != 0x20 else { index += 1; continue }
            let start = index
            while index < item.endIndex, item[index] != 0x20 { index += 1 }
            count += 1
            switch count {
            case 1: wordRanges.0 = start..<index
            case 2: wordRanges.1 = start..<index
            case 3: wordRanges.2 = start..<index
            default: return nil
            }
        }
        guard count == 3 else { return nil }
        let middle = item[wordRanges.1]
        guard middle.elementsEqual("or".utf8) || middle.elementsEqual("and".utf8) else { return nil }
        return (item[wordRanges.0], item[wordRanges.2])
    }

    static func isAbbreviation(_ item: ArraySlice<UInt8>) -> Bool {
        guard (2...10).contains(item.count), let first = item.first, first >= 0x41 && first <= 0x5A else { return false }
        var uppercase = 0
        var lowerRun = 0
        for byte in item {
            if byte >= 0x41 && byte <= 0x5A { uppercase += 1; lowerRun = 0 } else if byte >= 0x61 && byte <= 0x7A {
                lowerRun += 1
                if lowerRun > 1 { return false }
            } else if isDigit(byte) || byte == 0x2D || byte == 0x26 { lowerRun = 0 } else { return false }
        }
        return uppercase >= 2
    }
}

/// The text without its parenthesised abbreviations: `Community Health Worker (CHW) Certificate`
/// → `Community Health Worker Certificate`. Other parentheses are kept; runs of spaces (such as
/// the two a removed group leaves behind) become one.
public enum StripAbbreviationsParser: ValueParser {
    public static let name = "strip_abbreviations"
    public static let summary = "the text without parenthesised abbreviations: `Name (CHW) Certificate` → `Name Certificate`"
    public static let shape = Shape.scalar(.text)
    public static let examples = [ValueParserExample("Community Health Worker (CHW) Certificate", "Community Health Worker Certificate"),
                                  ValueParserExample(" (RN) ", Value.null)]

    public static func parse(_ text: ArraySlice<UInt8>) -> Value? {
        let body = trimmed(text)
        // Nothing to remove and no double space: the text as it is, without a copy.
        guard let groups = groupsToRemove(body) else { return StringParser.parse(body) }
        let result = String(unsafeUninitializedCapacity: body.count) { write(body, without: groups, into: $0) }
        return result.isEmpty ? .null : .string(result)
    }

    public static func parse(_ text: ArraySlice<UInt8>, into store: inout ValueStore) -> ValueStore.NodeID? {
        let body = trimmed(text)
        guard let groups = groupsToRemove(body) else { return StringParser.parse(body, into: &store) }
        return store.string(capacity: body.count) { write(body, without: groups, into: $0) }
    }

    /// The first abbreviation group, and whether there are more; nil when there is nothing to
    /// change (no group and no double space).
    private static func groupsToRemove(_ body: ArraySlice<UInt8>) -> (first: Range<Int>?, more: Bool)? {
        var groups: (first: Range<Int>?, more: Bool) = (nil, false)
        AbbreviationsParser.forEachGroup(body) { range, _ in
            if groups.first == nil { groups.first = range } else { groups.more = true }
        }
        return groups.first == nil && !hasDoubleSpace(body) ? nil : groups
    }

    /// Writes the text into `buffer`: outside the groups, runs of spaces as one, trimmed as
    /// `StringParser` trims (a group at either end leaves a space behind). Returns the length.
    private static func write(_ body: ArraySlice<UInt8>, without groups: (first: Range<Int>?, more: Bool),
                              into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var count = 0
        var index = body.startIndex
        func copy(upTo end: Int) {
            while index < end {
                let byte = body[index]
                index += 1
                if count == 0 ? isTrimmedSpace(byte) : (byte == 0x20 && buffer[count - 1] == 0x20) { continue }
                buffer[count] = byte
                count += 1
            }
        }
        if groups.more {
            AbbreviationsParser.forEachGroup(body) { range, _ in
                copy(upTo: range.lowerBound)
                index = range.upperBound
            }
        } else if let group = groups.first {
            copy(upTo: group.lowerBound)
            index = group.upperBound
        }
        copy(upTo: body.endIndex)
        while count > 0, isTrimmedSpace(buffer[count - 1]) { count -= 1 }
        return count
    }

    private static func hasDoubleSpace(_ text: ArraySlice<UInt8>) -> Bool {
        var previous: UInt8 = 0
        for byte in text {
            if byte == 0x20 && previous == 0x20 { return true }
            previous = byte
        }
        return false
    }
}
