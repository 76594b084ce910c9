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
    private var values: [(any Sendable)?]

    public init(count: Int) {
        values = count == 0 ? [] : Array(repeating: nil, count: count)
    }

    /// The attachment in `slot`: nil until a stage sets it; a later stage's value replaces an earlier one.
    public subscript<Key>(slot: AttachmentSlot<Key>) -> Key.Value? {
        get { slot.index < values.count ? values[slot.index] as? Key.Value : nil }
        set {
            if slot.index >= values.count { values += Array(repeating: nil, count: slot.index + 1 - values.count) }
            values[slot.index] = newValue
        }
    }

    /// The attachment in `slot`, or `defaultValue` while no stage has set it: for changing it in place
    /// (`item.attachments[lists, default: []].insert(field)`).
    public subscript<Key>(slot: AttachmentSlot<Key>, default defaultValue: @autoclosure () -> Key.Value) -> Key.Value {
        get { self[slot] ?? defaultValue() }
        set { self[slot] = newValue }
    }
}
