/// Whether bytes that are not UTF-8 look like text in Windows-1252 (or Latin-1, which it
/// extends): the test `--encoding auto` makes before reading a page so.
///
/// Any byte string decodes as Windows-1252 (all but five bytes mean a character), so the test
/// is about what Western text looks like, and what the other things that are not UTF-8 look
/// like instead. Bytes are refused when they hold:
/// - a byte Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D; Python's `cp1252`
///   codec refuses them too);
/// - a control character other than tab, line feed, form feed and carriage return (binary
///   data; ESC also starts the ISO-2022 encodings of Japanese, Chinese and Korean);
/// - as many valid UTF-8 characters beyond ASCII as bytes that are not UTF-8: a UTF-8 page with
///   some damage (a stray Latin-1 byte, a spliced-in fragment), where reading all of it as
///   Windows-1252 would turn every one of its good characters into mojibake (`Ã©`);
/// - more than a quarter of its non-ASCII bytes in runs of three or more: the shape of the
///   double-byte encodings (Shift_JIS, EUC-JP, GBK, Big5, EUC-KR) and of the single-byte
///   encodings of other alphabets (Windows-1251, KOI8-R, ISO-8859-7, Windows-1256, TIS-620),
///   whose words are all non-ASCII. In Western text a letter beyond ASCII stands between ASCII
///   letters, or beside one other (`Größe`, `ções`, `“École”`).
///
/// What passes is read as Windows-1252. Other Latin single-byte encodings (ISO-8859-2,
/// ISO-8859-15, Windows-1250 and 1254, Mac Roman) cannot be told from it by their bytes and are
/// read as it too: a page in one of those needs converting first (`iconv -f ISO-8859-2 -t UTF-8`).
public enum Windows1252Evidence {
    /// Why `bytes` (not valid UTF-8, and without NUL bytes) are not plausibly Windows-1252
    /// text, or nil when they are.
    public static func refusal(_ bytes: [UInt8]) -> String? {
        bytes.withUnsafeBufferPointer { refusal($0) }
    }

    static func refusal(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var nonASCII = 0
        var inLongRuns = 0
        var run = 0
        var utf8Characters = 0
        var notUTF8 = 0
        var utf8Remaining = 0
        for index in bytes.indices {
            let byte = bytes[index]
            if byte < 0x80 {
                if byte == 0x7F || (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0C && byte != 0x0D) {
                    return "it has the control character \(hex(byte)) at offset \(index), as binary data does"
                }
                if run >= 3 { inLongRuns += run }
                run = 0
                continue
            }
            if byte == 0x81 || byte == 0x8D || byte == 0x8F || byte == 0x90 || byte == 0x9D {
                return "it has the byte \(hex(byte)) at offset \(index), which Windows-1252 leaves undefined"
            }
            nonASCII += 1
            run += 1
            if utf8Remaining > 0 {
                utf8Remaining -= 1
            } else if let length = InputCheck.scalarLength(bytes, at: index) {
                utf8Characters += 1
                utf8Remaining = length - 1
            } else {
                notUTF8 += 1
            }
        }
        if run >= 3 { inLongRuns += run }
        if utf8Characters >= notUTF8 {
            return "it is mostly UTF-8 (\(utf8Characters) UTF-8 characters beyond ASCII, \(notUTF8) bytes that are not): a damaged UTF-8 page"
        }
        if inLongRuns * 4 > nonASCII {
            return "\(inLongRuns) of its \(nonASCII) non-ASCII bytes come in runs of three or more, as in a multi-byte encoding or another alphabet's, not in Western text"
        }
        return nil
    }

    private static func hex(_ byte: UInt8) -> String {
        "0x" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16, uppercase: true)
    }
}
