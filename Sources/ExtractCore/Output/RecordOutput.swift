/// One member of a record's output object, as ``Record/forEachOutputMember(schema:options:_:)``
/// gives it: what it is, its key, and its value as a node of a store.
public struct OutputMember {
    public enum Kind: Equatable {
        /// An output field (``Schema/output``); its ``OutputMember/index`` is its place there.
        case field(FieldID)
        /// `diagnostics`: a list of `{stage, field, code, message[, span]}` objects (`[]` when
        /// there is none, so every record has the same keys).
        case diagnostics
        /// `_spans`: an object mapping each output field that has a span to `[start, end]` (byte
        /// offsets into the original page), or, for a list field, to one such pair per item.
        case spans
    }

    public let kind: Kind
    /// Its place among the members, from 0.
    public let index: Int
    /// The field's name, `diagnostics` or `_spans`.
    public let key: String
    /// Its value, a node of ``values``; ``ValueStore/null`` for a field no stage set.
    public let value: ValueStore.NodeID
    /// The store holding ``value``: valid only while the walk is going.
    public let values: ValueStore.Reader
}

extension Record {
    /// Calls `body` with each member of the record's output object, in order: the schema's output
    /// fields, then `diagnostics` (`[]` when there is none), then `_spans` when `options` asks for
    /// spans.
    ///
    /// The one walk every emitter and `eval` make, so every format writes the same members. Field
    /// values are read where they are, in ``store``; `diagnostics` and `_spans` are built for the
    /// walk in a small store of their own (only for records that have either: the others share
    /// one empty list).
    public func forEachOutputMember(schema: Schema, options: EmitterOptions, _ body: (OutputMember) throws -> Void) rethrows {
        try store.withReader { values in
            for (index, id) in schema.output.enumerated() {
                try body(OutputMember(kind: .field(id), index: index, key: schema.fields[id.index].name,
                                      value: root(id) ?? ValueStore.null, values: values))
            }
        }
        let index = schema.output.count
        guard !diagnostics.isEmpty || options.includeSpans else {
            try EmptyList.store.withReader { values in
                try body(OutputMember(kind: .diagnostics, index: index, key: "diagnostics", value: EmptyList.node, values: values))
            }
            return
        }
        var trailing = ValueStore(reservingNodes: 16 * diagnostics.count + 64, bytes: 256 * diagnostics.count + 256)
        let diagnosticsNode = trailing.append(diagnostics)
        let spansNode = options.includeSpans ? trailing.appendSpans(of: self, schema: schema) : nil
        try trailing.withReader { values in
            try body(OutputMember(kind: .diagnostics, index: index, key: "diagnostics", value: diagnosticsNode, values: values))
            if let spansNode {
                try body(OutputMember(kind: .spans, index: index + 1, key: "_spans", value: spansNode, values: values))
            }
        }
    }

    /// The record as an ordered object: the members of ``forEachOutputMember(schema:options:_:)``
    /// as values (what `eval` compares).
    public func outputObject(schema: Schema, options: EmitterOptions = EmitterOptions()) -> [Value.Member] {
        var members: [Value.Member] = []
        members.reserveCapacity(schema.output.count + 2)
        forEachOutputMember(schema: schema, options: options) { member in
            members.append(Value.Member(member.key, member.values.value(member.value)))
        }
        return members
    }
}

/// The `diagnostics` of a record without any: one empty list, shared (only ever read).
private enum EmptyList {
    static let (store, node): (ValueStore, ValueStore.NodeID) = {
        var store = ValueStore()
        let node = store.append([Diagnostic]())
        return (store, node)
    }()
}

extension ValueStore {
    /// Adds diagnostics as a list of their objects (``append(_:)-(Diagnostic)``).
    mutating func append(_ diagnostics: [Diagnostic]) -> NodeID {
        let list = beginList()
        for diagnostic in diagnostics {
            let node = append(diagnostic)
            addItem(node)
        }
        return endList(list)
    }

    /// Adds a diagnostic as the object records carry: `{stage, field, code, message[, span]}`.
    mutating func append(_ diagnostic: Diagnostic) -> NodeID {
        let object = beginObject()
        let stage = string(diagnostic.stage)
        addMember("stage", stage)
        let field = diagnostic.field.map { string($0) } ?? ValueStore.null
        addMember("field", field)
        let code = string(diagnostic.code)
        addMember("code", code)
        let message = string(diagnostic.message)
        addMember("message", message)
        if let span = diagnostic.span {
            let pair = append(span)
            addMember("span", pair)
        }
        return endObject(object)
    }

    /// Adds the `_spans` object of a record's output fields: `[start, end]` for a field with a
    /// span, one such pair per item for a list field.
    mutating func appendSpans(of record: Record, schema: Schema) -> NodeID {
        let object = beginObject()
        for id in schema.output where id.index < record.fieldCount {
            let name = schema.fields[id.index].name
            if let items = record.itemSpans[id.index] {
                let list = beginList()
                for span in items {
                    let pair = append(span)
                    addItem(pair)
                }
                let node = endList(list)
                addMember(name, node)
            } else if let span = record.spans[id.index] {
                let pair = append(span)
                addMember(name, pair)
            }
        }
        return endObject(object)
    }

    /// Adds a span as the list `[start, end]`.
    mutating func append(_ span: Span) -> NodeID {
        let list = beginList()
        let start = integer(span.start)
        addItem(start)
        let end = integer(span.end)
        addItem(end)
        return endList(list)
    }
}

extension Diagnostic {
    /// The diagnostic as the object records carry: `{stage, field, code, message[, span]}`.
    public var value: Value {
        var store = ValueStore()
        let node = store.append(self)
        return store.value(node)
    }
}
