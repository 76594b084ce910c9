import ExtractCore

/// A duration in months: `4 years` → {months: 48, months_min: null, months_max: null},
/// `2-4 years` → {months: null, months_min: 24, months_max: 48}, `Less than 1 year` →
/// {months: null, months_min: 0, months_max: 12}, `6 weeks` → {months: 1.4, …}.
///
/// Years count 12 months, weeks 12/52 of a month (rounded to one decimal), days 12/365.
/// A range's first figure takes the unit of the second (`2-4 years`) unless it names its own.
/// Counts may be words up to ninety-nine (`twenty-one years`, `six weeks'`), joined to the unit by
/// a hyphen (`two-year program`), and take a half (`a year and a half`, `one and a half years`:
/// 18). `18-24 mo.` is a range. After the unit, a possessive apostrophe and one word naming what
/// lasts that long (`program`, `course`, `degree`, `training`, …) may follow.
public enum DurationParser: ValueParser {
    public static let name = "duration"
    public static let summary = "a duration in months: `4 years` → {months: 48, months_min: null, months_max: null}; `2-4 years` → {months: null, months_min: 24, months_max: 48}; `twenty-one years`, `two-year program`, `a year and a half`"
    /// Every value has all three keys: `months` null for a range, `months_min` and `months_max`
    /// null for a single figure.
    public static let shape = Shape.object(["months", "months_min", "months_max"].map { .init($0, .scalar(.number)) })
    public static let examples = [
        ValueParserExample("4 years", .object([.init("months", 48), .init("months_min", nil), .init("months_max", nil)])),
        ValueParserExample("2-4 years", .object([.init("months", nil), .init("months_min", 24), .init("months_max", 48)])),
        ValueParserExample("6 weeks", .object([.init("months", 1.4), .init("months_min", nil), .init("months_max", nil)])),
        ValueParserExample("a year and a half", .object([.init("months", 18), .init("months_min", nil), .init("months_max", nil)])),
        ValueParserExample("4 parsecs", nil),
    ]

    /// What a duration reads as, in months.
    private enum Reading {
        case single(Double)
        case range(Double, Double)
        case lessThan(Double)
    }

    public static func parse(_ text: ArraySlice<UInt8>) -> Value? {
        switch read(text) {
        case nil: return nil
        case .single(let months):
            return .object([.init("months", numberValue(months)), .init("months_min", .null), .init("months_max", .null)])
        case .range(let low, let high):
            return .object([.init("months", .null), .init("months_min", numberValue(low)), .init("months_max", numberValue(high))])
        case .lessThan(let high):
            return .object([.init("months", .null), .init("months_min", .integer(0)), .init("months_max", numberValue(high))])
        }
    }

    public static func parse(_ text: ArraySlice<UInt8>, into store: inout ValueStore) -> ValueStore.NodeID? {
        guard let reading = read(text) else { return nil }
        let object = store.beginObject()
        switch reading {
        case .single(let months):
            store.addMember("months", numberNode(months, in: &store))
            store.addMember("months_min", ValueStore.null)
            store.addMember("months_max", ValueStore.null)
        case .range(let low, let high):
            store.addMember("months", ValueStore.null)
            store.addMember("months_min", numberNode(low, in: &store))
            store.addMember("months_max", numberNode(high, in: &store))
        case .lessThan(let high):
            store.addMember("months", ValueStore.null)
            store.addMember("months_min", store.integer(0))
            store.addMember("months_max", numberNode(high, in: &store))
        }
        return store.endObject(object)
    }

    private static func read(_ text: ArraySlice<UInt8>) -> Reading? {
        var scanner = ByteScanner(trimmed(text))
        var lessThan = false
        if scanner.consume("less than ") || scanner.consume("under ") || scanner.consume("up to ") {
            lessThan = true
            scanner.skipSpaces()
        }
        guard let first = figure(&scanner) else { return nil }
        var firstUnit = first.unit
        var second: (count: Double, unit: Double?)?
        if !lessThan, scanner.consumeRangeSeparator() {
            guard let figure = figure(&scanner), figure.unit != nil else { return nil }
            second = figure
            if firstUnit == nil { firstUnit = figure.unit }
        }
        guard let firstUnit else { return nil }
        if !scanner.isAtEnd {
            // `six weeks' training`, `two-year program`, `18-24 mo.`
            if !scanner.consume("'") { _ = scanner.consume("\u{2019}") }
            scanner.skipSpaces()
            _ = scanner.word(in: trailingNouns)
            scanner.skipSpaces()
            _ = scanner.consume(".")
            guard scanner.isAtEnd else { return nil }
        }
        let low = months(first.count, firstUnit)
        if lessThan { return .lessThan(low) }
        if let second, let secondUnit = second.unit {
            let high = months(second.count, secondUnit)
            guard low <= high else { return nil }
            return low == high ? .single(low) : .range(low, high)
        }
        return .single(low)
    }

    /// A count and its unit, if written: `4 years`, `twenty-one years`, `two-year`, `one and a
    /// half years`, `a year and a half`, or a bare `2` before a range's dash.
    private static func figure(_ scanner: inout ByteScanner) -> (count: Double, unit: Double?)? {
        guard var count = scanner.count() else { return nil }
        if andAHalf(&scanner) { count += 0.5 }
        scanner.skipSpaces()
        let unit = self.unit(&scanner)
        if unit != nil, andAHalf(&scanner) { count += 0.5 }
        scanner.skipSpaces()
        return (count, unit)
    }

    /// ` and a half`, consumed when it comes next as words of their own.
    private static func andAHalf(_ scanner: inout ByteScanner) -> Bool {
        let start = scanner.index
        scanner.skipSpaces()
        if scanner.peek.map({ $0 | 0x20 == 0x61 }) ?? false, scanner.consume("and a half"),
           scanner.peek.map({ !isLetter($0) }) ?? true { return true }
        scanner.index = start
        return false
    }

    /// What a duration may qualify: `two-year program`, `six weeks' training`.
    private static let trailingNouns: [StaticString] = [
        "program", "programme", "course", "degree", "training", "apprenticeship", "internship", "residency",
        "certificate", "diploma",
    ]

    private static func months(_ count: Double, _ unit: Double) -> Double {
        (count * unit * 10).rounded() / 10
    }

    /// Months per unit for `years`, `yr`, `months`, `mo`, `weeks`, `days`.
    /// A hyphen may join the unit to its count (`two-year`, `6-month`).
    private static func unit(_ scanner: inout ByteScanner) -> Double? {
        let start = scanner.index
        if scanner.peek == 0x2D { scanner.index += 1 }
        guard let position = scanner.word(in: unitWords) else {
            scanner.index = start
            return nil
        }
        return unitMonths[position]
    }

    private static let unitWords: [StaticString] = [
        "year", "years", "yr", "yrs", "month", "months", "mo", "mos", "week", "weeks", "wk", "wks", "day", "days",
    ]
    private static let unitMonths: [Double] = [12, 12, 12, 12, 1, 1, 1, 1, 12.0 / 52.0, 12.0 / 52.0, 12.0 / 52.0, 12.0 / 52.0,
                                               12.0 / 365.0, 12.0 / 365.0]
}
