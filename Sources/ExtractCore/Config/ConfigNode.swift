import Yams

/// Collects every mistake found while reading one pipeline file, so all are reported together.
public final class IssueCollector: @unchecked Sendable {
    public let file: String
    /// The file's text; a line is cut out of it only when an issue quotes it.
    private let text: String
    public private(set) var issues: [ConfigIssue] = []

    public init(file: String, text: String) {
        self.file = file
        self.text = text
    }

    public func location(_ mark: Mark?) -> SourceLocation {
        SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    public func report(_ message: String, at location: SourceLocation, expected: String? = nil) {
        issues.append(ConfigIssue(location: location, message: message, expected: expected, line: sourceLine(location.line)))
    }

    public var hasIssues: Bool { !issues.isEmpty }

    /// Takes in the issues found in another file read on this file's behalf (e.g. a registry).
    public func adopt(_ other: IssueCollector) { issues.append(contentsOf: other.issues) }

    /// The source line at a 1-based line number, without its line ending (LF or CRLF).
    public func sourceLine(_ number: Int) -> String? {
        guard number >= 1 else { return nil }
        var line = 1
        var start = text.utf8.startIndex
        for index in text.utf8.indices where text.utf8[index] == 0x0A {
            if line == number { return Self.strippingCR(text.utf8[start..<index]) }
            line += 1
            start = text.utf8.index(after: index)
        }
        return line == number ? Self.strippingCR(text.utf8[start...]) : nil
    }

    private static func strippingCR(_ bytes: Substring.UTF8View) -> String {
        String(Substring(bytes.last == 0x0D ? bytes.dropLast() : bytes))
    }
}

/// Thrown by a stage's initializer when it cannot be made at all (a required option is missing
/// or unreadable), after reporting why to the collector.
public struct StageBuildFailed: Error, Sendable {
    public init() {}
}

/// A node of a pipeline file with its position: the typed reader stages use for their options.
///
/// Every accessor reports a mistake (with file:line:column and what was expected) to the
/// collector and returns nil, so one pass finds every error in the file. Nothing is guessed:
/// a wrong type is an error, never a silent default.
public struct ConfigNode: @unchecked Sendable {
    public let node: Node
    public let issues: IssueCollector
    /// A readable path to this node for messages, e.g. `stages[2].fields.salary`.
    public let path: String

    /// Parses YAML text into nodes with positions. Scalars are left untyped (plain strings):
    /// the typed accessors below decide what a scalar must be, and skipping Yams' regex-based
    /// type resolution makes loading a large registry several times faster.
    public static func compose(_ text: String) throws -> Node? {
        try Yams.compose(yaml: text, .basic)
    }

    public init(node: Node, issues: IssueCollector, path: String) {
        self.node = node
        self.issues = issues
        self.path = path
    }

    public var location: SourceLocation { issues.location(node.mark) }

    /// Reports a mistake at this node.
    public func report(_ message: String, expected: String? = nil) {
        issues.report(message, at: location, expected: expected)
    }

    /// Reports a mistake at a byte offset inside this scalar when the offset can be placed exactly
    /// (plain or single-quoted scalars on one line); otherwise at the scalar's start.
    public func report(_ message: String, atOffset offset: Int, expected: String? = nil) {
        guard case .scalar(let scalar) = node, let text = node.string,
              scalar.style == .plain || scalar.style == .singleQuoted,
              !text.contains("\n"), !(scalar.style == .singleQuoted && text.contains("'")) else {
            report(message, expected: expected)
            return
        }
        let prefix = text.utf8.prefix(offset)
        let columns = String(decoding: prefix, as: UTF8.self).unicodeScalars.count
        var where_ = location
        where_.column += columns + (scalar.style == .singleQuoted ? 1 : 0)
        issues.report(message, at: where_, expected: expected)
    }

    /// A short rendering of the node for messages.
    public var snippet: String {
        switch node {
        case .scalar(let s): return "'\(s.string)'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    public var isNull: Bool {
        if case .scalar(let s) = node { return s.tag.description == Tag.Name.null.rawValue || (s.style == .plain && ["", "~", "null", "Null", "NULL"].contains(s.string)) }
        return false
    }

    // MARK: Scalars

    public func string() -> String? {
        guard case .scalar(let scalar) = node, !isNull || scalar.style != .plain else {
            report("\(path) must be a string, found \(snippet)", expected: "a string")
            return nil
        }
        return scalar.string
    }

    public func int(in range: ClosedRange<Int>? = nil) -> Int? {
        guard case .scalar(let scalar) = node, scalar.style == .plain, let value = Int(scalar.string) else {
            report("\(path) must be an integer, found \(snippet)", expected: "an integer")
            return nil
        }
        if let range, !range.contains(value) {
            report("\(path) must be between \(range.lowerBound) and \(range.upperBound), found \(value)",
                   expected: "an integer in \(range.lowerBound)...\(range.upperBound)")
            return nil
        }
        return value
    }

    public func bool() -> Bool? {
        if case .scalar(let scalar) = node, scalar.style == .plain {
            switch scalar.string {
            case "true", "True", "TRUE": return true
            case "false", "False", "FALSE": return false
            default: break
            }
        }
        report("\(path) must be true or false, found \(snippet)", expected: "true or false")
        return nil
    }

    /// One of a fixed set of words.
    public func choice(_ choices: [String]) -> String? {
        guard let value = string() else { return nil }
        guard choices.contains(value) else {
            report("\(path) has unknown value '\(value)'" + didYouMean(value, choices),
                   expected: "one of: " + choices.joined(separator: ", "))
            return nil
        }
        return value
    }

    // MARK: Collections

    /// The items of a list; a single scalar counts as a list of one.
    public func list() -> [ConfigNode]? {
        switch node {
        case .sequence(let sequence):
            return sequence.enumerated().map { ConfigNode(node: $1, issues: issues, path: "\(path)[\($0)]") }
        case .scalar:
            return [self]
        default:
            report("\(path) must be a list, found \(snippet)", expected: "a list")
            return nil
        }
    }

    public func stringList() -> [String]? {
        guard let items = list() else { return nil }
        let strings = items.compactMap { $0.string() }
        return strings.count == items.count ? strings : nil
    }

    /// The entries of a mapping with free-form keys (e.g. field names), in file order.
    public func entries() -> [(key: String, keyNode: ConfigNode, value: ConfigNode)]? {
        guard case .mapping(let mapping) = node else {
            report("\(path) must be a mapping, found \(snippet)", expected: "a mapping of names to values")
            return nil
        }
        var result: [(key: String, keyNode: ConfigNode, value: ConfigNode)] = []
        for (key, value) in mapping {
            let keyNode = ConfigNode(node: key, issues: issues, path: path)
            guard let name = key.string else {
                keyNode.report("keys in \(path) must be strings", expected: "a name")
                continue
            }
            result.append((name, keyNode, ConfigNode(node: value, issues: issues, path: path.isEmpty ? name : "\(path).\(name)")))
        }
        return result
    }

    /// Reads this node as a mapping of known options, reporting any key not in `allowed`.
    public func options(allowed: [String], context: String) -> Options? {
        guard let entries = entries() else { return nil }
        var known: [String: ConfigNode] = [:]
        var unknown = false
        for entry in entries {
            if allowed.contains(entry.key) {
                known[entry.key] = entry.value
            } else {
                unknown = true
                entry.keyNode.report("unknown option '\(entry.key)' for \(context)" + didYouMean(entry.key, allowed),
                                     expected: "one of: " + allowed.sorted().joined(separator: ", "))
            }
        }
        return Options(node: self, values: known, hasUnknownKeys: unknown)
    }

    /// Options read from a mapping: each key was checked against the allowed set.
    public struct Options {
        public let node: ConfigNode
        let values: [String: ConfigNode]
        /// Whether the mapping had keys outside the allowed set (each reported already), so a
        /// reader can leave out a message that a misspelt key would only repeat.
        public let hasUnknownKeys: Bool

        public func optional(_ key: String) -> ConfigNode? { values[key] }

        public func required(_ key: String, expected: String) -> ConfigNode? {
            if let value = values[key] { return value }
            node.report("missing option '\(key)' in \(node.path)", expected: expected)
            return nil
        }

        public var keys: [String] { Array(values.keys) }
    }
}

/// ` (did you mean 'x'?)` when a known word is within a small edit distance of `word`.
public func didYouMean(_ word: String, _ candidates: [String]) -> String {
    let best = candidates
        .map { ($0, editDistance(Array(word.lowercased().utf8), Array($0.lowercased().utf8))) }
        .min { $0.1 < $1.1 }
    guard let best, best.1 <= max(2, word.count / 3) else { return "" }
    return " (did you mean '\(best.0)'?)"
}

/// Levenshtein distance between two byte strings.
public func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = previous
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
