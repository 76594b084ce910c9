/// Tables for the normalize stage: spaces, invisible characters, quotes and bullet glyphs.
enum TextCleaning {
    /// The plain quote a typographic quote becomes with `quotes: plain`: `'` for ‘ ’ ‚ ‛ ′ ‵,
    /// `"` for “ ” „ ‟ ″ ‶; nil for any other scalar (guillemets « » ‹ › and the accents ´ ` stay).
    @inline(__always)
    static func plainQuote(_ scalar: UInt32) -> UInt8? {
        switch scalar {
        case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x2035: 0x27
        case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x2036: 0x22
        default: nil
        }
    }

    /// Spaces that become a plain space: no-break, en/em/thin and other typographic spaces.
    static func isOddSpace(_ scalar: UInt32) -> Bool {
        scalar == 0xA0 || (scalar >= 0x2000 && scalar <= 0x200A) || scalar == 0x202F || scalar == 0x205F || scalar == 0x3000
    }

    /// Invisible characters that are removed: zero-width spaces and joiners, word joiner, BOM, soft hyphen.
    static func isInvisible(_ scalar: UInt32) -> Bool {
        scalar == 0x200B || scalar == 0x200C || scalar == 0x200D || scalar == 0x2060 || scalar == 0xFEFF || scalar == 0xAD
    }

    /// Whether a non-ASCII character comes out of cleaning as it went in, whatever the settings
    /// other than `quotes`: not removed (invisible), not a space to replace, not a C1 control or a
    /// possible mojibake lead (U+0080–U+009F, U+00C2–U+00F4), and not text that may need NFC
    /// composition. A line whose only non-ASCII characters are such (a `•` bullet, `—`, `↗`) is
    /// copied like a plain ASCII line.
    static func passesUnchanged(_ scalar: UInt32) -> Bool {
        !(scalar >= 0xC2 && scalar <= 0xF4) && scalar > 0x9F && !isInvisible(scalar) && !isOddSpace(scalar)
            && !mayNeedComposition(scalar)
    }

    /// Bullet glyphs that need no space after them: • ▪ ◦ ● · ‣ ⁃ ∙ ■ □ ▫ ○ ‧.
    static func isSymbolBullet(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x2022, 0x25AA, 0x25E6, 0x25CF, 0xB7, 0x2023, 0x2043, 0x2219, 0x25A0, 0x25A1, 0x25AB, 0x25CB, 0x2027: true
        default: false
        }
    }

    /// ASCII bullets (`-`, `*`, `+`) that count only when a space follows (so `-3%` is not a bullet).
    static func isASCIIBullet(_ byte: UInt8) -> Bool { byte == 0x2D || byte == 0x2A || byte == 0x2B }

    /// The length of the bullet a line starts with: spaces, then bullet glyphs each followed by
    /// optional spaces (stacked ones like `- •` count as one bullet). 0 when the line does not
    /// start with a bullet, or when nothing follows it.
    static func bulletPrefixLength(_ line: UnsafeBufferPointer<UInt8>) -> Int {
        var index = 0
        var glyphs = 0
        while index < line.count, line[index] == 0x20 || line[index] == 0x09 { index += 1 }
        while index < line.count {
            let byte = line[index]
            if isASCIIBullet(byte) {
                // `-3%` and `*emphasis*` are not bullets: a space must follow.
                guard index + 1 < line.count, line[index + 1] == 0x20 || line[index + 1] == 0x09 else { break }
                index += 1
            } else if byte >= 0x80 {
                let (scalar, length) = decodeScalar(line, index)
                guard isSymbolBullet(scalar) else { break }
                index += length
            } else {
                break
            }
            glyphs += 1
            while index < line.count, line[index] == 0x20 || line[index] == 0x09 { index += 1 }
        }
        return glyphs > 0 && index < line.count ? index : 0
    }

    /// The offset of the first byte at or after `index` that the line cleaner must look at: LF,
    /// CR, `&`, or any non-ASCII byte; `count` when there is none.
    ///
    /// Eight bytes at a time: a byte equal to c is a zero byte of `word ^ c·0x0101…`, and a zero
    /// byte sets its high bit in `(x - 0x0101…) & ~x & 0x8080…`. A borrow can also set the high
    /// bit of a byte above a real zero, never below one, so the lowest bit set is a real match.
    @inline(__always)
    static func firstSpecialByte(_ base: UnsafePointer<UInt8>, from index: Int, count: Int) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func zeroBytes(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highBits }
        var index = index
        let raw = UnsafeRawPointer(base)
        while index + 8 <= count {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            let found = (word & highBits) | zeroBytes(word ^ (ones &* 0x0A)) | zeroBytes(word ^ (ones &* 0x0D))
                | zeroBytes(word ^ (ones &* 0x26))
            if found != 0 { return index + (found.trailingZeroBitCount >> 3) }
            index += 8
        }
        while index < count {
            let byte = base[index]
            if byte >= 0x80 || byte == 0x0A || byte == 0x0D || byte == 0x26 { return index }
            index += 1
        }
        return count
    }

    /// Combining marks, Hangul jamo and Indic scripts: text containing them may not be in NFC.
    @inline(__always)
    static func mayNeedComposition(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x300...0x36F, 0x900...0xDFF, 0x1100...0x11FF, 0x1AB0...0x1AFF, 0x1DC0...0x1DFF, 0x20D0...0x20FF, 0xFE20...0xFE2F: true
        default: false
        }
    }
}

/// Decodes one UTF-8 scalar at `index`; the text is valid UTF-8 (checked when read).
@inline(__always)
func decodeScalar(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> (scalar: UInt32, length: Int) {
    let lead = bytes[index]
    if lead < 0x80 { return (UInt32(lead), 1) }
    if lead < 0xE0 { return (UInt32(lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F), 2) }
    if lead < 0xF0 {
        return (UInt32(lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F), 3)
    }
    return (UInt32(lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12 | UInt32(bytes[index + 2] & 0x3F) << 6
        | UInt32(bytes[index + 3] & 0x3F), 4)
}
