import CLibXML2
import Foundation

/// An XPath expression compiled by libxml2 (`xmlXPathCompile`), owned by one worker: compiled
/// once when the worker is made, evaluated against each document.
final class XPathQuery {
    /// Why an expression does not compile: libxml2's message and the offset it stopped at.
    struct CompileError: Error {
        var message: String
        var offset: Int
    }

    let source: String
    fileprivate let compiled: xmlXPathCompExprPtr

    init(_ source: String) throws(CompileError) {
        LibXML2.initialize()
        LibXML2.silenceErrors()
        xmlResetLastError()
        guard let compiled = xmlXPathCompile(source) else {
            let error = xmlGetLastError()
            let message = error?.pointee.message.map { String(cString: $0) } ?? "invalid expression"
            throw CompileError(message: message.trimmingCharacters(in: .whitespacesAndNewlines), offset: Int(error?.pointee.int1 ?? 0))
        }
        self.source = source
        self.compiled = compiled
    }

    deinit { xmlXPathFreeCompExpr(compiled) }

    /// Puts the nodes the expression selects in the context's document into `result`, in
    /// document order; false when it gives something other than a node set (a number, a
    /// string) or fails at run time.
    func nodes(in context: xmlXPathContextPtr, into result: inout [xmlNodePtr]) -> Bool {
        result.removeAll(keepingCapacity: true)
        guard let object = xmlXPathCompiledEval(compiled, context) else { return false }
        defer { xmlXPathFreeObject(object) }
        guard object.pointee.type == XPATH_NODESET else { return false }
        if let set = object.pointee.nodesetval, let table = set.pointee.nodeTab {
            for index in 0..<Int(set.pointee.nodeNr) {
                if let node = table[index] { result.append(node) }
            }
        }
        return true
    }
}

extension XPathQuery {
    /// What the expression gives on a small page (`node-set`, `number`, `string`,
    /// `boolean`), to tell at build time an expression that can never select elements.
    func resultKindOnEmptyPage() -> String? {
        let parser = HTMLParser()
        guard let document = parser.parse(Array("<html><body><p>x</p></body></html>".utf8)) else { return nil }
        defer { xmlFreeDoc(document) }
        guard let context = xmlXPathNewContext(document) else { return nil }
        defer { xmlXPathFreeContext(context) }
        guard let object = xmlXPathCompiledEval(compiled, context) else { return nil }
        defer { xmlXPathFreeObject(object) }
        switch object.pointee.type {
        case XPATH_NODESET: return "node-set"
        case XPATH_NUMBER: return "number"
        case XPATH_STRING: return "string"
        case XPATH_BOOLEAN: return "boolean"
        default: return "value"
        }
    }
}
