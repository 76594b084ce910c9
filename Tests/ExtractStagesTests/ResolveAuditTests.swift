import ExtractCore
import ExtractStages
import ExtractTestSupport
import Foundation
import Testing

/// `audit: true` makes every resolved entity say how it matched, so a reviewer can check it.
@Suite struct ResolveAuditTests {
    static let root = repositoryRoot

    private func issuers(_ line: String, audit: Bool) throws -> [Value] {
        let yaml = """
        stages:
          - stage: fields
            fields:
              certifications:
                each: '^• (?<name>.+?) - (?<issuer>.+)$'
                value: { name: name, abbreviations: name | abbreviations, issuers: issuer }
          - stage: resolve
            registry: registries/certification-bodies.yaml
            audit: \(audit)
            targets:
              - { field: certifications, key: issuers, split: true, credentials: abbreviations }
        """
        let pipeline = try buildPipeline(yaml, baseDirectory: Self.root.appendingPathComponent("Pipelines").path)
        var worker = pipeline.makeWorker()
        let item = worker.process(Document(source: "t", bytes: Array("• \(line)\n".utf8)))
        let field = try #require(pipeline.schema.field(named: "certifications"))
        guard case .list(let certifications)? = item.record[field.id], case .list(let issuers)? = certifications.first?["issuers"] else {
            Issue.record("no issuers")
            return []
        }
        return issuers
    }

    @Test func auditRecordsHowEachEntityMatched() throws {
        let issuers = try issuers("Certified Case Manager (CCM) - Comission for Case Manger Certification or AAPC or Basic Life Support (BLS) - AHA", audit: true)
        #expect(issuers.first?["id"] == "ccmc")
        #expect(issuers.first?["match"] == "fuzzy")
        if case .decimal(let score)? = issuers.first?["score"] { #expect(score >= 0.9 && score < 1) } else { Issue.record("no fuzzy score") }
        #expect(issuers.dropFirst().first?["match"] == "name")
        #expect(issuers.dropFirst().first?["score"] == .null)
    }

    @Test func credentialEvidenceIsNamedInTheAudit() throws {
        let issuers = try issuers("Basic Life Support (BLS) - AHA", audit: true)
        #expect(issuers.count == 1)
        #expect(issuers.first?["id"] == "american-heart-association")
        #expect(issuers.first?["match"] == "credential")
    }

    @Test func withoutAuditEntitiesKeepTheFourContractKeys() throws {
        let issuers = try issuers("Certified Case Manager (CCM) - CCMC", audit: false)
        guard case .object(let members)? = issuers.first else {
            Issue.record("not an object")
            return
        }
        #expect(members.map(\.key) == ["id", "name", "abbreviation", "kind"])
    }
}
