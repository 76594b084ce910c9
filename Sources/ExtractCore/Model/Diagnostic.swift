/// Something a stage could not read on one document. Carried in the record, counted in the summary.
///
/// `code` is a stable dotted identifier (`segment.missing_section`, `fields.unparsed`,
/// `resolve.unresolved`) that scripts may rely on.
public struct Diagnostic: Sendable, Equatable {
    public var stage: String
    public var field: String?
    public var code: String
    public var message: String
    /// Where in the original document, when the problem has a place.
    public var span: Span?

    public init(stage: String, field: String? = nil, code: String, message: String, span: Span? = nil) {
        self.stage = stage
        self.field = field
        self.code = code
        self.message = message
        self.span = span
    }
}
