/// Finds the charset a page declares in a `<meta>` tag, reading bytes as ASCII, as the HTML
/// standard's prescan does (simplified): comments are skipped; in each `<meta …>` tag a
/// `charset` attribute wins, otherwise `http-equiv="content-type"` with a `content` holding
/// `charset=…` (quoted or not). Other tags are passed over.
enum MetaCharsetScanner {
    static func charsetLabel(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var index = 0
        let count = bytes.count
        while index < count {
            guard bytes[index] == UInt8(ascii: "<") else { index += 1; continue }
            if matches(bytes, at: index, "<!--") {
                index = find(bytes, "-->", from: index + 4).map { $0 + 3 } ?? count
                continue
            }
            if matches(bytes, at: index, "<meta"), index + 5 < count, isSpaceOrSlash(bytes[index + 5]) {
                var attributes: [(name: String, value: String)] = []
                index = readAttributes(bytes, from: index + 5, into: &attributes)
                if let charset = attributes.first(where: { $0.name == "charset" })?.value, !charset.isEmpty {
                    return charset
                }
                if attributes.contains(where: { $0.name == "http-equiv" && $0.value.lowercased() == "content-type" }),
                   let content = attributes.first(where: { $0.name == "content" })?.value,
                   let charset = charsetParameter(content) {
                    return charset
                }
                continue
            }
            index += 1
        }
        return nil
    }

    /// The value of `charset=` in a `content` attribute (`text/html; charset=windows-1252`).
    static func charsetParameter(_ content: String) -> String? {
        let lower = Array(content.lowercased().utf8)
        guard let at = find(lower, "charset", from: 0) else { return nil }
        var index = at + 7
        while index < lower.count, lower[index] == 0x20 || lower[index] == 0x09 { index += 1 }
        guard index < lower.count, lower[index] == UInt8(ascii: "=") else { return nil }
        index += 1
        while index < lower.count, lower[index] == 0x20 || lower[index] == 0x09 { index += 1 }
        guard index < lower.count else { return nil }
        let quote = lower[index] == UInt8(ascii: "\"") || lower[index] == UInt8(ascii: "'") ? lower[index] : nil
        if quote != nil { index += 1 }
        var end = index
        while end < lower.count, lower[end] != quote ?? UInt8(ascii: ";"), quote != nil || !isSpace(lower[end]) { end += 1 }
        return end > index ? String(decoding: lower[index..<end], as: UTF8.self) : nil
    }

    /// Reads `name="value"` pairs up to the tag's `>`; names lowercased. Returns where it stopped.
    private static func readAttributes(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int,
                                       into attributes: inout [(name: String, value: String)]) -> Int {
        var index = start
        let count = bytes.count
        while index < count {
            while index < count, isSpaceOrSlash(bytes[index]) { index += 1 }
            guard index < count, bytes[index] != UInt8(ascii: ">") else { return index + 1 }
            let nameStart = index
            while index < count, !isSpaceOrSlash(bytes[index]), bytes[index] != UInt8(ascii: "="), bytes[index] != UInt8(ascii: ">") {
                index += 1
            }
            let name = String(decoding: bytes[nameStart..<index], as: UTF8.self).lowercased()
            while index < count, isSpace(bytes[index]) { index += 1 }
            var value = ""
            if index < count, bytes[index] == UInt8(ascii: "=") {
                index += 1
                while index < count, isSpace(bytes[index]) { index += 1 }
                if index < count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") {
                    let quote = bytes[index]
                    let valueStart = index + 1
                    index = valueStart
                    while index < count, bytes[index] != quote { index += 1 }
                    value = String(decoding: bytes[valueStart..<min(index, count)], as: UTF8.self)
                    index += 1
                } else {
                    let valueStart = index
                    while index < count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: ">") { index += 1 }
                    value = String(decoding: bytes[valueStart..<index], as: UTF8.self)
                }
            }
            if !name.isEmpty { attributes.append((name, value)) }
        }
        return index
    }

    /// Whether `bytes` at `index` start with `literal`, ASCII letters compared without case.
    private static func matches(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, _ literal: StaticString) -> Bool {
        let length = literal.utf8CodeUnitCount
        guard index + length <= bytes.count else { return false }
        let pointer = literal.utf8Start
        for offset in 0..<length where bytes[index + offset] | 0x20 != pointer[offset] | 0x20 { return false }
        return true
    }

    private static func find<C: RandomAccessCollection>(_ bytes: C, _ literal: StaticString, from start: Int) -> Int?
    where C.Element == UInt8, C.Index == Int {
        let length = literal.utf8CodeUnitCount
        let pointer = literal.utf8Start
        var index = start
        while index + length <= bytes.endIndex {
            var offset = 0
            while offset < length, bytes[index + offset] == pointer[offset] { offset += 1 }
            if offset == length { return index }
            index += 1
        }
        return nil
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D }
    private static func isSpaceOrSlash(_ byte: UInt8) -> Bool { isSpace(byte) || byte == UInt8(ascii: "/") }
}
