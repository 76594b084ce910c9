/// Turns captured text into a typed value: `$36K-$59K` into `{min: 36000, max: 59000, …}`.
///
/// Parsers work on the UTF-8 bytes of one capture and never guess: text they cannot read gives
/// nil, which the fields stage turns into a null value plus a `fields.unparsed` diagnostic.
/// A parser declares the shape of what it yields (an object's keys and their types), so a template
/// can spread or select its keys (`"*": text | money`, `text | duration.months_min`), CSV knows its
/// columns and `schema` its types before any document is read. An object-valued parser gives
/// every key of its shape in every value, null where the text says nothing of it.
/// Parsers are registered in a ``ValueParserRegistry``; the built-in ones and one from another
/// package alike are named in templates (`text | money`) and in `derive` (`parse: money`).
public protocol ValueParser: Sendable {
    /// The name used in templates: `text | money`.
    static var name: String { get }
    static var summary: String { get }
    /// The static shape of a value read (default: a scalar of undeclared type).
    static var shape: Shape { get }
    /// Texts and what they parse to (nil: refused), documenting the parser; the conformance kit
    /// checks that each parses to its stated value. Empty by default.
    static var examples: [ValueParserExample] { get }
    /// The value for the bytes, or nil when they cannot be read.
    static func parse(_ text: ArraySlice<UInt8>) -> Value?
    /// As ``parse(_:)``, written into a record's store (what the fields stage uses). The default
    /// copies what ``parse(_:)`` gives; parsers that run for many items of a page write their
    /// value straight into the store instead.
    static func parse(_ text: ArraySlice<UInt8>, into store: inout ValueStore) -> ValueStore.NodeID?
}

extension ValueParser {
    public static func parse(_ text: ArraySlice<UInt8>, into store: inout ValueStore) -> ValueStore.NodeID? {
        parse(text).map { store.append($0) }
    }
    public static var shape: Shape { .scalar }
    public static var examples: [ValueParserExample] { [] }
}

/// One documented reading of a value parser: `$36K-$59K` gives `{min: 36000, max: 59000, …}`.
public struct ValueParserExample: Sendable, Equatable {
    /// The text as a capture would hold it.
    public var text: String
    /// What the parser gives for it; nil when the parser must refuse it.
    public var value: Value?

    public init(_ text: String, _ value: Value?) {
        self.text = text
        self.value = value
    }
}
