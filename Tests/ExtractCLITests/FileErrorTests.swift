import Foundation
import Testing

/// A pipeline, registry or list that cannot be read is reported with the reason, and with no
/// made-up line and column.
@Suite struct FileErrorTests {
    @Test func aMissingPipelineSaysNoSuchFile() throws {
        for arguments in [["-p", "Pipelines/carrer.yaml", "Fixtures/career/pages"], ["validate", "Pipelines/carrer.yaml"]] {
            let result = try CLI.run(arguments)
            #expect(result.status == 2)
            #expect(result.stderr == "Pipelines/carrer.yaml: error: cannot read the pipeline file: no such file\n")
        }
    }

    @Test func aDirectoryGivenAsThePipelineSaysItIsADirectory() throws {
        let result = try CLI.run(["validate", "Pipelines"])
        #expect(result.status == 2)
        #expect(result.stderr == "Pipelines: error: cannot read the pipeline file: is a directory\n")
        #expect(!result.stderr.contains(":1:1"))
    }

    @Test func aBrokenLinkAsThePipelineSaysSo() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let link = directory.appendingPathComponent("pipeline.yaml").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: directory.appendingPathComponent("gone.yaml").path)
        let result = try CLI.run(["validate", link])
        #expect(result.stderr == "\(link): error: cannot read the pipeline file: is a broken symbolic link\n")
    }

    @Test func entitiesSpeaksOfTheRegistryNotOfAPipelineFile() throws {
        let missing = try CLI.run(["entities", "--registry", "Pipelines/registries/nope.yaml", "AHA"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "Pipelines/registries/nope.yaml: error: cannot read the registry: no such file\n")
        let directory = try CLI.run(["entities", "--registry", "Pipelines/registries", "AHA"])
        #expect(directory.stderr == "Pipelines/registries: error: cannot read the registry: is a directory\n")
    }

    @Test func aMistakeInARegistryReadOnItsOwnIsCountedInTheRegistry() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let registry = directory.appendingPathComponent("bodies.yaml")
        try "version: 1\nentities:\n  - id: aama\n    nme: AAMA\n".write(to: registry, atomically: true, encoding: .utf8)
        let result = try CLI.run(["entities", "--registry", registry.path, "AAMA"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("\(registry.path):4:5: error: "))
        #expect(result.stderr.hasSuffix("\n2 errors in registry\n") || result.stderr.hasSuffix("\n1 error in registry\n"))
        #expect(!result.stderr.contains("pipeline file"))
    }

    @Test func aRegistryAPipelineNamesThatIsMissingIsReportedAtTheOptionWithTheReason() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let pipeline = directory.appendingPathComponent("p.yaml")
        try """
        stages:
          - stage: fields
            fields:
              issuer: { pattern: '^Issuer: (?<value>.+)$' }
          - stage: resolve
            registry: bodies.yaml
            targets: [{ field: issuer }]
        """.write(to: pipeline, atomically: true, encoding: .utf8)
        let result = try CLI.run(["validate", pipeline.path])
        #expect(result.status == 2)
        let bodies = directory.appendingPathComponent("bodies.yaml").path
        #expect(result.stderr.hasPrefix("\(pipeline.path):6:15: error: cannot read registry file '\(bodies)': no such file\n"))
    }

    @Test func aMissingMentionsFileSaysNoSuchFile() throws {
        let result = try CLI.run(["entities", "--registry", "Pipelines/registries/certification-bodies.yaml", "--mentions", "Fixtures/entities/nope.yaml"])
        #expect(result.status == 2)
        #expect(result.stderr == "extract: cannot read the mentions file 'Fixtures/entities/nope.yaml': no such file\n")
    }

    @Test func aListOfPathsThatIsADirectorySaysSo() throws {
        let result = try CLI.run(["-p", "Pipelines/career.yaml", "--paths-from", "Fixtures"])
        #expect(result.status == 2)
        #expect(result.stderr == "extract: cannot read the list of paths 'Fixtures': is a directory\n")
    }
}
