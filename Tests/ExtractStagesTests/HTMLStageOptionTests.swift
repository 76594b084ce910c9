import ExtractCore
import ExtractStages
import ExtractTestSupport
import Testing

/// Mistakes in the html stage's options, reported in the pipeline file before any page is read.
@Suite("HTML stage: options")
struct HTMLStageOptionTests {
    private func issues(_ yaml: String) throws -> [ConfigIssue] {
        try #require(pipelineError(yaml), "the pipeline built").issues
    }

    @Test func invalidSelectXPathIsReportedAtItsLineAndColumn() throws {
        let found = try issues("""
        stages:
          - stage: html
            select: //main[@class=
        """)
        #expect(found.count == 1)
        let issue = try #require(found.first)
        #expect(issue.location.line == 3)
        #expect(issue.location.column >= 13)
        #expect(issue.message.hasPrefix("invalid XPath: "))
        #expect(issue.expected?.contains("XPath") == true)
    }

    @Test func everyInvalidDropXPathIsReported() throws {
        let found = try issues("""
        stages:
          - stage: html
            drop: ["//nav", "//div[", "//*[@id='x']", "]]"]
        """)
        #expect(found.count == 2)
        #expect(found.allSatisfy { $0.location.line == 3 && $0.message.hasPrefix("invalid XPath") })
    }

    @Test func xpathThatGivesANumberIsRefused() throws {
        let found = try issues("""
        stages:
          - stage: html
            select: count(//p)
        """)
        #expect(found.map(\.message) == ["XPath 'count(//p)' gives a number, not elements"])
    }

    @Test func htmlStageAfterAnotherStageIsRefused() throws {
        let found = try issues("""
        stages:
          - stage: normalize
          - stage: html
        """)
        #expect(found.count == 1)
        #expect(found.first?.location.line == 3)
        #expect(found.first?.message == "stage 'html' reads the page's bytes before they are decoded, so it must be the first stage")
    }
}
