import CLibXML2
import Foundation

/// One worker's libxml2 HTML parser: a parser context made once and reused for every page.
///
/// Options, chosen deliberately:
/// - `HTML_PARSE_RECOVER`: scraped pages are tag soup; build the tree a browser would rather
///   than stop at the first error.
/// - `HTML_PARSE_NONET`: never fetch anything over the network (no DTDs, no entities). libxml2's
///   HTML parser never loads or expands external entities in any case, and its only entities
///   are HTML's predefined ones, so there is no entity-expansion attack to defend against.
/// - `HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING`: a batch run over thousands of pages must not
///   print libxml2's complaints about each page's markup; what matters reaches the record as
///   diagnostics.
/// - `HTML_PARSE_COMPACT`: small text nodes are stored inside the node (fewer allocations);
///   the tree is read-only for us.
/// - `HTML_PARSE_IGNORE_ENC`: the bytes given are already UTF-8 (``CharsetDecoder``), so a
///   `<meta charset>` in them must not switch the parser to another decoder half way.
/// - `HTML_PARSE_NODEFDTD`: no DOCTYPE node is invented; we never serialise.
/// - not `HTML_PARSE_NOBLANKS`: whitespace-only text between inline elements is a space the
///   reader sees ("<b>Median</b> <i>Salary</i>").
/// - not `XML_PARSE_HUGE`: libxml2's hard limits on node depth (256) and text length stay in
///   force, so a hostile page cannot make a worker's memory or the renderer's stack grow without
///   bound (a page past the depth limit is read up to it: ``stop``).
///
/// All of these exist in libxml2 2.9.14 (Debian 12, `xml2-config --version`). libxml2 2.14
/// replaced its HTML tokenizer with one following HTML5; trees of broken markup may differ there.
final class HTMLParser {
    static let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
        | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_COMPACT.rawValue | HTML_PARSE_IGNORE_ENC.rawValue
        | HTML_PARSE_NODEFDTD.rawValue)

    private let context: htmlParserCtxtPtr?

    init() {
        LibXML2.initialize()
        context = htmlNewParserCtxt()
    }

    deinit { if let context { htmlFreeParserCtxt(context) } }

    /// When libxml2 gave up before the end of the last page (elements nested deeper than its
    /// limit of 256, a text node over its size limit): its message and the line it stopped at.
    /// The tree then holds the page up to that point.
    var stop: (message: String, line: Int)? {
        guard let context, context.pointee.disableSAX != 0 else { return nil }
        let error = xmlCtxtGetLastError(UnsafeMutableRawPointer(context))
        let message = error?.pointee.message.map { String(cString: $0) } ?? "parsing stopped"
        return (message.trimmingCharacters(in: .whitespacesAndNewlines), Int(error?.pointee.line ?? 0))
    }

    /// Parses UTF-8 bytes into a document, which the caller frees with `xmlFreeDoc`; nil when
    /// libxml2 gives no tree (it does for anything but an empty input).
    func parse(_ utf8: [UInt8]) -> htmlDocPtr? {
        guard let context, !utf8.isEmpty, utf8.count <= Int(Int32.max) else { return nil }
        return utf8.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                context.pointee.linenumbers = 1
                return htmlCtxtReadMemory(context, pointer, Int32(buffer.count), nil, "UTF-8", Self.options)
            }
        }
    }
}
