import ExtractCore
import ExtractStages
import ExtractTestSupport
import Foundation
import Testing

/// What every registered stage must do, checked from the registry so a new stage is covered by
/// registering it: its documented example builds and runs; one worker reused for different
/// documents leaks nothing between them; separate workers give identical results; every span
/// lies inside the original page; hostile pages give diagnostics or rejections, never a crash
/// or a hang.
@Suite struct StageConformanceTests {
    static let root = repositoryRoot
    static let kinds = StageRegistry.builtIn.kinds

    static let pages: [String] = {
        let directory = root.appendingPathComponent("Fixtures/career/pages")
        return ["patient-care-coordinator.txt", "patient-care-coordinator.layout-b.txt"].compactMap {
            try? String(contentsOf: directory.appendingPathComponent($0), encoding: .utf8)
        }
    }()

    /// The stage's example as a whole pipeline file.
    private func examplePipeline(_ kind: String) throws -> Pipeline {
        let description = try #require(StageRegistry.builtIn.stage(kind: kind)?.description)
        let yaml = "stages:\n" + description.example.split(separator: "\n", omittingEmptySubsequences: false)
            .map { "  " + $0 }.joined(separator: "\n")
        return try buildPipeline(yaml, file: "\(kind)-example.yaml", baseDirectory: Self.root.appendingPathComponent("Pipelines").path)
    }

    @Test(arguments: kinds)
    func documentedExampleBuildsAndRuns(kind: String) throws {
        let pipeline = try examplePipeline(kind)
        #expect(!pipeline.stages.isEmpty)
        var worker = pipeline.makeWorker()
        for page in Self.pages {
            let item = worker.process(Document(source: "page", bytes: Array(page.utf8)))
            #expect(item.rejection == nil)
        }
    }

    @Test(arguments: kinds)
    func reusedWorkerLeaksNothingBetweenDocuments(kind: String) throws {
        let pipeline = try examplePipeline(kind)
        let first = Document(source: "a", bytes: Array(Self.pages[0].utf8))
        let second = Document(source: "b", bytes: Array("Another Title\nshort page\n".utf8))
        var fresh = pipeline.makeWorker()
        let alone = fresh.process(second)
        var reused = pipeline.makeWorker()
        _ = reused.process(first)
        let after = reused.process(second)
        #expect(after.record == alone.record)
        #expect(after.text == alone.text)
    }

    @Test(arguments: kinds)
    func separateWorkersGiveIdenticalResults(kind: String) throws {
        let pipeline = try examplePipeline(kind)
        let documents = Self.pages.map { Document(source: "p", bytes: Array($0.utf8)) }
        var one = pipeline.makeWorker()
        let results = documents.map { one.process($0).record }
        let parallel = ParallelResults(count: documents.count)
        DispatchQueue.concurrentPerform(iterations: documents.count) { index in
            var worker = pipeline.makeWorker()
            parallel.set(index, worker.process(documents[index]).record)
        }
        #expect(parallel.values == results)
    }

    @Test func everySpanOfTheCareerPipelineLiesInsideThePage() throws {
        let pipeline = try PipelineBuilder(registry: .builtIn).build(file: Self.root.appendingPathComponent("Pipelines/career.yaml").path)
        var worker = pipeline.makeWorker()
        for page in Self.pages {
            let item = worker.process(Document(source: "p", bytes: Array(page.utf8)))
            let count = item.document.bytes.count
            let spans = item.record.spans.compactMap { $0 } + item.record.itemSpans.compactMap { $0 }.flatMap { $0 }
                + item.record.diagnostics.compactMap(\.span)
            #expect(!spans.isEmpty)
            for span in spans { #expect(span.start >= 0 && span.start <= span.end && span.end <= count) }
        }
    }

    /// Pages a scraper leaves behind that must not crash or stall a run.
    static let hostile: [(String, [UInt8])] = [
        ("empty", []),
        ("only blank lines", Array("\n\n \r\n\t\n".utf8)),
        ("binary", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00]),
        ("invalid UTF-8", [0x48, 0x69, 0xC3, 0x28, 0x0A]),
        ("truncated UTF-8", Array("Caf".utf8) + [0xC3]),
        ("one 2 MB line", Array(String(repeating: "Hospitals and clinics ", count: 100_000).utf8)),
        ("backtracking bait", Array(("Patient Care Coordinator\n| Median Salary | " + String(repeating: "$1,", count: 20_000) + "\n").utf8)),
        ("100,000 bullets", Array(("Title\nWork Settings\n" + String(repeating: "- •x\n", count: 100_000)).utf8)),
        ("only headings", Array("Work Settings\nPrimary Duties\nCitations\nRelated Guides\n".utf8)),
        ("entity soup", Array("&amp;&#xFFFFFF;&#0;&nbsp&#55296;&bogus;â€â€¢Ã\u{FEFF}\u{200B}".utf8)),
        ("HTML: only a doctype", Array("<!DOCTYPE html>".utf8)),
        ("HTML: tag soup", Array("<html><body><main><p><b><i>Title</p></b><table><tr><td>x<li>y</table><ul><li>z</main><li>".utf8)),
        ("HTML: nested 100,000 deep", Array(("<html><body><main>" + String(repeating: "<div><span>", count: 50_000) + "deep").utf8)),
        ("HTML: 100,000 list items", Array(("<main><h1>T</h1><h2>Work Settings</h2><ul>" + String(repeating: "<li>x</li>", count: 100_000) + "</ul></main>").utf8)),
        ("HTML: entity soup", Array("<main><h1>&amp;&#xFFFFFF;&#0;&nbsp&#55296;&bogus;&#150;&#x9D;&</h1></main>".utf8)),
        ("HTML: a 1 MB attribute", Array(("<main title=\"" + String(repeating: "a", count: 1_000_000) + "\"><h1>T</h1></main>").utf8)),
        ("HTML: UTF-16 of odd length", [0xFF, 0xFE] + Array("<\0h\0t\0m\0l\0>\0x".utf8)),
        ("HTML: bogus charset and bad bytes", Array("<meta charset=\"\u{1F4A9}\"><main><h1>caf".utf8) + [0xE9, 0xFF, 0xC3]),
        ("HTML: script never closed", Array("<html><head><script>var a = '<main><h1>T</h1>';".utf8)),
    ]

    @Test(arguments: hostile.map(\.0))
    func hostilePageGivesDiagnosticsOrARejectionNeverACrash(name: String) throws {
        let bytes = try #require(Self.hostile.first { $0.0 == name }?.1)
        let pipeline = try PipelineBuilder(registry: .builtIn).build(file: Self.root.appendingPathComponent("Pipelines/career.yaml").path)
        var worker = pipeline.makeWorker()
        let item = worker.process(Document(source: name, bytes: bytes))
        #expect(item.rejection != nil || !item.record.diagnostics.isEmpty)
    }
}

/// Results written by index from concurrent workers (each index once).
private final class ParallelResults: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [Record?]
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ record: Record) {
        lock.lock()
        values[index] = record
        lock.unlock()
    }
}
