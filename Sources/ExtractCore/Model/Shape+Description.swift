extension Shape {
    /// The shape as `validate` prints it: a scalar by its type (`text`, `integer`, `number`,
    /// `boolean`, or `value` when undeclared), a list as `[item]`, and an object as `{key: …, …}`
    /// with every key its values have; `?` after a value that may be null.
    public func describe(nullable: Bool = false) -> String {
        let text: String
        switch self {
        case .scalar(let type): text = type == .any ? "value" : type.rawValue
        case .list(let item): text = "[" + item.describe() + "]"
        case .object(let members):
            text = "{" + members.map { "\($0.key): " + $0.shape.describe(nullable: $0.nullable) }.joined(separator: ", ") + "}"
        }
        return nullable ? text + "?" : text
    }
}
