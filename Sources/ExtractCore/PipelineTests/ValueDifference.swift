/// One place where a produced value differs from the expected one, for a test's diff.
public struct ValueDifference: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// The value at ``path`` is not the expected one.
        case changed(expected: Value, produced: Value)
        /// An expected list item that no produced item equals.
        case missing(Value)
        /// A produced list item that no expected item equals.
        case extra(Value)
        /// The list holds the expected items, in another order.
        case reordered
    }

    /// Where, inside the field: `""` (the whole value), `.period`, `[2].duration_months`.
    public var path: String
    public var kind: Kind
    /// The index of the field's produced list item the difference is in, when the field is a
    /// list: its span is where the page says it.
    public var item: Int?

}

/// How a test compares what it expects with what the pipeline produced.
///
/// Values are equal when they are of one kind and equal by value: numbers compare as numbers
/// (48 equals 48.0), but `"48"` is no number; lists item by item, in order; objects key by key
/// in any order, a key that is null counting as a key left out (so `{months: 18, text: …}`
/// equals `{months: 18, months_min: null, months_max: null, text: …}`).
public enum ValueComparison {
    public static func equal(_ expected: Value, _ produced: Value) -> Bool {
        switch (expected, produced) {
        case (.integer(let x), .decimal(let y)), (.decimal(let y), .integer(let x)): return Double(x) == y
        case (.list(let x), .list(let y)): return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
        case (.object(let x), .object(let y)):
            return keys(x, y).allSatisfy { equal(member($0, of: x), member($0, of: y)) }
        default: return expected == produced
        }
    }

    /// Where `produced` differs from `expected`; empty when they are equal.
    ///
    /// Objects are followed key by key, and lists of equal length item by item; lists of other
    /// lengths give the expected items that are missing and the produced ones that are extra; a
    /// list holding the expected items in another order gives ``ValueDifference/Kind/reordered``.
    public static func differences(_ expected: Value, _ produced: Value) -> [ValueDifference] {
        differences(expected, produced, path: "", item: nil, top: true)
    }

    private static func differences(_ expected: Value, _ produced: Value, path: String, item: Int?, top: Bool) -> [ValueDifference] {
        guard !equal(expected, produced) else { return [] }
        switch (expected, produced) {
        case (.object(let x), .object(let y)):
            return keys(x, y).flatMap { key in
                differences(member(key, of: x), member(key, of: y), path: path + "." + key, item: item, top: false)
            }
        case (.list(let x), .list(let y)):
            var unmatched = Array(y.indices)
            var missing: [ValueDifference] = []
            for value in x {
                if let position = unmatched.firstIndex(where: { equal(value, y[$0]) }) {
                    unmatched.remove(at: position)
                } else {
                    missing.append(ValueDifference(path: path, kind: .missing(value), item: item))
                }
            }
            if missing.isEmpty && unmatched.isEmpty { return [ValueDifference(path: path, kind: .reordered, item: item)] }
            if x.count == y.count {
                return x.indices.flatMap { index in
                    differences(x[index], y[index], path: path + "[\(index)]", item: top ? index : item, top: false)
                }
            }
            return missing + unmatched.map { ValueDifference(path: path + "[\($0)]", kind: .extra(y[$0]), item: top ? $0 : item) }
        default:
            return [ValueDifference(path: path, kind: .changed(expected: expected, produced: produced), item: item)]
        }
    }

    /// The keys of two objects: the first's in order, then the second's others.
    private static func keys(_ x: [Value.Member], _ y: [Value.Member]) -> [String] {
        var keys = x.map(\.key)
        for member in y where !keys.contains(member.key) { keys.append(member.key) }
        return keys
    }

    private static func member(_ key: String, of members: [Value.Member]) -> Value {
        members.first { $0.key == key }?.value ?? .null
    }
}
