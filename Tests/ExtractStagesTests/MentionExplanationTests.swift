import ExtractCore
import ExtractStages
import ExtractTestSupport
import Foundation
import Testing

/// How a resolve stage explains its mentions (what `extract inspect` shows): each body with how
/// it matched, an unresolved name with the registry names closest to it.
@Suite("Mention explanations")
struct MentionExplanationTests {
    /// The registry of ``ResolveStageTests``, loaded as a file.
    static func index() throws -> EntityIndex {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write("registry.yaml", ResolveStageTests.registry)
        return EntityIndex(registry: try EntityRegistry.load(path: path))
    }

    @Test func eachBodySaysHowItMatched() throws {
        let index = try Self.index()
        #expect(index.explain("American Medical Technologists") == [
            .entity(id: "amt", name: "American Medical Technologists", kind: "organization", match: .name),
        ])
        #expect(index.explain("AAMA or AMT") == [
            .entity(id: "aama", name: "American Association of Medical Assistants", kind: "organization", match: .abbreviation),
            .entity(id: "amt", name: "American Medical Technologists", kind: "organization", match: .abbreviation),
        ])
        #expect(index.explain("AHA", credentials: ["BLS"]) == [
            .entity(id: "american-heart-association", name: "American Heart Association", kind: "organization", match: .credential),
        ])
        guard case .entity(let id, _, _, .fuzzy(let score))? = index.explain("Comission for Case Manager Certification").first else {
            Issue.record("a misspelt name did not match fuzzily")
            return
        }
        #expect(id == "ccmc")
        #expect(score > 0.9 && score < 1)
    }

    @Test func anUnresolvedNameListsTheClosestRegistryNamesBestFirst() throws {
        let index = try Self.index()
        let bodies = index.explain("American Society of Dental Assistants")
        guard case .unresolved(let text, let candidates)? = bodies.first, bodies.count == 1 else {
            Issue.record("expected one unresolved body, got \(bodies)")
            return
        }
        #expect(text == "American Society of Dental Assistants")
        #expect(candidates.first?.id == "aama")
        #expect(candidates.map(\.score) == candidates.map(\.score).sorted(by: >))
        #expect(candidates.allSatisfy { $0.score > 0 && $0.score < 1 })
    }

    @Test func theStageExplainsEveryMentionOfItsTargetsFromTheTextBeforeIt() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("registry.yaml", ResolveStageTests.registry)
        let pipeline = try buildPipeline(ResolveStageTests.yaml, baseDirectory: directory.path)
        guard let resolve = pipeline.stages.last as? ResolveStage else {
            Issue.record("the last stage is not resolve")
            return
        }
        // The page as it reaches the resolve stage: the pipeline without it.
        let before = Pipeline(file: pipeline.file, name: pipeline.name, stages: Array(pipeline.stages.dropLast()), schema: pipeline.schema,
                              sectionNames: pipeline.sectionNames, limits: pipeline.limits)
        let page = process("CMA - AAMA or AMT\nBasic Life Support (BLS) - AHA\nCPR (CPR) - Unknown Heart Board", with: before)
        let explanations = resolve.explain(page.item)
        // Two targets (`issuers` split, `issuer` whole) over three items.
        #expect(explanations.count == 6)
        let first = explanations[0]
        #expect(first.field == "certifications" && first.item == 0 && first.key == "issuers")
        #expect(first.text == "AAMA or AMT")
        #expect(first.bodies.count == 2)
        let heart = explanations[1]
        #expect(heart.credentials == ["BLS"])
        #expect(heart.bodies == [.entity(id: "american-heart-association", name: "American Heart Association", kind: "organization",
                                         match: .credential)])
        guard case .unresolved("Unknown Heart Board", let candidates)? = explanations[2].bodies.first else {
            Issue.record("expected 'Unknown Heart Board' unresolved, got \(explanations[2].bodies)")
            return
        }
        #expect(candidates.map(\.id).contains("american-heart-association"))
        #expect(explanations[3...].map(\.key) == ["issuer", "issuer", "issuer"])
        // After the stage the targets hold entities, with nothing left to explain.
        #expect(resolve.explain(process("CMA - AAMA", with: pipeline).item).isEmpty)
    }
}
