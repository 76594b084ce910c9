import ExtractCore

/// Keys chosen from an object-valued parser's value, written after the parser's name in a
/// template: `text | duration.months_min` takes one key (its value), `text | money.{min, max}` an
/// object of those keys only, in the order written. Either form may be spread like a parser's
/// object (`"*": text | money.{min, max}`) when it gives one.
enum KeySelection: Sendable, Equatable {
    case key(String)
    case keys([String])

    /// The shape of what the selection takes from a value of `shape` (an object shape holding
    /// every selected key, as ``read(_:of:parsers:in:)`` checked). One key taken alone may be
    /// null: the text it comes from may be absent or unreadable.
    func shape(from shape: Shape) -> Shape {
        switch self {
        case .key(let key): return shape[key] ?? .scalar
        case .keys(let keys): return .object(keys.map { shape.member($0) ?? .init($0, .scalar) })
        }
    }

    /// Reads the selection written after a parser's name (`text`, the part after its `.`, a
    /// slice of `node`'s string), reporting at its place in the file a parser that gives no
    /// object, a key it does not give (with the closest one), a key chosen twice, or a selection
    /// that is neither `.key` nor `.{key, …}`.
    static func read(_ text: Substring, of parser: any ValueParser.Type, parsers: ValueParserRegistry,
                     in node: ConfigNode) -> KeySelection? {
        guard let available = parser.shape.keys else {
            let objectParsers = parsers.parsers.filter { $0.shape.keys != nil }.map { $0.name }
            node.report("'\(parser.name)' does not give an object, so it has no keys to choose from",
                        atOffset: offset(of: text), expected: "a parser that gives an object: " + objectParsers.joined(separator: ", "))
            return nil
        }
        let body = trimmedSpaces(text)
        var written: [Substring] = []
        if body.first == "{" {
            guard body.count >= 2, body.last == "}" else { return malformed(text, at: offset(of: text), in: node) }
            written = body.dropFirst().dropLast().split(separator: ",", omittingEmptySubsequences: false).map { trimmedSpaces($0) }
        } else {
            written = [body]
        }
        guard written.allSatisfy({ isKey($0) }) else {
            return malformed(text, at: offset(of: text), in: node)
        }
        var keys: [String] = []
        var failed = false
        for part in written {
            let key = String(part)
            if !available.contains(key) {
                node.report("'\(parser.name)' has no key '\(key)'" + didYouMean(key, available), atOffset: offset(of: part),
                            expected: "one of: " + available.joined(separator: ", "))
                failed = true
            } else if keys.contains(key) {
                node.report("key '\(key)' is chosen twice", atOffset: offset(of: part), expected: "each key once")
                failed = true
            }
            keys.append(key)
        }
        if failed { return nil }
        return body.first == "{" ? .keys(keys) : .key(keys[0])
    }

    private static func malformed(_ text: Substring, at offset: Int, in node: ConfigNode) -> KeySelection? {
        node.report("'.\(text)' is not a key selection", atOffset: max(offset - 1, 0),
                    expected: "'parser.key' or 'parser.{key, key}'")
        return nil
    }

    /// Where `part` starts in the string it is a slice of, in bytes.
    private static func offset(of part: Substring) -> Int {
        part.base.utf8.distance(from: part.base.utf8.startIndex, to: part.startIndex)
    }

    /// Whether `part` may be a key: not empty, and no space, brace, comma or dot in it.
    private static func isKey(_ part: Substring) -> Bool {
        !part.isEmpty && !part.contains { character in " \t{},.".contains(character) }
    }

    /// `part` without the spaces and tabs at its ends, as a slice of the same string.
    private static func trimmedSpaces(_ part: Substring) -> Substring {
        var slice = part
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return slice
    }
}
