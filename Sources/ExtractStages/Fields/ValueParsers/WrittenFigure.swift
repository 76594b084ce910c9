/// A figure's digits and separators as a price writes them (`36,000`, `18.50`, `1.234,56`,
/// `45 000`, `.75`), read into a number only once the currency, and with it the meaning of a
/// point or a comma, is known.
///
/// A separator followed by exactly three digits and used once is read by the currency's custom:
/// for currencies written with decimal points, a comma is a thousands separator (`$52,000`) and
/// a point is ambiguous (`$1.234`: nil); for currencies written with a decimal comma, either is
/// a thousands separator only before `000` (`€45.000`, `45,000 €`), and ambiguous otherwise
/// (`€1.234`, `1,659 €`: a thousand, or a price to the tenth of a cent). A separator followed by
/// another count of digits is a decimal mark: a point always, a comma only for those currencies
/// (`€12,50`; `$12,50` is nil). Two kinds of separator (`1,234.56`, `1.234,56`), a
/// repeated one (`1.234.567`) or spaces (`45 000`, also no-break and thin spaces) say which is
/// which by themselves. Thousands groups must have three digits; more than 15 digits is nil.
struct WrittenFigure {
    /// The figure's bytes: digits and the separators between them (a leading point for `.75`).
    private let extent: ArraySlice<UInt8>

    /// Reads digits and separators at the scanner; nil, with nothing consumed, when no digit comes.
    static func read(_ scanner: inout ByteScanner) -> WrittenFigure? {
        let bytes = scanner.bytes
        let end = bytes.endIndex
        let start = scanner.index
        var index = start
        if index + 1 < end, bytes[index] == 0x2E, isDigit(bytes[index + 1]) { index += 1 }
        var sawDigit = false
        while true {
            let run = index
            while index < end, isDigit(bytes[index]) { index += 1 }
            guard index > run else { break }
            sawDigit = true
            if index + 1 < end, bytes[index] == 0x2C || bytes[index] == 0x2E, isDigit(bytes[index + 1]) {
                index += 1
            } else if let width = spaceWidth(bytes, at: index), isThreeDigitGroup(bytes, at: index + width) {
                index += width
            } else {
                break
            }
        }
        guard sawDigit else { return nil }
        scanner.index = index
        return WrittenFigure(extent: bytes[start..<index])
    }

    /// Separator kinds, as bits, so the kinds seen so far fit in one byte.
    private static let comma: UInt8 = 1, point: UInt8 = 2, space: UInt8 = 4

    /// The number times `multiplier` (1, 1,000 for `K`, 1,000,000 for `M`), or nil when the
    /// separators are ambiguous or malformed for a currency that does (or does not) write a
    /// decimal comma.
    ///
    /// One walk over the bytes: the digits go into the mantissa while the runs of digits between
    /// separators ("groups") are measured: the first, the last, whether all between are three
    /// digits long, and which separators came before the last one.
    func value(decimalComma: Bool, multiplier: Double) -> Double? {
        var mantissa: UInt64 = 0
        var digitCount = 0
        var groups = 0
        var firstLength = 0
        var length = 0             // of the group being read
        var middleGroupsOfThree = true
        var kinds: UInt8 = 0       // every separator seen
        var kindsBeforeLast: UInt8 = 0
        var last: UInt8 = 0        // the separator before the last group
        var index = extent.startIndex
        func startGroup(_ kind: UInt8) {
            if groups == 1 { firstLength = length } else if groups > 1, length != 3 { middleGroupsOfThree = false }
            kindsBeforeLast = kinds
            kinds |= kind
            last = kind
            groups += 1
            length = 0
        }
        groups = 1
        while index < extent.endIndex {
            let byte = extent[index]
            if isDigit(byte) {
                mantissa = mantissa &* 10 &+ UInt64(byte - 0x30)
                digitCount += 1
                length += 1
                index += 1
            } else if byte == 0x2C || byte == 0x2E {
                startGroup(byte == 0x2C ? Self.comma : Self.point)
                index += 1
            } else {
                startGroup(Self.space)
                index += Self.spaceWidth(extent, at: index) ?? 1
            }
        }
        guard digitCount <= 15 else { return nil }
        let lastLength = length
        if groups == 1 { firstLength = length }
        var fraction = false
        if groups > 1 {
            if last == Self.space || kindsBeforeLast & last != 0 {
                guard kindsBeforeLast & ~last == 0 else { return nil }
            } else if kindsBeforeLast != 0 {
                guard kindsBeforeLast.nonzeroBitCount == 1 else { return nil }
                fraction = true
            } else if firstLength == 0 {
                fraction = true                                             // `.75`
            } else if lastLength == 3 {
                if decimalComma {
                    // `€45.000` and `45,000 €` are thousands either way; `€1.234` and `1,659 €`
                    // may be a thousand or a price to the tenth of a cent (fuel is sold so).
                    guard extent.suffix(3).allSatisfy({ $0 == 0x30 }) else { return nil }
                } else if last == Self.point {
                    return nil                                              // `$1.234`
                }
            } else {
                if last == Self.comma && !decimalComma { return nil }       // `$12,50`
                fraction = true
            }
        }
        // Thousands groups: the first of one to three digits, every later one of three.
        let wholeGroups = fraction ? groups - 1 : groups
        if wholeGroups > 1 {
            guard (1...3).contains(firstLength), middleGroupsOfThree, fraction || lastLength == 3 else { return nil }
        }
        let fractionDigits = fraction ? lastLength : 0
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
