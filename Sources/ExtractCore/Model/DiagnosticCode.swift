/// A kind of diagnostic a stage can give: declared once by the stage (listed in its
/// ``StageDescription/codes``, which `extract stages` shows) and named when a diagnostic is made,
/// so a diagnostic's stage and code always agree and every code has a meaning written down.
///
/// A stage that passes on codes it cannot know in advance (the `exec` stage gives the codes its
/// program names) declares them as one ``family(stage:placeholder:meaning:)`` and makes each
/// diagnostic from a ``member(_:)`` of it.
public struct DiagnosticCode: Sendable, Hashable {
    /// The kind of stage that gives it (`segment`), or `input` for what is found as a page is read.
    public let stage: String
    /// Its name within the stage (`missing_section`); for a family, the placeholder (`CODE`).
    public let name: String
    /// The dotted code records carry (`segment.missing_section`): stable, scripts may rely on it.
    public let code: String
    /// What it means, in a sentence (shown by `extract stages` and the README's Diagnostics table).
    public let meaning: String
    /// Whether this stands for every code `stage.NAME` whose name the stage learns as it runs.
    public let isFamily: Bool

    public init(stage: String, name: String, meaning: String) {
        self.init(stage: stage, name: name, meaning: meaning, isFamily: false)
    }

    private init(stage: String, name: String, meaning: String, isFamily: Bool) {
        self.stage = stage
        self.name = name
        code = stage + "." + name
        self.meaning = meaning
        self.isFamily = isFamily
    }

    /// Every code `stage.NAME` with a name known only as the stage runs; `placeholder` stands for
    /// the name where the family is shown (`exec.CODE`).
    public static func family(stage: String, placeholder: String, meaning: String) -> DiagnosticCode {
        DiagnosticCode(stage: stage, name: placeholder, meaning: meaning, isFamily: true)
    }

    /// The code of this family named `name` (`exec.` + the name a program gave).
    public func member(_ name: String) -> DiagnosticCode {
        DiagnosticCode(stage: stage, name: name, meaning: meaning)
    }

    /// Whether a diagnostic's dotted code is this one, or, for a family, one of its members.
    public func covers(_ dotted: String) -> Bool {
        guard isFamily else { return dotted == code }
        return dotted.hasPrefix(stage + ".") && dotted.utf8.count > stage.utf8.count + 1
    }
}
