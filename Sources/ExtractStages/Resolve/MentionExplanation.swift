import ExtractCore

/// How one mention a resolve target names resolves, and why: what `extract inspect` shows beside
/// each resolved or unresolved body.
///
/// Made by re-resolving the page's text with the stage's own index (``ResolveStage/explain(_:)``),
/// so the run itself does no extra work to record it.
public struct MentionExplanation: Sendable, Equatable {
    /// The target field (`certifications`).
    public var field: String
    /// The item's position in the list, for a target with a `key`; nil for a string field.
    public var item: Int?
    /// The key of the item holding the text (`issuers`); nil for a string field.
    public var key: String?
    /// The text as the page gave it.
    public var text: String
    /// The credential evidence read from the item (its `credentials` keys).
    public var credentials: [String]
    /// One per body the text names, in order.
    public var bodies: [Body]

    /// One body of a mention: an entity and how it matched, or a name left unresolved with the
    /// registry names closest to it.
    public enum Body: Sendable, Equatable {
        case entity(id: String, name: String, kind: String, match: EntityIndex.Match)
        case unresolved(text: String, candidates: [Candidate])
    }

    /// A registry entity close to an unresolved name, with its similarity (1 - edit distance / length).
    public struct Candidate: Sendable, Equatable {
        public var id: String
        public var name: String
        public var score: Double
    }

    public init(field: String, item: Int?, key: String?, text: String, credentials: [String], bodies: [Body]) {
        self.field = field
        self.item = item
        self.key = key
        self.text = text
        self.credentials = credentials
        self.bodies = bodies
    }
}

extension EntityIndex {
    /// The bodies `text` names, each with how it matched or, when unresolved, the closest
    /// registry names: ``resolve(_:credentials:role:)`` with its evidence spelt out.
    public func explain(_ text: String, credentials: [String] = [], role: Role = .issuer) -> [MentionExplanation.Body] {
        resolve(text, credentials: credentials, role: role).map { resolution in
            switch resolution {
            case .entity(let position, let match):
                let entity = registry.entities[position]
                return .entity(id: entity.id, name: entity.name, kind: entity.kind, match: match)
            case .unresolved(let name):
                return .unresolved(text: name, candidates: candidates(for: name).map {
                    MentionExplanation.Candidate(id: $0.id, name: $0.name, score: $0.score)
                })
            }
        }
    }
}

extension ResolveStage {
    /// How every mention of this stage's targets resolves on `item`, which must be the item as
    /// it reaches this stage (its targets still hold the page's text; after the stage they hold
    /// entities). Mentions that are not text (null, a missing key) are left out.
    public func explain(_ item: WorkItem) -> [MentionExplanation] {
        var explanations: [MentionExplanation] = []
        for target in targets {
            guard let value = item.record[target.field] else { continue }
            guard let key = target.key else {
                if let text = value.stringValue {
                    explanations.append(MentionExplanation(field: target.name, item: nil, key: nil, text: text, credentials: [],
                                                           bodies: index.explain(text, role: target.role)))
                }
                continue
            }
            guard case .list(let objects) = value else { continue }
            for (position, object) in objects.enumerated() {
                guard let text = object[key]?.stringValue else { continue }
                let credentials = Self.credentialTexts(target.credentialKeys.compactMap { object[$0] })
                explanations.append(MentionExplanation(field: target.name, item: position, key: key, text: text, credentials: credentials,
                                                       bodies: index.explain(text, credentials: credentials, role: target.role)))
            }
        }
        return explanations
    }
}
