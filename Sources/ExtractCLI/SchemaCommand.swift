import ArgumentParser
import ExtractCore
import ExtractEmitters
import Foundation

/// `extract schema -p PIPELINE`: the JSON Schema of the records a pipeline produces.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema (2020-12) of the records a pipeline produces.",
        discussion: """
        Derived from the pipeline's declared shapes, without reading any page:
        each field's type, whether it may be null, the keys of its objects (all
        required, no others), the items of its lists, and the diagnostics. It
        describes one record as the json, jsonl and yaml formats write it;
        validate records with any JSON Schema validator.

        Examples:
          extract schema -p Pipelines/career.yaml > career-record.schema.json
          extract schema -p Pipelines/career.yaml --with-spans
        """
    )

    @Option(name: [.short, .long], help: "The pipeline file (YAML).", completion: .yamlFile)
    var pipeline: String

    @Flag(help: "Describe records written with --with-spans (with their `_spans`).")
    var withSpans = false

    func run() throws {
        let built = try buildPipeline(pipeline)
        print(JSONWriter.pretty(RecordSchema.jsonSchema(of: built.schema, name: built.name, withSpans: withSpans)))
    }
}
