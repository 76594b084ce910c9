import CLibXML2
import ExtractCore
import Glibc

extension HTMLStage {
    /// Parses, selects and renders one page at a time with its own libxml2 parser context and
    /// XPath context (libxml2 contexts belong to one thread; the compiled queries too).
    public struct Worker: StageWorker {
        private let state: State
        /// How a page that is not UTF-8 is read when it names no charset (`--encoding`): a
        /// text page as ``InputEncoding`` says; an HTML page as Windows-1252, as the HTML
        /// standard says, unless the run asks for UTF-8 only.
        private let inputEncoding: InputEncoding
        /// Set on an HTML page, whose references the renderer decodes.
        private let referencesDecoded: AttachmentSlot<DecodedCharacterReferences>

        init(select: XPathQuery?, drop: [XPathQuery], inputEncoding: InputEncoding,
             referencesDecoded: AttachmentSlot<DecodedCharacterReferences>) {
            state = State(select: select, drop: drop)
            self.inputEncoding = inputEncoding
            self.referencesDecoded = referencesDecoded
        }

        public mutating func process(_ item: inout WorkItem) {
            let document = item.document
            guard HTMLSniffer.isHTML(document.bytes, contentType: document.metadata.contentType) else {
                item.checkInput(encoding: inputEncoding)
                return
            }
            LibXML2.silenceErrors()
            guard decode(&item) else { return }
            let decoded = state.decoder.text
            if case .rejected(let rejection) = InputCheck.inspect(decoded, knownValidUTF8: true) {
                item.rejection = rejection
                return
            }
            guard let tree = state.parser.parse(decoded), let context = state.xpath else {
                item.rejection = Rejection(code: "html.unparsable", message: "libxml2 gave no document tree for the page")
                return
            }
            defer { xmlFreeDoc(tree) }
            if let stop = state.parser.stop {
                item.diagnose(Diagnostic(Codes.parseStopped,
                                         message: "libxml2 stopped reading the page at line \(stop.line) (\(stop.message)); the text after it is missing"))
            }
            // Relative XPaths (`html/body/main`) start at the document node, as in lxml.
            context.pointee.doc = tree
            context.pointee.node = UnsafeMutableRawPointer(tree).assumingMemoryBound(to: xmlNode.self)
            defer {
                context.pointee.doc = nil
                context.pointee.node = nil
            }

            var dropped = Set<UnsafeMutableRawPointer>()
            for query in state.drop where query.nodes(in: context, into: &state.nodes) {
                for node in state.nodes { dropped.insert(UnsafeMutableRawPointer(node)) }
            }
            let roots = contentRoots(tree, context: context, item: &item)
            let rendered = decoded.withUnsafeBufferPointer { source in
                var renderer = HTMLRenderer(source: source, lineStarts: Self.lineStarts(source), dropped: dropped,
                                            capacity: source.count / 2)
                renderer.render(roots)
                return renderer.finish()
            }
            item.text = rendered.text
            item.attachments[referencesDecoded] = true
            item.offsets = item.offsets.composed(with: state.decoder.map).composed(with: rendered.map.map)
        }

        /// Decodes the page into `state.decoder`; false when it was rejected.
        private func decode(_ item: inout WorkItem) -> Bool {
            let bytes = item.document.bytes
            let document = item.document
            var charset = bytes.withUnsafeBufferPointer {
                HTMLCharset.detect($0, transportLabel: document.metadata.charset, knownUTF8: document.isValidUTF8)
            }
            do {
                try state.decoder.decode(bytes, as: charset)
            } catch {
                guard charset.origin == .none else {
                    item.rejection = Rejection(code: "input.not_utf8",
                                               message: "the page declares UTF-8 (\(charset.origin.rawValue)) but is not valid UTF-8 (invalid byte at offset \(error.offset))")
                    return false
                }
                guard inputEncoding != .utf8 else {
                    item.rejection = Rejection(code: "input.not_utf8",
                                               message: "the page names no charset and is not valid UTF-8 (invalid byte at offset \(error.offset)); --encoding utf-8 reads no other")
                    return false
                }
                charset = HTMLCharset(encoding: .windows1252, origin: .none)
                try? state.decoder.decode(bytes, as: charset)
                item.diagnose(Diagnostic(Codes.charsetGuessed,
                                         message: "the page names no charset and is not valid UTF-8 (byte at offset \(error.offset)); read as windows-1252",
                                         span: Span(start: error.offset, end: error.offset + 1)))
            }
            let unreadable = state.decoder.unreadable
            if unreadable.count > 0 {
                item.diagnose(Diagnostic(Codes.unreadableCharacters,
                                         message: "\(unreadable.count) character\(unreadable.count == 1 ? "" : "s") could not be read as \(charset.name) and became U+FFFD (the first at byte \(unreadable.firstOffset))",
                                         span: Span(start: unreadable.firstOffset, end: unreadable.firstOffset + 1)))
            }
            let cut = state.decoder.cutCharacter
            if cut > 0 {
                item.diagnose(Diagnostic(InputDiagnostics.cutCharacter,
                                         message: "the page ends in the middle of a UTF-8 character; its last \(cut) byte\(cut == 1 ? "" : "s") were dropped",
                                         span: Span(start: bytes.count - cut, end: bytes.count)))
            }
            return true
        }

        /// The nodes to render: what `select` matches, without nodes inside another match; the
        /// whole page when there is no `select` or it matches nothing (with a diagnostic).
        private func contentRoots(_ tree: htmlDocPtr, context: xmlXPathContextPtr, item: inout WorkItem) -> [xmlNodePtr] {
            let whole = xmlDocGetRootElement(tree).map { [$0] } ?? []
            guard let select = state.select else { return whole }
            guard select.nodes(in: context, into: &state.nodes), !state.nodes.isEmpty else {
                item.diagnose(Diagnostic(Codes.selectMissing,
                                         message: "select '\(select.source)' matches nothing on this page; the whole page was read"))
                return whole
            }
            let matched = Set(state.nodes.map { UnsafeMutableRawPointer($0) })
            return state.nodes.filter { node in
                var parent = node.pointee.parent
                while let current = parent {
                    if matched.contains(UnsafeMutableRawPointer(current)) { return false }
                    parent = current.pointee.parent
                }
                return true
            }
        }

        /// Where each line of the source starts (libxml2 numbers lines from 1, counting LFs).
        private static func lineStarts(_ source: UnsafeBufferPointer<UInt8>) -> [Int] {
            var starts = [0]
            guard let base = source.baseAddress else { return starts }
            var index = 0
            while index < source.count, let found = memchr(base + index, 0x0A, source.count - index) {
                index = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base + 1
                starts.append(index)
            }
            return starts
        }
    }

    /// A worker's libxml2 objects and scratch buffers, freed with the worker.
    final class State {
        let select: XPathQuery?
        let drop: [XPathQuery]
        let parser = HTMLParser()
        let xpath: xmlXPathContextPtr?
        var decoder = CharsetDecoder()
        var nodes: [xmlNodePtr] = []

        init(select: XPathQuery?, drop: [XPathQuery]) {
            self.select = select
            self.drop = drop
            xpath = xmlXPathNewContext(nil)
        }

        deinit { if let xpath { xmlXPathFreeContext(xpath) } }
    }
}
