import ExtractCore
import Foundation
import Yams

/// A registry of entities (certification bodies, agencies, generic kinds of body) read from YAML.
///
///     version: 1
///     entities:
///       - id: ccmc
///         name: Commission for Case Manager Certification
///         abbreviations: [CCMC]
///         aliases: []
///         former_names: []
///         credentials: [CCM]
///         kind: organization        # or generic
///     ambiguous_abbreviations:      # resolve only with evidence
///       AHA: [american-heart-association, american-hospital-association]
public struct EntityRegistry: Sendable {
    public struct Entity: Sendable, Equatable {
        public var id: String
        public var name: String
        public var abbreviations: [String]
        public var aliases: [String]
        public var formerNames: [String]
        public var credentials: [String]
        public var kind: String
        public var role: String?
    }

    public var entities: [Entity]
    /// Abbreviation (uppercase) to the ids it may mean; these never resolve on the abbreviation alone.
    public var ambiguousAbbreviations: [String: [String]]

    /// Loads a registry on its own (outside a pipeline), e.g. for `extract entities`. A file that
    /// cannot be read is reported as such, with no place in it.
    public static func load(path: String) throws(PipelineError) -> EntityRegistry {
        let text: String
        switch read(path) {
        case .success(let read): text = read
        case .failure(let failure):
            throw PipelineError(ConfigIssue(location: .wholeFile(path), message: "cannot read the registry: \(failure.reason)"), fileKind: "registry")
        }
        let issues = IssueCollector(file: path, text: text)
        guard let registry = parse(text, into: issues) else { throw PipelineError(issues: issues.issues, fileKind: "registry") }
        return registry
    }

    static let entityKeys = ["id", "name", "abbreviations", "aliases", "former_names", "credentials", "kind", "role", "uncertain", "note"]

    /// Loads the registry at `path` for a pipeline: a file that cannot be read is reported at
    /// `node` (the pipeline's `registry` option) with the reason, mistakes in the registry at the
    /// registry file's line and column.
    static func load(path: String, from node: ConfigNode, into issues: IssueCollector) -> EntityRegistry? {
        let text: String
        switch read(path) {
        case .success(let read): text = read
        case .failure(let failure):
            node.report("cannot read registry file '\(path)': \(failure.reason)", expected: "a readable YAML file (paths are relative to the pipeline file)")
            return nil
        }
        let fileIssues = IssueCollector(file: path, text: text)
        defer { issues.adopt(fileIssues) }
        return parse(text, into: fileIssues)
    }

    /// The registry file's text, or why it cannot be read (including that it is not UTF-8).
    private static func read(_ path: String) -> Result<String, UnreadableFile> {
        do {
            let data = try UnreadableFile.contents(of: path)
            guard let text = String(data: data, encoding: .utf8) else { return .failure(UnreadableFile(path: path, reason: "it is not valid UTF-8")) }
            return .success(text)
        } catch {
            return .failure(error)
        }
    }

    /// Reads a registry's YAML text, reporting mistakes to `fileIssues` (the registry file's own).
    private static func parse(_ text: String, into fileIssues: IssueCollector) -> EntityRegistry? {
        let root: Node
        do {
            guard let parsed = try ConfigNode.compose(text) else {
                fileIssues.report("the registry is empty", at: fileIssues.location(nil), expected: "a mapping with 'entities'")
                return nil
            }
            root = parsed
        } catch {
            fileIssues.report("invalid YAML in registry: \(error)", at: fileIssues.location(nil), expected: "valid YAML")
            return nil
        }
        let top = ConfigNode(node: root, issues: fileIssues, path: "")
        guard let options = top.options(allowed: ["version", "entities", "ambiguous_abbreviations"], context: "the registry") else { return nil }
        _ = options.optional("version")?.int(in: 1...1)
        var entities: [Entity] = []
        var seen: Set<String> = []
        for entry in options.required("entities", expected: "a list of entities")?.list() ?? [] {
            guard let spec = entry.options(allowed: entityKeys, context: "a registry entity") else { continue }
            guard let idNode = spec.required("id", expected: "a stable lowercase id"), let id = idNode.string(),
                  let name = spec.required("name", expected: "the canonical name")?.string() else { continue }
            if !seen.insert(id).inserted { idNode.report("duplicate entity id '\(id)'", expected: "unique ids") }
            let kind = spec.optional("kind")?.choice(["organization", "generic"]) ?? "organization"
            entities.append(Entity(
                id: id, name: name,
                abbreviations: spec.optional("abbreviations")?.stringList() ?? [],
                aliases: spec.optional("aliases")?.stringList() ?? [],
                formerNames: spec.optional("former_names")?.stringList() ?? [],
                credentials: spec.optional("credentials")?.stringList() ?? [],
                kind: kind,
                role: spec.optional("role")?.string()))
        }
        var ambiguous: [String: [String]] = [:]
        for entry in options.optional("ambiguous_abbreviations")?.entries() ?? [] {
            guard let ids = entry.value.stringList() else { continue }
            for id in ids where !seen.contains(id) {
                entry.value.report("unknown entity id '\(id)' in ambiguous_abbreviations", expected: "an id defined under entities")
            }
            ambiguous[entry.key.uppercased()] = ids
        }
        guard !fileIssues.hasIssues else { return nil }
        return EntityRegistry(entities: entities, ambiguousAbbreviations: ambiguous)
    }
}
