import ExtractCore
import PCRE2

/// Detects pages cut off mid-way (scraped excerpts are often cut at a fixed byte count) and
/// drops the incomplete last line, so no later stage reads half a list item, step or paragraph.
///
/// `complete` is a pattern that the end of a complete page matches (it is searched in the last
/// line). When the last line does not match, it is removed from the text and the record gets a
/// `truncation.truncated` diagnostic whose span is the dropped text, and the item the
/// ``TruncationPoint`` where its text now ends. Sections that the cut removed are then reported
/// missing by the segment stage as usual; lists in the section that runs to the cut are marked
/// cut off (see the fields stage's `last_item_needs`), and derived totals over them are not given.
///
/// A page of one line is never cut: dropping it would leave nothing, and one line (a title
/// alone) is what there is to read, so the page gives a record whose missing parts are
/// diagnosed by the later stages.
public struct TruncationStage: Stage {
    static let kind = "truncation"

    /// The diagnostics the stage gives.
    public enum Codes {
        public static let truncated = DiagnosticCode(
            stage: kind, name: "truncated", meaning: "the page was cut off; its incomplete last line was dropped")
        public static let matchLimit = DiagnosticCode(
            stage: kind, name: "match_limit",
            meaning: "the `complete` pattern hit the PCRE2 limits on this page: whether the page is complete cannot be told, so nothing is dropped")
        static let all = [truncated, matchLimit]
    }

    public static let description = StageDescription(
        kind: kind,
        summary: "Drops the incomplete last line of a page that was cut off, with a truncation.truncated diagnostic.",
        options: [
            OptionDescription("complete", "pattern", "what the last line of a complete page matches, e.g. '[.!?)↗]$'", required: true),
        ],
        example: """
        - stage: truncation
          complete: '[.!?)\\x{2197}]$'
        """,
        codes: Codes.all
    )

    let complete: Pattern
    let limits: PatternLimits
    let point: AttachmentSlot<TruncationPoint>

    public init(options: ConfigNode.Options, context: BuildContext) throws {
        limits = context.limits
        point = context.provideAttachment(TruncationPoint.self)
        guard let node = options.required("complete", expected: "a pattern the end of a complete page matches"),
              let pattern = StagePatterns.compile(node) else { throw StageBuildFailed() }
        complete = pattern
    }

    public func makeWorker(_ resources: WorkerResources) -> Worker {
        Worker(stage: self, scratch: resources.matchScratch(limits))
    }

    public struct Worker: StageWorker {
        let stage: TruncationStage
        let scratch: MatchScratch

        public mutating func process(_ item: inout WorkItem) {
            var end = item.text.count
            while end > 0, item.text[end - 1] == 0x0A || item.text[end - 1] == 0x20 || item.text[end - 1] == 0x0D { end -= 1 }
            guard end > 0 else { return }
            var start = end
            while start > 0, item.text[start - 1] != 0x0A { start -= 1 }
            // The page's only line (blank lines before it aside) is kept.
            guard item.text[..<start].contains(where: { $0 != 0x0A && $0 != 0x20 && $0 != 0x0D }) else { return }
            let lastLine = start..<end
            let matched: Bool
            do {
                matched = try withBytes(item.text, lastLine) { try scratch.match(stage.complete, in: $0) }
            } catch {
                // Whether the page is complete cannot be told: nothing is dropped, and the record says so.
                item.diagnose(Diagnostic(Codes.matchLimit,
                                         message: "the 'complete' pattern stopped on the last line (\((error as? PCRE2Error)?.message ?? "\(error)")); the page is kept whole",
                                         span: item.span(of: lastLine)))
                return
            }
            guard !matched else { return }
            let dropped = item.string(lastLine)
            item.diagnose(Diagnostic(Codes.truncated,
                                     message: "the page is cut off; dropped its incomplete last line '\(Self.excerpt(dropped))'",
                                     span: item.span(of: lastLine)))
            var keep = start
            while keep > 0, item.text[keep - 1] == 0x0A { keep -= 1 }
            item.text.removeSubrange(keep...)
            item.attachments[stage.point] = item.text.count
        }

        static func excerpt(_ text: String) -> String {
            text.count <= 60 ? text : String(text.prefix(57)) + "..."
        }
    }
}
