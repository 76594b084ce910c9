import ExtractCore

/// Pay as written on career pages: `$36,000-$59,000 per year`, `$18-$29 per hour`, `$36K-$59K`,
/// `$52,000`, `$20 to $25/hr`, `$4,500 a month`.
///
/// Yields `{min, max, currency, period}`: amounts in whole currency units (integers; a figure with
/// cents stays a decimal rather than being rounded), a single figure gives min == max, `K` and `M`
/// multiply by a thousand and a million (`$36-59K` reads as 36,000-59,000), `period` is `year`,
/// `month`, `week`, `day` or `hour`, or null when the text names none. Anything else after the
/// figures (other than a period or `USD`) makes the text unreadable: nil, never a guess.
public enum MoneyParser: ValueParser {
    public static let name = "money"
    public static let summary = "pay: `$36K-$59K per year` → {min: 36000, max: 59000, currency: USD, period: year}"
    public static let objectKeys: [String]? = ["min", "max", "currency", "period"]
    public static var alwaysPresentKeys: [String] { objectKeys ?? [] }

    public static func parse(_ text: ArraySlice<UInt8>) -> Value? {
        var scanner = ByteScanner(trimmed(text))
        guard let first = amount(&scanner) else { return nil }
        var second = first
        var currency = first.currency
        if scanner.consumeRangeSeparator() {
            guard let parsed = amount(&scanner) else { return nil }
            second = parsed
            currency = currency ?? parsed.currency
        }
        var low = first.value * first.multiplier
        let high = second.value * second.multiplier
        // `$36-59K`: the suffix written once applies to both figures.
        if first.multiplier == 1, second.multiplier > 1, first.value <= second.value { low = first.value * second.multiplier }
        guard low <= high else { return nil }
        scanner.skipSpaces()
        if scanner.consume("USD") { currency = currency ?? "USD"; scanner.skipSpaces() }
        let period = self.period(&scanner)
        scanner.skipSpaces()
        guard scanner.isAtEnd else { return nil }
        guard let currency else { return nil }
        return .object([
            .init("min", numberValue(low)),
            .init("max", numberValue(high)),
            .init("currency", .string(currency)),
            .init("period", period.map(Value.string) ?? .null),
        ])
    }

    private struct Amount {
        var value: Double
        var multiplier: Double
        var currency: String?
    }

    private static func amount(_ scanner: inout ByteScanner) -> Amount? {
        scanner.skipSpaces()
        var currency: String?
        if scanner.consume("$") || scanner.consume("US$") { currency = "USD" }
        scanner.skipSpaces()
        guard let value = scanner.number() else { return nil }
        var multiplier = 1.0
        let suffix = scanner.index
        if scanner.consume("k") { multiplier = 1_000 } else if scanner.consume("m") {
            // `M` for million, but the `m` of a word (`monthly`) is left for the period.
            if scanner.peek.map({ !isLetter($0) }) ?? true { multiplier = 1_000_000 } else { scanner.index = suffix }
        }
        return Amount(value: value, multiplier: multiplier, currency: currency)
    }

    /// `per year`, `/yr`, `a month`, `an hour`, `annually`, `hourly`, … or nil when absent.
    private static func period(_ scanner: inout ByteScanner) -> String? {
        let start = scanner.index
        if scanner.consume("per ") || scanner.consume("/") || scanner.consume("a ") || scanner.consume("an ") {
            scanner.skipSpaces()
            if let word = scanner.word(), let period = units[word] { return period }
            scanner.index = start
            return nil
        }
        if let word = scanner.word() {
            if let period = adverbs[word] { return period }
        }
        scanner.index = start
        return nil
    }

    private static let units: [String: String] = [
        "year": "year", "yr": "year", "annum": "year", "month": "month", "mo": "month", "week": "week",
        "wk": "week", "day": "day", "hour": "hour", "hr": "hour",
    ]
    private static let adverbs: [String: String] = [
        "annually": "year", "yearly": "year", "annual": "year", "monthly": "month", "weekly": "week",
        "daily": "day", "hourly": "hour",
    ]
}
