import ExtractCore
import Foundation

/// The summary `extract run` prints on stderr at the end: one line for logs and scripts, a few
/// aligned lines on a terminal.
enum RunSummaryText {
    /// What became of the output.
    enum Outcome {
        case written(String?)
        /// Interrupted: nothing was written.
        case interrupted
        /// The run gave no record, so the output file was left as it was.
        case kept(String)
    }

    /// `extract: 12 documents → 11 records, 1 failed (input.not_utf8 1); diagnostics: …; 0.05 s, …; output: x.jsonl`
    /// (the form scripts and logs read; its wording is kept stable).
    static func line(_ summary: RunSummary, _ outcome: Outcome) -> String {
        var line = headline(summary)
        if !summary.failures.isEmpty { line += " (\(counts(summary.failures).joined(separator: ", ")))" }
        if !summary.skipped.isEmpty { line += "; skipped: \(counts(summary.skipped).joined(separator: ", "))" }
        if !summary.diagnostics.isEmpty { line += "; diagnostics: \(counts(summary.diagnostics).joined(separator: ", "))" }
        line += "; " + speed(summary)
        switch outcome {
        case .interrupted: line += "; interrupted, no output written"
        case .kept(let output): line += "; no output written, '\(output)' left as it was"
        case .written(let output): line += "; output: \(output ?? "standard output")"
        }
        return line
    }

    /// The same on a few lines, labels aligned and each value wrapped under itself to fit `width`:
    ///
    ///     extract: 12 documents → 11 records, 1 failed
    ///       failed       input.not_utf8 1
    ///       diagnostics  fields.not_found 4, segment.missing_section 2
    ///       time         0.05 s, 240 docs/s, 1.2 MB/s
    ///       output       careers.jsonl
    static func block(_ summary: RunSummary, _ outcome: Outcome, width: Int) -> String {
        var rows: [(label: String, words: [String])] = []
        func add(_ label: String, _ items: [String]) {
            rows.append((label, items.enumerated().map { $0.offset < items.count - 1 ? $0.element + "," : $0.element }))
        }
        if !summary.failures.isEmpty { add("failed", counts(summary.failures)) }
        if !summary.skipped.isEmpty { add("skipped", counts(summary.skipped)) }
        if !summary.diagnostics.isEmpty { add("diagnostics", counts(summary.diagnostics)) }
        add("time", [speed(summary)])
        switch outcome {
        case .interrupted: add("output", ["none written (interrupted)"])
        case .kept(let output): add("output", ["none written: no record, so '\(output)' was left as it was"])
        case .written(let output): add("output", [output ?? "standard output"])
        }
        let labelWidth = rows.map(\.label.count).max() ?? 0
        var lines = [headline(summary)]
        for row in rows {
            let first = "  " + row.label + String(repeating: " ", count: labelWidth - row.label.count + 2)
            let rest = String(repeating: " ", count: first.count)
            lines += TextWrap.lines(words: row.words, width: width, first: first, rest: rest)
        }
        return lines.joined(separator: "\n")
    }

    /// `extract: 12 documents → 11 records, 1 failed`
    private static func headline(_ summary: RunSummary) -> String {
        "extract: \(summary.documents) document\(summary.documents == 1 ? "" : "s") → "
            + "\(summary.records) record\(summary.records == 1 ? "" : "s"), \(summary.failed) failed"
    }

    /// `code count` for each code, by code.
    private static func counts(_ table: [String: Int]) -> [String] {
        table.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
    }

    /// `0.05 s, 240 docs/s, 1.2 MB/s`
    private static func speed(_ summary: RunSummary) -> String {
        let rate = summary.seconds > 0 ? Double(summary.documents) / summary.seconds : 0
        return String(format: "%.2f s, %.0f docs/s, %.1f MB/s", summary.seconds, rate,
                      summary.seconds > 0 ? Double(summary.inputBytes) / summary.seconds / 1e6 : 0)
    }
}
