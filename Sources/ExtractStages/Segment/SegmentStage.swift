import ExtractCore
import PCRE2

/// Splits a page into named sections by heading patterns.
///
/// Each heading pattern is looked for at line starts; the first line it matches is the heading,
/// and the section is the text from the next line up to the next heading found (of any
/// section), blank lines at its ends trimmed. Sections may appear in any order. The text before
/// the first heading is the preamble. A section whose heading is not found is absent (fields
/// that read it become null or `[]`) and gets a `segment.missing_section` diagnostic unless it is
/// listed as optional. A `boundary` pattern ends sections without starting one: every line it
/// matches ends the section (or the preamble) before it, so an undeclared block after a section
/// is not read as part of it.
public struct SegmentStage: Stage {
    public static let description = StageDescription(
        kind: "segment",
        summary: "Finds named sections by heading patterns, plus the preamble before the first heading.",
        options: [
            OptionDescription("sections", "mapping of section name to heading pattern", "headings, matched at line starts", required: true),
            OptionDescription("preamble", "string", "name for the text before the first heading (default: preamble)"),
            OptionDescription("optional", "list of section names", "sections whose absence is not a diagnostic"),
            OptionDescription("ignore_case", "bool", "match headings case-insensitively (default: false)"),
            OptionDescription("boundary", "pattern", "every line it matches (at its start) ends the section before it without "
                + "starting one, e.g. '^\\p{So} ' for any line starting with an emoji (default: none)"),
        ],
        example: """
        - stage: segment
          preamble: header
          sections:
            duties: '^Primary Duties$'
            pathway: '^How to Become (?:an? )?[^:\\n]+$'
          optional: [pathway]
          boundary: '^## '
        """
    )

    struct Heading: Sendable {
        var section: SectionID
        var name: String
        var pattern: Pattern
        var optional: Bool
    }

    let preamble: SectionID
    let headings: [Heading]
    /// Lines that end a section without starting one.
    let boundary: Pattern?
    let limits: PatternLimits

    public init(options: ConfigNode.Options, context: BuildContext) throws {
        limits = context.limits
        let before = context.issues.issues.count
        let caseless = options.optional("ignore_case")?.bool() ?? false
        let optionalNames = options.optional("optional")?.stringList() ?? []
        let preambleNode = options.optional("preamble")
        preamble = context.provideSection(preambleNode?.string() ?? "preamble", at: preambleNode ?? options.node)
        boundary = options.optional("boundary").flatMap { StagePatterns.compile($0, caseless: caseless) }
        var headings: [Heading] = []
        for entry in options.required("sections", expected: "a mapping of section names to heading patterns")?.entries() ?? [] {
            guard let pattern = StagePatterns.compile(entry.value, caseless: caseless) else { continue }
            let id = context.provideSection(entry.key, at: entry.keyNode)
            headings.append(Heading(section: id, name: entry.key, pattern: pattern, optional: optionalNames.contains(entry.key)))
        }
        if let node = options.optional("optional") {
            for name in optionalNames where !headings.contains(where: { $0.name == name }) {
                node.report("'\(name)' in optional is not a section of this stage",
                            expected: "one of: " + headings.map(\.name).joined(separator: ", "))
            }
        }
        if context.issues.issues.count > before { throw StageBuildFailed() }
        self.headings = headings
    }

    public func makeWorker(_ resources: WorkerResources) -> Worker {
        Worker(stage: self, scratch: resources.matchScratch(limits))
    }

    public struct Worker: StageWorker {
        let stage: SegmentStage
        let scratch: MatchScratch

        public mutating func process(_ item: inout WorkItem) {
            // Heading line ranges, by heading index.
            var found: [(heading: Int, line: Range<Int>)] = []
            found.reserveCapacity(stage.headings.count)
            var limitDiagnostics: [Diagnostic] = []
            let bytes = item.text
            withBytes(bytes, bytes.indices) { text in
                for (index, heading) in stage.headings.enumerated() {
                    var position = 0
                    while position <= text.count {
                        let matched: Bool
                        do { matched = try scratch.match(heading.pattern, in: text, from: position) } catch {
                            limitDiagnostics.append(Diagnostic(stage: "segment", field: nil, code: "segment.match_limit",
                                                               message: "heading pattern for '\(heading.name)' stopped: \((error as? PCRE2Error)?.message ?? "\(error)")"))
                            break
                        }
                        guard matched, let whole = scratch.range(0) else { break }
                        let line = Self.line(around: whole, in: text)
                        // A heading starts its line (`position` is a line start, so no match on this
                        // line starts earlier); a line already taken by an earlier heading is not this one's.
                        if whole.lowerBound != line.lowerBound || found.contains(where: { $0.line == line }) {
                            position = line.upperBound + 1
                            continue
                        }
                        found.append((index, line))
                        break
                    }
                }
            }
            found.sort { $0.line.lowerBound < $1.line.lowerBound }
            let boundaries = stage.boundary.map { boundaryLines($0, in: bytes, diagnostics: &limitDiagnostics) } ?? []
            for diagnostic in limitDiagnostics { item.diagnose(diagnostic) }
            let end = item.text.count
            item.sections[stage.preamble.index] = trim(0..<stop(0, found.first?.line.lowerBound ?? end, boundaries), in: item.text)
            for (order, heading) in found.enumerated() {
                let start = min(heading.line.upperBound + 1, end)
                let next = order + 1 < found.count ? found[order + 1].line.lowerBound : end
                item.sections[stage.headings[heading.heading].section.index] = trim(start..<max(start, stop(start, next, boundaries)), in: item.text)
            }
            for (index, heading) in stage.headings.enumerated() where !heading.optional && !found.contains(where: { $0.heading == index }) {
                item.diagnose(Diagnostic(stage: "segment", field: nil, code: "segment.missing_section",
                                         message: "section '\(heading.name)' not found"))
            }
        }

        /// The start of every line `pattern` matches at its start, in order.
        private func boundaryLines(_ pattern: Pattern, in bytes: [UInt8], diagnostics: inout [Diagnostic]) -> [Int] {
            var starts: [Int] = []
            withBytes(bytes, bytes.indices) { text in
                var position = 0
                while position <= text.count {
                    do {
                        guard try scratch.match(pattern, in: text, from: position), let whole = scratch.range(0) else { return }
                        let line = Self.line(around: whole, in: text)
                        if whole.lowerBound == line.lowerBound { starts.append(line.lowerBound) }
                        position = line.upperBound + 1
                    } catch {
                        diagnostics.append(Diagnostic(stage: "segment", field: nil, code: "segment.match_limit",
                                                      message: "boundary pattern stopped: \((error as? PCRE2Error)?.message ?? "\(error)")"))
                        return
                    }
                }
            }
            return starts
        }

        /// Where a section starting at `start` ends: at `next` (the next heading or the text's
        /// end), or at the first boundary line from `start` on, if that comes first.
        private func stop(_ start: Int, _ next: Int, _ boundaries: [Int]) -> Int {
            guard let first = boundaries.first(where: { $0 >= start }) else { return next }
            return min(first, next)
        }

        /// The full line (without its newline) containing a match.
        static func line(around match: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> Range<Int> {
            var start = match.lowerBound
            while start > 0, text[start - 1] != 0x0A { start -= 1 }
            var end = max(match.upperBound, start)
            if end > start, text[end - 1] == 0x0A { end -= 1 }
            while end < text.count, text[end] != 0x0A { end += 1 }
            return start..<end
        }

        /// The range without the blank lines at its start and the whitespace at its end.
        private func trim(_ range: Range<Int>, in text: [UInt8]) -> Range<Int> {
            var start = range.lowerBound
            var end = range.upperBound
            // Leading blank lines go; the first line's indentation stays (it may be a bullet's).
            var probe = start
            while probe < end, text[probe] == 0x20 || text[probe] == 0x09 || text[probe] == 0x0D || text[probe] == 0x0A {
                if text[probe] == 0x0A { start = probe + 1 }
                probe += 1
            }
            if probe == end { start = end }
            while end > start, text[end - 1] == 0x0A || text[end - 1] == 0x20 || text[end - 1] == 0x0D || text[end - 1] == 0x09 { end -= 1 }
            return start..<end
        }
    }
}
