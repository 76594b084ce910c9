import ExtractCore
import Testing

/// A splitting stage defined outside the project's modules, as a plugin would define one: the
/// pipeline runs the later stages on each piece it emits, whoever wrote it.
struct LinesStage: Stage {
    static let description = StageDescription(kind: "lines", summary: "One piece per non-blank line.", options: [],
                                              example: "- stage: lines")
    init(options: ConfigNode.Options, context: BuildContext) throws {}
    func makeWorker(_ resources: WorkerResources) -> Worker { Worker() }

    struct Worker: SplittingStageWorker {
        mutating func split(_ item: inout WorkItem, emit: (consuming WorkItem) -> Void) {
            var ranges: [Range<Int>] = []
            var start = 0
            for (offset, byte) in item.text.enumerated() where byte == 0x0A {
                if offset > start { ranges.append(start..<offset) }
                start = offset + 1
            }
            if item.text.count > start { ranges.append(start..<item.text.count) }
            item.cut(ranges, emit: emit)
        }
    }
}

/// A splitting stage that gives no piece and says nothing.
struct SilentStage: Stage {
    static let description = StageDescription(kind: "silent", summary: "Emits nothing.", options: [], example: "- stage: silent")
    init(options: ConfigNode.Options, context: BuildContext) throws {}
    func makeWorker(_ resources: WorkerResources) -> Worker { Worker() }

    struct Worker: SplittingStageWorker {
        mutating func split(_ item: inout WorkItem, emit: (consuming WorkItem) -> Void) {}
    }
}

/// Writes the piece's text into a field, with its span: what a later stage sees of a piece.
struct TextStage: Stage {
    static let description = StageDescription(kind: "text", summary: "The text as a field.", options: [], example: "- stage: text")
    let field: FieldID
    init(options: ConfigNode.Options, context: BuildContext) throws {
        field = context.provideField("text", shape: .scalar, at: options.node)
    }
    func makeWorker(_ resources: WorkerResources) -> Worker { Worker(field: field) }

    struct Worker: StageWorker {
        let field: FieldID
        mutating func process(_ item: inout WorkItem) {
            item.record[field] = .string(item.string(0..<item.text.count))
            item.record.spans[field.index] = item.span(of: 0..<item.text.count)
            if item.text.first == UInt8(ascii: "!") { item.rejection = Rejection(code: "text.bang", message: "starts with !") }
        }
    }
}

@Suite struct SplittingWorkerTests {
    let registry = StageRegistry().adding(LinesStage.self).adding(SilentStage.self).adding(TextStage.self)

    private func worker(_ stages: String) throws -> PipelineWorker {
        try PipelineBuilder(registry: registry).build(text: "stages:\n" + stages, file: "p.yaml").makeWorker()
    }

    @Test func aPluginsSplittingWorkerGivesOneItemPerPieceToTheLaterStages() throws {
        var worker = try worker("  - stage: lines\n  - stage: text\n")
        let page = Array("alpha\n\nbeta\ngamma".utf8)
        let items = worker.processAll(Document(source: "d", bytes: page))
        #expect(items.map(\.record.source) == ["d#1", "d#2", "d#3"])
        #expect(items.map { $0.record.values.first ?? nil } == [.string("alpha"), .string("beta"), .string("gamma")])
        #expect(items.map { $0.record.spans[0] } == [Span(start: 0, end: 5), Span(start: 7, end: 11), Span(start: 12, end: 17)])
    }

    @Test func splitsNestAndNumberPiecesOfPieces() throws {
        var worker = try worker("  - stage: lines\n  - stage: lines\n  - stage: text\n")
        let items = worker.processAll(Document(source: "d", bytes: Array("a\nb".utf8)))
        #expect(items.map(\.record.source) == ["d#1#1", "d#2#1"])
    }

    @Test func aPieceRejectedByALaterStageIsRejectedAlone() throws {
        var worker = try worker("  - stage: lines\n  - stage: text\n")
        let items = worker.processAll(Document(source: "d", bytes: Array("one\n!two\nthree".utf8)))
        #expect(items.map { $0.rejection?.code } == [nil, "text.bang", nil])
        #expect(items[1].document.source == "d#2")
    }

    @Test func aSplitThatGivesNothingRejectsTheDocumentRatherThanDropIt() throws {
        var worker = try worker("  - stage: silent\n  - stage: text\n")
        let items = worker.processAll(Document(source: "d", bytes: Array("page".utf8)))
        #expect(items.count == 1)
        #expect(items.first?.rejection == Rejection(code: "silent.no_pieces", message: "stage 'silent' cut the page into no piece"))
        #expect(items.first?.document.source == "d")
    }

    @Test func piecesEndOnCharacterBoundariesWhateverRangesTheSplitterGives() {
        var item = WorkItem(document: Document(source: "d", bytes: Array("né€x".utf8)), sectionCount: 0, fieldCount: 0)
        item.text = Array("né€x".utf8)
        var texts: [String] = []
        // 2 is inside "é", 5 inside "€", 99 past the end.
        item.cut([0..<2, 2..<5, 5..<99]) { piece in texts.append(String(decoding: piece.text, as: UTF8.self)) }
        #expect(texts == ["n", "é", "€x"])
    }

    @Test func theStageTypeSaysWhetherItSplits() {
        #expect(LinesStage.splitsDocuments)
        #expect(!TextStage.splitsDocuments)
    }
}
