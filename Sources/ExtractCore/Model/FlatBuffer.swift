/// A growable buffer of plain values (no reference counting), freed by its owner with
/// ``free()``: an append is a capacity check and a copy, with none of an array's uniqueness
/// checks. The value store's buffers and the emitters' byte writer are built on it.
public struct FlatBuffer<Element> {
    @usableFromInline var storage: UnsafeMutablePointer<Element>
    @usableFromInline var room: Int
    /// Elements in use. Lowering it forgets the ones past it; raising it keeps elements written
    /// through ``base`` into room made with ``reserve(_:)``.
    public var count = 0

    /// Where the elements are; moves when the buffer grows.
    @inlinable public var base: UnsafeMutablePointer<Element> { storage }
    public var capacity: Int { room }

    public init(capacity: Int) {
        room = max(capacity, 4)
        storage = .allocate(capacity: room)
    }

    /// Element `index`, checked like an array's: a node of another store (or of an older copy
    /// of a store) stops the program rather than reading memory that is not a value.
    @inlinable public subscript(index: Int) -> Element {
        get {
            precondition(index >= 0 && index < count, "a FlatBuffer index out of range")
            return storage[index]
        }
        nonmutating set {
            precondition(index >= 0 && index < count, "a FlatBuffer index out of range")
            storage[index] = newValue
        }
    }

    /// Makes room for `extra` more elements.
    @inlinable @inline(__always) public mutating func reserve(_ extra: Int) {
        if count + extra > room { grow(to: count + extra) }
    }

    @inlinable @inline(__always) public mutating func append(_ element: Element) {
        if count == room { grow(to: count + 1) }
        (storage + count).initialize(to: element)
        count += 1
    }

    @inlinable @inline(__always) public mutating func append(_ elements: UnsafeBufferPointer<Element>) {
        guard let source = elements.baseAddress, elements.count > 0 else { return }
        if count + elements.count > room { grow(to: count + elements.count) }
        (storage + count).initialize(from: source, count: elements.count)
        count += elements.count
    }

    @usableFromInline @inline(never) mutating func grow(to needed: Int) {
        var newCapacity = room * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newStorage = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        newStorage.moveInitialize(from: storage, count: count)
        storage.deallocate()
        storage = newStorage
        room = newCapacity
    }

    /// A buffer of its own holding the same elements.
    public func copy() -> FlatBuffer {
        var other = FlatBuffer(capacity: room)
        other.storage.initialize(from: storage, count: count)
        other.count = count
        return other
    }

    /// Gives the memory back; the buffer must not be used after.
    public func free() { storage.deallocate() }
}

extension FlatBuffer where Element == UInt8 {
    /// Whether the bytes at `offset` are `other`.
    @usableFromInline func equals(_ other: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
        guard let start = other.baseAddress else { return true }
        for index in 0..<other.count where storage[offset + index] != start[index] { return false }
        return true
    }
}
