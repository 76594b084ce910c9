import ExtractCore

/// A percentage or a range of them: `50 to 80%` → {min: 50, max: 80}, `50%-80%`, `5–10 %`,
/// `-3% to +5%` → {min: -3, max: 5}; one figure gives min == max (`11%` → {min: 11, max: 11}).
///
/// `percent` keeps giving one number for one figure and refuses a range; this parser gives the
/// same two keys for both, so a column holds one shape. The `%` may be written once, after the
/// second figure. Text after the last `%` is ignored, as `percent` ignores it. Nil when a figure
/// or the `%` is missing, or when the low end is above the high end.
public enum PercentRangeParser: ValueParser {
    public static let name = "percent_range"
    public static let summary = "a percentage or a range: `50 to 80%` → {min: 50, max: 80}; `11%` → {min: 11, max: 11}"
    public static let shape = Shape.object([
        .init("min", .scalar(.number), nullable: false), .init("max", .scalar(.number), nullable: false),
    ])
    public static let examples = [
        ValueParserExample("50 to 80%", .object([.init("min", 50), .init("max", 80)])),
        ValueParserExample("-3% to +5%", .object([.init("min", -3), .init("max", 5)])),
        ValueParserExample("11%", .object([.init("min", 11), .init("max", 11)])),
        ValueParserExample("80 to 50%", nil),
    ]

    public static func parse(_ text: ArraySlice<UInt8>) -> Value? {
        var scanner = ByteScanner(trimmed(text))
        // The first figure may start with an en dash, as `percent` reads it (`–3%`).
        guard let low = signedNumber(&scanner, enDash: true) else { return nil }
        scanner.skipSpaces()
        let lowHasSign = scanner.consume("%")
        var high = low
        // A range is a separator and a second figure with its `%`; anything else after a figure
        // with its `%` is text after it (`+5% - Average`), ignored as `percent` ignores it.
        var range = scanner
        if range.consumeRangeSeparator(), let value = signedNumber(&range, enDash: false) {
            range.skipSpaces()
            guard range.consume("%") else { return nil }
            high = value
        } else {
            guard lowHasSign else { return nil }
        }
        guard low <= high else { return nil }
        return .object([.init("min", numberValue(low)), .init("max", numberValue(high))])
    }

    /// `+5`, `-3`, `−2` (minus sign), `5.5`; with `enDash`, `–3` too (where no range can have started).
    private static func signedNumber(_ scanner: inout ByteScanner, enDash: Bool) -> Double? {
        scanner.skipSpaces()
        let negative = scanner.consume("-") || scanner.consume("\u{2212}") || (enDash && scanner.consume("\u{2013}"))
        if !negative { _ = scanner.consume("+") }
        guard let value = scanner.number() else { return nil }
        return negative ? -value : value
    }
}
