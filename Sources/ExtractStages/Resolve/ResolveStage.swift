import ExtractCore
import Foundation

/// Resolves organisation names to canonical entities from a registry file.
///
/// Each target names a field and, for lists of objects, the key inside each item holding the
/// text (`certifications` / `issuers`). The text is replaced by the entity:
/// `{id, name, abbreviation, kind}` with kind `organization` or `generic`; with `split: true`
/// by a list of them (`AAMA or AMT` gives two). Text that names nothing known becomes
/// `{id: null, name: <text>, abbreviation: null, kind: unresolved}` with a `resolve.unresolved`
/// diagnostic: a wrong match is worse than none. `credentials` names one or more keys of the
/// same item holding credential abbreviations or the certification's name, used as evidence for
/// shared abbreviations (`AHA` + `BLS`, or `AHA` for `CPR/BLS certification`).
public struct ResolveStage: Stage {
    public static let description = StageDescription(
        kind: "resolve",
        summary: "Looks organisation names up in a registry file: names, aliases, abbreviations, typos; splits lists.",
        options: [
            OptionDescription("registry", "path", "registry YAML, relative to the pipeline file", required: true),
            OptionDescription("targets", "list of {field, key, split, credentials, role}",
                              "what to resolve: a string field, or `key` in each object of a list field; `credentials`: a key (or list of keys) of the same item whose credential abbreviations, alone or inside a name (`CPR/BLS certification`), are evidence for a shared abbreviation", required: true),
            OptionDescription("audit", "bool", "add how each entity matched (match, score) to the output (default false)"),
        ],
        example: """
        - stage: fields
          fields:
            certifications:
              each: '^• (?<name>.+?) - (?<issuer>.+)$'
              value: { name: name, abbreviations: name | abbreviations, issuers: issuer }
        - stage: resolve
          registry: registries/certification-bodies.yaml
          targets:
            - field: certifications
              key: issuers
              split: true
              credentials: [abbreviations, name]
        """
    )

    struct Target: Sendable {
        var field: FieldID
        var name: String
        var key: String?
        var split: Bool
        var credentialKeys: [String]
        var role: EntityIndex.Role
    }

    let index: EntityIndex
    let targets: [Target]
    let audit: Bool

    public init(options: ConfigNode.Options, context: BuildContext) throws {
        let before = context.issues.issues.count
        var registry: EntityRegistry?
        if let node = options.required("registry", expected: "a registry file path"), let path = node.string() {
            registry = EntityRegistry.load(path: context.resolvePath(path), from: node, into: context.issues)
        }
        let audit = options.optional("audit")?.bool() ?? false
        var targets: [Target] = []
        for entry in options.required("targets", expected: "a list of targets")?.list() ?? [] {
            guard let spec = entry.options(allowed: ["field", "key", "split", "credentials", "role"], context: "a resolve target"),
                  let fieldNode = spec.required("field", expected: "a field name"), let fieldName = fieldNode.string(),
                  let field = context.requireField(fieldName, at: fieldNode) else { continue }
            let key = spec.optional("key")?.string()
            let split = spec.optional("split")?.bool() ?? false
            let credentials = spec.optional("credentials")?.stringList() ?? []
            let role = spec.optional("role")?.choice(["issuer", "citation"]).flatMap(EntityIndex.Role.init(rawValue:)) ?? .issuer
            let entityShape = split ? Shape.list(EntityIndex.entityShape(audit: audit)) : EntityIndex.entityShape(audit: audit)
            if let key {
                guard case .list(let itemShape) = field.shape, case .object(var members) = itemShape,
                      let position = members.firstIndex(where: { $0.key == key }) else {
                    (spec.optional("key") ?? fieldNode).report("'\(fieldName)' is not a list of objects with key '\(key)'",
                                                               expected: "a key of the list's objects")
                    continue
                }
                for credential in credentials where !members.contains(where: { $0.key == credential }) {
                    spec.optional("credentials")?.report("items of '\(fieldName)' have no key '\(credential)'",
                                                         expected: "a key of the list's objects")
                }
                // A split text is a list ([] for no text); one entity is null for no text.
                members[position].shape = entityShape
                members[position].nullable = !split
                context.updateShape(of: field.id, to: .list(.object(members)))
            } else {
                context.updateShape(of: field.id, to: entityShape, nullable: !split)
            }
            targets.append(Target(field: field.id, name: fieldName, key: key, split: split, credentialKeys: credentials, role: role))
        }
        if context.issues.issues.count > before { throw StageBuildFailed() }
        guard let registry else { throw StageBuildFailed() }
        self.index = EntityIndex(registry: registry)
        self.targets = targets
        self.audit = audit
    }

    public func makeWorker(_ resources: WorkerResources) -> Worker { Worker(stage: self) }

    /// The credential texts of an item's credential keys: each a string or a list of strings.
    static func credentialTexts(_ values: [Value]) -> [String] {
        var texts: [String] = []
        for value in values {
            switch value {
            case .list(let items): texts += items.compactMap(\.stringValue)
            case .string(let single): texts.append(single)
            default: break
            }
        }
        return texts
    }

    public struct Worker: StageWorker {
        let stage: ResolveStage
        /// Mentions already resolved by this worker, by their identity (role, text and
        /// credentials as ``ValueStore/appendIdentity(of:to:)`` bytes): pages of one site name
        /// the same bodies over and over. Bounded; emptied when full.
        private var cache: [Identity: Resolved] = [:]
        private static let cacheLimit = 8_192
        /// The values the cached mentions became, copied into each record that names them.
        private var resolvedValues = ValueStore()
        /// The identity of the mention being looked up (its room is kept from one to the next).
        private var identity = Identity()

        /// A mention's identity bytes, hashed and compared as raw memory.
        private struct Identity: Hashable {
            var bytes: [UInt8] = []

            func hash(into hasher: inout Hasher) { bytes.withUnsafeBytes { hasher.combine(bytes: $0) } }

            static func == (a: Identity, b: Identity) -> Bool {
                guard a.bytes.count == b.bytes.count else { return false }
                return a.bytes.withUnsafeBytes { a in
                    b.bytes.withUnsafeBytes { b in
                        guard let first = a.baseAddress, let second = b.baseAddress else { return true }
                        return memcmp(first, second, a.count) == 0
                    }
                }
            }
        }

        /// What a mention resolves to: the value written in its place, and what to report.
        private struct Resolved {
            /// In `resolvedValues`.
            var value: ValueStore.Fragment
            /// Names that match no entity (`resolve.unresolved`).
            var unresolved: [String]
            /// The text, when it names several entities where the target expects one (`resolve.several`).
            var several: String?
        }

        init(stage: ResolveStage) { self.stage = stage }

        public mutating func process(_ item: inout WorkItem) {
            for target in stage.targets {
                // A value set as a tree (by another package's stage) is moved into the store first.
                if let tree = item.record.takeTree(target.field) {
                    item.record.setRoot(item.record.store.append(tree), for: target.field)
                }
                guard let root = item.record.root(target.field) else { continue }
                guard let key = target.key else {
                    item.record.setRoot(resolve(root, credentialsIn: nil, target, &item), for: target.field)
                    continue
                }
                // Each object of the list gets the entity in place of its text (anything but a
                // list of objects is left as it is).
                guard item.record.store.kind(root) == .list else { continue }
                for position in 0..<item.record.store.count(root) {
                    let object = item.record.store.item(position, of: root)
                    guard let slot = item.record.store.memberPosition(key, in: object) else { continue }
                    let mention = item.record.store.memberValue(slot, of: object)
                    let entity = resolve(mention, credentialsIn: object, target, &item)
                    item.record.store.setMember(slot, in: object, to: entity)
                }
            }
        }

        /// The value a mention (a node of the item's store) becomes, added to the store, with its
        /// diagnostics given to the item. `object` is the list item holding the target's
        /// credential keys, if any.
        private mutating func resolve(_ mention: ValueStore.NodeID, credentialsIn object: ValueStore.NodeID?, _ target: Target,
                                      _ item: inout WorkItem) -> ValueStore.NodeID {
            identity.bytes.removeAll(keepingCapacity: true)
            identity.bytes.append(contentsOf: target.role.rawValue.utf8)
            item.record.store.appendIdentity(of: mention, to: &identity.bytes)
            if let object {
                for key in target.credentialKeys {
                    guard let credential = item.record.store.member(key, of: object) else { continue }
                    item.record.store.appendIdentity(of: credential, to: &identity.bytes)
                }
            }
            identity.bytes.append(0xFF)
            let resolved: Resolved
            if let cached = cache[identity] {
                resolved = cached
            } else {
                if cache.count >= Self.cacheLimit {
                    cache.removeAll(keepingCapacity: true)
                    resolvedValues = ValueStore()
                }
                let text = item.record.store.value(mention)
                let credentialsValue = object.map { object in
                    target.credentialKeys.compactMap { item.record.store.member($0, of: object).map(item.record.store.value) }
                } ?? []
                resolved = resolveUncached(text, credentials: credentialsValue, target)
                cache[identity] = resolved
            }
            for name in resolved.unresolved {
                item.diagnose(Diagnostic(stage: "resolve", field: target.name, code: "resolve.unresolved",
                                         message: "'\(name)' matches no entity in the registry"))
            }
            if let text = resolved.several {
                item.diagnose(Diagnostic(stage: "resolve", field: target.name, code: "resolve.several",
                                         message: "'\(text)' names several entities where one was expected"))
            }
            return item.record.store.append(resolved.value, from: resolvedValues)
        }

        private mutating func resolveUncached(_ mention: Value, credentials: [Value], _ target: Target) -> Resolved {
            guard case .string(let text) = mention else {
                return Resolved(value: resolvedValues.appendFragment(target.split ? .list([]) : .null), unresolved: [], several: nil)
            }
            let resolutions = stage.index.resolve(text, credentials: ResolveStage.credentialTexts(credentials), role: target.role)
            var unresolved: [String] = []
            for case .unresolved(let name) in resolutions { unresolved.append(name) }
            let values = resolutions.map { stage.index.value($0, audit: stage.audit) }
            let value: Value
            var several: String?
            if target.split {
                value = .list(values)
            } else if values.count == 1 {
                value = values[0]
            } else if values.isEmpty {
                value = .null
            } else {
                // Several bodies where one was expected: keep the text, say so, never pick one.
                value = stage.index.value(.unresolved(text), audit: stage.audit)
                several = text
            }
            return Resolved(value: resolvedValues.appendFragment(value), unresolved: unresolved, several: several)
        }
    }
}
