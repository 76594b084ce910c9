import ExtractConformance
import ExtractCore
import ExtractStages
import ExtractTestSupport
import Foundation
import Testing

/// What every registered stage must do, checked from the registry so a new stage is covered by
/// registering it: it passes the stage kit plugin stages run (its documented example builds and
/// runs; one worker reused for different documents leaks nothing between them; separate workers
/// give identical results; every span lies inside the original page; hostile pages end within
/// tight pattern limits). Then the career pipeline as a whole: its spans, and what each hostile
/// page must give.
@Suite struct StageConformanceTests {
    static let root = repositoryRoot
    static let kinds = StageRegistry.builtIn.kinds

    static let pages: [String] = {
        let directory = root.appendingPathComponent("Fixtures/career/pages")
        return ["patient-care-coordinator.txt", "patient-care-coordinator.layout-b.txt"].compactMap {
            try? String(contentsOf: directory.appendingPathComponent($0), encoding: .utf8)
        }
    }()

    /// The career pages and an HTML one, as documents.
    static let documents: [Document] = pages.enumerated().map { Document(source: "career-\($0.offset)", bytes: Array($0.element.utf8)) }
        + fixturePages(in: "Fixtures/career-html/pages", ending: ".html").prefix(1).map { Document(source: "html", bytes: $0) }

    /// Listing pages, each several occupations: what a stage that splits pages is made for (a
    /// career page has no blocks to cut).
    static let listingDocuments: [Document] = fixturePages(in: "Fixtures/listing/pages", ending: ".txt").enumerated()
        .map { Document(source: "listing-\($0.offset)", bytes: $0.element) }

    @Test(arguments: kinds)
    func builtInStagePassesTheStageKit(kind: String) throws {
        let stage = try #require(StageRegistry.builtIn.stage(kind: kind))
        let documents = stage.splitsDocuments ? Self.listingDocuments : Self.documents
        #expect(documents.count == (stage.splitsDocuments ? 4 : 3))
        let failures = StageConformance.check(stage, pages: documents, baseDirectory: Self.root.appendingPathComponent("Pipelines").path)
        #expect(failures == [])
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

    /// What the career pipeline must make of each of the kit's hostile pages.
    static let hostile: [String: Outcome] = [
        "empty": .rejected("input.empty"),
        "only blank lines": .rejected("input.empty"),
        "binary": .rejected("input.binary"),
        // UTF-8 with a bad byte is damaged UTF-8, not Windows-1252 (`--encoding auto`).
        "invalid UTF-8": .rejected("input.not_utf8"),
        "Windows-1252": .record(title: "Café –", diagnostics: ["input.decoded_cp1252", "segment.missing_section", "fields.not_found"]),
        "UTF-16 text with a lone surrogate": .record(title: "Title\u{FFFD}", diagnostics: ["input.unreadable_characters", "segment.missing_section", "fields.not_found"]),
        "truncated UTF-8": .record(title: "Caf", diagnostics: ["input.cut_character", "segment.missing_section", "fields.not_found"]),
        "one 2 MB line": .record(title: String(repeating: "Hospitals and clinics ", count: 100_000).trimmingCharacters(in: .whitespaces),
                                 diagnostics: ["segment.missing_section", "fields.not_found"]),
        "only headings": .rejected("fields.required_missing"),
        // `â€â€¢`: the first pass repairs `â€¢` to `•`, which makes `â€•` (the mojibake of `―`) with
        // the `â€` before it; the page is cleaned again until nothing more is repaired.
        "entity soup": .record(title: "&\u{FFFD}\u{FFFD}&nbsp\u{FFFD}&bogus;―Ã", diagnostics: ["segment.missing_section", "fields.not_found"]),
        "100,000 bullets": .record(title: "Title", diagnostics: ["truncation.truncated", "segment.missing_section", "fields.not_found"]),
        "HTML: only a doctype": .rejected("fields.required_missing"),
        "HTML: tag soup": .record(title: "Title", diagnostics: ["truncation.truncated", "segment.missing_section", "fields.not_found"]),
        "HTML: nested 100,000 deep": .rejected("fields.required_missing"),
        "HTML: 100,000 list items": .record(title: "T", diagnostics: ["truncation.truncated", "segment.missing_section", "fields.not_found"]),
        "HTML: entity soup": .record(title: "&\u{FFFD}\u{FFFD}&nbsp\u{FFFD}&bogus;–\u{9D}&", diagnostics: ["segment.missing_section", "fields.not_found"]),
        // The attribute is made of the heading's own letter, so the text search meets it a million times.
        "HTML: a 1 MB attribute": .record(title: "T", diagnostics: ["segment.missing_section", "fields.not_found"]),
        // The odd last byte is half a code unit: U+FFFD, as Python's decoder reads it.
        "HTML: UTF-16 of odd length": .record(title: "\u{FFFD}", diagnostics: ["html.unreadable_characters", "html.select_missing",
                                                                               "segment.missing_section", "fields.not_found", "derive.unparsed"]),
        "HTML: bogus charset and bad bytes": .record(title: "caféÿÃ", diagnostics: ["html.charset_guessed", "segment.missing_section", "fields.not_found"]),
        "HTML: script never closed": .rejected("fields.required_missing"),
    ]
    private static func outcome(_ page: ProcessedPage) -> Outcome {
        if let rejection = page.item.rejection { return .rejected(rejection.code) }
        let title: String? = if case .string(let text)? = page["title"] { text } else { nil }
        return .record(title: title, diagnostics: Set(page.diagnosticCodes))
    }

    @Test func everyHostilePageOfTheKitHasAnExpectedOutcome() {
        #expect(Set(HostilePage.all.map(\.name)) == Set(Self.hostile.keys))
    }

    @Test(arguments: HostilePage.all.map(\.name))
    func hostilePageEndsWithinThePatternLimitsAndGivesWhatItShould(name: String) throws {
        let hostile = try #require(HostilePage.all.first { $0.name == name })
        let expected = try #require(Self.hostile[name])
        let pipeline = try Self.careerPipelineWithTightLimits()
        var worker = pipeline.makeWorker()
        let page = ProcessedPage(pipeline: pipeline, item: worker.process(Document(source: name, bytes: hostile.bytes)))
        #expect(Self.outcome(page) == expected)
        if name.hasSuffix("100,000 bullets") || name.hasSuffix("100,000 list items") {
            // The last item has no full stop: the truncation stage drops it.
            guard case .list(let items)? = page["work_settings"] else {
                Issue.record("work_settings is not a list")
                return
            }
            #expect(items.count == 99_999)
        }
    }

    static let bait = StageConformance.backtrackingBait

    @Test(arguments: [
        ("fields", "- stage: fields\n  fields:\n    x: { pattern: '(?<value>\(bait))' }"),
        ("segment", "- stage: segment\n  sections:\n    x: '\(bait)'"),
        ("truncation", "- stage: truncation\n  complete: '\(bait)'"),
    ])
    func backtrackingBaitStopsAtTheMatchLimitWithADiagnostic(kind: String, entry: String) throws {
        let stage = try #require(StageRegistry.builtIn.stage(kind: kind))
        #expect(StageConformance.checkMatchLimit(stage, entry: entry) == [])
        // The truncation stage cannot tell whether the page is whole: it keeps every line.
        if kind == "truncation" {
            let pipeline = try buildPipeline("limits: { match_limit: 10000 }\nstages:\n  - stage: truncation\n    complete: '\(Self.bait)'\n")
            var worker = pipeline.makeWorker()
            let item = worker.process(Document(source: "bait", bytes: StageConformance.baitPage))
            #expect(item.record.diagnostics.map(\.code) == ["truncation.match_limit"])
            #expect(item.text == StageConformance.baitPage)
        }
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
