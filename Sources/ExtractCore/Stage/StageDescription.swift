/// What a stage kind is and how to configure it: shown by `extract stages`, used in tests.
public struct StageDescription: Sendable {
    /// The name used in pipeline files (`stage: fields`).
    public var kind: String
    public var summary: String
    public var options: [OptionDescription]
    /// A small pipeline-file snippet using this stage; tests build it.
    public var example: String
    /// The diagnostics the stage can give (each with stage `kind`), with what they mean.
    public var codes: [DiagnosticCode]

    public init(kind: String, summary: String, options: [OptionDescription], example: String, codes: [DiagnosticCode] = []) {
        self.kind = kind
        self.summary = summary
        self.options = options
        self.example = example
        self.codes = codes
    }

    /// The option names, for checking a stage entry's keys.
    public var optionNames: [String] { options.map(\.name) }
}

public struct OptionDescription: Sendable {
    public var name: String
    /// The expected type in words: "string", "list of strings", "mapping of name to pattern".
    public var type: String
    public var summary: String
    public var required: Bool

    public init(_ name: String, _ type: String, _ summary: String, required: Bool = false) {
        self.name = name
        self.type = type
        self.summary = summary
        self.required = required
    }
}
