import ExtractCore

/// Read access to values, as the writers need it. A record holds most values in its flat
/// ``ValueStore`` and some as ``Value`` trees (another package's stage, diagnostics, spans): each
/// writer is written once, over this protocol, and compiled for both.
protocol ValueReader {
    associatedtype Node
    func kind(_ node: Node) -> ValueStore.Kind
    func bool(_ node: Node) -> Bool
    func integer(_ node: Node) -> Int
    func decimal(_ node: Node) -> Double
    /// A string's UTF-8 bytes.
    func withString<R>(_ node: Node, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R
    /// Items of a list, members of an object.
    func count(_ node: Node) -> Int
    func item(_ position: Int, of list: Node) -> Node
    /// The UTF-8 bytes of the name of member `position` of an object.
    func withKey<R>(_ position: Int, of object: Node, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R
    func memberValue(_ position: Int, of object: Node) -> Node
}

extension ValueReader {
    /// The value of the member named `key` (UTF-8), nil when there is none or `object` is no object.
    func member(_ key: UnsafeBufferPointer<UInt8>, of object: Node) -> Node? {
        guard kind(object) == .object else { return nil }
        for position in 0..<count(object) where withKey(position, of: object, { $0.elementsEqual(key) }) {
            return memberValue(position, of: object)
        }
        return nil
    }
}

extension ValueStore.Reader: ValueReader {
    @inline(__always) func withString<R>(_ node: ValueStore.NodeID, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        body(string(node))
    }

    @inline(__always) func withKey<R>(_ position: Int, of object: ValueStore.NodeID, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        body(key(position, of: object))
    }
}

/// ``Value`` trees, read through ``ValueReader``.
struct TreeReader: ValueReader {
    func kind(_ node: Value) -> ValueStore.Kind {
        switch node {
        case .null: return .null
        case .bool: return .bool
        case .integer: return .integer
        case .decimal: return .decimal
        case .string: return .string
        case .list: return .list
        case .object: return .object
        }
    }

    func bool(_ node: Value) -> Bool {
        if case .bool(let value) = node { return value }
        return false
    }

    func integer(_ node: Value) -> Int {
        if case .integer(let value) = node { return value }
        return 0
    }

    func decimal(_ node: Value) -> Double {
        if case .decimal(let value) = node { return value }
        return 0
    }

    func withString<R>(_ node: Value, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        guard case .string(let string) = node else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        return withUTF8Bytes(of: string, body)
    }

    func count(_ node: Value) -> Int {
        switch node {
        case .list(let items): return items.count
        case .object(let members): return members.count
        default: return 0
        }
    }

    func item(_ position: Int, of list: Value) -> Value {
        if case .list(let items) = list { return items[position] }
        return .null
    }

    func withKey<R>(_ position: Int, of object: Value, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        guard case .object(let members) = object else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        return withUTF8Bytes(of: members[position].key, body)
    }

    func memberValue(_ position: Int, of object: Value) -> Value {
        if case .object(let members) = object { return members[position].value }
        return .null
    }
}

/// A member of a record's output object (``ExtractCore/Record/outputObject(schema:options:)``
/// order): its key, and its value, in the record's store or as a tree.
struct OutputMember {
    enum Source {
        case store(ValueStore.NodeID)
        case tree(Value)
    }

    let key: String
    let source: Source
}

extension Record {
    /// The members ``ExtractCore/Record/outputObject(schema:options:)`` gives, without building
    /// the values held in the store.
    func outputMembers(schema: Schema, options: EmitterOptions) -> [OutputMember] {
        var members: [OutputMember] = []
        members.reserveCapacity(schema.output.count + 2)
        for id in schema.output {
            let key = schema.fields[id.index].name
            if let root = root(id) {
                members.append(OutputMember(key: key, source: .store(root)))
            } else {
                members.append(OutputMember(key: key, source: .tree(self[id] ?? .null)))
            }
        }
        if diagnostics.isEmpty && !options.includeSpans {
            members.append(OutputMember(key: "diagnostics", source: .tree(.list([]))))
        } else {
            for member in outputTrailingMembers(schema: schema, options: options) {
                members.append(OutputMember(key: member.key, source: .tree(member.value)))
            }
        }
        return members
    }
}
