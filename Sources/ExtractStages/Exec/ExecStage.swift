import ExtractCore

/// Runs a program in any language as a stage: each worker streams its documents to a long-lived
/// child process as JSON Lines and merges the fields it answers with.
///
/// The program is started by a worker on its first document and reused for the next ones (one
/// child per worker). For each document it gets one line (``ExecRequest``: source, text, the
/// fields set so far, the sections) and answers with one line (``ExecResponse``: fields,
/// diagnostics, or a rejection). Only the fields declared in `provides` may be set, and each
/// value is checked against its declared shape (``ExecShape``). A child that dies, outlives the
/// timeout or answers with something that is not a response rejects that document
/// (``ExecCode``) and is replaced by a fresh one for the next. Its stderr is forwarded with the
/// document's source (``ExecStderr``); children still running when the run ends are stopped.
public struct ExecStage: Stage {
    public static let description = StageDescription(
        kind: "exec",
        summary: "Runs a program in any language over each document: one JSON line in ({source, text, fields, sections}), one JSON line out ({fields, diagnostics} or {reject}), flushed; one child per worker, kept for its documents. A crash, a timeout or a bad answer rejects that document (exec.crashed, exec.timeout, exec.bad_response) and the program is restarted; its stderr is forwarded as 'exec[SOURCE]: line'.",
        options: [
            OptionDescription("command", "string",
                              "the program: a name with a '/' is a path from the pipeline file's folder (./plugin.py), any other is looked up on PATH (python3); it must exist and be executable when the pipeline is built",
                              required: true),
            OptionDescription("args", "list of strings", "its arguments, passed as written"),
            OptionDescription("provides", "mapping of field name to shape",
                              "the fields it may set, each with its shape: scalar, list (of scalars), object (any keys), [SHAPE] (a list of SHAPE) or {key: SHAPE, ...} (an object with those keys); a value of another shape is a diagnostic",
                              required: true),
            OptionDescription("timeout", "duration",
                              "how long one document may take, from writing its line to reading the answer: e.g. 500ms, 2s, 1m; default 10s"),
            OptionDescription("start_timeout", "duration",
                              "how much longer a freshly started program may take on its first document (an interpreter starting, imports); default 10s"),
            OptionDescription("env", "mapping of name to string", "environment variables added to (or replacing) those extract runs with"),
            OptionDescription("working_directory", "string", "the folder it runs in (relative to the pipeline file's folder); default: the pipeline file's folder"),
        ],
        example: """
        - stage: exec
          command: plugins/word_count.py
          timeout: 5s
          provides: { word_count: scalar, longest_word: scalar }
        """
    )

    /// What the program is and how it is started.
    let command: ExecCommand
    /// How long one document may take.
    let timeout: ExecTimeout
    /// How much longer the first document of a freshly started program may take.
    let startTimeout: ExecTimeout
    /// The fields the program may set, by name, with their IDs and declared shapes.
    let provided: [String: Schema.Field]
    /// The fields earlier stages provide, sent with each document when set.
    let inputFields: [Schema.Field]
    /// The sections earlier stages provide, by ``SectionID`` index.
    let sectionNames: [String]

    public init(options: ConfigNode.Options, context: BuildContext) throws {
        let before = context.issues.issues.count
        let directory = ExecCommand.workingDirectory(options, context: context)
        let command = ExecCommand.read(
            command: options.required("command", expected: "a program: a path or a name on PATH"),
            args: options.optional("args"), env: options.optional("env"), directory: directory, context: context)
        let timeout = ExecTimeout.read(options.optional("timeout")) ?? ExecTimeout.standard
        let startTimeout = ExecTimeout.read(options.optional("start_timeout")) ?? ExecTimeout.standard
        inputFields = context.schema.fields
        sectionNames = context.sections
        var provided: [String: Schema.Field] = [:]
        if let node = options.required("provides", expected: "a mapping of field names to shapes, e.g. { word_count: scalar }"),
           let entries = node.entries() {
            if entries.isEmpty { node.report("provides names no field", expected: "at least one field, e.g. { word_count: scalar }") }
            for entry in entries {
                guard let shape = ExecShape.read(entry.value) else { continue }
                let id = context.provideField(entry.key, shape: shape, at: entry.keyNode)
                provided[entry.key] = Schema.Field(id: id, name: entry.key, shape: shape)
            }
        }
        guard context.issues.issues.count == before, let command else { throw StageBuildFailed() }
        self.command = command
        self.timeout = timeout
        self.startTimeout = startTimeout
        self.provided = provided
    }

    public func makeWorker(_ resources: WorkerResources) -> ExecWorker { ExecWorker(stage: self) }
}
