import ExtractCore
import Testing

/// How many lines a page has: what `lines` leaves on each item for later stages.
enum LineCount: AttachmentKey {
    typealias Value = Int
    static let name = "the page's line count"
}

/// Counts the page's lines into the ``LineCount`` attachment (a stage from another package).
struct LineCountStage: Stage {
    static let description = StageDescription(kind: "lines", summary: "Counts lines.", options: [], example: "- stage: lines")

    let count: AttachmentSlot<LineCount>

    init(options: ConfigNode.Options, context: BuildContext) throws {
        count = context.provideAttachment(LineCount.self)
    }

    func makeWorker(_ resources: WorkerResources) -> Worker { Worker(count: count) }

    struct Worker: StageWorker {
        let count: AttachmentSlot<LineCount>
        mutating func process(_ item: inout WorkItem) {
            item.attachments[count] = item.text.split(separator: 0x0A).count
        }
    }
}

/// Copies the ``LineCount`` attachment into a field: it needs an earlier `lines` stage, or, with
/// `optional: true`, writes null without one.
struct LineFieldStage: Stage {
    static let description = StageDescription(
        kind: "line_field", summary: "Writes the line count.",
        options: [OptionDescription("field", "string", "the field", required: true), OptionDescription("optional", "bool", "")],
        example: "- stage: line_field\n  field: lines")

    let field: FieldID
    let count: AttachmentSlot<LineCount>?

    init(options: ConfigNode.Options, context: BuildContext) throws {
        guard let node = options.required("field", expected: "a field name"), let name = node.string() else { throw StageBuildFailed() }
        field = context.provideField(name, shape: .scalar, at: node)
        count = options.optional("optional")?.bool() == true
            ? context.attachment(LineCount.self) : context.requireAttachment(LineCount.self, at: options.node)
    }

    func makeWorker(_ resources: WorkerResources) -> Worker { Worker(field: field, count: count) }

    struct Worker: StageWorker {
        let field: FieldID
        let count: AttachmentSlot<LineCount>?
        mutating func process(_ item: inout WorkItem) {
            item.record[field] = count.flatMap { item.attachments[$0] }.map(Value.integer) ?? .null
        }
    }
}

/// Reports a mistake in its options but does not throw: the builder still leaves it out.
struct CarelessStage: Stage {
    static let description = StageDescription(
        kind: "careless", summary: "Reports and goes on.", options: [OptionDescription("level", "integer", "")],
        example: "- stage: careless")

    init(options: ConfigNode.Options, context: BuildContext) throws {
        _ = options.optional("level")?.int(in: 1...3)
    }

    func makeWorker(_ resources: WorkerResources) -> Worker { Worker() }

    struct Worker: StageWorker {
        mutating func process(_ item: inout WorkItem) {}
    }
}

@Suite struct AttachmentTests {
    let builder = PipelineBuilder(registry: StageRegistry([LineCountStage.self, LineFieldStage.self, CarelessStage.self]))

    func run(_ yaml: String, page: String = "one\ntwo\nthree\n") throws -> [Value.Member] {
        let pipeline = try builder.build(text: yaml, file: "p.yaml")
        var worker = pipeline.makeWorker()
        return worker.process(Document(source: "d", bytes: Array(page.utf8))).record.outputObject(schema: pipeline.schema)
    }

    @Test func aStageReadsWhatAnEarlierStageAttachedToTheItem() throws {
        let record = try run("stages:\n  - stage: lines\n  - stage: line_field\n    field: lines\n")
        #expect(record == [.init("lines", 3), .init("diagnostics", [])])
    }

    @Test func needingAnAttachmentNoEarlierStageProvidesIsAMistakeAtTheStage() {
        let yaml = "stages:\n  - stage: line_field\n    field: lines\n  - stage: lines\n"
        #expect {
            try builder.build(text: yaml, file: "p.yaml")
        } throws: { error in
            guard let issues = (error as? PipelineError)?.issues, issues.count == 1 else { return false }
            return issues[0].description == """
                p.yaml:2:5: error: stage 'line_field' needs the page's line count, which no earlier stage provides
                      - stage: line_field
                        ^
                expected a stage providing it before this one
                """
        }
    }

    @Test func anOptionalReaderWithoutAProviderGetsNoSlotAndTheItemsNone() throws {
        let pipeline = try builder.build(text: "stages:\n  - stage: line_field\n    field: lines\n    optional: true\n", file: "p.yaml")
        #expect(pipeline.attachmentCount == 0)
        var worker = pipeline.makeWorker()
        let item = worker.process(Document(source: "d", bytes: Array("a\nb\n".utf8)))
        #expect(item.record.outputObject(schema: pipeline.schema) == [.init("lines", nil), .init("diagnostics", [])])
    }

    @Test func stagesProvidingTheSameAttachmentShareOneSlotAndTheLaterValueIsRead() throws {
        let yaml = "stages:\n  - stage: lines\n  - stage: line_field\n    field: before\n  - stage: lines\n  - stage: line_field\n    field: after\n"
        let pipeline = try builder.build(text: yaml, file: "p.yaml")
        #expect(pipeline.attachmentCount == 1)
        #expect(try run(yaml) == [.init("before", 3), .init("after", 3), .init("diagnostics", [])])
    }

    @Test func aPipelinePutTogetherFromAnotherOnesStagesStillCarriesTheirAttachments() throws {
        let built = try builder.build(text: "stages:\n  - stage: lines\n  - stage: line_field\n    field: lines\n", file: "p.yaml")
        // As `extract inspect` runs a pipeline's first stages again: no attachment slots given.
        let again = Pipeline(file: built.file, name: built.name, stages: built.stages, schema: built.schema,
                             sectionNames: built.sectionNames, limits: built.limits)
        var worker = again.makeWorker()
        let item = worker.process(Document(source: "d", bytes: Array("one\ntwo\n".utf8)))
        #expect(item.record.outputObject(schema: again.schema) == [.init("lines", 2), .init("diagnostics", [])])
    }

    @Test func aStageThatReportedAMistakeFailsTheBuildEvenWithoutThrowing() {
        #expect {
            try builder.build(text: "stages:\n  - stage: careless\n    level: 9\n", file: "p.yaml")
        } throws: { error in
            guard let issues = (error as? PipelineError)?.issues else { return false }
            return issues.map(\.message) == ["stages[0].level must be between 1 and 3, found 9"]
        }
    }
}
