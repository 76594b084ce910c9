import ExtractCore

/// `--format json`: the run as one JSON array of record objects, pretty-printed.
///
/// Layout (byte for byte what Python's `json.dumps(records, indent=2, ensure_ascii=False)` writes,
/// plus a final newline):
/// - two-space indentation; each record is an element of the top-level array, so its keys are
///   indented by four spaces; `"key": value` with one space after the colon; `,` at line ends;
/// - keys in ``ExtractCore/Record/forEachOutputMember(schema:options:_:)`` order;
/// - empty lists and objects as `[]` and `{}`; a run with no records is `[]` and a newline;
/// - integers as integers, decimals in their shortest round-trip form (`5.0`, `0.1`, `1e+16`),
///   NaN and infinities as `null`;
/// - strings escaped per RFC 8259 (`\"`, `\\`, `\n`, `\r`, `\t`, `\b`, `\f`, other control
///   characters as `\u00xx`); `/` is not escaped and non-ASCII text is written as raw UTF-8.
///
/// Because the header is written before the record count is known, the opening `[` is the header,
/// each record starts with its own newline and indentation, records are separated by `,`, and the
/// footer closes the array on its own line (or directly, `[]`, when there were no records).
public struct JSONEmitter: Emitter {
    public static let format = "json"
    public static let fileExtensions = ["json"]
    public static let summary = "a JSON array of records, pretty-printed with 2-space indentation"

    private let schema: Schema
    private let options: EmitterOptions

    public init(schema: Schema, options: EmitterOptions) {
        self.schema = schema
        self.options = options
    }

    public func header() -> [UInt8] { [UInt8(ascii: "[")] }

    public var separator: [UInt8] { [UInt8(ascii: ",")] }

    public func encode(_ record: Record, into output: inout [UInt8]) {
        var out = ByteWriter()
        // Never an empty object: every record has at least `diagnostics`.
        out.append("\n  {" as StaticString)
        record.forEachOutputMember(schema: schema, options: options) { member in
            if member.index > 0 { out.append(UInt8(ascii: ",")) }
            JSONWriter.writeNewline(indent: 4, into: &out)
            JSONWriter.writeString(member.key, into: &out)
            out.append(": " as StaticString)
            JSONWriter.writePretty(member.values, member.value, indent: 4, into: &out)
        }
        JSONWriter.writeNewline(indent: 2, into: &out)
        out.append(UInt8(ascii: "}"))
        out.copy(into: &output)
    }

    public func footer(recordCount: Int) -> [UInt8] {
        recordCount > 0 ? Array("\n]\n".utf8) : Array("]\n".utf8)
    }
}
