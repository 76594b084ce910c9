/// The checks every document passes before any stage sees it: not empty, not binary, valid UTF-8.
///
/// Valid UTF-8 is checked once here so pattern matching can skip PCRE2's per-call UTF check.
public enum InputCheck {
    public static func check(_ bytes: [UInt8]) -> Rejection? {
        if bytes.isEmpty || bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            return Rejection(code: "input.empty", message: "the document is empty")
        }
        if let nul = bytes.firstIndex(of: 0) {
            return Rejection(code: "input.binary", message: "the document looks binary (NUL byte at offset \(nul))")
        }
        if let bad = firstInvalidUTF8(bytes) {
            return Rejection(code: "input.not_utf8", message: "the document is not valid UTF-8 (invalid byte at offset \(bad))")
        }
        return nil
    }

    /// The offset of the first byte that does not start or continue a valid UTF-8 scalar.
    public static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte < 0x80 { index += 1; continue }
            let length: Int
            var minimum: UInt32
            var scalar: UInt32
            switch byte {
            case 0xC2...0xDF: length = 2; minimum = 0x80; scalar = UInt32(byte & 0x1F)
            case 0xE0...0xEF: length = 3; minimum = 0x800; scalar = UInt32(byte & 0x0F)
            case 0xF0...0xF4: length = 4; minimum = 0x10000; scalar = UInt32(byte & 0x07)
            default: return index
            }
            guard index + length <= count else { return index }
            for offset in 1..<length {
                let next = bytes[index + offset]
                guard next & 0xC0 == 0x80 else { return index }
                scalar = scalar << 6 | UInt32(next & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return index }
            index += length
        }
        return nil
    }
}
