import Foundation
import Testing

/// Inputs: standard input, JSON Lines corpora, directories walked in sorted order.
@Suite struct InputTests {
    @Test func standardInputIsOneDocumentNamedDash() throws {
        let page = try Data(contentsOf: CLI.root.appendingPathComponent("Fixtures/career/pages/patient-care-coordinator.txt"))
        let result = try CLI.run(["--pipeline", "Pipelines/career.yaml", "-"], stdin: page)
        #expect(result.status == 0)
        let record = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(record?["source"] as? String == "-")
        #expect(record?["id"] as? String == "patient-care-coordinator")
    }

    @Test func aJSONLinesFileOfSeveralMebibytesGivesOneRecordPerLine() throws {
        // Lines cross the reader's 1 MiB reads many times over.
        let page = try String(contentsOf: CLI.root.appendingPathComponent("Fixtures/career/pages/patient-care-coordinator.txt"), encoding: .utf8)
        let count = 3 * (1 << 20) / page.utf8.count + 7
        var corpus = ""
        for n in 0..<count {
            corpus += String(decoding: try JSONSerialization.data(withJSONObject: ["id": "p\(n)", "text": page]), as: UTF8.self) + "\n"
        }
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("corpus.jsonl")
        try corpus.write(to: file, atomically: false, encoding: .utf8)
        let result = try CLI.run(["--pipeline", "Pipelines/career.yaml", file.path, "-q"])
        #expect(result.status == 0, "\(result.stderr)")
        let sources = result.stdout.split(separator: "\n").map {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["source"] as? String
        }
        #expect(sources == (0..<count).map { "p\($0)" })
    }

    @Test func aReadErrorOnJSONLinesInputIsAFailureNotASilentEnd() throws {
        // Standard input opened on a directory: read(2) fails with EISDIR.
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let handle = try #require(FileHandle(forReadingAtPath: directory.path))
        let result = try CLI.run(["--pipeline", "Pipelines/career.yaml", "--input-format", "jsonl", "-"], stdinFile: handle)
        #expect(result.status == 1)
        #expect(result.stderr.contains("input.unreadable"))
        #expect(result.stderr.contains("reading stopped after line 0"))
    }

    @Test func jsonLinesCorpusUsesIdsAndReportsBadLines() throws {
        let page = try String(contentsOf: CLI.root.appendingPathComponent("Fixtures/career/pages/patient-care-coordinator.txt"), encoding: .utf8)
        func line(_ object: [String: Any]) throws -> String {
            String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        }
        let corpus = [
            try line(["page_id": "pcc-1", "body": page]),
            "not json",
            try line(["body": page]),
        ].joined(separator: "\n") + "\n"
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("corpus.jsonl")
        try corpus.write(to: file, atomically: false, encoding: .utf8)
        let result = try CLI.run(["--pipeline", "Pipelines/career.yaml", file.path, "--id-field", "page_id", "--text-field", "body"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("corpus.jsonl#2: line 2 is not a JSON object [input.bad_json_line]"))
        let sources = result.stdout.split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["source"] as? String
        }
        #expect(sources == ["pcc-1", file.path + "#3"])
    }

    @Test func directoriesAreWalkedRecursivelyInSortedOrder() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let page = try String(contentsOf: CLI.root.appendingPathComponent("Fixtures/career/pages/patient-care-coordinator.txt"), encoding: .utf8)
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("b"), withIntermediateDirectories: true)
        for name in ["c.txt", "a.txt", "b/z.txt", "b/a.txt"] {
            try page.write(to: directory.appendingPathComponent(name), atomically: false, encoding: .utf8)
        }
        let result = try CLI.run(["--pipeline", "Pipelines/career.yaml", directory.path, "--jobs", "2"])
        #expect(result.status == 0)
        let sources = result.stdout.split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["source"] as? String
        }
        #expect(sources == ["a.txt", "b/a.txt", "b/z.txt", "c.txt"].map { directory.path + "/" + $0 })
    }

    @Test func outputIsIdenticalWithOneWorkerAndMany() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let pages = CLI.root.appendingPathComponent("Fixtures/career/pages")
        for index in 0..<150 {
            let name = index % 2 == 0 ? "patient-care-coordinator.txt" : "patient-care-coordinator.layout-b.txt"
            try FileManager.default.copyItem(at: pages.appendingPathComponent(name),
                                             to: directory.appendingPathComponent(String(format: "%03d.txt", index)))
        }
        let one = try CLI.run(["--pipeline", "Pipelines/career.yaml", directory.path, "--jobs", "1", "--format", "csv"])
        let many = try CLI.run(["--pipeline", "Pipelines/career.yaml", directory.path, "--jobs", "4", "--format", "csv"])
        #expect(one.status == 0 && many.status == 0)
        #expect(one.stdout.split(separator: "\r\n").count == 151)
        #expect(one.stdout == many.stdout)
    }
}
