/// A typed side channel between stages: something one stage leaves on a work item for later
/// stages, beside the record rather than in it (where a cut-off page now ends, which lists ran
/// into the cut, whether character references were already decoded).
///
/// A stage declares at build time that it provides one (``BuildContext/provideAttachment(_:)``)
/// or reads one (``BuildContext/requireAttachment(_:at:)``, ``BuildContext/attachment(_:)``), and
/// gets a slot it uses on every item (`item.attachments[slot]`). So a stage from another package
/// can provide or read the same attachments as the built-in ones, and a stage that needs one no
/// earlier stage provides is a mistake in the pipeline file.
public protocol AttachmentKey {
    associatedtype Value: Sendable
    /// What it is, in words, for messages (`the point where a cut-off page now ends`).
    static var name: String { get }
    /// What a piece of an item carries of the item's value, when a stage that splits documents
    /// cuts `range` of the item's text out as a piece of its own (``WorkItem/cut(_:emit:)``): by
    /// default the value as it is; nil when it does not hold for the piece. A value that is an
    /// offset in the text is moved into the piece's here.
    static func value(_ value: Value, inPiece range: Range<Int>, of item: WorkItem) -> Value?
}

extension AttachmentKey {
    public static func value(_ value: Value, inPiece range: Range<Int>, of item: WorkItem) -> Value? { value }

    /// ``value(_:inPiece:of:)`` for a value of this key kept without its type.
    fileprivate static func anyValue(_ value: any Sendable, inPiece range: Range<Int>, of item: WorkItem) -> (any Sendable)? {
        guard let value = value as? Value else { return nil }
        return self.value(value, inPiece: range, of: item)
    }
}

/// Where an attachment is kept on each work item of a pipeline: assigned when the pipeline is
/// built, like a ``FieldID``, so reading it is an array access, not a lookup.
public struct AttachmentSlot<Key: AttachmentKey>: Sendable, Hashable {
    public let index: Int
    init(index: Int) { self.index = index }
}

/// The attachments of one work item: one slot for each attachment the pipeline's stages
/// provide, nil until a stage sets it. A pipeline without attachments costs nothing here; an item
/// made with fewer slots (a pipeline put together by hand from another's stages) makes room for
/// a slot when it is set.
public struct Attachments: Sendable {
    /// A value set, with the key it was set for.
    private struct Entry: @unchecked Sendable {
        // A metatype is immutable; the value is Sendable.
        let key: any AttachmentKey.Type
        let value: any Sendable
    }

    private var entries: [Entry?]

    public init(count: Int) {
        entries = count == 0 ? [] : Array(repeating: nil, count: count)
    }

    /// The attachment in `slot`: nil until a stage sets it; a later stage's value replaces an earlier one.
    public subscript<Key>(slot: AttachmentSlot<Key>) -> Key.Value? {
        get { slot.index < entries.count ? entries[slot.index]?.value as? Key.Value : nil }
        set {
            if slot.index >= entries.count { entries += Array(repeating: nil, count: slot.index + 1 - entries.count) }
            entries[slot.index] = newValue.map { Entry(key: Key.self, value: $0) }
        }
    }

    /// The attachment in `slot`, or `defaultValue` while no stage has set it: for changing it in place
    /// (`item.attachments[lists, default: []].insert(field)`).
    public subscript<Key>(slot: AttachmentSlot<Key>, default defaultValue: @autoclosure () -> Key.Value) -> Key.Value {
        get { self[slot] ?? defaultValue() }
        set { self[slot] = newValue }
    }

    /// The value set for `key`, found without its slot (for looking at a finished item, in tests
    /// or tools; a stage uses the slot it declared).
    public subscript<Key: AttachmentKey>(key: Key.Type) -> Key.Value? {
        for case let entry? in entries where entry.key == key { return entry.value as? Key.Value }
        return nil
    }

    /// The attachments of a piece cut out of `item` at `range`, each as its key says a piece carries it.
    func piece(_ range: Range<Int>, of item: WorkItem) -> Attachments {
        var piece = self
        piece.entries = entries.map { entry in
            entry.flatMap { entry in entry.key.anyValue(entry.value, inPiece: range, of: item).map { Entry(key: entry.key, value: $0) } }
        }
        return piece
    }
}
