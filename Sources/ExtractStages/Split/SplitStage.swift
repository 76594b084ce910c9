import ExtractCore
import PCRE2

/// Cuts a page into blocks where a pattern matches (a listing page into its entries), so that
/// every later stage runs on each block as if it were a page and each block gives its own record.
///
/// Every match of `pattern` starts a block, which runs to the next match or the end of the page,
/// blank lines at its end left out. Block k's record has the source `PAGE#k` (counting the text
/// before the first match when `keep_before` keeps it), its spans point into the page's bytes,
/// fields read before this stage are in every block's record, and each diagnostic gathered so far
/// goes to the block it is about (see ``WorkItem/cut(_:emit:)``). A page with fewer blocks than
/// `min` (default 1), or more than `max`, gives no record and is rejected with its reason
/// (`split.no_blocks`, `split.too_few_blocks`, `split.too_many_blocks`): a listing that lost its
/// entries, or a pattern that suddenly matches every line, is a changed layout, said out loud.
/// A pattern stopped by the PCRE2 limits cannot tell where blocks start: `split.match_limit`.
public struct SplitStage: Stage {
    public static let description = StageDescription(
        kind: "split",
        summary: "Cuts a page into blocks that each start where the pattern matches; later stages run on each block as if it were a page, and each gives its own record (source PAGE#k).",
        options: [
            OptionDescription("pattern", "pattern", "what starts a block, matched anywhere (usually a line start: '^### ')", required: true),
            OptionDescription("keep_before", "bool", "the text before the first block is a piece of its own, the first (default: false, left out)"),
            OptionDescription("min", "integer", "fewest blocks a page must have, else it is rejected (default: 1)"),
            OptionDescription("max", "integer", "most blocks a page may have, else it is rejected (default: no limit)"),
        ],
        example: """
        - stage: split
          pattern: '^### '
          max: 500
        """
    )

    let pattern: Pattern
    let keepBefore: Bool
    let min: Int
    let max: Int?
    let limits: PatternLimits

    public init(options: ConfigNode.Options, context: BuildContext) throws {
        limits = context.limits
        let before = context.issues.issues.count
        let compiled = options.required("pattern", expected: "a pattern that starts each block, e.g. '^### '").flatMap { StagePatterns.compile($0) }
        keepBefore = options.optional("keep_before")?.bool() ?? false
        min = options.optional("min")?.int(in: 1...1_000_000) ?? 1
        let maxNode = options.optional("max")
        max = maxNode?.int(in: 1...1_000_000)
        if let maxNode, let max, max < min {
            maxNode.report("max (\(max)) is less than min (\(min))", expected: "an integer of at least \(min)")
        }
        guard let compiled, context.issues.issues.count == before else { throw StageBuildFailed() }
        pattern = compiled
    }

    public func makeWorker(_ resources: WorkerResources) -> Worker {
        Worker(stage: self, scratch: resources.matchScratch(limits))
    }

    public struct Worker: SplittingStageWorker {
        let stage: SplitStage
        let scratch: MatchScratch

        public mutating func split(_ item: inout WorkItem, emit: (consuming WorkItem) -> Void) {
            var starts: [Int] = []
            let text = item.text
            do {
                try withBytes(text, text.indices) { bytes in
                    try scratch.forEachMatch(stage.pattern, in: bytes) { match in
                        if let whole = match.range(0) { starts.append(whole.lowerBound) }
                        return true
                    }
                }
            } catch {
                item.rejection = Rejection(code: "split.match_limit",
                                           message: "the split pattern stopped (\((error as? PCRE2Error)?.message ?? "\(error)")), so where blocks start cannot be told")
                return
            }
            var pieces: [Range<Int>] = []
            if stage.keepBefore {
                let before = item.withoutTrailingBlanks(0..<(starts.first ?? text.count))
                if !before.isEmpty { pieces.append(before) }
            }
            let piecesBefore = pieces.count
            for (index, start) in starts.enumerated() {
                let block = item.withoutTrailingBlanks(start..<(index + 1 < starts.count ? starts[index + 1] : text.count))
                if !block.isEmpty { pieces.append(block) }
            }
            let blocks = pieces.count - piecesBefore
            if blocks == 0 {
                item.rejection = Rejection(code: "split.no_blocks", message: "no block on the page: the split pattern matched nothing")
            } else if blocks < stage.min {
                item.rejection = Rejection(code: "split.too_few_blocks", message: "\(blocks) block\(blocks == 1 ? "" : "s") on the page, fewer than min (\(stage.min))")
            } else if let max = stage.max, blocks > max {
                item.rejection = Rejection(code: "split.too_many_blocks", message: "\(blocks) blocks on the page, more than max (\(max))")
            } else {
                item.cut(pieces, emit: emit)
            }
        }
    }
}
