import ExtractCore
import ExtractStages
import ExtractTestSupport
import Foundation
import Testing

/// The README's pattern advice, run as written: an optional breadcrumb group that PCRE2 gives
/// back when the rest fails, and the possessive `?+` that does not.
@Suite("Pattern advice")
struct PatternAdviceTests {
    static let trap = #"\A(?:[^\n]* > [^\n]*\n)?[^\n]+\n(?!Median Salary)(?<value>[^\n]+)$"#
    static let cure = #"\A(?:[^\n]* > [^\n]*\n)?+[^\n]+\n(?!Median Salary)(?<value>[^\n]+)$"#

    static let withSummary = "Home > Careers > Nursing\nRegistered Nurse\nRegistered nurses care for patients.\nMedian Salary: $81,000"
    static let withoutSummary = "Home > Careers > Nursing\nRegistered Nurse\nMedian Salary: $81,000"
    static let withoutBreadcrumb = "Registered Nurse\nRegistered nurses care for patients.\nMedian Salary: $81,000"

    private func summary(_ page: String, pattern: String) throws -> ProcessedPage {
        try process(page, yaml: """
        stages:
          - stage: fields
            fields:
              summary:
                pattern: '\(pattern)'
        """)
    }

    @Test func theREADMEShowsBothPatternsAsTestedHere() throws {
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("  pattern: '\(Self.trap)'\n"))
        #expect(readme.contains("  pattern: '\(Self.cure)'\n"))
    }

    @Test func theOptionalGroupIsGivenBackAndTheTitleReadAsTheSummary() throws {
        #expect(try summary(Self.withoutSummary, pattern: Self.trap)["summary"] == "Registered Nurse")
    }

    @Test func thePossessiveGroupKeepsTheBreadcrumbSoNoSummaryIsFound() throws {
        let result = try summary(Self.withoutSummary, pattern: Self.cure)
        #expect(result["summary"] == .null)
        #expect(result.diagnosticCodes == ["fields.not_found"])
    }

    @Test(arguments: [withSummary, withoutBreadcrumb])
    func bothPatternsReadAPageThatHasASummary(page: String) throws {
        for pattern in [Self.trap, Self.cure] {
            #expect(try summary(page, pattern: pattern)["summary"] == "Registered nurses care for patients.")
        }
    }
}
