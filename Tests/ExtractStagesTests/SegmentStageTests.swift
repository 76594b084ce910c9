import ExtractCore
import ExtractStages
import ExtractTestSupport
import Testing

@Suite("Segment stage")
struct SegmentStageTests {
    static let yaml = #"""
    stages:
      - stage: segment
        sections:
          skills: '^Skills$'
          duties: '^Duties$'
          notes: '^Notes$'
        optional: [notes]
    """#

    @Test func sectionsAreFoundInAnyOrderAndEndAtTheNextHeading() throws {
        // Declared skills, duties, notes; on the page notes, duties, skills.
        let page = "Title\nintro line\nNotes\nn1\nDuties\n• d1\n• d2\nSkills\n• s1"
        let result = try process(page, yaml: Self.yaml)
        #expect(result.section("notes") == "n1")
        #expect(result.section("duties") == "• d1\n• d2")
        #expect(result.section("skills") == "• s1")
        #expect(result.diagnosticCodes.isEmpty)
    }

    @Test func preambleIsTheTextBeforeTheFirstHeading() throws {
        let page = "\n\nTitle\nSummary line\n\nDuties\n• d1\nSkills\n• s1"
        let result = try process(page, yaml: Self.yaml)
        #expect(result.section("preamble") == "Title\nSummary line")
    }

    @Test func preambleCanBeRenamedAndIsTheWholePageWithoutHeadings() throws {
        let yaml = #"""
        stages:
          - stage: segment
            preamble: header
            sections: { duties: '^Duties$' }
            optional: [duties]
        """#
        let result = try process("Title\nSummary", yaml: yaml)
        #expect(result.section("header") == "Title\nSummary")
        #expect(result.section("duties") == nil)
        #expect(result.diagnosticCodes.isEmpty)
    }

    @Test func aMissingSectionIsAbsentWithADiagnostic() throws {
        let result = try process("Title\nDuties\n• d1", yaml: Self.yaml)
        #expect(result.section("duties") == "• d1")
        #expect(result.section("skills") == nil)
        // notes is optional: absent, but no diagnostic for it.
        #expect(result.section("notes") == nil)
        let missing = result.item.record.diagnostics.filter { $0.code == "segment.missing_section" }
        #expect(missing.count == 1)
        #expect(missing.first?.message.contains("'skills'") == true)
        #expect(missing.first?.stage == "segment")
    }

    @Test func blankLinesAroundASectionBodyAreTrimmed() throws {
        let page = "Title\nDuties\n\n\n  \n• d1\n\n• d2\n\n\n   \nSkills\n\n• s1\n\n"
        let result = try process(page, yaml: Self.yaml)
        #expect(result.section("duties") == "• d1\n\n• d2")
        #expect(result.section("skills") == "• s1")
        #expect(result.section("preamble") == "Title")
    }

    @Test func indentationOfTheFirstBodyLineIsKept() throws {
        let result = try process("Duties\n\n  • d1\n  • d2\nSkills\nx", yaml: Self.yaml)
        #expect(result.section("duties") == "  • d1\n  • d2")
    }

    @Test func aHeadingWithAnEmptyBodyGivesAnEmptySection() throws {
        let result = try process("Title\nDuties\nSkills\n• s1", yaml: Self.yaml)
        #expect(result.section("duties") == "")
        #expect(result.section("skills") == "• s1")
        #expect(result.item.record.diagnostics.filter { $0.code == "segment.missing_section" }.isEmpty)
    }

    @Test func headingTextInsideALaterLineIsNotAHeading() throws {
        // The heading patterns are not anchored at the end; `Skills` also starts text in a duty
        // bullet and `Duties` appears inside the skills text. Only the real heading lines count.
        let yaml = #"""
        stages:
          - stage: segment
            sections:
              duties: '^Duties'
              skills: '^Skills'
        """#
        let page = "Title\nDuties\n• Skills training for staff\n• Duties as assigned\nSkills\n• Empathy\n• Skills lab"
        let result = try process(page, yaml: yaml)
        #expect(result.section("duties") == "• Skills training for staff\n• Duties as assigned")
        #expect(result.section("skills") == "• Empathy\n• Skills lab")
    }

    @Test func headingsAreLookedForAtLineStartsEvenWhenThePatternIsNotAnchored() throws {
        // `Skills$` also matches the end of the bullet `• Soft Skills`, which comes first; a
        // heading starts its line, so the bullet stays in the duties.
        let yaml = #"""
        stages:
          - stage: segment
            sections:
              duties: 'Duties$'
              skills: 'Skills$'
        """#
        let page = "Title\nDuties\n• Soft Skills\n• Other Duties\nSkills\n• Empathy"
        let result = try process(page, yaml: yaml)
        #expect(result.section("duties") == "• Soft Skills\n• Other Duties")
        #expect(result.section("skills") == "• Empathy")
        #expect(result.section("preamble") == "Title")
    }

    @Test func theFirstMatchingLineIsTheHeadingAndLaterRepeatsStayInTheBody() throws {
        let yaml = #"""
        stages:
          - stage: segment
            sections:
              duties: '^Duties$'
              skills: '^Skills$'
        """#
        let page = "Duties\n• d1\nSkills\n• s1\nDuties\n• s2"
        let result = try process(page, yaml: yaml)
        #expect(result.section("duties") == "• d1")
        #expect(result.section("skills") == "• s1\nDuties\n• s2")
    }

    @Test func twoSectionsNeverTakeTheSameLine() throws {
        // `requirements` would match the `Skills` line too; `skills` (declared first) has it, so
        // `requirements` takes the next line it matches.
        let yaml = #"""
        stages:
          - stage: segment
            sections:
              skills: '^Skills$'
              requirements: '^(?:Skills|Requirements)$'
        """#
        let result = try process("Skills\n• s1\nRequirements\n• r1", yaml: yaml)
        #expect(result.section("skills") == "• s1")
        #expect(result.section("requirements") == "• r1")

        let alone = try process("Skills\n• s1", yaml: yaml)
        #expect(alone.section("skills") == "• s1")
        #expect(alone.section("requirements") == nil)
        #expect(alone.item.record.diagnostics.map(\.message) == ["section 'requirements' not found"])
    }

    @Test func ignoreCaseMatchesHeadingsInAnyCase() throws {
        let yaml = #"""
        stages:
          - stage: segment
            ignore_case: true
            sections: { duties: '^primary duties$' }
        """#
        let result = try process("Title\nPRIMARY DUTIES\n• d1", yaml: yaml)
        #expect(result.section("duties") == "• d1")
        let strict = try process("Title\nPRIMARY DUTIES\n• d1", yaml: yaml.replacingOccurrences(of: "ignore_case: true", with: "ignore_case: false"))
        #expect(strict.section("duties") == nil)
    }

    @Test func sectionsFollowANormalizeStage() throws {
        let yaml = #"""
        stages:
          - stage: normalize
          - stage: segment
            sections:
              duties: '^Duties$'
              skills: '^Skills$'
        """#
        let page = "Title\r\nDuties  \r\n\u{25AA} d1\r\n\r\n\r\nSkills\u{00A0}\r\n- s1\r\n"
        let result = try process(page, yaml: yaml)
        #expect(result.section("duties") == "• d1")
        #expect(result.section("skills") == "• s1")
    }

    // MARK: boundary

    /// A layout whose blocks all start with an emoji heading, of which the pipeline wants two.
    static let emojiPage = """
    Registered Nurse
    Cares for patients in hospitals.
    🩺 What they do
    - • Care for patients
    - • Give medication
    💼 Where they work
    - • Hospitals
    🎓 Related programs
    - • BSN
    - • ADN
    📈 Outlook
    Growing fast.
    """

    static func emojiYAML(boundary: String?) -> String {
        """
        stages:
          - stage: segment
            sections:
              duties: '^🩺 What they do$'
              settings: '^💼 Where they work$'
        \(boundary.map { "    boundary: '\($0)'" } ?? "")
          - stage: fields
            fields:
              settings: { section: settings, each: '^- • (?<value>.+)$' }
        """
    }

    @Test func withoutABoundaryASectionSwallowsTheUndeclaredBlocksAfterIt() throws {
        let result = try process(Self.emojiPage, yaml: Self.emojiYAML(boundary: nil))
        #expect(result["settings"] == ["Hospitals", "BSN", "ADN"])
    }

    @Test func aBoundaryEndsASectionAtAnyHeadingOfItsShape() throws {
        let result = try process(Self.emojiPage, yaml: Self.emojiYAML(boundary: #"^\p{So} "#))
        #expect(result.section("settings") == "- • Hospitals")
        #expect(result.section("duties") == "- • Care for patients\n- • Give medication")
        #expect(result["settings"] == ["Hospitals"])
        #expect(result.diagnosticCodes.isEmpty)
    }

    @Test func aBoundaryStartsNoSectionAndEndsThePreambleToo() throws {
        let page = "Title\nSummary\n📈 Outlook\nGrowing fast.\n💼 Where they work\n- • Clinics"
        let result = try process(page, yaml: Self.emojiYAML(boundary: #"^\p{So} "#))
        #expect(result.section("preamble") == "Title\nSummary")
        #expect(result.section("settings") == "- • Clinics")
        // The outlook block belongs to no section.
        for name in ["preamble", "duties", "settings"] { #expect(result.section(name)?.contains("Growing") != true) }
    }

    @Test func aBoundaryCountsOnlyAtALineStart() throws {
        let page = "T\n💼 Where they work\n- • Hospitals (📈 Outlook good)\n- • Clinics"
        let result = try process(page, yaml: Self.emojiYAML(boundary: "📈"))
        #expect(result["settings"] == ["Hospitals (📈 Outlook good)", "Clinics"])
    }

    @Test func aDeclaredHeadingThatTheBoundaryMatchesStillStartsItsSection() throws {
        let result = try process(Self.emojiPage, yaml: Self.emojiYAML(boundary: #"^\p{So}"#))
        #expect(result.section("duties") == "- • Care for patients\n- • Give medication")
        #expect(result.section("settings") == "- • Hospitals")
    }

    @Test func aBoundaryThatIsNoPatternIsReportedAtItsPlace() throws {
        let error = try #require(pipelineError(Self.emojiYAML(boundary: "^(## ")))
        #expect(error.issues.count == 1)
        let issue = try #require(error.issues.first)
        #expect(issue.location.line == 6)
        #expect(issue.message.hasPrefix("invalid pattern: missing closing parenthesis"))
        #expect(issue.expected == "a PCRE2 regular expression")
    }
}
