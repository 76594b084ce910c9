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
public struct Record: Sendable, Equatable {
    public var source: String
    public var values: [Value?]
    public var spans: [Span?]
    /// For list fields: the span of each item, in order.
    public var itemSpans: [[Span]?]
    /// Fields whose list ran into the point where the page was cut off, so it may lack items;
    /// totals and counts over them are not given.
    public var cutOff: [Bool]
    public var diagnostics: [Diagnostic]

    public init(source: String, fieldCount: Int) {
        self.source = source
        values = Array(repeating: nil, count: fieldCount)
        spans = Array(repeating: nil, count: fieldCount)
        itemSpans = Array(repeating: nil, count: fieldCount)
        cutOff = Array(repeating: false, count: fieldCount)
        diagnostics = []
    }

    public subscript(field: FieldID) -> Value? {
        get { values[field.index] }
        set { values[field.index] = newValue }
    }
}

/// The fields a pipeline produces: names, shapes and output order. Built once per run.
public struct Schema: Sendable, Equatable {
    public struct Field: Sendable, Equatable {
        public var id: FieldID
        public var name: String
        public var shape: Shape
        public init(id: FieldID, name: String, shape: Shape) {
            self.id = id
            self.name = name
            self.shape = shape
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
