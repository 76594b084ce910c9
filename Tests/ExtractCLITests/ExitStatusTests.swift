import Foundation
import Testing

/// Exit statuses scripts rely on, and what stderr says.
@Suite struct ExitStatusTests {
    @Test func cleanRunExitsZeroAndSummarizesOnStderr() throws {
        let result = try CLI.run(["--pipeline", "Pipelines/career.yaml", "Fixtures/career/pages/patient-care-coordinator.txt",
                                  "Fixtures/career/pages/patient-care-coordinator.layout-b.txt"])
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").count == 2)
        #expect(result.stderr.contains("2 documents → 2 records, 0 failed"))
    }

    @Test func brokenPipelineFileExitsTwoWithLineAndColumnBeforeReadingInput() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let pipeline = directory.appendingPathComponent("bad.yaml")
        try """
        stages:
          - stage: normalise
          - stage: fields
            fields:
              title:
                patern: '(?<value>.+)'
        """.write(to: pipeline, atomically: false, encoding: .utf8)
        // The input does not exist: a pipeline error must stop the run before it is looked at.
        let result = try CLI.run(["--pipeline", pipeline.path, "/nonexistent/input.txt"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("bad.yaml:2:12: error: unknown stage 'normalise' (did you mean 'normalize'?)"))
        #expect(result.stderr.contains("bad.yaml:6:9: error: unknown option 'patern' for field 'title' (did you mean 'pattern'?)"))
        #expect(result.stderr.contains("expected one of: html, normalize, truncation, split, segment, fields, derive, resolve"))
        #expect(!result.stderr.contains("nonexistent"))
        #expect(result.stdout.isEmpty)
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try CLI.run([]).status == 2)
        #expect(try CLI.run(["--pipeline", "Pipelines/career.yaml", "x.txt", "--format", "xml"]).status == 2)
        #expect(try CLI.run(["--pipeline", "Pipelines/career.yaml", "Fixtures/career/pages", "-o", "out.unknown"]).status == 2)
        for jobs in ["0", "1025", "99999999999"] {
            let result = try CLI.run(["--pipeline", "Pipelines/career.yaml", "Fixtures/career/pages", "--jobs", jobs])
            #expect(result.status == 2)
            #expect(result.stderr.contains("--jobs must be between 1 and 1024"))
        }
    }

    @Test func outputThatCannotBeWrittenExitsThree() throws {
        // /dev/full: every write fails with ENOSPC, as on a full disk.
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let result = try CLI.run(["--pipeline", "Pipelines/career.yaml", "Fixtures/career/pages"], stdoutFile: full)
        #expect(result.status == 3)
        #expect(result.stderr.contains("extract: cannot write output"))
    }

    @Test func outputThatCannotBeMovedIntoPlaceExitsThreeAndLeavesNothingBehind() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // The destination is a directory: the finished output cannot be renamed over it.
        let destination = directory.appendingPathComponent("out.jsonl")
        try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: false)
        let result = try CLI.run(["--pipeline", "Pipelines/career.yaml", "Fixtures/career/pages", "-o", destination.path])
        #expect(result.status == 3)
        #expect(result.stderr.contains("cannot move output into place at '\(destination.path)'"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["out.jsonl"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: destination.path).isEmpty)
    }

    @Test func anOutputThatWouldReplaceAnInputIsRefusedBeforeAnythingIsRead() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let page = try Data(contentsOf: CLI.root.appendingPathComponent("Fixtures/career/pages/patient-care-coordinator.txt"))
        let corpus = directory.appendingPathComponent("corpus.jsonl")
        let line = try JSONSerialization.data(withJSONObject: ["id": "p", "text": String(decoding: page, as: UTF8.self)])
        try (line + Data("\n".utf8)).write(to: corpus)
        let pages = directory.appendingPathComponent("pages")
        try FileManager.default.createDirectory(at: pages, withIntermediateDirectories: false)
        try page.write(to: pages.appendingPathComponent("a.txt"))

        let same = try CLI.run(["--pipeline", "Pipelines/career.yaml", corpus.path, "-o", corpus.path])
        #expect(same.status == 2)
        #expect(same.stderr.contains("'\(corpus.path)' is an input; writing there would replace it"))
        let rejects = try CLI.run(["--pipeline", "Pipelines/career.yaml", corpus.path, "--rejects", directory.path + "/./corpus.jsonl"])
        #expect(rejects.status == 2)
        #expect(rejects.stderr.contains("is the input '\(corpus.path)'"))
        let inside = try CLI.run(["--pipeline", "Pipelines/career.yaml", pages.path, "-o", pages.path + "/a.txt", "--format", "jsonl"])
        #expect(inside.status == 2)
        #expect(inside.stderr.contains("is a page of the input directory '\(pages.path)'"))
        #expect(try Data(contentsOf: corpus) == line + Data("\n".utf8))
        #expect(try Data(contentsOf: pages.appendingPathComponent("a.txt")) == page)

        let both = try CLI.run(["--pipeline", "Pipelines/career.yaml", pages.path, "-o", directory.path + "/out.jsonl",
                                "--rejects", directory.path + "/./out.jsonl"])
        #expect(both.status == 2)
        #expect(both.stderr.contains("is the output file too"))
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/out.jsonl"))

        // A hidden file is not a page of the directory (the walk skips it): writing it is fine.
        let hidden = pages.appendingPathComponent(".records.jsonl")
        try Data().write(to: hidden)
        let allowed = try CLI.run(["--pipeline", "Pipelines/career.yaml", pages.path, "-o", hidden.path])
        #expect(allowed.status == 0)
        #expect(try String(contentsOf: hidden, encoding: .utf8).split(separator: "\n").count == 1)
    }

    @Test func badDocumentsAreReportedCountedAndTheOthersStillWritten() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let page = try String(contentsOf: CLI.root.appendingPathComponent("Fixtures/career/pages/patient-care-coordinator.txt"), encoding: .utf8)
        try page.write(to: directory.appendingPathComponent("a-good.txt"), atomically: false, encoding: .utf8)
        try Data().write(to: directory.appendingPathComponent("b-empty.txt"))
        try Data([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x08]).write(to: directory.appendingPathComponent("c-binary.txt"))
        try Data([0x54, 0x69, 0x74, 0x6C, 0x65, 0xFF, 0xFE, 0x0A]).write(to: directory.appendingPathComponent("d-latin.txt"))
        try "Lone Title\nA page with a title and nothing else.\n".write(to: directory.appendingPathComponent("e-title-only.txt"), atomically: false, encoding: .utf8)
        // A link whose target is gone, met in the walk, is a failed document (given as a path
        // itself, it would be a usage error).
        try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent("f-broken-link.txt").path,
                                                   withDestinationPath: "/nonexistent.txt")
        let elsewhere = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        let output = elsewhere.appendingPathComponent("out.jsonl")
        // --encoding utf-8: d-latin.txt is rejected, not read as Windows-1252.
        let result = try CLI.run(["--pipeline", "Pipelines/career.yaml", directory.path, "-o", output.path, "--encoding", "utf-8"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("b-empty.txt: the document is empty [input.empty]"))
        #expect(result.stderr.contains("c-binary.txt: the document looks binary"))
        #expect(result.stderr.contains("[input.binary]"))
        #expect(result.stderr.contains("d-latin.txt: the document is not valid UTF-8 (invalid byte at offset 5) [input.not_utf8]"))
        #expect(result.stderr.contains("f-broken-link.txt: cannot read it: No such file or directory [input.unreadable]"))
        #expect(result.stderr.contains("6 documents → 2 records, 4 failed"))
        let lines = try String(contentsOf: output, encoding: .utf8).split(separator: "\n")
        // The good page, and the page with only a title (with diagnostics for what it lacks).
        try #require(lines.count == 2)
        let second = try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any]
        let codes = (second?["diagnostics"] as? [[String: Any]])?.compactMap { $0["code"] as? String } ?? []
        #expect(codes.contains("segment.missing_section"))
    }

    @Test func failedRunLeavesNoPartialOutputFile() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("missing-dir/out.jsonl")
        let result = try CLI.run(["--pipeline", "Pipelines/career.yaml", "Fixtures/career/pages", "-o", output.path])
        #expect(result.status == 2)
        #expect(!FileManager.default.fileExists(atPath: output.path))
        let target = directory.appendingPathComponent("records.json")
        let ok = try CLI.run(["--pipeline", "Pipelines/career.yaml", "Fixtures/career/pages", "-o", target.path])
        #expect(ok.status == 0)
        // Only the renamed output remains: no temporary file beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["records.json"])
    }

    @Test func rejectsFileListsEachFailedDocumentWithItsReason() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data().write(to: directory.appendingPathComponent("empty.txt"))
        try Data([0x41, 0xFF, 0x0A]).write(to: directory.appendingPathComponent("latin.txt"))
        let elsewhere = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        let rejects = elsewhere.appendingPathComponent("rejects.jsonl")
        let result = try CLI.run(["--pipeline", "Pipelines/career.yaml", directory.path,
                                  "Fixtures/career/pages/patient-care-coordinator.txt", "--rejects", rejects.path, "-q",
                                  "--encoding", "utf-8"])
        #expect(result.status == 1)
        #expect(result.stdout.split(separator: "\n").count == 1)
        let lines = try String(contentsOf: rejects, encoding: .utf8).split(separator: "\n")
        let objects = try lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String]) }
        #expect(objects.map { $0["code"] } == ["input.empty", "input.not_utf8"])
        #expect(objects.first?["source"] == directory.path + "/empty.txt")
        #expect(objects.allSatisfy { !($0["message"] ?? "").isEmpty })
    }
}
