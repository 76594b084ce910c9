import ExtractCore

/// `--format csv`: one row per record, columns fixed up front from the schema's shapes.
///
/// **Layout (RFC 4180).** The first row is the header. Every row, the header included, ends in
/// CRLF (`\r\n`). Cells are separated by `,`. A cell is enclosed in double quotes when its text
/// contains `,`, `"`, CR or LF (or another character some readers take as a line break: VT, FF,
/// NEL U+0085, U+2028, U+2029), or begins or ends with white space (a space or tab, or one of
/// Unicode's other spaces: NBSP U+00A0, U+1680, U+2000–U+200A, U+202F, U+205F, U+3000, which
/// some readers trim from an unquoted cell as they would a space); inside quotes a `"` is
/// written as `""`. Embedded line breaks are kept as they are (inside the quotes). No byte-order
/// mark is written.
///
/// **Columns.** Computed once from `schema.outputFields`, in output order, from each field's shape:
/// - a scalar field (`.scalar`) is one column named like the field (`title`);
/// - an object field (`.object(members)`) is flattened recursively into one column per member,
///   named `field.key` (`salary.min`, `salary.max`, and `a.b.c` for an object inside an object;
///   `EmitterOptions.csv.flattenSeparator` is what joins them: `_` gives `salary_min`);
///   an object shape with no declared members is one column holding the value's compact JSON;
/// - a list of scalars (`.list(.scalar)`) is one column holding the items' texts joined by `"; "`
///   (`SQL; Excel`; each item written as a cell would be, a null item as nothing; an empty list
///   gives an empty cell; an item that itself contains `"; "` cannot be told apart, use JSON when
///   that matters);
/// - any other list (a list of objects, a list of lists) is one column holding the compact JSON
///   text of the list (`[{"step":1,"title":"Intern"}]`; an empty list is `[]`, null an empty cell);
/// - then a final `diagnostics` column holding the record's diagnostics joined by `"; "`, each its
///   code followed by the field it concerns in parentheses when it concerns one
///   (`fields.not_found(salary); segment.missing_section`; empty when there are none; the
///   messages are in the JSON and YAML formats);
/// - and, only when spans are asked for (`EmitterOptions.includeSpans`), a last `_spans` column
///   holding the compact JSON of the record's `_spans` object, as the JSON formats write it
///   (`{"title":[10,24],"skills":[[40,52],[53,61]]}`: a list field has one pair per item).
///
/// Header cells follow the same quoting and formula rules as data cells.
///
/// **Cells.**
/// - null gives an empty cell, as does an empty string;
/// - an object column whose object is null (or not there) gives an empty cell in every one of
///   its sub-columns; a key missing from the object gives an empty cell in its column;
/// - bools are `true` / `false`;
/// - integers are written as integers, decimals in their shortest round-trip form as in JSON
///   (`52000.5`, `-3.5`, `1e+16`); NaN and infinities give an empty cell;
/// - strings are written as they are, in UTF-8;
/// - a value whose kind does not match its column's shape (a list or object in a scalar column)
///   is written as its compact JSON text rather than dropped; a value that is not an object where
///   the shape says object leaves that object's sub-columns empty.
///
/// **Formula injection** (as OWASP advises for CSV opened in spreadsheets): a cell whose text comes
/// from a string and starts with `=`, `+`, `-`, `@`, tab or CR gets a leading single quote `'`
/// (`=cmd|' /C calc'!A0` → `'=cmd|' /C calc'!A0`, `-3%` → `'-3%`), and is then quoted by the
/// rules above if needed. Numbers are never prefixed: they are typed values, so the integer -3 stays
/// `-3`. A joined list cell counts as text (and is prefixed) when any of its items is a string; a
/// list holding only numbers, bools and nulls (`-3; 4`) is not prefixed. Diagnostics cells and
/// header cells count as text. With `EmitterOptions.csv.formulaGuard` off (for pandas, DuckDB and
/// other programs that read the `'` as part of the value) no cell is prefixed.
public struct CSVEmitter: Emitter {
    public static let format = "csv"
    public static let fileExtensions = ["csv"]
    public static let summary = "CSV (RFC 4180, CRLF): one row per record, objects flattened to field.key columns"

    /// One output column: the value at `path` below the field at `field`.
    struct Column: Sendable {
        enum Kind: Sendable {
            /// A scalar value.
            case scalar
            /// A list of scalars, joined by `"; "`.
            case joinedList
            /// Any other list or a memberless object: compact JSON text.
            case json
        }
        var name: String
        var field: Int
        var path: [String]
        var kind: Kind
    }

    let columns: [Column]
    /// The columns of each output field, by its place in the schema's output.
    private let fieldColumns: [Range<Int>]
    private let schema: Schema
    private let options: EmitterOptions
    private var includeSpans: Bool { options.includeSpans }
    /// Whether text cells that start like a formula get the `'` prefix.
    private let formulaGuard: Bool
    private let headerBytes: [UInt8]

    public init(schema: Schema, options: EmitterOptions) {
        var columns: [Column] = []
        var fieldColumns: [Range<Int>] = []
        for field in schema.outputFields {
            let start = columns.count
            Self.flatten(field.shape, name: field.name, field: field.id.index, path: [],
                         separator: options.csv.flattenSeparator, into: &columns)
            fieldColumns.append(start..<columns.count)
        }
        self.columns = columns
        self.fieldColumns = fieldColumns
        self.schema = schema
        self.options = options
        let formulaGuard = options.csv.formulaGuard
        self.formulaGuard = formulaGuard

        var names = columns.map(\.name)
        names.append("diagnostics")
        if options.includeSpans { names.append("_spans") }
        var header = ByteWriter(capacity: 1_024)
        for (n, name) in names.enumerated() {
            if n > 0 { header.append(UInt8(ascii: ",")) }
            withUTF8Bytes(of: name) { Self.writeTextCell($0, formulaGuard: formulaGuard, into: &header) }
        }
        header.append("\r\n" as StaticString)
        var headerBytes: [UInt8] = []
        header.copy(into: &headerBytes)
        self.headerBytes = headerBytes
    }

    /// The header's column names, in order.
    public var columnNames: [String] {
        columns.map(\.name) + ["diagnostics"] + (includeSpans ? ["_spans"] : [])
    }

    /// Column names the header would hold more than once, in the order they first repeat: a
    /// field whose name is another field's flattened column (`salary_min` beside `salary` and its
    /// `min`, with `_` as the separator). Readers would rename or drop one of them.
    public var repeatedColumnNames: [String] {
        var seen = Set<String>()
        var repeated: [String] = []
        for name in columnNames where !seen.insert(name).inserted && !repeated.contains(name) {
            repeated.append(name)
        }
        return repeated
    }

    private static func flatten(_ shape: Shape, name: String, field: Int, path: [String], separator: String,
                                into columns: inout [Column]) {
        switch shape {
        case .scalar:
            columns.append(Column(name: name, field: field, path: path, kind: .scalar))
        case .object(let members) where !members.isEmpty:
            for member in members {
                flatten(member.shape, name: name + separator + member.key, field: field, path: path + [member.key],
                        separator: separator, into: &columns)
            }
        case .object:
            columns.append(Column(name: name, field: field, path: path, kind: .json))
        case .list(.scalar):
            columns.append(Column(name: name, field: field, path: path, kind: .joinedList))
        case .list:
            columns.append(Column(name: name, field: field, path: path, kind: .json))
        }
    }

    public func header() -> [UInt8] { headerBytes }

    /// Rows end with CRLF themselves.
    public var separator: [UInt8] { [] }

    public func encode(_ record: Record, into output: inout [UInt8]) {
        var out = ByteWriter()
        var scratch = ByteWriter(capacity: 1_024)
        // Cells begun so far: each member begins its own, after the cells before it.
        var cells = 0
        record.forEachOutputMember(schema: schema, options: options) { member in
            switch member.kind {
            case .field:
                for column in fieldColumns[member.index] {
                    if column > 0 { out.append(UInt8(ascii: ",")) }
                    writeCell(member.values, member.value, columns[column], scratch: &scratch, into: &out)
                }
                cells = fieldColumns[member.index].upperBound
            case .diagnostics:
                // The codes (with their fields), not the whole objects the member holds.
                Self.padCells(&cells, to: columns.count + 1, into: &out)
                scratch.removeAll()
                for (n, diagnostic) in record.diagnostics.enumerated() {
                    if n > 0 { scratch.append("; " as StaticString) }
                    scratch.append(diagnostic.codeWithField)
                }
                scratch.withBytes { Self.writeTextCell($0, formulaGuard: formulaGuard, into: &out) }
            case .spans:
                Self.padCells(&cells, to: columns.count + 2, into: &out)
                scratch.removeAll()
                JSONWriter.writeCompact(member.values, member.value, into: &scratch)
                scratch.withBytes { Self.writeTextCell($0, formulaGuard: formulaGuard, into: &out) }
            }
        }
        Self.padCells(&cells, to: columns.count + (includeSpans ? 2 : 1), into: &out)
        out.append("\r\n" as StaticString)
        out.copy(into: &output)
    }

    /// Begins cells (each but the row's first after a comma) until `count` are begun: those
    /// between are left empty, and what is written next is the text of cell `count - 1`.
    private static func padCells(_ cells: inout Int, to count: Int, into out: inout ByteWriter) {
        while cells < count {
            if cells > 0 { out.append(UInt8(ascii: ",")) }
            cells += 1
        }
    }


    public func footer(recordCount: Int) -> [UInt8] { [] }

    // MARK: Cells

    /// The cell of `column` for a field's value: the value at the column's path in it.
    private func writeCell(_ reader: ValueStore.Reader, _ field: ValueStore.NodeID, _ column: Column,
                           scratch: inout ByteWriter, into output: inout ByteWriter) {
        var node = field
        for key in column.path {
            guard let member = withUTF8Bytes(of: key, { reader.member($0, of: node) }) else { return }
            node = member
        }
        writeCell(reader, node, kind: column.kind, scratch: &scratch, into: &output)
    }

    private func writeCell(_ reader: ValueStore.Reader, _ value: ValueStore.NodeID, kind: Column.Kind,
                           scratch: inout ByteWriter, into output: inout ByteWriter) {
        switch reader.kind(value) {
        case .null:
            break
        case .bool:
            JSONWriter.writeBool(reader.bool(value), into: &output)
        case .integer:
            JSONWriter.writeInteger(reader.integer(value), into: &output)
        case .decimal:
            JSONWriter.writeDecimal(reader.decimal(value), into: &output)
        case .string:
            Self.writeTextCell(reader.string(value), formulaGuard: formulaGuard, into: &output)
        case .list where kind == .joinedList:
            guard reader.count(value) > 0 else { return }
            scratch.removeAll()
            var hasText = false
            for position in 0..<reader.count(value) {
                if position > 0 { scratch.append("; " as StaticString) }
                let item = reader.item(position, of: value)
                switch reader.kind(item) {
                case .null: break
                case .bool: JSONWriter.writeBool(reader.bool(item), into: &scratch)
                case .integer: JSONWriter.writeInteger(reader.integer(item), into: &scratch)
                case .decimal: JSONWriter.writeDecimal(reader.decimal(item), into: &scratch)
                case .string:
                    hasText = true
                    scratch.append(reader.string(item))
                case .list, .object:
                    hasText = true
                    JSONWriter.writeCompact(reader, item, into: &scratch)
                }
            }
            scratch.withBytes { Self.writeTextCell($0, formulaGuard: formulaGuard && hasText, into: &output) }
        case .list, .object:
            scratch.removeAll()
            JSONWriter.writeCompact(reader, value, into: &scratch)
            scratch.withBytes { Self.writeTextCell($0, formulaGuard: formulaGuard, into: &output) }
        }
    }

    /// Writes one cell: the `'` formula prefix when `formulaGuard` and the text starts with a
    /// trigger character, then the text, quoted when RFC 4180 (or a leading/trailing space) needs it.
    private static func writeTextCell(_ bytes: UnsafeBufferPointer<UInt8>, formulaGuard: Bool, into output: inout ByteWriter) {
        let count = bytes.count
        guard count > 0 else { return }
        let first = bytes[0]
        let last = bytes[count - 1]
        let prefix = formulaGuard && isFormulaTrigger(first)
        var needsQuotes = isSpaceOrTab(first) || isSpaceOrTab(last)
            || (first >= 0xC2 && isUnicodeSpace(bytes, at: 0))
            || (last >= 0x80 && isUnicodeSpace(bytes, at: lastScalarStart(bytes)))
        if !needsQuotes {
            for i in 0..<count {
                let byte = bytes[i]
                if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || (byte >= 0x0A && byte <= 0x0D)
                    || (byte >= 0xC2 && isUnicodeLineBreak(bytes, at: i)) {
                    needsQuotes = true
                    break
                }
            }
        }
        if !needsQuotes {
            if prefix { output.append(UInt8(ascii: "'")) }
            output.append(bytes)
            return
        }
        output.append(UInt8(ascii: "\""))
        if prefix { output.append(UInt8(ascii: "'")) }
        var runStart = 0
        for i in 0..<count where bytes[i] == UInt8(ascii: "\"") {
            // The run up to and including this quote, then the quote again.
            output.append(UnsafeBufferPointer(rebasing: bytes[runStart..<(i + 1)]))
            output.append(UInt8(ascii: "\""))
            runStart = i + 1
        }
        output.append(UnsafeBufferPointer(rebasing: bytes[runStart..<count]))
        output.append(UInt8(ascii: "\""))
    }

    @inline(__always)
    private static func isFormulaTrigger(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "=") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "@")
            || byte == 0x09 || byte == 0x0D
    }

    /// NEL (U+0085), U+2028 or U+2029 at `i`: line breaks to some readers.
    @inline(__always)
    private static func isUnicodeLineBreak(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        if bytes[i] == 0xC2 { return i + 1 < bytes.count && bytes[i + 1] == 0x85 }
        return bytes[i] == 0xE2 && i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9)
    }

    @inline(__always)
    private static func isSpaceOrTab(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == 0x09 }

    /// Unicode white space other than ASCII's and the line breaks at `i`: NBSP (U+00A0), U+1680,
    /// U+2000–U+200A, U+202F, U+205F or U+3000.
    private static func isUnicodeSpace(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        let remaining = bytes.count - i
        switch bytes[i] {
        case 0xC2: return remaining >= 2 && bytes[i + 1] == 0xA0
        case 0xE1: return remaining >= 3 && bytes[i + 1] == 0x9A && bytes[i + 2] == 0x80
        case 0xE2:
            guard remaining >= 3 else { return false }
            if bytes[i + 1] == 0x80 { return bytes[i + 2] <= 0x8A || bytes[i + 2] == 0xAF }
            return bytes[i + 1] == 0x81 && bytes[i + 2] == 0x9F
        case 0xE3: return remaining >= 3 && bytes[i + 1] == 0x80 && bytes[i + 2] == 0x80
        default: return false
        }
    }

    /// Where the last character of `bytes` (not empty) starts.
    private static func lastScalarStart(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var start = bytes.count - 1
        while start > 0 && start > bytes.count - 4 && bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return start
    }
}
