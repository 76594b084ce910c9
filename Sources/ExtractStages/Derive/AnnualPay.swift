import ExtractCore

/// Yearly figures from a money object (`{min, max, currency, period}`), so pay written per hour,
/// week or month can be compared and averaged across pages.
///
/// Factors: an hour × 2,080 (40 hours × 52 weeks), a day × 260 (5 days × 52 weeks), a week × 52,
/// a month × 12, a year × 1. An unknown or absent period gives null figures: a yearly figure
/// that may be wrong by a factor of 2,080 is not given. An open end stays null; amounts with
/// cents are rounded to the cent. The currency is the money object's own.
enum AnnualPay {
    /// Periods and their factors, in the same order.
    private static let periods: [StaticString] = ["hour", "day", "week", "month", "year"]
    private static let factors: [Double] = [2080, 260, 52, 12, 1]

    /// The keys a field must have to be read, and the keys of the value given.
    static let requiredKeys = ["min", "max", "period"]
    static let keys = ["min", "max"]
    static var shape: Shape { .object(keys.map { .init($0, .scalar(.number)) }) }

    /// The yearly figures of the money object at `root`; both nil when it is no money object or
    /// its period is unknown.
    static func figures(_ store: ValueStore, _ root: ValueStore.NodeID) -> (min: Double?, max: Double?) {
        guard store.kind(root) == .object, let periodNode = store.member("period", of: root),
              let factor = store.withStringBytes(periodNode, factor(of:)) ?? nil else { return (nil, nil) }
        func yearly(_ key: String) -> Double? {
            guard let node = store.member(key, of: root) else { return nil }
            guard let amount = store.integer(node).map(Double.init) ?? store.decimal(node) else { return nil }
            return (amount * factor * 100).rounded() / 100
        }
        return (yearly("min"), yearly("max"))
    }

    /// `{min, max}` for the figures, written into `store`.
    static func node(_ figures: (min: Double?, max: Double?), in store: inout ValueStore) -> ValueStore.NodeID {
        let object = store.beginObject()
        store.addMember("min", figures.min.map { numberNode($0, in: &store) } ?? ValueStore.null)
        store.addMember("max", figures.max.map { numberNode($0, in: &store) } ?? ValueStore.null)
        return store.endObject(object)
    }

    private static func factor(of period: UnsafeBufferPointer<UInt8>) -> Double? {
        for (position, name) in periods.enumerated() where name.utf8CodeUnitCount == period.count {
            if (0..<period.count).allSatisfy({ name.utf8Start[$0] == period[$0] }) { return factors[position] }
        }
        return nil
    }
}
