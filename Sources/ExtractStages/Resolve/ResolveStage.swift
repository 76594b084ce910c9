import ExtractCore

/// Resolves organisation names to canonical entities from a registry file.
///
/// Each target names a field and, for lists of objects, the key inside each item holding the
/// text (`certifications` / `issuers`). The text is replaced by the entity:
/// `{id, name, abbreviation, kind}` with kind `organization` or `generic`; with `split: true`
/// by a list of them (`AAMA or AMT` gives two). Text that names nothing known becomes
/// `{id: null, name: <text>, abbreviation: null, kind: unresolved}` with a `resolve.unresolved`
/// diagnostic: a wrong match is worse than none. `credentials` names a key of the same item
/// holding credential abbreviations, used as evidence for shared abbreviations (`AHA` + `BLS`).
public struct ResolveStage: Stage {
    public static let description = StageDescription(
        kind: "resolve",
        summary: "Looks organisation names up in a registry file: names, aliases, abbreviations, typos; splits lists.",
        options: [
            OptionDescription("registry", "path", "registry YAML, relative to the pipeline file", required: true),
            OptionDescription("targets", "list of {field, key, split, credentials, role}",
                              "what to resolve: a string field, or `key` in each object of a list field", required: true),
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
              credentials: abbreviations
        """
    )

    struct Target: Sendable {
        var field: FieldID
        var name: String
        var key: String?
        var split: Bool
        var credentialsKey: String?
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
            let credentials = spec.optional("credentials")?.string()
            let role = spec.optional("role")?.choice(["issuer", "citation"]).flatMap(EntityIndex.Role.init(rawValue:)) ?? .issuer
            let entityShape = split ? Shape.list(EntityIndex.entityShape(audit: audit)) : EntityIndex.entityShape(audit: audit)
            if let key {
                guard case .list(let itemShape) = field.shape, case .object(var members) = itemShape,
                      let position = members.firstIndex(where: { $0.key == key }) else {
                    (spec.optional("key") ?? fieldNode).report("'\(fieldName)' is not a list of objects with key '\(key)'",
                                                               expected: "a key of the list's objects")
                    continue
                }
                if let credentials, !members.contains(where: { $0.key == credentials }) {
                    spec.optional("credentials")?.report("items of '\(fieldName)' have no key '\(credentials)'",
                                                         expected: "a key of the list's objects")
                }
                members[position].shape = entityShape
                context.updateShape(of: field.id, to: .list(.object(members)))
            } else {
                context.updateShape(of: field.id, to: entityShape)
            }
            targets.append(Target(field: field.id, name: fieldName, key: key, split: split, credentialsKey: credentials, role: role))
        }
        if context.issues.issues.count > before { throw StageBuildFailed() }
        guard let registry else { throw StageBuildFailed() }
        self.index = EntityIndex(registry: registry)
        self.targets = targets
        self.audit = audit
    }

    public func makeWorker(_ resources: WorkerResources) -> Worker { Worker(stage: self) }

    public struct Worker: StageWorker {
        let stage: ResolveStage
        /// Mentions already resolved by this worker, with the value they became: pages of one
        /// site name the same bodies over and over. Bounded; emptied when full.
        private var cache: [CacheKey: Resolved] = [:]
        private static let cacheLimit = 8_192

        private struct CacheKey: Hashable {
            var text: String
            /// The item's credentials value as it stands (a string, a list of them, or nil).
            var credentials: Value?
            var role: EntityIndex.Role

            /// Only the text is hashed: it nearly always tells keys apart, and hashing the
            /// credentials too cost more than the rare collisions it avoids. Equality still
            /// compares all three.
            func hash(into hasher: inout Hasher) { hasher.combine(text) }
        }

        /// What a mention resolves to: the value written in its place, and what to report.
        private struct Resolved {
            var value: Value
            /// Names that match no entity (`resolve.unresolved`).
            var unresolved: [String]
            /// Several entities where the target expects one (`resolve.several`).
            var several: Bool
        }

        init(stage: ResolveStage) { self.stage = stage }

        public mutating func process(_ item: inout WorkItem) {
            for target in stage.targets {
                if let root = item.record.root(target.field) {
                    resolveInStore(root, target, &item)
                    continue
                }
                guard let value = item.record.takeTree(target.field) else { continue }
                guard let key = target.key else {
                    item.record[target.field] = resolve(value, credentials: nil, target, &item)
                    continue
                }
                // Taken out of the record while it is rewritten, so the list and its objects are
                // changed in place rather than copied (anything but a list is left as it is).
                guard case .list = value else {
                    item.record[target.field] = value
                    continue
                }
                guard case .list(var items) = consume value else { continue }
                for position in items.indices {
                    guard case .object(var members) = items[position] else { continue }
                    items[position] = .null
                    if let slot = members.firstIndex(where: { $0.key == key }) {
                        let credentials = target.credentialsKey.flatMap { credentialsKey in
                            members.first { $0.key == credentialsKey }?.value
                        }
                        members[slot].value = resolve(members[slot].value, credentials: credentials, target, &item)
                    }
                    items[position] = .object(members)
                }
                item.record[target.field] = .list(items)
            }
        }

        /// As above, for a field held in the record's store: each resolved value is added to the
        /// store and the member (or the field) pointed at it.
        private mutating func resolveInStore(_ root: ValueStore.NodeID, _ target: Target, _ item: inout WorkItem) {
            guard let key = target.key else {
                let resolved = resolve(item.record.store.value(root), credentials: nil, target, &item)
                item.record.setRoot(item.record.store.append(resolved), for: target.field)
                return
            }
            guard item.record.store.kind(root) == .list else { return }
            for position in 0..<item.record.store.count(root) {
                let object = item.record.store.item(position, of: root)
                guard let slot = item.record.store.memberPosition(key, in: object) else { continue }
                let credentials = target.credentialsKey.flatMap { credentialsKey in
                    item.record.store.member(credentialsKey, of: object).map { item.record.store.value($0) }
                }
                let text = item.record.store.value(item.record.store.memberValue(slot, of: object))
                let resolved = resolve(text, credentials: credentials, target, &item)
                let node = item.record.store.append(resolved)
                item.record.store.setMember(slot, in: object, to: node)
            }
        }

        private mutating func resolve(_ value: Value, credentials: Value?, _ target: Target, _ item: inout WorkItem) -> Value {
            guard case .string(let text) = value else { return target.split ? .list([]) : .null }
            let key = CacheKey(text: text, credentials: credentials, role: target.role)
            let resolved: Resolved
            if let cached = cache[key] {
                resolved = cached
            } else {
                resolved = resolveUncached(text, credentials: credentials, target)
                if cache.count >= Self.cacheLimit { cache.removeAll(keepingCapacity: true) }
                cache[key] = resolved
            }
            for name in resolved.unresolved {
                item.diagnose(Diagnostic(stage: "resolve", field: target.name, code: "resolve.unresolved",
                                         message: "'\(name)' matches no entity in the registry"))
            }
            if resolved.several {
                item.diagnose(Diagnostic(stage: "resolve", field: target.name, code: "resolve.several",
                                         message: "'\(text)' names several entities where one was expected"))
            }
            return resolved.value
        }

        private func resolveUncached(_ text: String, credentials: Value?, _ target: Target) -> Resolved {
            var credentialList: [String] = []
            switch credentials {
            case .list(let values)?: credentialList = values.compactMap(\.stringValue)
            case .string(let single)?: credentialList = [single]
            default: break
            }
            let resolutions = stage.index.resolve(text, credentials: credentialList, role: target.role)
            var unresolved: [String] = []
            for case .unresolved(let name) in resolutions { unresolved.append(name) }
            let values = resolutions.map { stage.index.value($0, audit: stage.audit) }
            if target.split { return Resolved(value: .list(values), unresolved: unresolved, several: false) }
            if values.count == 1 { return Resolved(value: values[0], unresolved: unresolved, several: false) }
            if values.isEmpty { return Resolved(value: .null, unresolved: unresolved, several: false) }
            // Several bodies where one was expected: keep the text, say so, never pick one.
            return Resolved(value: stage.index.value(.unresolved(text), audit: stage.audit), unresolved: unresolved, several: true)
        }
    }
}
