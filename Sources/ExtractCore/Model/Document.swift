/// One input page: where it came from and its bytes, exactly as read.
public struct Document: Sendable {
    /// The locator users see: a path as given, `path#N` for the Nth line of a JSON Lines file, or its id.
    public var source: String
    public var bytes: [UInt8]
    /// Set by readers that made the bytes from text already known to be valid UTF-8 (a JSON
    /// string), so the per-document check need not scan them again.
    public var isValidUTF8: Bool

    public init(source: String, bytes: [UInt8], isValidUTF8: Bool = false) {
        self.source = source
        self.bytes = bytes
        self.isValidUTF8 = isValidUTF8
    }
}

/// Why a document produced no record. Reported on stderr and counted; the run goes on.
public struct Rejection: Sendable, Equatable, Error {
    public var code: String
    public var message: String
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }
}
