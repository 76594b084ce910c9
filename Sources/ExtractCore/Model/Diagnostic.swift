/// Something a stage could not read on one document. Carried in the record, counted in the summary.
///
/// It is made from a ``DiagnosticCode`` the stage declares: `stage` and `code` (a stable dotted
/// identifier such as `segment.missing_section` that scripts may rely on) come from it.
public struct Diagnostic: Sendable, Equatable {
    /// The kind of the stage that gave it (`input` for the checks made as a page is read).
    public let stage: String
    public var field: String?
    /// The dotted code, `stage.name`.
    public let code: String
    public var message: String
    /// Where in the original document, when the problem has a place.
    public var span: Span?

    public init(_ code: DiagnosticCode, field: String? = nil, message: String, span: Span? = nil) {
        stage = code.stage
        self.field = field
        self.code = code.code
        self.message = message
        self.span = span
    }
}
