import ExtractTestSupport
import Foundation
import Testing

/// The `exec` stage through the `extract` binary: stderr forwarded with each document's source,
/// failures in the rejects file and the exit status, the same output whatever `--jobs`.
@Suite("exec stage from the command line")
struct ExecStageCLITests {
    static let plugins = CLI.root.appendingPathComponent("Fixtures/exec").path

    /// A folder holding `pipeline.yaml` (the stage running `plugin` from Fixtures/exec, plus
    /// `extra` lines) and `pages.jsonl` with one page per text, ids `p0`, `p1`, ….
    static func workspace(plugin: String, provides: String, extra: String = "", pages: [String]) throws -> URL {
        let folder = try CLI.temporaryDirectory()
        try """
        stages:
          - stage: exec
            command: \(plugins)/\(plugin)
            provides: \(provides)
        \(extra)
        """.write(to: folder.appendingPathComponent("pipeline.yaml"), atomically: true, encoding: .utf8)
        let lines = try pages.enumerated().map { index, text in
            String(decoding: try JSONSerialization.data(withJSONObject: ["id": "p\(index)", "text": text]), as: UTF8.self)
        }
        try (lines.joined(separator: "\n") + "\n").write(to: folder.appendingPathComponent("pages.jsonl"), atomically: true, encoding: .utf8)
        return folder
    }

    /// Runs the workspace's pipeline over its pages with `jobs` workers, writing rejects beside them.
    static func run(_ folder: URL, jobs: Int, format: String = "jsonl") throws -> (result: CLIResult, rejects: String) {
        let rejects = folder.appendingPathComponent("rejects-\(jobs).jsonl")
        let result = try CLI.run(["-p", folder.appendingPathComponent("pipeline.yaml").path, folder.appendingPathComponent("pages.jsonl").path,
                                  "--jobs", String(jobs), "--format", format, "--rejects", rejects.path])
        return (result, (try? String(contentsOf: rejects, encoding: .utf8)) ?? "")
    }

    @Test func stderrIsForwardedLineByLineWithTheDocumentsSource() throws {
        let folder = try Self.workspace(plugin: "chatty.py", provides: "{ text_bytes: scalar }", pages: ["Alpha\n", "Beta page\n", "HALVES\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let (result, _) = try Self.run(folder, jobs: 1)
        #expect(result.status == 0)
        #expect(result.stdout == "{\"text_bytes\":6,\"diagnostics\":[]}\n{\"text_bytes\":10,\"diagnostics\":[]}\n{\"text_bytes\":7,\"diagnostics\":[]}\n")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.contains("exec[p0]: read 6 bytes"))
        #expect(lines.contains("exec[p1]: read 10 bytes"))
        // A line written in two halves is forwarded as one.
        #expect(lines.contains("exec[p2]: first half, second half"))
    }

    @Test func aFloodOfStderrFromTwoWorkersNeitherBlocksNorMixesLines() throws {
        let pages = ["FLOOD one\n", "FLOOD two\n", "quiet\n", "FLOOD three\n"]
        let folder = try Self.workspace(plugin: "chatty.py", provides: "{ text_bytes: scalar }", pages: pages)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (result, _) = try Self.run(folder, jobs: 2)
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").count == 4)
        let flood = result.stderr.split(separator: "\n").filter { $0.contains("flood line") }
        #expect(flood.count == 3 * 20_000)
        let whole = try Regex(#"^exec\[p[013]\]: flood line \d+ x{40}$"#)
        #expect(flood.allSatisfy { $0.wholeMatch(of: whole) != nil })
    }

    @Test func theOutputAndTheRejectsAreTheSameWithOneWorkerOrThree() throws {
        let pages = (0..<40).map { index in
            "Page \(index)\nPrimary Duties\n" + String(repeating: "- duty \(index)\n", count: index % 5)
                + (index % 7 == 3 ? "REJECT ME\n" : "")
        }
        let folder = try Self.workspace(
            plugin: "fields.py", provides: "{ words: scalar, pid: scalar, keywords: list, duty_count: scalar }",
            extra: "record: [words, keywords, duty_count]", pages: pages)
        defer { try? FileManager.default.removeItem(at: folder) }
        let one = try Self.run(folder, jobs: 1)
        let three = try Self.run(folder, jobs: 3)
        #expect(one.result.status == 1)
        #expect(three.result.status == 1)
        #expect(one.result.stdout.split(separator: "\n").count == 34)
        #expect(three.result.stdout == one.result.stdout)
        #expect(three.rejects == one.rejects)
        #expect(one.rejects.split(separator: "\n").count == 6)
        #expect(one.rejects.hasPrefix(#"{"source":"p3","code":"exec.rejected","message":"the page asked to be rejected"}"#))
    }

    @Test func crashesRejectTheirDocumentsAloneWithAnyNumberOfWorkers() throws {
        let pages = (0..<12).map { $0 % 4 == 1 ? "CRASH \($0)\n" : "Page \($0)\n" }
        let folder = try Self.workspace(plugin: "crash.py", provides: "{ pid: scalar }", extra: "record: []", pages: pages)
        defer { try? FileManager.default.removeItem(at: folder) }
        let one = try Self.run(folder, jobs: 1, format: "csv")
        let two = try Self.run(folder, jobs: 2, format: "csv")
        #expect(one.result.status == 1)
        #expect(two.result.stdout == one.result.stdout)
        #expect(two.rejects == one.rejects)
        let rejected = one.rejects.split(separator: "\n")
        #expect(rejected.count == 3)
        #expect(rejected.first == #"{"source":"p1","code":"exec.crashed","message":"'\#(Self.plugins)/crash.py' exited with status 3 before answering"}"#)
        #expect(one.result.stderr.contains("exec[p1]: crash.py: giving up on this page\n"))
        #expect(one.result.stderr.contains("extract: p1: '\(Self.plugins)/crash.py' exited with status 3 before answering [exec.crashed]"))
    }

    @Test func validateReportsAMissingProgramAtItsPlace() throws {
        let folder = try Self.workspace(plugin: "missing.py", provides: "{ words: scalar }", pages: [])
        defer { try? FileManager.default.removeItem(at: folder) }
        let pipeline = folder.appendingPathComponent("pipeline.yaml").path
        let result = try CLI.run(["validate", pipeline])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(pipeline):3:14: error: command '\(Self.plugins)/missing.py' does not exist"))
    }

    @Test func stagesExecDescribesTheStage() throws {
        let result = try CLI.run(["stages", "exec"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("exec: Runs a program in any language over each document"))
        for option in ["command", "args", "provides", "timeout", "start_timeout", "env", "working_directory"] {
            #expect(result.stdout.contains("    \(option) ("))
        }
    }
}
