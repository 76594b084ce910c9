import ExtractCore

/// A page's original bytes as text to show, addressed by byte offset: spans point into these
/// bytes, so the inspection page shows them, not the text the stages read.
///
/// The bytes are shown as UTF-16 when they start with its byte order mark, as UTF-8 when they
/// are UTF-8, as Windows-1252 when they look like Western text in it (as `--encoding auto` reads
/// text pages), and otherwise as UTF-8 with U+FFFD for what it cannot read (an HTML page in
/// another charset).
struct PageText {
    enum Encoding: String {
        case utf8 = "UTF-8"
        case utf16LittleEndian = "UTF-16LE"
        case utf16BigEndian = "UTF-16BE"
        case windows1252 = "Windows-1252"
    }

    /// One line: its text (without the line break) and where the next line starts.
    struct Line {
        var content: Range<Int>
        var next: Int
    }

    let bytes: [UInt8]
    let encoding: Encoding

    init(bytes: [UInt8]) {
        self.bytes = bytes
        encoding = Self.encoding(of: bytes)
    }

    static func encoding(of bytes: [UInt8]) -> Encoding {
        if bytes.starts(with: [0xFF, 0xFE]) { return .utf16LittleEndian }
        if bytes.starts(with: [0xFE, 0xFF]) { return .utf16BigEndian }
        if String(validating: bytes, as: UTF8.self) != nil { return .utf8 }
        return Windows1252Evidence.refusal(bytes) == nil ? .windows1252 : .utf8
    }

    /// Bytes per code unit.
    private var unitSize: Int { encoding == .utf16LittleEndian || encoding == .utf16BigEndian ? 2 : 1 }

    /// The code unit at `offset` (a byte, or a UTF-16 unit); nil past the last whole unit.
    private func unit(at offset: Int) -> UInt16? {
        switch encoding {
        case .utf8, .windows1252:
            return offset < bytes.count ? UInt16(bytes[offset]) : nil
        case .utf16LittleEndian:
            return offset + 1 < bytes.count ? UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8 : nil
        case .utf16BigEndian:
            return offset + 1 < bytes.count ? UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1]) : nil
        }
    }

    /// The page's lines, split at LF; a CR before the LF belongs to the line break. Always at
    /// least one line; the last one runs to the end of the bytes.
    func lines() -> [Line] {
        var lines: [Line] = []
        var start = 0
        var offset = 0
        let step = unitSize
        while let unit = unit(at: offset) {
            if unit == 0x0A {
                let contentEnd = offset >= start + step && self.unit(at: offset - step) == 0x0D ? offset - step : offset
                lines.append(Line(content: start..<contentEnd, next: offset + step))
                start = offset + step
            }
            offset += step
        }
        lines.append(Line(content: start..<bytes.count, next: bytes.count))
        return lines
    }

    /// The start of the character holding byte `offset` (clamped to the page).
    func characterStart(atOrBefore offset: Int) -> Int { characterStart(offset, step: -1) }

    /// The start of the first character at or after byte `offset` (clamped to the page).
    func characterStart(atOrAfter offset: Int) -> Int { characterStart(offset, step: 1) }

    /// From `offset`, steps of one byte (-1 back, 1 on) until a character starts there.
    private func characterStart(_ offset: Int, step: Int) -> Int {
        var position = min(max(0, offset), bytes.count)
        switch encoding {
        case .windows1252:
            break
        case .utf8:
            var steps = 0
            while position > 0, position < bytes.count, steps < 3, bytes[position] & 0xC0 == 0x80 {
                position += step
                steps += 1
            }
        case .utf16LittleEndian, .utf16BigEndian:
            if position % 2 == 1 { position += step }
            if isLowSurrogateAfterHigh(position) { position += 2 * step }
        }
        return min(max(0, position), bytes.count)
    }

    private func isLowSurrogateAfterHigh(_ position: Int) -> Bool {
        guard position >= 2, let low = unit(at: position), let high = unit(at: position - 2) else { return false }
        return (0xDC00...0xDFFF).contains(low) && (0xD800...0xDBFF).contains(high)
    }

    /// The characters of a byte range, with control characters made visible (NUL as `␀`, a lone
    /// CR as `␍`) so the page stays readable and valid HTML text; tabs stay.
    func text(_ range: Range<Int>) -> String {
        let decoded: String
        switch encoding {
        case .utf8:
            decoded = String(decoding: bytes[range], as: UTF8.self)
        case .windows1252:
            var scalars = String.UnicodeScalarView()
            for byte in bytes[range] { scalars.append(Unicode.Scalar(Windows1252.scalar(UInt32(byte))) ?? "\u{FFFD}") }
            decoded = String(scalars)
        case .utf16LittleEndian, .utf16BigEndian:
            var units: [UInt16] = []
            units.reserveCapacity(range.count / 2)
            var offset = range.lowerBound
            while offset + 1 < range.upperBound, let unit = unit(at: offset) {
                units.append(unit)
                offset += 2
            }
            decoded = String(decoding: units, as: UTF16.self)
        }
        return Self.visible(decoded)
    }

    /// Control characters other than tab as the Unicode symbols for them (U+2400…), DEL as `␡`.
    static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { ($0.value < 0x20 && $0 != "\t") || $0.value == 0x7F }) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 && scalar != "\t" {
                scalars.append(Unicode.Scalar(0x2400 + scalar.value) ?? "\u{FFFD}")
            } else if scalar.value == 0x7F {
                scalars.append("\u{2421}")
            } else {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }
}
