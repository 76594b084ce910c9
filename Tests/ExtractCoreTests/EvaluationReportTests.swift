import ExtractCore
import Testing

@Suite struct EvaluationReportTests {
    @Test func fieldsAreCountedExactWrongOrMissing() {
        var report = EvaluationReport()
        report.add(source: "p", produced: [.init("a", 1), .init("b", "x"), .init("c", nil), .init("d", 48.0)],
                   expected: [.init("a", 1), .init("b", "y"), .init("c", "z"), .init("d", 48)])
        #expect(report.fields["a"]?.exact == 1)
        #expect(report.fields["b"]?.wrong == 1)
        #expect(report.fields["c"]?.missing == 1)
        #expect(report.fields["d"]?.exact == 1)   // numbers compare by value
        #expect(report.accuracy == 0.5)
        #expect(report.mismatches.map(\.field) == ["b", "c"])
    }

    @Test func listsAreComparedItemByItem() {
        var report = EvaluationReport()
        report.add(source: "p", produced: [.init("l", ["a", "b", "x"])], expected: [.init("l", ["a", "b", "c", "d"])])
        let tally = report.fields["l"]
        #expect(tally?.wrong == 1)
        #expect(tally?.matchedItems == 2)
        #expect(tally?.precision == 2.0 / 3.0)
        #expect(tally?.recall == 0.5)
    }

    @Test func diagnosticsCompareByStageFieldAndCodeNotMessage() {
        let produced: Value = [.object([.init("stage", "segment"), .init("field", nil), .init("code", "segment.missing_section"),
                                        .init("message", "section 'x' not found")])]
        let expected: Value = [.object([.init("stage", "segment"), .init("field", nil), .init("code", "segment.missing_section"),
                                        .init("message", "worded differently")])]
        var report = EvaluationReport()
        report.add(source: "p", produced: [.init("diagnostics", produced)], expected: [.init("diagnostics", expected)])
        #expect(report.fields["diagnostics"]?.exact == 1)
    }

    @Test func sourceIsNotCompared() {
        var report = EvaluationReport()
        report.add(source: "p", produced: [.init("source", "a.txt")], expected: [.init("source", "b.txt")])
        #expect(report.fields["source"] == nil)
        #expect(report.accuracy == 1)
    }
}
