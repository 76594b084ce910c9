import ArgumentParser
import ExtractCore
import ExtractEmitters
import Foundation

/// `extract run` (the default): runs a pipeline over files, directories, JSON Lines or stdin.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a pipeline over pages and write records (the default subcommand).",
        discussion: """
        PATH is a file, a directory (walked recursively, in sorted order) or - for standard input.
        Files ending in .jsonl or .ndjson are read as JSON Lines, one page per line
        ({"id": …, "text": …}; see --id-field and --text-field). Pages are UTF-8 text, or HTML
        in any charset when the pipeline starts with the html stage (see `extract stages html`).

        Output goes to standard output (JSON Lines unless --format says otherwise) or to -o FILE,
        whose extension picks the format (.json .jsonl .ndjson .csv .yaml .yml). A file is written
        to a temporary name and renamed when the run ends, so nothing half-written is left; an
        output that is one of the inputs (or a page of an input directory) is refused.

        Examples:
          extract --pipeline Pipelines/career.yaml Fixtures/career/pages -o careers.jsonl
          extract run -p Pipelines/career.yaml page.txt --format yaml
          extract -p Pipelines/career.yaml corpus.jsonl --jobs 2 -o careers.csv
        """
    )

    @Option(name: [.short, .long], help: "The pipeline file (YAML).")
    var pipeline: String

    @Argument(help: "Input files, directories, or - for standard input.")
    var paths: [String]

    @Option(name: [.short, .long], help: "Write records to this file instead of standard output.")
    var output: String?

    @Option(help: "Output format: json, jsonl, csv or yaml (default: from -o's extension, else jsonl).")
    var format: String?

    @Option(help: "Worker threads, 1 to 1024 (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "How to read input files: auto (JSON Lines by extension), text, or jsonl.")
    var inputFormat: String = "auto"

    @Option(help: "JSON Lines: the field holding the document id.")
    var idField: String = "id"

    @Option(help: "JSON Lines: the field holding the page text.")
    var textField: String = "text"

    @Option(help: "Reject documents larger than this many bytes: a file, standard input, or a JSON Lines line, none read whole.")
    var maxDocumentBytes: Int = 16 << 20

    @Flag(help: "Include each field's source byte span (_spans) in the output.")
    var withSpans = false

    @Option(help: "Also write each document that gave no record to this file, as JSON Lines {source, code, message}.")
    var rejects: String?

    @Flag(name: [.short, .long], help: "No progress and no summary on stderr (failures are still reported).")
    var quiet = false

    /// The most workers `--jobs` may ask for.
    static let maxJobs = 1024

    func validate() throws {
        // Each worker has scratch of its own; more workers than cores only wait for one.
        guard (1...Self.maxJobs).contains(jobs) else { throw ValidationError("--jobs must be between 1 and \(Self.maxJobs)") }
        guard maxDocumentBytes >= 1 else { throw ValidationError("--max-document-bytes must be at least 1") }
        guard InputFormat(rawValue: inputFormat) != nil else {
            throw ValidationError("--input-format must be one of: auto, text, jsonl")
        }
        if let format, EmitterRegistry.builtIn.emitter(format: format) == nil {
            throw ValidationError("unknown format '\(format)'; expected one of: \(EmitterRegistry.builtIn.formats.joined(separator: ", "))")
        }
    }

    func run() throws {
        let pipeline = try buildPipeline(self.pipeline)
        let emitterType = try chooseEmitter()
        let emitter = emitterType.init(schema: pipeline.schema, options: EmitterOptions(includeSpans: withSpans))

        var settings = PathSource.Settings()
        settings.format = InputFormat(rawValue: inputFormat) ?? .auto
        settings.idField = idField
        settings.textField = textField
        settings.maxDocumentBytes = maxDocumentBytes
        var source = PathSource(paths: paths, settings: settings)

        for destination in [output, rejects].compactMap({ $0 }) {
            if let problem = OutputConflict.problem(writing: destination, inputs: paths) {
                printError("extract: \(problem); writing there would replace it: choose another output path")
                throw ExitCode(ExtractCommand.Status.usage.rawValue)
            }
        }
        if let output, let rejects, OutputConflict.sameFile(output, rejects) {
            printError("extract: --rejects '\(rejects)' is the output file too; the one written last would replace the other: choose another path")
            throw ExitCode(ExtractCommand.Status.usage.rawValue)
        }
        let file: OutputFile
        let rejectsFile: OutputFile?
        do {
            file = try output.map { try OutputFile(path: $0) } ?? OutputFile()
            rejectsFile = try rejects.map { try OutputFile(path: $0) }
        } catch {
            printError("extract: \(error)")
            throw ExitCode(ExtractCommand.Status.usage.rawValue)
        }
        let outputs = [file] + (rejectsFile.map { [$0] } ?? [])
        Interruption.install(removing: outputs.compactMap(\.pendingPath))

        let progress = Progress(enabled: !quiet && isatty(STDERR_FILENO) != 0)
        var runner = Runner(pipeline: pipeline, emitter: emitter, jobs: jobs)
        runner.recordsSpans = withSpans
        var rejectsError: (any Error)?
        runner.onFailure = { source, rejection in
            progress.clearLine()
            printError("extract: \(source): \(rejection.message) [\(rejection.code)]")
            guard let rejectsFile else { return }
            let line = JSONWriter.compact(.object([.init("source", .string(source)), .init("code", .string(rejection.code)),
                                                   .init("message", .string(rejection.message))])) + "\n"
            do { try rejectsFile.write(Array(line.utf8)) } catch { rejectsError = error }
        }
        runner.onProgress = { progress.update($0) }
        runner.shouldStop = { Interruption.requested }

        let summary: RunSummary
        do {
            summary = try runner.run(source: &source, output: file)
            if let rejectsError { throw rejectsError }
            if Interruption.requested {
                outputs.forEach { $0.discard() }
            } else {
                for output in outputs { try output.commit() }
            }
        } catch {
            // Only writing fails here (the output or the rejects file): documents that fail are
            // counted, not thrown.
            outputs.forEach { $0.discard() }
            progress.clearLine()
            printError("extract: \(error)")
            throw ExitCode(ExtractCommand.Status.outputFailed.rawValue)
        }
        progress.clearLine()
        if !quiet { printError(Progress.summaryLine(summary, output: output, interrupted: Interruption.requested)) }
        if Interruption.requested { throw ExitCode(ExtractCommand.Status.interrupted.rawValue) }
        if summary.failed > 0 { throw ExitCode(ExtractCommand.Status.someFailed.rawValue) }
    }

    private func chooseEmitter() throws -> any Emitter.Type {
        let registry = EmitterRegistry.builtIn
        if let format, let emitter = registry.emitter(format: format) { return emitter }
        guard let output else { return JSONLinesEmitter.self }
        let ext = (output as NSString).pathExtension
        guard let emitter = registry.emitter(forExtension: ext) else {
            printError("extract: cannot tell the format from '\(output)'; use --format (\(registry.formats.joined(separator: ", ")))")
            throw ExitCode(ExtractCommand.Status.usage.rawValue)
        }
        return emitter
    }
}
