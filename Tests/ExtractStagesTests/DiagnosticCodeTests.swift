import ExtractCore
import ExtractStages
import ExtractTestSupport
import Foundation
import Testing

/// Each stage declares the diagnostics it gives; the README's table is the same list.
@Suite struct DiagnosticCodeTests {
    /// Every code a built-in stage or the input checks declare, by code.
    static var declared: [DiagnosticCode] {
        InputDiagnostics.codes + StageRegistry.builtIn.descriptions.flatMap(\.codes)
    }

    @Test func everyStageDeclaresItsCodesUnderItsOwnKindOnceEach() {
        for description in StageRegistry.builtIn.descriptions {
            #expect(description.codes.allSatisfy { $0.stage == description.kind }, "\(description.kind)")
            #expect(Set(description.codes.map(\.name)).count == description.codes.count, "\(description.kind)")
        }
        #expect(InputDiagnostics.codes.allSatisfy { $0.stage == "input" })
        #expect(Self.declared.allSatisfy { $0.code == "\($0.stage).\($0.name)" && !$0.meaning.isEmpty })
    }

    @Test func aDiagnosticTakesItsStageAndCodeFromItsDeclaredCode() {
        let diagnostic = Diagnostic(SegmentStage.Codes.missingSection, message: "section 'x' not found")
        #expect(diagnostic.stage == "segment")
        #expect(diagnostic.code == "segment.missing_section")
    }

    @Test func aFamilyCoversTheCodesItsStageNamesAsItRunsAndNoOthers() {
        let family = ExecStage.Codes.program
        #expect(family.code == "exec.CODE" && family.isFamily)
        let member = Diagnostic(family.member("too_short"), message: "")
        #expect(member.stage == "exec" && member.code == "exec.too_short")
        #expect(family.covers("exec.too_short"))
        #expect(!family.covers("exec.") && !family.covers("execute.x") && !family.covers("fields.not_found"))
        #expect(SegmentStage.Codes.missingSection.covers("segment.missing_section"))
        #expect(!SegmentStage.Codes.missingSection.covers("segment.match_limit"))
    }

    /// The rows of the README's Diagnostics table: code and meaning.
    static func readmeRows() throws -> [(code: String, meaning: String)] {
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "\n### Diagnostics\n").dropFirst().first)
        let body = try #require(section.components(separatedBy: "\n## ").first)
        return body.split(separator: "\n").compactMap { line in
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 4, cells[1].hasPrefix("`"), cells[1].hasSuffix("`") else { return nil }
            return (String(cells[1].dropFirst().dropLast()), cells[2])
        }
    }

    @Test func theREADMEDiagnosticsTableListsEveryDeclaredCodeWithItsMeaning() throws {
        let rows = try Self.readmeRows()
        #expect(rows.map(\.code) == Self.declared.map(\.code))
        for (row, code) in zip(rows, Self.declared) { #expect(row.meaning == code.meaning, "\(code.code)") }
    }
}
