/// One input page: where it came from and its bytes, exactly as read.
public struct Document: Sendable {
    /// The locator users see: a path as given, `path#N` for the Nth line of a JSON Lines file, or its id.
    public var source: String
    public var bytes: [UInt8]
    public init(source: String, bytes: [UInt8]) {
        self.source = source
        self.bytes = bytes
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
