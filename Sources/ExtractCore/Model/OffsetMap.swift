/// Maps byte offsets in transformed text back to offsets in the original document.
///
/// Stored as anchors where the offset difference changes, so a page with few edits costs a few
/// entries. Offsets inside replaced text map into what it replaced, counting on from its start
/// but never past its end: text longer than what it replaced (`- ` written as `• `) has its
/// extra bytes map to the end of the replaced bytes, so offsets never go back.
public struct OffsetMap: Sendable, Equatable {
    /// Pairs (offset in text, offset in original), increasing in both.
    private var textOffsets: [Int] = [0]
    private var originalOffsets: [Int] = [0]

    public init() {}

    /// An identity map with room for `capacity` anchors, for a builder that knows roughly how
    /// many it will add.
    public init(reservingCapacity capacity: Int) {
        textOffsets.reserveCapacity(capacity)
        originalOffsets.reserveCapacity(capacity)
    }

    /// Records that text offset `text` corresponds to original offset `original`.
    /// Calls must come in increasing order of `text`.
    public mutating func anchor(text: Int, original: Int) {
        let last = textOffsets.count - 1
        if textOffsets[last] == text {
            originalOffsets[last] = original
            return
        }
        // Skip anchors that the previous one already implies.
        if original - text == originalOffsets[last] - textOffsets[last] { return }
        textOffsets.append(text)
        originalOffsets.append(original)
    }

    /// The original offset of text offset `offset`: counted on from the anchor at or before it,
    /// and no further than the next anchor's original offset.
    public func original(_ offset: Int) -> Int {
        var low = 0
        var high = textOffsets.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if textOffsets[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        let counted = originalOffsets[low] + (offset - textOffsets[low])
        return low + 1 < originalOffsets.count ? min(counted, originalOffsets[low + 1]) : counted
    }

    /// Whether text offsets equal original offsets everywhere.
    public var isIdentity: Bool { textOffsets.count == 1 && originalOffsets[0] == 0 }

    /// Composes two maps: `self` maps A to the original, `later` maps B to A; the result maps B
    /// to the original, exactly at every offset both maps keep.
    public func composed(with later: OffsetMap) -> OffsetMap {
        if isIdentity { return later }
        if later.isIdentity { return self }
        var result = OffsetMap()
        var inner = 0  // index into self's anchors
        for index in later.textOffsets.indices {
            let textStart = later.textOffsets[index]
            let aStart = later.originalOffsets[index]
            let length = index + 1 < later.textOffsets.count ? later.textOffsets[index + 1] - textStart : Int.max / 2
            result.anchor(text: textStart, original: original(aStart))
            // self's anchors that fall inside this copied run start new runs in B too.
            while inner < textOffsets.count, textOffsets[inner] <= aStart { inner += 1 }
            var probe = inner
            while probe < textOffsets.count, textOffsets[probe] < aStart + length {
                result.anchor(text: textStart + textOffsets[probe] - aStart, original: originalOffsets[probe])
                probe += 1
            }
        }
        return result
    }

    /// The map of a piece of the text: offset 0 of the piece is offset `range.lowerBound` of this
    /// map's text, and every offset of the piece, its end included, maps where this map maps it.
    /// Only the anchors in the range (and the one after it, which bounds the last run) are kept,
    /// so cutting a page into many pieces costs each piece its own anchors, not the page's.
    public func slice(_ range: Range<Int>) -> OffsetMap {
        var low = 0
        var high = textOffsets.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if textOffsets[mid] <= range.lowerBound { low = mid } else { high = mid - 1 }
        }
        var result = OffsetMap()
        result.anchor(text: 0, original: original(range.lowerBound))
        var index = low + 1
        while index < textOffsets.count {
            result.anchor(text: textOffsets[index] - range.lowerBound, original: originalOffsets[index])
            if textOffsets[index] > range.upperBound { break }
            index += 1
        }
        return result
    }

    /// The original span of a text range.
    public func span(_ range: Range<Int>) -> Span {
        Span(start: original(range.lowerBound), end: original(range.upperBound))
    }
}
