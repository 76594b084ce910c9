/// The currency marks the money parser reads and the ISO 4217 code each stands for.
///
/// Symbols come before a figure (`$`, `US$`, `A$`, `AU$`, `C$`, `CA$`, `NZ$`, `NT$`, `HK$`, `S$`,
/// `MX$`, `R$`, `£`, `€`, `₹`); `€` and `£` may also follow it (`45 000 €`). Codes (`USD`, `EUR`,
/// …, upper case) may stand on either side. A bare `$` is a dollar of unknown country: it is read
/// as USD only when nothing else in the text names the currency, so `A$` and `NZ$` are never US
/// dollars, and `$50 AUD` is Australian. `¥` (yen or yuan) and `kr` (three crowns) are not read.
struct CurrencyMark: Equatable {
    /// The ISO code, or nil for a bare `$`.
    var code: String?

    static let bareDollar = CurrencyMark(code: nil)

    /// Symbols. No symbol begins another, so their order only decides how soon one is found.
    /// (`$` first: it is the mark most prices have.)
    private static let symbols: [(StaticString, CurrencyMark)] = [
        ("$", .bareDollar), ("US$", .init(code: "USD")), ("AU$", .init(code: "AUD")), ("CA$", .init(code: "CAD")),
        ("NZ$", .init(code: "NZD")), ("NT$", .init(code: "TWD")), ("HK$", .init(code: "HKD")),
        ("MX$", .init(code: "MXN")), ("A$", .init(code: "AUD")), ("C$", .init(code: "CAD")),
        ("S$", .init(code: "SGD")), ("R$", .init(code: "BRL")),
        ("\u{00A3}", .init(code: "GBP")), ("\u{20AC}", .init(code: "EUR")), ("\u{20B9}", .init(code: "INR")),
    ]

    /// Symbols that may follow a figure. A trailing `$` is not read: `50 000 $` is how Quebec
    /// writes Canadian dollars.
    private static let trailingSymbols: [(StaticString, CurrencyMark)] = [
        ("\u{00A3}", .init(code: "GBP")), ("\u{20AC}", .init(code: "EUR")),
    ]

    /// (Lists rather than sets: a price has one or two marks, and comparing three-letter strings
    /// costs less than hashing them.)
    private static let codes: [StaticString] = [
        "USD", "EUR", "GBP", "AUD", "CAD", "NZD", "CHF", "JPY", "CNY", "INR", "BRL", "TWD", "HKD", "SGD", "MXN",
        "ZAR", "SEK", "NOK", "DKK", "PLN",
    ]

    /// Currencies a bare `$` may stand for.
    private static let dollarSigned: [String] = ["USD", "AUD", "CAD", "NZD", "TWD", "HKD", "SGD", "MXN", "BRL"]

    /// Currencies written with a decimal comma and point (or space) thousands: `€1.234,56`,
    /// `R$ 2.500,00`. For these `45.000` is forty-five thousand; for the others it is ambiguous.
    private static let decimalComma: [String] = ["EUR", "BRL", "SEK", "NOK", "DKK", "PLN"]

    /// Whether `code` writes a decimal comma (see ``decimalComma``).
    static func writesDecimalComma(_ code: String) -> Bool { decimalComma.contains(code) }

    /// A mark written before a figure: a symbol or a code (`USD 52,000`, `AUD $50`).
    static func leading(_ scanner: inout ByteScanner) -> CurrencyMark? {
        // Most figures come without a mark before them, or right after one.
        guard let first = scanner.peek, !isDigit(first), first != 0x2E else { return nil }
        for (symbol, mark) in symbols where scanner.consumeExactly(symbol) { return mark }
        return code(&scanner)
    }

    /// A mark written after a figure: a code (`52,000 USD`) or `€`/`£` (`45 000 €`).
    static func trailing(_ scanner: inout ByteScanner) -> CurrencyMark? {
        guard let first = scanner.peek, !isDigit(first) else { return nil }
        for (symbol, mark) in trailingSymbols where scanner.consumeExactly(symbol) { return mark }
        return code(&scanner)
    }

    /// Three capital letters that name a known currency, not followed by another letter.
    private static func code(_ scanner: inout ByteScanner) -> CurrencyMark? {
        let start = scanner.index
        let bytes = scanner.bytes
        guard bytes.endIndex - start >= 3, (0..<3).allSatisfy({ bytes[start + $0] >= 0x41 && bytes[start + $0] <= 0x5A }),
              start + 3 == bytes.endIndex || !isLetter(bytes[start + 3]) else { return nil }
        for code in codes where (0..<3).allSatisfy({ code.utf8Start[$0] == bytes[start + $0] }) {
            scanner.index = start + 3
            return CurrencyMark(code: String(decoding: bytes[start..<(start + 3)], as: UTF8.self))
        }
        return nil
    }

    /// The marks of one text, gathered as they are read.
    struct Agreement {
        private var code: String?
        private var sawDollar = false
        private var conflict = false

        mutating func add(_ mark: CurrencyMark) {
            guard let named = mark.code else { sawDollar = true; return }
            if let code, code != named { conflict = true }
            code = named
        }

        /// The currency every mark agrees on: nil when they name two currencies (`$50 EUR`) or
        /// none; a bare `$` alone is USD.
        var currency: String? {
            guard !conflict else { return nil }
            guard let code else { return sawDollar ? "USD" : nil }
            if sawDollar && !dollarSigned.contains(code) { return nil }
            return code
        }
    }
}
