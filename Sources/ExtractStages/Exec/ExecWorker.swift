import ExtractCore

/// One worker's side of an `exec` stage: its child process, started on the worker's first
/// document and kept for the next ones, replaced after any failure, and stopped (stdin closed,
/// then killed if it lingers) when the worker ends with the run.
public struct ExecWorker: StageWorker {
    let stage: ExecStage
    /// The running program; nil before the first document and after a failure.
    private var child: ExecChild?
    /// The request line, its capacity reused from document to document.
    private var request: [UInt8] = []

    init(stage: ExecStage) { self.stage = stage }

    public mutating func process(_ item: inout WorkItem) {
        ExecRequest.write(item, fields: stage.inputFields, sections: stage.sectionNames, into: &request)
        let source = item.document.source
        let running: ExecChild
        var allowed = stage.timeout.nanoseconds
        if let child {
            running = child
        } else {
            allowed += stage.startTimeout.nanoseconds
            do {
                running = try ExecChild.start(stage.command)
            } catch {
                item.rejection = ExecCode.notStarted.rejection(error.message)
                return
            }
            child = running
        }
        let name = "'\(stage.command.name)'"
        let failure: Rejection
        switch running.exchange(request, deadline: ExecChild.now() + allowed, label: source) {
        case .answered(let line):
            switch ExecResponse.read(line) {
            case .success(let response):
                apply(response, to: &item)
                return
            case .failure(let invalid):
                failure = ExecCode.badResponse.rejection("\(name) answered with no response: \(invalid.reason)")
            }
        case .answeredMoreThanOneLine:
            failure = ExecCode.badResponse.rejection("\(name) answered with more than one line")
        case .unrequestedOutput(let bytes):
            failure = ExecCode.badResponse.rejection(
                "\(name) wrote to stdout before it was sent this document (after its last answer?): \(ExecResponse.quoted(bytes))")
        case .tooLong:
            failure = ExecCode.badResponse.rejection("\(name) answered with a line longer than \(ExecChild.longestAnswer >> 20) MiB")
        case .closed:
            let status = running.exitStatus(label: source)
            failure = ExecCode.crashed.rejection("\(name) \(ExecChild.describe(waitStatus: status)) before answering")
        case .timedOut:
            let starting = allowed > stage.timeout.nanoseconds ? " (and \(stage.startTimeout.description) to start)" : ""
            failure = ExecCode.timeout.rejection("\(name) did not answer within \(stage.timeout.description)\(starting); it was killed")
        case .failed(let number):
            failure = ExecCode.crashed.rejection("talking to \(name) failed: \(ExecChild.errorText(number))")
        }
        item.rejection = failure
        running.kill(label: source)
        child = nil
    }

    /// Sets the fields the answer gives (declared ones that fit their shape) and adds its diagnostics,
    /// or rejects the document as the program asked.
    private func apply(_ response: ExecResponse, to item: inout WorkItem) {
        if let reason = response.rejection {
            item.rejection = ExecCode.rejected.rejection(reason)
            return
        }
        for member in response.fields {
            guard let field = stage.provided[member.key] else {
                item.diagnose(ExecCode.undeclaredField.diagnostic(
                    field: member.key, "'\(stage.command.name)' set field '\(member.key)', which the stage does not provide"
                        + " (provides: \(stage.provided.keys.sorted().joined(separator: ", ")))"))
                continue
            }
            if let problem = ExecShape.mismatch(member.value, field.shape, path: member.key) {
                item.record[field.id] = .null
                item.diagnose(ExecCode.wrongShape.diagnostic(field: member.key, problem))
            } else {
                item.record[field.id] = ExecShape.completed(member.value, field.shape)
            }
        }
        for note in response.diagnostics {
            item.diagnose(Diagnostic(stage: "exec", field: note.field, code: "exec." + note.code, message: note.message))
        }
    }
}
