/// Compares produced records with expected ones, field by field, for `extract eval`.
///
/// A field is exact when the values are equal (numbers compare by value, so 48 equals 48.0);
/// missing when the expected value is not null or empty and nothing was produced; wrong
/// otherwise (including a value produced where null was expected). Lists are also compared
/// item by item, so one missing bullet costs one item, not the whole list: an item counts as
/// matched when an equal item is in the other list (each used once). `diagnostics` are compared
/// by `{stage, field, code}`, not by message wording, as one more list field (its items count in
/// the list precision and recall): a missing one counts as `[]`, and a document that has none on
/// either side does not count it. `source` is not compared.
public struct EvaluationReport: Sendable {
    public struct FieldTally: Sendable, Equatable {
        public var exact = 0
        public var wrong = 0
        public var missing = 0
        public var expectedItems = 0
        public var producedItems = 0
        public var matchedItems = 0
        public var isList = false

        public var compared: Int { exact + wrong + missing }
        public var precision: Double? { producedItems > 0 ? Double(matchedItems) / Double(producedItems) : (isList ? 1 : nil) }
        public var recall: Double? { expectedItems > 0 ? Double(matchedItems) / Double(expectedItems) : (isList ? 1 : nil) }
    }

    public struct Mismatch: Sendable {
        public var source: String
        public var field: String
        public var kind: String
        public var expected: Value
        public var produced: Value
    }

    public private(set) var fieldOrder: [String] = []
    public private(set) var fields: [String: FieldTally] = [:]
    public private(set) var mismatches: [Mismatch] = []
    /// Documents with a record compared (a split page counts once, however many records it gave).
    public var documents = 0
    /// Records compared (``add(source:produced:expected:)`` calls).
    public private(set) var records = 0
    /// The source of each record compared, in order.
    public private(set) var comparedSources: [String] = []
    /// Sources of records that have no expected record.
    public var withoutExpected: [String] = []
    /// Expected records that no record was compared with (pieces a split page did not give).
    public var withoutRecord: [String] = []
    public var failed: [String] = []

    public init() {}

    /// Fraction of compared fields that are exact (1 when nothing was compared).
    public var accuracy: Double {
        let compared = fields.values.reduce(0) { $0 + $1.compared }
        let exact = fields.values.reduce(0) { $0 + $1.exact }
        return compared == 0 ? 1 : Double(exact) / Double(compared)
    }

    public var exactFields: Int { fields.values.reduce(0) { $0 + $1.exact } }
    public var comparedFields: Int { fields.values.reduce(0) { $0 + $1.compared } }

    /// Precision and recall over the items of every list field together.
    public var itemPrecision: Double {
        let produced = fields.values.reduce(0) { $0 + $1.producedItems }
        return produced == 0 ? 1 : Double(fields.values.reduce(0) { $0 + $1.matchedItems }) / Double(produced)
    }
    public var itemRecall: Double {
        let expected = fields.values.reduce(0) { $0 + $1.expectedItems }
        return expected == 0 ? 1 : Double(fields.values.reduce(0) { $0 + $1.matchedItems }) / Double(expected)
    }

    /// Adds one document: the produced record's members against the expected record's.
    public mutating func add(source: String, produced: [Value.Member], expected: [Value.Member]) {
        records += 1
        comparedSources.append(source)
        var keys = expected.map(\.key)
        for member in produced where !keys.contains(member.key) { keys.append(member.key) }
        for key in keys where key != "source" && key != "_spans" {
            var want = expected.first { $0.key == key }?.value ?? (key == "diagnostics" ? .list([]) : .null)
            var got = produced.first { $0.key == key }?.value ?? (key == "diagnostics" ? .list([]) : .null)
            if key == "diagnostics" {
                // A clean page expected clean is not scored: records write `diagnostics: []`
                // whether or not the expected record bothers to.
                if Self.isEmpty(want) && Self.isEmpty(got) { continue }
                want = Self.diagnosticKeys(want)
                got = Self.diagnosticKeys(got)
            }
            if !fieldOrder.contains(key) { fieldOrder.append(key) }
            var tally = fields[key] ?? FieldTally()
            if case .list(let wantItems) = want {
                tally.isList = true
                let gotItems: [Value]
                if case .list(let items) = got { gotItems = items } else { gotItems = [] }
                tally.expectedItems += wantItems.count
                tally.producedItems += gotItems.count
                tally.matchedItems += Self.matched(wantItems, gotItems)
            }
            let kind: String
            if Self.equal(want, got) {
                tally.exact += 1
                kind = ""
            } else if !Self.isEmpty(want) && Self.isEmpty(got) {
                tally.missing += 1
                kind = "missing"
            } else {
                tally.wrong += 1
                kind = "wrong"
            }
            fields[key] = tally
            if !kind.isEmpty { mismatches.append(Mismatch(source: source, field: key, kind: kind, expected: want, produced: got)) }
        }
    }

    static func isEmpty(_ value: Value) -> Bool {
        switch value {
        case .null: return true
        case .list(let items): return items.isEmpty
        default: return false
        }
    }

    /// How many items of `expected` have an equal item in `produced`, each used once.
    static func matched(_ expected: [Value], _ produced: [Value]) -> Int {
        var available = produced
        var count = 0
        for item in expected {
            if let position = available.firstIndex(where: { equal($0, item) }) {
                available.remove(at: position)
                count += 1
            }
        }
        return count
    }

    /// Diagnostics reduced to what is compared: `{stage, field, code}`.
    static func diagnosticKeys(_ value: Value) -> Value {
        guard case .list(let items) = value else { return value }
        return .list(items.map { item in
            .object(["stage", "field", "code"].map { Value.Member($0, item[$0] ?? .null) })
        })
    }

    /// Structural equality where numbers compare by value.
    public static func equal(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.integer(let x), .decimal(let y)), (.decimal(let y), .integer(let x)): return Double(x) == y
        case (.list(let x), .list(let y)): return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
        case (.object(let x), .object(let y)):
            return x.count == y.count && x.allSatisfy { member in y.contains { $0.key == member.key && equal($0.value, member.value) } }
        default: return a == b
        }
    }
}
