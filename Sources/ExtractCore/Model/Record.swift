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
/// Every value lives in ``store``: flat buffers of plain data, so a page costs a handful of
/// allocations rather than one per string, list and object. The built-in stages build values in
/// the store directly (``setRoot(_:for:)``); setting a field to a ``Value``
/// (`record[field] = .integer(3)`, as a stage from another package may) copies it into the store.
/// Reading a field through ``subscript(_:)`` gives its ``Value``; the emitters read the store
/// through ``forEachOutputMember(schema:options:_:)`` without building one.
public struct Record: Sendable, Equatable {
    public var source: String
    /// Every value of the record; the fields are nodes of it (``root(_:)``).
    public var store: ValueStore
    /// The node of each field in ``store``, by field; nil where the field is unset.
    private var roots: [ValueStore.NodeID?]
    public var spans: [Span?]
    /// For list fields: the span of each item, in order.
    public var itemSpans: [[Span]?]
    public var diagnostics: [Diagnostic]

    public init(source: String, fieldCount: Int) {
        self.source = source
        store = ValueStore(reservingNodes: 256, bytes: 8_192)
        roots = Array(repeating: nil, count: fieldCount)
        spans = Array(repeating: nil, count: fieldCount)
        itemSpans = Array(repeating: nil, count: fieldCount)
        diagnostics = []
    }

    /// How many fields the record has room for.
    public var fieldCount: Int { roots.count }

    /// Every field's value (nil: unset), in ``FieldID`` order.
    public var values: [Value?] { (0..<roots.count).map { self[FieldID($0)] } }

    /// A field's value; setting it copies the value into ``store`` (nil unsets the field).
    public subscript(field: FieldID) -> Value? {
        get { roots[field.index].map { store.value($0) } }
        set {
            guard let newValue else {
                roots[field.index] = nil
                return
            }
            let node = store.append(newValue)
            roots[field.index] = node
        }
    }

    /// The node of a field in ``store``; nil when it is unset (or the record has no such field).
    public func root(_ field: FieldID) -> ValueStore.NodeID? {
        field.index < roots.count ? roots[field.index] : nil
    }

    /// Sets a field to a node of ``store``.
    public mutating func setRoot(_ node: ValueStore.NodeID, for field: FieldID) {
        roots[field.index] = node
    }

    public static func == (a: Record, b: Record) -> Bool {
        a.source == b.source && a.values == b.values && a.spans == b.spans && a.itemSpans == b.itemSpans
            && a.diagnostics == b.diagnostics
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
