/// Tells an HTML page from a plain-text page: by the media type the transport declared
/// (`text/html`, `application/xhtml+xml`), else by how the bytes start. After a byte order mark
/// and whitespace, an HTML page starts with `<!doctype html`, a comment, or `<` and the name of
/// an HTML element (`<html`, `<head`, `<body`, `<div`, `<meta` …) followed by a space, `>` or
/// `/`, in any case. Bytes of a UTF-16 page (byte order mark FF FE or FE FF) are read as UTF-16.
enum HTMLSniffer {
    static let tagNames: Set<String> = [
        "html", "head", "body", "meta", "title", "link", "script", "style", "base", "div", "p", "span", "a",
        "table", "main", "article", "section", "header", "footer", "nav", "aside", "ul", "ol", "li", "h1",
        "h2", "h3", "h4", "h5", "h6", "br", "img", "form", "pre", "noscript", "template", "iframe",
    ]

    static func isHTML(_ bytes: [UInt8], contentType: String?) -> Bool {
        if let contentType, contentType == "text/html" || contentType == "application/xhtml+xml" { return true }
        // Most text pages start with a letter: no `<` after the spaces, not HTML.
        if !(bytes.count >= 2 && (bytes[0] == 0xFF || bytes[0] == 0xFE)) {
            var first = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
            while first < bytes.count, bytes[first] == 0x20 || (bytes[first] >= 0x09 && bytes[first] <= 0x0D) { first += 1 }
            guard first < bytes.count, bytes[first] == UInt8(ascii: "<") else { return false }
        }
        // The first characters, as ASCII (a UTF-16 page's are every other byte).
        var start = 0
        var stride = 1
        var lowByte = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            start = 3
        } else if bytes.starts(with: [0xFF, 0xFE]) {
            start = 2; stride = 2; lowByte = 0
        } else if bytes.starts(with: [0xFE, 0xFF]) {
            start = 2; stride = 2; lowByte = 1
        }
        var head: [UInt8] = []
        var index = start
        while index + stride - 1 < bytes.count, head.count < 64 {
            if stride == 2, bytes[index + 1 - lowByte] != 0 { break }
            let byte = bytes[index + lowByte]
            if !(head.isEmpty && (byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C)) {
                head.append(byte | (byte >= 0x41 && byte <= 0x5A ? 0x20 : 0))
            }
            index += stride
        }
        guard head.first == UInt8(ascii: "<") else { return false }
        if head.starts(with: Array("<!doctype html".utf8)) || head.starts(with: Array("<!--".utf8)) { return true }
        var end = 1
        while end < head.count, (head[end] >= 0x61 && head[end] <= 0x7A) || (head[end] >= 0x30 && head[end] <= 0x39) { end += 1 }
        guard end > 1, end < head.count, [0x20, 0x09, 0x0A, 0x0D, 0x0C, UInt8(ascii: ">"), UInt8(ascii: "/")].contains(head[end]) else {
            return false
        }
        return tagNames.contains(String(decoding: head[1..<end], as: UTF8.self))
    }
}
