import ExtractCore
import ExtractStages

/// What `extract inspect` shows of one page: every field with its value, the spans of the page
/// its values came from (marks), the diagnostics, the sections, and how each organisation
/// mention resolved. Built from the finished work item; rendered by ``InspectionPage``.
struct Inspection {
    /// A field of the pipeline's schema: the fields of `record:` in their order, then any the
    /// stages provide that the record leaves out.
    struct Field {
        var name: String
        var value: Value
        var inRecord: Bool
        /// The marks of its value (for a list: the whole list's, then each item's).
        var marks: [Int] = []
    }

    enum MarkKind: String {
        /// A field's value.
        case value
        /// A list field as a whole: from its first item to its last.
        case list
        /// One item of a list field.
        case item
    }

    /// A span of the page that a value came from.
    struct Mark {
        var id: Int
        /// Index into ``Inspection/fields``.
        var field: Int
        /// The item's position, for ``MarkKind/item``.
        var item: Int?
        var kind: MarkKind
        var span: Span
        var value: Value
        /// How the organisations this value names resolved.
        var entities: [MentionExplanation] = []
    }

    /// A named section of the page and its span; nil when its heading was not found.
    struct Band {
        var name: String
        var span: Span?
    }

    var source: String
    var pipelineFile: String
    var bytes: [UInt8]
    var fields: [Field] = []
    var marks: [Mark] = []
    var diagnostics: [Diagnostic]
    var bands: [Band]
    var entities: [MentionExplanation]
    /// Why the page gave no record, when it did not (what was extracted before is still shown).
    var rejection: Rejection?
    /// How many records (and rejected pieces) the page gave: more than one when a stage split it.
    var records = 1

    init(item: WorkItem, pipeline: Pipeline, entities: [MentionExplanation] = []) {
        source = item.document.source
        pipelineFile = pipeline.file
        bytes = item.document.bytes
        diagnostics = item.record.diagnostics
        rejection = item.rejection
        self.entities = entities
        bands = pipeline.sectionNames.enumerated().map { index, name in
            Band(name: name, span: index < item.sections.count ? item.sections[index].map(item.span(of:)) : nil)
        }
        let schema = pipeline.schema
        let others = schema.fields.filter { !schema.output.contains($0.id) }
        for field in schema.outputFields + others {
            addField(field, of: item.record, inRecord: schema.output.contains(field.id))
        }
        for explanation in entities {
            guard let field = fields.firstIndex(where: { $0.name == explanation.field }),
                  let mark = fields[field].marks.first(where: { marks[$0].item == explanation.item && marks[$0].kind != .list })
            else { continue }
            marks[mark].entities.append(explanation)
        }
    }

    private mutating func addField(_ field: Schema.Field, of record: Record, inRecord: Bool) {
        let value = record[field.id] ?? .null
        let position = fields.count
        fields.append(Field(name: field.name, value: value, inRecord: inRecord))
        let index = field.id.index
        if let items = record.itemSpans[index] {
            if let whole = record.spans[index] { addMark(field: position, item: nil, kind: .list, span: whole, value: value) }
            let values: [Value]
            if case .list(let list) = value { values = list } else { values = [] }
            for (itemIndex, span) in items.enumerated() {
                addMark(field: position, item: itemIndex, kind: .item, span: span,
                        value: itemIndex < values.count ? values[itemIndex] : .null)
            }
        } else if let span = record.spans[index] {
            addMark(field: position, item: nil, kind: .value, span: span, value: value)
        }
    }

    private mutating func addMark(field: Int, item: Int?, kind: MarkKind, span: Span, value: Value) {
        let clamped = Span(start: min(max(0, span.start), bytes.count), end: min(max(span.start, span.end), bytes.count))
        fields[field].marks.append(marks.count)
        marks.append(Mark(id: marks.count, field: field, item: item, kind: kind, span: clamped, value: value))
    }
}

extension Inspection {
    /// Runs the page through `pipeline` and explains the mentions of every resolve stage, each
    /// re-resolved from the page's text as it reached that stage (the pipeline up to it run
    /// again), so the run itself records nothing extra. `record`: which of the records of a page
    /// that a stage splits, from 1 (the last when there are fewer; ``records`` says how many).
    static func make(document: Document, pipeline: Pipeline, inputEncoding: InputEncoding, record: Int = 1) -> Inspection {
        var worker = pipeline.makeWorker(inputEncoding: inputEncoding)
        let items = worker.processAll(document)
        let index = min(max(record, 1), items.count) - 1
        let item = items[index]
        var entities: [MentionExplanation] = []
        for (position, stage) in pipeline.stages.enumerated() {
            guard let resolve = stage as? ResolveStage else { continue }
            let upToIt = Pipeline(file: pipeline.file, name: pipeline.name, stages: Array(pipeline.stages[..<position]),
                                  schema: pipeline.schema, sectionNames: pipeline.sectionNames, limits: pipeline.limits,
                                  readsUndecodedBytes: pipeline.readsUndecodedBytes)
            var earlier = upToIt.makeWorker(inputEncoding: inputEncoding)
            // The same piece as it reached the stage (a piece rejected later is still a piece).
            let pieces = earlier.processAll(document)
            if pieces.indices.contains(index), pieces[index].rejection == nil { entities += resolve.explain(pieces[index]) }
        }
        var inspection = Inspection(item: item, pipeline: pipeline, entities: entities)
        inspection.records = items.count
        return inspection
    }
}
