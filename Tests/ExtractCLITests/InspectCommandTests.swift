import Foundation
import Testing

/// `extract inspect` as a user runs it: what it writes, where, and its exit status.
@Suite struct InspectCommandTests {
    static let pipeline = "Pipelines/career.yaml"

    @Test func writesOneSelfContainedHTMLFileForAPage() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("nurse.html").path
        let result = try CLI.run(["inspect", "-p", Self.pipeline, "Fixtures/career/pages/a-registered-nurse.txt", "-o", output])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty && result.stderr.isEmpty)
        let html = try String(contentsOfFile: output, encoding: .utf8)
        #expect(html.hasPrefix("<!doctype html>"))
        let parsed = try #require(ParsedHTML(html))
        #expect(parsed.number("count(//script[@src] | //link | //img | //iframe)") == 0)
        #expect(parsed.strings("//@href").allSatisfy { $0.hasPrefix("#") })
        #expect(parsed.string("string(//header/h1)") == "Fixtures/career/pages/a-registered-nurse.txt")
        // No temporary file is left beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["nurse.html"])
    }

    @Test func withoutOutputTheHTMLGoesToStandardOutput() throws {
        let result = try CLI.run(["inspect", "-p", Self.pipeline, "-"], stdin: Data("Title\nA summary.\n".utf8))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("<!doctype html>"))
        #expect(result.stdout.contains("\"source\":\"-\""))
    }

    @Test func aPageThatGivesNoRecordIsStillShownWithTheReasonAndExitsOne() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let page = directory.appendingPathComponent("binary.txt")
        try Data([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x41]).write(to: page)
        let output = directory.appendingPathComponent("binary.html").path
        let result = try CLI.run(["inspect", "-p", Self.pipeline, page.path, "-o", output])
        #expect(result.status == 1)
        #expect(result.stderr.contains("no record:") && result.stderr.contains("[input.binary]"))
        let parsed = try #require(ParsedHTML(try String(contentsOfFile: output, encoding: .utf8)))
        #expect(parsed.string("string(//p[@class='rejected'])").contains("[input.binary]"))
        #expect(parsed.string("string(//main[@id='page'])").contains("PK\u{2403}\u{2404}\u{2400}\u{2400}A"))
    }

    @Test func sourcePicksOnePageOfAJSONLinesFile() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let corpus = directory.appendingPathComponent("pages.jsonl")
        try Data("""
        {"id": "first", "text": "First Title\\nIts summary."}
        {"id": "second", "text": "Second Title\\nIts summary."}

        """.utf8).write(to: corpus)
        let second = try CLI.run(["inspect", "-p", Self.pipeline, corpus.path, "--source", "second"])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("<h1>second</h1>") && second.stdout.contains("Second Title"))
        let first = try CLI.run(["inspect", "-p", Self.pipeline, corpus.path])
        #expect(first.status == 0)
        #expect(first.stdout.contains("<h1>first</h1>"))
        #expect(first.stderr.contains("holds more than one page; showing the first, 'first' (choose another with --source)"))
        let none = try CLI.run(["inspect", "-p", Self.pipeline, corpus.path, "--source", "third"])
        #expect(none.status == 2)
        #expect(none.stderr.contains("no page with source 'third' in '\(corpus.path)'; its pages include 'first', 'second'"))
        #expect(none.stdout.isEmpty)
    }

    @Test func refusesToWriteOverThePageOrToReadAMissingOne() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let page = directory.appendingPathComponent("page.txt")
        try Data("Title\nA summary.\n".utf8).write(to: page)
        let over = try CLI.run(["inspect", "-p", Self.pipeline, page.path, "-o", page.path])
        #expect(over.status == 2)
        #expect(try String(contentsOf: page, encoding: .utf8) == "Title\nA summary.\n")
        let missing = try CLI.run(["inspect", "-p", Self.pipeline, directory.appendingPathComponent("pag.txt").path])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("does not exist (did you mean"))
    }

    @Test func helpListsInspectWithAnExample() throws {
        let main = try CLI.run(["--help"])
        #expect(main.stdout.contains("inspect") && main.stdout.contains("extract inspect -p Pipelines/career.yaml page.html -o page.inspect.html"))
        let help = try CLI.run(["inspect", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("--source") && help.stdout.contains("Exit status"))
    }
}
