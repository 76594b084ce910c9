/// Writes the UTF-8 encoding of a Unicode scalar value (callers pass valid scalars) at `out`,
/// which has room for 4 bytes; returns the number of bytes written.
///
/// Shared by the stages that rewrite text and the readers that decode escapes, which work on
/// bytes rather than `String`s.
@inlinable
public func writeScalar(_ scalar: UInt32, to out: UnsafeMutablePointer<UInt8>) -> Int {
    switch scalar {
    case ..<0x80:
        out[0] = UInt8(scalar)
        return 1
    case ..<0x800:
        out[0] = UInt8(0xC0 | scalar >> 6); out[1] = UInt8(0x80 | scalar & 0x3F)
        return 2
    case ..<0x10000:
        out[0] = UInt8(0xE0 | scalar >> 12); out[1] = UInt8(0x80 | scalar >> 6 & 0x3F); out[2] = UInt8(0x80 | scalar & 0x3F)
        return 3
    default:
        out[0] = UInt8(0xF0 | scalar >> 18); out[1] = UInt8(0x80 | scalar >> 12 & 0x3F)
        out[2] = UInt8(0x80 | scalar >> 6 & 0x3F); out[3] = UInt8(0x80 | scalar & 0x3F)
        return 4
    }
}

/// Appends the UTF-8 encoding of a Unicode scalar value (callers pass valid scalars).
/// Public and inlinable for other modules' hot loops (decoding pages, rendering HTML).
@inlinable @inline(__always)
public func appendScalar(_ scalar: UInt32, to output: inout [UInt8]) {
    switch scalar {
    case ..<0x80:
        output.append(UInt8(scalar))
    case ..<0x800:
        output.append(UInt8(0xC0 | scalar >> 6))
        output.append(UInt8(0x80 | scalar & 0x3F))
    case ..<0x10000:
        output.append(UInt8(0xE0 | scalar >> 12))
        output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
        output.append(UInt8(0x80 | scalar & 0x3F))
    default:
        output.append(UInt8(0xF0 | scalar >> 18))
        output.append(UInt8(0x80 | scalar >> 12 & 0x3F))
        output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
        output.append(UInt8(0x80 | scalar & 0x3F))
    }
}
