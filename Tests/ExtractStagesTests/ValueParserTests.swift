import ExtractConformance
import ExtractCore
import ExtractStages
import Testing

/// The bytes of a string as the parsers take them.
private func bytes(_ text: String) -> ArraySlice<UInt8> { Array(text.utf8)[...] }

/// The object the money parser gives.
private func pay(_ min: Value, _ max: Value, period: Value = nil, currency: Value = "USD") -> Value {
    .object([.init("min", min), .init("max", max), .init("currency", currency), .init("period", period)])
}

/// The object the duration parser gives for a range.
private func monthsRange(_ low: Value, _ high: Value) -> Value {
    .object([.init("months", nil), .init("months_min", low), .init("months_max", high)])
}

/// The object the duration parser gives for one figure: the same keys as a range's.
private func months(_ value: Value) -> Value { .object([.init("months", value), .init("months_min", nil), .init("months_max", nil)]) }

@Suite("Value parsers")
struct ValueParserTests {
    // MARK: money

    @Test(arguments: [
        ("$36,000-$59,000 per year", pay(36000, 59000, period: "year")),
        ("$18-$29 per hour", pay(18, 29, period: "hour")),
        ("$36K-$59K", pay(36000, 59000)),
        ("$36-59K", pay(36000, 59000)),
        ("$52,000", pay(52000, 52000)),
        ("$4,500 a month", pay(4500, 4500, period: "month")),
        ("$20 to $25/hr", pay(20, 25, period: "hour")),
        ("$36,000\u{2013}$59,000 per year", pay(36000, 59000, period: "year")),
        ("$18.50 per hour", pay(18.5, 18.5, period: "hour")),
        ("$1.2M", pay(1_200_000, 1_200_000)),
        ("  $52,000 annually ", pay(52000, 52000, period: "year")),
        ("$4,500monthly", pay(4500, 4500, period: "month")),
        ("$5M-$10M", pay(5_000_000, 10_000_000)),
        ("$36,000 - $59,000 USD a year", pay(36000, 59000, period: "year")),
    ] as [(String, Value)])
    func moneyReadsPayAsWritten(text: String, expected: Value) {
        #expect(MoneyParser.parse(bytes(text)) == expected)
    }

    @Test func moneyKeepsCentsAsADecimalRatherThanRounding() {
        let value = MoneyParser.parse(bytes("$18.50 per hour"))
        #expect(value?["min"] == .decimal(18.5))
        #expect(value?["max"] == .decimal(18.5))
    }

    @Test func moneySingleFigureHasEqualBoundsAndNullPeriod() {
        let value = MoneyParser.parse(bytes("$52,000"))
        #expect(value?["min"] == 52000)
        #expect(value?["min"] == value?["max"])
        #expect(value?["period"] == .null)
    }

    @Test(arguments: ["Competitive", "$59,000-$36,000", "$36,000 per fortnight", "", "$", "36,000 per year", "$36,000 plus benefits"])
    func moneyGivesNilForUnreadableText(text: String) {
        #expect(MoneyParser.parse(bytes(text)) == nil)
    }

    // MARK: percent and percent_label

    @Test(arguments: [
        ("+11%Very Good", Value.integer(11), Value.string("Very Good")),
        ("-3%Declining", -3, "Declining"),
        ("+5.5% Average", 5.5, "Average"),
        ("11%", 11, nil),
        ("\u{2212}2%", -2, nil),
        ("+5% (Average)", 5, "Average"),
    ] as [(String, Value, Value)])
    func percentAndLabelSplitTheFigureFromItsLabel(text: String, percent: Value, label: Value) {
        #expect(PercentParser.parse(bytes(text)) == percent)
        #expect(PercentLabelParser.parse(bytes(text)) == label)
    }

    @Test(arguments: ["eleven percent", "", "11", "Very Good"])
    func percentGivesNilWithoutAFigureAndSign(text: String) {
        #expect(PercentParser.parse(bytes(text)) == nil)
        #expect(PercentLabelParser.parse(bytes(text)) == nil)
    }

    // MARK: percent_range

    private func percentRange(_ min: Value, _ max: Value) -> Value { .object([.init("min", min), .init("max", max)]) }

    @Test(arguments: [
        ("50 to 80%", 50, 80),
        ("50-80%", 50, 80),
        ("50%-80%", 50, 80),
        ("5 \u{2013} 10 %", 5, 10),
        ("-3% to +5%", -3, 5),
        ("\u{2212}2% to 1.5%", -2, 1.5),
        ("11%", 11, 11),
        ("+11%Very Good", 11, 11),
        // Text after a figure with its `%` is ignored, even when it starts like a range.
        ("+5% - Average", 5, 5),
        ("\u{2013}3%", -3, -3),
    ] as [(String, Value, Value)])
    func percentRangeReadsRangesAndSingleFigures(text: String, min: Value, max: Value) {
        #expect(PercentRangeParser.parse(bytes(text)) == percentRange(min, max))
    }

    @Test(arguments: ["80 to 50%", "50 to 80", "50 to %", "fifty percent", "", "11"])
    func percentRangeGivesNilForReversedOrIncompleteRanges(text: String) {
        #expect(PercentRangeParser.parse(bytes(text)) == nil)
    }

    @Test func percentKeepsGivingOneNumberAndRefusesARange() {
        #expect(PercentParser.parse(bytes("11%")) == 11)
        #expect(PercentParser.parse(bytes("50 to 80%")) == nil)
    }

    // MARK: duration

    @Test(arguments: [
        ("4 years", months(48)),
        ("18 months", months(18)),
        ("2-4 years", monthsRange(24, 48)),
        ("12-24 months", monthsRange(12, 24)),
        ("1 year", months(12)),
        ("Less than 1 year", monthsRange(0, 12)),
        ("6 weeks", months(1.4)),
        ("one year", months(12)),
        ("2 to 4 years", monthsRange(24, 48)),
        ("1 year - 18 months", monthsRange(12, 18)),
        ("18-24 mo.", monthsRange(18, 24)),
    ] as [(String, Value)])
    func durationReadsMonths(text: String, expected: Value) {
        #expect(DurationParser.parse(bytes(text)) == expected)
    }

    @Test(arguments: [
        ("twenty-one years", months(252)),
        ("twenty one months", months(21)),
        ("ninety-nine weeks", months(22.8)),
        ("thirteen weeks", months(3)),
        ("fifty years", months(600)),
        ("two-year program", months(24)),
        ("6-month course", months(6)),
        ("six weeks'", months(1.4)),
        ("six weeks\u{2019} training", months(1.4)),
        ("a year and a half", months(18)),
        ("one and a half years", months(18)),
        ("two and a half years", months(30)),
        ("eighteen to twenty-four months", monthsRange(18, 24)),
        ("two to four years", monthsRange(24, 48)),
    ] as [(String, Value)])
    func durationReadsWordNumbersHyphenatedUnitsAndHalves(text: String, expected: Value) {
        #expect(DurationParser.parse(bytes(text)) == expected)
    }

    @Test(arguments: ["a while", "4 parsecs", "", "years", "4-2 years", "4 years or so", "twenty-ten years",
                      "a hundred years", "six weeks' vacation", "a program", "year and a half", "1 and a half"])
    func durationGivesNilForUnreadableText(text: String) {
        #expect(DurationParser.parse(bytes(text)) == nil)
    }

    // MARK: integer and decimal

    @Test(arguments: [
        ("1,200", Value.integer(1200)), ("42", 42), ("-7", -7), (" 3 ", 3), ("+15", 15),
    ] as [(String, Value)])
    func integerReadsWholeNumbers(text: String, expected: Value) {
        #expect(IntegerParser.parse(bytes(text)) == expected)
    }

    @Test(arguments: ["12.5", "twelve", "", "12 apples", "1,20"])
    func integerGivesNilForAnythingElse(text: String) {
        #expect(IntegerParser.parse(bytes(text)) == nil)
    }

    @Test(arguments: [
        ("5.5", Value.decimal(5.5)), ("12", 12), ("-0.25", -0.25), ("1,234.5", 1234.5),
    ] as [(String, Value)])
    func decimalReadsNumbersKeepingWholeOnesIntegers(text: String, expected: Value) {
        #expect(DecimalParser.parse(bytes(text)) == expected)
    }

    @Test(arguments: ["five", "", "5.5%", "1.2.3"])
    func decimalGivesNilForAnythingElse(text: String) {
        #expect(DecimalParser.parse(bytes(text)) == nil)
    }

    // MARK: slug

    @Test(arguments: [
        ("Patient Care Coordinator", "patient-care-coordinator"),
        ("Nurse Practitioner (NP)", "nurse-practitioner-np"),
        ("Café Owner", "cafe-owner"),
        ("Women's Health Nurse", "womens-health-nurse"),
        ("Women\u{2019}s Health Nurse", "womens-health-nurse"),
        ("  Lead -- Pharmacy Tech 2 ", "lead-pharmacy-tech-2"),
    ])
    func slugIsLowercaseASCIIWithSingleDashes(text: String, expected: String) {
        #expect(SlugParser.parse(bytes(text)) == .string(expected))
    }

    @Test func slugOfTextWithoutLettersOrDigitsIsNil() {
        #expect(SlugParser.parse(bytes(" -- ")) == nil)
    }

    // MARK: abbreviations

    @Test(arguments: [
        ("Clinical licenses (RN, LPN, LSW)", ["RN", "LPN", "LSW"]),
        ("Community Health Worker (CHW) Certificate", ["CHW"]),
        ("Specialty clinics (oncology, cardiology)", []),
        ("Certified Case Manager (CCM)", ["CCM"]),
        ("No parentheses here", []),
    ] as [(String, [String])])
    func abbreviationsAreTakenOnlyFromAllAbbreviationGroups(text: String, expected: [String]) {
        #expect(AbbreviationsParser.parse(bytes(text)) == .list(expected.map(Value.string)))
    }

    @Test(arguments: [
        ("Community Health Worker (CHW) Certificate", "Community Health Worker Certificate"),
        ("Specialty clinics (oncology, cardiology)", "Specialty clinics (oncology, cardiology)"),
        ("Certified Case Manager (CCM)", "Certified Case Manager"),
        ("Clinical licenses (RN, LPN, LSW)", "Clinical licenses"),
        ("(CNA) Certified Nursing Assistant", "Certified Nursing Assistant"),
        ("Basic Life Support (BLS) (CPR/AED) card", "Basic Life Support card"),
        ("(RN)\tRegistered Nurse\t(LPN)", "Registered Nurse"),
        ("  Registered  Nurse (RN)  ", "Registered Nurse"),
        ("Registered  Nurse", "Registered Nurse"),
        ("Care (x) and (CMA or RMA) roles", "Care (x) and roles"),
    ])
    func stripAbbreviationsRemovesOnlyAbbreviationGroups(text: String, expected: String) {
        #expect(StripAbbreviationsParser.parse(bytes(text)) == .string(expected))
    }

    @Test func stripAbbreviationsOfOnlyAGroupIsNull() {
        #expect(StripAbbreviationsParser.parse(bytes(" (RN) ")) == .null)
    }

    // MARK: registry

    @Test func everyParserIsRegisteredUnderItsName() {
        let names = ["string", "integer", "decimal", "money", "percent", "percent_range", "percent_label", "duration", "slug",
                     "abbreviations", "strip_abbreviations"]
        for name in names {
            #expect(ValueParserRegistry.builtIn.parser(named: name)?.name == name)
        }
        #expect(ValueParserRegistry.builtIn.parser(named: "monies") == nil)
    }
}

/// Every built-in value parser passes the value-parser kit that plugin parsers run: its declared
/// examples parse to their stated values (alone and inside a larger buffer), into a store as on
/// their own, in the declared shape, and hostile text is refused or read.
@Suite struct ValueParserConformanceTests {
    @Test(arguments: ValueParserRegistry.builtIn.names)
    func builtInParserPassesTheValueParserKit(name: String) throws {
        let parser = try #require(ValueParserRegistry.builtIn.parser(named: name))
        #expect(ValueParserConformance.check(parser) == [])
    }

    /// A parser that reads its text from index 0 of the buffer rather than from the slice.
    private enum FromBufferStart: ValueParser {
        static let name = "from_start"
        static let summary = "the first byte as a number"
        static let examples = [ValueParserExample("7", 7)]
        static func parse(_ text: ArraySlice<UInt8>) -> Value? {
            guard !text.isEmpty else { return nil }
            return text.withUnsafeBufferPointer { bytes in .integer(Int(bytes.baseAddress!.advanced(by: -text.startIndex).pointee) - 0x30) }
        }
    }

    @Test func theKitFindsAParserThatReadsOutsideItsSlice() {
        let failures = ValueParserConformance.check(FromBufferStart.self)
        #expect(failures.contains { $0.check == "examples parse to their stated values" && $0.message.contains("inside a larger buffer") })
    }

    /// A range parser that leaves out `max` for one figure and gives its figures as text.
    private enum UnstableRange: ValueParser {
        static let name = "unstable_range"
        static let summary = "`3-5` → {min: 3, max: 5}; `3` → {min: 3}"
        static let shape = Shape.object([.init("min", .scalar(.integer), nullable: false), .init("max", .scalar(.integer))])
        static let examples = [ValueParserExample("3-5", .object([.init("min", 3), .init("max", 5)])),
                               ValueParserExample("3", .object([.init("min", 3)])),
                               ValueParserExample("x-5", .object([.init("min", "x"), .init("max", 5)]))]
        static func parse(_ text: ArraySlice<UInt8>) -> Value? {
            let parts = String(decoding: text, as: UTF8.self).split(separator: "-").map(String.init)
            guard let first = parts.first else { return nil }
            let min: Value = Int(first).map(Value.integer) ?? .string(first)
            return parts.count == 1 ? .object([.init("min", min)]) : .object([.init("min", min), .init("max", Int(parts[1]).map(Value.integer) ?? nil)])
        }
    }

    @Test func theKitFindsAnObjectWithoutEveryDeclaredKeyAndAValueOfAnotherType() {
        let problems = ValueParserConformance.check(UnstableRange.self).filter { $0.check == "values fit the declared shape" }.map(\.message)
        #expect(problems.contains { $0.contains("for '3': declared key 'max' is missing") })
        #expect(problems.contains { $0.contains("for 'x-5': min: ") && $0.hasSuffix(" is no integer") }, "\(problems)")
        #expect(!problems.contains { $0.contains("for '3-5'") })
    }
}
