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

    /// Listing pages, each several occupations: what a stage that splits pages is made for.
    static let listingPages: [String] = {
        let directory = root.appendingPathComponent("Fixtures/listing/pages")
        return ["healthcare-support.txt", "office-admin.txt"].compactMap {
            try? String(contentsOf: directory.appendingPathComponent($0), encoding: .utf8)
        }
    }()

    /// The pages a stage's example is run on: listing pages for a stage that splits pages (a
    /// career page has no blocks to cut), career pages for the others.
    static func pages(for kind: String) -> [String] {
        StageRegistry.builtIn.stage(kind: kind)?.splitsDocuments == true ? listingPages : pages
    }

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
        for page in Self.pages(for: kind) {
            let items = worker.processAll(Document(source: "page", bytes: Array(page.utf8)))
            #expect(!items.isEmpty)
            for item in items { #expect(item.rejection == nil) }
        }
    }

    @Test(arguments: kinds)
    func reusedWorkerLeaksNothingBetweenDocuments(kind: String) throws {
        let pipeline = try examplePipeline(kind)
        let pages = Self.pages(for: kind)
        let first = Document(source: "a", bytes: Array(pages[0].utf8))
        // A short page of the same kind: one block, for a stage that splits pages.
        let short = pages == Self.listingPages ? "### Another Title\nshort page\n" : "Another Title\nshort page\n"
        let second = Document(source: "b", bytes: Array(short.utf8))
        var fresh = pipeline.makeWorker()
        let alone = fresh.processAll(second)
        var reused = pipeline.makeWorker()
        _ = reused.processAll(first)
        let after = reused.processAll(second)
        #expect(after.map(\.record) == alone.map(\.record))
        #expect(after.map(\.text) == alone.map(\.text))
    }

    @Test(arguments: kinds)
    func separateWorkersGiveIdenticalResults(kind: String) throws {
        let pipeline = try examplePipeline(kind)
        let documents = Self.pages(for: kind).map { Document(source: "p", bytes: Array($0.utf8)) }
        var one = pipeline.makeWorker()
        let results = documents.map { one.processAll($0).map(\.record) }
        let parallel = ParallelResults(count: documents.count)
        DispatchQueue.concurrentPerform(iterations: documents.count) { index in
            var worker = pipeline.makeWorker()
            parallel.set(index, worker.processAll(documents[index]).map(\.record))
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

    /// The career pipeline with a lower match limit than its own: the time budget every hostile
    /// page must finish within, given as the number of steps PCRE2 may take per match.
    static func careerPipelineWithTightLimits() throws -> Pipeline {
        let file = root.appendingPathComponent("Pipelines/career.yaml")
        let yaml = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "match_limit: 1000000", with: "match_limit: 100000")
        #expect(yaml.contains("match_limit: 100000"))
        return try buildPipeline(yaml, file: "career.yaml", baseDirectory: root.appendingPathComponent("Pipelines").path)
    }

    /// What a page gives: a rejection's code, or the record's title and diagnostic codes.
    enum Outcome: Equatable {
        case rejected(String)
        case record(title: String?, diagnostics: Set<String>)
    }

    /// Pages a scraper leaves behind, each with what the career pipeline must make of it.
    static let hostile: [(name: String, bytes: [UInt8], expected: Outcome)] = [
        ("empty", [], .rejected("input.empty")),
        ("only blank lines", Array("\n\n \r\n\t\n".utf8), .rejected("input.empty")),
        ("binary", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00], .rejected("input.binary")),
        // UTF-8 with a bad byte is damaged UTF-8, not Windows-1252 (`--encoding auto`).
        ("invalid UTF-8", Array("Hé ".utf8) + [0xC3, 0x28, 0x0A], .rejected("input.not_utf8")),
        ("Windows-1252", Array("Caf".utf8) + [0xE9, 0x20, 0x96, 0x0A],
         .record(title: "Café –", diagnostics: ["input.decoded_cp1252", "segment.missing_section", "fields.not_found"])),
        ("UTF-16 text with a lone surrogate", [0xFF, 0xFE] + Array("T\0i\0t\0l\0e\0".utf8) + [0x00, 0xD8, 0x0A, 0x00],
         .record(title: "Title\u{FFFD}", diagnostics: ["input.unreadable_characters", "segment.missing_section", "fields.not_found"])),
        ("truncated UTF-8", Array("Caf".utf8) + [0xC3],
         .record(title: "Caf", diagnostics: ["input.cut_character", "segment.missing_section", "fields.not_found"])),
        ("one 2 MB line", Array(String(repeating: "Hospitals and clinics ", count: 100_000).utf8),
         .record(title: String(repeating: "Hospitals and clinics ", count: 100_000).trimmingCharacters(in: .whitespaces),
                 diagnostics: ["segment.missing_section", "fields.not_found"])),
        ("only headings", Array("Work Settings\nPrimary Duties\nCitations\nRelated Guides\n".utf8), .rejected("fields.required_missing")),
        // `â€â€¢`: the first pass repairs `â€¢` to `•`, which makes `â€•` (the mojibake of `―`) with
        // the `â€` before it; the page is cleaned again until nothing more is repaired.
        ("entity soup", Array("&amp;&#xFFFFFF;&#0;&nbsp&#55296;&bogus;â€â€¢Ã\u{FEFF}\u{200B}".utf8),
         .record(title: "&\u{FFFD}\u{FFFD}&nbsp\u{FFFD}&bogus;―Ã", diagnostics: ["segment.missing_section", "fields.not_found"])),
        ("100,000 bullets", Array(("Title\nWork Settings\n" + String(repeating: "- •x\n", count: 100_000)).utf8),
         .record(title: "Title", diagnostics: ["truncation.truncated", "segment.missing_section", "fields.not_found"])),
        ("HTML: only a doctype", Array("<!DOCTYPE html>".utf8), .rejected("fields.required_missing")),
        ("HTML: tag soup", Array("<html><body><main><p><b><i>Title</p></b><table><tr><td>x<li>y</table><ul><li>z</main><li>".utf8), .record(title: "Title", diagnostics: ["truncation.truncated", "segment.missing_section", "fields.not_found"])),
        ("HTML: nested 100,000 deep", Array(("<html><body><main>" + String(repeating: "<div><span>", count: 50_000) + "deep").utf8), .rejected("fields.required_missing")),
        ("HTML: 100,000 list items", Array(("<main><h1>T</h1><h2>Work Settings</h2><ul>" + String(repeating: "<li>x</li>", count: 100_000) + "</ul></main>").utf8),
         .record(title: "T", diagnostics: ["truncation.truncated", "segment.missing_section", "fields.not_found"])),
        ("HTML: entity soup", Array("<main><h1>&amp;&#xFFFFFF;&#0;&nbsp&#55296;&bogus;&#150;&#x9D;&</h1></main>".utf8),
         .record(title: "&\u{FFFD}\u{FFFD}&nbsp\u{FFFD}&bogus;–\u{9D}&", diagnostics: ["segment.missing_section", "fields.not_found"])),
        // The attribute is made of the heading's own letter, so the text search meets it a million times.
        ("HTML: a 1 MB attribute", Array(("<main title=\"" + String(repeating: "T", count: 1_000_000) + "\"><h1>T</h1></main>").utf8),
         .record(title: "T", diagnostics: ["segment.missing_section", "fields.not_found"])),
        // The odd last byte is half a code unit: U+FFFD, as Python's decoder reads it.
        ("HTML: UTF-16 of odd length", [0xFF, 0xFE] + Array("<\0h\0t\0m\0l\0>\0x".utf8),
         .record(title: "\u{FFFD}", diagnostics: ["html.unreadable_characters", "html.select_missing", "segment.missing_section",
                                                  "fields.not_found", "derive.unparsed"])),
        ("HTML: bogus charset and bad bytes", Array("<meta charset=\"\u{1F4A9}\"><main><h1>caf".utf8) + [0xE9, 0xFF, 0xC3],
         .record(title: "caféÿÃ", diagnostics: ["html.charset_guessed", "segment.missing_section", "fields.not_found"])),
        ("HTML: script never closed", Array("<html><head><script>var a = '<main><h1>T</h1>';".utf8), .rejected("fields.required_missing")),
    ]

    private static func outcome(_ page: ProcessedPage) -> Outcome {
        if let rejection = page.item.rejection { return .rejected(rejection.code) }
        let title: String? = if case .string(let text)? = page["title"] { text } else { nil }
        return .record(title: title, diagnostics: Set(page.diagnosticCodes))
    }

    @Test(arguments: hostile.map(\.name))
    func hostilePageEndsWithinThePatternLimitsAndGivesWhatItShould(name: String) throws {
        let hostile = try #require(Self.hostile.first { $0.name == name })
        let pipeline = try Self.careerPipelineWithTightLimits()
        var worker = pipeline.makeWorker()
        let page = ProcessedPage(pipeline: pipeline, item: worker.process(Document(source: name, bytes: hostile.bytes)))
        #expect(Self.outcome(page) == hostile.expected)
        if name.hasSuffix("100,000 bullets") || name.hasSuffix("100,000 list items") {
            // The last item has no full stop: the truncation stage drops it.
            guard case .list(let items)? = page["work_settings"] else {
                Issue.record("work_settings is not a list")
                return
            }
            #expect(items.count == 99_999)
        }
    }

    /// A pattern that backtracks exponentially on a run of `a`s with no match at its end.
    static let bait = "(?:a+)+$"
    static let baitPage = Array(("Title\n" + String(repeating: "a", count: 40) + "!\n").utf8)

    @Test(arguments: [
        ("fields", "- stage: fields\n    fields:\n      x: { pattern: '(?<value>\(bait))' }"),
        ("segment", "- stage: segment\n    sections:\n      x: '\(bait)'"),
        ("truncation", "- stage: truncation\n    complete: '\(bait)'"),
    ])
    func backtrackingBaitStopsAtTheMatchLimitWithADiagnostic(kind: String, stage: String) throws {
        let pipeline = try buildPipeline("limits: { match_limit: 10000 }\nstages:\n  \(stage)\n")
        var worker = pipeline.makeWorker()
        let item = worker.process(Document(source: "bait", bytes: Self.baitPage))
        #expect(item.rejection == nil)
        #expect(item.record.diagnostics.map(\.code).contains("\(kind).match_limit"))
        // The truncation stage cannot tell whether the page is whole: it keeps every line.
        if kind == "truncation" { #expect(item.text == Self.baitPage) }
    }

    @Test func aWorkerReusedAcrossTwoMatchingPagesGivesTheSecondWhatAFreshWorkerGives() throws {
        let pipeline = try PipelineBuilder(registry: .builtIn).build(file: Self.root.appendingPathComponent("Pipelines/career.yaml").path)
        let first = Document(source: "a", bytes: Array(Self.pages[0].utf8))
        let second = Document(source: "b", bytes: Array(Self.pages[1].utf8))
        var fresh = pipeline.makeWorker()
        let alone = fresh.process(second)
        var reused = pipeline.makeWorker()
        let firstItem = reused.process(first)
        let after = reused.process(second)
        // Both pages match: their records are full and differ, so a leak would show.
        #expect(firstItem.record.diagnostics.isEmpty && alone.record.diagnostics.isEmpty)
        #expect(firstItem.record != alone.record)
        #expect(after.record == alone.record)
        #expect(after.text == alone.text)
        #expect(after.sections == alone.sections)
    }
}

/// Results written by index from concurrent workers (each index once).
private final class ParallelResults: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [[Record]?]
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ records: [Record]) {
        lock.lock()
        values[index] = records
        lock.unlock()
    }
}
