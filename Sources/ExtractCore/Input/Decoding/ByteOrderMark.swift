/// A byte order mark at the start of a page: the one sign of its encoding that needs no guess.
package enum ByteOrderMark: Equatable, Sendable {
    /// EF BB BF.
    case utf8
    /// FF FE.
    case utf16LE
    /// FE FF.
    case utf16BE

    /// The mark `bytes` start with, if any. UTF-32 marks are not read (FF FE 00 00 reads as
    /// UTF-16LE, as the HTML standard reads it).
    package static func of(_ bytes: UnsafeBufferPointer<UInt8>) -> ByteOrderMark? {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { return .utf8 }
        guard bytes.count >= 2 else { return nil }
        if bytes[0] == 0xFF, bytes[1] == 0xFE { return .utf16LE }
        if bytes[0] == 0xFE, bytes[1] == 0xFF { return .utf16BE }
        return nil
    }
}
