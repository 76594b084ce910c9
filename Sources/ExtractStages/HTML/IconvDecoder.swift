import ExtractCore
import Glibc

/// A charset other than UTF-8, UTF-16 and Windows-1252, decoded by the C library's iconv one
/// character at a time (so each character's original bytes are known). Pages in such charsets
/// are rare; this is not the fast path.
final class IconvDecoder {
    private let handle: iconv_t

    init?(charset: String) {
        let handle = iconv_open("UTF-8", charset)
        guard let handle, handle != iconv_t(bitPattern: -1) else { return nil }
        self.handle = handle
    }

    deinit { iconv_close(handle) }

    /// Whether iconv can decode `charset`.
    static func knows(_ charset: String) -> Bool { IconvDecoder(charset: charset) != nil }

    /// Decodes the character at `index` into `output` and returns how many bytes it took (at
    /// least 1: a byte that does not start a character becomes U+FFFD, and `unreadable` is called).
    func decodeCharacter(_ bytes: [UInt8], at index: Int, into output: inout [UInt8], unreadable: () -> Void) -> Int {
        var buffer = [UInt8](repeating: 0, count: 16)
        for length in 1...min(4, bytes.count - index) {
            var input = Array(bytes[index..<(index + length)])
            var inLeft = length
            var outLeft = buffer.count
            let result = input.withUnsafeMutableBufferPointer { inBuffer in
                buffer.withUnsafeMutableBufferPointer { outBuffer in
                    var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuffer.baseAddress!).assumingMemoryBound(to: CChar.self)
                    var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress!).assumingMemoryBound(to: CChar.self)
                    return iconv(handle, &inPointer, &inLeft, &outPointer, &outLeft)
                }
            }
            if result != -1 && inLeft == 0 {
                output.append(contentsOf: buffer[0..<(buffer.count - outLeft)])
                return length
            }
            iconv(handle, nil, nil, nil, nil)
            if errno != EINVAL { break }
        }
        appendScalar(0xFFFD, to: &output)
        unreadable()
        return 1
    }
}
