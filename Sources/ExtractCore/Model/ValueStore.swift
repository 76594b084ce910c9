/// A record's values stored flat: every string, list and object of one record lives in a few
/// buffers of plain data (nodes, object members, list items, bytes) instead of a tree of
/// separately allocated arrays and strings.
///
/// Every value of a record lives here: built-in stages build values in place, a ``Value`` set on
/// a record is copied in, and the emitters read from here, so a page costs a handful of
/// allocations instead of one per string, list and object, and no reference counting while it
/// is built, written and freed. ``Value`` stays the type everything else sees: ``Record`` gives
/// a field's value as a ``Value`` when asked for it.
///
/// Nodes are only ever appended. Replacing a member's value (``setMember(_:in:to:)``) or a
/// record's field points it at another node; what is no longer reachable stays until the record
/// is freed.
/// A copy of a store is independent of the original (copied on first write, like an array).
public struct ValueStore: @unchecked Sendable {
    /// A value in the store. ``ValueStore/null`` is always there.
    public struct NodeID: Hashable, Sendable {
        public let index: Int
        @inlinable init(_ index: Int) { self.index = index }
    }

    public enum Kind: UInt8, Sendable {
        case null, bool, integer, decimal, string, list, object
    }

    @usableFromInline var storage: ValueStorage

    /// The null value (every store has it).
    public static let null = NodeID(0)

    public init() { storage = ValueStorage(nodes: 16, bytes: 256) }

    /// An empty store with room for a typical record.
    public init(reservingNodes nodeCount: Int, bytes byteCount: Int) {
        storage = ValueStorage(nodes: nodeCount, bytes: byteCount)
    }

    /// Makes `storage` this store's own before a write.
    @inlinable mutating func unique() {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    }

    // MARK: Building

    @inlinable @inline(__always)
    mutating func add(_ kind: Kind, _ a: Int, _ b: Int) -> NodeID {
        unique()
        storage.nodes.append(ValueStorage.Node(kind: kind, a: a, b: b))
        return NodeID(storage.nodes.count - 1)
    }

    @inlinable public mutating func bool(_ value: Bool) -> NodeID { add(.bool, value ? 1 : 0, 0) }
    @inlinable public mutating func integer(_ value: Int) -> NodeID { add(.integer, value, 0) }
    @inlinable public mutating func decimal(_ value: Double) -> NodeID {
        add(.decimal, Int(bitPattern: UInt(value.bitPattern)), 0)
    }

    /// A string of UTF-8 bytes (valid UTF-8: the store does not check).
    @inlinable public mutating func string(_ utf8: UnsafeBufferPointer<UInt8>) -> NodeID {
        unique()
        let start = storage.bytes.count
        storage.bytes.append(utf8)
        storage.nodes.append(ValueStorage.Node(kind: .string, a: start, b: utf8.count))
        return NodeID(storage.nodes.count - 1)
    }

    @inlinable public mutating func string(_ utf8: ArraySlice<UInt8>) -> NodeID {
        utf8.withUnsafeBufferPointer { string($0) }
    }

    @inlinable public mutating func string(_ text: String) -> NodeID {
        if let node = text.utf8.withContiguousStorageIfAvailable({ string($0) }) { return node }
        var text = text
        return text.withUTF8 { string($0) }
    }

    /// A string written in place by `body`, which gets room for `capacity` bytes and returns how
    /// many it wrote (valid UTF-8); null when it wrote none.
    @inlinable public mutating func string(capacity: Int,
                                           initializingWith body: (UnsafeMutableBufferPointer<UInt8>) -> Int) -> NodeID {
        unique()
        storage.bytes.reserve(capacity)
        let start = storage.bytes.count
        let written = body(UnsafeMutableBufferPointer(start: storage.bytes.base + start, count: capacity))
        guard written > 0 else { return Self.null }
        storage.bytes.count += written
        return add(.string, start, written)
    }

    /// Starts a list; add its items with ``addItem(_:)`` and close it with ``endList(_:)``.
    @inlinable public func beginList() -> Int { storage.pendingItems.count }

    @inlinable public mutating func addItem(_ item: NodeID) {
        unique()
        storage.pendingItems.append(item.index)
    }

    /// The list of the items added since `mark` (what ``beginList()`` returned).
    @inlinable public mutating func endList(_ mark: Int) -> NodeID {
        unique()
        let start = storage.items.count
        let count = storage.pendingItems.count - mark
        storage.items.append(UnsafeBufferPointer(start: storage.pendingItems.base + mark, count: count))
        storage.pendingItems.count = mark
        return add(.list, start, count)
    }

    /// Items added since `mark` so far (to the list being built).
    @inlinable public func itemCount(since mark: Int) -> Int { storage.pendingItems.count - mark }

    /// Forgets the last item added to the list being built.
    @inlinable public mutating func removeLastItem() {
        unique()
        storage.pendingItems.count -= 1
    }

    /// Starts an object; add its members with ``addMember(_:_:)`` and close it with ``endObject(_:)``.
    @inlinable public func beginObject() -> Int { storage.pendingMembers.count }

    @inlinable public mutating func addMember(_ key: String, _ value: NodeID) {
        unique()
        let start = storage.bytes.count
        if key.utf8.withContiguousStorageIfAvailable({ storage.bytes.append($0) }) == nil {
            var key = key
            key.withUTF8 { storage.bytes.append($0) }
        }
        storage.pendingMembers.append(ValueStorage.Member(keyStart: start, keyCount: storage.bytes.count - start,
                                                          value: value.index))
    }

    /// As ``addMember(_:_:)``, with the key as UTF-8 bytes.
    @inlinable public mutating func addMember(key: UnsafeBufferPointer<UInt8>, _ value: NodeID) {
        unique()
        let start = storage.bytes.count
        storage.bytes.append(key)
        storage.pendingMembers.append(ValueStorage.Member(keyStart: start, keyCount: key.count, value: value.index))
    }

    /// The object of the members added since `mark` (what ``beginObject()`` returned).
    @inlinable public mutating func endObject(_ mark: Int) -> NodeID {
        unique()
        let start = storage.members.count
        let count = storage.pendingMembers.count - mark
        storage.members.append(UnsafeBufferPointer(start: storage.pendingMembers.base + mark, count: count))
        storage.pendingMembers.count = mark
        return add(.object, start, count)
    }

    /// Copies a value into the store.
    public mutating func append(_ value: Value) -> NodeID {
        switch value {
        case .null: return Self.null
        case .bool(let b): return bool(b)
        case .integer(let i): return integer(i)
        case .decimal(let d): return decimal(d)
        case .string(let s): return string(s)
        case .list(let values):
            let mark = beginList()
            for item in values {
                let node = append(item)
                addItem(node)
            }
            return endList(mark)
        case .object(let entries):
            let mark = beginObject()
            for entry in entries {
                let node = append(entry.value)
                addMember(entry.key, node)
            }
            return endObject(mark)
        }
    }

    /// A value added to a store in one go (``appendFragment(_:)``): its nodes, members, items and
    /// bytes are contiguous, so another store copies it in four block copies
    /// (``append(_:from:)-(Fragment,_)``), not node by node.
    public struct Fragment: Sendable {
        let root: NodeID
        let nodes: Range<Int>
        let members: Range<Int>
        let items: Range<Int>
        let bytes: Range<Int>
    }

    /// Adds a value as a ``Fragment`` (outside of any list or object being built).
    public mutating func appendFragment(_ value: Value) -> Fragment {
        let nodes = storage.nodes.count, members = storage.members.count
        let items = storage.items.count, bytes = storage.bytes.count
        let root = append(value)
        return Fragment(root: root, nodes: nodes..<storage.nodes.count, members: members..<storage.members.count,
                        items: items..<storage.items.count, bytes: bytes..<storage.bytes.count)
    }

    /// Copies a fragment of another store into this one; returns its root here.
    public mutating func append(_ fragment: Fragment, from other: ValueStore) -> NodeID {
        // A fragment refers to its own nodes, and to the null node every store has at 0.
        guard fragment.root != Self.null else { return Self.null }
        unique()
        let source = other.storage
        let nodeShift = storage.nodes.count - fragment.nodes.lowerBound
        let memberShift = storage.members.count - fragment.members.lowerBound
        let itemShift = storage.items.count - fragment.items.lowerBound
        let byteShift = storage.bytes.count - fragment.bytes.lowerBound
        storage.bytes.append(UnsafeBufferPointer(start: source.bytes.base + fragment.bytes.lowerBound, count: fragment.bytes.count))
        storage.nodes.reserve(fragment.nodes.count)
        for index in fragment.nodes {
            var node = source.nodes[index]
            switch node.kind {
            case .string: node.a += byteShift
            case .list: node.a += itemShift
            case .object: node.a += memberShift
            case .null, .bool, .integer, .decimal: break
            }
            storage.nodes.append(node)
        }
        storage.members.reserve(fragment.members.count)
        for index in fragment.members {
            var member = source.members[index]
            member.keyStart += byteShift
            if member.value != Self.null.index { member.value += nodeShift }
            storage.members.append(member)
        }
        storage.items.reserve(fragment.items.count)
        for index in fragment.items {
            let item = source.items[index]
            storage.items.append(item == Self.null.index ? item : item + nodeShift)
        }
        return NodeID(fragment.root.index + nodeShift)
    }

    /// Copies a value of another store into this one.
    public mutating func append(_ node: NodeID, from other: ValueStore) -> NodeID {
        let source = other.storage.nodes[node.index]
        switch source.kind {
        case .null:
            return Self.null
        case .bool, .integer, .decimal:
            return add(source.kind, source.a, source.b)
        case .string:
            return string(UnsafeBufferPointer(start: other.storage.bytes.base + source.a, count: source.b))
        case .list:
            let mark = beginList()
            for position in 0..<source.b {
                let item = append(NodeID(other.storage.items[source.a + position]), from: other)
                addItem(item)
            }
            return endList(mark)
        case .object:
            let mark = beginObject()
            for position in 0..<source.b {
                let member = other.storage.members[source.a + position]
                let value = append(NodeID(member.value), from: other)
                addMember(key: UnsafeBufferPointer(start: other.storage.bytes.base + member.keyStart, count: member.keyCount), value)
            }
            return endObject(mark)
        }
    }

    // MARK: Reading

    /// Appends bytes that stand for a value: equal values give equal bytes, and different values
    /// different bytes (decimals compare by bit pattern). For keying caches by value without
    /// building it.
    public func appendIdentity(of id: NodeID, to identity: inout [UInt8]) {
        let node = storage.nodes[id.index]
        identity.append(node.kind.rawValue)
        switch node.kind {
        case .null:
            break
        case .bool, .integer, .decimal:
            withUnsafeBytes(of: node.a) { identity.append(contentsOf: $0) }
        case .string:
            withUnsafeBytes(of: node.b) { identity.append(contentsOf: $0) }
            identity.append(contentsOf: UnsafeBufferPointer(start: storage.bytes.base + node.a, count: node.b))
        case .list:
            withUnsafeBytes(of: node.b) { identity.append(contentsOf: $0) }
            for position in 0..<node.b { appendIdentity(of: NodeID(storage.items[node.a + position]), to: &identity) }
        case .object:
            withUnsafeBytes(of: node.b) { identity.append(contentsOf: $0) }
            for position in 0..<node.b {
                let member = storage.members[node.a + position]
                withUnsafeBytes(of: member.keyCount) { identity.append(contentsOf: $0) }
                identity.append(contentsOf: UnsafeBufferPointer(start: storage.bytes.base + member.keyStart, count: member.keyCount))
                appendIdentity(of: NodeID(member.value), to: &identity)
            }
        }
    }

    @inlinable public func kind(_ id: NodeID) -> Kind { storage.nodes[id.index].kind }

    @inlinable public func isNull(_ id: NodeID) -> Bool { storage.nodes[id.index].kind == .null }

    /// An integer node's value, nil for anything else.
    @inlinable public func integer(_ id: NodeID) -> Int? {
        let node = storage.nodes[id.index]
        return node.kind == .integer ? node.a : nil
    }

    /// A decimal node's value, nil for anything else.
    @inlinable public func decimal(_ id: NodeID) -> Double? {
        let node = storage.nodes[id.index]
        return node.kind == .decimal ? Double(bitPattern: UInt64(UInt(bitPattern: node.a))) : nil
    }

    /// The items of a list, or the members of an object; 0 for anything else.
    @inlinable public func count(_ id: NodeID) -> Int {
        let node = storage.nodes[id.index]
        return node.kind == .list || node.kind == .object ? node.b : 0
    }

    /// Item `position` of a list.
    @inlinable public func item(_ position: Int, of list: NodeID) -> NodeID {
        NodeID(storage.items[storage.nodes[list.index].a + position])
    }

    /// The value of member `position` of an object.
    @inlinable public func memberValue(_ position: Int, of object: NodeID) -> NodeID {
        NodeID(storage.members[storage.nodes[object.index].a + position].value)
    }

    /// The position of the member named `key` in an object, nil when it has none (or is no object).
    public func memberPosition(_ key: String, in object: NodeID) -> Int? {
        if let found = key.utf8.withContiguousStorageIfAvailable({ memberPosition($0, in: object) }) { return found }
        var key = key
        return key.withUTF8 { memberPosition($0, in: object) }
    }

    /// As ``memberPosition(_:in:)``, with the key as UTF-8 bytes.
    public func memberPosition(_ key: UnsafeBufferPointer<UInt8>, in object: NodeID) -> Int? {
        let node = storage.nodes[object.index]
        guard node.kind == .object else { return nil }
        for position in 0..<node.b {
            let member = storage.members[node.a + position]
            if member.keyCount == key.count, storage.bytes.equals(key, at: member.keyStart) { return position }
        }
        return nil
    }

    /// Whether member `position` of an object is named `key` (UTF-8 bytes).
    @inlinable public func memberKey(_ position: Int, of object: NodeID, is key: UnsafeBufferPointer<UInt8>) -> Bool {
        let member = storage.members[storage.nodes[object.index].a + position]
        return key.count == member.keyCount && storage.bytes.equals(key, at: member.keyStart)
    }

    /// The name of member `position` of an object.
    public func memberKey(_ position: Int, of object: NodeID) -> String {
        let member = storage.members[storage.nodes[object.index].a + position]
        return String(decoding: UnsafeBufferPointer(start: storage.bytes.base + member.keyStart, count: member.keyCount), as: UTF8.self)
    }

    /// The value of the member named `key`, nil when there is none.
    public func member(_ key: String, of object: NodeID) -> NodeID? {
        memberPosition(key, in: object).map { memberValue($0, of: object) }
    }

    /// Points member `position` of an object at another value.
    @inlinable public mutating func setMember(_ position: Int, in object: NodeID, to value: NodeID) {
        unique()
        storage.members[storage.nodes[object.index].a + position].value = value.index
    }

    /// The bytes of a string node (valid while the store is not written to), nil for anything else.
    @inlinable public func withStringBytes<R>(_ id: NodeID, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R? {
        let node = storage.nodes[id.index]
        guard node.kind == .string else { return nil }
        return try withExtendedLifetime(storage) { try body(UnsafeBufferPointer(start: storage.bytes.base + node.a, count: node.b)) }
    }

    /// A string node's text, nil for anything else.
    public func string(_ id: NodeID) -> String? {
        withStringBytes(id) { String(decoding: $0, as: UTF8.self) }
    }

    /// The value of a node, as the tree the rest of the library uses.
    public func value(_ id: NodeID) -> Value { withReader { $0.value(id) } }

    /// Reads the store through pointers (for writers that walk every node): valid only inside `body`.
    @inlinable public func withReader<R>(_ body: (Reader) throws -> R) rethrows -> R {
        try withExtendedLifetime(storage) { try body(Reader(storage: storage)) }
    }

    /// A borrowed view of a store, for walking it without copies or reference counting.
    public struct Reader {
        @usableFromInline let nodes: UnsafeMutablePointer<ValueStorage.Node>
        @usableFromInline let members: UnsafeMutablePointer<ValueStorage.Member>
        @usableFromInline let items: UnsafeMutablePointer<Int>
        @usableFromInline let bytes: UnsafeMutablePointer<UInt8>
        /// How many nodes there are, for the checked reads.
        @usableFromInline let nodeCount: Int

        @inlinable init(storage: ValueStorage) {
            nodeCount = storage.nodes.count
            nodes = storage.nodes.base
            members = storage.members.base
            items = storage.items.base
            bytes = storage.bytes.base
        }

        @inlinable @inline(__always) public func kind(_ id: NodeID) -> Kind { nodes[id.index].kind }
        @inlinable @inline(__always) public func bool(_ id: NodeID) -> Bool { nodes[id.index].a != 0 }
        @inlinable @inline(__always) public func integer(_ id: NodeID) -> Int { nodes[id.index].a }
        @inlinable @inline(__always) public func decimal(_ id: NodeID) -> Double {
            Double(bitPattern: UInt64(UInt(bitPattern: nodes[id.index].a)))
        }
        /// A string's bytes.
        @inlinable @inline(__always) public func string(_ id: NodeID) -> UnsafeBufferPointer<UInt8> {
            let node = nodes[id.index]
            return UnsafeBufferPointer(start: bytes + node.a, count: node.b)
        }
        /// Items of a list, members of an object.
        @inlinable @inline(__always) public func count(_ id: NodeID) -> Int { nodes[id.index].b }
        @inlinable @inline(__always) public func item(_ position: Int, of list: NodeID) -> NodeID {
            NodeID(items[nodes[list.index].a + position])
        }
        @inlinable @inline(__always) public func key(_ position: Int, of object: NodeID) -> UnsafeBufferPointer<UInt8> {
            let member = members[nodes[object.index].a + position]
            return UnsafeBufferPointer(start: bytes + member.keyStart, count: member.keyCount)
        }
        @inlinable @inline(__always) public func memberValue(_ position: Int, of object: NodeID) -> NodeID {
            NodeID(members[nodes[object.index].a + position].value)
        }

        /// The value of the member named `key` (UTF-8), nil when there is none or `object` is no object.
        public func member(_ key: UnsafeBufferPointer<UInt8>, of object: NodeID) -> NodeID? {
            guard kind(object) == .object else { return nil }
            for position in 0..<count(object) where self.key(position, of: object).elementsEqual(key) {
                return memberValue(position, of: object)
            }
            return nil
        }

        /// The value of a node, as a tree. A node of another store (or of an older copy of this
        /// one) stops the program rather than reading memory that is not a value.
        public func value(_ id: NodeID) -> Value {
            precondition(id.index >= 0 && id.index < nodeCount, "a node that is not in this store")
            switch kind(id) {
            case .null: return .null
            case .bool: return .bool(bool(id))
            case .integer: return .integer(integer(id))
            case .decimal: return .decimal(decimal(id))
            case .string: return .string(String(decoding: string(id), as: UTF8.self))
            case .list: return .list((0..<count(id)).map { value(item($0, of: id)) })
            case .object:
                return .object((0..<count(id)).map { position in
                    Value.Member(String(decoding: key(position, of: id), as: UTF8.self), value(memberValue(position, of: id)))
                })
            }
        }
    }
}

/// The buffers behind a ``ValueStore``.
@usableFromInline final class ValueStorage {
    /// One value. `a` and `b`: a string's bytes (start, count), a list's items or an object's
    /// members (start, count), or the scalar (`a`: the integer, the double's bits, 0 or 1).
    @usableFromInline struct Node {
        @usableFromInline var kind: ValueStore.Kind
        @usableFromInline var a: Int
        @usableFromInline var b: Int
        @inlinable init(kind: ValueStore.Kind, a: Int, b: Int) {
            self.kind = kind
            self.a = a
            self.b = b
        }
    }

    /// One member of an object: its key (bytes in `bytes`) and its value.
    @usableFromInline struct Member {
        @usableFromInline var keyStart: Int
        @usableFromInline var keyCount: Int
        @usableFromInline var value: Int
        @inlinable init(keyStart: Int, keyCount: Int, value: Int) {
            self.keyStart = keyStart
            self.keyCount = keyCount
            self.value = value
        }
    }

    // The buffers are reached only through the `ValueStore` that owns this object, which makes
    // it unique before every write (copy on write), so Swift's run-time exclusivity checks on
    // class properties are off: with them, a page cost 585k instructions instead of 463k.
    @exclusivity(unchecked) @usableFromInline var nodes: FlatBuffer<Node>
    @exclusivity(unchecked) @usableFromInline var members: FlatBuffer<Member>
    @exclusivity(unchecked) @usableFromInline var items: FlatBuffer<Int>
    @exclusivity(unchecked) @usableFromInline var bytes: FlatBuffer<UInt8>
    /// Members and items of the objects and lists being built, innermost last; each is moved to
    /// `members` / `items` in one piece when its container ends, so a container's parts are
    /// contiguous however containers nest.
    @exclusivity(unchecked) @usableFromInline var pendingMembers: FlatBuffer<Member>
    @exclusivity(unchecked) @usableFromInline var pendingItems: FlatBuffer<Int>

    init(nodes nodeCount: Int, bytes byteCount: Int) {
        nodes = FlatBuffer(capacity: nodeCount)
        members = FlatBuffer(capacity: nodeCount)
        items = FlatBuffer(capacity: nodeCount / 4)
        bytes = FlatBuffer(capacity: byteCount)
        pendingMembers = FlatBuffer(capacity: 32)
        pendingItems = FlatBuffer(capacity: 32)
        nodes.append(Node(kind: .null, a: 0, b: 0))
    }

    private init(copying other: ValueStorage) {
        nodes = other.nodes.copy()
        members = other.members.copy()
        items = other.items.copy()
        bytes = other.bytes.copy()
        pendingMembers = other.pendingMembers.copy()
        pendingItems = other.pendingItems.copy()
    }

    @usableFromInline func copy() -> ValueStorage { ValueStorage(copying: self) }

    deinit {
        nodes.free()
        members.free()
        items.free()
        bytes.free()
        pendingMembers.free()
        pendingItems.free()
    }
}
