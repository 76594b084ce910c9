import ExtractCore
import PCRE2

/// How a match becomes a value, written in the pipeline file under `value:`.
///
/// - `text` — the capture group `text`, trimmed (null when empty or not set);
/// - `text | money` — the capture read by a value parser; `text | duration.months_min` one key of
///   an object-valued parser's value, `text | money.{min, max}` an object of some of its keys;
/// - a mapping — an object with those keys, in that order; a key `"*"` spreads the keys of an
///   object-valued parser into it (`"*": text | money` gives min, max, currency, period), and a
///   key ending in `*` spreads them with a prefix (`"duration_*": d | duration` gives
///   duration_months, …).
indirect enum Template: Sendable {
    case capture(Capture)
    case object([Member])

    /// A capture group, the parser that reads it and the keys taken from the parser's value. A
    /// class, so evaluating a template for every match shares it instead of copying its parts.
    final class Capture: Sendable {
        let name: String
        let groups: [Int]
        let parser: (any ValueParser.Type)?
        let selection: KeySelection?
        /// The static shape of the capture's value: text, or the parser's value narrowed by the selection.
        let shape: Shape

        init(name: String, groups: [Int], parser: (any ValueParser.Type)?, selection: KeySelection? = nil) {
            self.name = name
            self.groups = groups
            self.parser = parser
            self.selection = selection
            let parsed = parser?.shape ?? .scalar(.text)
            shape = selection?.shape(from: parsed) ?? parsed
        }
    }

    /// A member of an object template. Its payloads are single shared objects, so going over
    /// the members for every match takes one reference each rather than copying their parts.
    enum Member: Sendable {
        case key(Keyed)
        case spread(Spread)
    }

    /// `key: template`.
    final class Keyed: Sendable {
        let key: String
        let template: Template
        init(_ key: String, _ template: Template) {
            self.key = key
            self.template = template
        }
    }

    /// Keys of an object-valued parser spread into an object, with their output names
    /// (prefixed) made once when the pipeline is built rather than for every match. Every key
    /// is written, as null when the value is absent or unreadable, so each object has the same keys.
    final class Spread: Sendable {
        let capture: Capture
        /// (parser key, output key) for every key the capture's value has.
        let names: [(key: String, output: String)]
        let prefix: String

        init(prefix: String, capture: Capture) {
            self.capture = capture
            self.prefix = prefix
            names = (capture.shape.keys ?? []).map { ($0, prefix + $0) }
        }
    }

    /// The static shape, for the schema: a capture's value, or an object whose members are null
    /// where a capture may be (nested objects are always there).
    var shape: Shape {
        switch self {
        case .capture(let capture): return capture.shape
        case .object(let members):
            var shapes: [Shape.Member] = []
            for member in members {
                switch member {
                case .key(let keyed):
                    var nullable = true
                    if case .object = keyed.template { nullable = false }
                    shapes.append(.init(keyed.key, keyed.template.shape, nullable: nullable))
                case .spread(let spread):
                    guard case .object(let parsed) = spread.capture.shape else { continue }
                    for member in parsed { shapes.append(.init(spread.prefix + member.key, member.shape)) }
                }
            }
            return .object(shapes)
        }
    }

    /// Reads a template from the pipeline file, checking capture names against the pattern and
    /// parser names against the registry.
    static func read(_ node: ConfigNode, pattern: Pattern, parsers: ValueParserRegistry) -> Template? {
        if case .mapping = node.node {
            guard let entries = node.entries() else { return nil }
            var members: [Member] = []
            var failed = false
            for entry in entries {
                if entry.key.hasSuffix("*") {
                    guard let capture = readCapture(entry.value, pattern: pattern, parsers: parsers) else { failed = true; continue }
                    guard capture.shape.keys != nil else {
                        entry.value.report("'\(entry.key)' spreads an object, but '\(entry.value.node.string ?? "")' does not give one",
                                           expected: "a capture read by an object parser, e.g. 'text | money' or 'text | money.{min, max}'")
                        failed = true
                        continue
                    }
                    members.append(.spread(Spread(prefix: String(entry.key.dropLast()), capture: capture)))
                } else {
                    guard let template = read(entry.value, pattern: pattern, parsers: parsers) else { failed = true; continue }
                    members.append(.key(Keyed(entry.key, template)))
                }
            }
            return failed ? nil : .object(members)
        }
        return readCapture(node, pattern: pattern, parsers: parsers).map(Template.capture)
    }

    /// Reads `group`, `group | parser`, `group | parser.key` or `group | parser.{key, …}`.
    private static func readCapture(_ node: ConfigNode, pattern: Pattern, parsers: ValueParserRegistry) -> Capture? {
        guard let text = node.string() else { return nil }
        let parts = text.split(separator: "|", omittingEmptySubsequences: false)
        guard parts.count <= 2, let name = parts.first?.trimmingSpaces, !name.isEmpty else {
            node.report("'\(text)' is not a capture reference", expected: "'group', 'group | parser' or 'group | parser.key'")
            return nil
        }
        guard let groups = pattern.groupNumbers[name] else {
            let names = pattern.groupNumbers.keys.sorted()
            node.report("the pattern has no group named '\(name)'" + didYouMean(name, names),
                        expected: names.isEmpty ? "a pattern with named groups (?<name>…)" : "one of: " + names.joined(separator: ", "))
            return nil
        }
        guard parts.count == 2 else { return Capture(name: name, groups: groups.sorted(), parser: nil) }
        // `parser` or `parser.selection`: the selection is read where it stands in the string,
        // so its mistakes are reported at their column.
        let written = parts[1]
        let dot = written.firstIndex(of: ".")
        let parserName = written[..<(dot ?? written.endIndex)].trimmingSpaces
        guard let parser = parsers.parser(named: parserName) else {
            node.report("unknown value parser '\(parserName)'" + didYouMean(parserName, parsers.names),
                        expected: "one of: " + parsers.names.joined(separator: ", "))
            return nil
        }
        var selection: KeySelection?
        if let dot {
            guard let read = KeySelection.read(written[written.index(after: dot)...], of: parser, parsers: parsers, in: node) else {
                return nil
            }
            selection = read
        }
        return Capture(name: name, groups: groups.sorted(), parser: parser, selection: selection)
    }
}

/// Evaluates a compiled template against the current match, writing the value into a record's store.
struct TemplateEvaluator {
    /// The subject the match offsets refer to (valid while the evaluator is used).
    let subject: UnsafeBufferPointer<UInt8>
    /// The item's whole text (shared), which captures for value parsers are sliced from.
    let text: [UInt8]
    /// Where the subject the match offsets refer to starts in `text`.
    let base: Int
    let scratch: MatchScratch
    let program: TemplateProgram
    /// Problems found, appended to the item by the caller.
    var diagnostics: [(code: String, message: String, range: Range<Int>)] = []

    init(program: TemplateProgram, subject: UnsafeBufferPointer<UInt8>, text: [UInt8], base: Int, scratch: MatchScratch) {
        self.program = program
        self.subject = subject
        self.text = text
        self.base = base
        self.scratch = scratch
    }

    /// The template's value for the current match, added to `store`.
    mutating func evaluate(into store: inout ValueStore) -> ValueStore.NodeID {
        var next = 0
        return run(&next, into: &store)
    }

    /// Runs the value that starts at instruction `next`, leaving `next` after it.
    private mutating func run(_ next: inout Int, into store: inout ValueStore) -> ValueStore.NodeID {
        let instruction = program.instructions[next]
        next += 1
        switch instruction {
        case .capture(let capture):
            return node(of: capture, into: &store)
        case .object(let memberCount):
            let object = store.beginObject()
            for _ in 0..<memberCount {
                let member = program.instructions[next]
                next += 1
                switch member {
                case .member(let key):
                    let value = run(&next, into: &store)
                    store.addMember(key: program.key(key), value)
                case .spread(let spread):
                    addSpread(program.spreads[spread], into: &store)
                case .capture, .object:
                    assertionFailure("an object's instructions are members and spreads")
                }
            }
            return store.endObject(object)
        case .member, .spread:
            assertionFailure("a value's instructions start with a capture or an object")
            return ValueStore.null
        }
    }

    /// The keys of an object-valued parser's value, with their output names, as members of the
    /// object being built; every one of them as null when there is no such value.
    private mutating func addSpread(_ spread: TemplateProgram.Spread, into store: inout ValueStore) {
        let parsed = node(of: spread.capture, into: &store)
        guard store.kind(parsed) == .object else {
            for name in spread.names { store.addMember(key: program.key(program.spreadNames[name].output), ValueStore.null) }
            return
        }
        for position in 0..<store.count(parsed) {
            let value = store.memberValue(position, of: parsed)
            if let name = spread.names.first(where: { store.memberKey(position, of: parsed, is: program.key(program.spreadNames[$0].key)) }) {
                store.addMember(key: program.key(program.spreadNames[name].output), value)
            } else {
                store.addMember(store.memberKey(position, of: parsed), value)
            }
        }
    }

    /// A capture's value in `store`: its text, trimmed (null when empty or not set), or what its
    /// parser reads (null, with a `fields.unparsed` diagnostic, when it cannot read it), narrowed
    /// to the keys it selects.
    private mutating func node(of capture: Int, into store: inout ValueStore) -> ValueStore.NodeID {
        guard let range = range(of: capture) else { return ValueStore.null }
        guard let parser = program.captures[capture].parser else {
            // The text, trimmed, read in place.
            var start = range.lowerBound
            var end = range.upperBound
            while start < end, isTrimmedSpace(subject[start]) { start += 1 }
            while end > start, isTrimmedSpace(subject[end - 1]) { end -= 1 }
            return start == end ? ValueStore.null : store.string(UnsafeBufferPointer(rebasing: subject[start..<end]))
        }
        // A slice of the item's text (shared, not copied), with the capture's absolute indices.
        let bytes = text[(range.lowerBound + base)..<(range.upperBound + base)]
        if trimmed(bytes).isEmpty { return ValueStore.null }
        if let node = parser.parse(bytes, into: &store) { return select(program.captures[capture].selection, of: node, in: &store) }
        let text = String(decoding: trimmed(bytes), as: UTF8.self)
        let name = program.captureNames[program.captures[capture].name]
        let problem = (code: "fields.unparsed", message: "cannot read '\(text)' as \(parser.name) (capture '\(name)')",
                       range: (range.lowerBound + base)..<(range.upperBound + base))
        // Keys selected one by one (`min: t | money.min`, `max: t | money.max`) read the same text twice: one problem.
        if !diagnostics.contains(where: { $0.range == problem.range && $0.message == problem.message }) {
            diagnostics.append(problem)
        }
        return ValueStore.null
    }

    /// The keys `selection` takes from a parser's value `node`: one key's value, or an object of
    /// several (null for a key the value lacks).
    private func select(_ selection: TemplateProgram.Selection, of node: ValueStore.NodeID,
                        in store: inout ValueStore) -> ValueStore.NodeID {
        func value(_ key: Int) -> ValueStore.NodeID {
            guard store.kind(node) == .object, let position = store.memberPosition(program.key(key), in: node) else { return ValueStore.null }
            return store.memberValue(position, of: node)
        }
        switch selection {
        case .none: return node
        case .key(let key): return value(key)
        case .keys(let keys):
            let object = store.beginObject()
            for key in keys { store.addMember(key: program.key(program.selectedKeys[key]), value(program.selectedKeys[key])) }
            return store.endObject(object)
        }
    }

    /// The range of a capture in the subject: its first group that is set.
    private func range(of capture: Int) -> Range<Int>? {
        for group in program.groups(of: capture) { if let range = scratch.range(group) { return range } }
        return nil
    }

    /// For a template that is one capture, that capture's range in the item's text (the value
    /// itself, not the bullet before it); nil for object templates, whose span is the whole match.
    func valueRange() -> Range<Int>? {
        guard let capture = program.singleCapture, let found = range(of: capture) else { return nil }
        return (found.lowerBound + base)..<(found.upperBound + base)
    }
}
