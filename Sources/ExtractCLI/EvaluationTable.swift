import ExtractCore
import ExtractEmitters
import Foundation

/// Renders an ``EvaluationReport`` as a table for people and as JSON for CI.
enum EvaluationTable {
    static func render(_ report: EvaluationReport, show: Int) -> String {
        var lines: [String] = []
        let width = max(12, report.fieldOrder.map(\.count).max() ?? 0)
        func pad(_ text: String, _ count: Int) -> String { text.count >= count ? text : text + String(repeating: " ", count: count - text.count) }
        func right(_ text: String, _ count: Int) -> String { text.count >= count ? text : String(repeating: " ", count: count - text.count) + text }
        func ratio(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "" }
        lines.append(pad("field", width) + "  exact  wrong  missing   items P   items R")
        for field in report.fieldOrder {
            guard let tally = report.fields[field] else { continue }
            lines.append(pad(field, width) + right("\(tally.exact)", 7) + right("\(tally.wrong)", 7) + right("\(tally.missing)", 9)
                         + right(tally.isList ? ratio(tally.precision) : "", 10) + right(tally.isList ? ratio(tally.recall) : "", 10))
        }
        lines.append("")
        // "3 documents", or "3 documents → 11 records" when pages were split.
        let counted = report.records == report.documents ? "\(report.documents) documents"
            : "\(report.documents) documents → \(report.records) records"
        lines.append(counted + String(format: "; %d/%d fields exact (accuracy %.4f); list items precision %.4f, recall %.4f",
                                      report.exactFields, report.comparedFields, report.accuracy,
                                      report.itemPrecision, report.itemRecall))
        for source in report.withoutExpected { lines.append("no expected record: \(source)") }
        for path in report.withoutRecord { lines.append("no record for expected: \(path)") }
        for failure in report.failed { lines.append("failed: \(failure)") }
        if !report.mismatches.isEmpty {
            let shown = report.mismatches.prefix(show)
            lines.append("")
            lines.append("\(report.mismatches.count) wrong or missing value\(report.mismatches.count == 1 ? "" : "s")"
                         + (shown.count < report.mismatches.count ? " (first \(shown.count); --all for every one)" : "") + ":")
            for mismatch in shown {
                lines.append("  \(mismatch.source)  \(mismatch.field) (\(mismatch.kind))")
                lines.append("    expected: \(compactJSON(mismatch.expected))")
                lines.append("    produced: \(compactJSON(mismatch.produced))")
            }
        }
        return lines.joined(separator: "\n")
    }

    static func json(_ report: EvaluationReport) -> String {
        var fields: [Value.Member] = []
        for field in report.fieldOrder {
            guard let tally = report.fields[field] else { continue }
            var members: [Value.Member] = [.init("exact", .integer(tally.exact)), .init("wrong", .integer(tally.wrong)),
                                           .init("missing", .integer(tally.missing))]
            if tally.isList {
                members.append(.init("items", .object([
                    .init("expected", .integer(tally.expectedItems)), .init("produced", .integer(tally.producedItems)),
                    .init("matched", .integer(tally.matchedItems)),
                    .init("precision", tally.precision.map(Value.decimal) ?? .null),
                    .init("recall", tally.recall.map(Value.decimal) ?? .null),
                ])))
            }
            fields.append(.init(field, .object(members)))
        }
        let value = Value.object([
            .init("documents", .integer(report.documents)),
            .init("records", .integer(report.records)),
            .init("accuracy", .decimal(report.accuracy)),
            .init("exact_fields", .integer(report.exactFields)),
            .init("compared_fields", .integer(report.comparedFields)),
            .init("item_precision", .decimal(report.itemPrecision)),
            .init("item_recall", .decimal(report.itemRecall)),
            .init("fields", .object(fields)),
            .init("without_expected", .list(report.withoutExpected.map(Value.string))),
            .init("without_record", .list(report.withoutRecord.map(Value.string))),
            .init("failed", .list(report.failed.map(Value.string))),
            .init("mismatches", .list(report.mismatches.map { mismatch in
                .object([.init("source", .string(mismatch.source)), .init("field", .string(mismatch.field)),
                         .init("kind", .string(mismatch.kind)), .init("expected", mismatch.expected),
                         .init("produced", mismatch.produced)])
            })),
        ])
        return JSONWriter.pretty(value) + "\n"
    }

    static func compactJSON(_ value: Value) -> String { JSONWriter.compact(value) }
}
