/// Builds an ``OffsetMap`` from anchors given in increasing text order, passing on only the
/// ones that change it.
///
/// `OffsetMap.anchor` replaces the last anchor when the text offset repeats and ignores one
/// that the last anchor already implies (same difference between the two offsets). Most
/// anchors of a clean page are such repeats; keeping a copy of the last anchor here makes them
/// a comparison instead of a call, and the map is the same as if every anchor had been passed on.
///
/// Shared by everything that rewrites text: the input decoders, normalize and the html stage.
/// Public and inlinable because it is called per character in other modules' hot loops: Swift
/// 6.3 does not inline a `package` method across modules, even an `@inlinable` one.
public struct OffsetMapBuilder {
    /// The map built so far.
    public var map: OffsetMap { built }
    @usableFromInline var built: OffsetMap
    @usableFromInline var lastText = 0
    @usableFromInline var lastOriginal = 0

    /// `capacity`: about how many anchors the text will need.
    public init(capacity: Int = 0) { built = OffsetMap(reservingCapacity: capacity) }

    @inlinable @inline(__always)
    public mutating func anchor(text: Int, original: Int) {
        if text == lastText {
            guard original != lastOriginal else { return }
        } else if original - text == lastOriginal - lastText {
            return
        }
        built.anchor(text: text, original: original)
        lastText = text
        lastOriginal = original
    }

    /// Maps `length` bytes of text written at `text` to the `originalLength` bytes at `original`
    /// they were decoded from, so that every offset inside maps inside the original character and
    /// offsets never go back: when the text is longer, its extra bytes map to the character's end.
    /// The text after it must be anchored by the caller (the next character, or the end).
    @inlinable @inline(__always)
    public mutating func anchorCharacter(text: Int, length: Int, original: Int, originalLength: Int) {
        anchor(text: text, original: original)
        guard length > originalLength else { return }
        for offset in (originalLength + 1)...length {
            anchor(text: text + offset, original: original + originalLength)
        }
    }
}
