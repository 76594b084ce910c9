import ExtractCore
import ExtractStages
import ExtractTestSupport
import Testing

@Suite("Fields stage")
struct FieldsStageTests {
    /// A page in the shape the career pipeline reads: a header, then headed sections.
    static let yaml = #"""
    stages:
      - stage: normalize
      - stage: segment
        preamble: header
        sections:
          facts: '^Facts$'
          skills: '^Skills$'
          steps: '^Steps$'
          about: '^About$'
        optional: [steps, about]
      - stage: fields
        section: header
        fields:
          title: { pattern: '\A(?<value>[^\n]+)$', required: true }
          tagline: { pattern: '^Tagline: (?<tag>.+)$', optional: true }
      - stage: fields
        section: facts
        fields:
          salary:
            pattern: '^Salary: (?<text>.+)$'
            value:
              "*": text | money
              text: text
          start:
            pattern: '^Time to Start: (?<d>.+)$'
            value:
              "duration_*": d | duration
              text: d
          bonus: { pattern: '^Bonus: (?<value>.+)$' }
          perks: { pattern: '^Perks: (?<value>.+)$', optional: true }
      - stage: fields
        fields:
          skills: { section: skills, each: '^• (?<value>.+)$' }
          steps:
            section: steps
            each: '^• (?<title>.+?) \((?<months>\d+) months\)$'
            value: { title: title, months: months | integer }
          about: { section: about, text: paragraphs }
          about_raw: { section: about, text: raw }
    """#

    static let page = """
    \u{FEFF}Café Nurse\r
    Facts\r
    Salary:\u{00A0}$36K-$59K per year  \r
    Time to Start: 2-4 years\r
    Skills\r
    \u{25AA} Empathy\r
    - Scheduling & triage\r
    Steps\r
    • Study (24 months)\r
    • Practice (12 months)\r
    About\r
    First line.\r
    Second line.\r
    \r
    \r
    Third line.\r

    """

    static var pipeline: Pipeline { get throws { try buildPipeline(yaml) } }

    // MARK: Spans on demand

    @Test func aWorkerThatNeedsNoSpansGivesTheSameValuesWithoutListSpans() throws {
        let pipeline = try Self.pipeline
        let document = Document(source: "t", bytes: Array(Self.page.utf8))
        var withSpans = pipeline.makeWorker(recordsSpans: true)
        var withoutSpans = pipeline.makeWorker(recordsSpans: false)
        let full = withSpans.process(document).record
        let lean = withoutSpans.process(document).record
        #expect(lean.values == full.values)
        #expect(lean.diagnostics == full.diagnostics)
        for name in ["skills", "steps"] {
            let id = try #require(pipeline.schema.field(named: name)?.id)
            #expect(full.itemSpans[id.index]?.count == 2)
            #expect(full.spans[id.index] != nil)
            #expect(lean.itemSpans[id.index] == nil)
            #expect(lean.spans[id.index] == nil)
        }
    }

    // MARK: Reading values

    @Test func patternGivesTheValueGroupByDefault() throws {
        let result = process(Self.page, with: try Self.pipeline)
        #expect(result["title"] == "Café Nurse")
        #expect(result.item.rejection == nil)
    }

    @Test func aPatternWithOneNamedGroupNeedsNoValueGroup() throws {
        let result = process("Café Nurse\nTagline: Care first\nFacts\nSkills", with: try Self.pipeline)
        #expect(result["tagline"] == "Care first")
    }

    @Test func templateSpreadsAnObjectParserAndKeepsOtherKeysInOrder() throws {
        let result = process(Self.page, with: try Self.pipeline)
        #expect(result["salary"] == .object([
            .init("min", 36000), .init("max", 59000), .init("currency", "USD"), .init("period", "year"),
            .init("text", "$36K-$59K per year"),
        ]))
    }

    @Test func aPrefixedSpreadPrefixesEveryKey() throws {
        let result = process(Self.page, with: try Self.pipeline)
        #expect(result["start"] == .object([
            .init("duration_months", nil), .init("duration_months_min", 24), .init("duration_months_max", 48),
            .init("text", "2-4 years"),
        ]))
        let single = process("T\nFacts\nTime to Start: 4 years\nSkills", with: try Self.pipeline)
        #expect(single["start"] == .object([
            .init("duration_months", 48), .init("duration_months_min", nil), .init("duration_months_max", nil),
            .init("text", "4 years"),
        ]))
    }

    @Test func aSpreadOfAnAbsentOrUnreadableValueWritesEveryKeyAsNull() throws {
        let unreadable = process("T\nFacts\nTime to Start: ongoing\nSkills", with: try Self.pipeline)
        #expect(unreadable["start"] == .object([
            .init("duration_months", nil), .init("duration_months_min", nil), .init("duration_months_max", nil),
            .init("text", "ongoing"),
        ]))
        #expect(unreadable.diagnostics(for: "start").map(\.code) == ["fields.unparsed"])
    }

    @Test func templateShapesAreKnownBeforeAnyDocument() throws {
        let schema = try Self.pipeline.schema
        #expect(schema.field(named: "salary")?.shape == .object([
            .init("min", .scalar(.number)), .init("max", .scalar(.number)), .init("currency", .scalar(.text)),
            .init("period", .scalar(.text)), .init("text", .scalar(.text)),
        ]))
        #expect(schema.field(named: "start")?.shape == .object([
            .init("duration_months", .scalar(.number)), .init("duration_months_min", .scalar(.number)),
            .init("duration_months_max", .scalar(.number)), .init("text", .scalar(.text)),
        ]))
        #expect(schema.field(named: "skills")?.shape == .list(.scalar(.text)))
        #expect(schema.field(named: "steps")?.shape == .list(.object([.init("title", .scalar(.text)), .init("months", .scalar(.integer))])))
        #expect(schema.field(named: "about")?.shape == .scalar(.text))
    }

    @Test func listsAreNeverNullAndOtherFieldsMayBe() throws {
        let schema = try Self.pipeline.schema
        #expect(schema.field(named: "skills")?.nullable == false)
        #expect(schema.field(named: "steps")?.nullable == false)
        for name in ["title", "salary", "start", "about", "about_raw"] { #expect(schema.field(named: name)?.nullable == true, "\(name)") }
    }

    @Test func aParsedObjectAsAValueKeepsTheParsersNullability() throws {
        let pipeline = try buildPipeline(#"""
        stages:
          - stage: fields
            fields:
              pay: { pattern: '^Pay: (?<text>.+)$', value: text | money }
        """#)
        #expect(pipeline.schema.field(named: "pay")?.shape == .object([
            .init("min", .scalar(.number)), .init("max", .scalar(.number)), .init("currency", .scalar(.text), nullable: false),
            .init("period", .scalar(.text)),
        ]))
    }

    @Test func eachGivesOneItemPerMatchInOrder() throws {
        let result = process(Self.page, with: try Self.pipeline)
        #expect(result["skills"] == ["Empathy", "Scheduling & triage"])
    }

    @Test func eachWithATemplateGivesRepeatedSubRecords() throws {
        let result = process(Self.page, with: try Self.pipeline)
        #expect(result["steps"] == [
            .object([.init("title", "Study"), .init("months", 24)]),
            .object([.init("title", "Practice"), .init("months", 12)]),
        ])
    }

    @Test func textParagraphsJoinsLinesWithABlankLine() throws {
        let result = process(Self.page, with: try Self.pipeline)
        #expect(result["about"] == "First line.\n\nSecond line.\n\nThird line.")
    }

    @Test func textRawKeepsTheSectionAsItIs() throws {
        let result = process(Self.page, with: try Self.pipeline)
        #expect(result["about_raw"] == "First line.\nSecond line.\n\nThird line.")
    }

    // MARK: What is missing or unreadable

    @Test func aPatternThatDoesNotMatchGivesNullAndNotFound() throws {
        let result = process(Self.page, with: try Self.pipeline)
        #expect(result["bonus"] == .null)
        let notFound = result.diagnostics(for: "bonus")
        #expect(notFound.map(\.code) == ["fields.not_found"])
        #expect(notFound.first?.stage == "fields")
        // The diagnostic points at the section that was searched, in the original bytes.
        #expect(notFound.first?.span.map(result.originalText)?.hasPrefix("Salary:\u{00A0}$36K") == true)
    }

    @Test func anOptionalFieldThatIsNotFoundIsNullWithoutADiagnostic() throws {
        let result = process(Self.page, with: try Self.pipeline)
        #expect(result["perks"] == .null)
        #expect(result["tagline"] == .null)
        #expect(result.diagnostics(for: "perks").isEmpty)
        #expect(result.diagnostics(for: "tagline").isEmpty)
    }

    @Test func eachWithNoMatchGivesAnEmptyListAndNotFound() throws {
        let result = process("Title\nFacts\nSalary: $52,000\nSkills\nnone listed\n", with: try Self.pipeline)
        #expect(result["skills"] == [])
        #expect(result.diagnostics(for: "skills").map(\.code) == ["fields.not_found"])
    }

    @Test func aFieldWhoseSectionIsAbsentIsEmptyWithoutItsOwnDiagnostic() throws {
        // No Steps and no About: both optional sections, so no diagnostic at all.
        let result = process("Title\nFacts\nSalary: $52,000\nSkills\n• One", with: try Self.pipeline)
        #expect(result["steps"] == [])
        #expect(result["about"] == .null)
        #expect(result.diagnostics(for: "steps").isEmpty)
        #expect(result.diagnostics(for: "about").isEmpty)
        #expect(!result.diagnosticCodes.contains("segment.missing_section"))
    }

    @Test func anUnreadableValueIsNullWithAnUnparsedDiagnosticPointingAtTheText() throws {
        let page = "Café Nurse\r\nFacts\r\nSalary:\u{00A0}Compétitive  \r\nSkills\r\n• One"
        let result = process(page, with: try Self.pipeline)
        // Money always gives its four keys, null here; the text is still given.
        #expect(result["salary"] == .object([.init("min", nil), .init("max", nil), .init("currency", nil), .init("period", nil),
                                             .init("text", "Compétitive")]))
        let unparsed = result.diagnostics(for: "salary")
        #expect(unparsed.map(\.code) == ["fields.unparsed"])
        #expect(unparsed.first?.message.contains("money") == true)
        let span = try #require(unparsed.first?.span)
        #expect(result.originalText(span) == "Compétitive")
    }

    @Test func eachSkipsAnUnreadableItemAndSaysSo() throws {
        let yaml = #"""
        stages:
          - stage: fields
            fields:
              counts: { each: '^Count: (?<value>.+)$', value: 'value | integer' }
        """#
        let result = try process("Count: 3\nCount: many\nCount: 1,200", yaml: yaml)
        #expect(result["counts"] == [3, 1200])
        #expect(result.diagnosticCodes == ["fields.unparsed"])
        #expect(result.item.record.diagnostics.first.flatMap(\.span).map(result.originalText) == "many")
    }

    @Test func aRequiredFieldThatIsMissingRejectsTheDocument() throws {
        let result = process("\n\nFacts\nSalary: $52,000\nSkills\n• One", with: try Self.pipeline)
        #expect(result.item.rejection?.code == "fields.required_missing")
        #expect(result.item.rejection?.message.contains("'title'") == true)
        // Later stages did not run on it.
        #expect(result["skills"] == nil)
    }

    @Test func aRequiredFieldWhoseSectionIsMissingRejectsTheDocument() throws {
        let yaml = #"""
        stages:
          - stage: segment
            sections: { facts: '^Facts$' }
          - stage: fields
            fields:
              salary: { section: facts, pattern: '^Salary: (?<value>.+)$', required: true }
        """#
        let result = try process("Title\nno facts here", yaml: yaml)
        #expect(result.item.rejection?.code == "fields.required_missing")
    }

    // MARK: Spans

    @Test func spansPointIntoTheOriginalBytesAfterNormalize() throws {
        let result = process(Self.page, with: try Self.pipeline)
        #expect(result.originalText(of: "title") == "Café Nurse")
        #expect(result.span("title")?.start == 3)  // after the byte-order mark
        // An object template's span is its whole match; it ends where the text ended, not after
        // the trailing spaces normalize removed.
        #expect(result.originalText(of: "salary") == "Salary:\u{00A0}$36K-$59K per year")
        #expect(result.originalText(of: "start") == "Time to Start: 2-4 years")
        // A list's span covers its items; each item has its own.
        #expect(result.originalText(of: "skills") == "\u{25AA} Empathy\r\n- Scheduling & triage")
        let skills = try #require(result.pipeline.schema.field(named: "skills"))
        let itemSpans = try #require(result.item.record.itemSpans[skills.id.index])
        #expect(itemSpans.map(result.originalText) == ["Empathy", "Scheduling & triage"])
        #expect(result.originalText(of: "about") == "First line.\r\nSecond line.\r\n\r\n\r\nThird line.")
    }

    @Test func spansStayExactAfterMultiByteReplacementsOnTheSameLine() throws {
        let yaml = #"""
        stages:
          - stage: normalize
          - stage: fields
            fields:
              pay: { pattern: 'Pay:\s*(?<value>\$[\d,]+)' }
              name: { pattern: 'by (?<value>.+)$' }
        """#
        let page = "\u{FEFF}Ca\u{200B}fe\u{301} &amp; Bar\u{00A0}&mdash; Pay:\u{2009}$52,000 by Zoë Ørsted  \r\n"
        let result = try process(page, yaml: yaml)
        #expect(result["pay"] == "$52,000")
        #expect(result.originalText(of: "pay") == "$52,000")
        #expect(result["name"] == "Zoë Ørsted")
        #expect(result.originalText(of: "name") == "Zoë Ørsted")
    }

    // MARK: Limits and workers

    @Test func aCatastrophicPatternStopsAtTheMatchLimitAndTheRestStillRuns() throws {
        let yaml = #"""
        limits: { match_limit: 10000 }
        stages:
          - stage: fields
            fields:
              hostile: { pattern: '^(?<value>(a+)+)$' }
              after: { pattern: '(?<value>b)' }
        """#
        let result = try process(String(repeating: "a", count: 30) + "b", yaml: yaml)
        #expect(result["hostile"] == .null)
        #expect(result.diagnostics(for: "hostile").map(\.code) == ["fields.match_limit"])
        #expect(result["after"] == "b")
        #expect(result.item.rejection == nil)
    }

    @Test func aWorkerReusedForAnotherDocumentKeepsNothingFromTheFirst() throws {
        let pipeline = try Self.pipeline
        let second = "Other Job\nFacts\nBonus: yes\nSkills\n• Typing"
        var worker = pipeline.makeWorker()
        let first = worker.process(Document(source: "t", bytes: Array(Self.page.utf8)))
        let reused = worker.process(Document(source: "t", bytes: Array(second.utf8)))
        let fresh = process(second, with: pipeline)
        #expect(first.record != reused.record)
        #expect(reused.record == fresh.item.record)
        #expect(reused.text == fresh.item.text)
        #expect(reused.sections == fresh.item.sections)
        let reusedPage = ProcessedPage(pipeline: pipeline, item: reused)
        // Not on the second page: an object of nulls, nothing of the first page's salary.
        #expect(reusedPage["salary"] == .object(["min", "max", "currency", "period", "text"].map { .init($0, nil) }))
        #expect(reusedPage["skills"] == ["Typing"])
        #expect(reusedPage["steps"] == [])
        #expect(reusedPage["bonus"] == "yes")
    }

    @Test func twoWorkersGiveIdenticalRecords() throws {
        let pipeline = try Self.pipeline
        var one = pipeline.makeWorker()
        var two = pipeline.makeWorker()
        for page in [Self.page, "T\nFacts\nSalary: Competitive\nSkills\n• A\n• B"] {
            let document = Document(source: "same", bytes: Array(page.utf8))
            let a = one.process(document)
            let b = two.process(document)
            #expect(a.record == b.record)
            #expect(a.text == b.text)
            #expect(a.rejection == b.rejection)
        }
    }
}
