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

extension InputEncoding {
    /// Charset labels that name Windows-1252, lowercased: its own names and those the HTML
    /// standard reads as it (`iso-8859-1`, `latin1`, `us-ascii`, …), as browsers do.
    public static let windows1252Labels: Set<String> = [
        "windows-1252", "cp1252", "x-cp1252", "iso-8859-1", "iso8859-1", "iso_8859-1", "iso88591",
        "iso_8859-1:1987", "latin1", "l1", "us-ascii", "ascii", "ansi_x3.4-1968", "cp819", "ibm819",
        "csisolatin1", "iso-ir-100",
    ]

    /// The encoding to read a page with: `auto` becomes `cp1252` when the transport declared a
    /// Windows-1252 charset (a WARC record's `Content-Type: text/plain; charset=ISO-8859-1`), so
    /// the declaration is followed rather than guessed at. A choice the user made stands.
    func honoring(declaredCharset charset: String?) -> InputEncoding {
        guard self == .auto, let charset, Self.windows1252Labels.contains(charset) else { return self }
        return .cp1252
    }
}
