import ExtractCore
import Foundation
import Yams

/// A labelled set of organisation mentions and what the resolver should make of them, and the
/// figures a resolver gets on it: precision and recall over entities, unknown bodies left
/// unresolved, generic bodies recognised as generic.
///
///     mentions:
///       - text: "AAMA or AMT"
///         context: issuer          # or citation
///         credential: CMA          # optional evidence
///         expect: [aama, amt]
///       - text: "Blue Ridge Allied Health Guild"
///         context: issuer
///         expect: []
///         unresolved: true
///       - text: "AHA"
///         context: issuer
///         certification: "CPR/BLS certification"   # the certification's name, as evidence
///         expect: [american-heart-association]
///       - text: "Association for Wellness and Holistic Practice"
///         context: issuer
///         expect: []
///         unresolved: true
///         unresolved_as: ["Association for Wellness and Holistic Practice"]  # one body, as written
public struct MentionEvaluation: Sendable {
    public struct Mention: Sendable {
        public var text: String
        public var role: EntityIndex.Role
        public var credentials: [String]
        public var expected: [String]
        public var unresolved: Bool
        /// The texts the mention must leave unresolved, when the set says (`unresolved_as`).
        public var unresolvedNames: [String]?
    }

    public struct Miss: Sendable, CustomStringConvertible {
        public var mention: Mention
        public var produced: [String]
        /// The texts left unresolved.
        public var unresolved: [String] = []
        public var description: String {
            var text = "'\(mention.text)' (\(mention.role.rawValue)\(mention.credentials.isEmpty ? "" : ", credential \(mention.credentials.joined(separator: ","))")): "
                + "expected [\(mention.expected.joined(separator: ", "))], got [\(produced.joined(separator: ", "))]"
            if let names = mention.unresolvedNames, names != unresolved {
                text += "; expected unresolved [\(names.joined(separator: ", "))], got [\(unresolved.joined(separator: ", "))]"
            }
            return text
        }
    }

    public var mentions = 0
    public var expectedEntities = 0
    public var producedEntities = 0
    public var correctEntities = 0
    public var unknownMentions = 0
    public var unknownLeftUnresolved = 0
    public var genericExpected = 0
    public var genericCorrect = 0
    /// Mentions whose unresolved texts the set gives, and those left unresolved exactly so.
    public var unresolvedNamesExpected = 0
    public var unresolvedNamesCorrect = 0
    public var misses: [Miss] = []

    public var precision: Double { producedEntities == 0 ? 1 : Double(correctEntities) / Double(producedEntities) }
    public var recall: Double { expectedEntities == 0 ? 1 : Double(correctEntities) / Double(expectedEntities) }

    /// Reads a mentions file; one that cannot be read throws ``UnreadableFile``.
    public static func load(path: String) throws -> [Mention] {
        guard let text = String(data: try UnreadableFile.contents(of: path), encoding: .utf8) else {
            throw UnreadableFile(path: path, reason: "it is not valid UTF-8")
        }
        guard let root = try Yams.load(yaml: text) as? [String: Any], let list = root["mentions"] as? [[String: Any]] else {
            throw OutputError(message: "\(path): expected a mapping with a 'mentions' list")
        }
        return list.map { entry in
            // A credential and a certification's name are both evidence: the resolver reads the
            // credentials inside a name.
            let credentials = ["credential", "certification"].compactMap { entry[$0].map { "\($0)" } }
            return Mention(text: "\(entry["text"] ?? "")",
                           role: (entry["context"] as? String) == "citation" ? .citation : .issuer,
                           credentials: credentials,
                           expected: (entry["expect"] as? [Any])?.map { "\($0)" } ?? [],
                           unresolved: entry["unresolved"] as? Bool ?? false,
                           unresolvedNames: (entry["unresolved_as"] as? [Any])?.map { "\($0)" })
        }
    }

    /// Resolves every mention with `index` and tallies the outcome.
    public static func evaluate(_ mentions: [Mention], index: EntityIndex) -> MentionEvaluation {
        var result = MentionEvaluation()
        for mention in mentions {
            result.mentions += 1
            let resolutions = index.resolve(mention.text, credentials: mention.credentials, role: mention.role)
            var produced: [String] = []
            var producedKinds: [String: String] = [:]
            var unresolvedNames: [String] = []
            for resolution in resolutions {
                switch resolution {
                case .entity(let entity, _):
                    produced.append(index.registry.entities[entity].id)
                    producedKinds[index.registry.entities[entity].id] = index.registry.entities[entity].kind
                case .unresolved(let name):
                    unresolvedNames.append(name)
                }
            }
            var namesMissed = false
            if let expectedNames = mention.unresolvedNames {
                result.unresolvedNamesExpected += 1
                if expectedNames == unresolvedNames { result.unresolvedNamesCorrect += 1 } else { namesMissed = true }
            }
            result.expectedEntities += mention.expected.count
            result.producedEntities += produced.count
            var remaining = produced
            for id in mention.expected {
                if let position = remaining.firstIndex(of: id) {
                    remaining.remove(at: position)
                    result.correctEntities += 1
                }
            }
            if mention.unresolved {
                result.unknownMentions += 1
                if produced.isEmpty { result.unknownLeftUnresolved += 1 }
            }
            for id in mention.expected where index.registry.entities.first(where: { $0.id == id })?.kind == "generic" {
                result.genericExpected += 1
                if producedKinds[id] == "generic" { result.genericCorrect += 1 }
            }
            if produced.sorted() != mention.expected.sorted() || namesMissed {
                result.misses.append(Miss(mention: mention, produced: produced, unresolved: unresolvedNames))
            }
        }
        return result
    }
}
