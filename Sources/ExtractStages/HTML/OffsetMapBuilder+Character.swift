extension OffsetMapBuilder {
    /// Maps `length` bytes of text written at `text` to the `originalLength` bytes at `original`
    /// they were decoded from, so that every offset inside maps inside the original character and
    /// offsets never go back: when the text is longer, its extra bytes map to the character's end.
    /// The text after it must be anchored by the caller (the next character, or the end).
    @inline(__always)
    mutating func anchorCharacter(text: Int, length: Int, original: Int, originalLength: Int) {
        anchor(text: text, original: original)
        guard length > originalLength else { return }
        for offset in (originalLength + 1)...length {
            anchor(text: text + offset, original: original + originalLength)
        }
    }
}
