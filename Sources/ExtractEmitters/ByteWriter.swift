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
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Bytes written so far.
    private(set) var count = 0

    init(capacity: Int = 8_192) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// Makes room for `extra` more bytes.
    @inline(__always)
    mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    @inline(never)
    private mutating func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.initialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    /// Appends ASCII text known at compile time: `"null"`, `"\": "`.
    @inline(__always)
    mutating func append(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        reserve(bytes.count)
        (base + count).initialize(from: source, count: bytes.count)
        count += bytes.count
    }

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
        (base + count).initialize(repeating: byte, count: repeats)
        count += repeats
    }

    /// Reserves `maximum` bytes and lets `body` write up to that many at the pointer it gets;
    /// `body` returns how many it wrote.
    @inline(__always)
    mutating func write(atMost maximum: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        reserve(maximum)
        count += body(base + count)
    }

    /// The byte at `offset` (below ``count``).
    subscript(offset: Int) -> UInt8 { base[offset] }

    /// Inserts `bytes` at `offset`, moving what follows.
    mutating func insert(_ bytes: StaticString, at offset: Int) {
        let length = bytes.utf8CodeUnitCount
        reserve(length)
        (base + offset + length).moveInitialize(from: base + offset, count: count - offset)
        (base + offset).initialize(from: bytes.utf8Start, count: length)
        count += length
    }

    /// Forgets what was written, keeping the room.
    mutating func removeAll() { count = 0 }

    /// The bytes written so far.
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: base, count: count))
    }

    /// Appends the bytes written so far to `output`.
    func copy(into output: inout [UInt8]) {
        output.append(contentsOf: UnsafeBufferPointer(start: base, count: count))
    }
}
