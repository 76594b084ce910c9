import CPCRE2

/// An error reported by PCRE2: a pattern that does not compile, or a match that hit a limit.
public struct PCRE2Error: Error, Equatable, Sendable, CustomStringConvertible {
    /// PCRE2's own error code (negative for match errors, positive for compile errors).
    public let code: Int32
    /// PCRE2's message for the code, e.g. "missing closing parenthesis".
    public let message: String
    /// For compile errors: the byte offset in the pattern where PCRE2 gave up.
    public let offset: Int?

    public init(code: Int32, offset: Int? = nil) {
        self.code = code
        self.offset = offset
        self.message = PCRE2Error.message(for: code)
    }

    public var description: String {
        if let offset { return "\(message) at offset \(offset)" }
        return message
    }

    /// True when a match stopped because of the match limit, depth, heap or JIT stack limit.
    public var isResourceLimit: Bool {
        [PCRE2_ERROR_MATCHLIMIT, PCRE2_ERROR_DEPTHLIMIT, PCRE2_ERROR_HEAPLIMIT,
         PCRE2_ERROR_JIT_STACKLIMIT, PCRE2_ERROR_NOMEMORY].contains(code)
    }

    static func message(for code: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = buffer.withUnsafeMutableBufferPointer {
            pcre2_get_error_message_8(code, $0.baseAddress, $0.count)
        }
        guard count > 0 else { return "PCRE2 error \(code)" }
        return String(decoding: buffer[0..<Int(count)], as: UTF8.self)
    }
}
