import ExtractCore

/// `--format yaml` (also `.yml`): a stream of YAML documents, one per record, in block style.
///
/// **Layout.**
/// - each record starts with `---` on its own line, then its keys in
///   ``ExtractCore/Record/outputObject(schema:options:)`` order, one `key: value` per line;
/// - two-space indentation: an object value continues on the next lines indented by two more
///   spaces; a list value is written as `- item` lines indented by two more spaces than its key;
/// - a list of objects is written `- key: value` with the object's following keys aligned under
///   the first; a list inside a list is written `- - item`;
/// - empty lists are `[]`, empty objects `{}`, null is `null`, bools `true` / `false`;
/// - integers as integers; decimals in their shortest round-trip form, always with a `.` so that
///   YAML 1.1 readers see a float too (`5.0`, `-3.5`, `1.0e+16`); NaN and infinities are written
///   as `null`, as in the JSON formats;
/// - no separator and no footer.
///
/// **Strings** (keys included) are written plain only when that is safe under both YAML 1.1
/// (PyYAML, …) and YAML 1.2 (libyaml core schema, Yams, …) and reads back as the same string;
/// otherwise they are double-quoted with JSON-compatible escapes (`\"`, `\\`, `\n`, `\r`, `\t`,
/// `\b`, `\f`, `\uXXXX`; never `\/`). A string is double-quoted when it:
/// - is empty;
/// - is, ignoring ASCII case, one of `y`, `n`, `yes`, `no`, `true`, `false`, `on`, `off`,
///   `null`, or is `=` (YAML 1.1 value key) or `<<` (merge key);
/// - starts with a digit, `+`, `-` or `.` (every YAML 1.1 or 1.2 number, timestamp, sexagesimal,
///   `.inf` and `.nan` starts with one of these, as do `---` and `...`), with `~`, with a space or
///   tab, or with a YAML indicator: `- ? : , [ ] { } # & * ! | > ' " % @` or backtick;
/// - ends with a space, a tab or `:`;
/// - contains `: ` or ` #`;
/// - contains a control character (tab, CR, LF and DEL included), a C1 control (U+0080–U+009F,
///   so NEL U+0085), U+2028, U+2029, a byte-order mark U+FEFF, or U+FFFE / U+FFFF.
///
/// Inside double quotes, control characters, DEL, C1 controls, U+2028, U+2029, U+FEFF, U+FFFE and
/// U+FFFF are escaped (`\u0085`, `\u2028`, …) so no reader sees them raw; other non-ASCII text
/// (`Café ☕`) is written as raw UTF-8, plain when the rules above allow.
///
/// A key longer than 1000 bytes is written as an explicit key (`? key` then `: value`), since YAML
/// limits implicit keys to 1024 characters.
public struct YAMLEmitter: Emitter {
    public static let format = "yaml"
    public static let fileExtensions = ["yaml", "yml"]
    public static let summary = "a stream of YAML documents, one per record, block style"

    private let schema: Schema
    private let options: EmitterOptions

    public init(schema: Schema, options: EmitterOptions) {
        self.schema = schema
        self.options = options
    }

    public func header() -> [UInt8] { [] }

    public var separator: [UInt8] { [] }

    public func encode(_ record: Record, into output: inout [UInt8]) {
        var out = ByteWriter()
        // Never an empty mapping: every record has at least `diagnostics`.
        out.append("---\n" as StaticString)
        let members = record.outputMembers(schema: schema, options: options)
        record.store.withReader { store in
            for member in members {
                withUTF8Bytes(of: member.key) { Self.writeKey($0, indent: 0, into: &out) }
                switch member.source {
                case .store(let node): Self.writeValue(store, node, indent: 0, into: &out)
                case .tree(let value): Self.writeValue(TreeReader(), value, indent: 0, into: &out)
                }
            }
        }
        out.copy(into: &output)
    }

    public func footer(recordCount: Int) -> [UInt8] { [] }

    // MARK: Block structure

    /// Writes `key:` (a key over 1,000 bytes as an explicit `? key` entry, which YAML allows at
    /// any length), at `indent` when `indented` is false, after what is on the line otherwise.
    private static func writeKey(_ key: UnsafeBufferPointer<UInt8>, indent: Int, indented: Bool = false, into out: inout ByteWriter) {
        if !indented { out.append(repeating: UInt8(ascii: " "), count: indent) }
        if key.count > 1000 {
            out.append("? " as StaticString)
            writeString(key, into: &out)
            out.append(UInt8(ascii: "\n"))
            out.append(repeating: UInt8(ascii: " "), count: indent)
        } else {
            writeString(key, into: &out)
        }
        out.append(UInt8(ascii: ":"))
    }

    /// Writes an object's `key: value` lines at `indent`. When `firstLineIndented`, the first key
    /// follows something already on its line (a list item's `- `).
    private static func writeMapping<Reader: ValueReader>(_ reader: Reader, _ object: Reader.Node, indent: Int, firstLineIndented: Bool,
                                                          into out: inout ByteWriter) {
        for position in 0..<reader.count(object) {
            reader.withKey(position, of: object) { writeKey($0, indent: indent, indented: position == 0 && firstLineIndented, into: &out) }
            writeValue(reader, reader.memberValue(position, of: object), indent: indent, into: &out)
        }
    }

    /// Writes a list's `- item` lines at `indent`, the first one possibly following a `- ` already written.
    private static func writeSequence<Reader: ValueReader>(_ reader: Reader, _ list: Reader.Node, indent: Int, firstLineIndented: Bool,
                                                           into out: inout ByteWriter) {
        for position in 0..<reader.count(list) {
            if position > 0 || !firstLineIndented { out.append(repeating: UInt8(ascii: " "), count: indent) }
            out.append("- " as StaticString)
            let item = reader.item(position, of: list)
            switch reader.kind(item) {
            case .object where reader.count(item) > 0:
                writeMapping(reader, item, indent: indent + 2, firstLineIndented: true, into: &out)
            case .list where reader.count(item) > 0:
                writeSequence(reader, item, indent: indent + 2, firstLineIndented: true, into: &out)
            default:
                writeScalar(reader, item, into: &out)
                out.append(UInt8(ascii: "\n"))
            }
        }
    }

    /// Writes what follows `key:` for an entry at `indent`, through the end of its last line.
    private static func writeValue<Reader: ValueReader>(_ reader: Reader, _ value: Reader.Node, indent: Int, into out: inout ByteWriter) {
        switch reader.kind(value) {
        case .object where reader.count(value) > 0:
            out.append(UInt8(ascii: "\n"))
            writeMapping(reader, value, indent: indent + 2, firstLineIndented: false, into: &out)
        case .list where reader.count(value) > 0:
            out.append(UInt8(ascii: "\n"))
            writeSequence(reader, value, indent: indent + 2, firstLineIndented: false, into: &out)
        default:
            out.append(UInt8(ascii: " "))
            writeScalar(reader, value, into: &out)
            out.append(UInt8(ascii: "\n"))
        }
    }

    /// A value written on one line: a scalar, `[]` or `{}`.
    private static func writeScalar<Reader: ValueReader>(_ reader: Reader, _ value: Reader.Node, into out: inout ByteWriter) {
        switch reader.kind(value) {
        case .null: JSONWriter.writeNull(into: &out)
        case .bool: JSONWriter.writeBool(reader.bool(value), into: &out)
        case .integer: JSONWriter.writeInteger(reader.integer(value), into: &out)
        case .decimal: writeDecimal(reader.decimal(value), into: &out)
        case .string: reader.withString(value) { writeString($0, into: &out) }
        case .list: out.append("[]" as StaticString)
        case .object: out.append("{}" as StaticString)
        }
    }

    // MARK: Scalars

    /// Shortest round-trip digits with a `.` guaranteed: YAML 1.1 floats need one (`1e+16` would
    /// read back as a string there), so `1e+16` is written `1.0e+16`.
    private static func writeDecimal(_ value: Double, into out: inout ByteWriter) {
        let start = out.count
        guard JSONWriter.writeDecimal(value, into: &out) else {
            JSONWriter.writeNull(into: &out)
            return
        }
        var exponent: Int?
        for i in start..<out.count {
            if out[i] == UInt8(ascii: ".") { return }
            if out[i] == UInt8(ascii: "e") || out[i] == UInt8(ascii: "E") { exponent = i }
        }
        if let exponent {
            out.insert(".0", at: exponent)
        } else {
            out.append(".0" as StaticString)
        }
    }

    /// A string (UTF-8), plain when ``isPlainSafe(_:)`` allows, double-quoted otherwise.
    static func writeString(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout ByteWriter) {
        if isPlainSafe(bytes) {
            out.append(bytes)
        } else {
            JSONWriter.writeString(bytes: bytes, escapingYAMLNonPrintables: true, into: &out)
        }
    }

    /// Whether the UTF-8 text reads back as the same string when written plain, under both YAML
    /// 1.1 and YAML 1.2 resolvers (see the rules in the type's documentation).
    static func isPlainSafe(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        guard count > 0 else { return false }
        let first = bytes[0]
        if isForbiddenFirst(first) { return false }
        let last = bytes[count - 1]
        if last == UInt8(ascii: " ") || last == UInt8(ascii: ":") { return false }
        if count <= 5 && isReservedWord(bytes) { return false }

        var i = 0
        while i < count {
            let byte = bytes[i]
            if byte < 0x20 { return false }
            if byte >= 0x7F {
                if JSONWriter.yamlNonPrintable(bytes, at: i) != nil { return false }
            } else if byte == UInt8(ascii: ":") {
                if i + 1 < count && bytes[i + 1] == UInt8(ascii: " ") { return false }
            } else if byte == UInt8(ascii: "#") {
                if i > 0 && bytes[i - 1] == UInt8(ascii: " ") { return false }
            }
            i += 1
        }
        return true
    }

    /// Characters a plain string may not start with: indicators, whitespace, and the first
    /// characters of every number, timestamp and special float.
    private static let forbiddenFirst: [Bool] = {
        var table = [Bool](repeating: false, count: 128)
        for byte in "-?:,[]{}#&*!|>'\"%@`~+. \t0123456789".utf8 { table[Int(byte)] = true }
        return table
    }()

    @inline(__always)
    private static func isForbiddenFirst(_ byte: UInt8) -> Bool {
        byte < 0x80 && forbiddenFirst[Int(byte)]
    }

    /// Bool and null words of YAML 1.1 and 1.2, `=` and `<<`, each packed by ``packedLowercase(_:)``.
    private static let reservedWords: Set<UInt64> = Set(
        ["y", "n", "yes", "no", "true", "false", "on", "off", "null", "=", "<<"].map { word in
            var word = word
            return word.withUTF8 { packedLowercase($0) }
        }
    )

    /// Whether the text is a reserved word in any ASCII case (`No`, `OFF`, `nULL`).
    @inline(__always)
    private static func isReservedWord(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        reservedWords.contains(packedLowercase(bytes))
    }

    /// Up to 7 bytes, ASCII-lowercased, packed into an integer (with the length in the top byte).
    private static func packedLowercase(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var packed = UInt64(bytes.count) << 56
        for (n, byte) in bytes.prefix(7).enumerated() {
            let lowered = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
            packed |= UInt64(lowered) << (8 * UInt64(n))
        }
        return packed
    }
}
