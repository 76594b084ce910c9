/// The Windows-1252 meaning of the bytes 0x80–0x9F, where it differs from Latin-1.
///
/// Used twice: to decode Windows-1252 pages (and the `iso-8859-1` and `us-ascii` labels, which
/// the HTML standard reads as Windows-1252), and for numeric character references `&#128;` to
/// `&#159;`, which the HTML standard maps through this table but libxml2 leaves as C1 control
/// characters. The five bytes Windows-1252 leaves unassigned (0x81, 0x8D, 0x8F, 0x90, 0x9D)
/// stay the C1 control of the same value, as in the WHATWG encoding table.
enum Windows1252 {
    private static let c1: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    /// The character a Windows-1252 byte stands for.
    @inline(__always)
    static func scalar(_ byte: UInt8) -> UInt32 {
        byte >= 0x80 && byte < 0xA0 ? c1[Int(byte - 0x80)] : UInt32(byte)
    }

    /// The character a C1 control (U+0080–U+009F) stands for when it came from a numeric
    /// reference or a Windows-1252 byte; any other scalar is returned as it is.
    @inline(__always)
    static func remapC1(_ scalar: UInt32) -> UInt32 {
        scalar >= 0x80 && scalar < 0xA0 ? c1[Int(scalar - 0x80)] : scalar
    }
}
