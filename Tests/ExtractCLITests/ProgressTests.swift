import Foundation
import Testing
@testable import ExtractCLI
import ExtractCore

/// Progress and the summary as a terminal shows them, and the line formats behind them.
@Suite struct ProgressTests {
    /// A JSON Lines corpus of `count` bundled career pages, in a fresh directory.
    static func corpus(_ count: Int) throws -> URL {
        let directory = try CLI.temporaryDirectory()
        let page = try String(contentsOf: CLI.root.appendingPathComponent("Fixtures/career/pages/a-hourly-pay.txt"), encoding: .utf8)
        var lines = ""
        for number in 0..<count {
            let object: [String: String] = ["id": "page-\(number)", "text": page]
            lines += String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self) + "\n"
        }
        let url = directory.appendingPathComponent("corpus.jsonl")
        try lines.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func onANarrowTerminalTheProgressLineIsClearedToItsEndAndFits() throws {
        let corpus = try Self.corpus(40)
        defer { try? FileManager.default.removeItem(at: corpus.deletingLastPathComponent()) }
        let output = corpus.deletingLastPathComponent().appendingPathComponent("out.jsonl").path
        let result = try PseudoTerminal.run(["-p", "Pipelines/career.yaml", corpus.path, "-o", output, "--jobs", "1"], columns: 40)
        #expect(result.status == 0, "\(result.terminal)")
        // Each progress line starts at the line's start and clears what a longer one left.
        let updates = result.terminal.components(separatedBy: "\r").filter { $0.hasPrefix("extract: ") && $0.hasSuffix("\u{1B}[K") }
        #expect(!updates.isEmpty, "no progress line in \(result.terminal.debugDescription)")
        for update in updates {
            let line = update.dropLast(3)
            #expect(line.count <= 39, "wider than the terminal: \(line)")
            // The input is one file of known size: the share read comes first.
            #expect(line.range(of: #"^extract: \d{1,3}%, "#, options: .regularExpression) != nil, "\(line)")
        }
        // The summary, as the terminal shows it (what follows the last carriage return of each
        // line; the progress line was cleared): a headline, then label and value rows.
        let screen = result.terminal.components(separatedBy: "\r\n").map {
            ($0.components(separatedBy: "\r").last ?? "").replacingOccurrences(of: "\u{1B}[K", with: "")
        }.filter { !$0.isEmpty }
        let headline = try #require(screen.firstIndex(of: "extract: 40 documents → 40 records, 0 failed"), "\(screen)")
        let rows = Array(screen[(headline + 1)...])
        #expect(rows.count >= 2)
        #expect(rows.first { $0.hasPrefix("  time ") }?.contains(" docs/s, ") == true, "\(rows)")
        #expect(rows.last?.hasPrefix("  output ") == true, "\(rows)")
        // Every value starts in the same column.
        let valueColumns = Set(rows.map { row in row.dropFirst(2).firstIndex(of: " ").map { index in
            row.distance(from: row.startIndex, to: row[index...].firstIndex { $0 != " " } ?? row.endIndex)
        } ?? 0 })
        #expect(valueColumns.count == 1, "\(rows)")
        #expect(!result.terminal.contains("; output: "), "the one-line summary is for logs, not terminals")
    }

    @Test func withoutATerminalThereIsNoProgressAndTheSummaryIsOneLine() throws {
        let result = try CLI.run(["-p", "Pipelines/career.yaml", "Fixtures/career/pages/a-hourly-pay.txt", "Fixtures/career/pages/a-k-figures.txt"])
        #expect(result.status == 0)
        #expect(!result.stderr.contains("\r"))
        #expect(!result.stderr.contains("\u{1B}"))
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("extract: 2 documents → 2 records, 0 failed; ") == true)
        #expect(lines.first?.hasSuffix("; output: standard output") == true)
    }

    @Test func theLineKeepsWholePartsInOrderOfUseAndShowsTheTimeLeft() {
        var summary = RunSummary()
        summary.documents = 12_345
        summary.failed = 2
        summary.seconds = 10
        let wide = Progress.line(summary, bytesRead: 250_000_000, totalBytes: 1_000_000_000, width: 200)
        #expect(wide == "extract: 25%, 12,345 documents, 2 failed, 1,234 docs/s, 250 MB of 1.0 GB, ETA 30s")
        // Narrower: the amount read goes first, then the rate, then failures; never half a part.
        #expect(Progress.line(summary, bytesRead: 250_000_000, totalBytes: 1_000_000_000, width: 70)
                == "extract: 25%, 12,345 documents, 2 failed, 1,234 docs/s, ETA 30s")
        #expect(Progress.line(summary, bytesRead: 250_000_000, totalBytes: 1_000_000_000, width: 50)
                == "extract: 25%, 12,345 documents, 2 failed, ETA 30s")
        #expect(Progress.line(summary, bytesRead: 250_000_000, totalBytes: 1_000_000_000, width: 40)
                == "extract: 25%, 12,345 documents, ETA 30s")
        #expect(Progress.line(summary, bytesRead: 250_000_000, totalBytes: 1_000_000_000, width: 20) == "extract: 25%")
        #expect(Progress.line(summary, bytesRead: 250_000_000, totalBytes: 1_000_000_000, width: 8) == "extract")
        // Without a known size: what has been read, no share and no time left.
        #expect(Progress.line(summary, bytesRead: 3_400_000, totalBytes: nil, width: 200)
                == "extract: 12,345 documents, 2 failed, 1,234 docs/s, 3.4 MB read")
    }

    @Test func figuresAreWrittenForPeople() {
        #expect(Progress.grouped(0) == "0")
        #expect(Progress.grouped(999) == "999")
        #expect(Progress.grouped(1_000) == "1,000")
        #expect(Progress.grouped(1_234_567) == "1,234,567")
        #expect(Progress.bytes(512) == "512 B")
        #expect(Progress.bytes(12_345) == "12 KB")
        #expect(Progress.bytes(1_250_000_000) == "1.2 GB")
        #expect(Progress.duration(0.2) == "1s")
        #expect(Progress.duration(59) == "59s")
        #expect(Progress.duration(185) == "3m 05s")
        #expect(Progress.duration(7_620) == "2h 07m")
    }

    @Test func theTerminalSummaryAlignsItsLabelsAndWrapsValuesUnderThemselves() {
        var summary = RunSummary()
        summary.documents = 12
        summary.records = 11
        summary.failed = 1
        summary.failures = ["input.not_utf8": 1]
        summary.diagnostics = ["fields.not_found": 4, "segment.missing_section": 2, "resolve.unresolved": 3]
        summary.seconds = 0.5
        summary.inputBytes = 600_000
        #expect(RunSummaryText.block(summary, .written("careers.jsonl"), width: 60) == """
        extract: 12 documents → 11 records, 1 failed
          failed       input.not_utf8 1
          diagnostics  fields.not_found 4, resolve.unresolved 3,
                       segment.missing_section 2
          time         0.50 s, 24 docs/s, 1.2 MB/s
          output       careers.jsonl
        """)
        #expect(RunSummaryText.line(summary, .kept("old.jsonl")) == "extract: 12 documents → 11 records, 1 failed (input.not_utf8 1); "
                + "diagnostics: fields.not_found 4, resolve.unresolved 3, segment.missing_section 2; 0.50 s, 24 docs/s, 1.2 MB/s; "
                + "no output written, 'old.jsonl' left as it was")
    }

    @Test func wrappingNeverSplitsAWordAndHangsTheRest() {
        #expect(TextWrap.lines("a bb ccc dddd", width: 8, first: "- ", rest: "    ") == ["- a bb", "    ccc", "    dddd"])
        #expect(TextWrap.lines("abcdefghijkl x", width: 6, first: "", rest: "  ") == ["abcdefghijkl", "  x"])
    }
}
