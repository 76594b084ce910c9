@testable import ExtractCore
import ExtractEmitters
import ExtractStages
import ExtractTestSupport
import Foundation
import Testing

/// A run over pages that a `split` stage cuts: records in page order, each page's together, the
/// same bytes whatever the number of workers, and counts of documents and records apart.
@Suite struct SplitRunTests {
    static let pipeline = Result { try PipelineBuilder(registry: .builtIn).build(file: repositoryRoot.appendingPathComponent("Pipelines/listing.yaml").path) }
    static let pages = fixturePages(in: "Fixtures/listing/pages", ending: ".txt")

    /// 24 documents: the four listing pages (3, 4, 5 and 3 occupations) over and over, with an
    /// empty page and a page of no occupation between them.
    static let entries: [PendingInput] = (0..<24).map { n in
        let bytes: [UInt8] = switch n % 6 {
        case 4: []
        case 5: Array("Category: Nothing · 0 occupations\nNo occupations listed yet.\nShowing 1–0 of 0 occupations\n".utf8)
        default: pages[n % 6]
        }
        return PendingInput(.document(Document(source: "doc-\(n)", bytes: bytes)))
    }

    static func run(jobs: Int, batchSize: Int?, emitter: any Emitter.Type, directory: TemporaryDirectory,
                    entries: [PendingInput] = entries, pipeline: Pipeline? = nil) throws -> JobsPropertyTests.Outcome {
        try JobsPropertyTests.run(entries, emitter: emitter, spans: true, jobs: jobs, batchSize: batchSize, directory: directory,
                                  pipeline: pipeline ?? Self.pipeline.get())
    }

    @Test func recordsComeInPageOrderAndTheSummaryCountsDocumentsAndRecordsApart() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let one = try Self.run(jobs: 1, batchSize: nil, emitter: JSONLinesEmitter.self, directory: directory)
        let sources = String(decoding: one.bytes, as: UTF8.self).split(separator: "\n").map { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["source"] as? String ?? "?"
        }
        // Each listing page's occupations in order, page after page.
        let counts = [3, 4, 5, 3]
        let expected = (0..<24).filter { $0 % 6 < 4 }.flatMap { n in (1...counts[n % 6]).map { "doc-\(n)#\($0)" } }
        #expect(sources == expected)
        #expect(one.summary.documents == 24)
        #expect(one.summary.records == expected.count)
        #expect(one.summary.failed == 8)
        #expect(one.summary.failures == ["input.empty": 4, "split.no_blocks": 4])
        #expect(one.failures.prefix(2) == ["doc-4: input.empty: the document is empty",
                                           "doc-5: split.no_blocks: no block on the page: the split pattern matched nothing"])
        // One per cut-off page (its last occupation's), not one per occupation.
        #expect(one.summary.diagnostics["truncation.truncated"] == 4)
    }

    @Test func aBlockThatFailsIsReportedByItsPieceInOrderAndTheOthersAreWritten() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let pipeline = try buildPipeline("""
        stages:
          - stage: split
            pattern: '^###'
          - stage: fields
            fields:
              title: { pattern: '\\A### (?<value>[^\\n]+)$', required: true }
        """)
        let pages = ["### A\n### B\n", "### C\n###\n### E\n", "### F\n"]
        let entries = pages.enumerated().map { PendingInput(.document(Document(source: "p\($0.offset)", bytes: Array($0.element.utf8)))) }
        for jobs in [1, 2] {
            let run = try Self.run(jobs: jobs, batchSize: 1, emitter: JSONLinesEmitter.self, directory: directory, entries: entries, pipeline: pipeline)
            let lines = String(decoding: run.bytes, as: UTF8.self).split(separator: "\n")
            // Spans are offsets in each page: "### C\n###\n### E\n" has its E at 14.
            let written = [("A", 4), ("B", 10), ("C", 4), ("E", 14), ("F", 4)].map { "{\"title\":\"\($0)\",\"diagnostics\":[],\"_spans\":{\"title\":[\($1),\($1 + 1)]}}" }
            #expect(lines.map(String.init) == written, "jobs \(jobs)")
            #expect(run.failures.count == 1 && run.failures[0].hasPrefix("p1#2: fields.required_missing: "), "\(run.failures)")
            #expect(run.summary.documents == 3 && run.summary.records == 5 && run.summary.failed == 1)
        }
    }

    @Test(arguments: [(2, 1), (2, 3), (3, 2), (4, nil)] as [(Int, Int?)])
    func anyNumberOfWorkersWritesWhatOneWorkerWrites(jobs: Int, batchSize: Int?) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        for emitter in [JSONLinesEmitter.self, CSVEmitter.self] as [any Emitter.Type] {
            let one = try Self.run(jobs: 1, batchSize: nil, emitter: emitter, directory: directory)
            let many = try Self.run(jobs: jobs, batchSize: batchSize, emitter: emitter, directory: directory)
            #expect(many.bytes == one.bytes, "\(emitter.format), jobs \(jobs), batch \(batchSize ?? 0)")
            #expect(many.summary == one.summary)
            #expect(many.failures == one.failures)
        }
    }
}
