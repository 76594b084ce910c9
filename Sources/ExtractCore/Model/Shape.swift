/// The static shape of a field, known when the pipeline is built, before any document is read.
///
/// Emitters that need columns up front (CSV) read it; `validate` prints it and `schema` turns it
/// into a JSON Schema. A shape describes a value that is there: whether null may stand in its
/// place is said where it stands (``Member/nullable``, ``Schema/Field/nullable``). List items are
/// never null (stages leave null items out).
public indirect enum Shape: Sendable, Equatable {
    /// A string, number or bool, of the given type.
    case scalar(Scalar)
    /// A list whose items have the given shape.
    case list(Shape)
    /// An object whose keys (in order) and shapes are known: every value of this shape has
    /// exactly these keys.
    case object([Member])

    /// What a scalar is.
    public enum Scalar: String, Sendable, Equatable, CaseIterable {
        case text
        case integer
        /// An integer or a decimal.
        case number
        case boolean
        /// Not declared: any of the above (a stage from another package may say no more).
        case any
    }

    /// A scalar whose type is not declared.
    public static var scalar: Shape { .scalar(.any) }

    public struct Member: Sendable, Equatable {
        public var key: String
        public var shape: Shape
        /// Whether the key's value may be null.
        public var nullable: Bool
        public init(_ key: String, _ shape: Shape, nullable: Bool = true) {
            self.key = key
            self.shape = shape
            self.nullable = nullable
        }
    }

    /// The shape of `key` in an object shape.
    public subscript(key: String) -> Shape? {
        member(key)?.shape
    }

    /// The member named `key` of an object shape.
    public func member(_ key: String) -> Member? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }
    }

    /// The keys of an object shape, in order; nil for anything else.
    public var keys: [String]? {
        guard case .object(let members) = self else { return nil }
        return members.map(\.key)
    }
}
