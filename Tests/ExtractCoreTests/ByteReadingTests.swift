import Foundation
import Testing
@testable import ExtractCore

/// Reading a descriptor straight into an array: kept bytes first, then what was read.
@Suite struct ByteReadingTests {
    /// A pipe holding `chunks`, written one by one, with the write end closed.
    private func pipe(_ chunks: [String]) throws -> Pipe {
        let pipe = Pipe()
        for chunk in chunks { try pipe.fileHandleForWriting.write(contentsOf: Data(chunk.utf8)) }
        try pipe.fileHandleForWriting.close()
        return pipe
    }

    @Test func keptBytesComeFirstThenTheBytesRead() throws {
        let source = try pipe(["world"])
        let kept: [UInt8] = Array("hello ".utf8)
        let read = ByteReading.read(source.fileHandleForReading.fileDescriptor, count: 64, keeping: kept[...], fill: true)
        #expect(read.error == 0)
        #expect(read.got == 5)
        #expect(String(decoding: read.bytes, as: UTF8.self) == "hello world")
    }

    @Test func fillReadsUntilTheCountOrTheEnd() throws {
        let source = try pipe(["abc", "def", "ghi"])
        let descriptor = source.fileHandleForReading.fileDescriptor
        let first = ByteReading.read(descriptor, count: 7, keeping: [], fill: true)
        #expect(String(decoding: first.bytes, as: UTF8.self) == "abcdefg")
        #expect(first.got == 7)
        let rest = ByteReading.read(descriptor, count: 7, keeping: first.bytes[5...], fill: true)
        #expect(String(decoding: rest.bytes, as: UTF8.self) == "fghi")
        #expect(rest.got == 2)
        let end = ByteReading.read(descriptor, count: 7, keeping: [], fill: true)
        #expect(end.got == 0 && end.bytes.isEmpty && end.error == 0)
    }

    @Test func aFailedReadReportsErrnoAndKeepsOnlyTheKeptBytes() throws {
        // read(2) on a directory fails with EISDIR.
        let descriptor = open(FileManager.default.temporaryDirectory.path, O_RDONLY)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        let read = ByteReading.read(descriptor, count: 16, keeping: Array("kept".utf8)[...], fill: false)
        #expect(read.error == EISDIR)
        #expect(read.got == 0)
        #expect(String(decoding: read.bytes, as: UTF8.self) == "kept")
    }
}
