import CLibXML2
import ExtractCore

/// Turns an HTML page into the text pipelines read, with libxml2's HTML parser; a plain-text
/// page passes through as it is, so one pipeline reads text dumps and HTML alike.
///
/// It is the pipeline's first stage and takes the page's bytes undecoded
/// (``BuildContext/acceptUndecodedBytes(at:)``):
/// - a page is HTML when the transport says `text/html` or its bytes start like HTML
///   (``HTMLSniffer``); anything else is checked and decoded as the runner would (empty,
///   binary, UTF-16, Windows-1252 or `input.not_utf8` as `--encoding` says) and left unchanged;
/// - an HTML page is decoded to UTF-8 in the charset its byte order mark, the HTTP header of a
///   WARC record, or its `<meta>` names (``HTMLCharset``); an undeclared page that is not UTF-8
///   is read as Windows-1252 with an `html.charset_guessed` diagnostic (rejected under
///   `--encoding utf-8`); a page declared UTF-8 that is not is rejected (`input.not_utf8`);
/// - the subtrees `drop` names are removed, the tree under `select` (all of it when `select`
///   is not given, or matches nothing: `html.select_missing`) is rendered (``HTMLRenderer``),
///   and the map from the text back to the page's bytes is kept.
public struct HTMLStage: Stage {
    static let kind = "html"

    /// The diagnostics the stage gives (besides the input checks' on a page it reads as text, and
    /// `input.cut_character`).
    public enum Codes {
        public static let charsetGuessed = DiagnosticCode(
            stage: kind, name: "charset_guessed", meaning: "an HTML page named no charset and was not UTF-8: it was read as Windows-1252")
        public static let unreadableCharacters = DiagnosticCode(
            stage: kind, name: "unreadable_characters", meaning: "bytes of an HTML page that its charset cannot read became U+FFFD")
        public static let selectMissing = DiagnosticCode(
            stage: kind, name: "select_missing", meaning: "the `html` stage's `select` matched nothing: the whole page was read")
        public static let parseStopped = DiagnosticCode(
            stage: kind, name: "parse_stopped",
            meaning: "libxml2 gave up before the page's end (elements nested deeper than 256): the text after that point is missing")
        static let all = [charsetGuessed, unreadableCharacters, selectMissing, parseStopped]
    }

    public static let description = StageDescription(
        kind: kind,
        summary: "Renders HTML pages as text (blocks on lines, • list items, | table | rows |, entities decoded) with libxml2; passes plain text through. Must be the first stage.",
        options: [
            OptionDescription("select", "XPath", "the content root(s) to render, e.g. //main (default: the whole page); a page where it matches nothing is rendered whole, with an html.select_missing diagnostic"),
            OptionDescription("drop", "XPath or list of XPaths", "subtrees left out, e.g. //nav or //*[@class='ad']"),
        ],
        example: """
        - stage: html
          select: //main
          drop: ["//aside", "//*[@class='share']"]
        """,
        codes: Codes.all
    )

    let select: String?
    let drop: [String]
    let referencesDecoded: AttachmentSlot<DecodedCharacterReferences>

    public init(options: ConfigNode.Options, context: BuildContext) throws {
        LibXML2.initialize()
        context.acceptUndecodedBytes(at: options.node)
        referencesDecoded = context.provideAttachment(DecodedCharacterReferences.self)
        var select: String?
        if let node = options.optional("select"), let expression = node.string() {
            if Self.check(expression, at: node) { select = expression }
        }
        var drop: [String] = []
        if let node = options.optional("drop") {
            // One XPath or a list of them (`list()` gives a single value as a list of one).
            for entry in node.list() ?? [] {
                if let expression = entry.string(), Self.check(expression, at: entry) { drop.append(expression) }
            }
        }
        self.select = select
        self.drop = drop
    }

    /// Whether `expression` compiles and selects nodes; reports it at `node` when not.
    private static func check(_ expression: String, at node: ConfigNode) -> Bool {
        let query: XPathQuery
        do {
            query = try XPathQuery(expression)
        } catch {
            node.report("invalid XPath: \(error.message)", atOffset: error.offset,
                        expected: "an XPath 1.0 expression selecting elements, e.g. //main")
            return false
        }
        guard let kind = query.resultKindOnEmptyPage(), kind != "node-set" else { return true }
        node.report("XPath '\(expression)' gives a \(kind), not elements", expected: "an XPath selecting elements, e.g. //main")
        return false
    }

    public func makeWorker(_ resources: WorkerResources) -> Worker {
        Worker(select: select.flatMap { try? XPathQuery($0) }, drop: drop.compactMap { try? XPathQuery($0) },
               inputEncoding: resources.inputEncoding, referencesDecoded: referencesDecoded)
    }
}
