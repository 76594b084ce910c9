import CLibXML2
import ExtractCore
import Glibc

/// Renders a libxml2 HTML tree as the text pipelines read, in one walk, with a map from the
/// text back to the parsed source. Made for one page.
///
/// The layout follows what a browser shows (CSS `white-space: normal`):
/// - block elements (p, div, h1–h6, section, ul, table, …) stand on lines of their own; no
///   blank lines are added between blocks;
/// - `li` starts with `• `;
/// - `tr` is `| cell | cell |` (blocks and breaks inside a cell become spaces);
/// - `<br>` is a line break (two in a row leave a blank line);
/// - inline elements run together as written: `<span>Median Salary</span><span>$36,000</span>`
///   is `Median Salary$36,000`; runs of whitespace are one space, none at line starts and ends;
/// - `pre` keeps its whitespace and line breaks;
/// - script, style, template, noscript, head (and svg, iframe, object, canvas) and comments
///   are left out, as are the subtrees the `drop` option names;
/// - C1 controls (`&#150;` in the source: libxml2 keeps the number) become the Windows-1252
///   character the HTML standard reads them as.
///
/// The walk is recursive; libxml2 builds no tree deeper than 256 elements (its limit without
/// `XML_PARSE_HUGE`), which bounds the stack.
///
/// Text the renderer adds (line breaks, bullets, cell bars, spaces) maps to the markup just
/// before the next character it precedes; every character of page text maps to its own bytes
/// (``SourceAligner``). Offsets in the map only grow and never pass the end of the source.
struct HTMLRenderer {
    /// The rendered text.
    private(set) var text: [UInt8] = []
    /// The map from `text` to the source given to libxml2.
    private(set) var map = OffsetMapBuilder()

    private var aligner: SourceAligner
    /// Line start offsets of the source (libxml2 gives nodes line numbers).
    private let lineStarts: [Int]
    /// The line of the last element met, a bound below which no later text stands.
    private var elementLine = 1
    /// Subtrees not to render (`drop`).
    private let dropped: Set<UnsafeMutableRawPointer>

    /// Text decided on but not written yet: it is written just before the next character of
    /// page text, when its place in the source is known.
    private var pending: [UInt8] = []
    private var pendingBreaks = 0
    private var pendingSpace = false
    private var rowDepth = 0
    private var preDepth = 0
    /// Where the source of the last character written ends.
    private var writtenEnd = 0

    init(source: UnsafeBufferPointer<UInt8>, lineStarts: [Int], dropped: Set<UnsafeMutableRawPointer>, capacity: Int) {
        aligner = SourceAligner(source: source)
        self.lineStarts = lineStarts
        self.dropped = dropped
        text.reserveCapacity(capacity)
        map = OffsetMapBuilder(capacity: capacity / 16 + 8)
    }

    /// Renders the subtree of each root in turn, each as a block.
    mutating func render(_ roots: [xmlNodePtr]) {
        for root in roots {
            noteLine(of: root)
            requestBreak()
            render(root)
            requestBreak()
        }
        // Nothing ends the text but what a row left pending (its closing bar).
        pendingBreaks = 0
        pendingSpace = false
        if pending.isEmpty {
            map.anchor(text: text.count, original: writtenEnd)
        } else {
            flushPending(before: aligner.source.count)
        }
    }

    /// Takes the rendered text and map out, leaving the renderer empty.
    mutating func finish() -> (text: [UInt8], map: OffsetMapBuilder) {
        defer { text = [] }
        return (text, map)
    }

    // MARK: The walk

    private mutating func render(_ node: xmlNodePtr) {
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            renderText(node)
        case XML_ELEMENT_NODE:
            renderElement(node)
        case XML_DOCUMENT_NODE, XML_HTML_DOCUMENT_NODE, XML_DOCUMENT_FRAG_NODE:
            renderChildren(node)
        default:
            break  // comments, processing instructions, DTDs
        }
    }

    private mutating func renderChildren(_ node: xmlNodePtr) {
        var child = node.pointee.children
        while let current = child {
            render(current)
            child = current.pointee.next
        }
    }

    private mutating func renderElement(_ node: xmlNodePtr) {
        guard !dropped.contains(UnsafeMutableRawPointer(node)), let name = node.pointee.name else { return }
        noteLine(of: node)
        switch HTMLElementKind.of(name) {
        case .skipped:
            return
        case .inline, .cell:
            renderChildren(node)
        case .block:
            requestBreak()
            renderChildren(node)
            requestBreak()
        case .listItem:
            requestBreak()
            if rowDepth == 0 { addText("• ") }
            renderChildren(node)
            requestBreak()
        case .preformatted:
            requestBreak()
            preDepth += 1
            renderChildren(node)
            preDepth -= 1
            requestBreak()
        case .lineBreak:
            if rowDepth > 0 {
                requestSpace()
            } else if !pending.isEmpty || !text.isEmpty {
                pendingBreaks = min(pendingBreaks + 1, 2)
                pendingSpace = false
            }
        case .row:
            renderRow(node)
        }
    }

    /// `| cell | cell |`: each td or th child is a cell; anything else in the row is rendered in
    /// place. A row inside a cell is run into that cell.
    private mutating func renderRow(_ node: xmlNodePtr) {
        guard rowDepth == 0 else {
            requestSpace()
            renderChildren(node)
            return
        }
        requestBreak()
        rowDepth += 1
        var cells = 0
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE, let name = current.pointee.name,
               !dropped.contains(UnsafeMutableRawPointer(current)), HTMLElementKind.of(name) == .cell {
                noteLine(of: current)
                addText(cells == 0 ? "| " : " | ")
                cells += 1
                renderChildren(current)
            } else {
                render(current)
            }
            child = current.pointee.next
        }
        if cells > 0 { addText(" |") }
        rowDepth -= 1
        requestBreak()
    }

    private mutating func renderText(_ node: xmlNodePtr) {
        guard let content = node.pointee.content else { return }
        let length = strlen(content)
        let bytes = UnsafeBufferPointer(start: UnsafePointer(content), count: length)
        var index = 0
        while index < length, Self.isSpace(bytes[index]) { index += 1 }
        if index > 0, preDepth == 0 { requestSpace() }
        guard index < length else {
            if preDepth > 0 { renderPreformattedSpace(bytes) }
            return
        }
        let line = min(max(elementLine, 1), lineStarts.count)
        aligner.begin(bytes, firstVisible: index, lowerBound: lineStarts[line - 1])
        if preDepth > 0 {
            // Leading whitespace kept by pre maps to where the node's text was found.
            for offset in 0..<index {
                emit(UnsafeBufferPointer(rebasing: bytes[offset..<(offset + 1)]), at: aligner.lastEnd, sourceLength: 0)
            }
        }
        while index < length {
            let byte = bytes[index]
            if let reference = aligner.undecodedReference(in: bytes, at: index) {
                emit(reference.expansion, at: aligner.skipReference(reference.sourceLength), sourceLength: reference.sourceLength)
                index += reference.textLength
                continue
            }
            if preDepth == 0, !Self.isSpace(byte) {
                let run = aligner.verbatimRun(bytes, from: index)
                if run > 0 {
                    emitRun(UnsafeBufferPointer(rebasing: bytes[index..<(index + run)]), at: aligner.skip(run))
                    index += run
                    continue
                }
            }
            let size = min(SourceAligner.scalarLength(byte), length - index)
            let character = UnsafeBufferPointer(rebasing: bytes[index..<(index + size)])
            let (position, sourceLength) = aligner.next(character)
            if Self.isSpace(byte) && preDepth == 0 {
                requestSpace()
            } else {
                emit(character, at: position, sourceLength: sourceLength)
            }
            index += size
        }
        aligner.end()
    }

    /// Whitespace-only text inside `pre`, which is kept (its place is the last one found).
    private mutating func renderPreformattedSpace(_ bytes: UnsafeBufferPointer<UInt8>) {
        for index in bytes.indices {
            emit(UnsafeBufferPointer(rebasing: bytes[index..<(index + 1)]), at: aligner.lastEnd, sourceLength: 0)
        }
    }

    // MARK: Writing

    private mutating func noteLine(of node: xmlNodePtr) {
        let line = Int(node.pointee.line)
        // 65535 means "this line or later" (libxml2 stores lines in 16 bits).
        if line > elementLine, line < 65535 { elementLine = line }
    }

    private mutating func requestBreak() {
        if rowDepth > 0 {
            requestSpace()
            return
        }
        guard !pending.isEmpty || !text.isEmpty else { return }
        pendingBreaks = max(pendingBreaks, 1)
        pendingSpace = false
    }

    private mutating func requestSpace() {
        guard pendingBreaks == 0, let last = pending.last ?? text.last, last != 0x20, last != 0x0A else { return }
        pendingSpace = true
    }

    /// Adds text of the renderer's own (a bullet, a cell bar) after any line break asked for.
    private mutating func addText(_ string: StaticString) {
        resolveBreaks()
        pendingSpace = false
        pending.append(contentsOf: UnsafeBufferPointer(start: string.utf8Start, count: string.utf8CodeUnitCount))
    }

    private mutating func resolveBreaks() {
        guard pendingBreaks > 0 else { return }
        var breaks = pendingBreaks
        // A line break already written (inside pre) counts as one.
        if pending.isEmpty, text.last == 0x0A { breaks -= 1 }
        if !pending.isEmpty || !text.isEmpty {
            for _ in 0..<breaks { pending.append(0x0A) }
        }
        pendingBreaks = 0
    }

    /// Writes one character of page text that stands at `position` in the source, where it
    /// takes `sourceLength` bytes (a reference takes more than the character; 0 when the
    /// character's place was not found).
    private mutating func emit(_ character: UnsafeBufferPointer<UInt8>, at position: Int, sourceLength: Int) {
        flushPending(before: position)
        let written = text.count
        // A C1 control from a numeric reference (`&#150;`, which libxml2 leaves as U+0096) is the
        // Windows-1252 character the HTML standard says; one written as such is left to normalize.
        if character.count == 2, character[0] == 0xC2, character[1] < 0xA0, sourceLength != character.count {
            appendScalar(Windows1252.scalar(UInt32(character[1])), to: &text)
        } else {
            text.append(contentsOf: character)
        }
        map.anchorCharacter(text: written, length: text.count - written, original: position, originalLength: sourceLength)
        writtenEnd = position + sourceLength
    }

    /// Writes the character(s) of a reference libxml2 did not decode, standing for the
    /// `sourceLength` bytes of the reference at `position`.
    private mutating func emit(_ expansion: HTMLCharacterReferences.Expansion, at position: Int, sourceLength: Int) {
        var encoded: [UInt8] = []
        appendScalar(expansion.first, to: &encoded)
        if expansion.second != 0 { appendScalar(expansion.second, to: &encoded) }
        encoded.withUnsafeBufferPointer { emit($0, at: position, sourceLength: sourceLength) }
    }

    /// Writes text that stands as it is at `position` in the source (``SourceAligner/verbatimRun(_:from:)``).
    private mutating func emitRun(_ run: UnsafeBufferPointer<UInt8>, at position: Int) {
        flushPending(before: position)
        map.anchor(text: text.count, original: position)
        text.append(contentsOf: run)
        writtenEnd = position + run.count
    }

    /// Writes the pending text, mapped to the source bytes between the end of the last
    /// character written and `position` (the markup it stands for), so a value's span ends
    /// where its last character ends and the next one starts where its first character starts;
    /// the text's end after it maps to `position`.
    private mutating func flushPending(before position: Int) {
        resolveBreaks()
        if pendingSpace {
            pending.append(0x20)
            pendingSpace = false
        }
        guard !pending.isEmpty else { return }
        let floor = min(writtenEnd, position)
        if position - floor >= pending.count {
            map.anchor(text: text.count, original: floor)
        } else {
            for offset in 0..<pending.count {
                map.anchor(text: text.count + offset, original: min(floor + offset, position))
            }
        }
        text.append(contentsOf: pending)
        pending.removeAll(keepingCapacity: true)
        // What follows starts at `position`; at the end of the page nothing else anchors it, and
        // pending text longer than the markup it stands for would run past the page's last byte.
        map.anchor(text: text.count, original: position)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C
    }
}
