import ExtractCore

/// Prices and pay as pages write them: `$36,000-$59,000 per year`, `$18-$29 per hour`,
/// `$36K-$59K`, `US$52,000`, `USD 52,000`, `52,000 USD`, `£32,000 per annum`, `€45.000`,
/// `45 000 €`, `A$80k p.a.`, `From $109.90`, `Price: $15.95/mo`, `Up to $80,000`.
///
/// Yields `{min, max, currency, period}`, the same four keys for every value:
/// - `min`, `max`: amounts in whole currency units (integers; a figure with cents stays a decimal
///   rather than being rounded); a single figure gives min == max; `From`/`Starting at`/`At
///   least`/`+`/`and up`/`or more` leave `max` null, `Up to`/`As much as` leave `min` null. `K`
///   and `M` multiply by a thousand and a million (`$36-59K` reads as 36,000-59,000);
/// - `currency`: the ISO 4217 code (see ``CurrencyMark``: `A$` is AUD, `R$` BRL, `NT$` TWD, a
///   bare `$` USD only when nothing else names the currency);
/// - `period`: `year`, `month`, `week`, `day` or `hour`, or null when the text names none.
///
/// Points and commas are read by the currency's custom (see ``WrittenFigure``): `€1.234,56` is
/// 1234.56, `$1.234` is ambiguous. Everything else makes the text unreadable (nil, never a
/// guess): no currency, two currencies, two prices (`Was $120.00 Now $60.00`), a price inside
/// prose, a range whose low end is above its high end.
public enum MoneyParser: ValueParser {
    public static let name = "money"
    public static let summary = "a price or pay: `$36K-$59K per year` → {min: 36000, max: 59000, currency: USD, period: year}; `€45.000`, `A$80k p.a.`, `Up to $80,000` (min null)"
    public static let shape = Shape.object([
        .init("min", .scalar(.number)), .init("max", .scalar(.number)),
        .init("currency", .scalar(.text), nullable: false), .init("period", .scalar(.text)),
    ])
    public static let examples = [
        ValueParserExample("$36K-$59K per year", .object([.init("min", 36000), .init("max", 59000), .init("currency", "USD"), .init("period", "year")])),
        ValueParserExample("$18.50 per hour", .object([.init("min", 18.5), .init("max", 18.5), .init("currency", "USD"), .init("period", "hour")])),
        ValueParserExample("€45.000", .object([.init("min", 45000), .init("max", 45000), .init("currency", "EUR"), .init("period", nil)])),
        ValueParserExample("Up to $80,000", .object([.init("min", nil), .init("max", 80000), .init("currency", "USD"), .init("period", nil)])),
        ValueParserExample("Competitive", nil),
    ]

    /// What a price reads as.
    struct Reading: Equatable {
        var min: Double?
        var max: Double?
        var currency: String
        var period: String?
    }

    public static func parse(_ text: ArraySlice<UInt8>) -> Value? {
        guard let reading = read(text) else { return nil }
        return .object([
            .init("min", reading.min.map(numberValue) ?? .null),
            .init("max", reading.max.map(numberValue) ?? .null),
            .init("currency", .string(reading.currency)),
            .init("period", reading.period.map(Value.string) ?? .null),
        ])
    }

    /// Words before the figure that say which end of a range it is.
    private enum Opening { case from, upTo, between }

    /// One figure as written, with its `K`/`M` multiplier.
    private struct Figure {
        var number: WrittenFigure
        var multiplier: Double
    }

    static func read(_ text: ArraySlice<UInt8>) -> Reading? {
        var scanner = ByteScanner(trimmed(text))
        var marks = CurrencyMark.Agreement()
        skipLabel(&scanner)
        let opening = self.opening(&scanner)
        guard let first = figure(&scanner, &marks) else { return nil }
        var second: Figure?
        let afterFirst = scanner.index
        scanner.skipSpaces()
        let firstPeriod = period(&scanner)
        if rangeSeparator(&scanner, afterBetween: opening == .between) {
            guard opening != .upTo, let figure = figure(&scanner, &marks) else { return nil }
            second = figure
        } else {
            scanner.index = afterFirst
        }
        if opening == .between && second == nil { return nil }
        scanner.skipSpaces()
        let openEnd = second == nil && opening == nil && consumeOpenEnd(&scanner)
        scanner.skipSpaces()
        var period = self.period(&scanner)
        if second != nil, let firstPeriod {
            guard period == nil || period == firstPeriod else { return nil }
            period = firstPeriod
        }
        scanner.skipSpaces()
        _ = scanner.consume(".")
        guard scanner.isAtEnd, let currency = marks.currency else { return nil }
        let decimalComma = CurrencyMark.writesDecimalComma(currency)

        var lowMultiplier = first.multiplier
        if let second, first.multiplier == 1, second.multiplier > 1 {
            // `$36-59K`: a suffix written once applies to both figures when the first is not
            // already the larger one as written.
            guard let low = first.number.value(decimalComma: decimalComma, multiplier: 1),
                  let high = second.number.value(decimalComma: decimalComma, multiplier: 1) else { return nil }
            if low <= high { lowMultiplier = second.multiplier }
        }
        guard let low = first.number.value(decimalComma: decimalComma, multiplier: lowMultiplier) else { return nil }
        guard let second else {
            switch opening {
            case .from: return Reading(min: low, max: nil, currency: currency, period: period)
            case .upTo: return Reading(min: nil, max: low, currency: currency, period: period)
            case .between: return nil
            case nil: return Reading(min: low, max: openEnd ? nil : low, currency: currency, period: period)
            }
        }
        guard let high = second.number.value(decimalComma: decimalComma, multiplier: second.multiplier), low <= high else { return nil }
        return Reading(min: low, max: high, currency: currency, period: period)
    }

    /// Currency marks, the figure, its `K` or `M`, and a currency mark after it.
    private static func figure(_ scanner: inout ByteScanner, _ marks: inout CurrencyMark.Agreement) -> Figure? {
        scanner.skipSpaces()
        // `$ 52,000`, `AUD $50`: a code and a symbol may both come first.
        for _ in 0..<2 {
            guard let mark = CurrencyMark.leading(&scanner) else { break }
            marks.add(mark)
            scanner.skipSpaces()
        }
        guard let number = WrittenFigure.read(&scanner) else { return nil }
        var multiplier = 1.0
        let suffix = scanner.index
        if scanner.consume("k") {
            multiplier = 1_000
        } else if scanner.consume("m") {
            // `M` for million, but the `m` of a word (`monthly`) is left for the period.
            if scanner.peek.map({ !isLetter($0) }) ?? true { multiplier = 1_000_000 } else { scanner.index = suffix }
        }
        let afterFigure = scanner.index
        scanner.skipSpaces()
        if let mark = CurrencyMark.trailing(&scanner) { marks.add(mark) } else { scanner.index = afterFigure }
        return Figure(number: number, multiplier: multiplier)
    }

    /// A label before the figure (`Price:`, `Salary`), skipped.
    private static func skipLabel(_ scanner: inout ByteScanner) {
        let start = scanner.index
        guard scanner.word(in: labels) != nil else { return }
        let afterWord = scanner.index
        _ = scanner.consume(":")
        guard scanner.index > afterWord || scanner.peek == 0x20 else { scanner.index = start; return }
        scanner.skipSpaces()
    }

    private static let labels: [StaticString] = ["price", "salary", "pay", "wage", "wages", "rate", "cost", "compensation"]

    private static func opening(_ scanner: inout ByteScanner) -> Opening? {
        guard let first = scanner.peek, isLetter(first) else { return nil }
        var found: Opening?
        if scanner.consume("from ") || scanner.consume("starting at ") || scanner.consume("starting from ")
            || scanner.consume("starts at ") || scanner.consume("at least ") {
            found = .from
        } else if scanner.consume("up to ") || scanner.consume("as much as ") {
            found = .upTo
        } else if scanner.consume("between ") {
            found = .between
        }
        scanner.skipSpaces()
        return found
    }

    /// A dash or `to` between two figures; after `between`, also `and`.
    private static func rangeSeparator(_ scanner: inout ByteScanner, afterBetween: Bool) -> Bool {
        if scanner.consumeRangeSeparator() { return true }
        guard afterBetween else { return false }
        let start = scanner.index
        scanner.skipSpaces()
        if scanner.consume("and "), !scanner.isAtEnd { return true }
        scanner.index = start
        return false
    }

    /// `+`, `and up`, `and above`, `or more`: the figure is a lower bound.
    private static func consumeOpenEnd(_ scanner: inout ByteScanner) -> Bool {
        scanner.consume("+") || scanner.consume("and up") || scanner.consume("and above") || scanner.consume("or more")
    }

    /// `per year`, `/yr`, `a month`, `an hour`, `annually`, `hourly`, `p.a.`, … or nil when absent.
    private static func period(_ scanner: inout ByteScanner) -> String? {
        guard let first = scanner.peek, isLetter(first) || first == 0x2F else { return nil }
        let start = scanner.index
        if scanner.consume("p.a.") || scanner.consume("p.a") || scanner.consume("p/a") { return "year" }
        if scanner.consume("p.h.") || scanner.consume("p/h") { return "hour" }
        if scanner.consume("per ") || scanner.consume("/") || scanner.consume("a ") || scanner.consume("an ") {
            scanner.skipSpaces()
            if let position = scanner.word(in: unitWords) { return unitPeriods[position] }
            scanner.index = start
            return nil
        }
        if let position = scanner.word(in: adverbWords) { return adverbPeriods[position] }
        scanner.index = start
        return nil
    }

    /// Words after `per`, `/`, `a`: each with its period at the same position.
    private static let unitWords: [StaticString] = ["year", "yr", "annum", "month", "mo", "mth", "week", "wk", "day", "hour", "hr", "h"]
    private static let unitPeriods = ["year", "year", "year", "month", "month", "month", "week", "week", "day", "hour", "hour", "hour"]
    /// Words that are a period by themselves.
    private static let adverbWords: [StaticString] = [
        "annually", "yearly", "annual", "pa", "monthly", "pcm", "weekly", "pw", "daily", "hourly", "ph",
    ]
    private static let adverbPeriods = ["year", "year", "year", "year", "month", "month", "week", "week", "day", "hour", "hour"]
}
