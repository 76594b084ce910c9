import ArgumentParser
import ExtractCore
import ExtractEmitters
import ExtractStages
import Foundation

/// `extract stages`: every registered stage with its options and an example, plus value parsers
/// and output formats.
struct StagesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stages",
        abstract: "List the stages a pipeline can use, their options and an example.",
        discussion: """
        Examples:
          extract stages
          extract stages fields
        """
    )

    @Argument(help: "Show only this stage.", completion: .stageKinds)
    var kind: String?

    func validate() throws {
        if let kind, StageRegistry.builtIn.stage(kind: kind) == nil {
            throw ValidationError("unknown stage '\(kind)'; expected one of: \(StageRegistry.builtIn.kinds.joined(separator: ", "))")
        }
    }

    /// Prints the descriptions, each wrapped to the terminal's width (80 columns when standard
    /// output is not a terminal, or `COLUMNS`) with its lines after the first indented under it;
    /// examples are printed as they are, to stay valid YAML.
    func run() {
        let width = Terminal.columns(of: STDOUT_FILENO)
        var out: [String] = []
        func add(_ text: String, indent: Int) {
            let first = String(repeating: " ", count: indent)
            out += TextWrap.lines(text, width: width, first: first, rest: first + "  ")
        }
        for description in StageRegistry.builtIn.descriptions where kind == nil || description.kind == kind {
            add("\(description.kind): \(description.summary)", indent: 0)
            out.append("  options:")
            for option in description.options {
                add("\(option.name) (\(option.type)\(option.required ? ", required" : "")): \(option.summary)", indent: 4)
            }
            out.append("  example:")
            out.append(contentsOf: description.example.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 })
            out.append("")
        }
        if kind == nil || kind == "fields" {
            out.append("value parsers (in templates: 'group | parser'):")
            for parser in ValueParserRegistry.builtIn.parsers { add("\(parser.name): \(parser.summary)", indent: 2) }
            out.append("")
        }
        if kind == nil {
            out.append("output formats (--format):")
            for emitter in EmitterRegistry.builtIn.emitters {
                add("\(emitter.format) (.\(emitter.fileExtensions.joined(separator: ", ."))): \(emitter.summary)", indent: 2)
            }
        }
        print(out.joined(separator: "\n"))
    }
}
