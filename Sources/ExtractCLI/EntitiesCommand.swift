import ArgumentParser
import ExtractCore
import ExtractStages
import Foundation

/// `extract entities`: shows how the resolver reads organisation mentions, or measures it on a
/// labelled set.
struct EntitiesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entities",
        abstract: "Show how mentions resolve against a registry; measure the resolver.",
        usage: "extract entities --registry <registry> [<options>] [<texts> ...]",
        discussion: """
        For each TEXT: the bodies it resolves to and how each matched (name, alias,
        former name, abbreviation, credential evidence, fuzzy with its score), or
        why it stayed unresolved: an abbreviation several bodies share, with the
        credentials each issues (give one with --credential), or the closest
        registry names and their similarity. With --mentions: precision and recall
        on a labelled set, and every miss.

        Examples:
          extract entities --registry Pipelines/registries/certification-bodies.yaml \\
              "AAMA or AMT" "Amer. Assn. of Medical Asst."
          extract entities --registry Pipelines/registries/certification-bodies.yaml \\
              --credential BLS AHA
          extract entities --registry Pipelines/registries/certification-bodies.yaml \\
              --credential "CPR/BLS certification" AHA
          extract entities --registry Pipelines/registries/certification-bodies.yaml \\
              --mentions Fixtures/entities/mentions.yaml
        """
    )

    @Option(help: "The registry file.", completion: .yamlFile)
    var registry: String

    @Option(help: "A credential abbreviation, or a certification's name holding them (`CPR/BLS certification`), given as evidence (repeatable).")
    var credential: [String] = []

    @Option(help: "issuer or citation: where the mentions come from.", completion: .list(EntityIndex.Role.allCases.map(\.rawValue)))
    var role: String = "issuer"

    @Option(help: "A labelled mentions file: print precision and recall and every miss.", completion: .yamlFile)
    var mentions: String?

    @Option(name: .customLong("repeat"), help: "With --mentions: resolve the set this many times for a steadier time per mention.")
    var repetitions: Int = 1

    @Argument(help: "Mentions to explain.")
    var texts: [String] = []

    func validate() throws {
        guard EntityIndex.Role(rawValue: role) != nil else {
            throw ValidationError("--role must be issuer or citation, not '\(role)'")
        }
        guard repetitions >= 1 else { throw ValidationError("--repeat must be at least 1") }
    }

    func run() throws {
        let loaded = try loadRegistry()
        let index = EntityIndex(registry: loaded)
        if let mentions {
            let set: [MentionEvaluation.Mention]
            do {
                set = try MentionEvaluation.load(path: mentions)
            } catch let error as UnreadableFile {
                printError("extract: cannot read the mentions file '\(mentions)': \(error.reason)")
                throw ExitCode(ExtractCommand.Status.usage.rawValue)
            }
            let start = DispatchTime.now()
            var result = MentionEvaluation.evaluate(set, index: index)
            for _ in 1..<repetitions { result = MentionEvaluation.evaluate(set, index: index) }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9 / Double(repetitions)
            print(String(format: "%d mentions: precision %.4f (%d/%d), recall %.4f (%d/%d); unknown left unresolved %d/%d; generic as generic %d/%d; unresolved as labelled %d/%d",
                         result.mentions, result.precision, result.correctEntities, result.producedEntities,
                         result.recall, result.correctEntities, result.expectedEntities,
                         result.unknownLeftUnresolved, result.unknownMentions, result.genericCorrect, result.genericExpected,
                         result.unresolvedNamesCorrect, result.unresolvedNamesExpected))
            print(String(format: "registry of %d entities; %.1f µs per mention", loaded.entities.count, seconds / Double(max(1, set.count)) * 1e6))
            for miss in result.misses { print("  miss: \(miss)") }
            return
        }
        guard let entityRole = EntityIndex.Role(rawValue: role) else { return }  // checked in validate()
        for text in texts {
            print("'\(text)'")
            for resolution in index.resolve(text, credentials: credential, role: entityRole) {
                switch resolution {
                case .entity(let position, let match):
                    let entity = loaded.entities[position]
                    print("  → \(entity.id) (\(entity.name), \(entity.kind)) by \(Self.describe(match))")
                case .unresolved(let part):
                    let sharing = index.bodiesSharing(abbreviation: part)
                    if sharing.count > 1 {
                        print(Self.explainShared(part, bodies: sharing.map { loaded.entities[$0] }, credentials: credential))
                        continue
                    }
                    print("  → unresolved: '\(part)'")
                    for candidate in index.candidates(for: part) {
                        print(String(format: "      candidate %@ (%@) similarity %.3f", candidate.id, candidate.name, candidate.score))
                    }
                }
            }
        }
    }

    private func loadRegistry() throws -> EntityRegistry {
        do {
            return try EntityRegistry.load(path: registry)
        } catch {
            printError(error.description)
            throw ExitCode(ExtractCommand.Status.usage.rawValue)
        }
    }

    /// Why an abbreviation several bodies share stayed unresolved: the bodies, the credentials
    /// each issues, and how to give the evidence that picks one.
    static func explainShared(_ text: String, bodies: [EntityRegistry.Entity], credentials: [String]) -> String {
        var lines = ["  → unresolved: '\(text)' is an abbreviation \(bodies.count) bodies share; it needs evidence of which one is meant:"]
        for body in bodies {
            let issues = body.credentials.isEmpty ? "" : "; issues " + body.credentials.joined(separator: ", ")
            lines.append("      \(body.id) (\(body.name))\(issues)")
        }
        if !credentials.isEmpty {
            lines.append("    the credentials given (\(credentials.joined(separator: ", "))) are not issued by exactly one of them")
        }
        if let body = bodies.first(where: { !$0.credentials.isEmpty }), let example = body.credentials.first {
            lines.append("    give the credential the page names with --credential: --credential \(example) '\(text)' resolves to \(body.id)")
        } else {
            lines.append("    give the credential the page names with --credential")
        }
        return lines.joined(separator: "\n")
    }

    static func describe(_ match: EntityIndex.Match) -> String {
        if case .fuzzy(let score) = match { return String(format: "fuzzy match, similarity %.3f", score) }
        return match.name.replacingOccurrences(of: "_", with: " ")
    }
}
