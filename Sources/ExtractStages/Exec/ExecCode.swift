import ExtractCore

/// The `exec` stage's codes. A program that fails on a document (does not start, dies, hangs,
/// answers with something that is not a response) rejects that document, so the record is never
/// written without the fields the program was to give, and `--rejects` lists it for a re-run;
/// a field the program answers wrongly is a diagnostic on a record that is written.
enum ExecCode: String, CaseIterable {
    /// Rejection: the program could not be started (it was removed, or the system refused).
    case notStarted = "exec.not_started"
    /// Rejection: the program exited, or closed its stdout, before answering.
    case crashed = "exec.crashed"
    /// Rejection: the program did not answer within the timeout; it was killed.
    case timeout = "exec.timeout"
    /// Rejection: the answer was not a response (not JSON, not an object, an unknown key, more
    /// than one line, output before the document was sent, longer than 64 MiB).
    case badResponse = "exec.bad_response"
    /// Rejection: the program answered `{"reject": reason}`.
    case rejected = "exec.rejected"
    /// Diagnostic: the answer set a field the stage does not declare in `provides`; it was dropped.
    case undeclaredField = "exec.undeclared_field"
    /// Diagnostic: a field's value does not fit its declared shape; the field is null.
    case wrongShape = "exec.wrong_shape"

    func rejection(_ message: String) -> Rejection { Rejection(code: rawValue, message: message) }

    func diagnostic(field: String?, _ message: String) -> Diagnostic {
        Diagnostic(stage: "exec", field: field, code: rawValue, message: message)
    }
}
