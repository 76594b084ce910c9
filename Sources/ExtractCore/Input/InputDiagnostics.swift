/// The diagnostics given as a page is read and checked, before (or, for a stage that takes
/// undecoded bytes, by) the first stage: stage `input`.
public enum InputDiagnostics {
    public static let stage = "input"

    public static let cutCharacter = DiagnosticCode(
        stage: stage, name: "cut_character",
        meaning: "the page ended inside a UTF-8 character; those bytes were dropped")
    public static let decodedCP1252 = DiagnosticCode(
        stage: stage, name: "decoded_cp1252",
        meaning: "the text page was not UTF-8 and was read as Windows-1252 (`--encoding auto` or `cp1252`); the span is its first byte that is not UTF-8")
    public static let unreadableCharacters = DiagnosticCode(
        stage: stage, name: "unreadable_characters",
        meaning: "bytes of a UTF-16 text page that are not UTF-16 (half a surrogate pair, an odd last byte) became U+FFFD")

    /// Every input diagnostic, for `extract stages` and the README.
    public static let codes = [cutCharacter, decodedCP1252, unreadableCharacters]
}
