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
///
/// A value is kept in a box of its own type beside the key it was set for, so reading it back is
/// a comparison of the key and a pointer read, with no dynamic cast on the per-page path.
public struct Attachments: Sendable {
    /// An attachment's value (never changed once made).
    @usableFromInline final class Box<Value: Sendable>: @unchecked Sendable {
        @usableFromInline let value: Value
        @usableFromInline init(_ value: Value) { self.value = value }
    }

    /// A value set, in a ``Box`` of its key's value type, with the key it was set for.
    @usableFromInline struct Entry: @unchecked Sendable {
        // The key is a metatype and the box immutable: nothing here is shared mutable state.
        @usableFromInline let key: any AttachmentKey.Type
        @usableFromInline let box: AnyObject

        @inlinable init<Key: AttachmentKey>(_ key: Key.Type, _ value: Key.Value) {
            self.key = key
            box = Box(value)
        }

        /// The value, when the entry was set for `key`.
        @inlinable func value<Key: AttachmentKey>(of key: Key.Type) -> Key.Value? {
            guard ObjectIdentifier(self.key) == ObjectIdentifier(key) else { return nil }
            // Set for `key`, so its box holds a `Key.Value` (``init(_:_:)``).
            return unsafeDowncast(box, to: Box<Key.Value>.self).value
        }

        /// The entry a piece cut out of `item` at `range` carries, if any.
        func piece(_ range: Range<Int>, of item: WorkItem) -> Entry? {
            func piece<Key: AttachmentKey>(_ key: Key.Type) -> Entry? {
                value(of: key).flatMap { key.value($0, inPiece: range, of: item) }.map { Entry(key, $0) }
            }
            return piece(key)
        }
    }

    @usableFromInline var entries: [Entry?]

    public init(count: Int) {
        entries = count == 0 ? [] : Array(repeating: nil, count: count)
    }

    /// The attachment in `slot`: nil until a stage sets it; a later stage's value replaces an earlier one.
    @inlinable public subscript<Key>(slot: AttachmentSlot<Key>) -> Key.Value? {
        get { slot.index < entries.count ? entries[slot.index]?.value(of: Key.self) : nil }
        set {
            if slot.index >= entries.count { entries += Array(repeating: nil, count: slot.index + 1 - entries.count) }
            entries[slot.index] = newValue.map { Entry(Key.self, $0) }
        }
    }

    /// The attachment in `slot`, or `defaultValue` while no stage has set it: for changing it in place
    /// (`item.attachments[lists, default: []].insert(field)`).
    @inlinable public subscript<Key>(slot: AttachmentSlot<Key>, default defaultValue: @autoclosure () -> Key.Value) -> Key.Value {
        get { self[slot] ?? defaultValue() }
        set { self[slot] = newValue }
    }

    /// The value set for `key`, found without its slot (for looking at a finished item, in tests
    /// or tools; a stage uses the slot it declared).
    public subscript<Key: AttachmentKey>(key: Key.Type) -> Key.Value? {
        for case let entry? in entries { if let value = entry.value(of: key) { return value } }
        return nil
    }

    /// The attachments of a piece cut out of `item` at `range`, each as its key says a piece carries it.
    func piece(_ range: Range<Int>, of item: WorkItem) -> Attachments {
        var piece = self
        piece.entries = entries.map { $0?.piece(range, of: item) }
        return piece
    }
}
