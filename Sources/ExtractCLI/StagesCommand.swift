import ArgumentParser
import ExtractCore
import ExtractEmitters
import ExtractStages

/// `extract stages`: every registered stage with its options and an example, plus value parsers
/// and output formats.
struct StagesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stages",
        abstract: "List the stages a pipeline can use, with their options and an example.",
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
            out.append("  example:")
            out.append(contentsOf: description.example.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 })
            out.append("")
        }
        if kind == nil || kind == "fields" {
            out.append("value parsers (in templates: 'group | parser'; keys of an object parser: 'group | parser.key', 'group | parser.{key, key}'):")
            for parser in ValueParserRegistry.builtIn.parsers {
                let keys = parser.shape.keys.map { " (keys: " + $0.joined(separator: ", ") + ")" } ?? ""
                out.append("  \(parser.name): \(parser.summary)\(keys)")
            }
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
