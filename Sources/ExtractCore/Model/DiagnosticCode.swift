/// A kind of diagnostic a stage can give: declared once by the stage (listed in its
/// ``StageDescription/codes``, which `extract stages` shows) and named when a diagnostic is made,
/// so a diagnostic's stage and code always agree and every code has a meaning written down.
public struct DiagnosticCode: Sendable, Hashable {
    /// The kind of stage that gives it (`segment`), or `input` for what is found as a page is read.
    public let stage: String
    /// Its name within the stage (`missing_section`).
    public let name: String
    /// The dotted code records carry (`segment.missing_section`): stable, scripts may rely on it.
    public let code: String
    /// What it means, in a sentence (shown by `extract stages` and the README's Diagnostics table).
    public let meaning: String

    public init(stage: String, name: String, meaning: String) {
        self.stage = stage
        self.name = name
        code = stage + "." + name
        self.meaning = meaning
    }
}
