/// The value parsers a template or a `derive` rule may name. A value, like the stage registry:
/// the built-in parsers are one list (`ValueParserRegistry.builtIn` in ExtractStages) and other
/// packages add theirs with ``adding(_:)``. The builder hands it to stages through the
/// ``BuildContext``; it is consulted only while a pipeline is built.
public struct ValueParserRegistry: Sendable {
    public private(set) var parsers: [any ValueParser.Type]

    public init(_ parsers: [any ValueParser.Type] = []) {
        self.parsers = []
        for parser in parsers { self = self.adding(parser) }
    }

    /// A registry with `parser` added; a name registered twice keeps the later registration, in
    /// the earlier one's place.
    public func adding(_ parser: any ValueParser.Type) -> ValueParserRegistry {
        var copy = self
        copy.parsers = parsers.registering(parser) { $0.name == parser.name }
        return copy
    }

    public func parser(named name: String) -> (any ValueParser.Type)? { parsers.first { $0.name == name } }
    public var names: [String] { parsers.map { $0.name } }
}
