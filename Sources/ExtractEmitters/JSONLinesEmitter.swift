import ExtractCore

/// `--format jsonl` (JSON Lines, also `.ndjson`): one compact JSON object per record per line.
///
/// - each record is `{"key":value,…}` with no spaces, keys in
///   ``ExtractCore/Record/forEachOutputMember(schema:options:_:)`` order, on a line of its own;
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
    /// Per output field, in output order: its key already written as JSON (`"name":`).
    private let keys: [[UInt8]]

    public init(schema: Schema, options: EmitterOptions) {
        self.schema = schema
        self.options = options
        keys = schema.output.map { id in
            var key = ByteWriter(capacity: 64)
            JSONWriter.writeString(schema.fields[id.index].name, into: &key)
            key.append(UInt8(ascii: ":"))
            var bytes: [UInt8] = []
            key.copy(into: &bytes)
            return bytes
        }
    }

    public func header() -> [UInt8] { [] }

    public var separator: [UInt8] { [UInt8(ascii: "\n")] }

    /// Writes the record's output members as one compact JSON object, straight from the
    /// record's store.
    public func encode(_ record: Record, into output: inout [UInt8]) {
        var out = ByteWriter()
        out.append(UInt8(ascii: "{"))
        record.forEachOutputMember(schema: schema, options: options) { member in
            if member.index > 0 { out.append(UInt8(ascii: ",")) }
            if case .field = member.kind {
                out.append(keys[member.index])
            } else {
                JSONWriter.writeString(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
            }
            JSONWriter.writeCompact(member.values, member.value, into: &out)
        }
        out.append(UInt8(ascii: "}"))
        out.copy(into: &output)
    }

    public func footer(recordCount: Int) -> [UInt8] {
        recordCount > 0 ? [UInt8(ascii: "\n")] : []
    }
}
