/// One check a part did not pass: which check, and what was found. The kits return a list of
/// these (empty when the part conforms), so any test framework can report them:
///
///     // Swift Testing
///     #expect(StageConformance.check(MyStage.self, pages: pages) == [])
///     // XCTest
///     XCTAssertEqual(StageConformance.check(MyStage.self, pages: pages), [])
public struct ConformanceFailure: Error, Equatable, Sendable, CustomStringConvertible {
    /// The check, named as in the kit's documentation (`spans stay inside the page`).
    public var check: String
    /// What was found, with the page or value it was found on.
    public var message: String

    public init(check: String, message: String) {
        self.check = check
        self.message = message
    }

    public var description: String { "\(check): \(message)" }
}
