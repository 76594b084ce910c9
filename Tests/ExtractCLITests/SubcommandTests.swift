import Testing

/// `validate`, `stages` and `--help`.
@Suite struct SubcommandTests {
    @Test func validateReportsTheRecordShape() throws {
        let result = try CLI.run(["validate", "Pipelines/career.yaml"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Pipelines/career.yaml: ok: 8 stages, 18 output fields"))
        #expect(result.stdout.contains("  salary: {min, max, currency, period, text}"))
        #expect(result.stdout.contains("  salary_annual: {min, max}"))
        #expect(result.stdout.contains("  certifications: list of {name, abbreviations, issuer_text, note, issuers}"))
    }

    @Test func stagesListsEveryRegisteredStageWithOptionsAndExample() throws {
        let result = try CLI.run(["stages"])
        #expect(result.status == 0)
        for kind in ["normalize", "segment", "fields", "derive", "resolve"] {
            #expect(result.stdout.contains("\n\(kind): ") || result.stdout.hasPrefix("\(kind): "), "\(kind) missing")
        }
        #expect(result.stdout.contains("  example:\n    - stage: fields"))
        #expect(result.stdout.contains("money: "))
        #expect(result.stdout.contains("output formats"))
        let one = try CLI.run(["stages", "segment"])
        #expect(one.stdout.hasPrefix("segment: "))
        #expect(!one.stdout.contains("normalize: "))
        #expect(try CLI.run(["stages", "nope"]).status == 2)
    }

    @Test func stagesListsTheInputReadersWithTheFileNameEndsThatSelectThem() throws {
        let result = try CLI.run(["stages"])
        #expect(result.stdout.contains("input readers (--input-format; auto picks one by the file name's end, else text):\n  text: "))
        #expect(result.stdout.contains("\n  jsonl (.jsonl, .ndjson): "))
        #expect(result.stdout.contains("\n  warc (.warc, .warc.gz): "))
        let help = try CLI.run(["run", "--help"])
        #expect(help.stdout.contains("--input-format <auto|text|jsonl|warc>"))
        let wrong = try CLI.run(["-p", "Pipelines/career.yaml", "--input-format", "xml", "Fixtures/career/pages"])
        #expect(wrong.status == 2)
        #expect(wrong.stderr.contains("--input-format must be one of: auto, text, jsonl, warc"))
    }

    @Test func entitiesRefusesAnUnknownRoleInsteadOfGuessing() throws {
        let registry = "Pipelines/registries/certification-bodies.yaml"
        let bad = try CLI.run(["entities", "--registry", registry, "--role", "issuers", "AHA"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--role must be issuer or citation, not 'issuers'"))
        #expect(bad.stdout.isEmpty)
        let citation = try CLI.run(["entities", "--registry", registry, "--role", "citation", "Bureau of Labor Statistics"])
        #expect(citation.status == 0)
        #expect(citation.stdout.contains("→ bls"))
    }

    @Test func helpShowsExamplesAndExitStatuses() throws {
        let result = try CLI.run(["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("extract --pipeline Pipelines/career.yaml pages/ -o careers.jsonl"))
        #expect(result.stdout.contains("Exit status"))
        let run = try CLI.run(["run", "--help"])
        #expect(run.stdout.contains("--with-spans"))
        #expect(run.stdout.contains("--jobs"))
    }
}
