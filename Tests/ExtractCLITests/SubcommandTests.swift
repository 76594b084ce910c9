import Testing

/// `validate`, `stages` and `--help`.
@Suite struct SubcommandTests {
    @Test func validateReportsTheRecordShape() throws {
        let result = try CLI.run(["validate", "Pipelines/career.yaml"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Pipelines/career.yaml: ok: 8 stages, 18 output fields"))
        // Every key a value has, each with its type; `?` where null may stand.
        #expect(result.stdout.contains("\n  salary: {min: number?, max: number?, currency: text?, period: text?, text: text?}\n"))
        #expect(result.stdout.contains("\n  salary_annual: {min: number?, max: number?}\n"))
        #expect(result.stdout.contains("\n  source: text\n"))
        #expect(result.stdout.contains("\n  time_to_start: {months: number?, months_min: number?, months_max: number?, text: text?}\n"))
        #expect(result.stdout.contains("\n  job_growth: {percent: number?, horizon_years: integer?, outlook: text?, text: text?}\n"))
        #expect(result.stdout.contains("\n  work_settings: [text]\n"))
        #expect(result.stdout.contains("\n  certifications: [{name: text?, abbreviations: [text]?, issuer_text: text?, note: text?, "
            + "issuers: [{id: text?, name: text, abbreviation: text?, kind: text}]}]\n"))
        #expect(!result.stdout.contains(": value"))
    }

    @Test func validateReportsAnUnknownKeyOfAParserAtItsColumn() throws {
        let directory = try CLI.temporaryDirectory()
        let pipeline = directory.appendingPathComponent("pay.yaml")
        try """
        stages:
          - stage: fields
            fields:
              pay:
                pattern: '^Pay: (?<text>.+)$'
                value: text | money.mni
        """.write(to: pipeline, atomically: true, encoding: .utf8)
        let result = try CLI.run(["validate", pipeline.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("pay.yaml:6:29: error: 'money' has no key 'mni' (did you mean 'min'?)"))
        #expect(result.stderr.contains("expected one of: min, max, currency, period"))
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

    @Test func stagesListsTheDiagnosticsEachStageGivesWithTheirMeaning() throws {
        let one = try CLI.run(["stages", "segment"])
        #expect(one.stdout.contains("""
              diagnostics:
                segment.missing_section: a section's heading was not found
                segment.match_limit: a heading or boundary pattern hit the PCRE2 limits on
                  this page
              example:
            """))
        #expect(!one.stdout.contains("input.cut_character"))
        let all = try CLI.run(["stages"])
        #expect(all.stdout.contains("""
            diagnostics of the input checks (as a page is read, before the first stage):
              input.cut_character: the page ended inside a UTF-8 character; those bytes were
                dropped
            """))
        #expect(all.stdout.contains("    resolve.unresolved: a name matches no registry entity\n"))
        #expect(all.stdout.contains("    exec.CODE: a diagnostic the `exec` stage's program gave (`CODE` is its own)\n"))
        // normalize gives none: no empty heading.
        let normalize = try CLI.run(["stages", "normalize"])
        #expect(!normalize.stdout.contains("diagnostics:"))
    }

    @Test func stagesListsTheInputReadersWithTheFileNameEndsThatSelectThem() throws {
        let result = try CLI.run(["stages"])
        #expect(result.stdout.contains("input readers (--input-format; auto picks by the file name's end, else text):\n  text: "))
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
