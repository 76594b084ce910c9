/// Cutting a work item into pieces, for stages that split a document (``SplittingStageWorker``).
extension WorkItem {
    /// Makes one piece per range of ``text`` and hands each to `emit` in order, made only when
    /// the previous one has been handed on.
    ///
    /// Piece k (from 1) is a work item of its own:
    /// - its source is `SOURCE#k`, in the record and in its document (whose bytes, metadata and
    ///   everything else are the page's), so a rejection or `derive`'s `{document: source}` name
    ///   the piece;
    /// - its text is the range's bytes, and its offset map composes with this item's, so every
    ///   span still points into the original page's bytes;
    /// - its record starts as a copy of this item's: fields read before the split (a listing's
    ///   heading, say) are every piece's;
    /// - each diagnostic of this item goes to one piece only, the one it is about: the last piece
    ///   starting at or before its span (the first piece when its span is earlier, or it has none);
    /// - it has no sections (ranges of this text mean nothing in the piece's);
    /// - when the page was cut off (``truncatedAt``), the piece that runs to the cut is cut off
    ///   there too.
    ///
    /// Ranges are expected in text order; each is kept within the text and its ends are moved back
    /// to the start of the UTF-8 character they fall in, so a piece is always valid UTF-8.
    public func cut(_ ranges: [Range<Int>], emit: (consuming WorkItem) -> Void) {
        let pieces = ranges.map(characterAligned)
        let starts = pieces.map { offsets.original($0.lowerBound) }
        var diagnosticsByPiece: [[Diagnostic]] = Array(repeating: [], count: pieces.count)
        if !pieces.isEmpty {
            for diagnostic in record.diagnostics {
                let owner = diagnostic.span.flatMap { span in starts.lastIndex { $0 <= span.start } } ?? 0
                diagnosticsByPiece[owner].append(diagnostic)
            }
        }
        for (index, range) in pieces.enumerated() {
            let source = document.source + "#\(index + 1)"
            var document = document
            document.source = source
            var record = record
            record.source = source
            record.diagnostics = diagnosticsByPiece[index]
            emit(WorkItem(piece: range, of: self, document: document, record: record))
        }
    }

    private init(piece range: Range<Int>, of parent: WorkItem, document: Document, record: Record) {
        self.document = document
        text = Array(parent.text[range])
        offsets = parent.offsets.slice(range)
        sections = Array(repeating: nil, count: parent.sections.count)
        self.record = record
        rejection = nil
        truncatedAt = parent.truncatedAt.flatMap { cut in
            // The piece that ends at the cut, or after which only blank text comes before it.
            let end = min(range.upperBound, cut)
            guard range.lowerBound <= cut, parent.withoutTrailingBlanks(end..<cut).isEmpty else { return nil }
            return end - range.lowerBound
        }
        referencesDecoded = parent.referencesDecoded
    }

    /// `range` without the spaces, tabs, carriage returns and line feeds at its end.
    public func withoutTrailingBlanks(_ range: Range<Int>) -> Range<Int> {
        var end = range.upperBound
        while end > range.lowerBound {
            switch text[end - 1] {
            case 0x20, 0x09, 0x0D, 0x0A: end -= 1
            default: return range.lowerBound..<end
            }
        }
        return range.lowerBound..<end
    }

    /// `range` within the text, its ends moved back to the start of their UTF-8 characters.
    private func characterAligned(_ range: Range<Int>) -> Range<Int> {
        func start(_ offset: Int) -> Int {
            var offset = min(max(offset, 0), text.count)
            while offset > 0, offset < text.count, text[offset] & 0xC0 == 0x80 { offset -= 1 }
            return offset
        }
        let lower = start(range.lowerBound)
        return lower..<max(lower, start(range.upperBound))
    }
}
