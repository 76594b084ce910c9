import ExtractCore

/// The line an `exec` stage writes to its program for one document, JSON on one line (RFC 8259,
/// UTF-8, control characters escaped, so the text's line breaks are `\n` inside the string):
///
///     {"source": "pages/a.txt", "text": "…", "fields": {"title": "Nurse"},
///      "sections": {"duties": {"start": 120, "end": 480, "text": "…"}}}
///
/// `text` is the document's text as the stages before have made it; `fields` holds every field
/// an earlier stage provides and has set (unset ones are left out); `sections` every section an
/// earlier stage found, with its UTF-8 byte offsets in `text` and its text.
enum ExecRequest {
    /// Replaces `line` with the request for `item`, ending in a line feed.
    static func write(_ item: WorkItem, fields: [Schema.Field], sections: [String], into line: inout [UInt8]) {
        line.removeAll(keepingCapacity: true)
        line.reserveCapacity(item.text.count + 256)
        append(#"{"source":"#, to: &line)
        appendString(item.document.source.utf8, to: &line)
        append(#","text":"#, to: &line)
        appendString(item.text, to: &line)
        append(#","fields":{"#, to: &line)
        var first = true
        for field in fields {
            guard let value = item.record[field.id] else { continue }
            if !first { line.append(UInt8(ascii: ",")) }
            first = false
            appendString(field.name.utf8, to: &line)
            line.append(UInt8(ascii: ":"))
            appendValue(value, to: &line)
        }
        append(#"},"sections":{"#, to: &line)
        first = true
        for (index, name) in sections.enumerated() {
            guard index < item.sections.count, let range = item.sections[index] else { continue }
            if !first { line.append(UInt8(ascii: ",")) }
            first = false
            appendString(name.utf8, to: &line)
            append(#":{"start":"#, to: &line)
            append(String(range.lowerBound), to: &line)
            append(#","end":"#, to: &line)
            append(String(range.upperBound), to: &line)
            append(#","text":"#, to: &line)
            appendString(item.text[range], to: &line)
            line.append(UInt8(ascii: "}"))
        }
        append("}}\n", to: &line)
    }

    private static func append(_ text: String, to line: inout [UInt8]) { line.append(contentsOf: text.utf8) }

    static func appendValue(_ value: Value, to line: inout [UInt8]) {
        switch value {
        case .null: append("null", to: &line)
        case .bool(let flag): append(flag ? "true" : "false", to: &line)
        case .integer(let number): append(String(number), to: &line)
        case .decimal(let number): append(number.isFinite ? "\(number)" : "null", to: &line)
        case .string(let text): appendString(text.utf8, to: &line)
        case .list(let items):
            line.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { line.append(UInt8(ascii: ",")) }
                appendValue(item, to: &line)
            }
            line.append(UInt8(ascii: "]"))
        case .object(let members):
            line.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { line.append(UInt8(ascii: ",")) }
                appendString(member.key.utf8, to: &line)
                line.append(UInt8(ascii: ":"))
                appendValue(member.value, to: &line)
            }
            line.append(UInt8(ascii: "}"))
        }
    }

    /// A JSON string of UTF-8 bytes: `"` and `\` escaped, control characters as `\n`, `\t`, `\r`
    /// or `\u00XX`; everything else copied as it is.
    static func appendString<Bytes: Collection<UInt8>>(_ bytes: Bytes, to line: inout [UInt8]) {
        line.append(UInt8(ascii: "\""))
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                line.append(UInt8(ascii: "\\"))
                line.append(byte)
            case 0x0A: line.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x09: line.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x0D: line.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                line.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                         hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
            default: line.append(byte)
            }
        }
        line.append(UInt8(ascii: "\""))
    }
}
