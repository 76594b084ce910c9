import ArgumentParser
import ExtractCore
import Foundation

/// `extract eval`: runs a pipeline over pages and compares each record with its expected record.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure a pipeline against expected records, field by field.",
        usage: "extract eval -p <pipeline> --expected <expected> [<options>] <paths> ...",
        discussion: """
        Each record is compared with the expected record of the same name in
        --expected (page `x.txt` → `x.json`; a JSON Lines id `x` → `x.json`). For
        every field it counts exact, wrong and missing values; list fields are also
        compared item by item (precision and recall), so one missing bullet costs
        one item. Diagnostics are compared by stage, field and code, as a list
        field whose items count in the list precision and recall; a missing
        `diagnostics` counts as [], and a page with none on either side does not
        count it. `source` is not compared.

        Exit status: 0, or 1 when accuracy (exact fields / compared fields) is
        below --min-accuracy or some page has no expected record; 2 for a usage or
        pipeline error; 3 when the --report file cannot be written.

        Examples:
          extract eval --pipeline Pipelines/career.yaml \\
              --expected Fixtures/career/expected Fixtures/career/pages
          extract eval -p Pipelines/career.yaml \\
              --expected Fixtures/career/expected Fixtures/career/pages \\
              --min-accuracy 1 --report eval.json
        """
    )

    @Option(name: [.short, .long], help: "The pipeline file.", completion: .yamlFile)
    var pipeline: String

    @Option(help: "Directory of expected records (<name>.json).", completion: .directory)
    var expected: String

    @Argument(help: "Input files or directories (read as `extract run` reads them).", completion: .file())
    var paths: [String]

    @OptionGroup var input: InputOptions

    @Option(help: "Show the first N wrong or missing values.")
    var show: Int = 10

    @Flag(help: "Show every wrong or missing value.")
    var all = false

    @Option(help: "Exit 1 when accuracy is below this fraction (0...1).")
    var minAccuracy: Double?

    @Option(help: "Write the figures as JSON to this file.", completion: .file())
    var report: String?

    func validate() throws {
        if let minAccuracy, !(0...1).contains(minAccuracy) { throw ValidationError("--min-accuracy must be between 0 and 1") }
    }

    func run() throws {
        let built = try buildPipeline(pipeline)
        var worker = built.makeWorker(inputEncoding: try InputEncoding.option(input.encoding))
        try InputPaths.check(paths)
        var source = input.source(paths)
        var evaluation = EvaluationReport()
        while let entry = source.next() {
            switch entry {
            case .failure(let name, let rejection):
                evaluation.failed.append("\(name): \(rejection.message) [\(rejection.code)]")
            case .skipped:
                continue
            case .document(let document):
                let item = worker.process(document)
                if let rejection = item.rejection {
                    evaluation.failed.append("\(document.source): \(rejection.message) [\(rejection.code)]")
                    continue
                }
                let name = Self.expectedName(for: document.source)
                let path = (expected as NSString).appendingPathComponent(name + ".json")
                guard let data = FileManager.default.contents(atPath: path) else {
                    evaluation.withoutExpected.append(document.source)
                    continue
                }
                let expectedValue: Value
                do { expectedValue = try JSONValueReader.read([UInt8](data)) } catch {
                    printError("extract: \(path): \(error)")
                    throw ExitCode(ExtractCommand.Status.usage.rawValue)
                }
                guard case .object(let members) = expectedValue else {
                    printError("extract: \(path): the expected record is not a JSON object")
                    throw ExitCode(ExtractCommand.Status.usage.rawValue)
                }
                evaluation.add(source: document.source, produced: item.record.outputObject(schema: built.schema), expected: members)
            }
        }
        print(EvaluationTable.render(evaluation, show: all ? Int.max : show))
        if let report {
            do {
                try Data(EvaluationTable.json(evaluation).utf8).write(to: URL(fileURLWithPath: report))
            } catch {
                printError("extract: cannot write report '\(report)': \(error.localizedDescription)")
                throw ExitCode(ExtractCommand.Status.outputFailed.rawValue)
            }
        }
        let belowThreshold = minAccuracy.map { evaluation.accuracy < $0 } ?? false
        if belowThreshold || !evaluation.withoutExpected.isEmpty || !evaluation.failed.isEmpty {
            throw ExitCode(ExtractCommand.Status.someFailed.rawValue)
        }
    }

    /// `dir/x.txt` → `x`; a JSON Lines id stays as it is; `path#3` → `path#3`'s base name.
    static func expectedName(for source: String) -> String {
        let base = (source as NSString).lastPathComponent
        let ext = (base as NSString).pathExtension
        return ["txt", "text", "html", "md"].contains(ext.lowercased()) ? (base as NSString).deletingPathExtension : base
    }
}
