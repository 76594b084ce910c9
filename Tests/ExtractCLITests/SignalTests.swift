import Foundation
import Testing

/// Ctrl-C and SIGTERM (what `timeout`, systemd and job schedulers send) stop a run the same
/// way: the summary is printed, no output is left behind, and the exit status names the signal.
@Suite(.serialized) struct SignalTests {
    /// A corpus large enough that a debug build is still reading it when the signal comes.
    private func largeCorpus(in directory: URL) throws -> URL {
        let page = try String(contentsOf: CLI.root.appendingPathComponent("Fixtures/career/pages/patient-care-coordinator.txt"), encoding: .utf8)
        let line = String(decoding: try JSONSerialization.data(withJSONObject: ["text": page]), as: UTF8.self) + "\n"
        let corpus = directory.appendingPathComponent("corpus.jsonl")
        try Data(String(repeating: line, count: 20_000).utf8).write(to: corpus)
        return corpus
    }

    private func interrupted(by signalNumber: Int32) throws -> (status: Int32, stderr: String, left: [String], output: Data) {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let corpus = try largeCorpus(in: directory)
        let output = directory.appendingPathComponent("out.jsonl")
        let earlier = Data("{\"earlier\":true}\n".utf8)
        try earlier.write(to: output)
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["-p", CLI.root.appendingPathComponent("Pipelines/career.yaml").path, corpus.path, "-o", output.path, "--jobs", "1"]
        let stderr = Pipe()
        process.standardError = stderr
        try process.run()
        // Wait until the run has begun writing its temporary output, then signal it.
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, try FileManager.default.contentsOfDirectory(atPath: directory.path).count < 3 { usleep(20_000) }
        kill(process.processIdentifier, signalNumber)
        let message = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, message, try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted(),
                try Data(contentsOf: output))
    }

    @Test(arguments: [(SIGINT, Int32(130)), (SIGTERM, Int32(143))])
    func aSignalStopsTheRunWithASummaryAndLeavesTheEarlierOutputAsItWas(signalNumber: Int32, status: Int32) throws {
        let result = try interrupted(by: signalNumber)
        #expect(result.status == status)
        #expect(result.stderr.contains("interrupted, no output written"))
        #expect(result.left == ["corpus.jsonl", "out.jsonl"])
        #expect(result.output == Data("{\"earlier\":true}\n".utf8))
    }
}
