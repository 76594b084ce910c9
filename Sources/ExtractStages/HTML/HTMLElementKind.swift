/// How the text renderer treats an element, by its (lowercase) name.
enum HTMLElementKind {
    /// Not rendered, nor anything inside it: script, style, template, noscript, head, and
    /// embedded content whose text is not page text (svg, iframe, object, canvas).
    case skipped
    /// Starts and ends a line (p, div, h1–h6, section, ul, table, …).
    case block
    /// A block that starts with a bullet (`• `).
    case listItem
    /// A table row: `| cell | cell |`.
    case row
    /// A table cell (td, th).
    case cell
    /// A block whose whitespace is kept as written (pre).
    case preformatted
    /// `<br>`: a line break.
    case lineBreak
    /// Everything else: its text flows into the line (span, a, b, em, strong, …).
    case inline

    private static let kinds: [String: HTMLElementKind] = {
        var kinds: [String: HTMLElementKind] = [:]
        for name in ["script", "style", "template", "noscript", "head", "title", "svg", "iframe", "object", "canvas"] {
            kinds[name] = .skipped
        }
        for name in ["address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
                     "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
                     "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "main",
                     "menu", "nav", "ol", "p", "search", "section", "summary", "table", "tbody", "tfoot",
                     "thead", "ul"] {
            kinds[name] = .block
        }
        kinds["li"] = .listItem
        kinds["tr"] = .row
        kinds["td"] = .cell
        kinds["th"] = .cell
        for name in ["pre", "listing", "xmp", "plaintext"] { kinds[name] = .preformatted }
        kinds["br"] = .lineBreak
        return kinds
    }()

    /// The kind of the element named by the NUL-terminated `name` (as libxml2 gives it).
    static func of(_ name: UnsafePointer<UInt8>) -> HTMLElementKind {
        kinds[String(cString: name)] ?? .inline
    }
}
