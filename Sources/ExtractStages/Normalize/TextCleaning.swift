/// Tables for the normalize stage: HTML entities, Windows-1252 mojibake, spaces and bullet glyphs.
enum TextCleaning {
    /// Named HTML entities seen in scraped text (the numeric forms are decoded generally).
    static let entities: [String: UInt32] = [
        "amp": 0x26, "lt": 0x3C, "gt": 0x3E, "quot": 0x22, "apos": 0x27, "nbsp": 0xA0, "ndash": 0x2013,
        "mdash": 0x2014, "lsquo": 0x2018, "rsquo": 0x2019, "ldquo": 0x201C, "rdquo": 0x201D, "sbquo": 0x201A,
        "bdquo": 0x201E, "hellip": 0x2026, "bull": 0x2022, "middot": 0xB7, "copy": 0xA9, "reg": 0xAE,
        "trade": 0x2122, "deg": 0xB0, "plusmn": 0xB1, "times": 0xD7, "divide": 0xF7, "frac12": 0xBD,
        "frac14": 0xBC, "frac34": 0xBE, "cent": 0xA2, "pound": 0xA3, "euro": 0x20AC, "yen": 0xA5, "sect": 0xA7,
        "para": 0xB6, "laquo": 0xAB, "raquo": 0xBB, "iexcl": 0xA1, "iquest": 0xBF, "shy": 0xAD, "thinsp": 0x2009,
        "ensp": 0x2002, "emsp": 0x2003, "zwj": 0x200D, "zwnj": 0x200C, "minus": 0x2212, "rarr": 0x2192,
        "larr": 0x2190, "nearr": 0x2197, "check": 0x2713, "aacute": 0xE1, "eacute": 0xE9, "iacute": 0xED,
        "oacute": 0xF3, "uacute": 0xFA, "ntilde": 0xF1, "Eacute": 0xC9, "agrave": 0xE0, "egrave": 0xE8,
        "ouml": 0xF6, "uuml": 0xFC, "auml": 0xE4, "ccedil": 0xE7,
    ]

    /// Windows-1252 bytes 0x80–0x9F as Unicode scalars (undefined bytes map to their C1 control).
    static let cp1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x192, 0x201E, 0x2026, 0x2020, 0x2021, 0x2C6, 0x2030, 0x160, 0x2039, 0x152, 0x8D, 0x17D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x2DC, 0x2122, 0x161, 0x203A, 0x153, 0x9D, 0x17E, 0x178,
    ]

    /// The Windows-1252 byte a scalar came from, if it is one a UTF-8 continuation byte (0x80–0xBF) turns into.
    static func continuationByte(_ scalar: UInt32) -> UInt8? {
        if scalar < 0x80 { return nil }  // ASCII never stood for a continuation byte; spares the table search
        if scalar >= 0xA0 && scalar <= 0xBF { return UInt8(scalar) }
        if scalar >= 0x80 && scalar <= 0x9F && cp1252High[Int(scalar - 0x80)] == scalar { return UInt8(scalar) }
        if let index = cp1252High.firstIndex(of: scalar) { return UInt8(0x80 + index) }
        return nil
    }

    /// Spaces that become a plain space: no-break, en/em/thin and other typographic spaces.
    static func isOddSpace(_ scalar: UInt32) -> Bool {
        scalar == 0xA0 || (scalar >= 0x2000 && scalar <= 0x200A) || scalar == 0x202F || scalar == 0x205F || scalar == 0x3000
    }

    /// Invisible characters that are removed: zero-width spaces and joiners, word joiner, BOM, soft hyphen.
    static func isInvisible(_ scalar: UInt32) -> Bool {
        scalar == 0x200B || scalar == 0x200C || scalar == 0x200D || scalar == 0x2060 || scalar == 0xFEFF || scalar == 0xAD
    }

    /// Whether a non-ASCII character comes out of cleaning as it went in, whatever the settings:
    /// not removed (invisible), not a space to replace, not a possible mojibake lead (U+00C2–U+00F4),
    /// and not text that may need NFC composition. A line whose only non-ASCII characters are
    /// such (a `•` bullet, `’`, `—`, `↗`) is copied like a plain ASCII line.
    static func passesUnchanged(_ scalar: UInt32) -> Bool {
        !(scalar >= 0xC2 && scalar <= 0xF4) && !isInvisible(scalar) && !isOddSpace(scalar) && !mayNeedComposition(scalar)
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
