import ExtractCore

/// Byte-level writing of values as JSON text, shared by the JSON, JSON Lines, CSV (list cells)
/// and YAML (double-quoted strings, numbers) emitters.
///
/// Everything appends UTF-8 straight into the emitter's ``ByteWriter``: no Foundation formatting,
/// no intermediate strings except `Double.description` (shortest round-trip digits).
public enum JSONWriter {
    // MARK: Strings

    /// Appends `string` as a double-quoted JSON string (RFC 8259): `"` and `\` are escaped, control
    /// characters become `\n` `\r` `\t` `\b` `\f` or `\u00xx`; `/` is not escaped and non-ASCII is
    /// written raw. This is exactly what Python's `json.dumps(s, ensure_ascii=False)` writes.
    ///
    /// With `escapingYAMLNonPrintables`, characters YAML readers reject or treat as line breaks
    /// are escaped too (as `\uXXXX`, which YAML's double-quoted style shares with JSON): DEL, the C1
    /// controls U+0080–U+009F (NEL among them), U+2028, U+2029, the BOM U+FEFF, U+FFFE and U+FFFF.
    static func writeString(_ string: String, escapingYAMLNonPrintables yaml: Bool = false, into out: inout ByteWriter) {
        withUTF8Bytes(of: string) { bytes in
            // Room for the worst case (every byte as `\u00xx`) is reserved once; the loop then
            // writes without further checks.
            out.write(atMost: bytes.count * 6 + 2) { yaml ? escapeYAML(bytes, to: $0) : escapeJSON(bytes, to: $0) }
        }
    }

    /// As ``writeString(_:escapingYAMLNonPrintables:into:)``, for a string's UTF-8 bytes.
    static func writeString(bytes: UnsafeBufferPointer<UInt8>, escapingYAMLNonPrintables yaml: Bool = false,
                            into out: inout ByteWriter) {
        out.write(atMost: bytes.count * 6 + 2) { yaml ? escapeYAML(bytes, to: $0) : escapeJSON(bytes, to: $0) }
    }

    /// Writes `bytes` quoted and escaped for JSON at `start`; returns the bytes written.
    private static func escapeJSON(_ bytes: UnsafeBufferPointer<UInt8>, to start: UnsafeMutablePointer<UInt8>) -> Int {
        var out = start
        out.pointee = UInt8(ascii: "\"")
        out += 1
        if let source = bytes.baseAddress {
            let count = bytes.count
            var i = 0
            // Input from here on has been copied byte for byte (no escape since).
            var rawSince = 0
            // Eight bytes at a time: the word is stored whole, and when a byte in it needs
            // escaping, only the plain bytes before it count (the room reserved covers the rest).
            while i + 8 <= count {
                let word = UnsafeRawPointer(source + i).loadUnaligned(as: UInt64.self)
                UnsafeMutableRawPointer(out).storeBytes(of: word, as: UInt64.self)
                let special = jsonSpecialMask(word)
                guard special != 0 else {
                    out += 8
                    i += 8
                    continue
                }
                let plain = special.trailingZeroBitCount >> 3
                out = writeEscape(source[i + plain], to: out + plain)
                i += plain + 1
                rawSince = i
            }
            // The last few bytes: when the final eight (overlapping bytes already copied as they
            // are) need no escape, they are stored in one go at their place.
            if i < count, count >= 8, count - 8 >= rawSince {
                let word = UnsafeRawPointer(source + count - 8).loadUnaligned(as: UInt64.self)
                if jsonSpecialMask(word) == 0 {
                    UnsafeMutableRawPointer(out - (i - (count - 8))).storeBytes(of: word, as: UInt64.self)
                    out += count - i
                    i = count
                }
            }
            while i < count {
                out = writeByte(source[i], to: out)
                i += 1
            }
        }
        out.pointee = UInt8(ascii: "\"")
        return out + 1 - start
    }

    /// As ``escapeJSON(_:to:)``, also escaping what YAML must not see raw.
    private static func escapeYAML(_ bytes: UnsafeBufferPointer<UInt8>, to start: UnsafeMutablePointer<UInt8>) -> Int {
        var out = start
        out.pointee = UInt8(ascii: "\"")
        out += 1
        let count = bytes.count
        var i = 0
        while i < count {
            let byte = bytes[i]
            if byte >= 0x7F, let (length, scalar) = yamlNonPrintable(bytes, at: i) {
                out = writeUnicodeEscape(scalar, to: out)
                i += length
                continue
            }
            out = writeByte(byte, to: out)
            i += 1
        }
        out.pointee = UInt8(ascii: "\"")
        return out + 1 - start
    }

    /// One byte of a string: as it is, or escaped when it is `"`, `\` or a control character;
    /// returns the pointer after it.
    @inline(__always)
    private static func writeByte(_ byte: UInt8, to out: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        guard byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") else { return writeEscape(byte, to: out) }
        out.pointee = byte
        return out + 1
    }

    /// The escape for `"`, `\` or a control character; returns the pointer after it.
    @inline(__always)
    private static func writeEscape(_ byte: UInt8, to out: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        let letter: UInt8
        switch byte {
        case UInt8(ascii: "\""): letter = UInt8(ascii: "\"")
        case UInt8(ascii: "\\"): letter = UInt8(ascii: "\\")
        case 0x0A: letter = UInt8(ascii: "n")
        case 0x0D: letter = UInt8(ascii: "r")
        case 0x09: letter = UInt8(ascii: "t")
        case 0x08: letter = UInt8(ascii: "b")
        case 0x0C: letter = UInt8(ascii: "f")
        default: return writeUnicodeEscape(UInt32(byte), to: out)
        }
        out[0] = UInt8(ascii: "\\")
        out[1] = letter
        return out + 2
    }

    /// The high bit set in each byte of `word` that is a control character, `"` or `\`, and
    /// possibly in bytes above such a byte: the lowest set bit always marks the first one (a
    /// borrow only runs upwards from a byte that is itself marked), which is all that is asked.
    @inline(__always)
    static func jsonSpecialMask(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let special = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((word &- ones &* 0x20) & ~word)
        return special & (ones &* 0x80)
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

    /// `\u` and four lowercase hex digits (what Python's `json` writes); returns the pointer after it.
    @inline(__always)
    static func writeUnicodeEscape(_ scalar: UInt32, to out: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        out[0] = UInt8(ascii: "\\")
        out[1] = UInt8(ascii: "u")
        out[2] = hexDigit(scalar >> 12)
        out[3] = hexDigit(scalar >> 8)
        out[4] = hexDigit(scalar >> 4)
        out[5] = hexDigit(scalar)
        return out + 6
    }

    @inline(__always)
    private static func hexDigit(_ value: UInt32) -> UInt8 {
        let digit = UInt8(truncatingIfNeeded: value & 0xF)
        return digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10
    }

    // MARK: Numbers

    /// Appends the decimal digits of `value`.
    static func writeInteger(_ value: Int, into out: inout ByteWriter) {
        // Digits are made last to first into the reserved room (20 holds any UInt64 and a sign),
        // then moved to the front.
        out.write(atMost: 21) { start in
            var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
            return withUnsafeMutableBytes(of: &digits) { scratch in
                var magnitude = value.magnitude
                var first = 24
                repeat {
                    first -= 1
                    scratch[first] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: magnitude % 10)
                    magnitude /= 10
                } while magnitude > 0
                var out = start
                if value < 0 {
                    out.pointee = UInt8(ascii: "-")
                    out += 1
                }
                let length = 24 - first
                UnsafeMutableRawPointer(out).copyMemory(from: scratch.baseAddress! + first, byteCount: length)
                return out + length - start
            }
        }
    }

    /// Appends the shortest representation that reads back as the same `Double` (Swift's
    /// `description`, which matches Python's `repr`: `5.0`, `0.1`, `1e+16`, `1e-05`). Returns
    /// false, writing nothing, for NaN and infinities, which JSON cannot represent.
    @discardableResult
    static func writeDecimal(_ value: Double, into out: inout ByteWriter) -> Bool {
        guard value.isFinite else { return false }
        out.append(value.description)
        return true
    }

    /// `bool`, `integer` and `decimal` values are never strings: they carry no text to escape.
    static func writeBool(_ value: Bool, into out: inout ByteWriter) {
        out.append(value ? "true" as StaticString : "false")
    }

    static func writeNull(into out: inout ByteWriter) {
        out.append("null" as StaticString)
    }

    // MARK: Values

    /// Compact JSON (`{"a":1,"b":[1,2]}`, no spaces). Non-finite decimals are written as `null`.
    static func writeCompact(_ reader: ValueStore.Reader, _ node: ValueStore.NodeID, into out: inout ByteWriter) {
        switch reader.kind(node) {
        case .null: writeNull(into: &out)
        case .bool: writeBool(reader.bool(node), into: &out)
        case .integer: writeInteger(reader.integer(node), into: &out)
        case .decimal: if !writeDecimal(reader.decimal(node), into: &out) { writeNull(into: &out) }
        case .string: writeString(bytes: reader.string(node), into: &out)
        case .list:
            out.append(UInt8(ascii: "["))
            for position in 0..<reader.count(node) {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                writeCompact(reader, reader.item(position, of: node), into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object:
            out.append(UInt8(ascii: "{"))
            for position in 0..<reader.count(node) {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                writeString(bytes: reader.key(position, of: node), into: &out)
                out.append(UInt8(ascii: ":"))
                writeCompact(reader, reader.memberValue(position, of: node), into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Pretty JSON with two-space indentation, laid out exactly like Python's
    /// `json.dumps(value, indent=2, ensure_ascii=False)`: one item or key per line, `"key": value`,
    /// `,` at line ends, empty lists and objects as `[]` and `{}`. `indent` is the indentation of
    /// the line the value starts on; nested lines are indented relative to it.
    static func writePretty(_ reader: ValueStore.Reader, _ node: ValueStore.NodeID, indent: Int, into out: inout ByteWriter) {
        let kind = reader.kind(node)
        guard kind == .list || kind == .object, reader.count(node) > 0 else {
            writeCompact(reader, node, into: &out)
            return
        }
        out.append(UInt8(ascii: kind == .list ? "[" : "{"))
        for position in 0..<reader.count(node) {
            if position > 0 { out.append(UInt8(ascii: ",")) }
            writeNewline(indent: indent + 2, into: &out)
            if kind == .list {
                writePretty(reader, reader.item(position, of: node), indent: indent + 2, into: &out)
            } else {
                writeString(bytes: reader.key(position, of: node), into: &out)
                out.append(": " as StaticString)
                writePretty(reader, reader.memberValue(position, of: node), indent: indent + 2, into: &out)
            }
        }
        writeNewline(indent: indent, into: &out)
        out.append(UInt8(ascii: kind == .list ? "]" : "}"))
    }

    static func writeNewline(indent: Int, into out: inout ByteWriter) {
        out.append(UInt8(ascii: "\n"))
        out.append(repeating: UInt8(ascii: " "), count: indent)
    }
}

extension JSONWriter {
    /// A value as compact JSON text.
    public static func compact(_ value: Value) -> String {
        text(of: value) { writeCompact($0, $1, into: &$2) }
    }

    /// A value as JSON text with 2-space indentation.
    public static func pretty(_ value: Value) -> String {
        text(of: value) { writePretty($0, $1, indent: 0, into: &$2) }
    }

    /// The text `write` makes of a value, copied into a store of its own to be written.
    private static func text(of value: Value, _ write: (ValueStore.Reader, ValueStore.NodeID, inout ByteWriter) -> Void) -> String {
        var store = ValueStore()
        let node = store.append(value)
        var out = ByteWriter(capacity: 1_024)
        store.withReader { write($0, node, &out) }
        return out.withBytes { String(decoding: $0, as: UTF8.self) }
    }
}
