import ExtractCore

/// Where the text of a page that was cut off now ends, once the truncation stage has dropped its
/// incomplete last line: a list in a section that runs to this point may have lost items (the
/// fields stage reads it for `last_item_needs` and to mark such lists, ``CutOffLists``).
public enum TruncationPoint: AttachmentKey {
    public typealias Value = Int
    public static let name = "the point where a cut-off page now ends"

    /// Only the piece that ends at the cut, or after which only blank text comes before it, is
    /// cut off: at the cut, moved into the piece's text.
    public static func value(_ cut: Int, inPiece range: Range<Int>, of item: WorkItem) -> Int? {
        let end = min(range.upperBound, cut)
        guard range.lowerBound <= cut, item.withoutTrailingBlanks(end..<cut).isEmpty else { return nil }
        return end - range.lowerBound
    }
}
