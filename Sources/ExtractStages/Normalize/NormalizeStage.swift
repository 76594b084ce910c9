import ExtractCore
import Foundation

/// Cleans scraped text so patterns can be simple: one kind of bullet, plain spaces, LF line
/// endings, no invisible characters, decoded entities.
///
/// Every step can be turned off. In order, per line:
/// - a leading BOM and zero-width characters (U+200B–U+200D, U+2060, U+FEFF, soft hyphen) are removed;
/// - CRLF and lone CR become LF (`line_endings`);
/// - HTML entities are decoded: named ones seen on scraped pages and all numeric ones (`html_entities`);
/// - Windows-1252 mojibake of UTF-8 is repaired: `â€¢` → `•`, `â€™` → `’`, `Ã©` → `é` (`mojibake`);
/// - no-break and typographic spaces become a plain space (`spaces`);
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
        summary: "Cleans text: bullets, spaces, line endings, HTML entities, mojibake, Unicode NFC, blank lines.",
        options: [
            OptionDescription("bullet", "string or false", "what every bullet becomes (default '• '); false keeps bullets as they are"),
            OptionDescription("blank_lines", "integer", "most blank lines kept in a row (default 1; 0 removes blank lines)"),
            OptionDescription("line_endings", "bool", "CRLF and CR to LF (default true)"),
            OptionDescription("html_entities", "bool", "decode &amp;, &nbsp;, &#8226; … (default true)"),
            OptionDescription("mojibake", "bool", "repair UTF-8 read as Windows-1252, e.g. â€¢ (default true)"),
            OptionDescription("spaces", "bool", "no-break and typographic spaces to plain spaces, remove zero-width characters (default true)"),
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
        var unicode = true
        var trailingSpaces = true
    }

    let settings: Settings

    public init(options: ConfigNode.Options, context: BuildContext) throws {
        let before = context.issues.issues.count
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
        if let value = options.optional("unicode")?.bool() { settings.unicode = value }
        if let value = options.optional("trailing_spaces")?.bool() { settings.trailingSpaces = value }
        if context.issues.issues.count > before { throw StageBuildFailed() }
        self.settings = settings
    }

    public func makeWorker(_ resources: WorkerResources) -> Worker { Worker(settings: settings) }

    public struct Worker: StageWorker {
        let settings: Settings
        private var line: [UInt8] = []
        /// (offset in `line`, offset in the input text) where the correspondence changes.
        private var anchors: [(Int, Int)] = []

        init(settings: Settings) { self.settings = settings }

        public mutating func process(_ item: inout WorkItem) {
            var output: [UInt8] = []
            output.reserveCapacity(item.text.count)
            var map = OffsetMap()
            var blankRun = 0
            let text = item.text
            text.withUnsafeBufferPointer { bytes in
                var start = 0
                let count = bytes.count
                while start < count || (start == count && count == 0) {
                    // Find the line end: LF, and CR / CRLF when line endings are normalized.
                    var end = start
                    while end < count, bytes[end] != 0x0A, !(settings.lineEndings && bytes[end] == 0x0D) { end += 1 }
                    var next = end + 1
                    if end < count, bytes[end] == 0x0D, end + 1 < count, bytes[end + 1] == 0x0A { next = end + 2 }
                    cleanLine(bytes, start, end, atDocumentStart: start == 0)
                    if line.isEmpty {
                        blankRun += 1
                    } else {
                        if !output.isEmpty {
                            let newlines = 1 + min(blankRun, settings.blankLines)
                            for _ in 0..<newlines { output.append(0x0A) }
                        }
                        blankRun = 0
                        for (offset, original) in anchors { map.anchor(text: output.count + offset, original: original) }
                        output.append(contentsOf: line)
                        // The line's end is where its content ended, before any removed trailing spaces.
                        map.anchor(text: output.count, original: originalOffset(of: line.count))
                    }
                    if end >= count { break }
                    start = next
                }
            }
            item.offsets = item.offsets.composed(with: map)
            item.text = output
        }

        /// Cleans the line `bytes[start..<end]` into `line`, recording anchors.
        private mutating func cleanLine(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, atDocumentStart: Bool) {
            line.removeAll(keepingCapacity: true)
            anchors.removeAll(keepingCapacity: true)
            anchors.append((0, start))
            var needsComposition = false
            var index = start
            while index < end {
                let byte = bytes[index]
                if byte < 0x80 && byte != 0x26 && byte != 0x0D {
                    // A run of plain ASCII is copied as it is, in one append.
                    var runEnd = index + 1
                    while runEnd < end {
                        let next = bytes[runEnd]
                        if next >= 0x80 || next == 0x26 || next == 0x0D { break }
                        runEnd += 1
                    }
                    line.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<runEnd]))
                    index = runEnd
                    continue
                }
                var (scalar, length) = byte < 0x80 ? (UInt32(byte), 1) : decodeScalar(bytes, index)
                var replaced = false
                if byte == 0x0D {
                    // A CR inside a line (line_endings off) stays as it is.
                } else if byte == 0x26 {
                    if settings.entities, let (decoded, consumed) = Self.entity(bytes, index, end) {
                        scalar = decoded
                        length = consumed
                        replaced = true
                    }
                } else if settings.mojibake, scalar >= 0xC2 && scalar <= 0xF4, let (decoded, consumed) = Self.mojibake(bytes, index, end, lead: scalar) {
                    scalar = decoded
                    length = consumed
                    replaced = true
                }
                if settings.spaces && TextCleaning.isInvisible(scalar) {
                    anchors.append((line.count, index + length))
                    index += length
                    continue
                }
                if atDocumentStart && index == start && scalar == 0xFEFF {
                    anchors.append((line.count, index + length))
                    index += length
                    continue
                }
                if settings.spaces && TextCleaning.isOddSpace(scalar) {
                    scalar = 0x20
                    replaced = true
                }
                if settings.unicode && TextCleaning.mayNeedComposition(scalar) { needsComposition = true }
                if replaced {
                    anchors.append((line.count, index))
                    appendScalar(scalar, to: &line)
                    anchors.append((line.count, index + length))
                } else {
                    for offset in 0..<length { line.append(bytes[index + offset]) }
                }
                index += length
            }
            if settings.trailingSpaces {
                while let last = line.last, last == 0x20 || last == 0x09 { line.removeLast() }
                anchors.removeAll { $0.0 > line.count }
            }
            if let bullet = settings.bullet { replaceBullet(with: bullet, start: start) }
            if needsComposition { compose() }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { line.removeAll(keepingCapacity: true) }
        }

        /// Replaces a leading run of bullet glyphs (with the spaces around them) by `bullet`.
        private mutating func replaceBullet(with bullet: [UInt8], start: Int) {
            var index = 0
            var glyphs = 0
            func skipSpaces() { while index < line.count, line[index] == 0x20 || line[index] == 0x09 { index += 1 } }
            skipSpaces()
            while index < line.count {
                let byte = line[index]
                if TextCleaning.asciiBullets.contains(byte) {
                    // `-3%` and `*emphasis*` are not bullets: a space must follow.
                    guard index + 1 < line.count, line[index + 1] == 0x20 || line[index + 1] == 0x09 else { break }
                    index += 1
                } else if byte >= 0x80 {
                    let (scalar, length) = line.withUnsafeBufferPointer { decodeScalar($0, index) }
                    guard TextCleaning.symbolBullets.contains(scalar) else { break }
                    index += length
                } else {
                    break
                }
                glyphs += 1
                skipSpaces()
            }
            guard glyphs > 0, index < line.count else { return }
            let prefixOriginal = originalOffset(of: index)
            line.replaceSubrange(0..<index, with: bullet)
            let shift = bullet.count - index
            var shifted: [(Int, Int)] = [(0, start), (bullet.count, prefixOriginal)]
            for anchor in anchors where anchor.0 > index { shifted.append((anchor.0 + shift, anchor.1)) }
            anchors = shifted
        }

        /// The input offset of an offset in `line`, from the anchors.
        private func originalOffset(of offset: Int) -> Int {
            var best = anchors[0]
            for anchor in anchors where anchor.0 <= offset { best = anchor }
            return best.1 + (offset - best.0)
        }

        /// Puts the line in NFC, piece by piece: each piece is an ASCII character with the non-ASCII
        /// text after it (NFC never joins across an ASCII character), so the anchors of unchanged
        /// pieces are kept and offsets inside a changed piece map to the piece's start.
        private mutating func compose() {
            var composedLine: [UInt8] = []
            var composedAnchors: [(Int, Int)] = []
            var pieceStart = 0
            while pieceStart < line.count {
                var pieceEnd = pieceStart + 1
                while pieceEnd < line.count, line[pieceEnd] >= 0x80 { pieceEnd += 1 }
                let piece = line[pieceStart..<pieceEnd]
                let composed = piece.count == 1 ? Array(piece)
                    : Array(String(decoding: piece, as: UTF8.self).precomposedStringWithCanonicalMapping.utf8)
                if composed.elementsEqual(piece) {
                    for anchor in anchors where anchor.0 >= pieceStart && anchor.0 < pieceEnd {
                        composedAnchors.append((anchor.0 - pieceStart + composedLine.count, anchor.1))
                    }
                } else {
                    composedAnchors.append((composedLine.count, originalOffset(of: pieceStart)))
                    composedAnchors.append((composedLine.count + composed.count, originalOffset(of: pieceEnd)))
                }
                composedLine.append(contentsOf: composed)
                pieceStart = pieceEnd
            }
            composedAnchors.append((composedLine.count, originalOffset(of: line.count)))
            line = composedLine
            anchors = composedAnchors
        }

        /// `&amp;`, `&#8226;`, `&#x2022;` at `index`: the scalar and the bytes consumed.
        static func entity(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int, _ end: Int) -> (UInt32, Int)? {
            var semicolon = index + 1
            while semicolon < end, semicolon - index <= 10, bytes[semicolon] != 0x3B { semicolon += 1 }
            guard semicolon < end, bytes[semicolon] == 0x3B, semicolon > index + 1 else { return nil }
            let body = UnsafeBufferPointer(rebasing: bytes[(index + 1)..<semicolon])
            var scalar: UInt32?
            if body[0] == 0x23 {
                let hex = body.count > 1 && (body[1] | 0x20) == 0x78
                let digits = String(decoding: body[(hex ? 2 : 1)...], as: UTF8.self)
                scalar = UInt32(digits, radix: hex ? 16 : 10)
            } else {
                scalar = TextCleaning.entities[String(decoding: body, as: UTF8.self)]
            }
            guard let scalar, scalar > 0, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else { return nil }
            return (scalar, semicolon + 1 - index)
        }

        /// UTF-8 read as Windows-1252 and saved again as UTF-8: a Latin-1 lead (`â`, `Ã`, `Â`) followed
        /// by characters that were continuation bytes. Returns the scalar it was meant to be.
        static func mojibake(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int, _ end: Int, lead: UInt32) -> (UInt32, Int)? {
            let continuations = lead < 0xE0 ? 1 : (lead < 0xF0 ? 2 : 3)
            var original: [UInt8] = [UInt8(lead)]
            var position = index + decodeScalar(bytes, index).length
            for _ in 0..<continuations {
                guard position < end else { return nil }
                let (scalar, length) = decodeScalar(bytes, position)
                guard let byte = TextCleaning.continuationByte(scalar) else { return nil }
                original.append(byte)
                position += length
            }
            guard let decoded = original.withUnsafeBufferPointer({ buffer -> UInt32? in
                guard InputCheck.firstInvalidUTF8(Array(buffer)) == nil else { return nil }
                return decodeScalar(buffer, 0).scalar
            }), decoded >= 0x80 else { return nil }
            return (decoded, position - index)
        }
    }
}
