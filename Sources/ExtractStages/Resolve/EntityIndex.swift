import ExtractCore

/// Lookup structures over a registry, built once per run: normalized names, abbreviations,
/// credentials and a token index that limits fuzzy matching to names sharing a word.
public struct EntityIndex: Sendable {
    /// How a mention matched, for audit (`--explain-entities`).
    public enum Match: Sendable, Equatable {
        case name, alias, formerName, abbreviation, credential
        case fuzzy(score: Double)
    }

    /// The outcome for one body named in a mention.
    public enum Resolution: Sendable, Equatable {
        case entity(Int, Match)
        case unresolved(String)
    }

    /// Where the mention comes from: an issuer of a certification or a cited source.
    public enum Role: String, Sendable { case issuer, citation }

    public let registry: EntityRegistry
    private var names: [String: [(Int, Match)]] = [:]
    private var abbreviations: [String: [Int]] = [:]
    private var credentials: [String: [Int]] = [:]
    private var tokens: [String: [Int]] = [:]
    private var keys: [(key: String, entity: Int, tokens: Set<String>)] = []
    /// The fuzzy threshold: 1 - edit distance / length.
    let threshold = 0.9

    public init(registry: EntityRegistry) {
        self.registry = registry
        for (index, entity) in registry.entities.enumerated() {
            func add(_ name: String, _ match: Match) {
                let key = NameNormalizer.key(name)
                guard !key.isEmpty else { return }
                if !(names[key]?.contains { $0.0 == index } ?? false) { names[key, default: []].append((index, match)) }
                let keyTokens = Set(key.split(separator: " ").map(String.init))
                keys.append((key, index, keyTokens))
                for token in keyTokens where !Self.commonWords.contains(token) {
                    if tokens[token]?.last != keys.count - 1 { tokens[token, default: []].append(keys.count - 1) }
                }
            }
            add(entity.name, .name)
            entity.aliases.forEach { add($0, .alias) }
            entity.formerNames.forEach { add($0, .formerName) }
            for abbreviation in entity.abbreviations {
                abbreviations[abbreviation.uppercased(), default: []].append(index)
            }
            for credential in entity.credentials { credentials[credential.uppercased(), default: []].append(index) }
        }
    }

    static let commonWords: Set<String> = ["of", "and", "for", "the", "in", "on", "a", "an", "to"]

    /// Resolves a mention that may name several bodies (`AAMA or AMT`, `A, B and C`).
    ///
    /// The whole text is tried first, so names containing `and` are never split; only when it
    /// names nothing known is it split on `or`, `/`, `;`, then `,`, then `and`/`&`.
    public func resolve(_ text: String, credentials: [String] = [], role: Role = .issuer) -> [Resolution] {
        let cleaned = Self.clean(text)
        guard !cleaned.isEmpty else { return [] }
        if let single = resolveOne(cleaned, credentials: credentials, role: role) { return [single] }
        for separators in [[" or ", " / ", "/", "; "], [", "], [" and ", " & "]] {
            let parts = Self.split(cleaned, on: separators)
            if parts.count > 1 {
                return parts.flatMap { resolve($0, credentials: credentials, role: role) }
            }
        }
        return [.unresolved(cleaned)]
    }

    /// One body: by name or alias, by abbreviation (with evidence when shared), then fuzzily.
    func resolveOne(_ text: String, credentials: [String], role: Role) -> Resolution? {
        var name = text
        var evidence: String?
        // `Name (ABBR)`: the abbreviation is evidence for the name.
        if name.hasSuffix(")"), let open = name.lastIndex(of: "(") {
            let inner = name[name.index(after: open)..<name.index(before: name.endIndex)].trimmingSpaces
            if AbbreviationsParser.isAbbreviation(Array(inner.utf8)[...]) {
                evidence = inner.uppercased()
                name = String(name[..<open]).trimmingSpaces
            }
        }
        let key = NameNormalizer.key(name)
        if let exact = names[key], exact.count == 1 { return .entity(exact[0].0, exact[0].1) }
        if let evidence, let byAbbreviation = abbreviation(evidence, credentials: credentials, role: role, fullName: key) {
            return byAbbreviation
        }
        if !name.contains(" "), let byAbbreviation = abbreviation(name.uppercased(), credentials: credentials, role: role, fullName: nil) {
            return byAbbreviation
        }
        return fuzzy(key)
    }

    private func abbreviation(_ abbreviation: String, credentials: [String], role: Role, fullName: String?) -> Resolution? {
        guard let candidates = abbreviations[abbreviation], !candidates.isEmpty else { return nil }
        let shared = registry.ambiguousAbbreviations[abbreviation] != nil || candidates.count > 1
        if !shared { return .entity(candidates[0], .abbreviation) }
        // A shared abbreviation needs evidence: a credential only one candidate issues,
        // or, for a citation, the one candidate that is a citation source.
        let issuing = candidates.filter { index in
            credentials.contains { self.credentials[$0.uppercased()]?.contains(index) ?? false }
        }
        if issuing.count == 1 { return .entity(issuing[0], .credential) }
        if role == .citation {
            let sources = candidates.filter { ["citation-source", "government"].contains(registry.entities[$0].role ?? "") }
            if sources.count == 1, registry.ambiguousAbbreviations[abbreviation]?.count ?? 1 == 1 {
                return .entity(sources[0], .abbreviation)
            }
        }
        return nil
    }

    private func fuzzy(_ key: String) -> Resolution? {
        guard key.count >= 12 else { return nil }
        let mentionTokens = key.split(separator: " ").map(String.init)
        var candidateKeys: Set<Int> = []
        for token in mentionTokens where !Self.commonWords.contains(token) {
            for keyIndex in tokens[token] ?? [] { candidateKeys.insert(keyIndex) }
        }
        var best: (entity: Int, score: Double)?
        var runnerUp = 0.0
        let mentionBytes = Array(key.utf8)
        for keyIndex in candidateKeys.sorted() {
            let candidate = keys[keyIndex]
            let candidateBytes = Array(candidate.key.utf8)
            let longest = max(candidateBytes.count, mentionBytes.count)
            guard abs(candidateBytes.count - mentionBytes.count) <= Int(Double(longest) * (1 - threshold)) + 1 else { continue }
            let score = 1 - Double(editDistance(mentionBytes, candidateBytes)) / Double(longest)
            if let current = best, current.entity == candidate.entity {
                best = (current.entity, max(current.score, score))
            } else if score > (best?.score ?? 0) {
                runnerUp = max(runnerUp, best?.score ?? 0)
                best = (candidate.entity, score)
            } else {
                runnerUp = max(runnerUp, score)
            }
        }
        guard let best, best.score >= threshold, best.score - runnerUp >= 0.05 else { return nil }
        return .entity(best.entity, .fuzzy(score: (best.score * 1000).rounded() / 1000))
    }

    /// Trims spaces, a trailing `↗` and trailing punctuation.
    static func clean(_ text: String) -> String {
        var result = text.trimmingSpaces
        while let last = result.unicodeScalars.last, last == "\u{2197}" || last == "." || last == "," || last == ";" || last == ":" {
            result = String(result.unicodeScalars.dropLast()).trimmingSpaces
        }
        return result
    }

    /// Splits on any of the separators (case-insensitive for words), outside parentheses.
    static func split(_ text: String, on separators: [String]) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "(" { depth += 1 }
            if character == ")" { depth = max(0, depth - 1) }
            if depth == 0, let separator = separators.first(where: { text[index...].lowercased().hasPrefix($0) }) {
                parts.append(current)
                current = ""
                index = text.index(index, offsetBy: separator.count)
                continue
            }
            current.append(character)
            index = text.index(after: index)
        }
        parts.append(current)
        return parts.map(\.trimmingSpaces).filter { !$0.isEmpty }
    }

    /// The value written to the record for a resolution.
    public func value(_ resolution: Resolution) -> Value {
        switch resolution {
        case .entity(let index, _):
            let entity = registry.entities[index]
            return .object([
                .init("id", .string(entity.id)),
                .init("name", .string(entity.name)),
                .init("abbreviation", entity.kind == "generic" ? .null : (entity.abbreviations.first.map(Value.string) ?? .null)),
                .init("kind", .string(entity.kind)),
            ])
        case .unresolved(let text):
            return .object([.init("id", .null), .init("name", .string(text)), .init("abbreviation", .null), .init("kind", "unresolved")])
        }
    }

    public static let entityShape = Shape.object([.init("id", .scalar), .init("name", .scalar), .init("abbreviation", .scalar), .init("kind", .scalar)])
}

extension StringProtocol {
    var trimmingSpaces: String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
