import ExtractCore

/// Calls `body` with the string's UTF-8 bytes: read in place for native strings (no copy of the
/// string value, so no reference counting), copied into contiguous storage otherwise.
@inline(__always)
func withUTF8Bytes<R>(of string: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    if let result = string.utf8.withContiguousStorageIfAvailable(body) { return result }
    var copy = string
    return copy.withUTF8(body)
}

/// A growable byte buffer that an emitter writes one record into, through a raw pointer.
///
/// Writing a record means a few hundred small appends (quotes, commas, keys, numbers, strings);
/// on `[UInt8]` each one pays a uniqueness check and a capacity check, which cost more than the
/// bytes themselves. Here an append is a capacity check and a store, and string escaping writes
/// straight into room reserved once per string. The finished record is then copied into the
/// emitter's output in one piece.
struct ByteWriter: ~Copyable {
    private var buffer: FlatBuffer<UInt8>
    /// Bytes written so far.
    var count: Int { buffer.count }

    init(capacity: Int = 8_192) { buffer = FlatBuffer(capacity: max(capacity, 64)) }

    deinit { buffer.free() }

    /// Makes room for `extra` more bytes.
    @inline(__always)
    mutating func reserve(_ extra: Int) { buffer.reserve(extra) }

    @inline(__always)
    mutating func append(_ byte: UInt8) { buffer.append(byte) }

    /// Appends ASCII text known at compile time: `"null"`, `"\": "`.
    @inline(__always)
    mutating func append(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) { buffer.append(bytes) }

    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    /// Appends the string's UTF-8 bytes unchanged.
    mutating func append(_ string: String) {
        withUTF8Bytes(of: string) { append($0) }
    }

    mutating func append(repeating byte: UInt8, count repeats: Int) {
        guard repeats > 0 else { return }
        reserve(repeats)
        (buffer.base + buffer.count).initialize(repeating: byte, count: repeats)
        buffer.count += repeats
    }

    /// Reserves `maximum` bytes and lets `body` write up to that many at the pointer it gets;
    /// `body` returns how many it wrote.
    @inline(__always)
    mutating func write(atMost maximum: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        reserve(maximum)
        buffer.count += body(buffer.base + buffer.count)
    }

    /// The byte at `offset` (below ``count``).
    subscript(offset: Int) -> UInt8 { buffer[offset] }

    /// Inserts `bytes` at `offset`, moving what follows.
    mutating func insert(_ bytes: StaticString, at offset: Int) {
        let length = bytes.utf8CodeUnitCount
        reserve(length)
        let base = buffer.base
        (base + offset + length).moveInitialize(from: base + offset, count: count - offset)
        (base + offset).initialize(from: bytes.utf8Start, count: length)
        buffer.count += length
    }

    /// Forgets what was written, keeping the room.
    mutating func removeAll() { buffer.count = 0 }

    /// The bytes written so far.
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: buffer.base, count: count))
    }

    /// Appends the bytes written so far to `output`.
    func copy(into output: inout [UInt8]) {
        output.append(contentsOf: UnsafeBufferPointer(start: buffer.base, count: count))
    }
}
