import ArgumentParser
import ExtractCore

/// `extract stages`: every stage of the runtime with its options and an example, plus its value
/// parsers, output formats and input readers.
struct StagesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stages",
        abstract: "List the stages a pipeline can use, with their options and an example; value parsers, output formats and input readers.",
        discussion: """
        Examples:
          extract stages
          extract stages fields
        """
    )

    @Argument(help: "Show only this stage.")
    var kind: String?

    func validate() throws {
        let stages = CommandRuntime.current.stages
        if let kind, stages.stage(kind: kind) == nil {
            throw ValidationError("unknown stage '\(kind)'; expected one of: \(stages.kinds.joined(separator: ", "))")
        }
    }

    func run() {
        let runtime = CommandRuntime.current
        var out: [String] = []
        for description in runtime.stages.descriptions where kind == nil || description.kind == kind {
            out.append("\(description.kind): \(description.summary)")
            out.append("  options:")
            for option in description.options {
                out.append("    \(option.name) (\(option.type)\(option.required ? ", required" : "")): \(option.summary)")
            }
            out.append("  example:")
            out.append(contentsOf: description.example.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 })
            out.append("")
        }
        if kind == nil || kind == "fields" || kind == "derive" {
            out.append("value parsers (in templates: 'group | parser'; in derive: 'parse: parser'):")
            for parser in runtime.parsers.parsers { out.append("  \(parser.name): \(parser.summary)") }
            out.append("")
        }
        if kind == nil {
            out.append("output formats (--format):")
            for emitter in runtime.emitters.emitters {
                out.append("  \(emitter.format) (.\(emitter.fileExtensions.joined(separator: ", ."))): \(emitter.summary)")
            }
            out.append("")
            out.append("input readers (--input-format; auto picks one by the file name's end, else text):")
            for reader in runtime.readers.readers {
                let ends = reader.fileExtensions.isEmpty ? "" : " (.\(reader.fileExtensions.joined(separator: ", .")))"
                out.append("  \(reader.format)\(ends): \(reader.summary)")
            }
        }
        print(out.joined(separator: "\n"))
    }
}
