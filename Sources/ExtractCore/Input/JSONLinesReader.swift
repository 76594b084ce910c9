import Foundation

/// Reads `{"id": …, "text": …}` objects, one per line, lazily in 1 MiB chunks.
///
/// A document's source is its id field when present, else `path#N` (N counts lines from 1).
/// A line that is not a JSON object with a string text field is a failure for that line only.
///
/// Splitting the stream into lines is done here, in order; parsing a line is ``JSONLine/parse()``,
/// which the runner's workers call in parallel.
struct JSONLinesReader: InputEntryReader {
    private let handle: FileHandle
    let name: String
    private let settings: InputSettings
    /// Bytes read and not yet returned as lines, from `position` on.
    private let buffer = ReadBuffer()
    private var position = 0
    private var lineNumber = 0
    private var atEnd = false
    /// Why reading stopped early (a read error), reported by the source after the last line.
    private(set) var readError: Rejection?

    init(handle: FileHandle, name: String, settings: InputSettings) {
        self.handle = handle
        self.name = name
        self.settings = settings
    }

    /// The next line that is not blank, unparsed; or, for a line longer than the document limit,
    /// its failure (the line is skipped without being kept, so memory stays bounded).
    mutating func nextEntry() -> PendingInput? {
        while let found = nextLineRange() {
            lineNumber += 1
            let range: Range<Int>
            switch found {
            case .line(let line):
                range = line
            case .tooLong(let bytes):
                return PendingInput(.failure(source: "\(name)#\(lineNumber)", Rejection.tooLarge(
                    "line \(lineNumber) of '\(name)' is \(bytes) bytes, over the limit of \(settings.maxDocumentBytes)")))
            }
            let line = UnsafeBufferPointer(start: buffer.bytes.base + range.lowerBound, count: range.count)
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            return PendingInput(kind: .jsonLine(JSONLine(bytes: Array(line), name: name, lineNumber: lineNumber,
                                                         idField: settings.idField, textField: settings.textField)))
        }
        return nil
    }

    /// Where the next line is in the buffer, or how long it was when it is longer than the limit.
    private enum Found {
        case line(Range<Int>)
        case tooLong(bytes: Int)
    }

    private mutating func nextLineRange() -> Found? {
        let limit = settings.maxDocumentBytes
        while true {
            let base = buffer.bytes.base, count = buffer.bytes.count
            if position < count, let found = memchr(base + position, 0x0A, count - position) {
                let newline = UnsafeRawPointer(found) - UnsafeRawPointer(base)
                let line = position..<newline
                position = newline + 1
                return line.count > limit ? .tooLong(bytes: line.count) : .line(line)
            }
            if atEnd {
                guard position < count else { return nil }
                let line = position..<count
                position = count
                return line.count > limit ? .tooLong(bytes: line.count) : .line(line)
            }
            if count - position > limit { return .tooLong(bytes: skipLine()) }
            readChunk()
        }
    }

    /// Reads past the rest of the line that starts at `position`, keeping none of it; returns
    /// the line's length. The buffer then holds what follows the line.
    private mutating func skipLine() -> Int {
        var length = buffer.bytes.count - position
        while true {
            buffer.bytes.count = 0
            position = 0
            readChunk()
            let base = buffer.bytes.base, count = buffer.bytes.count
            if count > 0, let found = memchr(base, 0x0A, count) {
                let newline = UnsafeRawPointer(found) - UnsafeRawPointer(base)
                position = newline + 1
                return length + newline
            }
            length += count
            if atEnd { return length }
        }
    }
}

extension JSONLinesReader {
    /// Bytes read per call: one read(2) straight into the buffer's tail (Foundation's
    /// `readData(ofLength:)` reads in 4 KiB steps, a system call per page or so).
    static let chunkBytes = 1 << 20

    /// The reader's one buffer, reused for every read: room for a chunk and the partial line
    /// before it (it grows only for a line longer than a chunk). A class, so it is freed with the
    /// reader; like the file handle, it is shared by copies of a reader, which are not meant to
    /// read on their own.
    private final class ReadBuffer {
        var bytes = FlatBuffer<UInt8>(capacity: 2 * JSONLinesReader.chunkBytes)
        deinit { bytes.free() }
    }

    /// Drops the lines already taken from the buffer and appends up to ``chunkBytes`` bytes from
    /// the file; at the end of the file or on a read error, marks the reader finished (recording
    /// the error).
    fileprivate mutating func readChunk() {
        let kept = buffer.bytes.count - position
        if position > 0 {
            memmove(buffer.bytes.base, buffer.bytes.base + position, kept)
            buffer.bytes.count = kept
            position = 0
        }
        buffer.bytes.reserve(Self.chunkBytes)
        let read = ByteReading.read(handle.fileDescriptor, into: buffer.bytes.base + kept, count: Self.chunkBytes, fill: false)
        buffer.bytes.count = kept + read.got
        settings.meter?.add(read.got)
        if read.got == 0 { atEnd = true }
        if read.error != 0 {
            readError = Rejection(code: "input.unreadable",
                                  message: "reading stopped after line \(lineNumber): \(String(cString: strerror(read.error)))")
        }
    }
}

/// One JSON Lines line, not parsed yet.
struct JSONLine: Sendable {
    var bytes: [UInt8]
    var name: String
    var lineNumber: Int
    var idField: String
    var textField: String

    /// The document the line holds, or why it holds none.
    ///
    /// Lines in the usual shape (an object whose members are strings, numbers, `true`, `false` or
    /// `null`, no key twice, ASCII keys without escapes, valid UTF-8) are read by a strict byte
    /// scanner; anything else goes to `JSONSerialization`, so both give the same result.
    func parse() -> InputEntry {
        if let entry = FastJSONLine.parse(bytes, idField: idField, textField: textField, fallbackSource: fallbackSource,
                                          lineNumber: lineNumber) {
            return entry
        }
        return parseWithFoundation()
    }

    private var fallbackSource: String { "\(name)#\(lineNumber)" }

    /// The first `\uD8xx`–`\uDFxx` escape of `bytes` that is not half of a surrogate pair, as
    /// written; nil when there is none. JSON allows such escapes, but they stand for no character,
    /// and a JSON parser refuses them, so the line's failure names it.
    static func loneSurrogate(in bytes: [UInt8]) -> String? {
        func unit(at index: Int) -> UInt32? {
            guard index + 6 <= bytes.count, bytes[index] == 0x5C, bytes[index + 1] == 0x75,
                  let value = UInt32(String(decoding: bytes[(index + 2)..<(index + 6)], as: UTF8.self), radix: 16) else { return nil }
            return value
        }
        var index = 0
        while index < bytes.count {
            guard bytes[index] == 0x5C else { index += 1; continue }
            guard let value = unit(at: index) else { index += 2; continue }  // another escape, `\\` among them
            let written = String(decoding: bytes[index..<(index + 6)], as: UTF8.self)
            if (0xD800...0xDBFF).contains(value) {
                guard let low = unit(at: index + 6), (0xDC00...0xDFFF).contains(low) else { return written }
                index += 12
            } else if (0xDC00...0xDFFF).contains(value) {
                return written
            } else {
                index += 6
            }
        }
        return nil
    }

    func parseWithFoundation() -> InputEntry {
        let fallback = fallbackSource
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
            let why = Self.loneSurrogate(in: bytes).map { "holds \($0), half of a UTF-16 pair with no other half: no character" }
                ?? "is not a JSON object"
            return .failure(source: fallback, Rejection(code: "input.bad_json_line", message: "line \(lineNumber) of '\(name)' \(why)"))
        }
        var source = fallback
        if let id = object[idField] {
            if let string = id as? String { source = string } else if let number = id as? NSNumber { source = number.stringValue }
        }
        guard let text = object[textField] as? String else {
            let problem = object[textField] == nil ? "has no field '\(textField)'" : "has a field '\(textField)' that is not a string"
            let fields = object.keys.sorted().map { "'\($0)'" }.joined(separator: ", ")
            return .failure(source: source, Rejection(code: "input.missing_text",
                message: "line \(lineNumber) of '\(name)' \(problem) (its fields: \(fields.isEmpty ? "none" : fields); --text-field names the one holding the page)"))
        }
        return .document(Document(source: source, bytes: Array(text.utf8), isValidUTF8: true))
    }
}

/// The strict scanner behind ``JSONLine/parse()``: nil means "not sure, ask JSONSerialization".
enum FastJSONLine {
    static func parse(_ line: [UInt8], idField: String, textField: String, fallbackSource: String,
                      lineNumber: Int) -> InputEntry? {
        // Keys are compared byte for byte, which is Swift's String equality only for ASCII.
        guard idField.utf8.allSatisfy({ $0 < 0x80 }), textField.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        var idKey = idField
        var textKey = textField
        return idKey.withUTF8 { idKey in
            textKey.withUTF8 { textKey in
                line.withUnsafeBufferPointer { bytes in
                    var scanner = Scanner(bytes: bytes)
                    return scanner.object(idKey: idKey, textKey: textKey, fallbackSource: fallbackSource, lineNumber: lineNumber)
                }
            }
        }
    }

    private enum Member {
        case string(Range<Int>, escaped: Bool)
        case integer(Range<Int>)
        case other
    }

    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        mutating func skipWhitespace() {
            while index < bytes.count {
                let byte = bytes[index]
                guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
                index += 1
            }
        }

        mutating func object(idKey: UnsafeBufferPointer<UInt8>, textKey: UnsafeBufferPointer<UInt8>,
                             fallbackSource: String, lineNumber: Int) -> InputEntry? {
            // Non-ASCII can only sit inside strings here (anywhere else the scan fails); each
            // string checks that its UTF-8 is valid, leaving JSONSerialization the call otherwise.
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return nil }
            index += 1
            var keys: [Range<Int>] = []
            var id: Member?
            var text: Member?
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                index += 1
            } else {
                while true {
                    skipWhitespace()
                    guard let key = plainKey() else { return nil }
                    for seen in keys where seen.count == key.count && memcmp(bytes.baseAddress! + seen.lowerBound,
                                                                               bytes.baseAddress! + key.lowerBound, key.count) == 0 {
                        return nil  // a key twice
                    }
                    keys.append(key)
                    skipWhitespace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
                    index += 1
                    skipWhitespace()
                    guard let member = value() else { return nil }
                    if equal(key, idKey) { id = member }
                    if equal(key, textKey) { text = member }
                    skipWhitespace()
                    guard index < bytes.count else { return nil }
                    if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                    if bytes[index] == UInt8(ascii: "}") { index += 1; break }
                    return nil
                }
            }
            skipWhitespace()
            guard index == bytes.count else { return nil }

            var source = fallbackSource
            switch id {
            case nil: break
            case .string(let range, let escaped)?: source = string(range, escaped: escaped)
            case .integer(let range)?: source = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
            case .other?: return nil
            }
            // A line without a string text field is rare and worth a precise message (the fields it
            // does have): the Foundation path writes it.
            guard case .string(let range, let escaped)? = text else { return nil }
            return .document(Document(source: source, bytes: decoded(range, escaped: escaped), isValidUTF8: true))
        }

        private func equal(_ range: Range<Int>, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
            range.count == key.count && (key.count == 0 || memcmp(bytes.baseAddress! + range.lowerBound, key.baseAddress!, key.count) == 0)
        }

        /// A key of plain ASCII, without escapes: its content range.
        private mutating func plainKey() -> Range<Int>? {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
            let start = index + 1
            var end = start
            while end < bytes.count {
                let byte = bytes[end]
                if byte == UInt8(ascii: "\"") { break }
                guard byte >= 0x20, byte < 0x80, byte != UInt8(ascii: "\\") else { return nil }
                end += 1
            }
            guard end < bytes.count else { return nil }
            index = end + 1
            return start..<end
        }

        /// A member's value: strings and integers kept, other scalars skipped, containers refused.
        private mutating func value() -> Member? {
            guard index < bytes.count else { return nil }
            switch bytes[index] {
            case UInt8(ascii: "\""): return stringValue()
            case UInt8(ascii: "t"): return literal("true") ? .other : nil
            case UInt8(ascii: "f"): return literal("false") ? .other : nil
            case UInt8(ascii: "n"): return literal("null") ? .other : nil
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return number()
            default: return nil
            }
        }

        private mutating func literal(_ word: StaticString) -> Bool {
            let count = word.utf8CodeUnitCount
            guard index + count <= bytes.count,
                  memcmp(bytes.baseAddress! + index, word.utf8Start, count) == 0 else { return false }
            index += count
            return true
        }

        /// A JSON number; only a plain integer of up to 15 digits is an `.integer` (one whose
        /// `NSNumber.stringValue` is its digits), other numbers are `.other`.
        private mutating func number() -> Member? {
            let start = index
            if bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { return nil }
            if bytes[index] == UInt8(ascii: "0") {
                index += 1
            } else {
                while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            }
            var plain = true
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                guard index < bytes.count, isDigit(bytes[index]) else { return nil }
                while index < bytes.count, isDigit(bytes[index]) { index += 1 }
                plain = false
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                guard index < bytes.count, isDigit(bytes[index]) else { return nil }
                while index < bytes.count, isDigit(bytes[index]) { index += 1 }
                plain = false
            }
            let digits = index - start - (bytes[start] == UInt8(ascii: "-") ? 1 : 0)
            // `-0` reads back as 0; long integers may come back as decimals.
            if plain, digits <= 15, !(bytes[start] == UInt8(ascii: "-") && bytes[start + 1] == UInt8(ascii: "0")) {
                return .integer(start..<index)
            }
            return .other
        }

        private func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

        /// A string with valid escapes (surrogates paired) and valid UTF-8: its content range and
        /// whether it has escapes.
        private mutating func stringValue() -> Member? {
            index += 1
            let start = index
            var escaped = false
            while index < bytes.count {
                index = Self.skipPlain(bytes, from: index)
                guard index < bytes.count else { break }
                let byte = bytes[index]
                if byte >= 0x80 {
                    guard let length = InputCheck.scalarLength(bytes, at: index) else { return nil }
                    index += length
                    continue
                }
                if byte == UInt8(ascii: "\"") {
                    index += 1
                    return .string(start..<(index - 1), escaped: escaped)
                }
                if byte < 0x20 { return nil }
                if byte == UInt8(ascii: "\\") {
                    escaped = true
                    index += 1
                    guard index < bytes.count else { return nil }
                    switch bytes[index] {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                         UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                        index += 1
                    case UInt8(ascii: "u"):
                        // `\u0000` is left to JSONSerialization, whatever it makes of it.
                        guard let unit = hex4(at: index + 1), unit != 0 else { return nil }
                        index += 5
                        if unit >= 0xD800 && unit <= 0xDBFF {
                            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u"),
                                  let low = hex4(at: index + 2), low >= 0xDC00 && low <= 0xDFFF else { return nil }
                            index += 6
                        } else if unit >= 0xDC00 && unit <= 0xDFFF {
                            return nil  // a lone low surrogate
                        }
                    default:
                        return nil
                    }
                    continue
                }
                index += 1
            }
            return nil
        }

        /// The offset of the first `"`, `\\`, control character or non-ASCII byte from `start`,
        /// found eight bytes at a time (or where fewer than 8 bytes are left): the bytes before it
        /// are plain ASCII string content.
        @inline(__always)
        static func skipPlain(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
            let raw = UnsafeRawPointer(bytes.baseAddress!)
            var index = start
            while index + 8 <= bytes.count {
                let special = specialMask(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                if special != 0 { return index + special.trailingZeroBitCount >> 3 }
                index += 8
            }
            return index
        }

        /// The high bit set in each byte of `word` that is `"`, `\\`, a control character or
        /// non-ASCII, and possibly in bytes above such a byte: the lowest set bit always marks the
        /// first one (a borrow only runs upwards from a byte that is itself marked).
        @inline(__always)
        static func specialMask(_ word: UInt64) -> UInt64 {
            let ones: UInt64 = 0x0101_0101_0101_0101
            let quote = word ^ (ones &* 0x22)
            let backslash = word ^ (ones &* 0x5C)
            let special = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | (word &- ones &* 0x20) | word
            return special & (ones &* 0x80)
        }

        private func hex4(at position: Int) -> UInt32? {
            guard position + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for offset in 0..<4 {
                let byte = bytes[position + offset]
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: return nil
                }
                value = value << 4 | UInt32(digit)
            }
            return value
        }

        private func string(_ range: Range<Int>, escaped: Bool) -> String {
            if !escaped { return String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
            return String(decoding: decoded(range, escaped: true), as: UTF8.self)
        }

        /// The string's bytes with escapes decoded (the content was validated by `stringValue`).
        private func decoded(_ range: Range<Int>, escaped: Bool) -> [UInt8] {
            if !escaped { return Array(UnsafeBufferPointer(rebasing: bytes[range])) }
            // Escapes only shorten the text, so the output fits in the input's length; it is
            // written through a pointer, plain runs copied whole.
            let source = bytes.baseAddress!
            return [UInt8](unsafeUninitializedCapacity: range.count) { output, written in
                let out = output.baseAddress!
                var count = 0
                var index = range.lowerBound
                while index < range.upperBound {
                    let runEnd = memchr(source + index, 0x5C, range.upperBound - index)
                        .map { UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self) - source } ?? range.upperBound
                    (out + count).initialize(from: source + index, count: runEnd - index)
                    count += runEnd - index
                    index = runEnd
                    guard index < range.upperBound else { break }
                    let escape = source[index + 1]
                    index += 2
                    switch escape {
                    case UInt8(ascii: "b"): out[count] = 0x08
                    case UInt8(ascii: "f"): out[count] = 0x0C
                    case UInt8(ascii: "n"): out[count] = 0x0A
                    case UInt8(ascii: "r"): out[count] = 0x0D
                    case UInt8(ascii: "t"): out[count] = 0x09
                    case UInt8(ascii: "u"):
                        var scalar = hex4(at: index)!
                        index += 4
                        if scalar >= 0xD800 && scalar <= 0xDBFF {
                            let low = hex4(at: index + 2)!
                            index += 6
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        }
                        count += writeScalar(scalar, to: out + count)
                        continue
                    default: out[count] = escape  // `"`, `\\`, `/`
                    }
                    count += 1
                }
                written = count
            }
        }
    }
}
