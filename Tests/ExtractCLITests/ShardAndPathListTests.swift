import Foundation
import Testing

/// `--shard i/n` and `--paths-from`: what lets n processes (Spark tasks, machines) share a corpus
/// with no coordination.
@Suite struct ShardAndPathListTests {
    private func sources(_ stdout: String) -> [String] {
        stdout.split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["source"] as? String
        }
    }

    @Test func shardsAreDisjointAndTogetherGiveEveryRecordOfTheWholeRun() throws {
        let whole = try CLI.run(["-p", "Pipelines/career.yaml", "Fixtures/career/pages", "-q"])
        let all = sources(whole.stdout)
        #expect(all.count > 20)
        var seen: [String] = []
        for index in 0..<3 {
            let part = try CLI.run(["-p", "Pipelines/career.yaml", "Fixtures/career/pages", "--shard", "\(index)/3", "-q"])
            #expect(part.status == 0)
            let got = sources(part.stdout)
            // Every third document of the input order, starting at the index-th.
            #expect(got == stride(from: index, to: all.count, by: 3).map { all[$0] })
            seen += got
        }
        #expect(Set(seen) == Set(all) && seen.count == all.count)
    }

    @Test func aShardWithNoDocumentOfItsOwnIsNotAnError() throws {
        let result = try CLI.run(["-p", "Pipelines/career.yaml", "Fixtures/career/pages/patient-care-coordinator.txt", "--shard", "1/2"])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("0 documents → 0 records"))
    }

    @Test func aShardWithNoDocumentReplacesAStaleOutputWithAnEmptyOne() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("part-1.jsonl")
        try Data("{\"stale\":true}\n".utf8).write(to: output)
        let result = try CLI.run(["-p", "Pipelines/career.yaml", "Fixtures/career/pages/patient-care-coordinator.txt",
                                  "--shard", "1/2", "-o", output.path])
        #expect(result.status == 0)
        // Nothing failed: the run's own (empty) output is written, so no stale records are merged later.
        #expect(try Data(contentsOf: output).isEmpty)
    }

    @Test func malformedShardsAreUsageErrors() throws {
        for shard in ["2/2", "-1/2", "1", "a/b", "0/0"] {
            let result = try CLI.run(["-p", "Pipelines/career.yaml", "Fixtures/career/pages", "--shard=\(shard)"])
            #expect(result.status == 2, "\(shard)")
            #expect(result.stderr.contains("--shard must be i/n"))
        }
    }

    @Test func pathsFromStandardInputAreReadLikeArguments() throws {
        let list = "Fixtures/career/pages/patient-care-coordinator.txt\n\nFixtures/career/pages/patient-care-coordinator.layout-b.txt\n"
        let result = try CLI.run(["-p", "Pipelines/career.yaml", "--paths-from", "-"], stdin: Data(list.utf8))
        #expect(result.status == 0)
        #expect(sources(result.stdout) == ["Fixtures/career/pages/patient-care-coordinator.txt",
                                           "Fixtures/career/pages/patient-care-coordinator.layout-b.txt"])
    }

    @Test func pathsFromAFileAddToTheArgumentsAndAMissingOneIsAUsageError() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let list = directory.appendingPathComponent("paths.txt")
        try "Fixtures/career/pages/patient-care-coordinator.layout-b.txt\n".write(to: list, atomically: false, encoding: .utf8)
        let result = try CLI.run(["-p", "Pipelines/career.yaml", "Fixtures/career/pages/patient-care-coordinator.txt", "--paths-from", list.path])
        #expect(sources(result.stdout).count == 2)
        try "Fixtures/career/pages/nope.txt\n".write(to: list, atomically: false, encoding: .utf8)
        let missing = try CLI.run(["-p", "Pipelines/career.yaml", "--paths-from", list.path])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("input 'Fixtures/career/pages/nope.txt' does not exist"))
        let noList = try CLI.run(["-p", "Pipelines/career.yaml", "--paths-from", directory.appendingPathComponent("none.txt").path])
        #expect(noList.status == 2)
        #expect(noList.stderr.contains("cannot read the list of paths"))
    }

    @Test func noPathsAtAllIsAUsageError() throws {
        let result = try CLI.run(["-p", "Pipelines/career.yaml"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--paths-from"))
    }
}
