import Foundation
import Testing

/// `--encoding auto|utf-8|cp1252` and UTF-16 pages, run through the built `extract` as a user would.
@Suite struct EncodingOptionTests {
    /// A bundled page written in Windows-1252 (its only character beyond ASCII, `•`, is 0x95
    /// there) into a fresh directory, by Foundation's encoder.
    private func windows1252Page() throws -> (directory: URL, page: URL) {
        let directory = try CLI.temporaryDirectory()
        let text = try String(contentsOf: CLI.root.appendingPathComponent("Fixtures/career/pages/a-sections-missing.txt"), encoding: .utf8)
        let page = directory.appendingPathComponent("a-sections-missing.txt")
        try #require(text.data(using: .windowsCP1252)).write(to: page)
        return (directory, page)
    }

    private func records(_ stdout: String) throws -> [[String: Any]] {
        try stdout.split(separator: "\n").map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
    }

    private func diagnosticCodes(_ record: [String: Any]) -> [String] {
        (record["diagnostics"] as? [[String: Any]])?.compactMap { $0["code"] as? String } ?? []
    }

    @Test func autoReadsAWindows1252PageIntoTheHandWrittenRecordWithADiagnostic() throws {
        let (directory, page) = try windows1252Page()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CLI.run(["-p", "Pipelines/career.yaml", page.path])
        #expect(result.status == 0, "\(result.stderr)")
        var record = try #require(try records(result.stdout).first)
        #expect(diagnosticCodes(record) == ["input.decoded_cp1252", "segment.missing_section", "segment.missing_section"])
        #expect(result.stderr.contains("input.decoded_cp1252"))
        var expected = try expectedRecord("a-sections-missing")
        record.removeValue(forKey: "source")
        record.removeValue(forKey: "diagnostics")
        expected.removeValue(forKey: "diagnostics")
        #expect(jsonEqual(record, expected))
    }

    @Test func cp1252ReadsThePageTooAndUTF8RejectsIt() throws {
        let (directory, page) = try windows1252Page()
        defer { try? FileManager.default.removeItem(at: directory) }
        let forced = try CLI.run(["-p", "Pipelines/career.yaml", page.path, "--encoding", "cp1252"])
        #expect(forced.status == 0)
        #expect(try records(forced.stdout).first?["title"] as? String == "Dental Assistant")

        let elsewhere = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        let rejects = elsewhere.appendingPathComponent("rejects.jsonl")
        let strict = try CLI.run(["-p", "Pipelines/job-profile.yaml", page.path, "--encoding", "utf-8", "--rejects", rejects.path])
        #expect(strict.status == 1)
        #expect(strict.stdout.isEmpty)
        #expect(strict.stderr.contains("a-sections-missing.txt: the document is not valid UTF-8 (invalid byte at offset "))
        #expect(strict.stderr.contains("[input.not_utf8]"))
        let rejected = try records(try String(contentsOf: rejects, encoding: .utf8))
        #expect(rejected.map { $0["code"] as? String } == ["input.not_utf8"])
    }

    @Test func autoRejectsAPageInAnotherAlphabetAndSaysWhy() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let page = directory.appendingPathComponent("ru.txt")
        // "Медсестра\nЗарплата 50 000" in Windows-1251, by Foundation's encoder.
        try #require("Медсестра\nЗарплата 50 000\n".data(using: .windowsCP1251)).write(to: page)
        let result = try CLI.run(["-p", "Pipelines/career.yaml", page.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("nor read as Windows-1252"))
        #expect(result.stderr.contains("runs of three or more"))
        #expect(result.stderr.contains("[input.not_utf8]"))
        let forced = try CLI.run(["-p", "Pipelines/career.yaml", page.path, "--encoding", "cp1252"])
        #expect(forced.status == 0)
    }

    @Test func aUTF16PageGivesTheHandWrittenRecordAndSpansIntoItsOwnBytes() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = try String(contentsOf: CLI.root.appendingPathComponent("Fixtures/career/pages/b-registered-nurse.txt"), encoding: .utf8)
        for (name, mark, encoding) in [("le.txt", Data([0xFF, 0xFE]), String.Encoding.utf16LittleEndian),
                                       ("be.txt", Data([0xFE, 0xFF]), String.Encoding.utf16BigEndian)] {
            let page = directory.appendingPathComponent(name)
            let bytes = try mark + #require(text.data(using: encoding))
            try bytes.write(to: page)
            for mode in ["auto", "utf-8", "cp1252"] {
                let result = try CLI.run(["-p", "Pipelines/career.yaml", page.path, "--with-spans", "--encoding", mode])
                #expect(result.status == 0, "\(name) \(mode): \(result.stderr)")
                var record = try #require(try records(result.stdout).first)
                let spans = try #require(record.removeValue(forKey: "_spans") as? [String: Any])
                record.removeValue(forKey: "source")
                #expect(jsonEqual(record, try expectedRecord("b-registered-nurse")), "\(name) \(mode)")
                // The title's span covers its UTF-16 bytes, after the byte order mark.
                let title = try #require(spans["title"] as? [Int])
                #expect(title[0] == 2)
                #expect(String(data: bytes[title[0]..<title[1]], encoding: encoding) == "Registered Nurse")
            }
        }
    }

    @Test func standardInputAndWARCResourceRecordsAreDecodedToo() throws {
        let text = "Registered Nurse\nCaf\u{E9} \u{2013} wards\n"
        let utf16 = try Data([0xFE, 0xFF]) + #require(text.data(using: .utf16BigEndian))
        let fromStandardInput = try CLI.run(["-p", "Pipelines/career.yaml", "-"], stdin: utf16)
        #expect(try records(fromStandardInput.stdout).first?["title"] as? String == "Registered Nurse")

        // Two resource records, written by hand: UTF-16LE with its mark, and Windows-1252.
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let pages = [("file:///utf16.txt", try Data([0xFF, 0xFE]) + #require(text.data(using: .utf16LittleEndian))),
                     ("file:///cp1252.txt", try #require(text.data(using: .windowsCP1252)))]
        var archive = Data()
        for (uri, block) in pages {
            archive += Data("WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: \(uri)\r\nContent-Type: text/plain\r\nContent-Length: \(block.count)\r\n\r\n".utf8)
            archive += block + Data("\r\n\r\n".utf8)
        }
        let file = directory.appendingPathComponent("pages.warc")
        try archive.write(to: file)
        let result = try CLI.run(["-p", "Pipelines/career.yaml", file.path])
        #expect(result.status == 0, "\(result.stderr)")
        let read = try records(result.stdout)
        #expect(read.map { $0["source"] as? String } == ["file:///utf16.txt", "file:///cp1252.txt"])
        #expect(read.map { $0["title"] as? String } == ["Registered Nurse", "Registered Nurse"])
        #expect(!diagnosticCodes(read[0]).contains("input.decoded_cp1252"))
        #expect(diagnosticCodes(read[1]).first == "input.decoded_cp1252")
    }

    @Test func validUTF8PagesGiveTheSameBytesInEveryMode() throws {
        let runs = try ["auto", "utf-8", "cp1252"].map { mode in
            try CLI.run(["-p", "Pipelines/career.yaml", "Fixtures/career/pages", "Fixtures/career-html/pages", "--with-spans", "-q", "--encoding", mode])
        }
        #expect(runs.allSatisfy { $0.status == 0 })
        #expect(!runs[0].stdout.contains("input.decoded_cp1252"))
        #expect(runs[1].stdout == runs[0].stdout)
        #expect(runs[2].stdout == runs[0].stdout)
    }

    @Test func anUnknownEncodingIsAUsageError() throws {
        let result = try CLI.run(["-p", "Pipelines/career.yaml", "Fixtures/career/pages", "--encoding", "latin9"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--encoding must be one of: auto, utf-8, cp1252"))
        #expect(result.stdout.isEmpty)
        let eval = try CLI.run(["eval", "-p", "Pipelines/career.yaml", "--expected", "Fixtures/career/expected", "Fixtures/career/pages",
                                "--encoding", "utf8"])
        #expect(eval.status == 2)
        #expect(eval.stderr.contains("--encoding must be one of: auto, utf-8, cp1252"))
    }

    @Test func evalTakesTheOptionAndTheFixturesStayExact() throws {
        for mode in ["auto", "utf-8", "cp1252"] {
            let result = try CLI.run(["eval", "-p", "Pipelines/career.yaml", "--expected", "Fixtures/career/expected", "Fixtures/career/pages",
                                      "--min-accuracy", "1", "--encoding", mode])
            #expect(result.status == 0, "\(mode): \(result.stdout)\(result.stderr)")
            #expect(result.stdout.contains("(accuracy 1.0000)"))
        }
    }

    @Test func helpDescribesTheOption() throws {
        let help = try CLI.run(["run", "--help"])
        #expect(help.stdout.contains("--encoding <auto|utf-8|cp1252>"))
        #expect(help.stdout.contains("input.decoded_cp1252"))
        #expect(try CLI.run(["eval", "--help"]).stdout.contains("--encoding <auto|utf-8|cp1252>"))
    }
}
