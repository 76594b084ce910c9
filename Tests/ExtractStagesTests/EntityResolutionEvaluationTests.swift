import ExtractCore
import ExtractStages
import ExtractTestSupport
import Foundation
import Testing

/// The shipped certification-body registry against the labelled mentions in
/// Fixtures/entities/mentions.yaml: a wrong match poisons analysts' counts, so precision must
/// be perfect; recall may miss a little.
@Suite struct EntityResolutionEvaluationTests {
    static let root = repositoryRoot
    static let registryPath = root.appendingPathComponent("Pipelines/registries/certification-bodies.yaml").path
    static let mentionsPath = root.appendingPathComponent("Fixtures/entities/mentions.yaml").path

    private func evaluate() throws -> (MentionEvaluation, [MentionEvaluation.Mention]) {
        let index = EntityIndex(registry: try EntityRegistry.load(path: Self.registryPath))
        let mentions = try MentionEvaluation.load(path: Self.mentionsPath)
        return (MentionEvaluation.evaluate(mentions, index: index), mentions)
    }

    @Test func labelledSetIsLargeAndVaried() throws {
        let (_, mentions) = try evaluate()
        #expect(mentions.count >= 200)
        #expect(mentions.filter(\.unresolved).count >= 30)
        #expect(mentions.contains { $0.role == .citation })
        #expect(mentions.contains { $0.expected.count > 1 })
    }

    @Test func precisionIsPerfectAndRecallAtLeast97Percent() throws {
        let (result, _) = try evaluate()
        #expect(result.precision == 1.0, "wrong matches: \(result.misses.filter { miss in miss.produced.contains { !miss.mention.expected.contains($0) } })")
        #expect(result.recall >= 0.97, "misses: \(result.misses)")
    }

    @Test func everyUnknownBodyStaysUnresolved() throws {
        let (result, _) = try evaluate()
        #expect(result.unknownLeftUnresolved == result.unknownMentions)
    }

    @Test func unknownNamesAreLeftUnresolvedExactlyAsLabelled() throws {
        let (result, _) = try evaluate()
        #expect(result.unresolvedNamesExpected >= 6)
        #expect(result.unresolvedNamesCorrect == result.unresolvedNamesExpected, "misses: \(result.misses)")
    }

    @Test func aCertificationsNameIsEvidenceForASharedAbbreviation() throws {
        let index = EntityIndex(registry: try EntityRegistry.load(path: Self.registryPath))
        guard case .entity(let heart, .credential)? = index.resolve("AHA", credentials: ["CPR/BLS certification"]).first else {
            Issue.record("AHA for CPR/BLS certification did not resolve by credential evidence")
            return
        }
        #expect(index.registry.entities[heart].id == "american-heart-association")
        #expect(index.resolve("AHA", credentials: ["CPR certification"]) == [.unresolved("AHA")])
    }

    @Test func everyGenericBodyIsRecognisedAsGeneric() throws {
        let (result, _) = try evaluate()
        #expect(result.genericExpected > 0)
        #expect(result.genericCorrect == result.genericExpected)
    }

    @Test func registryHoldsTheRequiredBodiesWithUniqueIds() throws {
        let registry = try EntityRegistry.load(path: Self.registryPath)
        let ids = registry.entities.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(registry.entities.filter { $0.kind == "organization" }.count >= 100)
        for required in ["ccmc", "ahima", "nahq", "pahcom", "acma", "bls", "aama", "nha", "amt", "aapc", "nccpa", "ancc",
                         "aanpcb", "nbcot", "ptcb", "nbrc", "arrt", "ardms", "danb", "nremt", "cdr", "nbstsa", "ascp-boc",
                         "ncct", "amca", "cbic", "ncsbn", "nccaom", "nbcc", "aswb", "nasw", "ache", "himss", "oncc", "bacb",
                         "ahdi", "hpcc", "nab", "nsca", "cms", "state-licensing-board", "state-board-of-nursing",
                         "state-board-of-pharmacy", "state-health-department", "community-college", "employer",
                         "accredited-training-program"] {
            #expect(ids.contains(required), "missing \(required)")
        }
    }

    @Test func sharedAbbreviationResolvesOnlyWithEvidence() throws {
        let index = EntityIndex(registry: try EntityRegistry.load(path: Self.registryPath))
        #expect(index.resolve("AHA") == [.unresolved("AHA")])
        guard case .entity(let heart, .credential)? = index.resolve("AHA", credentials: ["BLS"]).first else {
            Issue.record("AHA with credential BLS did not resolve by credential evidence")
            return
        }
        #expect(index.registry.entities[heart].id == "american-heart-association")
        // BLS as a citation is the Bureau of Labor Statistics; as an issuer alone it is a credential, not a body.
        guard case .entity(let bureau, _)? = index.resolve("BLS", role: .citation).first else {
            Issue.record("BLS as a citation did not resolve")
            return
        }
        #expect(index.registry.entities[bureau].id == "bls")
        #expect(index.resolve("BLS", role: .issuer) == [.unresolved("BLS")])
    }

    @Test func namesContainingAndAreNotSplit() throws {
        let index = EntityIndex(registry: try EntityRegistry.load(path: Self.registryPath))
        for name in ["National Board of Surgical Technology and Surgical Assisting",
                     "Certification Board of Infection Control and Epidemiology",
                     "Healthcare Information and Management Systems Society"] {
            let resolved = index.resolve(name)
            #expect(resolved.count == 1, "\(name) gave \(resolved)")
            if case .entity(_, let match)? = resolved.first { #expect(match == .name) } else { Issue.record("\(name) unresolved") }
        }
    }
}
