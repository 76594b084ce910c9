import ExtractCore

/// The checks every value parser passes, built-in or from another package:
///
/// - **it declares examples**: ``ValueParser/examples`` is not empty;
/// - **examples parse to their stated values**: each example's text gives exactly its value
///   (nil: refused), read on its own and from the middle of a larger buffer (a capture is a slice
///   of the page, not an array of its own);
/// - **the store gives the same values**: ``ValueParser/parse(_:into:)`` writes what
///   ``ValueParser/parse(_:)`` gives;
/// - **values fit the declared shape**: every value it gives is of ``ValueParser/shape``: a
///   scalar of the declared type, no null list item, and an object with exactly the declared
///   keys (every one of them, null only where the shape allows it; an object shape without keys
///   takes any);
/// - **hostile text is refused or read, never trapped on**: empty text, spaces, invalid UTF-8,
///   a thousand digits, controls.
///
/// Returns what it found wrong; an empty list means the parser conforms.
public enum ValueParserConformance {
    public static func check(_ parser: any ValueParser.Type) -> [ConformanceFailure] {
        var failures: [ConformanceFailure] = []
        if parser.examples.isEmpty {
            failures.append(ConformanceFailure(check: "it declares examples", message: "'\(parser.name)' has no examples"))
        }
        for example in parser.examples {
            let bytes = Array(example.text.utf8)
            let alone = parser.parse(bytes[...])
            if alone != example.value {
                failures.append(ConformanceFailure(check: "examples parse to their stated values",
                    message: "'\(parser.name)' read \(quoted(example.text)) as \(describe(alone)), not \(describe(example.value))"))
            }
            let before = Array("«before» ".utf8)
            let padded = before + bytes + Array(" «after»".utf8)
            let inside = parser.parse(padded[before.count..<(before.count + bytes.count)])
            if inside != alone {
                failures.append(ConformanceFailure(check: "examples parse to their stated values",
                    message: "'\(parser.name)' read \(quoted(example.text)) inside a larger buffer as \(describe(inside)), alone as \(describe(alone))"))
            }
            failures += checkStoreAndShape(parser, text: example.text, bytes: bytes[...], value: alone)
        }
        for text in hostileTexts {
            let value = parser.parse(text[...])
            failures += checkStoreAndShape(parser, text: String(decoding: text, as: UTF8.self), bytes: text[...], value: value)
        }
        return failures
    }

    /// Texts no parser may trap on.
    public static let hostileTexts: [[UInt8]] = [
        [], Array("   ".utf8), Array("\t\n\r".utf8), [0xFF, 0xFE, 0xC3], [0xC3], Array("12".utf8) + [0xE9] + Array("34".utf8),
        Array(String(repeating: "9", count: 1_000).utf8), Array(("$" + String(repeating: "9", count: 400)).utf8),
        Array("-".utf8), Array("--1".utf8), Array("1e999".utf8), Array("0x1F".utf8), [0x00, 0x31, 0x00],
        Array("(((((((((( ".utf8), Array(String(repeating: "a-", count: 5_000).utf8), Array("½ ⅓ ٣ 𝟙".utf8),
    ]

    private static func checkStoreAndShape(_ parser: any ValueParser.Type, text: String, bytes: ArraySlice<UInt8>,
                                           value: Value?) -> [ConformanceFailure] {
        var failures: [ConformanceFailure] = []
        var store = ValueStore()
        let node = parser.parse(bytes, into: &store)
        let stored = node.map { store.value($0) }
        if stored != value {
            failures.append(ConformanceFailure(check: "the store gives the same values",
                message: "'\(parser.name)' wrote \(describe(stored)) into a store for \(quoted(text)), but parse gives \(describe(value))"))
        }
        if let value, let problem = mismatch(value, parser.shape) {
            failures.append(ConformanceFailure(check: "values fit the declared shape",
                                               message: "'\(parser.name)' gave \(describe(value)) for \(quoted(text)): \(problem)"))
        }
        return failures
    }

    /// Why `value` is not of `shape`, or nil when it is; `nullable`: whether null may stand there
    /// (a parser's whole value may be null: an empty text).
    static func mismatch(_ value: Value, _ shape: Shape, nullable: Bool = true) -> String? {
        switch (value, shape) {
        case (.null, _): return nullable ? nil : "null where the shape says a value"
        case (.list, .scalar), (.object, .scalar): return "a scalar was declared"
        case (_, .scalar(let type)): return fits(value, type) ? nil : "\(value) is no \(type.rawValue)"
        case (.list(let items), .list(let item)):
            if items.contains(.null) { return "a list item is null" }
            return items.lazy.compactMap { mismatch($0, item, nullable: false) }.first
        case (.object(let members), .object(let declared)):
            // An object shape without members takes any keys.
            if declared.isEmpty { return nil }
            if let unknown = members.first(where: { member in !declared.contains { $0.key == member.key } }) {
                return "key '\(unknown.key)' is not declared"
            }
            for key in declared {
                guard let member = members.first(where: { $0.key == key.key }) else { return "declared key '\(key.key)' is missing" }
                if let problem = mismatch(member.value, key.shape, nullable: key.nullable) { return "\(key.key): \(problem)" }
            }
            return nil
        case (_, .list): return "a list was declared"
        case (_, .object): return "an object was declared"
        }
    }

    /// Whether a scalar value is of `type`: an integer is also a number.
    private static func fits(_ value: Value, _ type: Shape.Scalar) -> Bool {
        switch (value, type) {
        case (_, .any), (.string, .text), (.integer, .integer), (.integer, .number), (.decimal, .number), (.bool, .boolean): true
        default: false
        }
    }

    private static func quoted(_ text: String) -> String { "'" + text.prefix(80) + (text.count > 80 ? "…'" : "'") }

    private static func describe(_ value: Value?) -> String { value.map { "\($0)" } ?? "nil (refused)" }
}
