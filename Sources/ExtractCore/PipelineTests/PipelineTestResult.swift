/// What running one ``PipelineTest`` showed: nothing when it passed, else each failure.
public struct PipelineTestResult: Sendable {
    public var name: String
    public var failures: [PipelineTestFailure]


    public var passed: Bool { failures.isEmpty }
}

/// One way a test failed.
public enum PipelineTestFailure: Sendable {
    /// The page could not be had: its file held no page, or more than one.
    case input(String)
    /// The page gave no record (`expected`: the rejection the test wanted instead, if any).
    case rejected(Rejection, expected: String?)
    /// The page gave a record where the test wanted it rejected with this code.
    case notRejected(expected: String)
    /// The page ended as fewer records (and rejected pieces) than the number of the one the test checks.
    case noSuchRecord(number: Int, count: Int)
    /// The page gave another number of records than the test's `records`.
    case recordCount(expected: Int, produced: Int)
    case field(FieldMismatch)
    case diagnostics(DiagnosticMismatch)
}

/// A field whose produced value is not the expected one.
public struct FieldMismatch: Sendable {
    public var field: String
    public var expected: Value
    public var produced: Value
    public var differences: [ValueDifference]
    /// Where the produced value came from in the page: the field's span, or for a list the span
    /// of each item (by index).
    public var place: PagePlace?
    public var itemPlaces: [PagePlace]


    /// Where a difference is in the page: its list item's place, else the field's.
    public func place(of difference: ValueDifference) -> PagePlace? {
        if let item = difference.item, itemPlaces.indices.contains(item) { return itemPlaces[item] }
        return place
    }
}

/// Diagnostics that are not the ones a test lists.
public struct DiagnosticMismatch: Sendable {
    public var mode: DiagnosticExpectation.Mode
    public var expected: [DiagnosticPattern]
    /// What the record carried, each with where it points in the page (when it has a span).
    public var produced: [(diagnostic: Diagnostic, place: PagePlace?)]
    /// Listed, and not found.
    public var missing: [DiagnosticPattern]
    /// Found, and not listed (with `diagnostics:`, which lists them all): indices into `produced`.
    public var extra: [Int]
}
