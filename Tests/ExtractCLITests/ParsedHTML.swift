import CLibXML2

/// An HTML document as libxml2's HTML parser reads it (the parser under lxml), queried with
/// XPath: to check what a page's markup says to a parser, not how its text looks.
final class ParsedHTML {
    private let document: htmlDocPtr

    init?(_ html: String) {
        let bytes = Array(html.utf8)
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
            | HTML_PARSE_NOWARNING.rawValue)
        let parsed = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    htmlReadMemory($0, Int32(buffer.count), "page.html", "UTF-8", options)
                }
            }
        }
        guard let parsed else { return nil }
        document = parsed
    }

    deinit { xmlFreeDoc(document) }

    /// Evaluates `xpath` and hands its result to `body` (nil when the expression fails).
    private func evaluate<T>(_ xpath: String, _ body: (xmlXPathObjectPtr?) -> T) -> T {
        guard let context = xmlXPathNewContext(document) else { return body(nil) }
        defer { xmlXPathFreeContext(context) }
        let object = xmlXPathEvalExpression(xpath, context)
        defer { if let object { xmlXPathFreeObject(object) } }
        return body(object)
    }

    /// The string value of an expression: `string(//title)`, `count(//b)`.
    func string(_ xpath: String) -> String {
        evaluate(xpath) { object in
            guard let object, let text = xmlXPathCastToString(object) else { return "" }
            defer { clibxml2_free(text) }
            return String(cString: text)
        }
    }

    /// The number an expression gives (`count(//b)`).
    func number(_ xpath: String) -> Int { Int(Double(string(xpath)) ?? -1) }

    /// The string value of each node an expression selects, in document order.
    func strings(_ xpath: String) -> [String] {
        evaluate(xpath) { object in
            guard let set = object?.pointee.nodesetval, let table = set.pointee.nodeTab else { return [] }
            return (0..<Int(set.pointee.nodeNr)).compactMap { index in
                guard let node = table[index], let text = xmlNodeGetContent(node) else { return nil }
                defer { clibxml2_free(text) }
                return String(cString: text)
            }
        }
    }
}
