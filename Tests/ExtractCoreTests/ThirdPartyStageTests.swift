import ExtractCore
import Testing

/// A stage defined outside the project's modules, registered the way a plugin package would:
/// the builder and runner need no change to use it.
struct WordCountStage: Stage {
    static let description = StageDescription(
        kind: "wordcount",
        summary: "Counts the words of the page into a field.",
        options: [OptionDescription("field", "string", "the field to fill", required: true)],
        example: "- stage: wordcount\n  field: words"
    )

    let field: FieldID

    init(options: ConfigNode.Options, context: BuildContext) throws {
        guard let node = options.required("field", expected: "a field name"), let name = node.string() else { throw StageBuildFailed() }
        field = context.provideField(name, shape: .scalar, at: node)
    }

    func makeWorker(_ resources: WorkerResources) -> Worker { Worker(field: field) }

    struct Worker: StageWorker {
        let field: FieldID
        mutating func process(_ item: inout WorkItem) {
            item.record[field] = .integer(item.text.split(whereSeparator: { $0 == 0x20 || $0 == 0x0A }).count)
        }
    }
}

@Suite struct ThirdPartyStageTests {
    let registry = StageRegistry().adding(WordCountStage.self)
    let parsers = ValueParserRegistry()

    @Test func aRegisteredStageIsBuiltFromTheFileAndRuns() throws {
        let pipeline = try PipelineBuilder(registry: registry, parsers: parsers).build(text: "stages:\n  - stage: wordcount\n    field: words\n", file: "p.yaml")
        var worker = pipeline.makeWorker()
        let item = worker.process(Document(source: "d", bytes: Array("one two three\nfour".utf8)))
        #expect(item.record.outputObject(schema: pipeline.schema) == [.init("words", 4), .init("diagnostics", [])])
    }

    @Test func itsOptionsAreCheckedLikeAnyStage() {
        #expect {
            try PipelineBuilder(registry: registry, parsers: parsers).build(text: "stages:\n  - stage: wordcount\n    feild: words\n", file: "p.yaml")
        } throws: { error in
            guard let error = error as? PipelineError, let issue = error.issues.first else { return false }
            return issue.location.line == 3 && issue.location.column == 5
                && issue.message == "unknown option 'feild' for stage 'wordcount' (did you mean 'field'?)"
        }
    }

    @Test func anUnregisteredKindListsTheRegisteredOnes() {
        #expect {
            try PipelineBuilder(registry: registry, parsers: parsers).build(text: "stages:\n  - stage: normalize\n", file: "p.yaml")
        } throws: { error in
            (error as? PipelineError)?.issues.first?.expected == "one of: wordcount"
        }
    }
}
