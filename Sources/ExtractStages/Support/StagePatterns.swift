import ExtractCore
import PCRE2

/// Pattern helpers shared by the stages that use PCRE2.
enum StagePatterns {
    /// Compiles a pattern from the pipeline file in multiline Unicode mode, reporting a compile
    /// error with PCRE2's message at its place inside the pattern.
    static func compile(_ node: ConfigNode, caseless: Bool = false) -> Pattern? {
        guard let source = node.string() else { return nil }
        var options: Pattern.Options = [.unicode, .multiline]
        if caseless { options.insert(.caseless) }
        do {
            return try Pattern(source, options: options)
        } catch {
            node.report("invalid pattern: \(error.message) at offset \(error.offset ?? 0) in the pattern",
                        atOffset: error.offset ?? 0, expected: "a PCRE2 regular expression")
            return nil
        }
    }
}

extension MatchScratch.Limits {
    init(_ limits: PatternLimits) {
        self.init(matchLimit: UInt32(clamping: limits.matchLimit), depthLimit: UInt32(clamping: limits.depthLimit),
                  heapLimitKiB: UInt32(clamping: limits.heapLimitKiB), jitStackKiB: limits.jitStackKiB)
    }
}

extension WorkerResources {
    /// The worker's PCRE2 match state, shared by all its pattern stages.
    func matchScratch(_ limits: PatternLimits) -> MatchScratch {
        shared(MatchScratch.self) { MatchScratch(limits: MatchScratch.Limits(limits)) }
    }
}

/// Calls `body` with a range of `bytes` as a buffer whose offsets start at 0.
///
/// Stages pass a copy of the work item's text (`let text = item.text`, which shares its storage)
/// rather than the item itself: a closure that captures the item while the item is borrowed makes
/// Swift copy the whole item, records and all.
func withBytes<R>(_ bytes: [UInt8], _ range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
    try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[range])) }
}
