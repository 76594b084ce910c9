import ExtractCore
import ExtractStages
import ExtractTestSupport
import Testing

/// The mistakes a pipeline file can hold, each reported at its exact place with what was expected.
@Suite("Pipeline file errors")
struct PipelineFileErrorTests {
    /// The single issue building `yaml` reports; records a test issue when it builds or reports several.
    private func onlyIssue(_ yaml: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> ConfigIssue {
        let error = try #require(pipelineError(yaml), "the pipeline built", sourceLocation: sourceLocation)
        #expect(error.issues.count == 1, "\(error)", sourceLocation: sourceLocation)
        return try #require(error.issues.first, sourceLocation: sourceLocation)
    }

    private func at(_ line: Int, _ column: Int) -> ExtractCore.SourceLocation {
        ExtractCore.SourceLocation(file: "test.yaml", line: line, column: column)
    }

    @Test func unknownStageKindListsTheKnownKinds() throws {
        let issue = try onlyIssue("""
        stages:
          - stage: normalise
        """)
        #expect(issue.location == at(2, 12))
        #expect(issue.message == "unknown stage 'normalise' (did you mean 'normalize'?)")
        #expect(issue.expected == "one of: " + StageRegistry.builtIn.kinds.joined(separator: ", "))
        for kind in ["normalize", "segment", "fields", "derive", "resolve"] {
            #expect(issue.expected?.contains(kind) == true)
        }
    }

    @Test func aMisspeltStageOptionSuggestsTheRightOne() throws {
        let issue = try onlyIssue("""
        stages:
          - stage: normalize
            blank_line: 0
        """)
        #expect(issue.location == at(3, 5))
        #expect(issue.message == "unknown option 'blank_line' for stage 'normalize' (did you mean 'blank_lines'?)")
        #expect(issue.expected?.hasPrefix("one of: blank_lines, bullet,") == true)
    }

    @Test func aMisspeltFieldRuleKeySuggestsPattern() throws {
        // One issue: the misspelling, not also "says neither how to read it" about the same field.
        let issue = try onlyIssue(#"""
        stages:
          - stage: fields
            fields:
              title:
                patern: '\A(?<value>[^\n]+)$'
        """#)
        #expect(issue.location == at(5, 9))
        #expect(issue.message == "unknown option 'patern' for field 'title' (did you mean 'pattern'?)")
        #expect(issue.expected?.contains("pattern") == true)
    }

    @Test func aWrongTypeSaysWhatTypeWasExpected() throws {
        let issue = try onlyIssue("""
        stages:
          - stage: normalize
            blank_lines: many
        """)
        #expect(issue.location == at(3, 18))
        #expect(issue.message == "stages[0].blank_lines must be an integer, found 'many'")
        #expect(issue.expected == "an integer")
    }

    @Test(arguments: [
        ("blank_lines: 101", "stages[0].blank_lines must be between 0 and 100, found 101"),
        ("line_endings: yes please", "stages[0].line_endings must be true or false, found 'yes please'"),
        ("unicode: [true]", "stages[0].unicode must be true or false, found a list"),
    ])
    func otherWrongValuesAreReportedAtTheValue(option: String, message: String) throws {
        let issue = try onlyIssue("stages:\n  - stage: normalize\n    \(option)\n")
        #expect(issue.location.line == 3)
        #expect(issue.location.column == 5 + option.distance(from: option.startIndex, to: option.firstIndex(of: ":")!) + 2)
        #expect(issue.message == message)
    }

    @Test func anInvalidPatternGivesPCRE2sMessageAtItsPlaceInThePattern() throws {
        let issue = try onlyIssue("""
        stages:
          - stage: fields
            fields:
              title: { pattern: 'ab)(?<value>c)' }
        """)
        // The quote is column 25; offset 2 in the pattern is the `)`, column 28.
        #expect(issue.location == at(4, 28))
        #expect(issue.message.contains("unmatched closing parenthesis"))
        #expect(issue.message.contains("at offset 2"))
        #expect(issue.expected == "a PCRE2 regular expression")
    }

    @Test func anInvalidHeadingPatternIsReportedToo() throws {
        let issue = try onlyIssue("""
        stages:
          - stage: segment
            sections:
              duties: ^Duties(
        """)
        // A plain scalar: column 15 is `^`, offset 8 (the end, where the `)` is missing) is column 23.
        #expect(issue.location == at(4, 23))
        #expect(issue.message.contains("missing closing parenthesis"))
    }

    @Test func aFieldNeedingASectionNoEarlierStageProvides() throws {
        let issue = try onlyIssue("""
        stages:
          - stage: fields
            fields:
              duties: { section: duties, each: '^• (?<value>.+)$' }
          - stage: segment
            sections: { duties: '^Duties$' }
        """)
        #expect(issue.location == at(4, 26))
        #expect(issue.message == "stage 'fields' needs section 'duties', which no earlier stage provides")
        #expect(issue.expected == "a segment stage before this one")
    }

    @Test func aSectionNameNotProvidedListsTheOnesThatAre() throws {
        let issue = try onlyIssue("""
        stages:
          - stage: segment
            sections: { duties: '^Duties$', skills: '^Skills$' }
          - stage: fields
            section: dutys
            fields:
              duties: { each: '^• (?<value>.+)$' }
        """)
        #expect(issue.location == at(5, 14))
        #expect(issue.expected == "one of: preamble, duties, skills")
    }

    @Test func recordNamingAFieldNobodyProvides() throws {
        let issue = try onlyIssue(#"""
        stages:
          - stage: fields
            fields:
              title: { pattern: '\A(?<value>[^\n]+)$' }
        record: [title, salary]
        """#)
        #expect(issue.location == at(5, 17))
        #expect(issue.message == "record lists field 'salary', which no stage provides")
        #expect(issue.expected == "one of: title")
    }

    @Test func aDerivedFieldFromAnUnknownFieldIsReported() throws {
        let issue = try onlyIssue("""
        stages:
          - stage: derive
            fields:
              id: { from: title, parse: slug }
        """)
        #expect(issue.location == at(4, 19))
        #expect(issue.message == "stage 'derive' needs field 'title', which no earlier stage provides")
    }

    @Test(arguments: [
        ("text | monie", "unknown value parser 'monie' (did you mean 'money'?)", 18),
        ("txt | money", "the pattern has no group named 'txt' (did you mean 'text'?)", 18),
    ])
    func aTemplateNamingAnUnknownParserOrGroup(template: String, message: String, column: Int) throws {
        let issue = try onlyIssue("""
        stages:
          - stage: fields
            fields:
              salary:
                pattern: '^Salary: (?<text>.+)$'
                value: { "*": \(template) }
        """)
        #expect(issue.location == at(6, column + 5))
        #expect(issue.message == message)
    }

    @Test func aDuplicateKeyIsReportedAtTheRepeat() throws {
        let issue = try onlyIssue("""
        stages:
          - stage: normalize
            blank_lines: 0
            blank_lines: 1
        """)
        #expect(issue.location == at(4, 5))
        #expect(issue.message == "duplicate key 'blank_lines' in a mapping")
        #expect(issue.expected == "each key once per mapping")
    }

    @Test func anIssueQuotesItsSourceLineInLFAndCRLFFiles() throws {
        for ending in ["\n", "\r\n"] {
            let yaml = ["stages:", "  - stage: normalize", "    blank_line: 0", "    bullet: \"- \""].joined(separator: ending)
            let issue = try onlyIssue(yaml)
            #expect(issue.location == at(3, 5))
            #expect(issue.line == "    blank_line: 0", "line ending \(ending.debugDescription)")
        }
    }

    @Test func aYAMLSyntaxErrorIsReportedWhereTheParserStopped() throws {
        let issue = try onlyIssue("""
        stages:
          - stage: normalize
            blank_lines: @2
        """)
        #expect(issue.location == at(3, 18))
        #expect(issue.message.hasPrefix("invalid YAML:"))
        #expect(issue.message.contains("cannot start any token"))
        #expect(issue.expected == "valid YAML")
    }

    @Test func anEmptyFileIsReported() throws {
        let issue = try onlyIssue("")
        #expect(issue.location == at(1, 1))
        #expect(issue.message == "the pipeline file is empty")
    }

    @Test func everyMistakeInAFileIsReportedAtOnce() throws {
        let error = try #require(pipelineError(#"""
        stages:
          - stage: normalise
          - stage: normalize
            blank_lines: many
          - stage: fields
            fields:
              title: { pattern: '\A(?<value>[^\n]+)$' }
        record: [title, salary]
        """#))
        #expect(error.issues.map(\.location) == [at(2, 12), at(4, 18), at(8, 17)])
        #expect(error.issues.map(\.message) == [
            "unknown stage 'normalise' (did you mean 'normalize'?)",
            "stages[1].blank_lines must be an integer, found 'many'",
            "record lists field 'salary', which no stage provides",
        ])
        #expect(error.description.hasSuffix("\n3 errors in pipeline file"))
    }

    @Test func anErrorRendersLikeACompilerDiagnostic() throws {
        let error = try #require(pipelineError("""
        pipeline: demo
        stages:
          - stage: normalize
            blank_lines: many
        """))
        #expect(error.description == """
        test.yaml:4:18: error: stages[0].blank_lines must be an integer, found 'many'
                blank_lines: many
                             ^
        expected an integer
        1 error in pipeline file
        """)
    }

    @Test func aCorrectFileBuilds() throws {
        let pipeline = try buildPipeline(#"""
        pipeline: demo
        limits: { match_limit: 5000 }
        stages:
          - stage: normalize
          - stage: segment
            sections: { duties: '^Duties$' }
          - stage: fields
            fields:
              title: { section: preamble, pattern: '\A(?<value>[^\n]+)$' }
              duties: { section: duties, each: '^• (?<value>.+)$' }
        record: [duties, title]
        """#)
        #expect(pipeline.name == "demo")
        #expect(pipeline.limits.matchLimit == 5000)
        #expect(pipeline.schema.outputFields.map(\.name) == ["duties", "title"])
        #expect(pipeline.sectionNames == ["preamble", "duties"])
    }
}
