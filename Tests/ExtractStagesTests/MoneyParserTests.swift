import ExtractCore
import ExtractStages
import ExtractTestSupport
import PropertyBased
import Testing

/// The bytes of a string as the parsers take them.
private func bytes(_ text: String) -> ArraySlice<UInt8> { Array(text.utf8)[...] }

/// The object the money parser gives.
private func money(_ min: Value, _ max: Value, _ currency: String, _ period: Value = nil) -> Value {
    .object([.init("min", min), .init("max", max), .init("currency", .string(currency)), .init("period", period)])
}

extension Value {
    /// The number an integer or decimal value holds.
    fileprivate var number: Double? {
        switch self {
        case .integer(let value): return Double(value)
        case .decimal(let value): return value
        default: return nil
        }
    }
}

/// Price strings as job, shop and salary pages write them. A wrong number is worse than none, so
/// every refusal here is as much a requirement as every reading.
@Suite("Money parser")
struct MoneyParserTests {
    @Test(arguments: [
        // dollars, with the marks pages put around them
        ("$36,000-$59,000 per year", money(36000, 59000, "USD", "year")),
        ("US$52,000", money(52000, 52000, "USD")),
        ("USD 52,000", money(52000, 52000, "USD")),
        ("52,000 USD", money(52000, 52000, "USD")),
        ("$ 52,000", money(52000, 52000, "USD")),
        ("$.75", money(0.75, 0.75, "USD")),
        ("$52,000.", money(52000, 52000, "USD")),
        ("$1,234,567.89", money(1_234_567.89, 1_234_567.89, "USD")),
        ("$80k", money(80000, 80000, "USD")),
        ("$36-59K", money(36000, 59000, "USD")),
        ("$ 18.50 \u{2013} $ 22.75 / hour", money(18.5, 22.75, "USD", "hour")),
        ("$18/hr - $22/hr", money(18, 22, "USD", "hour")),
        ("$2,500 a week", money(2500, 2500, "USD", "week")),
        ("$200/day", money(200, 200, "USD", "day")),
        ("$15.95/mo", money(15.95, 15.95, "USD", "month")),
        ("$85,000/yr", money(85000, 85000, "USD", "year")),
        ("$28 an hour", money(28, 28, "USD", "hour")),
        // words around the figure
        ("Price: $15.95/mo", money(15.95, 15.95, "USD", "month")),
        ("Salary: $50,000 - $60,000", money(50000, 60000, "USD")),
        ("From $109.90", money(109.9, nil, "USD")),
        ("From $36,000 to $59,000", money(36000, 59000, "USD")),
        ("Starting at $18 an hour", money(18, nil, "USD", "hour")),
        ("Up to $80,000", money(nil, 80000, "USD")),
        ("up to $45/hr", money(nil, 45, "USD", "hour")),
        ("Between $40,000 and $50,000 a year", money(40000, 50000, "USD", "year")),
        ("$100K+", money(100_000, nil, "USD")),
        ("$50,000 and up", money(50000, nil, "USD")),
        // other dollars are never US dollars
        ("A$85,000 p.a.", money(85000, 85000, "AUD", "year")),
        ("AU$120K", money(120_000, 120_000, "AUD")),
        ("AUD $95,000", money(95000, 95000, "AUD")),
        ("$95,000 AUD", money(95000, 95000, "AUD")),
        ("C$25/hr", money(25, 25, "CAD", "hour")),
        ("CA$60,000 a year", money(60000, 60000, "CAD", "year")),
        ("$45,000 - $55,000 CAD", money(45000, 55000, "CAD")),
        ("NZ$28 an hour", money(28, 28, "NZD", "hour")),
        ("NT$45,000", money(45000, 45000, "TWD")),
        ("HK$30,000 per month", money(30000, 30000, "HKD", "month")),
        ("S$5,000/month", money(5000, 5000, "SGD", "month")),
        ("R$ 2.500,00", money(2500, 2500, "BRL")),
        // pounds and euros, with their own ways of writing figures
        ("£32,000 per annum", money(32000, 32000, "GBP", "year")),
        ("£30k-£35k pa", money(30000, 35000, "GBP", "year")),
        ("£30k - 35k p.a.", money(30000, 35000, "GBP", "year")),
        ("GBP 32,000", money(32000, 32000, "GBP")),
        ("€45.000", money(45000, 45000, "EUR")),
        ("€45,000 per annum", money(45000, 45000, "EUR", "year")),
        ("45 000 €", money(45000, 45000, "EUR")),
        ("45\u{00A0}000\u{00A0}€", money(45000, 45000, "EUR")),
        ("45\u{202F}000 € - 50\u{202F}000 €", money(45000, 50000, "EUR")),
        ("€1.234,56", money(1234.56, 1234.56, "EUR")),
        ("€12,50 per hour", money(12.5, 12.5, "EUR", "hour")),
        ("€12.50 per hour", money(12.5, 12.5, "EUR", "hour")),
        ("1.234.567 EUR", money(1_234_567, 1_234_567, "EUR")),
        ("€45k", money(45000, 45000, "EUR")),
    ] as [(String, Value)])
    func readsPricesAsPagesWriteThem(text: String, expected: Value) {
        #expect(MoneyParser.parse(bytes(text)) == expected)
    }

    @Test(arguments: [
        "Was $120.00 Now $60.00",      // two prices
        "$120.00 $60.00",
        "$50,000 or $60,000",
        "US$50 / A$70",
        "Earn $50,000 while you train",  // prose
        "The median pay was $52,000 in 2023",
        "Competitive",
        "Salary depends on experience",
        "$1.234",                      // a dollar figure with three decimals, or a thousand?
        "$45.000",
        "€1.234",                      // a thousand euros, or a price to the tenth of a cent?
        "1,659 €",                     // fuel is priced so
        "€52,500",
        "1.234",                       // no currency
        "52,000",
        "$12,50",                      // a decimal comma, in a currency that writes none
        "$1,2345",
        "\u{00A5}500,000",             // yen or yuan
        "500 kr",                      // Swedish, Norwegian or Danish
        "50 000 $",                    // Canadian in Quebec
        "$50 EUR",                     // two currencies
        "\u{00A3}50 - $60",
        "A$50 USD",
        "$59,000-$36,000",             // low end above the high end
        "$50k-$40k",
        "Up to $60,000 - $80,000",
        "Between $40,000",
        "From $109.90 to",
        "$36,000 per fortnight",
        "\u{20B9}6,00,000",             // lakh grouping
        "CHF 120'000",
        "$",
        "",
    ])
    func refusesWhatItCannotReadForSure(text: String) {
        #expect(MoneyParser.parse(bytes(text)) == nil)
    }

    @Test func aRefusalIsNullWithAnUnparsedDiagnosticInTheRecord() throws {
        let yaml = #"""
        stages:
          - stage: fields
            fields:
              price:
                pattern: '^Price: (?<text>.+)$'
                value: { "*": text | money, text: text }
        """#
        let result = try process("Price: Was $120.00 Now $60.00", yaml: yaml)
        #expect(result["price"] == .object([.init("min", nil), .init("max", nil), .init("currency", nil), .init("period", nil),
                                             .init("text", "Was $120.00 Now $60.00")]))
        #expect(result.diagnostics(for: "price").map(\.code) == ["fields.unparsed"])
    }

    /// Pieces prices are made of, shuffled into strings most of which are not prices.
    private static let pieces = ["$", "€", "£", "A$", "USD", "EUR", " ", "-", "\u{2013}", " to ", ",", ".", "k", "K", "M", "+",
                                 "0", "1", "5", "9", "12", "250", "000", "999", "per year", "/hr", " a month", "p.a.",
                                 "From ", "Up to ", "Between ", " and ", "Price: ", "was", "now", "\u{00A0}"]

    @Test func neverGivesAMinimumAboveTheMaximum() async {
        await propertyCheck(count: propertyCount(2000), input: Gen.element(of: Self.pieces).array(of: 1...8)) { parts in
            let text = parts.compactMap { $0 }.joined()
            guard let value = MoneyParser.parse(bytes(text)) else { return }
            if let low = value["min"]?.number, let high = value["max"]?.number {
                #expect(low <= high, "\(text) gave \(value)")
            }
        }
    }

    @Test func neverGivesANumberForTextWithoutADigit() async {
        let letters = Self.pieces.filter { !$0.contains(where: \.isNumber) }
        await propertyCheck(count: propertyCount(1000), input: Gen.element(of: letters).array(of: 1...8)) { parts in
            let text = parts.compactMap { $0 }.joined()
            if let value = MoneyParser.parse(bytes(text)) {
                #expect(value["min"] == .null && value["max"] == .null, "\(text) gave \(value)")
            }
        }
    }

    @Test func anyWholeDollarAmountWrittenWithCommasReadsBackExactly() async {
        await propertyCheck(count: propertyCount(100), input: Gen.int(in: 0...999_999_999)) { amount in
            let text = "$" + Self.grouped(amount, by: ",")
            #expect(MoneyParser.parse(bytes(text)) == money(.integer(amount), .integer(amount), "USD"), "\(text)")
        }
    }

    @Test func anyWholeEuroAmountWrittenWithPointsReadsBackExactlyOrNotAtAll() async {
        // One point before three digits other than `000` may be a decimal point (`€1.234`).
        let amounts = Gen.oneOf(Gen.int(in: 0...999_999_999), Gen.int(in: 1_000...999_999))
        await propertyCheck(count: propertyCount(300), input: amounts) { amount in
            let text = "€" + Self.grouped(amount, by: ".")
            let readable = amount < 1_000 || amount >= 1_000_000 || amount % 1_000 == 0
            let expected: Value? = readable ? money(.integer(amount), .integer(amount), "EUR") : Optional.none
            #expect(MoneyParser.parse(bytes(text)) == expected, "\(text)")
        }
    }

    @Test func anyRangeReadsInOrderOrNotAtAll() async {
        await propertyCheck(count: propertyCount(100), input: Gen.int(in: 0...200_000), Gen.int(in: 0...200_000)) { low, high in
            let value = MoneyParser.parse(bytes("$\(Self.grouped(low, by: ",")) - $\(Self.grouped(high, by: ",")) per year"))
            if low <= high {
                #expect(value == money(.integer(low), .integer(high), "USD", "year"))
            } else {
                #expect(value == nil)
            }
        }
    }

    /// `1234567` → `1,234,567` (or with points).
    private static func grouped(_ amount: Int, by separator: String) -> String {
        let digits = String(amount)
        var result = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { result += separator }
            result.append(digit)
        }
        return result
    }
}
