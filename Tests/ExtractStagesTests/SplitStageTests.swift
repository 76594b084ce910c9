import ExtractCore
import ExtractStages
import ExtractTestSupport
import Foundation
import Testing

/// The `split` stage: one page, one record per block, with sources, spans, fields, diagnostics and
/// truncation following the page; rejections for pages that do not fit; mistakes in its options.
@Suite struct SplitStageTests {
    /// A listing read by a category before the split and a title, a pay and tasks per block.
    static let yaml = """
    stages:
      - stage: normalize
      - stage: fields
        fields:
          category: { pattern: '^Category: (?<value>[^\\n]+)$' }
      - stage: split
        pattern: '^### '
      - stage: fields
        fields:
          title: { pattern: '\\A### (?<value>[^\\n]+)$', required: true }
          pay: { pattern: '^Pay: (?<value>[^\\n]+)$', optional: true }
          tasks: { each: '^• (?<value>[^\\n]+)$' }
      - stage: derive
        fields:
          source: { document: source }
          task_count: { count: tasks }
    """

    static let page = """
    Category: Trades
    Sort by: Pay

    ### Electrician
    Pay: $45K-$78K per year
    • Read blueprints
    • Test circuits

    ### Welder
    • Join metal parts

    """

    @Test func eachBlockIsARecordNamedByThePageAndItsNumberInPageOrder() throws {
        let pipeline = try buildPipeline(Self.yaml)
        let pieces = processAll(Self.page, with: pipeline, source: "trades.txt")
        #expect(pieces.map(\.item.record.source) == ["trades.txt#1", "trades.txt#2"])
        #expect(pieces.map(\.item.document.source) == ["trades.txt#1", "trades.txt#2"])
        #expect(pieces.map { $0["source"] } == [.string("trades.txt#1"), .string("trades.txt#2")])
        #expect(pieces.map { $0["title"] } == [.string("Electrician"), .string("Welder")])
        #expect(pieces.map { $0["tasks"] } == [["Read blueprints", "Test circuits"], ["Join metal parts"]])
        #expect(pieces.map { $0["task_count"] } == [.integer(2), .integer(1)])
        // The block ends at its last character: the blank line before the next block is not its.
        #expect(pieces.map(\.text) == ["### Electrician\nPay: $45K-$78K per year\n• Read blueprints\n• Test circuits", "### Welder\n• Join metal parts"])
        #expect(pieces.allSatisfy { $0.item.rejection == nil })
    }

    @Test func fieldsReadBeforeTheSplitAreInEveryRecord() throws {
        let pieces = processAll(Self.page, with: try buildPipeline(Self.yaml))
        #expect(pieces.map { $0["category"] } == [.string("Trades"), .string("Trades")])
        // And their spans still point at the page's heading.
        for piece in pieces { #expect(piece.originalText(of: "category") == "Trades") }
    }

    @Test func spansPointIntoTheOriginalPageThroughWhatNormalizeChanged() throws {
        // CRLF line ends and character references change every offset after them.
        let page = "Category: R&amp;D\r\n\r\n### Lab &amp; Field Technician\r\n• Calibrate&nbsp;meters\r\n### Data Analyst\r\n• Clean data\r\n"
        let pieces = processAll(page, with: try buildPipeline(Self.yaml))
        #expect(pieces.map { $0["title"] } == [.string("Lab & Field Technician"), .string("Data Analyst")])
        #expect(pieces.map { $0.originalText(of: "title") } == ["Lab &amp; Field Technician", "Data Analyst"])
        let tasks = pieces.map { piece in
            let field = piece.pipeline.schema.field(named: "tasks")!
            return (piece.item.record.itemSpans[field.id.index] ?? []).map(piece.originalText)
        }
        #expect(tasks == [["Calibrate&nbsp;meters"], ["Clean data"]])
        // Every offset of a piece maps where the page's own map maps it.
        let whole = try process(page, yaml: "stages:\n  - stage: normalize\n")
        let start = try #require(byteOffset(of: "### Data Analyst", in: whole.item.text))
        let second = pieces[1].item
        for offset in 0...second.text.count {
            #expect(second.offsets.original(offset) == whole.item.offsets.original(start + offset))
        }
    }

    @Test func spansPointIntoTheHTMLAsItWasThroughTheRendering() throws {
        let yaml = """
        stages:
          - stage: html
            select: //main
          - stage: split
            pattern: '^Job: '
          - stage: fields
            fields:
              title: { pattern: '\\AJob: (?<value>[^\\n]+)$', required: true }
              pay: { pattern: '^Pay: (?<value>[^\\n]+)$' }
        """
        let page = "<html><body><nav>Jobs</nav><main><div><h3>Job: Welder</h3><p>Pay: <b>$20</b> per hour</p></div>"
            + "<div><h3>Job: Lab &amp; Field Tech</h3><p>Pay: $25&nbsp;per hour</p></div></main></body></html>"
        let pieces = processAll(page, with: try buildPipeline(yaml), source: "jobs.html")
        #expect(pieces.map { $0["title"] } == [.string("Welder"), .string("Lab & Field Tech")])
        // No normalize stage: the no-break space stays one.
        #expect(pieces.map { $0["pay"] } == [.string("$20 per hour"), .string("$25\u{A0}per hour")])
        #expect(pieces.map { $0.originalText(of: "title") } == ["Welder", "Lab &amp; Field Tech"])
        #expect(pieces.map { $0.originalText(of: "pay") } == ["$20</b> per hour", "$25&nbsp;per hour"])
    }

    @Test func aPageWithNoBlockIsRejectedWithItsReason() throws {
        let pieces = processAll("Category: Trades\nNo occupations listed yet.\n", with: try buildPipeline(Self.yaml), source: "empty.txt")
        #expect(pieces.count == 1)
        #expect(pieces[0].item.rejection?.code == "split.no_blocks")
        #expect(pieces[0].item.document.source == "empty.txt")
    }

    @Test func minAndMaxRejectPagesWithTooFewOrTooManyBlocks() throws {
        let atLeastThree = try buildPipeline(Self.yaml.replacingOccurrences(of: "pattern: '^### '", with: "pattern: '^### '\n    min: 3"))
        #expect(processAll(Self.page, with: atLeastThree).map { $0.item.rejection?.code } == ["split.too_few_blocks"])
        #expect(processAll(Self.page, with: atLeastThree).first?.item.rejection?.message == "2 blocks on the page, fewer than min (3)")
        let atMostOne = try buildPipeline(Self.yaml.replacingOccurrences(of: "pattern: '^### '", with: "pattern: '^### '\n    max: 1"))
        #expect(processAll(Self.page, with: atMostOne).map { $0.item.rejection?.code } == ["split.too_many_blocks"])
        let exactlyTwo = try buildPipeline(Self.yaml.replacingOccurrences(of: "pattern: '^### '", with: "pattern: '^### '\n    min: 2\n    max: 2"))
        #expect(processAll(Self.page, with: exactlyTwo).count == 2)
    }

    @Test func keepBeforeMakesTheTextBeforeTheFirstBlockTheFirstPiece() throws {
        let yaml = """
        stages:
          - stage: split
            pattern: '^### '
            keep_before: true
        """
        let pieces = processAll(Self.page, with: try buildPipeline(yaml), source: "p")
        #expect(pieces.map(\.item.record.source) == ["p#1", "p#2", "p#3"])
        #expect(pieces.first?.text == "Category: Trades\nSort by: Pay")
        // A page that starts with a block has no text before it, and no empty piece.
        #expect(processAll("### A\n### B\n", with: try buildPipeline(yaml)).map(\.text) == ["### A", "### B"])
    }

    @Test func aBlockThatFailsIsRejectedAloneAndTheOthersGiveRecords() throws {
        // The middle block's heading has no title: its required title is missing.
        let page = "### First\n• a\n###\n• b\n### Third\n• c\n"
        let yaml = Self.yaml.replacingOccurrences(of: "pattern: '^### '", with: "pattern: '^###'")
        let pieces = processAll(page, with: try buildPipeline(yaml), source: "p.txt")
        #expect(pieces.map(\.item.record.source) == ["p.txt#1", "p.txt#2", "p.txt#3"])
        #expect(pieces.map { $0.item.rejection?.code } == [nil, "fields.required_missing", nil])
        #expect(pieces[1].item.document.source == "p.txt#2")
    }

    @Test func eachDiagnosticBeforeTheSplitGoesToTheBlockItIsAbout() throws {
        let yaml = """
        stages:
          - stage: truncation
            complete: '[.]$'
          - stage: split
            pattern: '^### '
          - stage: fields
            fields:
              tasks: { each: '^• (?<value>[^\\n]+)$' }
          - stage: derive
            fields:
              task_count: { count: tasks }
        """
        // Cut off inside the last block's second task.
        let page = "Intro.\n### One\n• a.\n• b.\n### Two\n• c.\n• d, cut o"
        let pieces = processAll(page, with: try buildPipeline(yaml))
        #expect(pieces.map { $0.diagnosticCodes } == [[], ["truncation.truncated"]])
        let dropped = try #require(pieces[1].item.record.diagnostics.first?.span)
        #expect(pieces[1].originalText(dropped) == "• d, cut o")
        // The last block runs to the cut: its list may have lost items, so it is not counted.
        #expect(pieces.map { $0.item.truncatedAt } == [nil, pieces[1].item.text.count])
        #expect(pieces.map { $0["task_count"] } == [.integer(2), .null])
        #expect(pieces.map { $0["tasks"] } == [["a.", "b."], ["c."]])
    }

    @Test func aDiagnosticWithoutASpanOrBeforeTheFirstBlockGoesToTheFirst() throws {
        // A Windows-1252 page: the diagnostic points at the first byte that is not UTF-8, in the page's heading.
        let page: [UInt8] = Array("Caf".utf8) + [0xE9] + Array("\n### One\nx\n### Two\ny\n".utf8)
        var worker = try buildPipeline("stages:\n  - stage: split\n    pattern: '^### '\n").makeWorker()
        let items = worker.processAll(Document(source: "p", bytes: page))
        #expect(items.map { $0.record.diagnostics.map(\.code) } == [["input.decoded_cp1252"], []])
    }

    @Test func aPatternStoppedByTheMatchLimitRejectsThePage() throws {
        let yaml = "limits: { match_limit: 10000 }\nstages:\n  - stage: split\n    pattern: '(?:a+)+$'\n"
        let pieces = processAll("Title\n" + String(repeating: "a", count: 40) + "!\n", with: try buildPipeline(yaml))
        #expect(pieces.map { $0.item.rejection?.code } == ["split.match_limit"])
    }

    @Test func aReusedWorkerGivesTheSecondPageWhatAFreshWorkerGives() throws {
        let pipeline = try buildPipeline(Self.yaml)
        let second = Document(source: "b", bytes: Array("### Solo\nPay: $10 per hour\n• only\n".utf8))
        var fresh = pipeline.makeWorker()
        let alone = fresh.processAll(second)
        var reused = pipeline.makeWorker()
        _ = reused.processAll(Document(source: "a", bytes: Array(Self.page.utf8)))
        let after = reused.processAll(second)
        #expect(after.map(\.record) == alone.map(\.record))
        #expect(after.map(\.text) == alone.map(\.text))
        #expect(alone.count == 1)
    }

    @Test func processGivesTheFirstPieceOfASplitPage() throws {
        let pipeline = try buildPipeline(Self.yaml)
        var worker = pipeline.makeWorker()
        let first = worker.process(Document(source: "p", bytes: Array(Self.page.utf8)))
        #expect(first.record.source == "p#1")
        #expect(pipeline.splitsDocuments)
        #expect(try !buildPipeline("stages:\n  - stage: normalize\n").splitsDocuments)
    }

    @Test func theListingPipelineGivesOneRecordPerOccupationWithSpansInsideThePage() throws {
        let pipeline = try PipelineBuilder(registry: .builtIn).build(file: repositoryRoot.appendingPathComponent("Pipelines/listing.yaml").path)
        let directory = repositoryRoot.appendingPathComponent("Fixtures/listing/pages")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".txt") }.sorted()
        var counts: [Int] = []
        var worker = pipeline.makeWorker()
        for name in names {
            let bytes = try [UInt8](Data(contentsOf: directory.appendingPathComponent(name)))
            let items = worker.processAll(Document(source: name, bytes: bytes))
            counts.append(items.count)
            #expect(items.map(\.record.source) == (1...items.count).map { "\(name)#\($0)" })
            for item in items {
                #expect(item.rejection == nil)
                let spans = item.record.spans.compactMap { $0 } + item.record.itemSpans.compactMap { $0 }.flatMap { $0 }
                    + item.record.diagnostics.compactMap(\.span)
                for span in spans { #expect(span.start >= 0 && span.start <= span.end && span.end <= bytes.count) }
            }
        }
        #expect(names == ["education-cut-off.txt", "healthcare-support.txt", "office-admin.txt", "skilled-trades.txt"])
        #expect(counts == [3, 4, 5, 3])
    }
}

/// The `split` stage's options and its place in the pipeline, checked when the file is built.
@Suite struct SplitStageBuildTests {
    private func issue(_ yaml: String) throws -> ConfigIssue {
        let error = try #require(pipelineError(yaml))
        #expect(error.issues.count == 1, "\(error)")
        return try #require(error.issues.first)
    }

    @Test func aMissingPatternIsReportedAtTheStage() throws {
        let found = try issue("stages:\n  - stage: split\n    max: 3\n")
        #expect(found.location.line == 2)
        #expect(found.message.contains("pattern"))
        #expect(found.expected == "a pattern that starts each block, e.g. '^### '")
    }

    @Test func aBadPatternIsReportedAtItsOffset() throws {
        let found = try issue("stages:\n  - stage: split\n    pattern: '^(### '\n")
        #expect(found.location.line == 3)
        #expect(found.message.hasPrefix("invalid pattern: missing closing parenthesis"))
        #expect(found.expected == "a PCRE2 regular expression")
    }

    @Test func maxBelowMinAndMinBelowOneAreMistakes() throws {
        let below = try issue("stages:\n  - stage: split\n    pattern: '^### '\n    min: 3\n    max: 2\n")
        #expect(below.location.line == 5 && below.location.column == 10)
        #expect(below.message == "max (2) is less than min (3)")
        let zero = try issue("stages:\n  - stage: split\n    pattern: '^### '\n    min: 0\n")
        #expect(zero.location.line == 4)
        #expect(zero.expected == "an integer in 1...1000000")
        let word = try issue("stages:\n  - stage: split\n    pattern: '^### '\n    keep_before: yes please\n")
        #expect(word.expected == "true or false")
    }

    @Test func aSectionFoundBeforeTheSplitCannotBeReadAfterIt() throws {
        let found = try issue("""
        stages:
          - stage: segment
            sections: { tasks: '^Tasks:$' }
          - stage: split
            pattern: '^### '
          - stage: fields
            fields:
              tasks: { section: tasks, each: '^• (?<value>.+)$' }
        """)
        #expect(found.location.line == 8 && found.location.column == 25, "\(found.location)")
        #expect(found.message == "stage 'fields' needs section 'tasks', which is found before the page is split: the pieces do not have it")
        #expect(found.expected == "a segment stage after the splitting stage")
        // Found after the split, in each piece, it can.
        #expect(pipelineError("""
        stages:
          - stage: split
            pattern: '^### '
          - stage: segment
            sections: { tasks: '^Tasks:$' }
          - stage: fields
            fields:
              tasks: { section: tasks, each: '^• (?<value>.+)$' }
        """) == nil)
    }
}
