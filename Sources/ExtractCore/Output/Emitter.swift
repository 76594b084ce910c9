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
    /// Appends one record's bytes.
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

extension Record {
    /// The record as an ordered object in output order: `schema.output` fields, then `diagnostics`
    /// (`[]` when there is none, so every record has the same keys), and `_spans` when asked for.
    /// What every emitter writes.
    public func outputObject(schema: Schema, options: EmitterOptions = EmitterOptions()) -> [Value.Member] {
        var members: [Value.Member] = []
        members.reserveCapacity(schema.output.count + 2)
        for id in schema.output {
            members.append(Value.Member(schema.fields[id.index].name, self[id] ?? .null))
        }
        members.append(contentsOf: outputTrailingMembers(schema: schema, options: options))
        return members
    }

    /// The members ``outputObject(schema:options:)`` puts after the fields: `diagnostics`, and
    /// `_spans` when asked for. An emitter can write the fields straight from `values` and only
    /// build these (for a record without diagnostics or spans, just an empty list).
    public func outputTrailingMembers(schema: Schema, options: EmitterOptions = EmitterOptions()) -> [Value.Member] {
        var members: [Value.Member] = [Value.Member("diagnostics", .list(diagnostics.map { $0.value }))]
        if options.includeSpans {
            var spanMembers: [Value.Member] = []
            // A field's span is [start, end] in the original bytes; a list field's is one per item.
            for id in schema.output {
                let name = schema.fields[id.index].name
                if let items = itemSpans[id.index] {
                    spanMembers.append(Value.Member(name, .list(items.map { [.integer($0.start), .integer($0.end)] })))
                } else if let span = spans[id.index] {
                    spanMembers.append(Value.Member(name, [.integer(span.start), .integer(span.end)]))
                }
            }
            members.append(Value.Member("_spans", .object(spanMembers)))
        }
        return members
    }
}

extension Diagnostic {
    /// The diagnostic as an output object: `{stage, field, code, message[, span]}`.
    public var value: Value {
        var members: [Value.Member] = [
            .init("stage", .string(stage)),
            .init("field", field.map(Value.string) ?? .null),
            .init("code", .string(code)),
            .init("message", .string(message)),
        ]
        if let span { members.append(.init("span", [.integer(span.start), .integer(span.end)])) }
        return .object(members)
    }
}
