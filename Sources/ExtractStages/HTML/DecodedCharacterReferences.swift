import ExtractCore

/// Set on an item by a stage that decoded the page's character references while making its text
/// (the html stage): a `&` in the text now is a character of the page, so later stages must not
/// decode references again (`&amp;lt;` is the text `&lt;`, not `<`); normalize reads it.
public enum DecodedCharacterReferences: AttachmentKey {
    public typealias Value = Bool
    public static let name = "whether the page's character references were decoded"
}
