import Foundation
import Yams

/// Reads the tests that live with a pipeline: the `tests:` list in the pipeline file and the
/// `tests:` list of `PIPELINE.tests.yaml` beside it (either, or both, in that order).
///
///     tests:
///       - name: pay per hour is a range per hour
///         input: |                    # the page, inline; or `file: pages/x.txt`
///           Medical Assistant
///           | Median Salary | $18-$24 per hour |
///         source: ma.txt              # optional: the document's locator
///         expect:                     # fields compared by value; fields not named are not checked
///           salary: { min: 18, max: 24, currency: USD, period: hour, text: $18-$24 per hour }
///         diagnostics_include: [segment.missing_section]   # or diagnostics: exactly these
///       - name: a page without a title is no career page
///         input: ""
///         rejected: input.empty       # the page must give no record, for this reason
///
/// Every mistake is reported at its file:line:column, as in a pipeline file: unknown keys, a
/// test without a page or with two, a file that is not there, a field the pipeline does not
/// output, a key its shape does not have, a malformed diagnostic code.
public struct PipelineTestLoader {
    /// The pipeline the tests are for: its schema says which fields and keys exist.
    public let pipeline: Pipeline

    public init(pipeline: Pipeline) { self.pipeline = pipeline }

    static let testKeys = ["name", "input", "file", "source", "record", "records", "expect", "diagnostics", "diagnostics_include", "rejected"]

    /// The tests file beside a pipeline file: `career.yaml` → `career.tests.yaml`.
    public static func testsFile(forPipeline path: String) -> String {
        let ext = (path as NSString).pathExtension
        guard !ext.isEmpty else { return path + ".tests.yaml" }
        return (path as NSString).deletingPathExtension + ".tests." + ext
    }

    /// Whether `path` names a tests file rather than a pipeline (`career.tests.yaml`).
    public static func isTestsFile(_ path: String) -> Bool {
        let name = (path as NSString).lastPathComponent
        return name.hasSuffix(".tests.yaml") || name.hasSuffix(".tests.yml")
    }

    /// Every test of the pipeline at `path` (which has been built), its own `tests:` first.
    public func load(pipelineFile path: String) throws(PipelineTestFileError) -> [PipelineTest] {
        let directory = (path as NSString).deletingLastPathComponent
        var sources: [(file: String, text: String, isPipeline: Bool)] = []
        var unreadable: [ConfigIssue] = []
        for (file, isPipeline) in [(path, true), (Self.testsFile(forPipeline: path), false)] {
            guard FileManager.default.fileExists(atPath: file) else { continue }
            do throws(UnreadableFile) {
                guard let text = String(data: try UnreadableFile.contents(of: file), encoding: .utf8) else {
                    throw UnreadableFile(path: file, reason: "it is not valid UTF-8")
                }
                sources.append((file, text, isPipeline))
            } catch {
                unreadable.append(ConfigIssue(location: .wholeFile(file), message: "cannot read the tests file: \(error.reason)",
                                              expected: "a YAML file with a 'tests' list"))
            }
        }
        if !unreadable.isEmpty { throw PipelineTestFileError(issues: unreadable) }
        var tests: [PipelineTest] = []
        var issues: [ConfigIssue] = []
        var names: Set<String> = []
        for source in sources {
            let collector = IssueCollector(file: source.file, text: source.text)
            tests += read(text: source.text, file: source.file, baseDirectory: directory, isPipelineFile: source.isPipeline,
                          issues: collector, names: &names)
            issues += collector.issues
        }
        if !issues.isEmpty { throw PipelineTestFileError(issues: issues) }
        return tests
    }

    /// The tests in one file's text. In a pipeline file, the `tests:` key is optional and the
    /// other keys are the builder's; in a tests file, `tests:` is the only key. `names` holds the
    /// names taken so far (a name is used once across both files).
    public func read(text: String, file: String, baseDirectory: String, isPipelineFile: Bool,
                     issues: IssueCollector, names: inout Set<String>) -> [PipelineTest] {
        let root: Node
        do {
            guard let parsed = try ConfigNode.compose(text) else {
                if !isPipelineFile {
                    issues.report("the tests file is empty", at: SourceLocation(file: file, line: 1, column: 1),
                                  expected: "a mapping with a 'tests' list")
                }
                return []
            }
            root = parsed
        } catch {
            PipelineBuilder.reportYAMLError(error, text: text, issues: issues)
            return []
        }
        let top = ConfigNode(node: root, issues: issues, path: "")
        let list: ConfigNode?
        if isPipelineFile {
            list = top.entries()?.first { $0.key == "tests" }?.value
        } else {
            list = top.options(allowed: ["tests"], context: "a tests file")?
                .required("tests", expected: "a list of tests, e.g. '- name: …'")
        }
        guard let list else { return [] }
        guard case .sequence = list.node else {
            list.report("tests must be a list, found \(list.snippet)", expected: "a list of tests, e.g. '- name: …'")
            return []
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return (list.list() ?? []).compactMap { readTest($0, baseDirectory: baseDirectory, lines: lines, names: &names) }
    }

    private func readTest(_ entry: ConfigNode, baseDirectory: String, lines: [Substring], names: inout Set<String>) -> PipelineTest? {
        let reported = entry.issues.issues.count
        guard let options = entry.options(allowed: Self.testKeys, context: "a test") else { return nil }
        var name = ""
        if let nameNode = options.required("name", expected: "a name for the test, e.g. 'name: pay per hour'"),
           let written = nameNode.string() {
            name = written
            if written.trimmingCharacters(in: .whitespaces).isEmpty {
                nameNode.report("a test's name is empty", expected: "a name that says what the test checks")
            } else if !names.insert(written).inserted {
                nameNode.report("two tests are named '\(written)'", expected: "a name of its own, so output and --filter can tell them apart")
            }
        }
        let input = readInput(options, baseDirectory: baseDirectory, lines: lines)
        let source = options.optional("source")?.string()
        let expectations = options.optional("expect").map(readExpectations) ?? []
        let diagnostics = readDiagnostics(options)
        let rejection = options.optional("rejected").flatMap { node -> String? in
            guard let code = node.string() else { return nil }
            guard let pattern = DiagnosticPattern(code), pattern.field == nil else {
                node.report("rejected must be a reason code, found '\(code)'", expected: "a code such as input.empty or fields.required_missing")
                return nil
            }
            return code
        }
        if let rejected = options.optional("rejected") {
            for key in ["expect", "diagnostics", "diagnostics_include"] where options.optional(key) != nil {
                rejected.report("a test that expects the page to be rejected cannot also check '\(key)'",
                                expected: "either 'rejected' (the page gives no record) or checks of the record it gives")
            }
        }
        // Which record of a page that a stage splits, and how many it gives.
        let record = options.optional("record")?.int(in: 1...1_000_000) ?? 1
        let records = options.optional("records")?.int(in: 0...1_000_000)
        if options.keys.allSatisfy({ ["name", "input", "file", "source", "record"].contains($0) }) {
            entry.report("the test checks nothing", expected: "'expect', 'diagnostics', 'diagnostics_include', 'rejected' or 'records'")
        }
        guard entry.issues.issues.count == reported, let input else { return nil }
        return PipelineTest(name: name, location: entry.location, input: input, source: source,
                            expectations: expectations, diagnostics: diagnostics, rejection: rejection,
                            record: record, records: records)
    }

    // MARK: The page

    private func readInput(_ options: ConfigNode.Options, baseDirectory: String, lines: [Substring]) -> PipelineTestInput? {
        let inline = options.optional("input")
        let file = options.optional("file")
        if inline != nil, let file {
            file.report("a test reads its page from 'input' or from 'file', not both", expected: "one of them")
            return nil
        }
        if let inline {
            guard case .scalar(let scalar) = inline.node else {
                inline.report("input must be the page's text, found \(inline.snippet)", expected: "text, e.g. 'input: |' and the page below it")
                return nil
            }
            return .inline(scalar.string, origin: Self.origin(of: inline, scalar: scalar, lines: lines))
        }
        if let file {
            guard let written = file.string() else { return nil }
            let path = Self.join(baseDirectory, written)
            var isDirectory: ObjCBool = false
            if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
                file.report("no such file '\(written)' (looked for '\(path)')", expected: "a page file, relative to the pipeline file")
                return nil
            }
            if isDirectory.boolValue {
                file.report("'\(written)' is a directory", expected: "a page file: a test reads one page")
                return nil
            }
            return .file(path: path, written: written)
        }
        options.node.report("the test has no page", expected: "'input: |' with the page's text, or 'file:' with its path")
        return nil
    }

    /// Where a literal block scalar's lines are in the file (`input: |` followed by the page):
    /// its content starts on the next line, indented as its first line that is not blank.
    static func origin(of node: ConfigNode, scalar: Node.Scalar, lines: [Substring]) -> InlineOrigin? {
        guard scalar.style == .literal, let mark = node.node.mark, lines.indices.contains(mark.line - 1) else { return nil }
        // The header (`|`, `|-`, `|+`) with an explicit indentation digit is not followed here.
        let header = lines[mark.line - 1].unicodeScalars.dropFirst(mark.column - 1)
        let indicator = header.prefix { !" \t#".unicodeScalars.contains($0) }
        guard !indicator.contains(where: { ("1"..."9").contains($0) }) else { return nil }
        for index in mark.line..<lines.count {
            let line = lines[index].unicodeScalars.filter { $0 != "\r" }
            let indent = line.prefix { $0 == " " }.count
            if indent < line.count { return InlineOrigin(file: node.issues.file, firstLine: mark.line + 1, indent: indent) }
        }
        return nil
    }

    /// `base/relative` with `.` and `..` taken out by name (`Pipelines/../Fixtures/x.txt` →
    /// `Fixtures/x.txt`), as `extract run` would be given it; an absolute path as it is.
    static func join(_ base: String, _ relative: String) -> String {
        guard !relative.hasPrefix("/") else { return relative }
        var parts: [Substring] = []
        for part in (base.isEmpty ? relative : base + "/" + relative).split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        return base.hasPrefix("/") ? "/" + joined : (joined.isEmpty ? "." : joined)
    }

    // MARK: What the record must hold

    private func readExpectations(_ node: ConfigNode) -> [FieldExpectation] {
        guard let entries = node.entries() else { return [] }
        let output = pipeline.schema.outputFields
        var expectations: [FieldExpectation] = []
        for entry in entries {
            guard let field = output.first(where: { $0.name == entry.key }) else {
                if entry.key == "diagnostics" {
                    entry.keyNode.report("diagnostics are checked by the test's own 'diagnostics' key, not in 'expect'",
                                         expected: "'diagnostics: [code, …]' beside 'expect'")
                } else {
                    let names = output.map(\.name)
                    entry.keyNode.report("expect names field '\(entry.key)', which the pipeline does not output" + didYouMean(entry.key, names),
                                         expected: "one of: " + names.joined(separator: ", "))
                }
                continue
            }
            guard checkShape(entry.value, field.shape, name: entry.key), let value = entry.value.value() else { continue }
            expectations.append(FieldExpectation(field: field.name, id: field.id, value: value, location: entry.keyNode.location))
        }
        return expectations
    }

    /// Whether a written value can have the field's shape (null always can); reports the first
    /// place it cannot: a key the object does not have, a list for a single value, and so on.
    private func checkShape(_ node: ConfigNode, _ shape: Shape, name: String) -> Bool {
        if node.isNull { return true }
        if case .object(let members) = shape {
            guard case .mapping = node.node, let entries = node.entries() else {
                node.report("\(name) is an object {\(members.map(\.key).joined(separator: ", "))}, found \(node.snippet)",
                            expected: "a mapping of those keys, or null")
                return false
            }
            var fits = true
            for entry in entries {
                guard let member = members.first(where: { $0.key == entry.key }) else {
                    let keys = members.map(\.key)
                    entry.keyNode.report("\(name) has no key '\(entry.key)'" + didYouMean(entry.key, keys),
                                         expected: "one of: " + keys.joined(separator: ", "))
                    fits = false
                    continue
                }
                fits = checkShape(entry.value, member.shape, name: "\(name).\(entry.key)") && fits
            }
            return fits
        }
        if case .list(let item) = shape {
            guard case .sequence = node.node, let items = node.list() else {
                node.report("\(name) is a list, found \(node.snippet)", expected: "a list ('[]' when empty)")
                return false
            }
            return items.enumerated().map { checkShape($1, item, name: "\(name)[\($0)]") }.allSatisfy { $0 }
        }
        guard case .scalar = node.node else {
            node.report("\(name) is a single value, found \(node.snippet)", expected: "a string, number, true/false or null")
            return false
        }
        return true
    }

    private func readDiagnostics(_ options: ConfigNode.Options) -> DiagnosticExpectation? {
        let exactly = options.optional("diagnostics")
        let including = options.optional("diagnostics_include")
        if exactly != nil, let including {
            including.report("a test lists its diagnostics in 'diagnostics' (exactly these) or 'diagnostics_include' (at least these), not both",
                             expected: "one of them")
            return nil
        }
        guard let node = exactly ?? including else { return nil }
        guard case .sequence = node.node, let items = node.list() else {
            node.report("\(node.path) must be a list of diagnostic codes, found \(node.snippet)",
                        expected: "a list such as [fields.not_found(salary), segment.missing_section], or [] for none")
            return nil
        }
        let fields = pipeline.schema.fields.map(\.name)
        let patterns = items.compactMap { item -> DiagnosticPattern? in
            guard let text = item.string() else { return nil }
            guard let pattern = DiagnosticPattern(text) else {
                item.report("'\(text)' is not a diagnostic code", expected: "a code such as fields.not_found, or fields.not_found(salary) for one field's")
                return nil
            }
            if let field = pattern.field, !fields.contains(field) {
                item.report("'\(text)' names field '\(field)', which no stage provides" + didYouMean(field, fields),
                            expected: "a field of the pipeline (diagnostics of a section, such as segment.missing_section, name no field)")
                return nil
            }
            return pattern
        }
        guard patterns.count == items.count else { return nil }
        return DiagnosticExpectation(mode: exactly != nil ? .exactly : .including, patterns: patterns)
    }
}
