import ExtractCore

/// Lookup structures over a registry, built once per run: normalized names, abbreviations,
/// credentials and a token index that limits fuzzy matching to names sharing a word.
public struct EntityIndex: Sendable {
    /// How a mention matched, for audit (`audit: true`, `extract entities`).
    public enum Match: Sendable, Equatable {
        case name, alias, formerName, abbreviation, credential
        case fuzzy(score: Double)

        /// The word written to records: name, alias, former_name, abbreviation, credential, fuzzy.
        public var name: String {
            switch self {
            case .name: return "name"
            case .alias: return "alias"
            case .formerName: return "former_name"
            case .abbreviation: return "abbreviation"
            case .credential: return "credential"
            case .fuzzy: return "fuzzy"
            }
        }
    }

    /// The outcome for one body named in a mention.
    public enum Resolution: Sendable, Equatable {
        case entity(Int, Match)
        case unresolved(String)
    }

    /// Where the mention comes from: an issuer of a certification or a cited source.
    public enum Role: String, Sendable, CaseIterable { case issuer, citation }

    public let registry: EntityRegistry
    private var names: [String: [(Int, Match)]] = [:]
    private var abbreviations: [String: [Int]] = [:]
    private var credentials: [String: [Int]] = [:]
    /// Credentials as the registry spells them (`Heartsaver`), found as words of a longer text.
    private var credentialSpellings: Set<String> = []
    private var tokens: [String: [Int]] = [:]
    /// Every normalized name, alias and former name: its bytes, entity and count of indexed words.
    private var keys: [(key: String, bytes: [UInt8], entity: Int, words: Int)] = []
    /// Letter counts of every key (``histogramBins`` per key), for a cheap lower bound on edit distance.
    private var histograms: [UInt8] = []
    /// The fuzzy threshold: 1 - edit distance / length.
    let threshold = 0.9
    /// How far ahead of every other entity a fuzzy match must be.
    let margin = 0.05

    public init(registry: EntityRegistry) {
        self.registry = registry
        for (index, entity) in registry.entities.enumerated() {
            func add(_ name: String, _ match: Match) {
                let key = NameNormalizer.key(name)
                guard !key.isEmpty else { return }
                if !(names[key]?.contains { $0.0 == index } ?? false) { names[key, default: []].append((index, match)) }
                let words = Self.indexedWords(key)
                keys.append((key, Array(key.utf8), index, words.count))
                histograms.append(contentsOf: Self.histogram(Array(key.utf8)))
                for word in words { tokens[word, default: []].append(keys.count - 1) }
            }
            add(entity.name, .name)
            entity.aliases.forEach { add($0, .alias) }
            entity.formerNames.forEach { add($0, .formerName) }
            for abbreviation in entity.abbreviations {
                abbreviations[abbreviation.uppercased(), default: []].append(index)
            }
            for credential in entity.credentials {
                credentials[credential.uppercased(), default: []].append(index)
                credentialSpellings.insert(credential)
            }
        }
    }

    /// Words left out of the token index.
    static let commonWords: Set<String> = ["of", "and", "for", "the", "in", "on", "a", "an", "to"]
    /// Longer words are not looked up in ``commonWords``.
    private static let longestCommonWord = commonWords.map(\.utf8.count).max() ?? 0

    /// The distinct words of a normalized key that the token index keeps, in order: split at
    /// spaces (as bytes; a key's spaces only ever separate words), common words left out.
    static func indexedWords(_ key: String) -> [String] {
        var words: [String] = []
        words.reserveCapacity(8)
        for word in Array(key.utf8).split(separator: 0x20) {
            let text = String(decoding: word, as: UTF8.self)
            if word.count <= longestCommonWord && commonWords.contains(text) { continue }
            if !words.contains(text) { words.append(text) }
        }
        return words
    }

    /// Resolves a mention that may name several bodies (`AAMA or AMT`, `A, B and C`).
    ///
    /// The whole text is tried first, so names containing `and` are never split; only when it
    /// names nothing known is it split on `or`, `/`, `;`, then `,`, then `and`/`&`, and only
    /// where a part names a known body: `Association for Wellness and Holistic Practice` is one
    /// unknown body, not two.
    ///
    /// `credentials` are evidence for a shared abbreviation: credential abbreviations (`BLS`), or
    /// the certification's whole name (`CPR/BLS certification`), whose credential words count
    /// the same (see ``credentialIssuers(_:)``).
    public func resolve(_ text: String, credentials: [String] = [], role: Role = .issuer) -> [Resolution] {
        let cleaned = Self.clean(text)
        guard !cleaned.isEmpty else { return [] }
        if let single = resolveOne(cleaned, credentials: credentials, role: role) { return [single] }
        // Split where the left part names a body by itself, so `A & B Services and C` splits
        // once, after the name that contains `&`.
        for separators in Self.separatorLevels {
            for (range, _) in Self.separatorPositions(cleaned, separators) {
                let left = Self.clean(String(cleaned[..<range.lowerBound]))
                let right = String(cleaned[range.upperBound...]).trimmingSpaces
                guard !left.isEmpty, !right.isEmpty,
                      let first = resolveOne(left, credentials: credentials, role: role) else { continue }
                return [first] + resolve(right, credentials: credentials, role: role)
            }
        }
        for separators in Self.separatorLevels {
            let parts = Self.split(cleaned, on: separators)
            guard parts.count > 1 else { continue }
            let resolutions = parts.flatMap { resolve($0, credentials: credentials, role: role) }
            if resolutions.contains(where: { if case .entity = $0 { return true } else { return false } }) { return resolutions }
        }
        return [.unresolved(cleaned)]
    }

    static let separatorLevels = [[" or ", " / ", "/", "; "], [", "], [" and ", " & "]]

    /// One body: by name or alias, by abbreviation (with evidence when shared), then fuzzily.
    ///
    /// A trailing parenthesised part is evidence when it is an abbreviation (`Name (ABBR)`), the
    /// name itself when the text before it is an abbreviation (`AHA (American Heart Association)`),
    /// and otherwise a remark that is ignored (`Licensing board (varies by state)`).
    func resolveOne(_ text: String, credentials: [String], role: Role) -> Resolution? {
        var name = text
        var inner: String?
        if name.hasSuffix(")"), let open = name.lastIndex(of: "(") {
            inner = name[name.index(after: open)..<name.index(before: name.endIndex)].trimmingSpaces
            name = String(name[..<open]).trimmingSpaces
        }
        if let inner, name.isEmpty { name = inner }
        let evidence = inner.flatMap { Self.isAbbreviationText($0) ? $0.uppercased() : nil }
        let key = NameNormalizer.key(name)
        if let exact = names[key], exact.count == 1 { return .entity(exact[0].0, exact[0].1) }
        if let evidence, let byAbbreviation = abbreviation(evidence, credentials: credentials, role: role) {
            return byAbbreviation
        }
        if Self.isAbbreviationText(name) || !name.contains(" "),
           let byAbbreviation = abbreviation(name.uppercased(), credentials: credentials, role: role) {
            return byAbbreviation
        }
        if let inner, evidence == nil, Self.isAbbreviationText(name) || !name.contains(" ") {
            // `AHA (American Heart Association)`: the parenthesis spells the abbreviation out.
            let innerKey = NameNormalizer.key(inner)
            if let exact = names[innerKey], exact.count == 1 { return .entity(exact[0].0, exact[0].1) }
        }
        return fuzzy(key)
    }

    /// `ASCP BOC`, `RN, LPN`: one to three abbreviation-like words, separated by spaces, commas
    /// or slashes.
    ///
    /// Read as bytes: an abbreviation is ASCII, so a text with any other byte is not one, however
    /// it is split.
    static func isAbbreviationText(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var words = 0
        var start = 0
        for end in 0...bytes.count where end == bytes.count || bytes[end] == 0x20 || bytes[end] == 0x2C || bytes[end] == 0x2F {
            defer { start = end + 1 }
            guard end > start else { continue }
            words += 1
            guard words <= 3, AbbreviationsParser.isAbbreviation(bytes[start..<end]) else { return false }
        }
        return words > 0
    }

    /// Where the separators occur in `text`, outside parentheses, left to right (ASCII
    /// case-insensitive; the separators are ASCII, so byte offsets fall on character boundaries).
    static func separatorPositions(_ text: String, _ separators: [String]) -> [(Range<String.Index>, String)] {
        let bytes = Array(text.utf8)
        let patterns = separators.map { Array($0.utf8) }
        var positions: [(Range<String.Index>, String)] = []
        var depth = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x28 { depth += 1 }
            if byte == 0x29 { depth = max(0, depth - 1) }
            if depth == 0 {
                for (number, pattern) in patterns.enumerated() where index + pattern.count <= bytes.count {
                    var equal = true
                    for offset in 0..<pattern.count where lower(bytes[index + offset]) != pattern[offset] {
                        equal = false
                        break
                    }
                    guard equal else { continue }
                    let start = text.utf8.index(text.startIndex, offsetBy: index)
                    let end = text.utf8.index(start, offsetBy: pattern.count)
                    positions.append((start..<end, separators[number]))
                    break
                }
            }
            index += 1
        }
        return positions
    }

    /// The entities an abbreviation may stand for: those that list it, and those
    /// `ambiguous_abbreviations` names for it.
    private func abbreviationCandidates(_ abbreviation: String) -> [Int] {
        var candidates = abbreviations[abbreviation] ?? []
        for id in registry.ambiguousAbbreviations[abbreviation] ?? [] {
            if let position = registry.entities.firstIndex(where: { $0.id == id }), !candidates.contains(position) {
                candidates.append(position)
            }
        }
        return candidates
    }

    /// The entities that share `text` as their abbreviation (`AHA`: the American Heart and the
    /// American Hospital Association), which it resolves to only with evidence; empty when `text`
    /// is no abbreviation or names one body. For explaining why such a text stayed unresolved.
    public func bodiesSharing(abbreviation text: String) -> [Int] {
        let abbreviation = Self.clean(text).uppercased()
        let candidates = abbreviationCandidates(abbreviation)
        return isShared(abbreviation, candidates) ? candidates : []
    }

    /// Whether an abbreviation needs evidence: listed as ambiguous, or listed by several bodies.
    private func isShared(_ abbreviation: String, _ candidates: [Int]) -> Bool {
        registry.ambiguousAbbreviations[abbreviation] != nil || candidates.count > 1
    }

    private func abbreviation(_ abbreviation: String, credentials: [String], role: Role) -> Resolution? {
        let candidates = abbreviationCandidates(abbreviation)
        guard !candidates.isEmpty else { return nil }
        if !isShared(abbreviation, candidates) { return .entity(candidates[0], .abbreviation) }
        // A shared abbreviation needs evidence: a credential only one candidate issues,
        // or, for a citation, the one candidate that is a citation source.
        let issuers = credentials.flatMap(credentialIssuers)
        let issuing = candidates.filter { issuers.contains($0) }
        if issuing.count == 1 { return .entity(issuing[0], .credential) }
        if role == .citation {
            let sources = candidates.filter { ["citation-source", "government"].contains(registry.entities[$0].role ?? "") }
            if sources.count == 1, registry.ambiguousAbbreviations[abbreviation]?.count ?? 1 == 1 {
                return .entity(sources[0], .abbreviation)
            }
        }
        return nil
    }

    /// The entities issuing the credentials a text names: the text as a whole (`BLS`, `cma`), and
    /// each of its words, split at spaces and `/ , ; ( ) & +`, that looks like an abbreviation or
    /// is spelt as the registry spells a credential: `CPR/BLS certification` names BLS, just as
    /// `Basic Life Support (BLS)` does.
    func credentialIssuers(_ text: String) -> [Int] {
        var issuers = credentials[text.uppercased()] ?? []
        let bytes = Array(text.utf8)
        for word in bytes.split(whereSeparator: { Self.credentialSeparators.contains($0) }) where word.count < bytes.count {
            let spelling = String(decoding: word, as: UTF8.self)
            guard AbbreviationsParser.isAbbreviation(word) || credentialSpellings.contains(spelling),
                  let found = credentials[spelling.uppercased()] else { continue }
            issuers += found
        }
        return issuers
    }

    private static let credentialSeparators: Set<UInt8> = [0x20, 0x2F, 0x2C, 0x3B, 0x28, 0x29, 0x26, 0x2B, 0x09]

    /// The registry names closest to `text` (sharing a word with it), best first, with their
    /// similarity (1 - edit distance / length): what fuzzy matching chose from, for `extract entities`.
    public func candidates(for text: String, limit: Int = 5) -> [(id: String, name: String, score: Double)] {
        let mention = Array(NameNormalizer.key(text).utf8)
        var best: [Int: Double] = [:]
        for (keyIndex, _) in sharedWordCounts(Self.indexedWords(NameNormalizer.key(text))) {
            let candidate = keys[keyIndex]
            let longest = max(candidate.bytes.count, mention.count, 1)
            let score = 1 - Double(editDistance(mention, candidate.bytes)) / Double(longest)
            best[candidate.entity] = max(best[candidate.entity] ?? 0, score)
        }
        return best.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }.prefix(limit).map {
            (registry.entities[$0.key].id, registry.entities[$0.key].name, ($0.value * 1000).rounded() / 1000)
        }
    }

    /// For each key sharing an indexed word with the mention, how many words they share, in key order.
    ///
    /// Counted in a stack-allocated array indexed by key, so the cost is one increment per
    /// posting, with no hashing.
    private func sharedWordCounts(_ words: [String]) -> [(key: Int, shared: Int)] {
        let lists = words.compactMap { tokens[$0] }
        guard !lists.isEmpty else { return [] }
        return withUnsafeTemporaryAllocation(of: UInt16.self, capacity: keys.count) { counts in
            counts.initialize(repeating: 0)
            var touched: [Int] = []
            for list in lists {
                for keyIndex in list {
                    if counts[keyIndex] == 0 { touched.append(keyIndex) }
                    counts[keyIndex] &+= 1
                }
            }
            touched.sort()
            return touched.map { ($0, Int(counts[$0])) }
        }
    }

    /// A close spelling of one registry name: similarity at least `threshold`, clearly ahead of
    /// any other entity's.
    ///
    /// Cost stays flat as the registry grows: only names sharing words with the mention are
    /// looked at, and of those only names that could be within the edit budget (each edit
    /// changes at most one word, so a name of `w` words needs `w - budget` words in common, and
    /// lengths and letter counts may differ by at most the budget); the edit distance itself
    /// stops as soon as it exceeds the budget.
    private func fuzzy(_ key: String) -> Resolution? {
        guard key.count >= 12 else { return nil }
        let mention = Array(key.utf8)
        let mentionHistogram = Self.histogram(mention)
        let words = Self.indexedWords(key)
        let mentionWords = words.count
        var best: (entity: Int, score: Double)?
        var runnerUp = 0.0
        for (keyIndex, shared) in sharedWordCounts(words) {
            let candidate = keys[keyIndex]
            let longest = max(candidate.bytes.count, mention.count)
            // Names down to `threshold - margin` still count as runners-up that block a match.
            let budget = Int(Double(longest) * (1 - threshold + margin))
            guard abs(candidate.bytes.count - mention.count) <= budget,
                  shared >= candidate.words - budget, shared >= mentionWords - budget,
                  histogramBound(mentionHistogram, key: keyIndex) <= budget,
                  let distance = boundedEditDistance(mention, candidate.bytes, limit: budget) else { continue }
            let score = 1 - Double(distance) / Double(longest)
            if let current = best, current.entity == candidate.entity {
                best = (current.entity, max(current.score, score))
            } else if score > (best?.score ?? 0) {
                runnerUp = max(runnerUp, best?.score ?? 0)
                best = (candidate.entity, score)
            } else {
                runnerUp = max(runnerUp, score)
            }
        }
        guard let best, best.score >= threshold, best.score - runnerUp >= margin else { return nil }
        return .entity(best.entity, .fuzzy(score: (best.score * 1000).rounded() / 1000))
    }

    static let histogramBins = 38

    /// How often each letter, digit and space occurs (saturating), as used by ``histogramBound``.
    static func histogram(_ bytes: [UInt8]) -> [UInt8] {
        var counts = [UInt8](repeating: 0, count: histogramBins)
        for byte in bytes {
            let bin: Int
            switch byte {
            case 0x61...0x7A: bin = Int(byte - 0x61)
            case 0x30...0x39: bin = 26 + Int(byte - 0x30)
            case 0x20: bin = 36
            default: bin = 37
            }
            counts[bin] &+= counts[bin] == 255 ? 0 : 1
        }
        return counts
    }

    /// A lower bound on the edit distance between a mention and key `index` from their letter
    /// counts: each edit changes the counts by at most one up and one down.
    private func histogramBound(_ mention: [UInt8], key index: Int) -> Int {
        var more = 0
        var fewer = 0
        let base = index * Self.histogramBins
        for bin in 0..<Self.histogramBins {
            let difference = Int(mention[bin]) - Int(histograms[base + bin])
            if difference > 0 { more += difference } else { fewer -= difference }
        }
        return max(more, fewer)
    }

    /// Levenshtein distance when it is at most `limit`, else nil. Only the diagonal band of
    /// width 2 × limit + 1 is computed, and it gives up as soon as a row exceeds the limit.
    func boundedEditDistance(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int? {
        if abs(a.count - b.count) > limit { return nil }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        let outside = limit + 1
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * (b.count + 1)) { rows -> Int? in
            var previous = UnsafeMutableBufferPointer(rebasing: rows[0...b.count])
            var current = UnsafeMutableBufferPointer(rebasing: rows[(b.count + 1)...])
            for j in 0...b.count { previous[j] = j <= limit ? j : outside }
            for i in 1...a.count {
                let low = max(1, i - limit)
                let high = min(b.count, i + limit)
                current[0] = i <= limit ? i : outside
                if low > 1 { current[low - 1] = outside }
                var rowMinimum = current[0]
                for j in low...high {
                    let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                    let deletion = (j <= i - 1 + limit ? previous[j] : outside) + 1
                    let insertion = current[j - 1] + 1
                    let cell = min(substitution, deletion, insertion, outside)
                    current[j] = cell
                    rowMinimum = min(rowMinimum, cell)
                }
                if high < b.count { current[high + 1] = outside }
                if rowMinimum > limit { return nil }
                swap(&previous, &current)
            }
            return previous[b.count] <= limit ? previous[b.count] : nil
        }
    }

    /// Trims spaces, a leading conjunction, a trailing `↗` and trailing punctuation.
    static func clean(_ text: String) -> String {
        var result = text.trimmingSpaces
        // `or NCCT` left over from `A, B, or C` (only a text starting with o, a or & can start
        // with one, so others are not lowercased to find out)
        for conjunction in ["or ", "and ", "& "] where Self.mayStartWithConjunction(result) && result.lowercased().hasPrefix(conjunction) {
            result = String(result.dropFirst(conjunction.count)).trimmingSpaces
        }
        while let last = result.unicodeScalars.last, last == "\u{2197}" || last == "." || last == "," || last == ";" || last == ":" {
            result = String(result.unicodeScalars.dropLast()).trimmingSpaces
        }
        return result
    }

    private static func mayStartWithConjunction(_ text: String) -> Bool {
        guard let first = text.utf8.first else { return false }
        return first | 0x20 == UInt8(ascii: "o") || first | 0x20 == UInt8(ascii: "a") || first == UInt8(ascii: "&")
    }

    /// Splits on any of the separators (case-insensitive for words), outside parentheses.
    static func split(_ text: String, on separators: [String]) -> [String] {
        var parts: [String] = []
        var start = text.startIndex
        for (range, _) in separatorPositions(text, separators) where range.lowerBound >= start {
            parts.append(String(text[start..<range.lowerBound]))
            start = range.upperBound
        }
        parts.append(String(text[start...]))
        return parts.map(\.trimmingSpaces).filter { !$0.isEmpty }
    }

    /// The value written to the record for a resolution: `{id, name, abbreviation, kind}`, and
    /// with `audit` also `match` (how it matched: name, alias, former_name, abbreviation,
    /// credential, fuzzy) and `score` (the similarity of a fuzzy match).
    public func value(_ resolution: Resolution, audit: Bool = false) -> Value {
        var members: [Value.Member]
        var match: Value = .null
        var score: Value = .null
        switch resolution {
        case .entity(let index, let how):
            let entity = registry.entities[index]
            members = [
                .init("id", .string(entity.id)),
                .init("name", .string(entity.name)),
                .init("abbreviation", entity.kind == "generic" ? .null : (entity.abbreviations.first.map(Value.string) ?? .null)),
                .init("kind", .string(entity.kind)),
            ]
            match = .string(how.name)
            if case .fuzzy(let similarity) = how { score = .decimal(similarity) }
        case .unresolved(let text):
            members = [.init("id", .null), .init("name", .string(text)), .init("abbreviation", .null), .init("kind", "unresolved")]
        }
        if audit { members += [.init("match", match), .init("score", score)] }
        return .object(members)
    }

    /// What an entity is written as: `id` and `abbreviation` may be null (an unresolved name,
    /// a generic body); with `audit`, `match` (null when unresolved) and `score` (a fuzzy match's).
    public static func entityShape(audit: Bool) -> Shape {
        var members: [Shape.Member] = [
            .init("id", .scalar(.text)), .init("name", .scalar(.text), nullable: false),
            .init("abbreviation", .scalar(.text)), .init("kind", .scalar(.text), nullable: false),
        ]
        if audit { members += [.init("match", .scalar(.text)), .init("score", .scalar(.number))] }
        return .object(members)
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
