extension Shape {
    /// The shape as `validate` prints it: a scalar by its type (`text`, `integer`, `number`,
    /// `boolean`, or `value` when undeclared), a list as `[item]`, and an object as `{key: …, …}`
    /// with every key its values have; `?` after a value that may be null. Outside lists an
    /// object is never null (``isNeverNull(inList:)``): where it may be absent, its keys may all be.
    public func describe(nullable: Bool = false, inList: Bool = false) -> String {
        let text: String
        switch self {
        case .scalar(let type): text = type == .any ? "value" : type.rawValue
        case .list(let item): text = "[" + item.describe(inList: true) + "]"
        case .object(let members):
            let absentAsNulls = nullable && isNeverNull(inList: inList)
            text = "{" + members.map { "\($0.key): " + $0.shape.describe(nullable: $0.nullable || absentAsNulls, inList: inList) }
                .joined(separator: ", ") + "}"
        }
        return nullable && !isNeverNull(inList: inList) ? text + "?" : text
    }
}
