import ExtractCore
import Testing

/// A stage that takes the page's bytes as Latin-1 and leaves UTF-8 behind: the smallest stage
/// that declares `acceptUndecodedBytes`.
private struct Latin1Stage: Stage {
    static let description = StageDescription(kind: "latin1", summary: "Decodes Latin-1.", options: [], example: "- stage: latin1")

    init(options: ConfigNode.Options, context: BuildContext) throws {
        context.acceptUndecodedBytes(at: options.node)
    }

    func makeWorker(_ resources: WorkerResources) -> Worker { Worker() }

    struct Worker: StageWorker {
        mutating func process(_ item: inout WorkItem) {
            item.text = Array(String(item.text.map { Character(Unicode.Scalar($0)) }).utf8)
        }
    }
}

@Suite struct UndecodedInputTests {
    let registry = StageRegistry().adding(Latin1Stage.self).adding(WordCountStage.self)
    let latin1Page: [UInt8] = [0x63, 0x61, 0x66, 0xE9, 0x21]  // "café!" in Latin-1: not UTF-8

    @Test func firstStageThatTakesUndecodedBytesGetsThePageUnchecked() throws {
        let pipeline = try PipelineBuilder(registry: registry).build(text: "stages:\n  - stage: latin1\n", file: "p.yaml")
        #expect(pipeline.readsUndecodedBytes)
        var worker = pipeline.makeWorker()
        let item = worker.process(Document(source: "d", bytes: latin1Page))
        #expect(item.rejection == nil)
        #expect(String(decoding: item.text, as: UTF8.self) == "café!")
    }

    @Test func otherPipelinesReadPagesThatAreNotUTF8AsInputEncodingSays() throws {
        let pipeline = try PipelineBuilder(registry: registry).build(text: "stages:\n  - stage: wordcount\n    field: n\n", file: "p.yaml")
        #expect(!pipeline.readsUndecodedBytes)
        var strict = pipeline.makeWorker(inputEncoding: .utf8)
        #expect(strict.process(Document(source: "d", bytes: latin1Page)).rejection?.code == "input.not_utf8")
        var auto = pipeline.makeWorker(inputEncoding: .auto)
        let item = auto.process(Document(source: "d", bytes: latin1Page))
        #expect(String(decoding: item.text, as: UTF8.self) == "café!")
        #expect(item.record.diagnostics.map(\.code) == ["input.decoded_cp1252"])
    }

    @Test func aStageTakingUndecodedBytesAfterAnotherIsAnErrorAtItsEntry() {
        #expect {
            try PipelineBuilder(registry: registry).build(text: "stages:\n  - stage: wordcount\n    field: n\n  - stage: latin1\n", file: "p.yaml")
        } throws: { error in
            guard let issue = (error as? PipelineError)?.issues.first else { return false }
            return issue.location.line == 4 && issue.message.contains("must be the first stage")
        }
    }

    @Test func checkInputMakesTheRunnersChecksOnAPageAStagePassesThrough() {
        var item = WorkItem(document: Document(source: "d", bytes: Array("caf".utf8) + [0xC3]), sectionCount: 0, fieldCount: 0)
        item.checkInput()
        #expect(item.rejection == nil)
        #expect(item.text == Array("caf".utf8))
        #expect(item.record.diagnostics.map(\.code) == ["input.cut_character"])
        var binary = WorkItem(document: Document(source: "d", bytes: [0x41, 0x00]), sectionCount: 0, fieldCount: 0)
        binary.checkInput()
        #expect(binary.rejection?.code == "input.binary")
    }
}
