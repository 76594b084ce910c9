/// Objects are never null outside lists: an object field (or an object inside one) that a page
/// did not give is written as an object of its declared keys, each null, and its inner objects
/// likewise. So every record has the same leaves: pandas' `json_normalize` gives every record the
/// same columns, Parquet and DuckDB get a struct in every row, and CSV's flattened columns are
/// those of the record. Whether the page gave the object at all is told by its keys (the career
/// pipeline's `salary.text` is null only when the page has no salary) and by the field's
/// `fields.not_found` diagnostic.
///
/// Objects inside lists (a citation's `organization`) stay null when absent: a list is one value
/// to every flattening reader, so its items do not make columns. Built once per pipeline; filling
/// a record reads each object field's root and writes only where an object is null.
struct AbsentObjects: Sendable {
    /// The output fields whose shape is an object with declared keys.
    private let fields: [(id: FieldID, members: [Shape.Member])]

    init(schema: Schema) {
        fields = schema.outputFields.compactMap { field in
            guard case .object(let members) = field.shape, !members.isEmpty else { return nil }
            return (field.id, members)
        }
    }

    /// Replaces every absent object of `record` (outside lists) with an object of nulls.
    func fill(_ record: inout Record) {
        for field in fields where field.id.index < record.fieldCount {
            guard let root = record.root(field.id) else {
                record.setRoot(Self.nullObject(field.members, in: &record.store), for: field.id)
                continue
            }
            switch record.store.kind(root) {
            case .null: record.setRoot(Self.nullObject(field.members, in: &record.store), for: field.id)
            case .object: Self.fillMembers(of: root, field.members, in: &record.store)
            default: break
            }
        }
    }

    /// An object with every key of `members`, each null, inner objects filled the same way.
    private static func nullObject(_ members: [Shape.Member], in store: inout ValueStore) -> ValueStore.NodeID {
        let values = members.map { member -> ValueStore.NodeID in
            guard case .object(let inner) = member.shape, !inner.isEmpty else { return ValueStore.null }
            return nullObject(inner, in: &store)
        }
        let object = store.beginObject()
        for (member, value) in zip(members, values) { store.addMember(member.key, value) }
        return store.endObject(object)
    }

    /// Fills the absent inner objects of an object held in `store`.
    private static func fillMembers(of object: ValueStore.NodeID, _ members: [Shape.Member], in store: inout ValueStore) {
        for member in members {
            guard case .object(let inner) = member.shape, !inner.isEmpty,
                  let position = store.memberPosition(member.key, in: object) else { continue }
            let value = store.memberValue(position, of: object)
            switch store.kind(value) {
            case .null: store.setMember(position, in: object, to: nullObject(inner, in: &store))
            case .object: fillMembers(of: value, inner, in: &store)
            default: break
            }
        }
    }
}

extension Shape {
    /// Whether a value of this shape is never null where it stands (`inList`: inside a list
    /// item): an object with declared keys outside lists, which ``AbsentObjects`` writes as an
    /// object of nulls when it is absent. The keys of such an object that may be absent may all be null.
    public func isNeverNull(inList: Bool) -> Bool {
        guard !inList, case .object(let members) = self else { return false }
        return !members.isEmpty
    }
}
