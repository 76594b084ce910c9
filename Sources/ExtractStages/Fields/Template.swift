import ExtractCore
import PCRE2

/// How a match becomes a value, written in the pipeline file under `value:`.
///
/// - `text` — the capture group `text`, trimmed (null when empty or not set);
/// - `text | money` — the capture read by a value parser;
/// - a mapping — an object with those keys, in that order; a key `"*"` spreads the keys of an
///   object-valued parser into it (`"*": text | money` gives min, max, currency, period), and a
///   key ending in `*` spreads them with a prefix (`"duration_*": d | duration` gives
///   duration_months, …).
indirect enum Template: Sendable {
    case capture(Capture)
    case object([Member])

    /// A capture group and the parser that reads it. A class, so evaluating a template for every
    /// match shares it instead of copying its name and group list.
    final class Capture: Sendable {
        let name: String
        let groups: [Int]
        let parser: (any ValueParser.Type)?

        init(name: String, groups: [Int], parser: (any ValueParser.Type)?) {
            self.name = name
            self.groups = groups
            self.parser = parser
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
    /// (prefixed) made once when the pipeline is built rather than for every match.
    final class Spread: Sendable {
        let capture: Capture
        /// (parser key, output key) for every key the parser can give.
        let names: [(key: String, output: String)]
        /// Output names of the keys written as null when the value is absent or unreadable.
        let nullNames: [String]

        init(prefix: String, capture: Capture) {
            self.capture = capture
            names = (capture.parser?.objectKeys ?? []).map { ($0, prefix + $0) }
            nullNames = (capture.parser?.alwaysPresentKeys ?? []).map { prefix + $0 }
        }
    }

    /// The static shape, for the schema.
    var shape: Shape {
        switch self {
        case .capture(let capture): return capture.parser?.shape ?? .scalar
        case .object(let members):
            var shapes: [Shape.Member] = []
            for member in members {
                switch member {
                case .key(let keyed): shapes.append(.init(keyed.key, keyed.template.shape))
                case .spread(let spread):
                    for name in spread.names { shapes.append(.init(name.output, .scalar)) }
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
                    guard capture.parser?.objectKeys != nil else {
                        entry.value.report("'\(entry.key)' spreads an object, but '\(entry.value.node.string ?? "")' does not give one",
                                           expected: "a capture read by an object parser, e.g. 'text | money'")
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

    private static func readCapture(_ node: ConfigNode, pattern: Pattern, parsers: ValueParserRegistry) -> Capture? {
        guard let text = node.string() else { return nil }
        let parts = text.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingSpaces }
        guard parts.count <= 2, let name = parts.first, !name.isEmpty else {
            node.report("'\(text)' is not a capture reference", expected: "'group' or 'group | parser'")
            return nil
        }
        guard let groups = pattern.groupNumbers[name] else {
            let names = pattern.groupNumbers.keys.sorted()
            node.report("the pattern has no group named '\(name)'" + didYouMean(name, names),
                        expected: names.isEmpty ? "a pattern with named groups (?<name>…)" : "one of: " + names.joined(separator: ", "))
            return nil
        }
        var parser: (any ValueParser.Type)?
        if parts.count == 2 {
            guard let found = parsers.parser(named: parts[1]) else {
                node.report("unknown value parser '\(parts[1])'" + didYouMean(parts[1], parsers.names),
                            expected: "one of: " + parsers.names.joined(separator: ", "))
                return nil
            }
            parser = found
        }
        return Capture(name: name, groups: groups.sorted(), parser: parser)
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
    var diagnostics: [(code: DiagnosticCode, message: String, range: Range<Int>)] = []

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
    /// object being built; the keys the parser always gives, as null, when there is no such value.
    private mutating func addSpread(_ spread: TemplateProgram.Spread, into store: inout ValueStore) {
        let parsed = node(of: spread.capture, into: &store)
        guard store.kind(parsed) == .object else {
            for name in spread.nullNames { store.addMember(key: program.key(program.nullKeys[name]), ValueStore.null) }
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
    /// parser reads (null, with a `fields.unparsed` diagnostic, when it cannot read it).
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
        if let node = parser.parse(bytes, into: &store) { return node }
        let text = String(decoding: trimmed(bytes), as: UTF8.self)
        let name = program.captureNames[program.captures[capture].name]
        diagnostics.append((code: FieldsStage.Codes.unparsed,
                            message: "cannot read '\(text)' as \(parser.name) (capture '\(name)')",
                            range: (range.lowerBound + base)..<(range.upperBound + base)))
        return ValueStore.null
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
