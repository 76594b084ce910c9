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
        #expect(result.stderr.contains("corpus.jsonl#2: line 2 of '\(file.path)' is not a JSON object [input.bad_json_line]"))
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

    @Test func aSymlinkLoopIsWalkedOnceAndReported() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let inner = directory.appendingPathComponent("a")
        try FileManager.default.createDirectory(at: inner, withIntermediateDirectories: false)
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("Fixtures/career/pages/patient-care-coordinator.txt"),
                                         to: inner.appendingPathComponent("page.txt"))
        try FileManager.default.createSymbolicLink(atPath: inner.appendingPathComponent("up").path, withDestinationPath: "..")
        try FileManager.default.createSymbolicLink(atPath: inner.appendingPathComponent("gone.txt").path, withDestinationPath: "/nonexistent/page.txt")
        let result = try CLI.run(["--pipeline", "Pipelines/career.yaml", directory.path])
        #expect(result.status == 1)
        #expect(result.stdout.split(separator: "\n").count == 1)
        #expect(result.stderr.contains("\(inner.path)/up: a link back to '\(directory.path)', which is being walked: not walked again [input.symlink_loop]"))
        #expect(result.stderr.contains("\(inner.path)/gone.txt: cannot read it: No such file or directory [input.unreadable]"))
        #expect(result.stderr.contains("3 documents → 1 record, 2 failed"))
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

    @Test func htmlAndTextPagesGiveTheSameOutputWithOneWorkerAndMany() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let html = CLI.root.appendingPathComponent("Fixtures/career-html/pages")
        let names = try FileManager.default.contentsOfDirectory(atPath: html.path).filter { $0.hasSuffix(".html") }.sorted()
        for index in 0..<60 {
            let name = names[index % names.count]
            let text = CLI.root.appendingPathComponent("Fixtures/career/pages/" + name.replacingOccurrences(of: ".html", with: ".txt"))
            let page = index % 3 == 0 ? text : html.appendingPathComponent(name)
            try FileManager.default.copyItem(at: page, to: directory.appendingPathComponent(String(format: "%03d-", index) + page.lastPathComponent))
        }
        let one = try CLI.run(["--pipeline", "Pipelines/career.yaml", directory.path, "--jobs", "1", "--with-spans"])
        let many = try CLI.run(["--pipeline", "Pipelines/career.yaml", directory.path, "--jobs", "4", "--with-spans"])
        #expect(one.status == 0 && many.status == 0, "\(one.stderr)")
        #expect(one.stdout.split(separator: "\n").count == 60)
        #expect(one.stdout == many.stdout)
    }

    // MARK: --max-document-bytes

    /// Sources of the records on standard output.
    private func sources(_ stdout: String) -> [String?] {
        stdout.split(separator: "\n").map {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["source"] as? String
        }
    }

    private func careerPage() throws -> String {
        try String(contentsOf: CLI.root.appendingPathComponent("Fixtures/career/pages/patient-care-coordinator.txt"), encoding: .utf8)
    }

    @Test func aJSONLinesLineOverTheLimitFailsAndTheLinesAfterItAreRead() throws {
        let page = try careerPage()
        func line(_ id: String, _ text: String) throws -> String {
            String(decoding: try JSONSerialization.data(withJSONObject: ["id": id, "text": text]), as: UTF8.self)
        }
        // A line over the limit inside one read, and one over several 1 MiB reads (skipped
        // without being kept), each followed by a line that fits.
        let limit = 3 * page.utf8.count
        let corpus = [
            try line("first", page),
            try line("long", String(repeating: page, count: 4)),
            try line("second", page),
            try line("huge", String(repeating: "x", count: 3 << 20)),
            try line("third", page),
        ].joined(separator: "\n") + "\n"
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("corpus.jsonl")
        try corpus.write(to: file, atomically: false, encoding: .utf8)
        for jobs in ["1", "2"] {
            let result = try CLI.run(["--pipeline", "Pipelines/career.yaml", file.path, "--max-document-bytes", String(limit), "--jobs", jobs])
            #expect(result.status == 1)
            #expect(sources(result.stdout) == ["first", "second", "third"])
            let hugeBytes = try line("huge", String(repeating: "x", count: 3 << 20)).utf8.count
            #expect(result.stderr.contains("\(file.path)#2: line 2 of '\(file.path)' is \(try line("long", String(repeating: page, count: 4)).utf8.count) bytes, over the limit of \(limit) [input.too_large]"))
            #expect(result.stderr.contains("\(file.path)#4: line 4 of '\(file.path)' is \(hugeBytes) bytes, over the limit of \(limit) [input.too_large]"))
        }
    }

    @Test func aLastJSONLinesLineOverTheLimitWithoutANewlineFails() throws {
        let page = try careerPage()
        let corpus = String(decoding: try JSONSerialization.data(withJSONObject: ["id": "ok", "text": page]), as: UTF8.self)
            + "\n" + String(decoding: try JSONSerialization.data(withJSONObject: ["id": "big", "text": String(repeating: "y", count: 2 << 20)]), as: UTF8.self)
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("corpus.jsonl")
        try corpus.write(to: file, atomically: false, encoding: .utf8)
        let result = try CLI.run(["--pipeline", "Pipelines/career.yaml", file.path, "--max-document-bytes", "100000"])
        #expect(result.status == 1)
        #expect(sources(result.stdout) == ["ok"])
        #expect(result.stderr.contains("\(file.path)#2: line 2 of '\(file.path)' is"))
        #expect(result.stderr.contains("over the limit of 100000 [input.too_large]"))
    }

    @Test func aFileOverTheLimitFailsAndTheOthersAreRead() throws {
        let page = try careerPage()
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try page.write(to: directory.appendingPathComponent("a.txt"), atomically: false, encoding: .utf8)
        try String(repeating: page, count: 3).write(to: directory.appendingPathComponent("b.txt"), atomically: false, encoding: .utf8)
        let limit = 2 * page.utf8.count
        let result = try CLI.run(["--pipeline", "Pipelines/career.yaml", directory.path, "--max-document-bytes", String(limit)])
        #expect(result.status == 1)
        #expect(sources(result.stdout) == [directory.path + "/a.txt"])
        #expect(result.stderr.contains("b.txt: the document is \(3 * page.utf8.count) bytes, over the limit of \(limit) [input.too_large]"))
    }

    @Test func theLimitMayBeAnyPositiveNumber() throws {
        let page = try Data(contentsOf: CLI.root.appendingPathComponent("Fixtures/career/pages/patient-care-coordinator.txt"))
        // Standard input is read in growing chunks up to the limit: the largest limit must not overflow.
        var large = Data()
        for _ in 0..<40 { large.append(page) }
        let result = try CLI.run(["--pipeline", "Pipelines/career.yaml", "-", "--max-document-bytes", String(Int.max), "-q"], stdin: large)
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").count == 1)
        for bad in ["0", "-5"] {
            let refused = try CLI.run(["--pipeline", "Pipelines/career.yaml", "-", "--max-document-bytes=\(bad)"], stdin: page)
            #expect(refused.status == 2)
            #expect(refused.stderr.contains("--max-document-bytes must be at least 1"))
        }
    }

    @Test func aSymlinkToAFileOverTheLimitFails() throws {
        let page = try careerPage()
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("big.txt")
        try String(repeating: page, count: 3).write(to: target, atomically: false, encoding: .utf8)
        let link = directory.appendingPathComponent("link.txt")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        let limit = 2 * page.utf8.count
        let result = try CLI.run(["--pipeline", "Pipelines/career.yaml", link.path, "--max-document-bytes", String(limit)])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("link.txt: the document is \(3 * page.utf8.count) bytes, over the limit of \(limit) [input.too_large]"))
    }

    @Test func standardInputOverTheLimitFailsWithoutBeingReadWhole() throws {
        let page = try careerPage()
        let result = try CLI.run(["--pipeline", "Pipelines/career.yaml", "-", "--max-document-bytes", "1000"], stdin: Data(page.utf8))
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("-: standard input holds more than the limit of 1000 bytes [input.too_large]"))
        let fits = try CLI.run(["--pipeline", "Pipelines/career.yaml", "-", "--max-document-bytes", String(page.utf8.count)], stdin: Data(page.utf8))
        #expect(fits.status == 0)
        #expect(sources(fits.stdout) == ["-"])
    }
}
