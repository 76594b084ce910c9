import ExtractCore

/// Yearly figures from a money object (`{min, max, currency, period}`), so pay written per hour,
/// week or month can be compared and averaged across pages.
///
/// Factors: an hour × 2,080 (40 hours × 52 weeks), a day × 260 (5 days × 52 weeks), a week × 52,
/// a month × 12, a year × 1. An unknown or absent period gives null figures: a yearly figure
/// that may be wrong by a factor of 2,080 is not given. An open end stays null; amounts with
/// cents are rounded to the cent. The currency is the money object's own.
enum AnnualPay {
    static let factors: [String: Double] = ["hour": 2080, "day": 260, "week": 52, "month": 12, "year": 1]

    /// The keys a field must have to be read, and the keys of the value given.
    static let requiredKeys = ["min", "max", "period"]
    static let keys = ["min", "max"]
    static var shape: Shape { .object(keys.map { .init($0, .scalar) }) }

    /// `{min, max}` per year for the money object at `root`; both null when it is no money
    /// object or its period is unknown.
    static func value(_ store: ValueStore, _ root: ValueStore.NodeID) -> Value {
        guard store.kind(root) == .object, let periodNode = store.member("period", of: root),
              let period = store.string(periodNode), let factor = factors[period] else { return nullValue }
        func yearly(_ key: String) -> Value {
            guard let node = store.member(key, of: root) else { return .null }
            let amount: Double
            if let whole = store.integer(node) { amount = Double(whole) } else if let decimal = store.decimal(node) { amount = decimal } else { return .null }
            return numberValue((amount * factor * 100).rounded() / 100)
        }
        return .object([.init("min", yearly("min")), .init("max", yearly("max"))])
    }

    static let nullValue = Value.object([.init("min", .null), .init("max", .null)])
}
