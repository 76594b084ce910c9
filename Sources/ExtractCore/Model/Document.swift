/// One input page: where it came from and its bytes, exactly as read.
public struct Document: Sendable {
    /// The locator users see: a path as given, `path#N` for the Nth line of a JSON Lines file, or its id.
    public var source: String
    public var bytes: [UInt8]
    /// Set by readers that made the bytes from text already known to be valid UTF-8 (a JSON
    /// string), so the per-document check need not scan them again.
    public var isValidUTF8: Bool
    /// What the transport said about the bytes, when they came with headers (a WARC record's
    /// HTTP response); empty for files and JSON Lines lines.
    public var metadata: DocumentMetadata

    public init(source: String, bytes: [UInt8], isValidUTF8: Bool = false, metadata: DocumentMetadata = DocumentMetadata()) {
        self.source = source
        self.bytes = bytes
        self.isValidUTF8 = isValidUTF8
        self.metadata = metadata
    }
}

/// Facts about a document that travel beside its bytes: the media type and charset an HTTP
/// response declared, its status, and the archive record it was read from. Stages read them
/// (the `html` stage takes the charset, `derive` can copy them into the record).
public struct DocumentMetadata: Sendable, Equatable {
    /// The media type, lowercased, without parameters (`text/html`); nil when unknown.
    public var contentType: String?
    /// The `charset` parameter of the declared content type, lowercased; nil when none was given.
    public var charset: String?
    /// The HTTP status of the response the document was the body of.
    public var httpStatus: Int?
    /// The `WARC-Record-ID` of the archive record, as written (`<urn:uuid:…>`).
    public var warcRecordID: String?

    public init(contentType: String? = nil, charset: String? = nil, httpStatus: Int? = nil, warcRecordID: String? = nil) {
        self.contentType = contentType
        self.charset = charset
        self.httpStatus = httpStatus
        self.warcRecordID = warcRecordID
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
