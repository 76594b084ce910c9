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
/// A stage whose worker splits (``SplittingStageWorker``, the `split` stage) cuts the item into
/// pieces there, and every later stage runs on each piece as if it were a page: one document,
/// many records, in order.
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
    /// How many attachment slots the stages declared (``BuildContext/provideAttachment(_:)``).
    public let attachmentCount: Int
    /// What fills a finished record's absent objects (objects are never null outside lists).
    let absentObjects: AbsentObjects

    public init(file: String, name: String, stages: [any Stage], schema: Schema, sectionNames: [String], limits: PatternLimits,
                readsUndecodedBytes: Bool = false, attachmentCount: Int = 0) {
        self.file = file
        self.name = name
        self.stages = stages
        self.schema = schema
        self.sectionNames = sectionNames
        self.limits = limits
        self.readsUndecodedBytes = readsUndecodedBytes
        self.attachmentCount = attachmentCount
        absentObjects = AbsentObjects(schema: schema)
    }

    /// Whether a stage cuts documents into pieces, so a document may give several records.
    public var splitsDocuments: Bool { stages.contains { type(of: $0).splitsDocuments } }

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
///
/// The stages that split (``SplittingStageWorker``) are held apart from the others: the stages
/// before the first one run on the document, and each piece it emits runs through the stages up
/// to the next one, and so on, each piece finished before the next is cut.
public struct PipelineWorker {
    public let pipeline: Pipeline
    /// The workers of the stages that do not split, in pipeline order.
    private var workers: [any StageWorker]
    /// The workers of the stages that split, in pipeline order; nil while one is splitting.
    private var splitters: [(any SplittingStageWorker)?]
    /// For each splitter, how many of `workers` come before it, and its stage's kind.
    private let splitPoints: [(workersBefore: Int, kind: String)]
    private let inputEncoding: InputEncoding

    init(pipeline: Pipeline, workers: [any StageWorker], inputEncoding: InputEncoding) {
        self.pipeline = pipeline
        var plain: [any StageWorker] = []
        var splitters: [(any SplittingStageWorker)?] = []
        var splitPoints: [(workersBefore: Int, kind: String)] = []
        for (stage, worker) in zip(pipeline.stages, workers) {
            if let splitter = worker as? any SplittingStageWorker {
                splitters.append(splitter)
                splitPoints.append((plain.count, type(of: stage).description.kind))
            } else {
                plain.append(worker)
            }
        }
        self.workers = plain
        self.splitters = splitters
        self.splitPoints = splitPoints
        self.inputEncoding = inputEncoding
    }

    /// Runs a document through the pipeline and hands each finished item to `emit`, in order: the
    /// one item of a document that is not split, or one per piece. An item whose `rejection` is
    /// set gave no record (the whole document, or one piece). Every document gives at least one.
    public mutating func process(_ document: Document, emit: (consuming WorkItem) -> Void) {
        var item = WorkItem(document: document, sectionCount: pipeline.sectionNames.count,
                            fieldCount: pipeline.schema.fields.count, attachmentCount: pipeline.attachmentCount)
        if !pipeline.readsUndecodedBytes {
            item.checkInput(encoding: inputEncoding)
            if item.rejection != nil { return emit(item) }
        }
        run(&item, from: 0, splitter: 0, emit: emit)
    }

    /// The finished item of a document; `rejection` is set when it gave no record. In a pipeline
    /// that splits documents, the first piece's (``process(_:emit:)`` or ``processAll(_:)`` give all).
    public mutating func process(_ document: Document) -> WorkItem {
        var first: WorkItem?
        process(document) { item in
            if first == nil { first = item }
        }
        // `process(_:emit:)` emits at least one item.
        return first ?? WorkItem(document: document, sectionCount: 0, fieldCount: 0)
    }

    /// Every finished item of a document, in order (one per piece in a pipeline that splits).
    public mutating func processAll(_ document: Document) -> [WorkItem] {
        var items: [WorkItem] = []
        process(document) { items.append($0) }
        return items
    }

    /// Runs `item` through the plain workers from `start` up to splitter number `level` (or to
    /// the end), then has that splitter cut it and runs each piece on from there.
    private mutating func run(_ item: inout WorkItem, from start: Int, splitter level: Int, emit: (consuming WorkItem) -> Void) {
        let end = level < splitPoints.count ? splitPoints[level].workersBefore : workers.count
        for index in start..<end {
            workers[index].process(&item)
            if item.rejection != nil { return emit(item) }
        }
        // Taken out while it splits, so the pieces can run through `self`'s other workers.
        guard level < splitters.count, var splitter = splitters[level].take() else {
            // Finished: no splitter is left to cut it.
            pipeline.absentObjects.fill(&item.record)
            return emit(item)
        }
        var pieces = 0
        splitter.split(&item) { piece in
            pieces += 1
            var piece = piece
            self.run(&piece, from: end, splitter: level + 1, emit: emit)
        }
        splitters[level] = splitter
        if item.rejection == nil && pieces == 0 {
            let kind = splitPoints[level].kind
            item.rejection = Rejection(code: "\(kind).no_pieces", message: "stage '\(kind)' cut the page into no piece")
        }
        if item.rejection != nil { emit(item) }
    }
}
