import ExtractCore

/// The list fields that ran into the point where the page was cut off (``TruncationPoint``), so
/// they may lack items: the fields stage marks them, and totals and counts over them are not
/// given (derive's `sum` and `count`).
public enum CutOffLists: AttachmentKey {
    public typealias Value = Set<FieldID>
    public static let name = "the lists that ran into the point where the page was cut off"
}
