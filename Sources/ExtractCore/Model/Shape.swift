/// The static shape of a field, known when the pipeline is built, before any document is read.
///
/// Emitters that need columns up front (CSV) read it; `validate` prints it.
public indirect enum Shape: Sendable, Equatable {
    /// A string, number, bool or null.
    case scalar
    /// A list whose items have the given shape.
    case list(Shape)
    /// An object whose keys (in order) and shapes are known.
    case object([Member])

    public struct Member: Sendable, Equatable {
        public var key: String
        public var shape: Shape
        public init(_ key: String, _ shape: Shape) {
            self.key = key
            self.shape = shape
        }
    }

    /// The shape of `key` in an object shape.
    public subscript(key: String) -> Shape? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.shape
    }
}
