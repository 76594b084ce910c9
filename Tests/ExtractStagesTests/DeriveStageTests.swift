import ExtractCore
import ExtractStages
import ExtractTestSupport
import Testing

@Suite("Derive stage")
struct DeriveStageTests {
    static let yaml = #"""
    stages:
      - stage: fields
        fields:
          title: { pattern: '\A(?<value>[^\n]+)$' }
          steps:
            each: '^Step: (?<name>.+?)(?: \((?<months>[^)]+) months\))?$'
            value: { name: name, months: months | decimal }
            optional: true
      - stage: derive
        fields:
          id: { from: title, parse: slug }
          source: { document: source }
          total_months: { sum: steps, key: months }
          step_count: { count: steps }
    """#

    static func run(_ page: String, source: String = "pages/nurse.txt") throws -> ProcessedPage {
        process(page, with: try buildPipeline(yaml), source: source)
    }

    @Test func parseAppliesAValueParserToAnotherField() throws {
        let result = try Self.run("Women's Health Nurse Practitioner (NP)\n")
        #expect(result["id"] == "womens-health-nurse-practitioner-np")
        // The derived value comes from the title, so it has the title's span.
        #expect(result.span("id") == result.span("title"))
    }

    @Test func sourceIsTheDocumentsLocator() throws {
        let result = try Self.run("Nurse", source: "pages/batch.jsonl#7")
        #expect(result["source"] == "pages/batch.jsonl#7")
    }

    @Test func sumAddsTheKeyOverTheItems() throws {
        let result = try Self.run("Nurse\nStep: Study (24 months)\nStep: Practice (12 months)\nStep: Exam (6 months)")
        #expect(result["total_months"] == 42)
        #expect(result["step_count"] == 3)
    }

    @Test func sumOfDecimalsIsADecimal() throws {
        let result = try Self.run("Nurse\nStep: Study (1.5 months)\nStep: Practice (12 months)")
        #expect(result["total_months"] == .decimal(13.5))
    }

    @Test func sumIsNullWhenAnyItemLacksTheKey() throws {
        let result = try Self.run("Nurse\nStep: Study (24 months)\nStep: Practice\nStep: Exam (6 months)")
        #expect(result["steps"] == [
            .object([.init("name", "Study"), .init("months", 24)]),
            .object([.init("name", "Practice"), .init("months", nil)]),
            .object([.init("name", "Exam"), .init("months", 6)]),
        ])
        #expect(result["total_months"] == .null)
        #expect(result["step_count"] == 3)
    }

    @Test func sumIsNullAndCountZeroForAnEmptyList() throws {
        let result = try Self.run("Nurse\nno steps here")
        #expect(result["steps"] == [])
        #expect(result["total_months"] == .null)
        #expect(result["step_count"] == 0)
    }

    @Test func parseOfAMissingFieldIsNull() throws {
        let yaml = #"""
        stages:
          - stage: fields
            fields:
              title: { pattern: '^Title: (?<value>.+)$', optional: true }
          - stage: derive
            fields:
              id: { from: title, parse: slug }
        """#
        let result = try process("no title line", yaml: yaml)
        #expect(result["id"] == .null)
        #expect(result.diagnosticCodes.isEmpty)
    }

    @Test func parseThatCannotReadTheFieldGivesAnObjectOfNullsWithADiagnostic() throws {
        let yaml = #"""
        stages:
          - stage: fields
            fields:
              pay: { pattern: '^Pay: (?<value>.+)$' }
          - stage: derive
            fields:
              salary: { from: pay, parse: money }
        """#
        let result = try process("Pay: Competitive", yaml: yaml)
        // Unreadable: an object of the money keys, each null, as any absent object is written.
        #expect(result["salary"] == .object(["min", "max", "currency", "period"].map { .init($0, nil) }))
        #expect(result.diagnostics(for: "salary").map(\.code) == ["derive.unparsed"])
        let good = try process("Pay: $18-$29 per hour", yaml: yaml)
        #expect(good["salary"]?["max"] == 29)
    }
}
