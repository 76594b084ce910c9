import ExtractCore
import Foundation

/// Turns a page's bytes into UTF-8 in a charset found by ``HTMLCharset``, keeping a map from
/// the UTF-8 back to the original bytes (each character maps to the bytes it came from).
///
/// UTF-8 is checked, not copied character by character: only a byte order mark is dropped. A
/// UTF-8 page whose last character was cut off loses it (reported by the caller); any other
/// invalid byte makes the page undecodable in UTF-8 (``Failure``). Windows-1252 and UTF-16 are
/// decoded here; any other charset goes through iconv one character at a time, so the map
/// stays exact; a byte iconv cannot read becomes U+FFFD.
struct CharsetDecoder {
    /// Why a page cannot be read as UTF-8: the first invalid byte, in the original.
    struct Failure: Error { var offset: Int }

    /// The decoded text, and the map from it to the original bytes.
    var text: [UInt8] = []
    private var builder = OffsetMapBuilder()
    var map: OffsetMap { builder.map }
    /// Bytes of a character cut off at the very end of a UTF-8 page (dropped), 0 when none.
    var cutCharacter = 0
    /// Characters the charset could not read (each became U+FFFD), and where the first was.
    private(set) var unreadable = (count: 0, firstOffset: 0)

    /// Decodes `bytes` (without the byte order mark) into `text`.
    mutating func decode(_ bytes: [UInt8], as charset: HTMLCharset) throws(Failure) {
        text.removeAll(keepingCapacity: true)
        builder = OffsetMapBuilder()
        cutCharacter = 0
        unreadable = (0, 0)
        let start = charset.bomLength
        switch charset.encoding {
        case .utf8:
            try decodeUTF8(bytes, from: start)
        case .windows1252:
            decodeWindows1252(bytes, from: start)
        case .utf16LE:
            decodeUTF16(bytes, from: start, bigEndian: false)
        case .utf16BE:
            decodeUTF16(bytes, from: start, bigEndian: true)
        case .iconv(let name):
            decodeIconv(bytes, from: start, charset: name)
        }
    }

    private mutating func decodeUTF8(_ bytes: [UInt8], from start: Int) throws(Failure) {
        let verdict = bytes.withUnsafeBufferPointer { buffer -> (bad: Int?, cut: Int?) in
            let rest = UnsafeBufferPointer(rebasing: buffer[start...])
            guard let bad = InputCheck.firstInvalidUTF8(rest) else { return (nil, nil) }
            return (bad + start, InputCheck.cutCharacterLength(Array(rest)))
        }
        if let bad = verdict.bad {
            guard let cut = verdict.cut else { throw Failure(offset: bad) }
            cutCharacter = cut
        }
        text.append(contentsOf: bytes[start..<(bytes.count - cutCharacter)])
        builder.anchor(text: 0, original: start)
    }

    private mutating func decodeWindows1252(_ bytes: [UInt8], from start: Int) {
        text.reserveCapacity(bytes.count + bytes.count / 8)
        builder.anchor(text: 0, original: start)
        for index in start..<bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                text.append(byte)
                continue
            }
            let written = text.count
            UTF8Writer.append(Windows1252.scalar(UInt32(byte)), to: &text)
            builder.anchorCharacter(text: written, length: text.count - written, original: index, originalLength: 1)
            builder.anchor(text: text.count, original: index + 1)
        }
    }

    private mutating func decodeUTF16(_ bytes: [UInt8], from start: Int, bigEndian: Bool) {
        text.reserveCapacity(bytes.count / 2 + 16)
        builder.anchor(text: 0, original: start)
        func unit(_ index: Int) -> UInt32 {
            bigEndian ? UInt32(bytes[index]) << 8 | UInt32(bytes[index + 1]) : UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index])
        }
        var index = start
        while index + 1 < bytes.count {
            var scalar = unit(index)
            var length = 2
            if (0xD800..<0xDC00).contains(scalar), index + 3 < bytes.count, (0xDC00..<0xE000).contains(unit(index + 2)) {
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (unit(index + 2) - 0xDC00)
                length = 4
            } else if (0xD800..<0xE000).contains(scalar) {
                scalar = 0xFFFD
                noteUnreadable(at: index)
            }
            let written = text.count
            UTF8Writer.append(scalar, to: &text)
            builder.anchorCharacter(text: written, length: text.count - written, original: index, originalLength: length)
            index += length
        }
        // An odd last byte is half a UTF-16 code unit.
        if index < bytes.count { noteUnreadable(at: index) }
        builder.anchor(text: text.count, original: index)
    }

    private mutating func noteUnreadable(at offset: Int) {
        if unreadable.count == 0 { unreadable.firstOffset = offset }
        unreadable.count += 1
    }

    private mutating func decodeIconv(_ bytes: [UInt8], from start: Int, charset: String) {
        guard let decoder = IconvDecoder(charset: charset) else {
            decodeWindows1252(bytes, from: start)
            return
        }
        builder.anchor(text: 0, original: start)
        var index = start
        while index < bytes.count {
            let written = text.count
            var failed = false
            let length = decoder.decodeCharacter(bytes, at: index, into: &text) { failed = true }
            if failed { noteUnreadable(at: index) }
            builder.anchorCharacter(text: written, length: text.count - written, original: index, originalLength: length)
            index += length
        }
        builder.anchor(text: text.count, original: index)
    }
}

/// Writes Unicode scalars as UTF-8.
enum UTF8Writer {
    @inline(__always)
    static func append(_ scalar: UInt32, to bytes: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            bytes.append(UInt8(scalar))
        case 0x80..<0x800:
            bytes.append(UInt8(0xC0 | scalar >> 6))
            bytes.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            bytes.append(UInt8(0xE0 | scalar >> 12))
            bytes.append(UInt8(0x80 | (scalar >> 6) & 0x3F))
            bytes.append(UInt8(0x80 | scalar & 0x3F))
        default:
            bytes.append(UInt8(0xF0 | scalar >> 18))
            bytes.append(UInt8(0x80 | (scalar >> 12) & 0x3F))
            bytes.append(UInt8(0x80 | (scalar >> 6) & 0x3F))
            bytes.append(UInt8(0x80 | scalar & 0x3F))
        }
    }
}
