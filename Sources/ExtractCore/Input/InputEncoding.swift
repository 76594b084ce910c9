/// How a text page that is not UTF-8 is read (`--encoding`). Whatever this says, a page that is
/// valid UTF-8 is read as UTF-8, byte for byte; a page that starts with a UTF-16 byte order
/// mark is read as UTF-16; a page with a NUL byte (and no such mark) is binary.
public enum InputEncoding: String, Sendable, CaseIterable {
    /// Read as Windows-1252 when its bytes look like Western text in it
    /// (``Windows1252Evidence``), rejected (`input.not_utf8`) otherwise.
    case auto
    /// Rejected (`input.not_utf8`).
    case utf8 = "utf-8"
    /// Read as Windows-1252, which also reads Latin-1 (ISO-8859-1) text.
    case cp1252
}
