/// An output format. Built once per run from the pipeline's schema; `encode` is called from
/// many workers at once, so an emitter holds no mutable state.
///
/// The runner writes `header()`, then each record's bytes with `separator` between them, then
/// `footer()`. Each format is one file (JSONEmitter, CSVEmitter, …) registered in an
/// ``EmitterRegistry``.
public protocol Emitter: Sendable {
    /// Name used with `--format`.
    static var format: String { get }
    /// File extensions (without dot) that select this format for `-o`.
    static var fileExtensions: [String] { get }
    static var summary: String { get }

    init(schema: Schema, options: EmitterOptions)
    func header() -> [UInt8]
    var separator: [UInt8] { get }
    /// Appends one record's bytes: the members ``Record/forEachOutputMember(schema:options:_:)``
    /// gives, in its order.
    func encode(_ record: Record, into output: inout [UInt8])
    func footer(recordCount: Int) -> [UInt8]
}

public struct EmitterOptions: Sendable {
    /// Include each field's source span (`_spans`).
    public var includeSpans: Bool
    /// How the CSV format writes formula-like text and flattened column names.
    public var csv: CSVOptions
    public init(includeSpans: Bool = false, csv: CSVOptions = CSVOptions()) {
        self.includeSpans = includeSpans
        self.csv = csv
    }
}
