import Foundation
import Yams

/// Reads a pipeline file and builds every stage in it, checking the whole file first.
///
/// The file:
///
///     pipeline: career            # a name (optional)
///     limits: { match_limit: 1000000 }   # optional pattern limits
///     stages:                     # applied in the order written
///       - stage: normalize
///       - stage: segment
///         sections: { duties: '^Primary Duties$' }
///     record: [title, duties]     # output fields, in order (optional: all, in provided order)
///     tests: [...]                # pages and what they must give, for `extract test` (ignored here)
///
/// Every mistake is collected with its file:line:column; if there is any, ``build(file:)``
/// throws a ``PipelineError`` holding all of them, and nothing runs.
public struct PipelineBuilder: Sendable {
    /// The stage kinds the file may name.
    public let registry: StageRegistry
    /// The value parsers its templates and `derive` rules may name.
    public let parsers: ValueParserRegistry

    public init(registry: StageRegistry, parsers: ValueParserRegistry) {
        self.registry = registry
        self.parsers = parsers
    }

    /// A builder with the runtime's stages and value parsers.
    public init(runtime: ExtractRuntime) { self.init(registry: runtime.stages, parsers: runtime.parsers) }

    /// `tests` holds the tests `extract test` runs (``PipelineTestLoader``); building ignores it.
    static let topLevelKeys = ["pipeline", "description", "limits", "stages", "record", "tests"]

    /// Builds the pipeline in the file at `path`.
    public func build(file path: String) throws(PipelineError) -> Pipeline {
        let data: Data
        do {
            data = try UnreadableFile.contents(of: path)
        } catch {
            throw PipelineError(ConfigIssue(location: .wholeFile(path), message: "cannot read the pipeline file: \(error.reason)"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw PipelineError(ConfigIssue(location: .wholeFile(path),
                                            message: "the pipeline file is not valid UTF-8", expected: "a UTF-8 YAML file"))
        }
        let directory = (path as NSString).deletingLastPathComponent
        return try build(text: text, file: path, baseDirectory: directory)
    }

    /// Builds a pipeline from YAML text; `file` names it in messages.
    public func build(text: String, file: String, baseDirectory: String = ".") throws(PipelineError) -> Pipeline {
        let issues = IssueCollector(file: file, text: text)
        let root: Node
        do {
            guard let parsed = try ConfigNode.compose(text) else {
                issues.report("the pipeline file is empty", at: SourceLocation(file: file, line: 1, column: 1),
                              expected: "a mapping with a 'stages' list")
                throw PipelineError(issues: issues.issues)
            }
            root = parsed
        } catch let error as PipelineError {
            throw error
        } catch {
            Self.reportYAMLError(error, text: text, issues: issues)
            throw PipelineError(issues: issues.issues)
        }

        let top = ConfigNode(node: root, issues: issues, path: "")
        guard let options = top.options(allowed: Self.topLevelKeys, context: "the pipeline file") else {
            throw PipelineError(issues: issues.issues)
        }
        let name = options.optional("pipeline")?.string() ?? (file as NSString).lastPathComponent
        let limits = Self.readLimits(options.optional("limits"))
        let context = BuildContext(baseDirectory: baseDirectory, limits: limits, issues: issues, parsers: parsers)

        var stages: [any Stage] = []
        if let stageList = options.required("stages", expected: "a list of stages, e.g. '- stage: normalize'")?.list() {
            for entry in stageList {
                if let stage = buildStage(entry, context: context) { stages.append(stage) }
            }
        }
        if let record = options.optional("record") {
            var output: [FieldID] = []
            for item in record.list() ?? [] {
                guard let name = item.string() else { continue }
                guard let field = context.schema.field(named: name) else {
                    item.report("record lists field '\(name)', which no stage provides" + didYouMean(name, context.schema.fields.map(\.name)),
                                expected: "one of: " + context.schema.fields.map(\.name).joined(separator: ", "))
                    continue
                }
                if output.contains(field.id) {
                    item.report("field '\(name)' is listed twice in record", expected: "each field once")
                }
                output.append(field.id)
            }
            context.setOutput(output)
        } else {
            context.setOutput(context.schema.fields.map(\.id))
        }
        if issues.hasIssues { throw PipelineError(issues: issues.issues) }
        return Pipeline(file: file, name: name, stages: stages, schema: context.schema,
                        sectionNames: context.sections, limits: limits,
                        readsUndecodedBytes: context.readsUndecodedBytes)
    }

    private func buildStage(_ entry: ConfigNode, context: BuildContext) -> (any Stage)? {
        guard case .mapping(let mapping) = entry.node else {
            entry.report("each stage must be a mapping with a 'stage' key, found \(entry.snippet)",
                         expected: "e.g. '- stage: normalize'")
            return nil
        }
        guard let kindNode = mapping["stage"] else {
            entry.report("stage entry has no 'stage' key", expected: "one of: " + registry.kinds.joined(separator: ", "))
            return nil
        }
        let kindConfig = ConfigNode(node: kindNode, issues: entry.issues, path: "\(entry.path).stage")
        guard let kind = kindConfig.string() else { return nil }
        guard let stageType = registry.stage(kind: kind) else {
            kindConfig.report("unknown stage '\(kind)'" + didYouMean(kind, registry.kinds),
                              expected: "one of: " + registry.kinds.joined(separator: ", "))
            return nil
        }
        context.stageKind = kind
        defer { context.stageIndex += 1 }
        let allowed = ["stage"] + stageType.description.optionNames
        guard let options = entry.options(allowed: allowed, context: "stage '\(kind)'") else { return nil }
        do {
            let stage = try stageType.init(options: options, context: context)
            if stageType.splitsDocuments { context.documentsSplit() }
            return stage
        } catch {
            if !(error is StageBuildFailed) {
                entry.report("stage '\(kind)' could not be built: \(error)")
            }
            return nil
        }
    }

    private static func readLimits(_ node: ConfigNode?) -> PatternLimits {
        var limits = PatternLimits()
        guard let node, let options = node.options(
            allowed: ["match_limit", "depth_limit", "heap_limit_kib", "jit_stack_kib"], context: "limits") else { return limits }
        if let value = options.optional("match_limit")?.int(in: 1...4_000_000_000) { limits.matchLimit = value }
        if let value = options.optional("depth_limit")?.int(in: 1...4_000_000_000) { limits.depthLimit = value }
        if let value = options.optional("heap_limit_kib")?.int(in: 1...4_000_000_000) { limits.heapLimitKiB = value }
        if let value = options.optional("jit_stack_kib")?.int(in: 32...1_048_576) { limits.jitStackKiB = value }
        return limits
    }

    /// Turns a Yams error into an issue with a location.
    static func reportYAMLError(_ error: any Error, text: String, issues: IssueCollector) {
        guard let yamlError = error as? YamlError else {
            issues.report("cannot parse the pipeline file: \(error)", at: issues.location(nil))
            return
        }
        switch yamlError {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let what = [context?.text, problem].compactMap { $0 }.joined(separator: ": ")
            issues.report("invalid YAML: \(what)", at: issues.location(mark), expected: "valid YAML")
        case let .duplicatedKeysInMapping(duplicates, context):
            // Yams marks the first occurrence; point at the repeat, which is the one to fix.
            let location = Self.repeatedKey(duplicates.first ?? "", after: context.mark, in: text, file: issues.file)
                ?? issues.location(context.mark)
            issues.report("duplicate key '\(duplicates.joined(separator: "', '"))' in a mapping",
                          at: location, expected: "each key once per mapping")
        case let .reader(problem, _, _, _):
            issues.report("cannot read the pipeline file: \(problem)", at: issues.location(nil))
        default:
            issues.report("cannot parse the pipeline file: \(yamlError)", at: issues.location(nil))
        }
    }

    /// The next line after `mark` where `key` starts a mapping entry at the same column.
    private static func repeatedKey(_ key: String, after mark: Mark, in text: String, file: String) -> SourceLocation? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard mark.line >= 1 else { return nil }
        for index in mark.line..<lines.count {
            let line = lines[index].unicodeScalars
            let indent = line.prefix { $0 == " " }.count
            guard indent + 1 == mark.column else { continue }
            let rest = String(String.UnicodeScalarView(line.dropFirst(indent)))
            if rest.hasPrefix(key + ":") || rest.hasPrefix("'\(key)':") || rest.hasPrefix("\"\(key)\":") {
                return SourceLocation(file: file, line: index + 1, column: mark.column)
            }
        }
        return nil
    }
}
