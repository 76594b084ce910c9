import ExtractCore
import Foundation

/// Turns a page's bytes into UTF-8 in a charset found by ``HTMLCharset``, keeping a map from
/// the UTF-8 back to the original bytes (each character maps to the bytes it came from).
///
/// UTF-8 is checked, not copied character by character: only a byte order mark is dropped. A
/// UTF-8 page whose last character was cut off loses it (reported by the caller); any other
/// invalid byte makes the page undecodable in UTF-8 (``Failure``). Windows-1252 and UTF-16 are
/// decoded by `DecodedText` (in ExtractCore, which decodes text pages too); any other charset
/// goes through iconv one character at a time, so the map stays exact; a byte iconv cannot
/// read becomes U+FFFD.
struct CharsetDecoder {
    /// Why a page cannot be read as UTF-8: the first invalid byte, in the original.
    struct Failure: Error { var offset: Int }

    /// The decoded text, and the map from it to the original bytes.
    private var output = DecodedText()
    var text: [UInt8] { output.text }
    var map: OffsetMap { output.map }
    /// Bytes of a character cut off at the very end of a UTF-8 page (dropped), 0 when none.
    var cutCharacter = 0
    /// Characters the charset could not read (each became U+FFFD), and where the first was.
    var unreadable: (count: Int, firstOffset: Int) { output.unreadable }

    /// Decodes `bytes` (without the byte order mark) into `text`.
    mutating func decode(_ bytes: [UInt8], as charset: HTMLCharset) throws(Failure) {
        output.reset()
        cutCharacter = 0
        let start = charset.bomLength
        switch charset.encoding {
        case .utf8:
            try decodeUTF8(bytes, from: start)
        case .windows1252:
            output.appendWindows1252(bytes, from: start)
        case .utf16LE:
            output.appendUTF16(bytes, from: start, bigEndian: false)
        case .utf16BE:
            output.appendUTF16(bytes, from: start, bigEndian: true)
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
        output.text.append(contentsOf: bytes[start..<(bytes.count - cutCharacter)])
        output.builder.anchor(text: 0, original: start)
    }

    private mutating func decodeIconv(_ bytes: [UInt8], from start: Int, charset: String) {
        guard let decoder = IconvDecoder(charset: charset) else {
            output.appendWindows1252(bytes, from: start)
            return
        }
        output.builder.anchor(text: 0, original: start)
        var index = start
        while index < bytes.count {
            let written = output.text.count
            var failed = false
            let length = decoder.decodeCharacter(bytes, at: index, into: &output.text) { failed = true }
            if failed { output.noteUnreadable(at: index) }
            output.builder.anchorCharacter(text: written, length: output.text.count - written, original: index, originalLength: length)
            index += length
        }
        output.builder.anchor(text: output.text.count, original: index)
    }
}
