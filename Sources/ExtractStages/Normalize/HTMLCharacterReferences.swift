import ExtractCore

/// HTML character references as the WHATWG HTML standard defines them: every named reference
/// written with a semicolon (`&Aacute;`, `&rsquo;`, `&NotEqualTilde;`), and decimal and hex
/// numeric ones (`&#8217;`, `&#x2019;`).
///
/// One table for every stage that decodes references, so they all agree. Names without a
/// semicolon are not references here (`AT&T`, `R&D`, `&copy` stay as written). Numeric values
/// follow the standard's rules: 128–159 are the Windows-1252 characters (`&#146;` is `’`; the
/// five values Windows-1252 leaves undefined stay their C1 control), and 0, surrogates and values
/// past U+10FFFF are U+FFFD.
enum HTMLCharacterReferences {
    /// What one reference stands for: one or two scalars (`second` is 0 when there is one).
    struct Expansion: Equatable {
        var first: UInt32
        var second: UInt32 = 0
    }

    /// The table, read once from ``namedTable``: names one after another in `names`, the start of
    /// name i at `starts[i]` (and its end at `starts[i + 1]`), its expansion at `expansions[i]`.
    private struct Table {
        var names: [UInt8] = []
        var starts: [Int32] = [0]
        var expansions: [Expansion] = []

        /// Reads lines of `name HEX [HEX]`, byte by byte (it runs once, at the first reference).
        init(_ text: String) {
            var text = text
            text.withUTF8 { bytes in
                names.reserveCapacity(bytes.count / 2)
                expansions.reserveCapacity(bytes.count / 12)
                var index = 0
                while index < bytes.count {
                    while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A { index += 1 }
                    guard index < bytes.count else { break }
                    while index < bytes.count, bytes[index] != 0x20 {
                        names.append(bytes[index])
                        index += 1
                    }
                    var scalars: (UInt32, UInt32) = (0, 0)
                    var count = 0
                    while index < bytes.count, bytes[index] == 0x20 {
                        index += 1
                        var value: UInt32 = 0
                        while index < bytes.count, let digit = hexDigit(bytes[index]) {
                            value = value << 4 | digit
                            index += 1
                        }
                        if count == 0 { scalars.0 = value } else { scalars.1 = value }
                        count += 1
                    }
                    starts.append(Int32(names.count))
                    expansions.append(Expansion(first: scalars.0, second: scalars.1))
                }
            }
        }

        private func hexDigit(_ byte: UInt8) -> UInt32? {
            switch byte {
            case 0x30...0x39: UInt32(byte - 0x30)
            case 0x41...0x46: UInt32(byte - 0x41 + 10)
            default: nil
            }
        }
    }

    private static let table = Table(namedTable)

    /// The scalars the named reference `name` (the bytes between `&` and `;`) stands for; nil
    /// when the standard has no reference of that name (names are case-sensitive).
    static func named(_ name: UnsafeBufferPointer<UInt8>) -> Expansion? {
        guard !name.isEmpty, name.count <= longestName else { return nil }
        return table.names.withUnsafeBufferPointer { names -> Expansion? in
            var low = 0
            var high = table.expansions.count
            while low < high {
                let middle = (low + high) / 2
                let start = Int(table.starts[middle])
                let candidate = UnsafeBufferPointer(rebasing: names[start..<Int(table.starts[middle + 1])])
                switch compare(candidate, name) {
                case .less: low = middle + 1
                case .greater: high = middle
                case .equal: return table.expansions[middle]
                }
            }
            return nil
        }
    }

    private enum Order { case less, equal, greater }

    /// Byte order, a prefix before the longer name.
    private static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Order {
        for index in 0..<min(a.count, b.count) where a[index] != b[index] {
            return a[index] < b[index] ? .less : .greater
        }
        return a.count == b.count ? .equal : (a.count < b.count ? .less : .greater)
    }

    /// The scalar a numeric reference with value `value` stands for: 128–159 as Windows-1252,
    /// 0, surrogates and values past U+10FFFF as U+FFFD, any other value as itself.
    static func numeric(_ value: UInt32) -> UInt32 {
        if value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF) { return 0xFFFD }
        return Windows1252.scalar(value)
    }

    /// The reference that starts with the `&` at `index`, read no further than `end`: what it
    /// stands for and how many bytes it takes, `&` and `;` included; nil when the text there is
    /// not a reference (a name the standard does not have, a name without a semicolon, `&#`
    /// without digits), which then stays as written.
    ///
    /// A numeric reference may end without a semicolon, as the standard allows (`&#8226 `);
    /// its digits are read as far as they go, and a value too large for Unicode is U+FFFD.
    static func reference(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, end: Int) -> (expansion: Expansion, length: Int)? {
        var position = index + 1
        guard position < end else { return nil }
        if bytes[position] == 0x23 {  // `#`
            position += 1
            let hex = position < end && (bytes[position] | 0x20) == 0x78
            if hex { position += 1 }
            let digitsStart = position
            var value: UInt32 = 0
            while position < end, let digit = digitValue(bytes[position], hex: hex) {
                // Past U+10FFFF the value is U+FFFD whatever follows: stop growing it.
                value = min(value &* (hex ? 16 : 10) &+ digit, 0x110000)
                position += 1
            }
            guard position > digitsStart else { return nil }
            if position < end, bytes[position] == 0x3B { position += 1 }
            return (Expansion(first: numeric(value)), position - index)
        }
        let nameStart = position
        while position < end, position - nameStart <= longestName, isAlphanumeric(bytes[position]) { position += 1 }
        guard position < end, bytes[position] == 0x3B,
              let expansion = named(UnsafeBufferPointer(rebasing: bytes[nameStart..<position])) else { return nil }
        return (expansion, position + 1 - index)
    }

    @inline(__always)
    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A)
    }

    @inline(__always)
    private static func digitValue(_ byte: UInt8, hex: Bool) -> UInt32? {
        if byte >= 0x30 && byte <= 0x39 { return UInt32(byte - 0x30) }
        guard hex else { return nil }
        let lower = byte | 0x20
        return lower >= 0x61 && lower <= 0x66 ? UInt32(lower - 0x61 + 10) : nil
    }
}
