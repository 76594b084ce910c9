/// A built pipeline: its stages in file order, each built once, and the schema of the records
/// they produce.
///
/// A document moves through it like this:
///
///     Document(source, bytes)
///       → input checks (empty, binary, not UTF-8: rejected with a reason)
///       → normalize   rewrites text, keeps an offset map back to the original bytes
///       → segment     finds named sections (byte ranges of the text)
///       → fields      fills record fields from PCRE2 matches inside sections
///       → derive / resolve … more fields, entities from a registry
///       → Record (values by FieldID, spans, diagnostics) → an Emitter → bytes
///
/// The pipeline is immutable and shared by all workers; each worker owns a ``PipelineWorker``
/// made by ``makeWorker()``, holding the per-thread scratch of every stage.
public struct Pipeline: Sendable {
    public let file: String
    public let name: String
    public let stages: [any Stage]
    public let schema: Schema
    public let sectionNames: [String]
    public let limits: PatternLimits

    public init(file: String, name: String, stages: [any Stage], schema: Schema, sectionNames: [String], limits: PatternLimits) {
        self.file = file
        self.name = name
        self.stages = stages
        self.schema = schema
        self.sectionNames = sectionNames
        self.limits = limits
    }

    /// A worker for one thread; without `recordsSpans` its records may carry no spans.
    public func makeWorker(recordsSpans: Bool = true) -> PipelineWorker {
        let resources = WorkerResources(recordsSpans: recordsSpans)
        return PipelineWorker(pipeline: self, workers: stages.map { $0.makeAnyWorker(resources) })
    }
}

extension Stage {
    fileprivate func makeAnyWorker(_ resources: WorkerResources) -> any StageWorker { makeWorker(resources) }
}

/// Runs documents through every stage of a pipeline. One per thread.
public struct PipelineWorker {
    public let pipeline: Pipeline
    private var workers: [any StageWorker]

    init(pipeline: Pipeline, workers: [any StageWorker]) {
        self.pipeline = pipeline
        self.workers = workers
    }

    /// The finished item; `rejection` is set when the document gave no record.
    public mutating func process(_ document: Document) -> WorkItem {
        var item = WorkItem(document: document, sectionCount: pipeline.sectionNames.count,
                            fieldCount: pipeline.schema.fields.count)
        switch InputCheck.inspect(document.bytes, knownValidUTF8: document.isValidUTF8) {
        case .valid:
            break
        case .rejected(let rejection):
            item.rejection = rejection
            return item
        case .cutCharacter(let cut):
            item.text.removeLast(cut)
            item.diagnose(Diagnostic(stage: "input", field: nil, code: "input.cut_character",
                                     message: "the page ends in the middle of a UTF-8 character; its last \(cut) byte\(cut == 1 ? "" : "s") were dropped",
                                     span: Span(start: document.bytes.count - cut, end: document.bytes.count)))
        }
        for index in workers.indices {
            workers[index].process(&item)
            if item.rejection != nil { break }
        }
        return item
    }
}
