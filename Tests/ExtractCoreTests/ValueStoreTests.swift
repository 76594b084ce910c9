import ExtractCore
import Testing

@Suite struct ValueStoreTests {
    /// Every kind of value, nested, with empty containers and strings that are not ASCII.
    static let sample: Value = .object([
        .init("null", nil), .init("yes", true), .init("no", false), .init("count", -42), .init("share", 0.25),
        .init("text", "Café ☕ \"quoted\"\nline"), .init("empty", ""), .init("none", []), .init("nothing", .object([])),
        .init("steps", [
            .object([.init("title", "One"), .init("months", 12), .init("skills", ["SQL", "R"])]),
            .object([.init("title", nil), .init("months", 1.4), .init("skills", [])]),
            "a bare string", [[1, 2], []], nil,
        ]),
        .init("ключ", "значение"),
    ])

    @Test func everyKindOfValueReadsBackAsTheValueThatWentIn() {
        var store = ValueStore()
        let node = store.append(Self.sample)
        #expect(store.value(node) == Self.sample)
        #expect(store.append(.null) == ValueStore.null)
    }

    @Test func aContainerBuiltAroundNestedOnesKeepsItsOwnMembersAndItems() {
        var store = ValueStore()
        let list = store.beginList()
        let object = store.beginObject()
        store.addMember("name", store.string("Outer"))
        let inner = store.beginList()
        store.addItem(store.string("x"))
        store.addItem(store.integer(2))
        let innerList = store.endList(inner)
        store.addMember("inner", innerList)
        store.addMember("after", store.bool(true))
        store.addItem(store.endObject(object))
        store.addItem(store.decimal(2.5))
        #expect(store.itemCount(since: list) == 2)
        let root = store.endList(list)
        #expect(store.value(root) == [.object([.init("name", "Outer"), .init("inner", ["x", 2]), .init("after", true)]), 2.5])
    }

    @Test func theLastItemOfAListBeingBuiltCanBeTakenBack() {
        var store = ValueStore()
        let list = store.beginList()
        store.addItem(store.string("kept"))
        store.addItem(store.string("dropped"))
        store.removeLastItem()
        let kept = store.endList(list)
        #expect(store.value(kept) == ["kept"])
    }

    @Test func readersFindMembersAndNumbersByKind() throws {
        var store = ValueStore()
        let node = store.append(Self.sample)
        #expect(store.kind(node) == .object)
        let count = try #require(store.member("count", of: node))
        #expect(store.integer(count) == -42)
        #expect(store.decimal(count) == nil)
        #expect(store.decimal(try #require(store.member("share", of: node))) == 0.25)
        #expect(store.string(try #require(store.member("ключ", of: node))) == "значение")
        #expect(store.member("missing", of: node) == nil)
        #expect(store.member("count", of: count) == nil)
        let steps = try #require(store.member("steps", of: node))
        #expect(store.count(steps) == 5)
        #expect(store.memberPosition("months", in: store.item(1, of: steps)) == 1)
        #expect(store.isNull(store.item(4, of: steps)))
    }

    @Test func replacingAMemberPointsItAtTheNewValueAndLeavesTheRest() throws {
        var store = ValueStore()
        let node = store.append(.object([.init("name", "AMA"), .init("issuers", "AMA")]))
        let slot = try #require(store.memberPosition("issuers", in: node))
        store.setMember(slot, in: node, to: store.append([.object([.init("id", "ama")])]))
        #expect(store.value(node) == .object([.init("name", "AMA"), .init("issuers", [.object([.init("id", "ama")])])]))
    }

    @Test func aCopyOfAStoreChangesIndependentlyOfTheOriginal() throws {
        var original = ValueStore()
        let node = original.append(.object([.init("a", 1)]))
        var copy = original
        copy.setMember(0, in: node, to: copy.string("changed"))
        _ = copy.append(Self.sample)
        #expect(original.value(node) == .object([.init("a", 1)]))
        #expect(copy.value(node) == .object([.init("a", "changed")]))
    }

    @Test func aFragmentCopiedIntoAStoreThatHoldsOtherValuesReadsBackTheSame() {
        var source = ValueStore()
        _ = source.append(["something before", 1])
        let fragment = source.appendFragment(Self.sample)
        let nullFragment = source.appendFragment(nil)
        var target = ValueStore()
        let before = target.append(.object([.init("x", "y")]))
        let copied = target.append(fragment, from: source)
        let copiedAgain = target.append(fragment, from: source)
        #expect(target.value(copied) == Self.sample)
        #expect(target.value(copiedAgain) == Self.sample)
        #expect(target.value(before) == .object([.init("x", "y")]))
        #expect(target.append(nullFragment, from: source) == ValueStore.null)
    }

    @Test func identityBytesAreEqualExactlyForEqualValues() {
        var store = ValueStore()
        func identity(_ value: Value) -> [UInt8] {
            var bytes: [UInt8] = []
            let node = store.append(value)
            store.appendIdentity(of: node, to: &bytes)
            return bytes
        }
        #expect(identity(Self.sample) == identity(Self.sample))
        let distinct: [Value] = [
            nil, "", "ab", ["ab"], ["a", "b"], [], .object([]), .object([.init("ab", "")]), .object([.init("a", "b")]),
            1, 1.0, true, [nil],
        ]
        for (n, a) in distinct.enumerated() {
            for b in distinct[(n + 1)...] { #expect(identity(a) != identity(b), "\(a) vs \(b)") }
        }
    }

    @Test func aStringWrittenInPlaceIsNullWhenNothingIsWritten() {
        var store = ValueStore()
        let empty = store.string(capacity: 8) { _ in 0 }
        #expect(empty == ValueStore.null)
        let written = store.string(capacity: 8) { buffer in
            for (n, byte) in "abc".utf8.enumerated() { buffer[n] = byte }
            return 3
        }
        #expect(store.string(written) == "abc")
    }
}

@Suite struct RecordStorageTests {
    @Test func aFieldHeldInTheStoreReadsBackAsItsValue() {
        var record = Record(source: "s", fieldCount: 2)
        record.setRoot(record.store.append(ValueStoreTests.sample), for: FieldID(1))
        #expect(record[FieldID(1)] == ValueStoreTests.sample)
        #expect(record.values == [nil, ValueStoreTests.sample])
        #expect(record.root(FieldID(0)) == nil)
    }

    @Test func settingAFieldAsAValueCopiesItIntoTheStoreInPlaceOfWhatItHeld() throws {
        var record = Record(source: "s", fieldCount: 1)
        record.setRoot(record.store.string("from the store"), for: FieldID(0))
        record[FieldID(0)] = ValueStoreTests.sample
        let root = try #require(record.root(FieldID(0)))
        #expect(record.store.value(root) == ValueStoreTests.sample)
        #expect(record[FieldID(0)] == ValueStoreTests.sample)
        record[FieldID(0)] = nil
        #expect(record.root(FieldID(0)) == nil)
        #expect(record.values == [nil])
    }

    @Test func recordsCompareByTheirValuesWhicheverWayTheyAreHeld() {
        var flat = Record(source: "s", fieldCount: 1)
        flat.setRoot(flat.store.append(ValueStoreTests.sample), for: FieldID(0))
        var tree = Record(source: "s", fieldCount: 1)
        tree[FieldID(0)] = ValueStoreTests.sample
        #expect(flat == tree)
        tree[FieldID(0)] = "other"
        #expect(flat != tree)
    }
}
