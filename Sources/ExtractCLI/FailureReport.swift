import ExtractCore

/// Prints failed documents on stderr as they come, but only the first ``shownLimit``: when most
/// documents fail the same way, a screenful says what is wrong and the rest are counted, to be
/// found whole in `--rejects`.
final class FailureReport {
    /// How many failure lines are printed before the rest are only counted.
    static let shownLimit = 20
    private(set) var shown = 0
    private(set) var hidden = 0
    private let print: (String) -> Void

    init(print: @escaping (String) -> Void) { self.print = print }

    /// Reports one failed document.
    func add(source: String, _ rejection: Rejection) {
        guard shown < Self.shownLimit else {
            hidden += 1
            return
        }
        shown += 1
        print("extract: \(source): \(rejection.message) [\(rejection.code)]")
    }

    /// `… and N more` when lines were held back, pointing at where they all are; nil otherwise.
    func closingLine(rejects: String?) -> String? {
        guard hidden > 0 else { return nil }
        let more = "extract: … and \(hidden) more failure\(hidden == 1 ? "" : "s")"
        return rejects.map { more + " (see --rejects '\($0)')" } ?? more + " (--rejects FILE lists them all)"
    }

    /// A hint when every document failed for the same reason and that reason has a usual cause.
    static func hint(_ summary: RunSummary) -> String? {
        guard summary.records == 0, summary.failed > 0, summary.failures.count == 1,
              let code = summary.failures.keys.first else { return nil }
        switch code {
        case "input.missing_text":
            return "extract: no line had the text field: pass --text-field with the field that holds the page (each line's fields are named above)"
        case "input.bad_json_line":
            return "extract: no line was a JSON object: is this file JSON Lines? (--input-format text reads each file as one page)"
        default:
            return nil
        }
    }
}
