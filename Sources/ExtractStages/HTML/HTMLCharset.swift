import ExtractCore
import Foundation

/// The character encoding of an HTML page, and where the page said so.
///
/// Found in the HTML standard's order: a byte order mark, then the charset the transport gave
/// (a WARC record's `Content-Type` header, ``ExtractCore/DocumentMetadata/charset``), then a
/// `<meta charset>` or `<meta http-equiv="Content-Type" content="…; charset=…">` in the first
/// 1024 bytes, then UTF-8. Labels are read as the WHATWG Encoding standard reads them:
/// `iso-8859-1`, `latin1`, `us-ascii` and `ascii` mean Windows-1252 (which assigns 0x80–0x9F),
/// and a `<meta>` naming UTF-16 means UTF-8 (a page that could be read as ASCII to find the
/// tag is not UTF-16). A label no decoder knows is skipped, as the standard says.
struct HTMLCharset: Equatable {
    enum Encoding: Equatable {
        case utf8
        case utf16LE
        case utf16BE
        case windows1252
        /// Any other charset iconv knows, by the name iconv accepts.
        case iconv(String)
    }

    enum Origin: String {
        case byteOrderMark = "byte order mark"
        case transport = "HTTP header"
        case meta = "<meta> tag"
        case none = "default"
    }

    var encoding: Encoding
    var origin: Origin
    /// Bytes of byte order mark at the start of the page.
    var bomLength = 0

    /// How many bytes of the page the `<meta>` prescan reads (the HTML standard's figure).
    static let prescanLength = 1024

    /// The charset of a page. `knownUTF8`: the reader made the bytes from decoded text (a JSON
    /// Lines string), so they are UTF-8 whatever the page's `<meta>` still says.
    static func detect(_ bytes: UnsafeBufferPointer<UInt8>, transportLabel: String?, knownUTF8: Bool = false) -> HTMLCharset {
        let mark = ByteOrderMark.of(bytes)
        if mark == .utf8 { return HTMLCharset(encoding: .utf8, origin: .byteOrderMark, bomLength: 3) }
        if knownUTF8 { return HTMLCharset(encoding: .utf8, origin: .transport) }
        if let mark { return HTMLCharset(encoding: mark == .utf16LE ? .utf16LE : .utf16BE, origin: .byteOrderMark, bomLength: 2) }
        if let transportLabel, let encoding = encoding(label: transportLabel) {
            return HTMLCharset(encoding: encoding, origin: .transport)
        }
        if let label = MetaCharsetScanner.charsetLabel(UnsafeBufferPointer(rebasing: bytes.prefix(prescanLength))),
           var encoding = encoding(label: label) {
            if encoding == .utf16LE || encoding == .utf16BE { encoding = .utf8 }
            return HTMLCharset(encoding: encoding, origin: .meta)
        }
        return HTMLCharset(encoding: .utf8, origin: .none)
    }

    /// The encoding a charset label names, or nil when none known here or to iconv.
    static func encoding(label: String) -> Encoding? {
        let name = label.trimmingCharacters(in: .whitespaces).lowercased()
        switch name {
        case "utf-8", "utf8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "x-unicode20utf8":
            return .utf8
        case "utf-16", "utf-16le", "unicode", "ucs-2", "csunicode", "iso-10646-ucs-2", "unicodefeff":
            return .utf16LE
        case "utf-16be", "unicodefffe":
            return .utf16BE
        case _ where InputEncoding.windows1252Labels.contains(name):
            return .windows1252
        default:
            // Charset labels are ASCII names; iconv would take anything else (an empty or
            // non-ASCII name) for the C locale's ASCII and read every other byte as U+FFFD.
            guard !name.isEmpty, name.utf8.allSatisfy(Self.isLabelByte), IconvDecoder.knows(name) else { return nil }
            return .iconv(name)
        }
    }

    private static func isLabelByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":")
    }

    /// How the charset is named in messages.
    var name: String {
        switch encoding {
        case .utf8: "UTF-8"
        case .utf16LE: "UTF-16LE"
        case .utf16BE: "UTF-16BE"
        case .windows1252: "windows-1252"
        case .iconv(let name): name
        }
    }
}
