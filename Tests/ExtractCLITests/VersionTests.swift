import ExtractCore
import Testing

/// `extract --version` prints the one version string the code defines.
@Suite struct VersionTests {
    @Test func versionPrintsTheVersionTheCodeDefines() throws {
        let result = try CLI.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout == ExtractVersion.string + "\n")
        let parts = ExtractVersion.string.split(separator: ".")
        #expect(parts.count == 3 && parts.allSatisfy { Int($0) != nil }, "not major.minor.patch: \(ExtractVersion.string)")
    }

    @Test func helpListsTheVersionOption() throws {
        #expect(try CLI.run(["--help"]).stdout.contains("--version"))
    }
}
