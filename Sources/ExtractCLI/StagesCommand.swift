import ArgumentParser
import ExtractCore
import ExtractEmitters
import ExtractStages

/// `extract stages`: every registered stage with its options, the diagnostics it gives and an
/// example, plus the input checks' diagnostics, value parsers and output formats.
struct StagesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stages",
        abstract: "List the stages a pipeline can use, with their options, diagnostics and an example.",
        discussion: """
        Examples:
          extract stages
          extract stages fields
        """
    )

    @Argument(help: "Show only this stage.")
    var kind: String?

    func validate() throws {
        if let kind, StageRegistry.builtIn.stage(kind: kind) == nil {
            throw ValidationError("unknown stage '\(kind)'; expected one of: \(StageRegistry.builtIn.kinds.joined(separator: ", "))")
        }
    }

    func run() {
        var out: [String] = []
        for description in StageRegistry.builtIn.descriptions where kind == nil || description.kind == kind {
            out.append("\(description.kind): \(description.summary)")
            out.append("  options:")
            for option in description.options {
                out.append("    \(option.name) (\(option.type)\(option.required ? ", required" : "")): \(option.summary)")
            }
            if !description.codes.isEmpty {
                out.append("  diagnostics:")
                out.append(contentsOf: description.codes.map { "    \($0.code): \($0.meaning)" })
            }
            out.append("  example:")
            out.append(contentsOf: description.example.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 })
            out.append("")
        }
        if kind == nil {
            out.append("diagnostics of the input checks (as a page is read, before the first stage):")
            out.append(contentsOf: InputDiagnostics.codes.map { "  \($0.code): \($0.meaning)" })
            out.append("")
        }
        if kind == nil || kind == "fields" {
            out.append("value parsers (in templates: 'group | parser'):")
            for parser in ValueParserRegistry.builtIn.parsers { out.append("  \(parser.name): \(parser.summary)") }
            out.append("")
        }
        if kind == nil {
            out.append("output formats (--format):")
            for emitter in EmitterRegistry.builtIn.emitters {
                out.append("  \(emitter.format) (.\(emitter.fileExtensions.joined(separator: ", ."))): \(emitter.summary)")
            }
        }
        print(out.joined(separator: "\n"))
    }
}
