/// Tests that cannot run: every mistake found in a pipeline's tests (its `tests:` list and its
/// `.tests.yaml` file), each at its file:line:column, reported at once.
public struct PipelineTestFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var issues: [ConfigIssue]
    public init(issues: [ConfigIssue]) { self.issues = issues }

    public var description: String {
        let count = issues.count == 1 ? "1 error" : "\(issues.count) errors"
        return issues.map(\.description).joined(separator: "\n\n") + "\n\(count) in the pipeline's tests"
    }
}
