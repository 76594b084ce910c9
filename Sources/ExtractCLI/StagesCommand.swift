import ArgumentParser
import ExtractCore
import Foundation

/// `extract stages`: every stage of the runtime with its options and an example, plus its value
/// parsers, output formats and input readers.
struct StagesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stages",
        abstract: "List stages, their options and examples; parsers, formats, readers.",
        discussion: """
        Examples:
          extract stages
          extract stages fields
        """
    )

    @Argument(help: "Show only this stage.", completion: .stageKinds)
    var kind: String?

    func validate() throws {
        let stages = CommandRuntime.current.stages
        if let kind, stages.stage(kind: kind) == nil {
            throw ValidationError("unknown stage '\(kind)'; expected one of: \(stages.kinds.joined(separator: ", "))")
        }
    }

    /// Prints the descriptions, each wrapped to the terminal's width (80 columns when standard
    /// output is not a terminal, or `COLUMNS`) with its lines after the first indented under it;
    /// examples are printed as they are, to stay valid YAML.
    func run() {
        let runtime = CommandRuntime.current
        let width = Terminal.columns(of: STDOUT_FILENO)
        var out: [String] = []
        func add(_ text: String, indent: Int) {
            let first = String(repeating: " ", count: indent)
            out += TextWrap.lines(text, width: width, first: first, rest: first + "  ")
        }
        for description in runtime.stages.descriptions where kind == nil || description.kind == kind {
            add("\(description.kind): \(description.summary)", indent: 0)
            out.append("  options:")
            for option in description.options {
                add("\(option.name) (\(option.type)\(option.required ? ", required" : "")): \(option.summary)", indent: 4)
            }
            out.append("  example:")
            out.append(contentsOf: description.example.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 })
            out.append("")
        }
        if kind == nil || kind == "fields" || kind == "derive" {
            add("value parsers (in templates: 'group | parser', and for an object parser's keys "
                + "'group | parser.key' or 'group | parser.{key, key}'; in derive: 'parse: parser'):", indent: 0)
            for parser in runtime.parsers.parsers {
                let keys = parser.shape.keys.map { " (keys: " + $0.joined(separator: ", ") + ")" } ?? ""
                add("\(parser.name): \(parser.summary)\(keys)", indent: 2)
            }
            out.append("")
        }
        if kind == nil {
            out.append("output formats (--format):")
            for emitter in runtime.emitters.emitters {
                add("\(emitter.format) (.\(emitter.fileExtensions.joined(separator: ", ."))): \(emitter.summary)", indent: 2)
            }
            out.append("")
            add("input readers (--input-format; auto picks by the file name's end, else text):", indent: 0)
            for reader in runtime.readers.readers {
                let ends = reader.fileExtensions.isEmpty ? "" : " (.\(reader.fileExtensions.joined(separator: ", .")))"
                add("\(reader.format)\(ends): \(reader.summary)", indent: 2)
            }
        }
        print(out.joined(separator: "\n"))
    }
}
