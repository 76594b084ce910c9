import ExtractCore

/// Abbreviations written in parentheses: `Clinical licenses (RN, LPN, LSW)` → [RN, LPN, LSW],
/// `Community Health Worker (CHW) Certificate` → [CHW]. A parenthesised group counts only when
/// every item in it looks like an abbreviation (2–10 characters, starting with a capital, no
/// lowercase run longer than one letter, e.g. `PharmD`-like forms are not abbreviations here).
public enum AbbreviationsParser: ValueParser {
    public static let name = "abbreviations"
    public static let summary = "abbreviations in parentheses: `Clinical licenses (RN, LPN)` → [RN, LPN]"
    public static var shape: Shape { .list(.scalar) }

    public static func parse(_ text: ArraySlice<UInt8>) -> Value? {
        .list(groups(text).flatMap { $0.items }.map { .string($0) })
    }

    struct Group {
        var range: Range<Int>
        var items: [String]
    }

    /// The parenthesised groups that hold only abbreviations, with their byte ranges.
    static func groups(_ text: ArraySlice<UInt8>) -> [Group] {
        var result: [Group] = []
        var index = text.startIndex
        while let open = text[index...].firstIndex(of: 0x28) {
            guard let close = text[(open + 1)...].firstIndex(of: 0x29) else { break }
            let inner = text[(open + 1)..<close]
            let items = inner.split(whereSeparator: { $0 == 0x2C || $0 == 0x2F || $0 == 0x3B })
                .map { trimmed($0) }
                .flatMap { $0.split(separator: 0x20, omittingEmptySubsequences: true) == [$0] ? [$0] : splitOr($0) }
            if !items.isEmpty, items.allSatisfy(isAbbreviation) {
                result.append(Group(range: open..<(close + 1), items: items.map { String(decoding: $0, as: UTF8.self) }))
            }
            index = close + 1
        }
        return result
    }

    /// `RN or LPN` → [RN, LPN]; anything else unchanged.
    private static func splitOr(_ item: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        let words = item.split(separator: 0x20)
        guard words.count == 3, words[1].elementsEqual("or".utf8) || words[1].elementsEqual("and".utf8) else { return [item] }
        return [words[0], words[2]]
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
/// → `Community Health Worker Certificate`. Other parentheses are kept.
public enum StripAbbreviationsParser: ValueParser {
    public static let name = "strip_abbreviations"
    public static let summary = "the text without parenthesised abbreviations: `Name (CHW) Certificate` → `Name Certificate`"

    public static func parse(_ text: ArraySlice<UInt8>) -> Value? {
        var output: [UInt8] = []
        var index = text.startIndex
        for group in AbbreviationsParser.groups(text) {
            output.append(contentsOf: text[index..<group.range.lowerBound])
            index = group.range.upperBound
        }
        output.append(contentsOf: text[index...])
        // Collapse the double space a removed group leaves behind.
        var collapsed: [UInt8] = []
        collapsed.reserveCapacity(output.count)
        for byte in output where !(byte == 0x20 && collapsed.last == 0x20) { collapsed.append(byte) }
        return StringParser.parse(collapsed[...])
    }
}
