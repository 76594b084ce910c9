import ExtractCore

/// The shapes an `exec` stage declares for the fields it provides, and the check of each value
/// its program answers with against them.
///
/// Written in `provides:` as `scalar` (a string, number, bool or null), `list` (of scalars),
/// `object` (any keys), `[SHAPE]` (a list of SHAPE) or `{key: SHAPE, ...}` (an object with
/// those keys). Null fits every shape but a list item's (lists hold no nulls, as every stage's):
/// it is how a program says it found nothing. A declared key an object lacks is written as null
/// (``completed(_:_:)``), so its objects have the same keys on every page.
enum ExecShape {
    static let expected = "scalar, list, object, [SHAPE] (a list of SHAPE) or {key: SHAPE, ...} (an object with those keys)"

    /// The shape written at `node`; reported (and nil) when it is none of the forms above.
    static func read(_ node: ConfigNode) -> Shape? {
        switch node.node {
        case .scalar:
            switch node.string() {
            case "scalar": return .scalar
            case "list": return .list(.scalar)
            case "object": return .object([])
            case let word?:
                node.report("unknown shape '\(word)' for \(node.path)" + didYouMean(word, ["scalar", "list", "object"]), expected: expected)
                return nil
            case nil: return nil
            }
        case .sequence:
            guard let items = node.list(), items.count == 1 else {
                node.report("a list shape names the shape of its items once, found \(node.list()?.count ?? 0)", expected: "[SHAPE], e.g. [scalar]")
                return nil
            }
            return read(items[0]).map(Shape.list)
        case .mapping:
            guard let entries = node.entries() else { return nil }
            var members: [Shape.Member] = []
            for entry in entries {
                if let shape = read(entry.value) { members.append(Shape.Member(entry.key, shape)) }
            }
            return members.count == entries.count ? .object(members) : nil
        case .alias:
            node.report("\(node.path) must be a shape, found \(node.snippet)", expected: expected)
            return nil
        }
    }

    /// Why `value` does not fit `shape` (`"tags[2] must be a scalar, found a list"`), or nil when it fits.
    static func mismatch(_ value: Value, _ shape: Shape, path: String) -> String? {
        switch (shape, value) {
        case (_, .null): return nil
        case (.scalar, .list), (.scalar, .object): break
        case (.scalar, _): return nil
        case (.list(let item), .list(let items)):
            for (index, element) in items.enumerated() {
                if element == .null { return "\(path)[\(index)] is null, and list items never are" }
                if let problem = mismatch(element, item, path: "\(path)[\(index)]") { return problem }
            }
            return nil
        case (.object(let members), .object(let pairs)):
            guard !members.isEmpty else { return nil }
            for pair in pairs {
                guard let member = members.first(where: { $0.key == pair.key }) else {
                    return "\(path) has key '\(pair.key)', which is not declared (declared: \(members.map(\.key).joined(separator: ", ")))"
                }
                if let problem = mismatch(pair.value, member.shape, path: "\(path).\(pair.key)") { return problem }
            }
            return nil
        case (.list, _), (.object, _): break
        }
        return "\(path) must be \(describe(shape)), found \(kind(value))"
    }

    /// `value` (which fits `shape`) with every key of its declared objects, in the declared order,
    /// null where the program gave none.
    static func completed(_ value: Value, _ shape: Shape) -> Value {
        switch (shape, value) {
        case (.list(let item), .list(let items)):
            return .list(items.map { completed($0, item) })
        case (.object(let members), .object(let pairs)) where !members.isEmpty:
            return .object(members.map { member in
                Value.Member(member.key, pairs.first { $0.key == member.key }.map { completed($0.value, member.shape) } ?? .null)
            })
        default:
            return value
        }
    }

    /// A shape in words, for messages: `a scalar`, `a list of objects {name, months}`.
    static func describe(_ shape: Shape) -> String {
        switch shape {
        case .scalar: "a scalar"
        case .list(let item): "a list of " + plural(item)
        case .object(let members): "an object" + keys(members)
        }
    }

    /// `lists of scalars`, `objects {a, b}`.
    private static func plural(_ shape: Shape) -> String {
        switch shape {
        case .scalar: "scalars"
        case .list(let item): "lists of " + plural(item)
        case .object(let members): "objects" + keys(members)
        }
    }

    private static func keys(_ members: [Shape.Member]) -> String {
        members.isEmpty ? "" : " {" + members.map(\.key).joined(separator: ", ") + "}"
    }

    private static func kind(_ value: Value) -> String {
        switch value {
        case .null: "null"
        case .bool: "a bool"
        case .integer, .decimal: "a number"
        case .string: "a string"
        case .list: "a list"
        case .object: "an object"
        }
    }
}
