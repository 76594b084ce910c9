import ExtractCore

/// A percentage with its sign: `+11%Very Good` → 11, `-3%Declining` → -3, `+5.5% Average` → 5.5.
/// Text after the `%` is ignored here (see ``PercentLabelParser``).
public enum PercentParser: ValueParser {
    public static let name = "percent"
    public static let summary = "a signed percentage: `+11%Very Good` → 11, `-3%` → -3"
    public static let shape = Shape.scalar(.number)
    public static let examples = [ValueParserExample("+11%Very Good", 11), ValueParserExample("+5.5% Average", 5.5),
                                  ValueParserExample("\u{2212}2%", -2), ValueParserExample("50 to 80%", nil)]

    public static func parse(_ text: ArraySlice<UInt8>) -> Value? {
        guard let (number, _) = split(text) else { return nil }
        return numberValue(number)
    }

    /// The number and the text after the percent sign.
    static func split(_ text: ArraySlice<UInt8>) -> (Double, ArraySlice<UInt8>)? {
        var scanner = ByteScanner(trimmed(text))
        let negative = scanner.consume("-") || scanner.consume("\u{2212}") || scanner.consume("\u{2013}")
        if !negative { _ = scanner.consume("+") }
        scanner.skipSpaces()
        guard let value = scanner.number() else { return nil }
        scanner.skipSpaces()
        guard scanner.consume("%") else { return nil }
        return (negative ? -value : value, scanner.rest)
    }
}

/// The label after a percentage: `+11%Very Good` → `Very Good`; null when there is none.
public enum PercentLabelParser: ValueParser {
    public static let name = "percent_label"
    public static let summary = "the label after a percentage: `+11%Very Good` → `Very Good` (null if none)"
    public static let shape = Shape.scalar(.text)
    public static let examples = [ValueParserExample("+11%Very Good", "Very Good"), ValueParserExample("11%", Value.null),
                                  ValueParserExample("Very Good", nil)]

    public static func parse(_ text: ArraySlice<UInt8>) -> Value? {
        guard let (_, rest) = PercentParser.split(text) else { return nil }
        var label = trimmed(rest)
        // `+5% (Average)` and `+5% - Average` carry the same label.
        while let first = label.first, first == 0x28 || first == 0x2D || first == 0x2C { label = trimmed(label.dropFirst()) }
        while let last = label.last, last == 0x29 { label = trimmed(label.dropLast()) }
        return label.isEmpty ? .null : .string(String(decoding: label, as: UTF8.self))
    }
}
