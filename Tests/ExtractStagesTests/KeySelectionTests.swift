import ExtractCore
import ExtractStages
import ExtractTestSupport
import Testing

/// Keys chosen from an object-valued parser in a template: `text | duration.months_min`,
/// `text | money.{min, max}`.
@Suite("Key selection")
struct KeySelectionTests {
    static let yaml = #"""
    stages:
      - stage: fields
        fields:
          pay:
            pattern: '^Pay: (?<text>.+)$'
            value: text | money.{min, max}
          pay_period:
            pattern: '^Pay: (?<text>.+)$'
            value: text | money.period
          start_min:
            pattern: '^Start: (?<text>.+)$'
            value: text | duration.months_min
          start:
            pattern: '^Start: (?<text>.+)$'
            value:
              "*": text | duration.{months_min, months_max}
              text: text
          bounds:
            pattern: '^Pay: (?<text>.+)$'
            value:
              low: text | money.min
              high: text | money.max
          steps:
            each: '^Step: (?<title>[^(\n]+?) \((?<d>[^)]+)\)$'
            value:
              title: title
              months: d | duration.months
    """#

    static var pipeline: Pipeline { get throws { try buildPipeline(yaml) } }

    static let page = """
    Pay: $36K-$59K per year
    Start: 2-4 years
    Step: Study (18 months)
    Step: Practice (1-2 years)
    """

    // MARK: Values on real text

    @Test func anObjectOfSomeKeysKeepsTheParsersReadingAndOnlyThoseKeys() throws {
        let result = process(Self.page, with: try Self.pipeline)
        #expect(result["pay"] == .object([.init("min", 36000), .init("max", 59000)]))
        #expect(result["pay_period"] == "year")
    }

    @Test func oneKeyIsThatKeysValue() throws {
        let result = process(Self.page, with: try Self.pipeline)
        #expect(result["start_min"] == 24)
        let single = process("Start: 4 years", with: try Self.pipeline)
        #expect(single["start_min"] == .null)
        #expect(single.diagnostics(for: "start_min").isEmpty)
    }

    @Test func aSelectionSpreadsLikeAParsersObject() throws {
        let result = process(Self.page, with: try Self.pipeline)
        #expect(result["start"] == .object([.init("months_min", 24), .init("months_max", 48), .init("text", "2-4 years")]))
        let unreadable = process("Start: a while", with: try Self.pipeline)
        #expect(unreadable["start"] == .object([.init("months_min", nil), .init("months_max", nil), .init("text", "a while")]))
    }

    @Test func listItemsTakeTheirKeyItemByItem() throws {
        let result = process(Self.page, with: try Self.pipeline)
        #expect(result["steps"] == [
            .object([.init("title", "Study"), .init("months", 18)]),
            .object([.init("title", "Practice"), .init("months", nil)]),
        ])
    }

    @Test func keysTakenOneByOneFromTheSameUnreadableTextGiveOneDiagnostic() throws {
        let result = process("Pay: Varies by employer", with: try Self.pipeline)
        #expect(result["bounds"] == .object([.init("low", nil), .init("high", nil)]))
        #expect(result.diagnostics(for: "bounds").map(\.code) == ["fields.unparsed"])
        #expect(result["pay"] == .object([.init("min", nil), .init("max", nil)]))
        #expect(result.diagnostics(for: "pay").map(\.code) == ["fields.unparsed"])
    }

    // MARK: Shapes

    @Test func shapesAreTheSelectedKeysWithTheirTypes() throws {
        let schema = try Self.pipeline.schema
        #expect(schema.field(named: "pay")?.shape == .object([.init("min", .scalar(.number)), .init("max", .scalar(.number))]))
        #expect(schema.field(named: "pay_period")?.shape == .scalar(.text))
        #expect(schema.field(named: "start_min")?.shape == .scalar(.number))
        #expect(schema.field(named: "start")?.shape == .object([
            .init("months_min", .scalar(.number)), .init("months_max", .scalar(.number)), .init("text", .scalar(.text)),
        ]))
        #expect(schema.field(named: "steps")?.shape == .list(.object([.init("title", .scalar(.text)), .init("months", .scalar(.number))])))
    }

    // MARK: Mistakes in the file

    /// The single issue building a one-field pipeline whose template is `value` reports.
    private func issue(_ value: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> ConfigIssue {
        let yaml = """
        stages:
          - stage: fields
            fields:
              pay:
                pattern: '^Pay: (?<text>.+)$'
                value: \(value)
        """
        let error = try #require(pipelineError(yaml), "the pipeline built", sourceLocation: sourceLocation)
        #expect(error.issues.count == 1, "\(error)", sourceLocation: sourceLocation)
        return try #require(error.issues.first, sourceLocation: sourceLocation)
    }

    @Test func anUnknownKeyIsReportedAtItsColumnWithTheClosestKey() throws {
        let found = try issue("'text | money.{min, maxx}'")
        // The text starts at column 17 (after `value: '`); `text | money.{min, ` is 19 characters.
        #expect(found.location == ExtractCore.SourceLocation(file: "test.yaml", line: 6, column: 36))
        #expect(found.message == "'money' has no key 'maxx' (did you mean 'max'?)")
        #expect(found.expected == "one of: min, max, currency, period")
        #expect(found.line == "        value: 'text | money.{min, maxx}'")
    }

    @Test func anUnknownSingleKeyInAPlainScalarIsReportedToo() throws {
        let found = try issue("text | duration.months_mni")
        // The text starts at column 16; `text | duration.` is 16 characters.
        #expect(found.location == ExtractCore.SourceLocation(file: "test.yaml", line: 6, column: 32))
        #expect(found.message == "'duration' has no key 'months_mni' (did you mean 'months_min'?)")
        #expect(found.expected == "one of: months, months_min, months_max")
    }

    @Test func aParserThatGivesNoObjectHasNoKeys() throws {
        let found = try issue("text | integer.min")
        #expect(found.message == "'integer' does not give an object, so it has no keys to choose from")
        #expect(found.expected == "a parser that gives an object: money, percent_range, duration")
    }

    @Test(arguments: ["text | money.", "text | money.{}", "text | money.{min,}", "text | money.{min", "text | money.min max"])
    func aMalformedSelectionSaysWhatIsExpected(value: String) throws {
        let found = try issue("'\(value)'")
        #expect(found.message.hasSuffix("is not a key selection"))
        #expect(found.expected == "'parser.key' or 'parser.{key, key}'")
    }

    @Test func aKeyChosenTwiceIsAMistake() throws {
        let found = try issue("'text | money.{min, min}'")
        #expect(found.message == "key 'min' is chosen twice")
    }

    @Test func spreadingOneKeyIsAMistakeAsItGivesNoObject() throws {
        let error = try #require(pipelineError(#"""
        stages:
          - stage: fields
            fields:
              pay:
                pattern: '^Pay: (?<text>.+)$'
                value:
                  "*": text | money.min
        """#))
        #expect(error.issues.map(\.message) == ["'*' spreads an object, but 'text | money.min' does not give one"])
    }
}
