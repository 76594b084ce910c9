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

    /// Writes `record.outputObject(schema:options:)` as one compact JSON object,
    /// straight from the record's values, without building the object first.
    public func encode(_ record: Record, into output: inout [UInt8]) {
        var out = ByteWriter()
        out.append(UInt8(ascii: "{"))
        var first = true
        record.store.withReader { store in
            for (position, id) in schema.output.enumerated() {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                out.append(keys[position])
                if let root = record.root(id) {
                    JSONWriter.writeCompact(store, root, into: &out)
                } else if let value = record[id] {
                    JSONWriter.writeCompact(value, into: &out)
                } else {
                    JSONWriter.writeNull(into: &out)
                }
            }
        }
        if record.diagnostics.isEmpty && !options.includeSpans {
            // Most records: an empty list, written without building it.
            if !first { out.append(UInt8(ascii: ",")) }
            out.append(Self.noDiagnostics)
        } else {
            for member in record.outputTrailingMembers(schema: schema, options: options) {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                JSONWriter.writeString(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                JSONWriter.writeCompact(member.value, into: &out)
            }
        }
        out.append(UInt8(ascii: "}"))
        out.copy(into: &output)
    }

    /// `"diagnostics":[]`.
    private static let noDiagnostics = Array(#""diagnostics":[]"#.utf8)

    public func footer(recordCount: Int) -> [UInt8] {
        recordCount > 0 ? [UInt8(ascii: "\n")] : []
    }
}
