import ExtractCore
import ExtractStages
import ExtractTestSupport
import Testing

/// The `annual` derive rule: a money object's figures per year, so pages that give pay per hour,
/// week or month can be averaged together.
@Suite("Annual pay")
struct AnnualPayTests {
    static let yaml = #"""
    stages:
      - stage: fields
        fields:
          salary:
            pattern: '^Pay: (?<text>.+)$'
            value: { "*": text | money, text: text }
      - stage: derive
        fields:
          salary_annual: { annual: salary }
    """#

    private func annual(_ pay: String) throws -> Value? {
        try process("Pay: \(pay)", yaml: Self.yaml)["salary_annual"]
    }

    private func yearly(_ min: Value, _ max: Value) -> Value { .object([.init("min", min), .init("max", max)]) }

    @Test(arguments: [
        ("$18-$24 per hour", 37440, 49920),           // × 2,080
        ("$17.50–$23.75 per hour", 36400, 49400),
        ("$150-$200 a day", 39000, 52000),            // × 260
        ("$900 a week", 46800, 46800),                // × 52
        ("$3,200 to $4,100 a month", 38400, 49200),   // × 12
        ("$36,000-$59,000 per year", 36000, 59000),   // as is
        ("£30k-£35k pa", 30000, 35000),
    ] as [(String, Value, Value)])
    func eachPeriodIsScaledToAYear(pay: String, min: Value, max: Value) throws {
        #expect(try annual(pay) == yearly(min, max))
    }

    @Test func centsAreRoundedToTheCent() throws {
        // 15.95 × 12 is 191.39999… in binary floating point.
        #expect(try annual("$15.95/mo") == yearly(191.4, 191.4))
        #expect(try annual("$12.345 per hour") == yearly(nil, nil))  // ambiguous figure: no money, no yearly pay
    }

    @Test func anOpenEndStaysOpen() throws {
        #expect(try annual("Up to $20 an hour") == yearly(nil, 41600))
        #expect(try annual("From $40,000 a year") == yearly(40000, nil))
    }

    @Test func anUnknownPeriodGivesNullFigures() throws {
        #expect(try annual("$52,000-$68,000") == yearly(nil, nil))
    }

    @Test func unreadableOrMissingPayGivesNullFigures() throws {
        #expect(try annual("Competitive") == yearly(nil, nil))
        #expect(try process("no pay line", yaml: Self.yaml)["salary_annual"] == yearly(nil, nil))
    }

    @Test func theRuleTakesItsSpanFromTheMoneyField() throws {
        let result = try process("Pay: $18 per hour", yaml: Self.yaml)
        #expect(result.span("salary_annual") == result.span("salary"))
    }

    @Test func aFieldThatIsNoMoneyObjectIsAPipelineError() throws {
        let error = try #require(pipelineError(#"""
        stages:
          - stage: fields
            fields:
              title: { pattern: '^(?<value>.+)$' }
          - stage: derive
            fields:
              pay_annual: { annual: title }
        """#))
        #expect(error.issues.map(\.message) == ["'title' is not a money object"])
    }
}
