/// UTF-8 text decoded from bytes of another encoding, with the map from it back to the
/// original bytes: every character maps to the bytes it came from, so spans found in the text
/// point at the original page.
///
/// Windows-1252 and UTF-16 are decoded here, for text pages (``WorkItem/checkInput(encoding:)``)
/// and HTML pages (the html stage, which adds other charsets through iconv, writing to
/// ``text`` and ``builder`` itself). Bytes that cannot be read become U+FFFD and are counted:
/// a UTF-16 surrogate without its other half, and an odd last byte (half a code unit), as
/// Python's `bytes.decode("utf-16", errors="replace")` does.
package struct DecodedText {
    package var text: [UInt8] = []
    package var builder = OffsetMapBuilder()
    /// Characters that could not be read (each became U+FFFD), and where the first was.
    package private(set) var unreadable = (count: 0, firstOffset: 0)

    package init() {}

    /// The map from ``text`` to the original bytes.
    package var map: OffsetMap { builder.map }

    /// Empties the text and map, keeping the text's capacity.
    package mutating func reset() {
        text.removeAll(keepingCapacity: true)
        builder = OffsetMapBuilder()
        unreadable = (0, 0)
    }

    /// Records a character that could not be read at original offset `offset`.
    package mutating func noteUnreadable(at offset: Int) {
        if unreadable.count == 0 { unreadable.firstOffset = offset }
        unreadable.count += 1
    }

    /// Appends `bytes[start...]` read as Windows-1252 (the five bytes it leaves undefined as the
    /// C1 controls of the same number, as WHATWG's decoder reads them).
    package mutating func appendWindows1252(_ bytes: [UInt8], from start: Int) {
        text.reserveCapacity(text.count + bytes.count + bytes.count / 8)
        builder.anchor(text: text.count, original: start)
        for index in start..<bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                text.append(byte)
                continue
            }
            let written = text.count
            appendScalar(Windows1252.scalar(UInt32(byte)), to: &text)
            builder.anchorCharacter(text: written, length: text.count - written, original: index, originalLength: 1)
            builder.anchor(text: text.count, original: index + 1)
        }
    }

    /// Appends `bytes[start...]` read as UTF-16 of the given byte order (without its byte order mark).
    package mutating func appendUTF16(_ bytes: [UInt8], from start: Int, bigEndian: Bool) {
        text.reserveCapacity(text.count + bytes.count / 2 + 16)
        builder.anchor(text: text.count, original: start)
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
                // A high surrogate cut off by the end takes the rest with it, as in Python.
                if scalar < 0xDC00 && index + 4 > bytes.count { length = bytes.count - index }
                scalar = 0xFFFD
                noteUnreadable(at: index)
            }
            let written = text.count
            appendScalar(scalar, to: &text)
            builder.anchorCharacter(text: written, length: text.count - written, original: index, originalLength: length)
            index += length
        }
        // An odd last byte is half a UTF-16 code unit.
        if index < bytes.count {
            noteUnreadable(at: index)
            let written = text.count
            appendScalar(0xFFFD, to: &text)
            builder.anchorCharacter(text: written, length: text.count - written, original: index, originalLength: 1)
            index += 1
        }
        builder.anchor(text: text.count, original: index)
    }
}
