import ArgumentParser
import ExtractCore
import ExtractStages
import Foundation

/// `extract validate PIPELINE`: checks a pipeline file without reading any input.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a pipeline file and print the record it produces.",
        discussion: """
        Every mistake is reported as file:line:column with the offending text and
        what was expected; the exit status is 2 if there is any, 0 otherwise.

        Example:
          extract validate Pipelines/career.yaml
        """
    )

    @Argument(help: "The pipeline file.", completion: .yamlFile)
    var pipeline: String

    func run() throws {
        let built = try buildPipeline(pipeline)
        var lines = ["\(pipeline): ok: \(built.stages.count) stages, \(built.schema.output.count) output fields"]
        lines.append("record (? marks a value that may be null):")
        for field in built.schema.outputFields {
            lines.append("  \(field.name): \(field.shape.describe(nullable: field.nullable))")
        }
        lines.append("  diagnostics: [{stage: text, field: text?, code: text, message: text, span: [integer]}] (span: where the page shows it)")
        print(lines.joined(separator: "\n"))
    }
}
