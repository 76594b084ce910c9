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
        PATH is a file, a directory (walked recursively, in sorted order) or -
        for standard input. Files ending in .jsonl or .ndjson are read as JSON
        Lines, one page per line ({"id": …, "text": …}; see --id-field and
        --text-field). Files ending in .warc or .warc.gz are web archives: each
        2xx HTML or plain-text response (or resource) record is a page named by its
        WARC-Target-URI; other records are skipped and counted. Pages are UTF-8
        text, or HTML in any charset when the pipeline starts with the html
        stage (see `extract stages html`).

        A text page that starts with a UTF-16 byte order mark is read as UTF-16.
        One that is not UTF-8 is read as --encoding says: auto (the default)
        reads it as Windows-1252 (which includes Latin-1) when it looks like
        Western text in it (no control characters, no byte Windows-1252 leaves
        undefined, not mostly valid UTF-8, non-ASCII bytes not in runs of three
        or more as other alphabets and multi-byte encodings have), with an
        input.decoded_cp1252 diagnostic, and rejects it (input.not_utf8)
        otherwise; utf-8 rejects it; cp1252 always reads it as Windows-1252.
        A page that is valid UTF-8 is read as UTF-8 whatever --encoding says.

        Output goes to standard output (JSON Lines unless --format says
        otherwise) or to -o FILE, whose extension picks the format: json,
        jsonl or ndjson, csv, yaml or yml. A file is written to a temporary
        name and renamed when the run ends, so nothing half-written is left; an
        output that is one of the inputs, or lies in an input directory, is
        refused.
        A run in which every document failed leaves an existing output as it was.
        An input path that does not exist, or inputs holding no document at
        all, exit 2 with nothing written.

        On a terminal, stderr shows progress while the run goes (with the share
        read and the time left once the input's size is known) and a summary of
        a few lines at the end; elsewhere the summary is one line. --quiet
        leaves both out.

        Examples:
          extract --pipeline Pipelines/career.yaml Fixtures/career/pages \\
              -o careers.jsonl
          extract run -p Pipelines/career.yaml page.txt --format yaml
          extract -p Pipelines/career.yaml corpus.jsonl --jobs 2 -o careers.csv
          extract -p Pipelines/career.yaml pages/ -o careers.csv \\
              --no-csv-formula-guard --csv-flatten-with _
          extract -p Pipelines/career.yaml crawl/*.warc.gz -o careers.jsonl
          extract -p Pipelines/career.yaml crawl/huge.warc.gz --shard 0/4 \\
              -o part-0.jsonl
        """
    )

    @Option(name: [.short, .long], help: "The pipeline file (YAML).", completion: .yamlFile)
    var pipeline: String

    @Argument(help: "Input files, directories, or - for standard input.", completion: .file())
    var paths: [String] = []

    @Option(help: ArgumentHelp("Also read input paths from FILE, one per line (- for standard input).", valueName: "file"), completion: .file())
    var pathsFrom: String?

    @Option(help: ArgumentHelp("Read only shard i of n (from 0): every n-th document of the input, starting at the i-th (skipped WARC records count in shard 0).", valueName: "i/n"))
    var shard: String?

    @Option(name: [.short, .long], help: "Write records to this file instead of standard output.", completion: .file())
    var output: String?

    @Option(help: "Output format: \(CommandRuntime.current.emitters.formats.joined(separator: ", ")) (default: from -o's extension, else jsonl).",
            completion: .outputFormats)
    var format: String?

    @Option(help: "Worker threads, 1 to 1024 (default: the number of cores).")
    var jobs: Int?

    @OptionGroup var input: InputOptions

    @Flag(help: "Include each field's source byte span (_spans) in the output.")
    var withSpans = false

    @Flag(inversion: .prefixedNo, help: "CSV: put ' before a text cell starting with = + - @, tab or CR, so spreadsheets do not run it as a formula. --no-csv-formula-guard writes text as it is, for pandas, DuckDB and other programs, which would keep the ' as part of the value.")
    var csvFormulaGuard = true

    @Option(help: ArgumentHelp("CSV: what joins an object field's name to its keys in column names: salary.min; _ gives salary_min, which SQL need not quote.", valueName: "text"), completion: .list(["_", "."]))
    var csvFlattenWith = "."

    @Option(help: "Also write each document (or block of a split page) that gave no record to this file, as JSON Lines {source, code, message}.", completion: .file())
    var rejects: String?

    @Flag(name: [.short, .long], help: "No progress and no summary on stderr (failures are still reported).")
    var quiet = false

    /// `--jobs`, or one worker per core. (Optional, so `--help` names the default once, in words,
    /// rather than as this machine's count.)
    private var workers: Int { jobs ?? ProcessInfo.processInfo.activeProcessorCount }

    /// The most workers `--jobs` may ask for.
    static let maxJobs = 1024

    func validate() throws {
        // Each worker has scratch of its own; more workers than cores only wait for one.
        guard (1...Self.maxJobs).contains(workers) else { throw ValidationError("--jobs must be between 1 and \(Self.maxJobs)") }
        if let shard, Shard(shard) == nil { throw ValidationError("--shard must be i/n with 0 <= i < n, e.g. 0/4 to 3/4; got '\(shard)'") }
        if pathsFrom == nil && paths.isEmpty { throw ValidationError("Missing expected argument '<paths> ...' (or --paths-from)") }
        if pathsFrom == "-" && paths.contains("-") {
            throw ValidationError("standard input cannot hold both the paths (--paths-from -) and a page (-)")
        }
        guard !csvFlattenWith.isEmpty else { throw ValidationError("--csv-flatten-with must not be empty; '_' gives salary_min") }
        let emitters = CommandRuntime.current.emitters
        if let format, emitters.emitter(format: format) == nil {
            throw ValidationError("unknown format '\(format)'; expected one of: \(emitters.formats.joined(separator: ", "))")
        }
    }

    func run() throws {
        Interruption.install()
        let pipeline = try buildPipeline(self.pipeline)
        let emitterType = try chooseEmitter()
        let csv = CSVOptions(formulaGuard: csvFormulaGuard, flattenSeparator: csvFlattenWith)
        let emitter = emitterType.init(schema: pipeline.schema, options: EmitterOptions(includeSpans: withSpans, csv: csv))
        if let repeated = (emitter as? CSVEmitter)?.repeatedColumnNames.first {
            printError("extract: the CSV header would have two columns named '\(repeated)' (a field of that name and an object "
                + "field's flattened key); choose another --csv-flatten-with, or rename the field")
            throw ExitCode(ExtractCommand.Status.usage.rawValue)
        }

        let paths = try self.paths + InputPaths.listed(in: pathsFrom)
        try InputPaths.check(paths)
        let progress = Progress(enabled: !quiet && Terminal.isTerminal(STDERR_FILENO), paths: paths)
        var source = ShardedSource(input.source(paths, meter: progress.meter), shard: shard.flatMap(Shard.init) ?? Shard(index: 0, count: 1)!)

        for destination in [output, rejects].compactMap({ $0 }) {
            if let problem = OutputConflict.problem(writing: destination, inputs: paths) {
                printError("extract: \(problem)")
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
        Interruption.removeOnSecondSignal(outputs.compactMap(\.pendingPath))

        var runner = Runner(pipeline: pipeline, emitter: emitter, jobs: workers)
        runner.recordsSpans = withSpans
        runner.inputEncoding = try InputEncoding.option(input.encoding)
        var rejectsError: (any Error)?
        let failures = FailureReport { line in
            progress.clearLine()
            printError(line)
        }
        runner.onFailure = { source, rejection in
            failures.add(source: source, rejection)
            guard let rejectsFile else { return }
            let line = JSONWriter.compact(.object([.init("source", .string(source)), .init("code", .string(rejection.code)),
                                                   .init("message", .string(rejection.message))])) + "\n"
            do { try rejectsFile.write(Array(line.utf8)) } catch { rejectsError = error }
        }
        runner.onProgress = { progress.update($0) }
        runner.shouldStop = { Interruption.requested }

        let summary: RunSummary
        var keptOutput: String?
        do {
            summary = try runner.run(source: &source, output: file)
            if let rejectsError { throw rejectsError }
            if Interruption.requested || source.entriesSeen == 0 {
                outputs.forEach { $0.discard() }
            } else {
                // A run whose every document failed never replaces an earlier output: most likely
                // the input was not what was meant, and the earlier records are worth more than
                // none. A run with nothing to fail (a shard with no page of its own, an archive of
                // images) writes its empty output, so no stale records stay behind.
                let everyDocumentFailed = summary.records == 0 && summary.failed > 0
                keptOutput = everyDocumentFailed ? file.destination.flatMap(Self.existingRegularFile) : nil
                if keptOutput != nil { file.discard() } else { try file.commit() }
                try rejectsFile?.commit()
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
        if let line = failures.closingLine(rejects: rejects) { printError(line) }
        if let hint = FailureReport.hint(summary) { printError(hint) }
        if source.entriesSeen == 0 && !Interruption.requested {
            printError("extract: no document found in \(paths.map { "'\($0)'" }.joined(separator: ", ")); nothing was written")
            throw ExitCode(ExtractCommand.Status.usage.rawValue)
        }
        if let keptOutput {
            printError("extract: no record was produced, so '\(keptOutput)' was left as it was")
        }
        if !quiet {
            let outcome: RunSummaryText.Outcome = Interruption.requested ? .interrupted : keptOutput.map { .kept($0) } ?? .written(output)
            printError(Terminal.isTerminal(STDERR_FILENO)
                       ? RunSummaryText.block(summary, outcome, width: Terminal.columns(of: STDERR_FILENO))
                       : RunSummaryText.line(summary, outcome))
        }
        if Interruption.requested { throw ExitCode(Interruption.exitStatus) }
        if summary.failed > 0 { throw ExitCode(ExtractCommand.Status.someFailed.rawValue) }
    }

    /// `path` when a regular file is there (one that a commit would replace).
    private static func existingRegularFile(_ path: String) -> String? {
        var status = stat()
        return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFREG ? path : nil
    }

    private func chooseEmitter() throws -> any Emitter.Type {
        let registry = CommandRuntime.current.emitters
        if let format, let emitter = registry.emitter(format: format) { return emitter }
        guard let output else { return registry.emitter(format: "jsonl") ?? JSONLinesEmitter.self }
        let ext = (output as NSString).pathExtension
        guard let emitter = registry.emitter(forExtension: ext) else {
            printError("extract: cannot tell the format from '\(output)'; use --format (\(registry.formats.joined(separator: ", ")))")
            throw ExitCode(ExtractCommand.Status.usage.rawValue)
        }
        return emitter
    }
}
