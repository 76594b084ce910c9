import Foundation

/// The checks every document passes before any stage sees it: not empty, not binary, and UTF-8,
/// or else UTF-16 with a byte order mark, or Windows-1252 as ``InputEncoding`` allows (decoded
/// by ``WorkItem/checkInput(encoding:)``). In a pipeline whose first stage takes undecoded bytes
/// (``Pipeline/readsUndecodedBytes``), that stage makes them instead, on the text it decoded.
///
/// Valid UTF-8 is checked once here so pattern matching can skip PCRE2's per-call UTF check.
public enum InputCheck {
    /// What the checks found: the document is fine, fine once a partial character at its very
    /// end is dropped, to be decoded from another encoding, or rejected.
    public enum Verdict: Sendable, Equatable {
        case valid
        /// The page ends inside a UTF-8 character (cut at a fixed byte count): drop this many bytes.
        case cutCharacter(Int)
        /// The page starts with a UTF-16 byte order mark (2 bytes): read it as UTF-16.
        case utf16(bigEndian: Bool)
        /// The page is not UTF-8 (the first byte that is not at this offset) and is to be read
        /// as Windows-1252.
        case windows1252(firstNonUTF8: Int)
        case rejected(Rejection)
    }

    /// Every check in one pass over the bytes (the UTF-8 scan is the costly part; it runs once,
    /// and not at all when the reader already knows the bytes are valid UTF-8). `encoding` says
    /// what becomes of bytes that are not UTF-8; a UTF-16 byte order mark is read in every mode.
    public static func inspect(_ bytes: [UInt8], knownValidUTF8: Bool = false, encoding: InputEncoding = .utf8) -> Verdict {
        bytes.withUnsafeBufferPointer { inspect($0, knownValidUTF8: knownValidUTF8, encoding: encoding) }
    }

    static func inspect(_ bytes: UnsafeBufferPointer<UInt8>, knownValidUTF8: Bool = false, encoding: InputEncoding = .utf8) -> Verdict {
        if bytes.isEmpty || bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            return .rejected(Rejection(code: "input.empty", message: "the document is empty"))
        }
        // UTF-16 text has NUL bytes (the high half of every ASCII character): the mark comes first.
        if !knownValidUTF8, let mark = ByteOrderMark.of(bytes), mark != .utf8 {
            return .utf16(bigEndian: mark == .utf16BE)
        }
        if let found = memchr(bytes.baseAddress!, 0, bytes.count) {
            let nul = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - bytes.baseAddress!
            return .rejected(Rejection(code: "input.binary", message: "the document looks binary (NUL byte at offset \(nul))"))
        }
        guard !knownValidUTF8, let bad = firstInvalidUTF8(bytes) else { return .valid }
        if let cut = cutCharacterLength(bytes, firstInvalid: bad) { return .cutCharacter(cut) }
        let notUTF8 = "the document is not valid UTF-8 (invalid byte at offset \(bad))"
        switch encoding {
        case .utf8:
            return .rejected(Rejection(code: "input.not_utf8", message: notUTF8))
        case .cp1252:
            return .windows1252(firstNonUTF8: bad)
        case .auto:
            guard let refusal = Windows1252Evidence.refusal(bytes) else { return .windows1252(firstNonUTF8: bad) }
            return .rejected(Rejection(code: "input.not_utf8", message: "\(notUTF8), nor read as Windows-1252: \(refusal)"))
        }
    }

    /// Why the document cannot give a record read as UTF-8 (`--encoding utf-8`), or nil when it
    /// can (a UTF-16 page with its byte order mark can: it is decoded).
    public static func check(_ bytes: [UInt8]) -> Rejection? {
        if case .rejected(let rejection) = inspect(bytes) { return rejection }
        return nil
    }

    /// When the only invalid UTF-8 is an incomplete character at the very end (a page cut at a
    /// fixed byte count), the number of bytes of that partial character; nil otherwise.
    public static func cutCharacterLength(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { buffer in firstInvalidUTF8(buffer).flatMap { cutCharacterLength(buffer, firstInvalid: $0) } }
    }

    static func cutCharacterLength(_ bytes: UnsafeBufferPointer<UInt8>, firstInvalid bad: Int) -> Int? {
        guard bad >= bytes.count - 3 else { return nil }
        let lead = bytes[bad]
        let expected = lead >= 0xF0 && lead <= 0xF4 ? 4 : (lead >= 0xE0 && lead <= 0xEF ? 3 : (lead >= 0xC2 && lead <= 0xDF ? 2 : 0))
        let present = bytes.count - bad
        guard expected > present, bytes[(bad + 1)...].allSatisfy({ $0 & 0xC0 == 0x80 }) else { return nil }
        return present
    }

    /// The offset of the first byte that does not start or continue a valid UTF-8 scalar.
    public static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { firstInvalidUTF8($0) }
    }

    /// The length of the valid UTF-8 scalar that starts with the non-ASCII byte at `index`, or
    /// nil when the bytes there are not one (bad lead or continuation, overlong, surrogate, above
    /// U+10FFFF, or cut off by the end).
    @inline(__always)
    static func scalarLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        let byte = bytes[index]
        let length: Int
        var minimum: UInt32
        var scalar: UInt32
        switch byte {
        case 0xC2...0xDF: length = 2; minimum = 0x80; scalar = UInt32(byte & 0x1F)
        case 0xE0...0xEF: length = 3; minimum = 0x800; scalar = UInt32(byte & 0x0F)
        case 0xF0...0xF4: length = 4; minimum = 0x10000; scalar = UInt32(byte & 0x07)
        default: return nil
        }
        guard index + length <= bytes.count else { return nil }
        for offset in 1..<length {
            let next = bytes[index + offset]
            guard next & 0xC0 == 0x80 else { return nil }
            scalar = scalar << 6 | UInt32(next & 0x3F)
        }
        if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return nil }
        return length
    }

    /// The offset of the first byte that does not start or continue a valid UTF-8 scalar.
    ///
    /// ASCII is skipped eight bytes at a time; the rest is checked scalar by scalar.
    public static func firstInvalidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        var index = 0
        let count = bytes.count
        while index < count {
            // Eight ASCII bytes at a time.
            while index + 8 <= count, raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                index += 8
            }
            guard index < count else { break }
            if base[index] < 0x80 { index += 1; continue }
            guard let length = scalarLength(bytes, at: index) else { return index }
            index += length
        }
        return nil
    }
}
