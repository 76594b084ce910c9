import CLibXML2
import Glibc

/// Finds where each character of a text node stands in the page's source, so the rendered text
/// maps back to bytes (libxml2 keeps line numbers of nodes, not byte offsets).
///
/// A text node's text is looked for forward from where the previous node was found (never
/// before the line of the element that precedes it, which keeps a `<title>` in the head from
/// being taken for the `<h1>` in the body) and outside tags and comments: the first run of
/// plain ASCII characters in it is searched, then the node is followed character by character
/// against the source, stepping over character references (`&amp;`, `&#8226;`: the one
/// character they stand for maps to the whole reference) and the CR of a CRLF. Where the two
/// part (a reference standing for two characters, text the parser moved) the rest of the node
/// maps to the last position found, so offsets never go backwards and never leave the page.
struct SourceAligner {
    let source: UnsafeBufferPointer<UInt8>
    /// Where the next node's search starts.
    private(set) var cursor = 0
    /// Where the source of the last character found ends.
    private(set) var lastEnd = 0
    private var position = 0
    private var aligned = false

    init(source: UnsafeBufferPointer<UInt8>) { self.source = source }

    /// Starts a text node: `text` is its content, `index` its first non-whitespace byte, and
    /// `lowerBound` a position it cannot start before (the start of a preceding element's line).
    mutating func begin(_ text: UnsafeBufferPointer<UInt8>, firstVisible index: Int, lowerBound: Int) {
        let from = min(max(cursor, lowerBound), source.count)
        var runEnd = index
        while runEnd < text.count, runEnd - index < 16, Self.isPlain(text[runEnd]) { runEnd += 1 }
        let found: Int?
        if runEnd > index {
            // A reference libxml2 dropped (`x&#0;y` is "xy" in the node) splits the run in the
            // source: then the first character alone is looked for.
            found = find(UnsafeBufferPointer(rebasing: text[index..<runEnd]), from: from)
                ?? (runEnd - index > 1 ? find(UnsafeBufferPointer(rebasing: text[index..<(index + 1)]), from: from) : nil)
        } else {
            // The node starts with a character that may be written as a reference.
            let length = Self.scalarLength(text[index])
            let literal = find(UnsafeBufferPointer(rebasing: text[index..<min(index + length, text.count)]), from: from)
            var ampersand = UInt8(ascii: "&")
            let reference = withUnsafeMutablePointer(to: &ampersand) { find(UnsafeBufferPointer(start: $0, count: 1), from: from) }
            found = [literal, reference].compactMap { $0 }.min()
        }
        aligned = found != nil
        position = found ?? from
        lastEnd = max(lastEnd, position)
    }

    /// The source position and length of the next character of the node (`character`, one
    /// scalar's UTF-8); length 0 when the node could not be followed.
    mutating func next(_ character: UnsafeBufferPointer<UInt8>) -> (position: Int, length: Int) {
        guard aligned, position < source.count else { return (lastEnd, 0) }
        // A reference first: `&amp;` stands for "&" too. A `&` of the node that is not written
        // as `&amp;` (or `&#38;`) is the `&` of the source as it is: `AT&T`, `&nbsp x`.
        if source[position] == UInt8(ascii: "&"), character[0] != UInt8(ascii: "&") || isAmpersandReference(at: position) {
            // The reference's length as the one reader of references measures it (`&#233abc`
            // is `&#233` and the text `abc`).
            if let (_, length) = HTMLCharacterReferences.reference(source, at: position, end: min(source.count, position + 64)) {
                return advance(by: length)
            }
        }
        let count = character.count
        if position + count <= source.count, memcmp(source.baseAddress! + position, character.baseAddress!, count) == 0 {
            return advance(by: count)
        }
        if character[0] == 0x0A, source[position] == 0x0D {
            return advance(by: position + 1 < source.count && source[position + 1] == 0x0A ? 2 : 1)
        }
        aligned = false
        return (lastEnd, 0)
    }

    /// Whether the source at `index` is a reference to `&` itself: `&amp;`, `&AMP;`, `&#38;`, `&#x26;`.
    private func isAmpersandReference(at index: Int) -> Bool {
        guard let (expansion, _) = HTMLCharacterReferences.reference(source, at: index, end: min(source.count, index + 16)) else { return false }
        return expansion.first == 0x26 && expansion.second == 0
    }

    /// A character reference at the current source position that libxml2 did not decode, with
    /// what it stands for (as normalize reads it), how many source bytes it takes, and how many
    /// bytes of the node's `text` from `index` it accounts for. libxml2 knows HTML 4's 253 names:
    /// one of the 1,900 names HTML5 added it leaves as written (`&NotEqualTilde;` stays in the
    /// node as it is), and a numeric reference to no character (0, a surrogate, past U+10FFFF) it
    /// drops. Nil for a reference libxml2 decoded, and where the node is not being followed.
    func undecodedReference(in text: UnsafeBufferPointer<UInt8>, at index: Int)
        -> (expansion: HTMLCharacterReferences.Expansion, sourceLength: Int, textLength: Int)? {
        guard aligned, position + 2 < source.count, source[position] == UInt8(ascii: "&"),
              let (expansion, length) = HTMLCharacterReferences.reference(source, at: position, end: min(source.count, position + 64))
        else { return nil }
        if source[position + 1] == UInt8(ascii: "#") {
            // Dropped: the node goes on with what follows the reference, not with U+FFFD.
            let replacementCharacter: (UInt8, UInt8, UInt8) = (0xEF, 0xBF, 0xBD)
            let writtenAsIs = withUnsafeBytes(of: replacementCharacter) {
                Self.startsWith(text, at: index, $0.assumingMemoryBound(to: UInt8.self))
            }
            guard expansion.first == 0xFFFD, !writtenAsIs else { return nil }
            return (expansion, length, 0)
        }
        // A name libxml2 knows was decoded by it; one it does not know stands in the node as written.
        var name = Array(source[(position + 1)..<(position + length - 1)])
        name.append(0)
        guard htmlEntityLookup(name) == nil,
              Self.startsWith(text, at: index, UnsafeBufferPointer(rebasing: source[position..<(position + length)])) else { return nil }
        return (expansion, length, length)
    }

    private static func startsWith(_ text: UnsafeBufferPointer<UInt8>, at index: Int, _ prefix: UnsafeBufferPointer<UInt8>) -> Bool {
        index + prefix.count <= text.count && memcmp(text.baseAddress! + index, prefix.baseAddress!, prefix.count) == 0
    }

    /// Steps over a reference ``undecodedReference(in:at:)`` found; returns where it starts.
    mutating func skipReference(_ length: Int) -> Int {
        advance(by: length).position
    }

    /// How many bytes of `text` from `index` stand in the source exactly as they are at the
    /// current position and render as they are: whole characters, no reference, no whitespace
    /// but single spaces between other characters, no C1 control. 0 when not followed.
    func verbatimRun(_ text: UnsafeBufferPointer<UInt8>, from index: Int) -> Int {
        guard aligned else { return 0 }
        var end = index
        var at = position
        while end < text.count, at < source.count {
            let byte = text[end]
            guard byte == source[at], byte != UInt8(ascii: "&") else { break }
            if byte <= 0x20 {
                // A single space between two other characters is kept as it is.
                guard byte == 0x20, end > index, end + 1 < text.count, text[end + 1] > 0x20 else { break }
            } else if byte == 0xC2, end + 1 < text.count, text[end + 1] < 0xA0 {
                break
            }
            end += 1
            at += 1
        }
        // End on a character boundary, and not on a space.
        while end > index, end < text.count, text[end] & 0xC0 == 0x80 { end -= 1 }
        while end > index, text[end - 1] == 0x20 { end -= 1 }
        return end - index
    }

    /// Steps over `length` bytes that ``verbatimRun(_:from:)`` found; returns where they start.
    mutating func skip(_ length: Int) -> Int {
        advance(by: length).position
    }

    /// Ends the node: the next one is searched from where this one was followed to.
    mutating func end() { cursor = max(cursor, lastEnd) }

    private mutating func advance(by length: Int) -> (position: Int, length: Int) {
        let start = position
        position += length
        lastEnd = position
        return (start, length)
    }

    /// The first occurrence of `needle` at or after `from` that is not inside a tag or comment
    /// (the nearest `<` or `>` before it is a `>`, or there is none).
    private func find(_ needle: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard let base = source.baseAddress, let first = needle.first, !needle.isEmpty else { return nil }
        var start = from
        while start + needle.count <= source.count {
            guard let hit = memchr(base + start, Int32(first), source.count - start) else { return nil }
            let index = UnsafeRawPointer(hit).assumingMemoryBound(to: UInt8.self) - base
            guard index + needle.count <= source.count else { return nil }
            guard memcmp(base + index, needle.baseAddress!, needle.count) == 0 else {
                start = index + 1
                continue
            }
            if isOutsideTags(index) { return index }
            // Inside a tag or comment: go on after its end, not one byte on, or a long attribute
            // of one letter would be scanned back over once for every byte of it.
            guard let close = memchr(base + index, Int32(UInt8(ascii: ">")), source.count - index) else { return nil }
            start = UnsafeRawPointer(close).assumingMemoryBound(to: UInt8.self) - base + 1
        }
        return nil
    }

    private func isOutsideTags(_ index: Int) -> Bool {
        var back = index - 1
        while back >= 0 {
            if source[back] == UInt8(ascii: ">") { return true }
            if source[back] == UInt8(ascii: "<") { return false }
            back -= 1
        }
        return true
    }

    /// ASCII that pages write as itself: not a space, and none of the characters often written
    /// as references (`& < > " '`).
    private static func isPlain(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte < 0x7F && byte != UInt8(ascii: "&") && byte != UInt8(ascii: "<") && byte != UInt8(ascii: ">")
            && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "'")
    }


    static func scalarLength(_ lead: UInt8) -> Int {
        lead < 0x80 ? 1 : (lead < 0xE0 ? 2 : (lead < 0xF0 ? 3 : 4))
    }
}
