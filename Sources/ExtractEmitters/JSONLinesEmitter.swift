import ExtractCore

/// `--format jsonl` (JSON Lines, also `.ndjson`): one compact JSON object per record per line.
///
/// - each record is `{"key":value,…}` with no spaces, keys in
///   ``ExtractCore/Record/outputObject(schema:options:)`` order, on a line of its own;
/// - records are separated by `\n`, and the last one is followed by `\n` too (nothing at all
///   when there were no records);
/// - values are written as by ``JSONEmitter``: integers as integers, decimals in shortest
///   round-trip form, NaN and infinities as `null`, strings escaped per RFC 8259 (so a string's
///   newlines never break a line), `/` not escaped, non-ASCII as raw UTF-8.
public struct JSONLinesEmitter: Emitter {
    public static let format = "jsonl"
    public static let fileExtensions = ["jsonl", "ndjson"]
    public static let summary = "JSON Lines: one compact JSON object per record per line"

    private let schema: Schema
    private let options: EmitterOptions

    public init(schema: Schema, options: EmitterOptions) {
        self.schema = schema
        self.options = options
    }

    public func header() -> [UInt8] { [] }

    public var separator: [UInt8] { [UInt8(ascii: "\n")] }

    public func encode(_ record: Record, into output: inout [UInt8]) {
        JSONWriter.writeCompactObject(record.outputObject(schema: schema, options: options), into: &output)
    }

    public func footer(recordCount: Int) -> [UInt8] {
        recordCount > 0 ? [UInt8(ascii: "\n")] : []
    }
}
