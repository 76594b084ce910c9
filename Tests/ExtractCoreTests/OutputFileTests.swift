import ExtractCore
import Foundation
import Testing

@Suite struct OutputFileTests {
    /// A fresh directory for one test, removed by the caller.
    private func scratchDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "extract-output-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func largeOutputIsWrittenWholeAndInOrderWhileWritebackStartsAlongTheWay() throws {
        let directory = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let destination = directory + "/out.jsonl"
        // An existing destination is replaced, as when a run is repeated.
        try Data("old output\n".utf8).write(to: URL(fileURLWithPath: destination))

        let output = try OutputFile(path: destination)
        var expected: [UInt8] = []
        // Small writes (gathered in the buffer) and large ones (written as they are), well past
        // several writeback steps, each filled with a byte that tells where it belongs.
        var step = 0
        while expected.count < 3 * OutputFile.writebackStep + 12_345 {
            let size = step % 3 == 0 ? 300_000 + step : 700 + step % 50
            let bytes = [UInt8](repeating: UInt8(truncatingIfNeeded: step), count: size)
            try output.write(bytes)
            expected.append(contentsOf: bytes)
            step += 1
        }
        // Until committed, the destination keeps its old content.
        #expect(try Data(contentsOf: URL(fileURLWithPath: destination)) == Data("old output\n".utf8))
        try output.commit()

        let written = try Data(contentsOf: URL(fileURLWithPath: destination))
        #expect(written.count == expected.count)
        #expect(written == Data(expected))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory)
        #expect(leftovers == ["out.jsonl"])
    }
}
