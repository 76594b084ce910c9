import ExtractCore

/// The page text cut into lines, and each line into runs at every boundary of a mark or a
/// diagnostic span, so overlapping spans (a list and its items, a field and a value derived from
/// it, a diagnostic over a section) render as flat runs that each know every span covering them.
struct SourceLayout {
    enum Piece: Equatable {
        /// Page text; `marks` outermost (longest) first, `diagnostics` in order.
        case text(Range<Int>, marks: [Int], diagnostics: [Int])
        /// Where a mark starts: the target of the links to it.
        case markStart(Int)
        /// A mark with an empty span, shown as a point.
        case emptyMark(Int)
        /// Where a diagnostic with a span starts.
        case diagnosticStart(Int)
    }

    struct Line {
        /// From 1.
        var number: Int
        var pieces: [Piece]
        /// The section holding the line's first byte, or else the first that starts on the line
        /// (index into ``Inspection/bands``).
        var band: Int?
        /// The sections that start on this line.
        var bandStarts: [Int]
    }

    var lines: [Line] = []

    /// A span with the character boundaries of the page text.
    private struct Interval {
        var id: Int
        var start: Int
        var end: Int
    }

    init(_ inspection: Inspection, text: PageText) {
        func interval(_ id: Int, _ span: Span) -> Interval {
            let start = text.characterStart(atOrBefore: span.start)
            return Interval(id: id, start: start, end: max(start, text.characterStart(atOrAfter: span.end)))
        }
        let marks = inspection.marks.map { interval($0.id, $0.span) }.sorted { ($0.start, $0.id) < ($1.start, $1.id) }
        let diagnostics = inspection.diagnostics.enumerated().compactMap { id, diagnostic in diagnostic.span.map { interval(id, $0) } }
            .sorted { ($0.start, $0.id) < ($1.start, $1.id) }
        let bands = inspection.bands.enumerated().compactMap { id, band in band.span.map { interval(id, $0) } }

        // Points where a run ends: every start and end.
        var cuts = Set<Int>()
        for interval in marks + diagnostics { cuts.insert(interval.start); cuts.insert(interval.end) }
        let sortedCuts = cuts.sorted()

        var nextMark = 0, nextDiagnostic = 0, nextCut = 0
        var activeMarks: [Interval] = [], activeDiagnostics: [Interval] = []
        let pageLines = text.lines()
        for (number, line) in pageLines.enumerated() {
            var pieces: [Piece] = []
            let isLast = number == pageLines.count - 1
            // Starts at `position` or before it (not yet placed) become pieces here.
            func placeStarts(upTo position: Int, inclusive: Bool) {
                while nextMark < marks.count, marks[nextMark].start < position || (inclusive && marks[nextMark].start == position) {
                    let mark = marks[nextMark]
                    pieces.append(mark.start == mark.end ? .emptyMark(mark.id) : .markStart(mark.id))
                    if mark.start < mark.end { activeMarks.append(mark) }
                    nextMark += 1
                }
                while nextDiagnostic < diagnostics.count,
                      diagnostics[nextDiagnostic].start < position || (inclusive && diagnostics[nextDiagnostic].start == position) {
                    let diagnostic = diagnostics[nextDiagnostic]
                    pieces.append(.diagnosticStart(diagnostic.id))
                    if diagnostic.start < diagnostic.end { activeDiagnostics.append(diagnostic) }
                    nextDiagnostic += 1
                }
            }
            var position = line.content.lowerBound
            while nextCut < sortedCuts.count, sortedCuts[nextCut] <= position { nextCut += 1 }
            while position < line.content.upperBound {
                placeStarts(upTo: position, inclusive: true)
                activeMarks.removeAll { $0.end <= position }
                activeDiagnostics.removeAll { $0.end <= position }
                let end = nextCut < sortedCuts.count ? min(sortedCuts[nextCut], line.content.upperBound) : line.content.upperBound
                let covering = activeMarks.sorted { ($0.end - $0.start, $1.id) > ($1.end - $1.start, $0.id) }.map(\.id)
                pieces.append(.text(position..<end, marks: covering, diagnostics: activeDiagnostics.map(\.id).sorted()))
                position = end
                while nextCut < sortedCuts.count, sortedCuts[nextCut] <= position { nextCut += 1 }
            }
            // Starts in the line break (or, on the last line, at the very end) are shown at the line's end.
            placeStarts(upTo: line.next, inclusive: isLast)
            let start = line.content.lowerBound
            let bandStarts = bands.filter { $0.start >= start && ($0.start < line.next || (isLast && $0.start == line.next)) }.map(\.id)
            let band = bands.first { $0.start <= start && start < $0.end }?.id ?? bandStarts.first
            lines.append(Line(number: number + 1, pieces: pieces, band: band, bandStarts: bandStarts))
        }
    }
}
