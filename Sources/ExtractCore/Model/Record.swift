/// A small integer naming a field; assigned when the pipeline is built so workers never look up strings.
public struct FieldID: Hashable, Sendable, Comparable {
    public let index: Int
    public init(_ index: Int) { self.index = index }
    public static func < (a: FieldID, b: FieldID) -> Bool { a.index < b.index }
}

/// A small integer naming a section of a page, assigned at build time.
public struct SectionID: Hashable, Sendable {
    public let index: Int
    public init(_ index: Int) { self.index = index }
}

/// The record a document becomes: one value per declared field (by ``FieldID``), the source span of
/// each extracted value, and the diagnostics gathered on the way.
///
/// A field's value is held in one of two ways: in ``store`` (flat, what the built-in stages write
/// and the emitters read without building a tree), or as a ``Value`` (what
/// ``subscript(_:)`` sets, e.g. from another package's stage). Reading a field through
/// ``subscript(_:)`` or ``values`` gives its ``Value`` either way.
public struct Record: Sendable, Equatable {
    public var source: String
    /// Values set as ``Value``, by field; nil where the field is unset or held in ``store``.
    private var trees: [Value?]
    /// The flat values of the fields that ``roots`` points into.
    public var store: ValueStore
    /// The node of each field held in ``store``, by field.
    private var roots: [ValueStore.NodeID?]
    public var spans: [Span?]
    /// For list fields: the span of each item, in order.
    public var itemSpans: [[Span]?]
    /// Fields whose list ran into the point where the page was cut off, so it may lack items;
    /// totals and counts over them are not given.
    public var cutOff: [Bool]
    public var diagnostics: [Diagnostic]

    public init(source: String, fieldCount: Int) {
        self.source = source
        trees = Array(repeating: nil, count: fieldCount)
        store = ValueStore(reservingNodes: 256, bytes: 8_192)
        roots = Array(repeating: nil, count: fieldCount)
        spans = Array(repeating: nil, count: fieldCount)
        itemSpans = Array(repeating: nil, count: fieldCount)
        cutOff = Array(repeating: false, count: fieldCount)
        diagnostics = []
    }

    /// How many fields the record has room for.
    public var fieldCount: Int { roots.count }

    /// Every field's value (nil: unset), in ``FieldID`` order. Setting it replaces them all.
    public var values: [Value?] {
        get { (0..<trees.count).map { self[FieldID($0)] } }
        set {
            trees = newValue
            roots = Array(repeating: nil, count: newValue.count)
        }
    }

    public subscript(field: FieldID) -> Value? {
        get {
            if let root = roots[field.index] { return store.value(root) }
            return trees[field.index]
        }
        set {
            trees[field.index] = newValue
            roots[field.index] = nil
        }
    }

    /// The node of a field held in ``store``; nil when it is unset or held as a ``Value``.
    public func root(_ field: FieldID) -> ValueStore.NodeID? { roots[field.index] }

    /// Sets a field to a node of ``store``.
    public mutating func setRoot(_ node: ValueStore.NodeID, for field: FieldID) {
        roots[field.index] = node
        trees[field.index] = nil
    }

    /// Takes a field's value out of the record as a ``Value`` (leaving it unset), unless it is held
    /// in ``store``: for stages that rewrite a tree in place without copying it.
    public mutating func takeTree(_ field: FieldID) -> Value? {
        guard roots[field.index] == nil else { return nil }
        defer { trees[field.index] = nil }
        return trees[field.index]
    }

    public static func == (a: Record, b: Record) -> Bool {
        a.source == b.source && a.values == b.values && a.spans == b.spans && a.itemSpans == b.itemSpans
            && a.cutOff == b.cutOff && a.diagnostics == b.diagnostics
    }
}

/// The fields a pipeline produces: names, shapes and output order. Built once per run.
public struct Schema: Sendable, Equatable {
    public struct Field: Sendable, Equatable {
        public var id: FieldID
        public var name: String
        public var shape: Shape
        /// Whether the field may be null in a record (a value not found, a text not read).
        public var nullable: Bool
        public init(id: FieldID, name: String, shape: Shape, nullable: Bool = true) {
            self.id = id
            self.name = name
            self.shape = shape
            self.nullable = nullable
        }
    }
    /// Every field any stage provides, in FieldID order.
    public var fields: [Field] = []
    /// The fields written to output, in output order.
    public var output: [FieldID] = []

    public init() {}

    public func field(named name: String) -> Field? { fields.first { $0.name == name } }
    public var outputFields: [Field] { output.map { fields[$0.index] } }
}
