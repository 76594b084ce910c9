import ExtractCore
import ExtractEmitters

/// Renders a ``PipelineTestResult`` as a test runner does: `ok   name`, or `FAIL name` and
/// under it each difference, with the expected and the produced value (as JSON) and where the
/// produced value was read in the page:
///
///     FAIL pay per hour
///          salary.period
///            expected: "year"
///            produced: "hour"
///            read at:  Pipelines/career.tests.yaml:41:24 "$18-$24 per hour"
enum TestReport {
    static func render(_ result: PipelineTestResult) -> String {
        guard !result.passed else { return "ok   \(result.name)" }
        var lines = ["FAIL \(result.name)"]
        for failure in result.failures {
            switch failure {
            case .input(let message):
                lines.append(indent + "the page could not be read: \(message)")
            case .rejected(let rejection, let expected):
                lines.append(indent + "the page gave no record: \(rejection.message) [\(rejection.code)]")
                lines.append(indent + "  expected: " + (expected.map { "rejected as \($0)" } ?? "a record"))
            case .notRejected(let expected):
                lines.append(indent + "the page gave a record")
                lines.append(indent + "  expected: rejected as \(expected)")
            case .noSuchRecord(let number, let count):
                lines.append(indent + "the page gave \(count) record\(count == 1 ? "" : "s") (or rejected pieces); the test checks record \(number)")
            case .recordCount(let expected, let produced):
                lines.append(indent + "records")
                lines.append(indent + "  expected: \(expected)")
                lines.append(indent + "  produced: \(produced)")
            case .field(let mismatch):
                lines += field(mismatch)
            case .diagnostics(let mismatch):
                lines += diagnostics(mismatch)
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Under the name, past `FAIL `.
    private static let indent = "     "

    private static func field(_ mismatch: FieldMismatch) -> [String] {
        var lines: [String] = []
        for difference in mismatch.differences {
            let place = mismatch.place(of: difference).map(describe)
            switch difference.kind {
            case .changed(let expected, let produced):
                lines.append(indent + mismatch.field + difference.path)
                lines.append(indent + "  expected: " + JSONWriter.compact(expected))
                lines.append(indent + "  produced: " + JSONWriter.compact(produced))
                if let place, !produced.isNull { lines.append(indent + "  read at:  " + place) }
            case .missing(let expected):
                lines.append(indent + mismatch.field + difference.path + ": an expected item is missing")
                lines.append(indent + "  expected: " + JSONWriter.compact(expected))
            case .extra(let produced):
                lines.append(indent + mismatch.field + difference.path + ": an item not expected")
                lines.append(indent + "  produced: " + JSONWriter.compact(produced))
                if let place { lines.append(indent + "  read at:  " + place) }
            case .reordered:
                lines.append(indent + mismatch.field + difference.path + ": the expected items, in another order")
                lines.append(indent + "  expected: " + JSONWriter.compact(mismatch.expected))
                lines.append(indent + "  produced: " + JSONWriter.compact(mismatch.produced))
            }
        }
        return lines
    }

    private static func diagnostics(_ mismatch: DiagnosticMismatch) -> [String] {
        let listed = "[" + mismatch.expected.map(\.description).joined(separator: ", ") + "]"
        let produced = "[" + mismatch.produced.map { DiagnosticPattern(code: $0.diagnostic.code, field: $0.diagnostic.field).description }
            .joined(separator: ", ") + "]"
        var lines = [indent + (mismatch.mode == .exactly ? "diagnostics (exactly these, in any order)" : "diagnostics (at least these)")]
        lines.append(indent + "  expected: " + listed)
        lines.append(indent + "  produced: " + produced)
        for pattern in mismatch.missing { lines.append(indent + "  missing:  " + pattern.description) }
        for index in mismatch.extra {
            let (diagnostic, place) = mismatch.produced[index]
            lines.append(indent + "  extra:    " + DiagnosticPattern(code: diagnostic.code, field: diagnostic.field).description
                         + ": " + diagnostic.message)
            if let place { lines.append(indent + "    at " + describe(place)) }
        }
        return lines
    }

    /// `file:line:column "text"`, the text cut to a readable length.
    private static func describe(_ place: PagePlace) -> String {
        let limit = 120
        let scalars = place.text.unicodeScalars
        let text = scalars.count > limit ? String(String.UnicodeScalarView(scalars.prefix(limit))) + "…" : place.text
        return place.description + " " + JSONWriter.compact(.string(text))
    }
}
