import ExtractCore
import Foundation

/// Cleans scraped text so patterns can be simple: one kind of bullet, plain spaces, LF line
/// endings, no invisible characters, decoded entities.
///
/// Every step can be turned off. In order, per line:
/// - a leading BOM and zero-width characters (U+200B–U+200D, U+2060, U+FEFF, soft hyphen) are removed;
/// - CRLF and lone CR become LF (`line_endings`);
/// - HTML character references are decoded once, as the WHATWG standard defines them: every named
///   one written with a semicolon and every numeric one (`html_entities`; see ``HTMLCharacterReferences``);
/// - UTF-8 read as Windows-1252 or Latin-1 is repaired where the text shows it: `â€¢` → `•`,
///   `â€™` → `’`, `Ã©` → `é`, while `NESTLÉ®` stays (`mojibake`; see ``MojibakeRepair``);
/// - no-break and typographic spaces become a plain space (`spaces`);
/// - typographic quotes become plain ones, with `quotes: plain` (off by default): `‘ ’ ‚ ‛ ′ ‵` → `'`,
///   `“ ” „ ‟ ″ ‶` → `"`;
/// - text with combining marks is put in Unicode NFC (`unicode`);
/// - trailing spaces are removed (`trailing_spaces`);
/// - a line starting with bullet glyphs (•, ▪, ◦, ●, ·, ‣, ⁃, ∙, ■, and `-`, `*`, `+` when a space
///   follows; also stacked ones like `- •`), indented or not, starts with `bullet` instead (default `• `);
/// - runs of blank lines become at most `blank_lines` blank lines (default 1); blank lines at the
///   start and end of the page are removed.
///
/// The stage keeps a map from the new text back to the original bytes, so spans stay exact.
public struct NormalizeStage: Stage {
    public static let description = StageDescription(
        kind: "normalize",
        summary: "Cleans text: bullets, spaces, line endings, HTML character references, mojibake, quotes, Unicode NFC, blank lines.",
        options: [
            OptionDescription("bullet", "string or false", "what every bullet becomes (default '• '); false keeps bullets as they are"),
            OptionDescription("blank_lines", "integer", "most blank lines kept in a row (default 1; 0 removes blank lines)"),
            OptionDescription("line_endings", "bool", "CRLF and CR to LF (default true)"),
            OptionDescription("html_entities", "bool", "decode every WHATWG character reference once: &amp;, &Aacute;, &#8226;, &#146; (as Windows-1252) … (default true)"),
            OptionDescription("mojibake", "bool", "repair UTF-8 read as Windows-1252 or Latin-1 where the text shows it (â€™, Ã©, C1 controls), leave correct text such as NESTLÉ® alone (default true)"),
            OptionDescription("spaces", "bool", "no-break and typographic spaces to plain spaces, remove zero-width characters (default true)"),
            OptionDescription("quotes", "plain or keep", "plain: ‘ ’ ‚ ‛ ′ ‵ become ' and “ ” „ ‟ ″ ‶ become \" (default keep)"),
            OptionDescription("unicode", "bool", "Unicode NFC (default true)"),
            OptionDescription("trailing_spaces", "bool", "remove spaces at line ends (default true)"),
        ],
        example: """
        - stage: normalize
          bullet: "- "
          blank_lines: 0
        """
    )

    struct Settings: Sendable {
        var bullet: [UInt8]? = Array("• ".utf8)
        var blankLines = 1
        var lineEndings = true
        var entities = true
        var mojibake = true
        var spaces = true
        /// `quotes: plain`: typographic quotes become `'` and `"`.
        var plainQuotes = false
        var unicode = true
        var trailingSpaces = true
    }

    let settings: Settings
    /// Set by an earlier stage (html) that decoded the page's character references, when there is one.
    let referencesDecoded: AttachmentSlot<DecodedCharacterReferences>?

    public init(options: ConfigNode.Options, context: BuildContext) throws {
        var settings = Settings()
        if let node = options.optional("bullet") {
            if case .scalar(let scalar) = node.node, scalar.style == .plain, scalar.string == "false" {
                settings.bullet = nil
            } else if let text = node.string() {
                if text.isEmpty || text.contains("\n") {
                    node.report("bullet must be a short marker such as '• ' or '- '", expected: "a non-empty string without newlines")
                }
                settings.bullet = Array(text.utf8)
            }
        }
        if let value = options.optional("blank_lines")?.int(in: 0...100) { settings.blankLines = value }
        if let value = options.optional("line_endings")?.bool() { settings.lineEndings = value }
        if let value = options.optional("html_entities")?.bool() { settings.entities = value }
        if let value = options.optional("mojibake")?.bool() { settings.mojibake = value }
        if let value = options.optional("spaces")?.bool() { settings.spaces = value }
        if let value = options.optional("quotes")?.choice(["plain", "keep"]) { settings.plainQuotes = value == "plain" }
        if let value = options.optional("unicode")?.bool() { settings.unicode = value }
        if let value = options.optional("trailing_spaces")?.bool() { settings.trailingSpaces = value }
        self.settings = settings
        referencesDecoded = context.attachment(DecodedCharacterReferences.self)
    }

    public func makeWorker(_ resources: WorkerResources) -> Worker { Worker(settings: settings, referencesDecoded: referencesDecoded) }
}
