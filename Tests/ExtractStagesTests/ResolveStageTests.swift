import ExtractCore
import ExtractStages
import ExtractTestSupport
import Foundation
import Testing

/// The entity object the resolve stage writes.
private func entity(_ id: String, _ name: String, _ abbreviation: Value, kind: String = "organization") -> Value {
    .object([.init("id", .string(id)), .init("name", .string(name)), .init("abbreviation", abbreviation), .init("kind", .string(kind))])
}

private let aama = entity("aama", "American Association of Medical Assistants", "AAMA")
private let amt = entity("amt", "American Medical Technologists", "AMT")
private let nha = entity("nha", "National Healthcareer Association", "NHA")
private let ccmc = entity("ccmc", "Commission for Case Manager Certification", "CCMC")
private let cms = entity("cms", "Centers for Medicare and Medicaid Services", "CMS")
private let heart = entity("american-heart-association", "American Heart Association", "AHA")
private let hospital = entity("american-hospital-association", "American Hospital Association", "AHA")
private let stateBoard = entity("state-licensing-board", "State licensing board", nil, kind: "generic")

private func unresolved(_ text: String) -> Value {
    .object([.init("id", nil), .init("name", .string(text)), .init("abbreviation", nil), .init("kind", "unresolved")])
}

@Suite("Resolve stage")
struct ResolveStageTests {
    static let registry = """
    version: 1
    entities:
      - id: aama
        name: "American Association of Medical Assistants"
        abbreviations: ["AAMA"]
        credentials: ["CMA"]
      - id: amt
        name: "American Medical Technologists"
        abbreviations: ["AMT"]
        credentials: ["RMA"]
      - id: nha
        name: "National Healthcareer Association"
        abbreviations: ["NHA"]
        credentials: ["CCMA"]
      - id: ccmc
        name: "Commission for Case Manager Certification"
        abbreviations: ["CCMC"]
        credentials: ["CCM"]
      - id: cms
        name: "Centers for Medicare and Medicaid Services"
        abbreviations: ["CMS"]
      - id: american-heart-association
        name: "American Heart Association"
        abbreviations: ["AHA"]
        credentials: ["BLS", "ACLS"]
      - id: american-hospital-association
        name: "American Hospital Association"
        abbreviations: ["AHA"]
        credentials: []
      - id: state-licensing-board
        name: "State licensing board"
        kind: generic
    ambiguous_abbreviations:
      AHA: [american-heart-association, american-hospital-association]
    """

    /// One mention per line; `issuers` resolved with `split: true`, `issuer` as a single entity.
    static let yaml = #"""
    stages:
      - stage: fields
        fields:
          certifications:
            each: '^(?<name>.+?) - (?<issuer>.+)$'
            value: { name: name, abbreviations: name | abbreviations, issuers: issuer, issuer: issuer }
      - stage: resolve
        registry: registry.yaml
        targets:
          - field: certifications
            key: issuers
            split: true
            credentials: abbreviations
          - field: certifications
            key: issuer
    """#

    /// As ``yaml``, with the certification's name also read for credentials.
    static let yamlWithNameEvidence = yaml.replacingOccurrences(of: "credentials: abbreviations", with: "credentials: [abbreviations, name]")

    /// Resolves `line` (`Certification name - issuer text`) and returns the certification object.
    static func certification(_ line: String, yaml: String = yaml) throws -> (object: Value, page: ProcessedPage) {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("registry.yaml", registry)
        let page = try process(line, yaml: yaml, baseDirectory: directory.path)
        guard case .list(let items)? = page["certifications"], items.count == 1 else {
            Issue.record("no certification read from \(line.debugDescription): \(String(describing: page["certifications"]))")
            return (.null, page)
        }
        return (items[0], page)
    }

    /// The entities the issuer text of `line` names.
    static func issuers(_ line: String, yaml: String = yaml) throws -> Value? { try certification(line, yaml: yaml).object["issuers"] }

    @Test(arguments: [
        ("American Association of Medical Assistants", aama),
        ("american association of medical assistants", aama),
        ("AMERICAN ASSOCIATION OF MEDICAL ASSISTANTS", aama),
        ("The Amer. Assn. of Medical Assistants", aama),
        ("Centers for Medicare & Medicaid Services", cms),
        ("AAMA", aama),
        ("American Medical Technologists (AMT)", amt),
        ("Commission for Case Manager Certfication", ccmc),
        ("Comission for Case Manager Certification", ccmc),
        ("State licensing boards", stateBoard),
        ("Commission for Case Manager Certification ↗", ccmc),
    ] as [(String, Value)])
    func oneBodyResolvesToItsCanonicalEntity(mention: String, expected: Value) throws {
        let (object, page) = try Self.certification("Certification - " + mention)
        #expect(object["issuers"] == [expected])
        #expect(object["issuer"] == expected)
        #expect(!page.diagnosticCodes.contains("resolve.unresolved"))
    }

    @Test func aGenericBodyHasKindGenericAndNoAbbreviation() throws {
        let found = try Self.issuers("License - State licensing boards")
        guard case .list(let list)? = found, let first = list.first else {
            Issue.record("no issuers")
            return
        }
        #expect(first["kind"] == "generic")
        #expect(first["abbreviation"] == .null)
        #expect(first["id"] == "state-licensing-board")
    }

    @Test(arguments: [
        ("AAMA or AMT", [aama, amt]),
        ("AAMA, AMT and NHA", [aama, amt, nha]),
        ("AAMA / NHA", [aama, nha]),
        ("American Medical Technologists or National Healthcareer Association", [amt, nha]),
        ("Centers for Medicare and Medicaid Services and AAMA", [cms, aama]),
    ] as [(String, [Value])])
    func aMentionNamingSeveralBodiesGivesOneEntityEach(mention: String, expected: [Value]) throws {
        let (object, page) = try Self.certification("Certification - " + mention)
        #expect(object["issuers"] == .list(expected))
        // Where one entity was expected, several are not picked from: the text is kept, unresolved.
        #expect(object["issuer"] == unresolved(mention))
        #expect(page.diagnosticCodes.contains("resolve.several"))
    }

    @Test func aNameContainingAndIsNotSplit() throws {
        let (object, page) = try Self.certification("Certification - Centers for Medicare and Medicaid Services")
        #expect(object["issuers"] == [cms])
        #expect(page.diagnosticCodes.isEmpty)
    }

    @Test func unknownTextIsKeptUnresolvedWithADiagnostic() throws {
        let (object, page) = try Self.certification("Certification - Galactic Federation of Healers")
        #expect(object["issuers"] == [unresolved("Galactic Federation of Healers")])
        #expect(object["issuer"] == unresolved("Galactic Federation of Healers"))
        let diagnostics = page.item.record.diagnostics.filter { $0.code == "resolve.unresolved" }
        #expect(diagnostics.count == 2)  // once per target
        #expect(diagnostics.allSatisfy { $0.field == "certifications" && $0.message.contains("Galactic Federation of Healers") })
    }

    @Test func oneUnknownBodyInAListDoesNotSpoilTheOthers() throws {
        let found = try Self.issuers("Certification - AAMA or Galactic Federation of Healers")
        #expect(found == [aama, unresolved("Galactic Federation of Healers")])
    }

    @Test func aSharedAbbreviationResolvesOnlyWithACredentialAsEvidence() throws {
        #expect(try Self.issuers("Basic Life Support (BLS) - AHA") == [heart])
        #expect(try Self.issuers("Advanced Cardiac Life Support (ACLS) - AHA") == [heart])
        // No credential, or one neither candidate issues: no guess.
        #expect(try Self.issuers("Heart course - AHA") == [unresolved("AHA")])
        #expect(try Self.issuers("Certified Medical Assistant (CMA) - AHA") == [unresolved("AHA")])
        // The full names are never ambiguous.
        #expect(try Self.issuers("Leadership - American Hospital Association") == [hospital])
    }

    @Test func credentialsInTheCertificationsNameCountLikeThoseInParentheses() throws {
        #expect(try Self.issuers("CPR/BLS certification - AHA", yaml: Self.yamlWithNameEvidence) == [heart])
        #expect(try Self.issuers("BLS, ACLS - AHA or AAMA", yaml: Self.yamlWithNameEvidence) == [heart, aama])
        // Only when the pipeline names the key: the abbreviations alone hold none here.
        #expect(try Self.issuers("CPR/BLS certification - AHA") == [unresolved("AHA")])
        // Words of the name that are no credential are no evidence.
        #expect(try Self.issuers("CPR certification - AHA", yaml: Self.yamlWithNameEvidence) == [unresolved("AHA")])
        #expect(try Self.issuers("Bls refresher - AHA", yaml: Self.yamlWithNameEvidence) == [unresolved("AHA")])
    }

    @Test func anUnknownNameContainingAndIsOneUnresolvedBody() throws {
        let (object, page) = try Self.certification("Certificate - Association for Wellness and Holistic Practice")
        #expect(object["issuers"] == [unresolved("Association for Wellness and Holistic Practice")])
        #expect(object["issuer"] == unresolved("Association for Wellness and Holistic Practice"))
        #expect(!page.diagnosticCodes.contains("resolve.several"))
    }

    @Test func aNameIsSplitWhereAPartNamesAKnownBody() throws {
        #expect(try Self.issuers("Certificate - AAMA and Association for Wellness") == [aama, unresolved("Association for Wellness")])
        #expect(try Self.issuers("Certificate - Association for Wellness and AMT") == [unresolved("Association for Wellness"), amt])
    }

    @Test func aMissingRegistryIsABuildErrorAtTheRegistryOption() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let error = try #require(pipelineError(Self.yaml, baseDirectory: directory.path))
        #expect(error.issues.count == 1)
        #expect(error.issues.first?.location.line == 8)
        #expect(error.issues.first?.message.contains("cannot read registry file") == true)
    }

    @Test func aMistakeInTheRegistryIsReportedAtItsOwnLineAndColumn() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write("registry.yaml", """
        version: 1
        entities:
          - id: aama
            name: "American Association of Medical Assistants"
            abbrevations: ["AAMA"]
        """)
        let error = try #require(pipelineError(Self.yaml, baseDirectory: directory.path))
        let issue = try #require(error.issues.first)
        #expect(issue.location == ExtractCore.SourceLocation(file: path, line: 5, column: 5))
        #expect(issue.message.contains("did you mean 'abbreviations'?"))
    }
}

/// Another package's stage: writes `certifications` as a `Value` tree, the way stages outside
/// the project hold values.
private struct TreeCertificationsStage: Stage {
    static let description = StageDescription(
        kind: "tree_certifications", summary: "Writes two certifications as a Value tree.", options: [], example: "")

    let field: FieldID

    init(options: ConfigNode.Options, context: BuildContext) throws {
        let shape = Shape.list(.object([.init("name", .scalar), .init("issuers", .scalar), .init("months", .scalar)]))
        field = context.provideField("certifications", shape: shape, at: options.node)
    }

    func makeWorker(_ resources: WorkerResources) -> Worker { Worker(field: field) }

    struct Worker: StageWorker {
        let field: FieldID
        mutating func process(_ item: inout WorkItem) {
            item.record[field] = [
                .object([.init("name", "CMA"), .init("issuers", "AAMA"), .init("months", 6)]),
                .object([.init("name", "RMA"), .init("issuers", "American Medical Technologists"), .init("months", 1.5)]),
            ]
        }
    }
}

@Suite struct StagesOnValuesFromOtherPackagesTests {
    @Test func valuesSetAsTreesAreResolvedCountedAndSummedLikeTheBuiltInStagesOwn() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("registry.yaml", ResolveStageTests.registry)
        let yaml = """
        stages:
          - stage: tree_certifications
          - stage: derive
            fields:
              count_of_tree: { count: certifications }
              months_of_tree: { sum: certifications, key: months }
          - stage: resolve
            registry: registry.yaml
            targets:
              - field: certifications
                key: issuers
                split: true
          - stage: derive
            fields:
              count: { count: certifications }
              months: { sum: certifications, key: months }
        """
        let registry = StageRegistry.builtIn.adding(TreeCertificationsStage.self)
        let pipeline = try PipelineBuilder(registry: registry).build(text: yaml, file: "p.yaml", baseDirectory: directory.path)
        let page = process("any page", with: pipeline)
        #expect(page["certifications"] == [
            .object([.init("name", "CMA"), .init("issuers", [aama]), .init("months", 6)]),
            .object([.init("name", "RMA"), .init("issuers", [amt]), .init("months", 1.5)]),
        ])
        #expect(page["count"] == 2)
        #expect(page["months"] == 7.5)
        #expect(page["count_of_tree"] == 2)
        #expect(page["months_of_tree"] == 7.5)
    }
}
