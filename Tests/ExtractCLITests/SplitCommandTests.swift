import Foundation
import Testing

/// `extract` over listing pages that the `split` stage cuts: one record per occupation, the summary
/// counts documents and records, `eval` matches each record with `PAGE#k.json`.
@Suite struct SplitCommandTests {
    /// A copy of the listing fixtures to edit: (pages, expected).
    private func listingCopy() throws -> (pages: URL, expected: URL) {
        let directory = try CLI.temporaryDirectory()
        for folder in ["pages", "expected"] {
            try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("Fixtures/listing/\(folder)"),
                                             to: directory.appendingPathComponent(folder))
        }
        return (directory.appendingPathComponent("pages"), directory.appendingPathComponent("expected"))
    }

    @Test func evalComparesEachOccupationWithItsOwnExpectedRecord() throws {
        let result = try CLI.run(["eval", "-p", "Pipelines/listing.yaml", "--expected", "Fixtures/listing/expected", "Fixtures/listing/pages"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("4 documents → 15 records; 168/168 fields exact (accuracy 1.0000)"))
    }

    @Test func anOccupationWithoutAnExpectedRecordAndAnExpectedRecordWithoutAnOccupationFail() throws {
        let (pages, expected) = try listingCopy()
        try FileManager.default.removeItem(at: expected.appendingPathComponent("skilled-trades#2.json"))
        try FileManager.default.copyItem(at: expected.appendingPathComponent("skilled-trades#3.json"),
                                         to: expected.appendingPathComponent("skilled-trades#4.json"))
        let result = try CLI.run(["eval", "-p", "Pipelines/listing.yaml", "--expected", expected.path, pages.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("no expected record: \(pages.path)/skilled-trades.txt#2"))
        #expect(result.stdout.contains("no record for expected: \(expected.path)/skilled-trades#4.json"))
        #expect(!result.stdout.contains("no record for expected: \(expected.path)/skilled-trades#3.json"))
    }

    @Test func aPageThatLostAnOccupationIsNoPerfectScore() throws {
        let (pages, expected) = try listingCopy()
        let page = pages.appendingPathComponent("healthcare-support.txt")
        let text = try String(contentsOf: page, encoding: .utf8)
        let lastBlock = try #require(text.range(of: "\n### Home Health Aide"))
        try String(text[..<lastBlock.lowerBound]).write(to: page, atomically: true, encoding: .utf8)
        let result = try CLI.run(["eval", "-p", "Pipelines/listing.yaml", "--expected", expected.path, pages.path, "--min-accuracy", "1"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("no record for expected: \(expected.path)/healthcare-support#4.json"))
    }

    @Test func runWritesOneRecordPerOccupationTheSameWhateverTheJobs() throws {
        let one = try CLI.run(["-p", "Pipelines/listing.yaml", "Fixtures/listing/pages", "--jobs", "1", "--with-spans"])
        let two = try CLI.run(["-p", "Pipelines/listing.yaml", "Fixtures/listing/pages", "--jobs", "2", "--with-spans"])
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stdout == two.stdout)
        #expect(one.stderr.contains("extract: 4 documents → 15 records, 0 failed; diagnostics: fields.not_found 2, fields.unparsed 1, truncation.truncated 1;"))
        let sources = one.stdout.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["source"] as? String
        }
        #expect(sources.count == 15)
        #expect(sources.prefix(4) == ["Fixtures/listing/pages/education-cut-off.txt#1", "Fixtures/listing/pages/education-cut-off.txt#2",
                                      "Fixtures/listing/pages/education-cut-off.txt#3", "Fixtures/listing/pages/healthcare-support.txt#1"])
    }

    @Test func aPageWithNoOccupationIsRejectedWithItsReason() throws {
        let directory = try CLI.temporaryDirectory()
        let page = directory.appendingPathComponent("empty-listing.txt")
        try "Category: Nothing · 0 occupations\nNo occupations listed yet.\nShowing 1–0 of 0 occupations\n".write(to: page, atomically: true, encoding: .utf8)
        let rejects = directory.appendingPathComponent("rejects.jsonl")
        let result = try CLI.run(["-p", "Pipelines/listing.yaml", page.path, CLI.root.appendingPathComponent("Fixtures/listing/pages/skilled-trades.txt").path,
                                  "--rejects", rejects.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("extract: \(page.path): no block on the page: the split pattern matched nothing [split.no_blocks]"))
        #expect(result.stderr.contains("extract: 2 documents → 3 records, 1 failed (split.no_blocks 1)"))
        #expect(try String(contentsOf: rejects, encoding: .utf8).contains("\"code\":\"split.no_blocks\""))
    }

    @Test func stagesDescribesTheSplitStage() throws {
        let result = try CLI.run(["stages", "split"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("split: Cuts a page into blocks"))
        for option in ["pattern (pattern, required)", "keep_before (bool)", "min (integer)", "max (integer)"] {
            #expect(result.stdout.contains("    \(option): "), "\(option)")
        }
        #expect(result.stdout.contains("  example:\n    - stage: split\n      pattern: '^### '"))
    }

    @Test func extractTestChecksTheKthRecordOfASplitPageAndHowManyItGives() throws {
        let directory = try CLI.temporaryDirectory()
        let yaml = #"""
        stages:
          - stage: split
            pattern: '^### '
          - stage: fields
            fields:
              title: { pattern: '\A### (?<value>[^\n]+)$', required: true }
        tests:
          - name: second
            input: "### A\n### B\n"
            record: 2
            records: 2
            expect: { title: B }
          - name: count
            input: "### A\n### B\n"
            records: 3
          - name: third
            input: "### A\n### B\n"
            record: 3
            expect: { title: C }
          - name: none
            input: "no block\n"
            rejected: split.no_blocks
        """#
        try Data(yaml.utf8).write(to: directory.appendingPathComponent("cards.yaml"))
        let result = try CLI.run(["test", "cards.yaml"], in: directory)
        #expect(result.status == 1)
        #expect(result.stdout == """
        ok   second
        FAIL count
             records
               expected: 3
               produced: 2
        FAIL third
             the page gave 2 records (or rejected pieces); the test checks record 3
        ok   none
        2 passed, 2 failed

        """)
        try Data(yaml.replacingOccurrences(of: "record: 3", with: "record: 0").utf8).write(to: directory.appendingPathComponent("cards.yaml"))
        let mistake = try CLI.run(["test", "cards.yaml"], in: directory)
        #expect(mistake.status == 2)
        #expect(mistake.stderr.hasPrefix("cards.yaml:18:13: error: "))
    }

    @Test func inspectShowsTheKthRecordOfASplitPageAndRefusesOnePastTheLast() throws {
        let directory = try CLI.temporaryDirectory()
        let out = directory.appendingPathComponent("welder.html")
        let page = "Fixtures/listing/pages/skilled-trades.txt"
        let second = try CLI.run(["inspect", "-p", "Pipelines/listing.yaml", page, "--record", "2", "-o", out.path])
        #expect(second.status == 0, "\(second.stderr)")
        let html = try String(contentsOf: out, encoding: .utf8)
        #expect(html.contains("skilled-trades.txt#2"))
        #expect(html.contains("Join metal parts with heat"))
        #expect(!html.contains("skilled-trades.txt#1"))
        let past = try CLI.run(["inspect", "-p", "Pipelines/listing.yaml", page, "--record", "4", "-o", directory.appendingPathComponent("none.html").path])
        #expect(past.status == 2)
        #expect(past.stderr == "extract: \(page) gave 3 records; there is no record 4\n")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("none.html").path))
    }
}
