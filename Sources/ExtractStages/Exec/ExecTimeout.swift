import ExtractCore

/// How long the `exec` stage's program may take over one document: written in the pipeline file
/// as a number and a unit (`500ms`, `2s`, `1.5s`, `1m`).
struct ExecTimeout: Sendable, Equatable {
    var nanoseconds: UInt64

    /// Used when the stage gives no `timeout` or `start_timeout`.
    static let standard = ExecTimeout(nanoseconds: 10 * 1_000_000_000)
    /// The longest a document may be given: an hour.
    static let longest = ExecTimeout(nanoseconds: 3_600 * 1_000_000_000)

    static let units: [(suffix: String, nanoseconds: Double)] = [("ms", 1e6), ("s", 1e9), ("m", 60e9)]

    /// Reads `2s`, `500ms` or `1m`; reports anything else at the node; nil then or without a node.
    static func read(_ node: ConfigNode?) -> ExecTimeout? {
        guard let node, let text = node.string() else { return nil }
        let expected = "a duration from 1ms to 1h: a number and a unit, ms, s or m (500ms, 2s, 1m)"
        guard let unit = units.first(where: { text.hasSuffix($0.suffix) }),
              let number = Double(text.dropLast(unit.suffix.count)), number.isFinite else {
            node.report("\(node.path) must be a duration, found \(node.snippet)", expected: expected)
            return nil
        }
        let nanoseconds = number * unit.nanoseconds
        guard nanoseconds >= 1e6, nanoseconds <= Double(longest.nanoseconds) else {
            node.report("\(node.path) must be between 1ms and 1h, found \(node.snippet)", expected: expected)
            return nil
        }
        return ExecTimeout(nanoseconds: UInt64(nanoseconds))
    }

    /// The duration in words for messages: `500ms`, `2s`, `1.5s`.
    var description: String {
        nanoseconds % 1_000_000_000 == 0 ? "\(nanoseconds / 1_000_000_000)s"
            : nanoseconds < 1_000_000_000 ? "\(nanoseconds / 1_000_000)ms" : "\(Double(nanoseconds) / 1e9)s"
    }
}
