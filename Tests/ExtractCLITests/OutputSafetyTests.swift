import Foundation
import Testing

/// An earlier output is never destroyed by a mistake on the command line, and when many
/// documents fail the same way stderr still says what is wrong in a screenful.
@Suite struct OutputSafetyTests {
    /// A directory holding `good.jsonl` with known bytes, as a good earlier run would leave it.
    private func directoryWithGoodOutput() throws -> (URL, URL, Data) {
        let directory = try CLI.temporaryDirectory()
        let good = directory.appendingPathComponent("good.jsonl")
        let bytes = Data("{\"id\":\"earlier\"}\n".utf8)
        try bytes.write(to: good)
        return (directory, good, bytes)
    }

    @Test func misspeltInputPathIsAUsageErrorThatNamesItAndKeepsTheEarlierOutput() throws {
        let (directory, good, bytes) = try directoryWithGoodOutput()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CLI.run(["-p", "Pipelines/career.yaml", "Fixtures/career/pagez", "-o", good.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("input 'Fixtures/career/pagez' does not exist (did you mean 'Fixtures/career/pages'?)"))
        #expect(try Data(contentsOf: good) == bytes)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["good.jsonl"])
    }

    @Test func missingInputAmongGoodOnesStopsTheRunBeforeAnythingIsRead() throws {
        let result = try CLI.run(["-p", "Pipelines/career.yaml", "Fixtures/career/pages", "/nonexistent/page.txt"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("input '/nonexistent/page.txt' does not exist"))
        #expect(result.stdout.isEmpty)
    }

    @Test func brokenLinkGivenAsInputIsAUsageError() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let link = directory.appendingPathComponent("page.txt")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: directory.appendingPathComponent("gone.txt").path)
        let result = try CLI.run(["-p", "Pipelines/career.yaml", link.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("is a broken symbolic link"))
    }

    @Test func evalRefusesAMissingInputPathToo() throws {
        let result = try CLI.run(["eval", "-p", "Pipelines/career.yaml", "--expected", "Fixtures/career/expected", "Fixtures/career/pagez"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("input 'Fixtures/career/pagez' does not exist"))
    }

    @Test func emptyDirectoryExitsTwoSaysSoAndKeepsTheEarlierOutput() throws {
        let (directory, good, bytes) = try directoryWithGoodOutput()
        defer { try? FileManager.default.removeItem(at: directory) }
        let empty = directory.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: false)
        let result = try CLI.run(["-p", "Pipelines/career.yaml", empty.path, "-o", good.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no document found in '\(empty.path)'; nothing was written"))
        #expect(try Data(contentsOf: good) == bytes)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["empty", "good.jsonl"])
    }

    @Test func runWithNoRecordKeepsTheEarlierOutputAndStillWritesRejects() throws {
        let (directory, good, bytes) = try directoryWithGoodOutput()
        defer { try? FileManager.default.removeItem(at: directory) }
        let corpus = directory.appendingPathComponent("corpus.jsonl")
        try Data("{\"id\":\"a\",\"body\":\"x\"}\n{\"id\":\"b\",\"body\":\"y\",\"url\":\"u\"}\n".utf8).write(to: corpus)
        let rejects = directory.appendingPathComponent("rejects.jsonl")
        let result = try CLI.run(["-p", "Pipelines/career.yaml", corpus.path, "-o", good.path, "--rejects", rejects.path])
        #expect(result.status == 1)
        #expect(try Data(contentsOf: good) == bytes)
        #expect(result.stderr.contains("no record was produced, so '\(good.path)' was left as it was"))
        #expect(result.stderr.contains("2 documents → 0 records, 2 failed"))
        #expect(!result.stderr.contains("output: \(good.path)"))
        let rejected = try String(contentsOf: rejects, encoding: .utf8).split(separator: "\n")
        #expect(rejected.count == 2)
    }

    @Test func runWithNoRecordAndNoEarlierOutputCreatesAnEmptyOne() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let corpus = directory.appendingPathComponent("corpus.jsonl")
        try Data("{\"body\":\"x\"}\n".utf8).write(to: corpus)
        let output = directory.appendingPathComponent("out.jsonl")
        let result = try CLI.run(["-p", "Pipelines/career.yaml", corpus.path, "-o", output.path])
        #expect(result.status == 1)
        #expect(try Data(contentsOf: output).isEmpty)
    }

    @Test func outputInsideAnInputDirectoryIsRefusedEvenBeforeItExists() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let pages = directory.appendingPathComponent("pages")
        try FileManager.default.createDirectory(at: pages, withIntermediateDirectories: false)
        try FileManager.default.copyItem(atPath: "Fixtures/career/pages/patient-care-coordinator.txt",
                                         toPath: pages.appendingPathComponent("pcc.txt").path)
        let output = pages.appendingPathComponent("records.jsonl")
        let result = try CLI.run(["-p", "Pipelines/career.yaml", pages.path, "-o", output.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("lies in the input directory"))
        #expect(!FileManager.default.fileExists(atPath: output.path))
        // A hidden name is not walked, so it is not read back: allowed.
        let hidden = pages.appendingPathComponent(".records.jsonl")
        #expect(try CLI.run(["-p", "Pipelines/career.yaml", pages.path, "-o", hidden.path]).status == 0)
    }

    @Test func manyFailuresShowTwentyLinesThenACountAndNameTheFileAndLine() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let corpus = directory.appendingPathComponent("corpus.jsonl")
        try Data((1...30).map { "{\"id\":\"p\($0)\",\"body\":\"page\"}\n" }.joined().utf8).write(to: corpus)
        let rejects = directory.appendingPathComponent("rejects.jsonl")
        let result = try CLI.run(["-p", "Pipelines/career.yaml", corpus.path, "--rejects", rejects.path])
        #expect(result.status == 1)
        let failureLines = result.stderr.split(separator: "\n").filter { $0.hasSuffix("[input.missing_text]") }
        #expect(failureLines.count == 20)
        #expect(failureLines.first == "extract: p1: line 1 of '\(corpus.path)' has no field 'text' (its fields: 'body', 'id'; --text-field names the one holding the page) [input.missing_text]")
        #expect(result.stderr.contains("extract: … and 10 more failures (see --rejects '\(rejects.path)')"))
        #expect(result.stderr.contains("pass --text-field"))
        #expect(try String(contentsOf: rejects, encoding: .utf8).split(separator: "\n").count == 30)
    }
}
