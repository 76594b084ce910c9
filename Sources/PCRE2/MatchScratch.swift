import CPCRE2

/// Per-worker match state: PCRE2 match data, a match context holding the limits, and a JIT stack.
///
/// One instance serves every pattern a worker uses (its match data grows to the largest pattern),
/// so nothing is allocated per match. Not thread-safe: each worker owns its own.
public final class MatchScratch {
    /// Limits that keep a hostile page from stalling a run.
    public struct Limits: Sendable, Equatable {
        /// PCRE2's match limit: the number of internal match-function calls (JIT and interpreter).
        public var matchLimit: UInt32
        /// Backtracking depth limit (interpreter only; the JIT ignores it).
        public var depthLimit: UInt32
        /// Heap limit in KiB (interpreter only).
        public var heapLimitKiB: UInt32
        /// Maximum JIT stack in KiB.
        public var jitStackKiB: Int

        public init(matchLimit: UInt32 = 1_000_000, depthLimit: UInt32 = 10_000,
                    heapLimitKiB: UInt32 = 20_000, jitStackKiB: Int = 1_024) {
            self.matchLimit = matchLimit
            self.depthLimit = depthLimit
            self.heapLimitKiB = heapLimitKiB
            self.jitStackKiB = jitStackKiB
        }
    }

    private var matchData: OpaquePointer
    private var ovector: UnsafeMutablePointer<Int>
    private var pairs: Int
    private let context: OpaquePointer?
    private let jitStack: OpaquePointer?
    /// Subject of the last match; offsets are relative to it.
    private var lastCount = 0

    public init(limits: Limits = Limits()) {
        pairs = 16
        // pcre2_match_data_create only fails when out of memory.
        matchData = pcre2_match_data_create_8(UInt32(pairs), nil)!
        ovector = pcre2_get_ovector_pointer_8(matchData)
        context = pcre2_match_context_create_8(nil)
        if let context {
            pcre2_set_match_limit_8(context, limits.matchLimit)
            pcre2_set_depth_limit_8(context, limits.depthLimit)
            pcre2_set_heap_limit_8(context, limits.heapLimitKiB)
        }
        let maxStack = max(32, limits.jitStackKiB) * 1024
        jitStack = pcre2_jit_stack_create_8(32 * 1024, maxStack, nil)
        if let context, let jitStack { pcre2_jit_stack_assign_8(context, nil, UnsafeMutableRawPointer(jitStack)) }
    }

    deinit {
        pcre2_match_data_free_8(matchData)
        if let context { pcre2_match_context_free_8(context) }
        if let jitStack { pcre2_jit_stack_free_8(jitStack) }
    }

    private func ensureCapacity(for pattern: Pattern) {
        let needed = pattern.captureCount + 1
        guard needed > pairs else { return }
        pcre2_match_data_free_8(matchData)
        pairs = needed
        matchData = pcre2_match_data_create_8(UInt32(pairs), nil)!
        ovector = pcre2_get_ovector_pointer_8(matchData)
    }

    /// Looks for `pattern` in `subject` from byte offset `start`.
    ///
    /// The subject must be valid UTF-8 when the pattern is in Unicode mode; it is not re-checked
    /// (the check would cost ten times the match), so callers validate text once per document.
    /// Returns false when there is no match; throws when a limit stopped the match.
    public func match(_ pattern: Pattern, in subject: UnsafeBufferPointer<UInt8>, from start: Int = 0,
                      notEmptyAtStart: Bool = false) throws(PCRE2Error) -> Bool {
        ensureCapacity(for: pattern)
        var options: UInt32 = pattern.utf ? PCRE2_NO_UTF_CHECK : 0
        if notEmptyAtStart { options |= PCRE2_NOTEMPTY_ATSTART }
        // A zero-length subject still needs a valid pointer.
        let empty: [UInt8] = [0]
        let result: Int32
        if let base = subject.baseAddress {
            // A JIT-compiled pattern goes straight to its machine code (PCRE2's fast path, which
            // skips pcre2_match's checks of arguments this wrapper already guarantees).
            result = pattern.isJITCompiled && !notEmptyAtStart
                ? pcre2_jit_match_8(pattern.code, base, subject.count, start, options, matchData, context)
                : pcre2_match_8(pattern.code, base, subject.count, start, options, matchData, context)
        } else {
            result = empty.withUnsafeBufferPointer {
                pcre2_match_8(pattern.code, $0.baseAddress, 0, 0, options, matchData, context)
            }
        }
        lastCount = Int(max(result, 0))
        if result == PCRE2_ERROR_NOMATCH || result == PCRE2_ERROR_PARTIAL { return false }
        if result < 0 { throw PCRE2Error(code: result) }
        return true
    }

    /// The byte range of `group` in the last match, or nil when the group did not take part.
    public func range(_ group: Int) -> Range<Int>? {
        guard group < lastCount else { return nil }
        let start = ovector[2 * group]
        let end = ovector[2 * group + 1]
        guard start >= 0, end >= start else { return nil }  // -1 is PCRE2_UNSET
        return start..<end
    }

    /// The range of the first set group among `groups` (named groups may have duplicates under `(?J)`).
    public func range(anyOf groups: [Int]) -> Range<Int>? {
        for group in groups { if let range = range(group) { return range } }
        return nil
    }

    /// Calls `body` with each successive match of `pattern` in `subject`, from `start`.
    ///
    /// An empty match advances by one character (not one byte) so UTF-8 text is never entered mid-scalar.
    /// `body` returns false to stop early.
    public func forEachMatch(_ pattern: Pattern, in subject: UnsafeBufferPointer<UInt8>, from start: Int = 0,
                             _ body: (MatchScratch) throws(PCRE2Error) -> Bool) throws(PCRE2Error) {
        var position = start
        while position <= subject.count {
            guard try match(pattern, in: subject, from: position) else { return }
            guard let whole = range(0) else { return }
            guard try body(self) else { return }
            if whole.upperBound > whole.lowerBound {
                position = whole.upperBound
            } else {
                position = whole.upperBound + 1
                while position < subject.count, subject[position] & 0xC0 == 0x80 { position += 1 }
            }
        }
    }
}
