import Testing

/// `extract entities` explains an abbreviation two bodies share instead of scoring it as a
/// failed fuzzy match.
@Suite struct EntitiesExplanationTests {
    static let registry = "Pipelines/registries/certification-bodies.yaml"

    @Test func aSharedAbbreviationNamesBothBodiesAndSuggestsACredential() throws {
        let result = try CLI.run(["entities", "--registry", Self.registry, "AHA"])
        #expect(result.status == 0)
        #expect(result.stdout == """
        'AHA'
          → unresolved: 'AHA' is an abbreviation 2 bodies share; it needs evidence of which one is meant:
              american-heart-association (American Heart Association); issues BLS, ACLS, PALS, PEARS, Heartsaver
              american-hospital-association (American Hospital Association); issues CHFM, CHESP, CMRP, CPHRM, CHHR
            give the credential the page names with --credential: --credential BLS 'AHA' resolves to american-heart-association

        """)
        #expect(!result.stdout.contains("similarity"))
    }

    @Test func theSuggestedCredentialDoesResolveIt() throws {
        let result = try CLI.run(["entities", "--registry", Self.registry, "--credential", "BLS", "AHA"])
        #expect(result.stdout == "'AHA'\n  → american-heart-association (American Heart Association, organization) by credential\n")
    }

    @Test func credentialsThatPickNeitherBodyAreSaidToPickNone() throws {
        let result = try CLI.run(["entities", "--registry", Self.registry, "--credential", "CMA", "AHA"])
        #expect(result.stdout.contains("'AHA' is an abbreviation 2 bodies share"))
        #expect(result.stdout.contains("the credentials given (CMA) are not issued by exactly one of them"))
    }

    @Test func anAbbreviationOneBodyHasStillResolvesAndAnUnknownTextShowsCandidates() throws {
        let known = try CLI.run(["entities", "--registry", Self.registry, "AAMA"])
        #expect(known.stdout.contains("→ aama (American Association of Medical Assistants, organization) by abbreviation"))
        let unknown = try CLI.run(["entities", "--registry", Self.registry, "Amercian Heart Association Inc"])
        #expect(!unknown.stdout.contains("bodies share"))
    }
}
