import ExtractCore
import ExtractEmitters

/// `--format tsv` (`-o x.tsv`): tab-separated values, one row per record under a header row, the
/// columns laid out as CSV's are (a scalar field is a column; an object field is `field.key`
/// columns; then `diagnostics`, and `_spans` with `--with-spans`).
///
/// Each line ends in LF. In a cell, a backslash, tab, line feed and carriage return are written
/// `\\`, `\t`, `\n` and `\r` (as PostgreSQL's text format and most TSV readers take them), so a
/// row is always one line and a cell never holds a tab. Null is an empty cell; numbers and bools
/// are written as in JSON; a list of scalars is its items joined by `; ` (as the diagnostics are,
/// each its code with its field, `fields.not_found(salary)`); any other list or object is its
/// compact JSON.
public struct TSVEmitter: Emitter {
    public static let format = "tsv"
    public static let fileExtensions = ["tsv"]
    public static let summary = "tab-separated values: one row per record, objects flattened to field.key columns, \\t \\n \\\\ escaped"

    /// One column: the field, the keys leading into its value, and whether it joins a list.
    struct Column {
        var name: String
        var field: FieldID
        var path: [String]
        var joinsList: Bool
    }

    let schema: Schema
    let options: EmitterOptions
    let columns: [Column]

    public init(schema: Schema, options: EmitterOptions) {
        self.schema = schema
        self.options = options
        columns = schema.outputFields.flatMap { Self.columns($0.shape, name: $0.name, field: $0.id, path: []) }
    }

    static func columns(_ shape: Shape, name: String, field: FieldID, path: [String]) -> [Column] {
        switch shape {
        case .object(let members) where !members.isEmpty:
            return members.flatMap { columns($0.shape, name: name + "." + $0.key, field: field, path: path + [$0.key]) }
        case .list(.scalar):
            return [Column(name: name, field: field, path: path, joinsList: true)]
        default:
            return [Column(name: name, field: field, path: path, joinsList: false)]
        }
    }

    public func header() -> [UInt8] {
        let names = columns.map(\.name) + ["diagnostics"] + (options.includeSpans ? ["_spans"] : [])
        var out: [UInt8] = []
        for (n, name) in names.enumerated() {
            if n > 0 { out.append(0x09) }
            Self.appendEscaped(name, to: &out)
        }
        out.append(0x0A)
        return out
    }

    public var separator: [UInt8] { [] }

    /// Writes the members of the record's one walk (``Record/forEachOutputMember(schema:options:_:)``):
    /// each field's columns, then the diagnostics (code and field), then the spans.
    public func encode(_ record: Record, into output: inout [UInt8]) {
        var codes: [Value] = []
        var spans = Value.null
        var first = true
        record.forEachOutputMember(schema: schema, options: options) { member in
            let value = member.values.value(member.value)
            switch member.kind {
            case .field(let field):
                for column in columns where column.field == field {
                    if !first { output.append(0x09) }
                    first = false
                    var cell = value
                    for key in column.path { cell = cell[key] ?? .null }
                    Self.appendCell(cell, joined: column.joinsList, to: &output)
                }
            case .diagnostics:
                codes = record.diagnostics.map { .string($0.codeWithField) }
            case .spans:
                spans = value
            }
        }
        output.append(0x09)
        Self.appendCell(.list(codes), joined: true, to: &output)
        if options.includeSpans {
            output.append(0x09)
            Self.appendCell(spans, joined: false, to: &output)
        }
        output.append(0x0A)
    }

    public func footer(recordCount: Int) -> [UInt8] { [] }

    static func appendCell(_ value: Value, joined: Bool, to output: inout [UInt8]) {
        switch value {
        case .null: break
        case .string(let text): appendEscaped(text, to: &output)
        case .list(let items) where joined:
            for (n, item) in items.enumerated() {
                if n > 0 { output.append(contentsOf: [0x3B, 0x20]) }
                appendCell(item, joined: false, to: &output)
            }
        default: appendEscaped(JSONWriter.compact(value), to: &output)
        }
    }

    static func appendEscaped(_ text: String, to output: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case 0x5C: output.append(contentsOf: [0x5C, 0x5C])
            case 0x09: output.append(contentsOf: [0x5C, 0x74])
            case 0x0A: output.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: output.append(contentsOf: [0x5C, 0x72])
            default: output.append(byte)
            }
        }
    }
}
