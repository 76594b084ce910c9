import ExtractCore

/// Turns captured text into a typed value: `$36K-$59K` into `{min: 36000, max: 59000, …}`.
///
/// Parsers work on the UTF-8 bytes of one capture and never guess: text they cannot read gives
/// nil, which the fields stage turns into a null value plus a `fields.unparsed` diagnostic.
/// A parser declares the shape of what it yields (an object's keys and their types), so a template
/// can spread or select its keys (`"*": text | money`, `text | duration.months_min`), CSV knows its
/// columns and `schema` its types before any document is read. An object-valued parser gives
/// every key of its shape in every value, null where the text says nothing of it.
public protocol ValueParser: Sendable {
    /// The name used in templates: `text | money`.
    static var name: String { get }
    static var summary: String { get }
    /// The static shape of a value read (default: a scalar of undeclared type).
    static var shape: Shape { get }
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
}

/// The parsers a template may name. A value, like the stage registry: other packages add theirs.
public struct ValueParserRegistry: Sendable {
    public private(set) var parsers: [any ValueParser.Type]
    public init(_ parsers: [any ValueParser.Type]) { self.parsers = parsers }
    public func parser(named name: String) -> (any ValueParser.Type)? { parsers.first { $0.name == name } }
    public var names: [String] { parsers.map { $0.name } }

    public static let builtIn = ValueParserRegistry([
        StringParser.self, IntegerParser.self, DecimalParser.self, MoneyParser.self, PercentParser.self,
        PercentRangeParser.self, PercentLabelParser.self, DurationParser.self, SlugParser.self, AbbreviationsParser.self,
        StripAbbreviationsParser.self,
    ])
}
