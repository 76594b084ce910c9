import ExtractCore
import PCRE2

/// Fills record fields from PCRE2 matches inside a section.
///
/// Each field has one way of reading:
/// - `pattern`: the first match; its captures become the value through `value:` (a template);
/// - `each`: every match, in order, one list item each (bullet lists, repeated sub-records);
/// - `text`: the section's own text, as `paragraphs` (each non-empty line, joined by a blank
///   line) or `raw` (trimmed as is).
///
/// A pattern that does not match gives null (or `[]`) and a `fields.not_found` diagnostic unless
/// the field is `optional`; a `required` field that is not found rejects the document. A section
/// that is absent gives null or `[]` silently: the segment stage already said it was missing.
public struct FieldsStage: Stage {
    public static let description = StageDescription(
        kind: "fields",
        summary: "Fills fields from PCRE2 named captures inside a section: single values, lists, sub-records, typed values.",
        options: [
            OptionDescription("section", "string", "default section for the fields below (default: the whole text)"),
            OptionDescription("fields", "mapping of field name to field rule", "each rule has exactly one of "
                + "pattern / each / text, plus optional section, value (template: 'group', 'group | parser', "
                + "'group | parser.key' or 'group | parser.{key, key}' for keys of an object parser, or a mapping of them), "
                + "required, optional, ignore_case, "
                + "last_item_needs (each: a group the last item must have when the page was cut off in the section)", required: true),
        ],
        example: """
        - stage: fields
          fields:
            salary:
              pattern: '^Salary: (?<text>.+)$'
              value:
                "*": text | money.{min, max}
                period: text | money.period
                text: text
            skills:
              each: '^• (?<value>.+)$'
        """
    )

    static let ruleKeys = ["section", "pattern", "each", "text", "value", "required", "optional", "ignore_case", "last_item_needs"]

    enum Mode: Sendable {
        case first(Pattern, TemplateProgram)
        /// Every match; `needs` are the group numbers the last item must have when the page was cut off in the section.
        case each(Pattern, TemplateProgram, needs: [Int]?)
        case paragraphs
        case raw
    }

    struct Rule: Sendable {
        var field: FieldID
        var name: String
        var section: SectionID?
        var mode: Mode
        var required: Bool
        var optional: Bool
    }

    let rules: [Rule]
    let limits: PatternLimits

    public init(options: ConfigNode.Options, context: BuildContext) throws {
        limits = context.limits
        let parsers = context.parsers
        let issuesBefore = context.issues.issues.count
        var defaultSection: SectionID?
        if let node = options.optional("section"), let name = node.string() {
            defaultSection = context.requireSection(name, at: node)
        }
        var rules: [Rule] = []
        for entry in options.required("fields", expected: "a mapping of field names to rules")?.entries() ?? [] {
            let issuesBeforeRule = context.issues.issues.count
            guard let rule = entry.value.options(allowed: Self.ruleKeys, context: "field '\(entry.key)'") else { continue }
            let misspelt = context.issues.issues.count > issuesBeforeRule
            var section = defaultSection
            if let node = rule.optional("section"), let name = node.string() {
                section = context.requireSection(name, at: node)
            }
            let required = rule.optional("required")?.bool() ?? false
            let optional = rule.optional("optional")?.bool() ?? false
            let caseless = rule.optional("ignore_case")?.bool() ?? false
            let ways = ["pattern", "each", "text"].filter { rule.optional($0) != nil }
            guard ways.count == 1 else {
                // A misspelt `patern` was already reported; "says neither" would only repeat it.
                if ways.isEmpty && misspelt { continue }
                entry.keyNode.report(ways.isEmpty ? "field '\(entry.key)' says neither how to read it"
                                     : "field '\(entry.key)' has both '\(ways[0])' and '\(ways[1])'",
                                     expected: "exactly one of: pattern, each, text")
                continue
            }
            var mode: Mode?
            var shape = Shape.scalar(.text)
            switch ways[0] {
            case "text":
                if rule.optional("value") != nil {
                    rule.optional("value")?.report("'value' applies to pattern and each, not text", expected: "no 'value' with 'text'")
                }
                switch rule.optional("text")?.choice(["paragraphs", "raw"]) {
                case "paragraphs": mode = .paragraphs
                case "raw": mode = .raw
                default: break
                }
            default:
                let patternNode = rule.optional(ways[0])!
                guard let pattern = StagePatterns.compile(patternNode, caseless: caseless) else { continue }
                guard let template = Self.template(rule.optional("value"), pattern: pattern, patternNode: patternNode,
                                                   field: entry.key, parsers: parsers) else { continue }
                if ways[0] == "pattern" {
                    mode = .first(pattern, TemplateProgram(template))
                    shape = template.shape
                } else {
                    var needs: [Int]?
                    if let node = rule.optional("last_item_needs"), let group = node.string() {
                        needs = pattern.groupNumbers[group]
                        if needs == nil {
                            node.report("the pattern has no group named '\(group)'" + didYouMean(group, pattern.groupNumbers.keys.sorted()),
                                        expected: "one of: " + pattern.groupNumbers.keys.sorted().joined(separator: ", "))
                        }
                    }
                    mode = .each(pattern, TemplateProgram(template), needs: needs)
                    shape = .list(template.shape)
                }
            }
            guard let mode else { continue }
            // A list is `[]` when nothing matched; anything else is null then (or when its
            // capture is empty, even in a required field).
            var nullable = true
            if case .each = mode { nullable = false }
            let id = context.provideField(entry.key, shape: shape, nullable: nullable, at: entry.keyNode)
            rules.append(Rule(field: id, name: entry.key, section: section, mode: mode, required: required, optional: optional))
        }
        if context.issues.issues.count > issuesBefore { throw StageBuildFailed() }
        self.rules = rules
    }

    /// The template under `value:`, or the default: the group named `value`, or the pattern's only named group.
    private static func template(_ node: ConfigNode?, pattern: Pattern, patternNode: ConfigNode, field: String,
                                 parsers: ValueParserRegistry) -> Template? {
        if let node { return Template.read(node, pattern: pattern, parsers: parsers) }
        let names = pattern.groupNumbers.keys.sorted()
        let name = names.contains("value") ? "value" : (names.count == 1 ? names[0] : nil)
        guard let name, let groups = pattern.groupNumbers[name] else {
            patternNode.report("field '\(field)' has no 'value' and its pattern has no single named group to take it from",
                               expected: "a group named (?<value>…) or a 'value' template")
            return nil
        }
        return .capture(.init(name: name, groups: groups, parser: nil))
    }

    public func makeWorker(_ resources: WorkerResources) -> Worker {
        Worker(stage: self, scratch: resources.matchScratch(limits), spans: resources.recordsSpans)
    }

    public struct Worker: StageWorker {
        let stage: FieldsStage
        let scratch: MatchScratch
        /// Whether list items' spans are worked out (only when the run writes spans).
        let spans: Bool

        public mutating func process(_ item: inout WorkItem) {
            for rule in stage.rules {
                let range: Range<Int>
                if let section = rule.section {
                    guard let found = item.sections[section.index] else {
                        item.record[rule.field] = Self.emptyValue(rule.mode)
                        if rule.required { reject(&item, rule, "its section is missing") }
                        continue
                    }
                    range = found
                } else {
                    range = 0..<item.text.count
                }
                switch rule.mode {
                case .first(let pattern, let template): first(pattern, template, rule, range, &item)
                case .each(let pattern, let template, let needs): each(pattern, template, needs, rule, range, &item)
                case .paragraphs: text(rule, range, &item, paragraphs: true)
                case .raw: text(rule, range, &item, paragraphs: false)
                }
                if item.rejection != nil { return }
            }
        }

        private static func emptyValue(_ mode: Mode) -> Value {
            if case .each = mode { return .list([]) }
            return .null
        }

        private func reject(_ item: inout WorkItem, _ rule: Rule, _ why: String) {
            item.rejection = Rejection(code: "fields.required_missing", message: "required field '\(rule.name)' not found: \(why)")
        }

        private func first(_ pattern: Pattern, _ template: TemplateProgram, _ rule: Rule, _ range: Range<Int>, _ item: inout WorkItem) {
            var value = ValueStore.null
            var span: Span?
            var problems: [(code: String, message: String, range: Range<Int>)] = []
            var limitError: PCRE2Error?
            let text = item.text, offsets = item.offsets
            withBytes(text, range) { subject in
                do {
                    guard try scratch.match(pattern, in: subject), let whole = scratch.range(0) else { return }
                    var evaluator = TemplateEvaluator(program: template, subject: subject, text: text, base: range.lowerBound, scratch: scratch)
                    value = evaluator.evaluate(into: &item.record.store)
                    problems = evaluator.diagnostics
                    let valueRange = evaluator.valueRange()
                    span = offsets.span(valueRange ?? (whole.lowerBound + range.lowerBound)..<(whole.upperBound + range.lowerBound))
                } catch {
                    limitError = error as? PCRE2Error ?? PCRE2Error(code: -1)
                }
            }
            item.record.setRoot(value, for: rule.field)
            item.record.spans[rule.field.index] = span
            report(problems, rule, &item)
            if let limitError { diagnoseLimit(limitError, rule, range, &item); return }
            if span == nil {
                if rule.required { reject(&item, rule, "the pattern did not match"); return }
                if !rule.optional {
                    item.diagnose(Diagnostic(stage: "fields", field: rule.name, code: "fields.not_found",
                                             message: "no match for '\(rule.name)'", span: item.span(of: range)))
                }
            }
        }

        private func each(_ pattern: Pattern, _ template: TemplateProgram, _ needs: [Int]?, _ rule: Rule, _ range: Range<Int>,
                          _ item: inout WorkItem) {
            // The list is built in the record's store: items are added as they are matched.
            let list = item.record.store.beginList()
            var itemSpans: [Span] = []
            if spans { itemSpans.reserveCapacity(16) }
            var lastHasNeeded = true
            var covered: Range<Int>?
            var problems: [(code: String, message: String, range: Range<Int>)] = []
            var limitError: PCRE2Error?
            let text = item.text, offsets = item.offsets
            withBytes(text, range) { subject in
                // One evaluator for the whole list: it reads each match from the shared scratch
                // and collects the problems of every item, in order.
                var evaluator = TemplateEvaluator(program: template, subject: subject, text: text, base: range.lowerBound, scratch: scratch)
                defer { problems = evaluator.diagnostics }
                do {
                    try scratch.forEachMatch(pattern, in: subject) { match in
                        let value = evaluator.evaluate(into: &item.record.store)
                        if let whole = match.range(0) {
                            let absolute = (whole.lowerBound + range.lowerBound)..<(whole.upperBound + range.lowerBound)
                            covered = covered.map { $0.lowerBound..<absolute.upperBound } ?? absolute
                            if !item.record.store.isNull(value) {
                                item.record.store.addItem(value)
                                if spans {
                                    itemSpans.append(offsets.span(evaluator.valueRange() ?? absolute))
                                }
                                if let needs { lastHasNeeded = match.range(anyOf: needs) != nil }
                            }
                        }
                        return true
                    }
                } catch {
                    limitError = error as? PCRE2Error ?? PCRE2Error(code: -1)
                }
            }
            if let cut = item.truncatedAt, range.upperBound >= cut {
                // The page was cut off in this section: the list may lack items, and its last
                // item is kept only if it got as far as the part that completes it.
                item.record.cutOff[rule.field.index] = true
                if !lastHasNeeded, item.record.store.itemCount(since: list) > 0 {
                    item.record.store.removeLastItem()
                    if spans { itemSpans.removeLast() }
                }
            }
            let itemCount = item.record.store.itemCount(since: list)
            item.record.setRoot(item.record.store.endList(list), for: rule.field)
            if spans {
                item.record.spans[rule.field.index] = covered.map { item.span(of: $0) }
                item.record.itemSpans[rule.field.index] = itemSpans
            }
            report(problems, rule, &item)
            if let limitError { diagnoseLimit(limitError, rule, range, &item); return }
            if itemCount == 0 {
                if rule.required { reject(&item, rule, "no item matched"); return }
                if !rule.optional {
                    item.diagnose(Diagnostic(stage: "fields", field: rule.name, code: "fields.not_found",
                                             message: "no items for '\(rule.name)'", span: item.span(of: range)))
                }
            }
        }

        private func text(_ rule: Rule, _ range: Range<Int>, _ item: inout WorkItem, paragraphs: Bool) {
            let body = trimmed(item.text[range])
            guard !body.isEmpty else {
                item.record[rule.field] = .null
                if rule.required { reject(&item, rule, "its section is empty"); return }
                if !rule.optional {
                    item.diagnose(Diagnostic(stage: "fields", field: rule.name, code: "fields.not_found",
                                             message: "section for '\(rule.name)' is empty", span: item.span(of: range)))
                }
                return
            }
            var output: [UInt8] = []
            output.reserveCapacity(body.count + 64)
            if paragraphs {
                // Each non-empty line, trimmed, joined by a blank line.
                var lineStart = body.startIndex
                while lineStart < body.endIndex {
                    let lineEnd = body[lineStart...].firstIndex(of: 0x0A) ?? body.endIndex
                    let content = trimmed(body[lineStart..<lineEnd])
                    if !content.isEmpty {
                        if !output.isEmpty { output.append(contentsOf: [0x0A, 0x0A]) }
                        output.append(contentsOf: content)
                    }
                    lineStart = lineEnd + 1
                }
            } else {
                output.append(contentsOf: body)
            }
            item.record.setRoot(item.record.store.string(output[...]), for: rule.field)
            item.record.spans[rule.field.index] = item.span(of: body.startIndex..<body.endIndex)
        }

        private func report(_ problems: [(code: String, message: String, range: Range<Int>)], _ rule: Rule, _ item: inout WorkItem) {
            for problem in problems {
                item.diagnose(Diagnostic(stage: "fields", field: rule.name, code: problem.code, message: problem.message,
                                         span: item.span(of: problem.range)))
            }
        }

        private func diagnoseLimit(_ error: PCRE2Error, _ rule: Rule, _ range: Range<Int>, _ item: inout WorkItem) {
            item.diagnose(Diagnostic(stage: "fields", field: rule.name, code: "fields.match_limit",
                                     message: "pattern for '\(rule.name)' stopped: \(error.message)", span: item.span(of: range)))
        }
    }
}
