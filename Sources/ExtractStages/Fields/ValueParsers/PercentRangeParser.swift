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
    public static let objectKeys: [String]? = ["min", "max"]
    public static var alwaysPresentKeys: [String] { objectKeys ?? [] }

    public static func parse(_ text: ArraySlice<UInt8>) -> Value? {
        var scanner = ByteScanner(trimmed(text))
        guard let low = signedNumber(&scanner) else { return nil }
        scanner.skipSpaces()
        let lowHasSign = scanner.consume("%")
        var high = low
        if scanner.consumeRangeSeparator() {
            guard let value = signedNumber(&scanner) else { return nil }
            high = value
            scanner.skipSpaces()
            guard scanner.consume("%") else { return nil }
        } else {
            guard lowHasSign else { return nil }
        }
        guard low <= high else { return nil }
        return .object([.init("min", numberValue(low)), .init("max", numberValue(high))])
    }

    /// `+5`, `-3`, `−2` (minus sign), `5.5`.
    private static func signedNumber(_ scanner: inout ByteScanner) -> Double? {
        scanner.skipSpaces()
        let negative = scanner.consume("-") || scanner.consume("\u{2212}")
        if !negative { _ = scanner.consume("+") }
        guard let value = scanner.number() else { return nil }
        return negative ? -value : value
    }
}
