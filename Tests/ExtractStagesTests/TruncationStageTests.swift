import ExtractCore
import ExtractStages
import ExtractTestSupport
import Testing

/// The truncation stage and what later stages make of the point where it cut the page: the
/// fields stage's `last_item_needs`, and derive's totals over lists that ran into the cut.
@Suite struct TruncationStageTests {
    static func pipeline(truncationFirst: Bool = true) -> String {
        let truncation = "  - stage: truncation\n    complete: '[.]$'\n"
        let rest = """
              - stage: segment
                sections: { steps: '^Steps$', notes: '^Notes$' }
                optional: [notes]
              - stage: fields
                fields:
                  steps:
                    section: steps
                    each: '^• (?<name>[^\\n]+)\\n  Months: (?<months>\\d+)\\.$'
                    value: { name: name, months: months | integer }
                    last_item_needs: months
              - stage: derive
                fields:
                  total: { sum: steps, key: months }
                  count: { count: steps }

            """
        return "stages:\n" + (truncationFirst ? truncation + rest : rest + truncation)
    }

    static let whole = "Title.\nSteps\n• Intern\n  Months: 6.\n• Junior\n  Months: 12.\n"
    /// Cut inside the second step's `Months:` line.
    static let cutInTheList = "Title.\nSteps\n• Intern\n  Months: 6.\n• Junior\n  Mon"
    /// Cut in the section after the list.
    static let cutAfterTheList = "Title.\nSteps\n• Intern\n  Months: 6.\n• Junior\n  Months: 12.\nNotes\nSee the bo"

    @Test func aWholePageKeepsEveryItemAndItsTotals() throws {
        let page = try process(Self.whole, yaml: Self.pipeline())
        #expect(page.diagnosticCodes == [])
        #expect(page["steps"] == [.object([.init("name", "Intern"), .init("months", 6)]),
                                  .object([.init("name", "Junior"), .init("months", 12)])])
        #expect(page["total"] == 18)
        #expect(page["count"] == 2)
    }

    @Test func aListCutOffDropsItsHalfLastItemAndGivesNoTotals() throws {
        let page = try process(Self.cutInTheList, yaml: Self.pipeline())
        #expect(page.diagnosticCodes == ["truncation.truncated"])
        #expect(page["steps"] == [.object([.init("name", "Intern"), .init("months", 6)])])
        #expect(page["total"] == .null)
        #expect(page["count"] == .null)
    }

    @Test func aListBeforeTheSectionThatWasCutKeepsItsTotals() throws {
        let page = try process(Self.cutAfterTheList, yaml: Self.pipeline())
        #expect(page.diagnosticCodes == ["truncation.truncated"])
        #expect(page["total"] == 18)
        #expect(page["count"] == 2)
    }

    @Test func aTruncationStageAfterTheFieldsMarksNoListCutOff() throws {
        let page = try process(Self.cutInTheList, yaml: Self.pipeline(truncationFirst: false))
        #expect(page.diagnosticCodes == ["truncation.truncated"])
        #expect(page["total"] == 6)
        #expect(page["count"] == 1)
    }

    @Test func onlyAPipelineWithATruncationStageGivesItsItemsAttachmentSlots() throws {
        #expect(try buildPipeline(Self.pipeline()).attachmentCount == 2)
        let withoutTruncation = Self.pipeline().replacingOccurrences(of: "  - stage: truncation\n    complete: '[.]$'\n", with: "")
        #expect(try buildPipeline(withoutTruncation).attachmentCount == 0)
    }
}
