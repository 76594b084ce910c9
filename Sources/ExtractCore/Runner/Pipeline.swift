/// A built pipeline: its stages in file order, each built once, and the schema of the records
/// they produce.
///
/// A document moves through it like this:
///
///     Document(source, bytes)
///       → input checks (empty, binary, not UTF-8: rejected with a reason, or decoded from
///         UTF-16 or Windows-1252 as ``InputEncoding`` allows), or, when the first stage
///         decodes bytes itself (html), that stage, which makes the checks instead
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
    /// Whether the first stage takes the documents' bytes undecoded and makes the input checks
    /// itself (``BuildContext/acceptUndecodedBytes(at:)``).
    public let readsUndecodedBytes: Bool
    /// What fills a finished record's absent objects (objects are never null outside lists).
    let absentObjects: AbsentObjects

    public init(file: String, name: String, stages: [any Stage], schema: Schema, sectionNames: [String], limits: PatternLimits,
                readsUndecodedBytes: Bool = false) {
        self.file = file
        self.name = name
        self.stages = stages
        self.schema = schema
        self.sectionNames = sectionNames
        self.limits = limits
        self.readsUndecodedBytes = readsUndecodedBytes
        absentObjects = AbsentObjects(schema: schema)
    }

    /// A worker for one thread; without `recordsSpans` its records may carry no spans.
    /// `inputEncoding` says how it reads text pages that are not UTF-8.
    public func makeWorker(recordsSpans: Bool = true, inputEncoding: InputEncoding = .auto) -> PipelineWorker {
        let resources = WorkerResources(recordsSpans: recordsSpans, inputEncoding: inputEncoding)
        return PipelineWorker(pipeline: self, workers: stages.map { $0.makeAnyWorker(resources) }, inputEncoding: inputEncoding)
    }
}

extension Stage {
    fileprivate func makeAnyWorker(_ resources: WorkerResources) -> any StageWorker { makeWorker(resources) }
}

/// Runs documents through every stage of a pipeline. One per thread.
public struct PipelineWorker {
    public let pipeline: Pipeline
    private var workers: [any StageWorker]
    private let inputEncoding: InputEncoding

    init(pipeline: Pipeline, workers: [any StageWorker], inputEncoding: InputEncoding) {
        self.pipeline = pipeline
        self.workers = workers
        self.inputEncoding = inputEncoding
    }

    /// The finished item; `rejection` is set when the document gave no record.
    public mutating func process(_ document: Document) -> WorkItem {
        var item = WorkItem(document: document, sectionCount: pipeline.sectionNames.count,
                            fieldCount: pipeline.schema.fields.count)
        if !pipeline.readsUndecodedBytes {
            item.checkInput(encoding: inputEncoding)
            if item.rejection != nil { return item }
        }
        for index in workers.indices {
            workers[index].process(&item)
            if item.rejection != nil { return item }
        }
        pipeline.absentObjects.fill(&item.record)
        return item
    }
}
