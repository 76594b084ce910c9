import ExtractCore

/// Byte-level writing of values as JSON text, shared by the JSON, JSON Lines, CSV (list cells)
/// and YAML (double-quoted strings, numbers) emitters.
///
/// Everything appends UTF-8 straight into the caller's buffer: no Foundation formatting, no
/// intermediate strings except `Double.description` (shortest round-trip digits).
public enum JSONWriter {
    // MARK: Strings

    /// Appends `string` as a double-quoted JSON string (RFC 8259): `"` and `\` are escaped, control
    /// characters become `\n` `\r` `\t` `\b` `\f` or `\u00xx`; `/` is not escaped and non-ASCII is
    /// written raw. This is exactly what Python's `json.dumps(s, ensure_ascii=False)` writes.
    ///
    /// With `escapingYAMLNonPrintables`, characters YAML readers reject or treat as line breaks
    /// are escaped too (as `\uXXXX`, which YAML's double-quoted style shares with JSON): DEL, the C1
    /// controls U+0080–U+009F (NEL among them), U+2028, U+2029, the BOM U+FEFF, U+FFFE and U+FFFF.
    static func writeString(_ string: String, escapingYAMLNonPrintables yaml: Bool = false, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { bytes in
            let count = bytes.count
            var runStart = 0
            var i = 0
            while i < count {
                if !yaml {
                    // JSON: skip eight bytes at a time while none needs escaping, then byte by byte
                    // up to the one that does.
                    i = skipPlain(bytes, from: i)
                    while i < count {
                        let byte = bytes[i]
                        if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { break }
                        i += 1
                    }
                    guard i < count else { break }
                }
                let byte = bytes[i]
                if byte >= 0x20 && byte < 0x7F && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") {
                    i += 1
                    continue
                }
                if byte >= 0x80 || byte == 0x7F {
                    guard yaml, let (length, scalar) = yamlNonPrintable(bytes, at: i) else {
                        i += 1
                        continue
                    }
                    appendRun(bytes, runStart, i, into: &out)
                    writeUnicodeEscape(scalar, into: &out)
                    i += length
                    runStart = i
                    continue
                }
                appendRun(bytes, runStart, i, into: &out)
                switch byte {
                case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
                case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                case 0x08: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
                case 0x0C: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
                default: writeUnicodeEscape(UInt32(byte), into: &out)
                }
                i += 1
                runStart = i
            }
            appendRun(bytes, runStart, count, into: &out)
        }
        out.append(UInt8(ascii: "\""))
    }

    /// The first offset from `i` whose 8-byte word holds a byte JSON must escape (a control
    /// character, `"` or `\\`), or where fewer than 8 bytes are left; bytes before it need no escape.
    @inline(__always)
    static func skipPlain(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = bytes.baseAddress else { return start }
        let raw = UnsafeRawPointer(base)
        var i = start
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        while i + 8 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let quote = word ^ (ones &* 0x22)
            let backslash = word ^ (ones &* 0x5C)
            // A zero byte in `quote` or `backslash`, or a byte below 0x20 in `word` (exact for
            // "is there one", which is all that is asked).
            let special = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((word &- ones &* 0x20) & ~word)
            if special & highs != 0 { break }
            i += 8
        }
        return i
    }

    /// When the UTF-8 sequence at `i` is a character YAML must not see raw, its length and scalar.
    @inline(__always)
    static func yamlNonPrintable(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (Int, UInt32)? {
        let lead = bytes[i]
        let count = bytes.count
        switch lead {
        case 0x7F:
            return (1, 0x7F)
        case 0xC2:
            // U+0080–U+009F: C1 controls, NEL (U+0085) among them.
            if i + 1 < count, bytes[i + 1] >= 0x80, bytes[i + 1] <= 0x9F { return (2, UInt32(bytes[i + 1])) }
        case 0xE2:
            // U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR.
            if i + 2 < count, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 {
                return (3, 0x2000 | UInt32(bytes[i + 2] & 0x3F))
            }
        case 0xEF:
            // U+FEFF BOM; U+FFFE and U+FFFF (non-characters).
            if i + 2 < count, bytes[i + 1] == 0xBB, bytes[i + 2] == 0xBF { return (3, 0xFEFF) }
            if i + 2 < count, bytes[i + 1] == 0xBF, bytes[i + 2] == 0xBE || bytes[i + 2] == 0xBF {
                return (3, 0xFFC0 | UInt32(bytes[i + 2] & 0x3F))
            }
        default:
            break
        }
        return nil
    }

    /// `\u` and four lowercase hex digits (what Python's `json` writes).
    static func writeUnicodeEscape(_ scalar: UInt32, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\\"))
        out.append(UInt8(ascii: "u"))
        for shift in stride(from: 12, through: 0, by: -4) {
            out.append(hexDigits[Int((scalar >> UInt32(shift)) & 0xF)])
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    @inline(__always)
    static func appendRun(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, into out: inout [UInt8]) {
        if end > start { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end])) }
    }

    /// Appends the string's UTF-8 bytes unchanged.
    @inline(__always)
    static func writeRaw(_ string: String, into out: inout [UInt8]) {
        var string = string
        string.withUTF8 { out.append(contentsOf: $0) }
    }

    // MARK: Numbers

    /// Appends the decimal digits of `value`.
    static func writeInteger(_ value: Int, into out: inout [UInt8]) {
        if value == 0 {
            out.append(UInt8(ascii: "0"))
            return
        }
        if value < 0 { out.append(UInt8(ascii: "-")) }
        // Digits are made last to first in a stack buffer (20 holds any UInt64), then appended.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var magnitude = value.magnitude
            var first = 20
            while magnitude > 0 {
                first -= 1
                digits[first] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: magnitude % 10)
                magnitude /= 10
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: digits[first...]))
        }
    }

    /// Appends the shortest representation that reads back as the same `Double` (Swift's
    /// `description`, which matches Python's `repr`: `5.0`, `0.1`, `1e+16`, `1e-05`). Returns
    /// false, writing nothing, for NaN and infinities, which JSON cannot represent.
    @discardableResult
    static func writeDecimal(_ value: Double, into out: inout [UInt8]) -> Bool {
        guard value.isFinite else { return false }
        writeRaw(value.description, into: &out)
        return true
    }

    /// `bool`, `integer` and `decimal` values are never strings: they carry no text to escape.
    static func writeBool(_ value: Bool, into out: inout [UInt8]) {
        if value {
            out.append(contentsOf: [UInt8(ascii: "t"), UInt8(ascii: "r"), UInt8(ascii: "u"), UInt8(ascii: "e")])
        } else {
            out.append(contentsOf: [UInt8(ascii: "f"), UInt8(ascii: "a"), UInt8(ascii: "l"), UInt8(ascii: "s"), UInt8(ascii: "e")])
        }
    }

    static func writeNull(into out: inout [UInt8]) {
        out.append(contentsOf: [UInt8(ascii: "n"), UInt8(ascii: "u"), UInt8(ascii: "l"), UInt8(ascii: "l")])
    }

    // MARK: Values

    /// Compact JSON (`{"a":1,"b":[1,2]}`, no spaces). Non-finite decimals are written as `null`.
    static func writeCompact(_ value: Value, into out: inout [UInt8]) {
        switch value {
        case .null: writeNull(into: &out)
        case .bool(let b): writeBool(b, into: &out)
        case .integer(let i): writeInteger(i, into: &out)
        case .decimal(let d): if !writeDecimal(d, into: &out) { writeNull(into: &out) }
        case .string(let s): writeString(s, into: &out)
        case .list(let items):
            out.append(UInt8(ascii: "["))
            for (n, item) in items.enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                writeCompact(item, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            writeCompactObject(members, into: &out)
        }
    }

    static func writeCompactObject(_ members: [Value.Member], into out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        for (n, member) in members.enumerated() {
            if n > 0 { out.append(UInt8(ascii: ",")) }
            writeString(member.key, into: &out)
            out.append(UInt8(ascii: ":"))
            writeCompact(member.value, into: &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    /// Pretty JSON with two-space indentation, laid out exactly like Python's
    /// `json.dumps(value, indent=2, ensure_ascii=False)`: one item or key per line, `"key": value`,
    /// `,` at line ends, empty lists and objects as `[]` and `{}`. `indent` is the indentation of
    /// the line the value starts on; nested lines are indented relative to it.
    static func writePretty(_ value: Value, indent: Int, into out: inout [UInt8]) {
        switch value {
        case .list(let items) where !items.isEmpty:
            out.append(UInt8(ascii: "["))
            for (n, item) in items.enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                writeNewline(indent: indent + 2, into: &out)
                writePretty(item, indent: indent + 2, into: &out)
            }
            writeNewline(indent: indent, into: &out)
            out.append(UInt8(ascii: "]"))
        case .object(let members) where !members.isEmpty:
            writePrettyObject(members, indent: indent, into: &out)
        default:
            writeCompact(value, into: &out)
        }
    }

    static func writePrettyObject(_ members: [Value.Member], indent: Int, into out: inout [UInt8]) {
        guard !members.isEmpty else {
            out.append(contentsOf: [UInt8(ascii: "{"), UInt8(ascii: "}")])
            return
        }
        out.append(UInt8(ascii: "{"))
        for (n, member) in members.enumerated() {
            if n > 0 { out.append(UInt8(ascii: ",")) }
            writeNewline(indent: indent + 2, into: &out)
            writeString(member.key, into: &out)
            out.append(contentsOf: [UInt8(ascii: ":"), UInt8(ascii: " ")])
            writePretty(member.value, indent: indent + 2, into: &out)
        }
        writeNewline(indent: indent, into: &out)
        out.append(UInt8(ascii: "}"))
    }

    static func writeNewline(indent: Int, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\n"))
        writeSpaces(indent, into: &out)
    }

    static func writeSpaces(_ count: Int, into out: inout [UInt8]) {
        if count > 0 { out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: count)) }
    }
}

extension JSONWriter {
    /// A value as compact JSON text.
    public static func compact(_ value: Value) -> String {
        var out: [UInt8] = []
        writeCompact(value, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// A value as JSON text with 2-space indentation.
    public static func pretty(_ value: Value) -> String {
        var out: [UInt8] = []
        writePretty(value, indent: 0, into: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
