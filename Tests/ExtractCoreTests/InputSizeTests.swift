import ExtractTestSupport
import Foundation
import Testing
@testable import ExtractCore

/// The size of a run's input measured up front, and the bytes counted while it is read: progress
/// is the one over the other, so reading everything must count exactly the measured size.
@Suite struct InputSizeTests {
    /// Reads every entry of `paths` (loading each, as the runner does) with a meter; returns its count.
    func bytesCounted(reading paths: [String], shard: Shard? = nil) -> Int {
        var settings = PathSource.Settings()
        let meter = ReadMeter()
        settings.meter = meter
        var source = ShardedSource(PathSource(paths: paths, settings: settings), shard: shard ?? Shard(index: 0, count: 1)!)
        while let entry = source.nextPending() { _ = entry.load() }
        return meter.bytesRead
    }

    @Test func aDirectoryMeasuresAsItIsWalkedHiddenNamesAndLoopsLeftOut() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("a.txt", "12345")
        try directory.write(".hidden.txt", "not read")
        try FileManager.default.createDirectory(atPath: directory.path + "/sub", withIntermediateDirectories: false)
        try directory.write("sub/b.txt", "1234567890")
        try FileManager.default.createSymbolicLink(atPath: directory.path + "/sub/loop", withDestinationPath: directory.path)
        #expect(InputSize.total(of: [directory.path]) == 15)
        #expect(bytesCounted(reading: [directory.path]) == 15)
        // Walked from `sub`, the link leads to a directory that is not being walked: its a.txt is
        // read (again), as the run reads it.
        let separately = [directory.path + "/a.txt", directory.path + "/sub"]
        #expect(InputSize.total(of: separately) == 20)
        #expect(bytesCounted(reading: separately) == 20)
    }

    @Test func standardInputHasNoSizeUpFront() {
        #expect(InputSize.total(of: ["-"]) == nil)
        #expect(InputSize.total(of: ["/dev/null"]) == nil)  // a device, read as a stream
    }

    @Test func containersCountTheirFileBytesAsTheyAreRead() throws {
        let warc = ["Fixtures/warc/crawl.warc.gz", "Fixtures/warc/truncated.warc", "Fixtures/warc/corrupt-member.warc.gz"]
            .map { repositoryRoot.appendingPathComponent($0).path }
        #expect(bytesCounted(reading: warc) == InputSize.total(of: warc))
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let lines = try directory.write("pages.jsonl", "{\"id\": \"1\", \"text\": \"one\"}\n\n{\"id\": \"2\", \"text\": \"two\"}\n")
        #expect(bytesCounted(reading: [lines]) == InputSize.total(of: [lines]))
        #expect(InputSize.total(of: [lines]) == 55)
    }

    @Test func pagesOfOtherShardsCountAsPassedOver() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        for name in ["a", "b", "c", "d", "e"] { try directory.write("\(name).txt", "page \(name)") }
        #expect(bytesCounted(reading: [directory.path], shard: Shard(index: 1, count: 3)) == 30)
    }
}
