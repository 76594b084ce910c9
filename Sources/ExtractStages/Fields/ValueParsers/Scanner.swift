import ExtractCore

/// A cursor over UTF-8 bytes for the value parsers: consume what matches, report what didn't.
struct ByteScanner {
    let bytes: ArraySlice<UInt8>
    var index: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        index = bytes.startIndex
    }

    var isAtEnd: Bool { index >= bytes.endIndex }
    var peek: UInt8? { isAtEnd ? nil : bytes[index] }
    var rest: ArraySlice<UInt8> { bytes[index...] }

    mutating func skipSpaces() {
        while let byte = peek {
            if byte == 0x20 || byte == 0x09 { index += 1; continue }
            // U+00A0 no-break space, in case text was not normalized
            if byte == 0xC2, index + 1 < bytes.endIndex, bytes[index + 1] == 0xA0 { index += 2; continue }
            break
        }
    }

    /// Consumes `literal` (ASCII letters compared case-insensitively) if it comes next.
    mutating func consume(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard bytes.endIndex - index >= count else { return false }
        let expected = literal.utf8Start
        for offset in 0..<count where lower(bytes[index + offset]) != lower(expected[offset]) { return false }
        index += count
        return true
    }

    /// Consumes `literal` if it comes next, byte for byte (case counts).
    mutating func consumeExactly(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard bytes.endIndex - index >= count else { return false }
        let expected = literal.utf8Start
        for offset in 0..<count where bytes[index + offset] != expected[offset] { return false }
        index += count
        return true
    }

    /// Consumes one of the dashes that join a range (`-`, `–`, `—`, `‒`, `−`) or the word `to`.
    mutating func consumeRangeSeparator() -> Bool {
        let start = index
        skipSpaces()
        if consume("-") || consume("\u{2013}") || consume("\u{2014}") || consume("\u{2012}") || consume("\u{2212}") {
            skipSpaces()
            return true
        }
        if consume("to "), !isAtEnd { skipSpaces(); return true }
        index = start
        return false
    }

    /// A decimal number with optional thousands separators: `36,000`, `18.50`, `5.5`.
    mutating func number() -> Double? {
        let start = index
        var mantissa: UInt64 = 0
        var digitCount = 0
        var fractionDigits = 0
        var sawDigit = false
        var sawPoint = false
        while let byte = peek {
            if byte >= 0x30 && byte <= 0x39 {
                if digitCount < 19 { mantissa = mantissa &* 10 &+ UInt64(byte - 0x30) }
                digitCount += 1
                if sawPoint { fractionDigits += 1 }
                sawDigit = true
                index += 1
            } else if byte == 0x2C, sawDigit, !sawPoint, isDigitRun(at: index + 1, count: 3) {
                index += 1  // thousands separator: exactly three digits follow
            } else if byte == 0x2E, sawDigit, !sawPoint, index + 1 < bytes.endIndex, isDigit(bytes[index + 1]) {
                sawPoint = true
                index += 1
            } else {
                break
            }
        }
        guard sawDigit else {
            index = start
            return nil
        }
        // Up to 15 digits the mantissa and the power of ten are exact doubles, and one correctly
        // rounded division gives what Double(String) gives; longer numbers take that path.
        if digitCount <= 15 { return Double(mantissa) / Self.powersOfTen[fractionDigits] }
        var digits = ""
        for byte in bytes[start..<index] where byte != 0x2C { digits.append(Character(UnicodeScalar(byte))) }
        guard let value = Double(digits) else {
            index = start
            return nil
        }
        return value
    }

    private static let powersOfTen: [Double] = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15]

    /// A numeral, or a number written in words up to ninety-nine (`six`, `twenty-one`, `twenty
    /// one`, `a`/`an` for one).
    mutating func count() -> Double? {
        if let value = number() { return value }
        if let tens = word(in: Self.tensWords) {
            var value = Double(tens + 2) * 10
            let afterTens = index
            if consume("-") || consume(" "), let ones = word(in: Self.unitWords), ones >= 1, ones <= 9 {
                value += Double(ones)
            } else {
                index = afterTens
            }
            return value
        }
        if let value = word(in: Self.unitWords) { return Double(value) }
        if word(in: Self.articles) != nil { return 1 }
        return nil
    }

    /// `zero` … `nineteen`, each at the position of its value.
    private static let unitWords: [StaticString] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    ]
    /// `twenty` … `ninety`: position + 2 tens.
    private static let tensWords: [StaticString] = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
    private static let articles: [StaticString] = ["a", "an"]

    /// The next run of ASCII letters, if it is one of `words` (lowercase; compared ignoring ASCII
    /// case): its position in `words`. Nothing is consumed otherwise.
    mutating func word(in words: [StaticString]) -> Int? {
        let start = index
        var end = start
        while end < bytes.endIndex, isLetter(bytes[end]) { end += 1 }
        guard end > start else { return nil }
        for (position, word) in words.enumerated() where word.utf8CodeUnitCount == end - start {
            let expected = word.utf8Start
            var offset = 0
            while offset < end - start, lower(bytes[start + offset]) == expected[offset] { offset += 1 }
            if offset == end - start {
                index = end
                return position
            }
        }
        return nil
    }

    private func isDigitRun(at position: Int, count: Int) -> Bool {
        guard position + count <= bytes.endIndex else { return false }
        for offset in 0..<count where !isDigit(bytes[position + offset]) { return false }
        return position + count == bytes.endIndex || !isDigit(bytes[position + count])
    }
}

@inline(__always) func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
@inline(__always) func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
@inline(__always) func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }

/// The bytes with ASCII and no-break spaces trimmed from both ends.
func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
    var start = bytes.startIndex
    var end = bytes.endIndex
    while start < end, isTrimmedSpace(bytes[start]) { start += 1 }
    while end > start, isTrimmedSpace(bytes[end - 1]) { end -= 1 }
    return bytes[start..<end]
}

/// What ``trimmed(_:)`` removes: space, tab, LF, CR.
@inline(__always) func isTrimmedSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

/// A number as an integer value when it is whole, else a decimal.
func numberValue(_ number: Double) -> Value {
    if number == number.rounded(), abs(number) < 1e15 { return .integer(Int(number)) }
    return .decimal(number)
}

/// As ``numberValue(_:)``, in a record's store.
func numberNode(_ number: Double, in store: inout ValueStore) -> ValueStore.NodeID {
    if number == number.rounded(), abs(number) < 1e15 { return store.integer(Int(number)) }
    return store.decimal(number)
}
