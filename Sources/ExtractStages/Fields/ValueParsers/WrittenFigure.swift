/// A figure's digits and separators as a price writes them (`36,000`, `18.50`, `1.234,56`,
/// `45 000`, `.75`), read into a number only once the currency, and with it the meaning of a
/// point or a comma, is known.
///
/// A separator followed by exactly three digits and used once is read by the currency's custom:
/// a comma is always a thousands separator (`$52,000`, `€1,234`); a point is one for currencies
/// written with a decimal comma (`€45.000`) and ambiguous otherwise (`$1.234`: nil). A separator
/// followed by another count of digits is a decimal mark: a point always, a comma only for those
/// currencies (`€12,50`; `$12,50` is nil). Two kinds of separator (`1,234.56`, `1.234,56`), a
/// repeated one (`1.234.567`) or spaces (`45 000`, also no-break and thin spaces) say which is
/// which by themselves. Thousands groups must have three digits; more than 15 digits is nil.
struct WrittenFigure {
    /// Each run of digits with the separator before it (0 for the first run, then `,`, `.`, or
    /// 0x20 for any space). A leading point (`.75`) gives an empty first run.
    private var groups: [(separator: UInt8, digits: ArraySlice<UInt8>)]

    /// Reads digits and separators at the scanner; nil, with nothing consumed, when no digit comes.
    static func read(_ scanner: inout ByteScanner) -> WrittenFigure? {
        let bytes = scanner.bytes
        let end = bytes.endIndex
        var index = scanner.index
        var groups: [(separator: UInt8, digits: ArraySlice<UInt8>)] = []
        var separator: UInt8 = 0
        if index + 1 < end, bytes[index] == 0x2E, isDigit(bytes[index + 1]) {
            groups.append((0, bytes[index..<index]))
            separator = 0x2E
            index += 1
        }
        while true {
            let start = index
            while index < end, isDigit(bytes[index]) { index += 1 }
            guard index > start else { break }
            groups.append((separator, bytes[start..<index]))
            if index + 1 < end, bytes[index] == 0x2C || bytes[index] == 0x2E, isDigit(bytes[index + 1]) {
                separator = bytes[index]
                index += 1
            } else if let width = spaceWidth(bytes, at: index), isThreeDigitGroup(bytes, at: index + width) {
                separator = 0x20
                index += width
            } else {
                break
            }
        }
        guard !groups.isEmpty else { return nil }
        scanner.index = index
        return WrittenFigure(groups: groups)
    }

    /// The number times `multiplier` (1, 1,000 for `K`, 1,000,000 for `M`), or nil when the
    /// separators are ambiguous or malformed for a currency that does (or does not) write a
    /// decimal comma.
    func value(decimalComma: Bool, multiplier: Double) -> Double? {
        var fraction: Int?
        if let last = groups.last?.separator, groups.count > 1 {
            let earlier = groups.dropFirst().dropLast().map(\.separator)
            if last == 0x20 || earlier.contains(last) {
                guard earlier.allSatisfy({ $0 == last }) else { return nil }
            } else if let thousands = earlier.first {
                guard earlier.allSatisfy({ $0 == thousands }) else { return nil }
                fraction = groups.count - 1
            } else if groups[0].digits.isEmpty {
                fraction = 1
            } else if groups[1].digits.count == 3 {
                if last == 0x2E && !decimalComma { return nil }
            } else {
                if last == 0x2C && !decimalComma { return nil }
                fraction = 1
            }
        }
        let whole = groups[..<(fraction ?? groups.count)]
        if whole.count > 1 {
            guard (1...3).contains(whole[0].digits.count), whole.dropFirst().allSatisfy({ $0.digits.count == 3 }) else { return nil }
        }
        var mantissa: UInt64 = 0
        var digitCount = 0
        for group in groups {
            for byte in group.digits { mantissa = mantissa &* 10 &+ UInt64(byte - 0x30) }
            digitCount += group.digits.count
        }
        guard digitCount <= 15 else { return nil }
        let fractionDigits = fraction.map { groups[$0].digits.count } ?? 0
        // The mantissa and the multiplier are exact, so one rounded division gives the nearest
        // double, and a whole amount comes out whole.
        return Double(mantissa) * multiplier / Self.powerOfTen(fractionDigits)
    }

    private static func powerOfTen(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<exponent { result *= 10 }
        return result
    }

    /// The byte width of a space that may separate thousands (space, no-break space U+00A0,
    /// narrow no-break space U+202F, thin space U+2009) at `index`, or nil.
    private static func spaceWidth(_ bytes: ArraySlice<UInt8>, at index: Int) -> Int? {
        guard index < bytes.endIndex else { return nil }
        if bytes[index] == 0x20 { return 1 }
        if index + 1 < bytes.endIndex, bytes[index] == 0xC2, bytes[index + 1] == 0xA0 { return 2 }
        if index + 2 < bytes.endIndex, bytes[index] == 0xE2, bytes[index + 1] == 0x80,
           bytes[index + 2] == 0xAF || bytes[index + 2] == 0x89 { return 3 }
        return nil
    }

    /// Exactly three digits at `index`, not followed by a fourth.
    private static func isThreeDigitGroup(_ bytes: ArraySlice<UInt8>, at index: Int) -> Bool {
        guard index + 3 <= bytes.endIndex, (0..<3).allSatisfy({ isDigit(bytes[index + $0]) }) else { return false }
        return index + 3 == bytes.endIndex || !isDigit(bytes[index + 3])
    }
}
