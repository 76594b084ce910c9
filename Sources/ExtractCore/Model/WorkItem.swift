/// What one document becomes on its way through the stages; every stage reads and adds to it.
///
/// `text` starts as the document's bytes and is replaced by stages that rewrite text (normalize),
/// which also extend `offsets` so spans still point into the original bytes.
public struct WorkItem: Sendable {
    public let document: Document
    /// The current text, UTF-8, validated once when the document was read; or, in a pipeline
    /// whose first stage decodes bytes (``Pipeline/readsUndecodedBytes``), the document's bytes
    /// until that stage has made them UTF-8 text.
    public var text: [UInt8]
    /// Maps offsets in `text` to offsets in `document.bytes`.
    public var offsets: OffsetMap
    /// Byte ranges of named sections in `text`, by ``SectionID``; nil when absent.
    public var sections: [Range<Int>?]
    public var record: Record
    /// Set when the document cannot give a record; later stages skip it.
    public var rejection: Rejection?
    /// What stages leave for later stages beside the record, in the slots the pipeline's stages
    /// declared when it was built (see ``AttachmentKey``).
    public var attachments: Attachments

    public init(document: Document, sectionCount: Int, fieldCount: Int, attachmentCount: Int = 0) {
        self.document = document
        text = document.bytes
        offsets = OffsetMap()
        sections = Array(repeating: nil, count: sectionCount)
        record = Record(source: document.source, fieldCount: fieldCount)
        attachments = Attachments(count: attachmentCount)
    }

    /// Adds a diagnostic to the record.
    public mutating func diagnose(_ diagnostic: Diagnostic) { record.diagnostics.append(diagnostic) }

    /// The original span of a range of the current text.
    public func span(of range: Range<Int>) -> Span { offsets.span(range) }

    /// The text of a range as a String.
    public func string(_ range: Range<Int>) -> String { String(decoding: text[range], as: UTF8.self) }
}
