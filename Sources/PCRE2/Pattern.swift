import CPCRE2

/// A compiled, JIT-compiled PCRE2 pattern.
///
/// Built once (compiling is the expensive part) and then shared read-only by every worker:
/// PCRE2 documents compiled code as safe to use from several threads at once. Per-match state
/// lives in ``MatchScratch``, which belongs to one worker.
public final class Pattern: @unchecked Sendable {
    /// Compile-time options, a thin layer over PCRE2's flags.
    public struct Options: OptionSet, Sendable {
        public let rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }
        /// `^` and `$` match at line starts and ends as well as at the subject's ends.
        public static let multiline = Options(rawValue: PCRE2_MULTILINE)
        public static let caseless = Options(rawValue: PCRE2_CASELESS)
        /// `.` matches newlines too.
        public static let dotAll = Options(rawValue: PCRE2_DOTALL)
        /// Whitespace in the pattern is ignored and `#` starts a comment.
        public static let extended = Options(rawValue: PCRE2_EXTENDED)
        /// UTF-8 mode with Unicode properties for `\d`, `\w`, `\s` and case folding.
        public static let unicode = Options(rawValue: PCRE2_UTF | PCRE2_UCP)
    }

    /// The pattern as written.
    public let source: String
    let code: OpaquePointer
    /// Number of capture groups (not counting group 0).
    public let captureCount: Int
    /// Named groups: name to group number(s). Duplicate names (`(?J)`) map to several numbers.
    public let groupNumbers: [String: [Int]]
    /// Whether the JIT compiler accepted the pattern (it falls back to the interpreter if not).
    public let isJITCompiled: Bool
    let utf: Bool

    /// Compiles `source`; throws a ``PCRE2Error`` carrying PCRE2's message and the offset in the pattern.
    public init(_ source: String, options: Options = [.unicode]) throws(PCRE2Error) {
        self.source = source
        var errorCode: Int32 = 0
        var errorOffset = 0
        var bytes = Array(source.utf8)
        let compiled = bytes.withUnsafeMutableBufferPointer { buffer in
            pcre2_compile_8(buffer.baseAddress, buffer.count, options.rawValue, &errorCode, &errorOffset, nil)
        }
        guard let compiled else { throw PCRE2Error(code: errorCode, offset: errorOffset) }
        bytes.removeAll()
        code = compiled
        utf = options.contains(.unicode)
        isJITCompiled = pcre2_jit_compile_8(compiled, PCRE2_JIT_COMPLETE) == 0

        var count: UInt32 = 0
        pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_CAPTURECOUNT), &count)
        captureCount = Int(count)

        var nameCount: UInt32 = 0
        var entrySize: UInt32 = 0
        var table: UnsafePointer<UInt8>? = nil
        pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_NAMECOUNT), &nameCount)
        pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_NAMEENTRYSIZE), &entrySize)
        pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_NAMETABLE), &table)
        var names: [String: [Int]] = [:]
        if let table, nameCount > 0 {
            // Each entry: a 2-byte big-endian group number, then the NUL-terminated name.
            for index in 0..<Int(nameCount) {
                let entry = table + index * Int(entrySize)
                let number = Int(entry[0]) << 8 | Int(entry[1])
                var end = 2
                while entry[end] != 0 { end += 1 }
                let name = String(decoding: UnsafeBufferPointer(start: entry + 2, count: end - 2), as: UTF8.self)
                names[name, default: []].append(number)
            }
        }
        groupNumbers = names
    }

    deinit { pcre2_code_free_8(code) }

    /// The group numbers, in the order of the names given; nil for names the pattern lacks.
    public func groupNumber(_ name: String) -> Int? { groupNumbers[name]?.first }
}
