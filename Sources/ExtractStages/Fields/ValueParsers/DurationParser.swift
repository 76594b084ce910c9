import ExtractCore

/// A duration in months: `4 years` → {months: 48}, `18 months` → {months: 18},
/// `2-4 years` → {months: null, months_min: 24, months_max: 48}, `Less than 1 year` →
/// {months: null, months_min: 0, months_max: 12}, `6 weeks` → {months: 1.4}.
///
/// Years count 12 months, weeks 12/52 of a month (rounded to one decimal), days 12/365.
/// A range's first figure takes the unit of the second (`2-4 years`) unless it names its own.
public enum DurationParser: ValueParser {
    public static let name = "duration"
    public static let summary = "a duration in months: `2-4 years` → {months: null, months_min: 24, months_max: 48}"
    public static let objectKeys: [String]? = ["months", "months_min", "months_max"]

    /// What a duration reads as, in months.
    private enum Reading {
        case single(Double)
        case range(Double, Double)
        case lessThan(Double)
    }

    public static func parse(_ text: ArraySlice<UInt8>) -> Value? {
        switch read(text) {
        case nil: return nil
        case .single(let months): return .object([.init("months", numberValue(months))])
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
        guard let first = scanner.count() else { return nil }
        scanner.skipSpaces()
        var firstUnit = unit(&scanner)
        var second: Double?
        var secondUnit: Double?
        if !lessThan, scanner.consumeRangeSeparator() {
            guard let value = scanner.count() else { return nil }
            second = value
            scanner.skipSpaces()
            secondUnit = unit(&scanner)
            guard secondUnit != nil else { return nil }
            if firstUnit == nil { firstUnit = secondUnit }
        }
        guard let firstUnit else { return nil }
        scanner.skipSpaces()
        _ = scanner.consume(".")
        guard scanner.isAtEnd else { return nil }
        let low = months(first, firstUnit)
        if lessThan { return .lessThan(low) }
        if let second, let secondUnit {
            let high = months(second, secondUnit)
            guard low <= high else { return nil }
            return low == high ? .single(low) : .range(low, high)
        }
        return .single(low)
    }

    private static func months(_ count: Double, _ unit: Double) -> Double {
        (count * unit * 10).rounded() / 10
    }

    /// Months per unit for `years`, `yr`, `months`, `mo`, `weeks`, `days`.
    private static func unit(_ scanner: inout ByteScanner) -> Double? {
        guard let position = scanner.word(in: unitWords) else { return nil }
        return unitMonths[position]
    }

    private static let unitWords: [StaticString] = [
        "year", "years", "yr", "yrs", "month", "months", "mo", "mos", "week", "weeks", "wk", "wks", "day", "days",
    ]
    private static let unitMonths: [Double] = [12, 12, 12, 12, 1, 1, 1, 1, 12.0 / 52.0, 12.0 / 52.0, 12.0 / 52.0, 12.0 / 52.0,
                                               12.0 / 365.0, 12.0 / 365.0]
}
