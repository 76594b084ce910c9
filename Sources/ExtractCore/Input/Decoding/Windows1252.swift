/// The upper half of Windows-1252 that differs from Latin-1: bytes 0x80–0x9F.
///
/// Used where text was read with the wrong encoding (mojibake repair), to decode Windows-1252
/// pages (text pages that are not UTF-8, as `--encoding` allows, and HTML pages with the
/// `iso-8859-1` and `us-ascii` labels, which the HTML standard reads as Windows-1252), and
/// where HTML says a numeric character reference in 128–159 means the Windows-1252 character (`&#146;` is `’`): in normalize, and in the html stage, where
/// libxml2 leaves such references as C1 controls. Public and inlinable for other modules' hot
/// loops (as ``OffsetMapBuilder``).
public enum Windows1252 {
    /// Bytes 0x80–0x9F as Unicode scalars. The five bytes Windows-1252 leaves undefined (0x81,
    /// 0x8D, 0x8F, 0x90, 0x9D) map to the C1 control of the same number, as WHATWG's table does.
    public static let high: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x192, 0x201E, 0x2026, 0x2020, 0x2021, 0x2C6, 0x2030, 0x160, 0x2039, 0x152, 0x8D, 0x17D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x2DC, 0x2122, 0x161, 0x203A, 0x153, 0x9D, 0x17E, 0x178,
    ]

    /// The scalar byte `value` (0x80–0x9F) stands for in Windows-1252; other values as they are.
    @inlinable @inline(__always)
    public static func scalar(_ value: UInt32) -> UInt32 {
        value >= 0x80 && value <= 0x9F ? high[Int(value - 0x80)] : value
    }

    /// The byte 0x80–0xBF (a UTF-8 continuation byte) that `scalar` is when a byte is read as
    /// Windows-1252, or as Latin-1 (where 0x80–0x9F are the C1 controls); nil for any other scalar.
    @inlinable @inline(__always)
    public static func continuationByte(_ scalar: UInt32) -> UInt8? {
        if scalar < 0x80 { return nil }  // ASCII never stood for a continuation byte; spares the table search
        if scalar <= 0xBF { return UInt8(scalar) }
        if let index = high.firstIndex(of: scalar) { return UInt8(0x80 + index) }
        return nil
    }
}
