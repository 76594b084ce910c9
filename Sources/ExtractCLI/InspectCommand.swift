import ArgumentParser
import ExtractCore
import Foundation

/// `extract inspect`: runs a pipeline over one page and writes a self-contained HTML page that
/// shows where each value came from.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Write one HTML page showing where each value of a record came from.",
        usage: "extract inspect -p <pipeline> <page> [-o <output>] [<options>]",
        discussion: """
        Runs the pipeline over PAGE and writes one HTML file, linked to nothing
        outside it, showing the page's original text (an HTML page's source,
        where spans point) with the span of every value highlighted (each item
        of a list), every diagnostic marked where it occurs, and the sections
        as bands. Hovering a highlight names its field and value; clicking it
        shows the typed value as JSON. A side table lists every field with its
        value and links to its spans, the diagnostics, how each organisation
        mention resolved (by name, alias, abbreviation, credential, or fuzzy
        with its similarity) or, if it did not, the closest registry names,
        and the sections.

        PAGE is a text or HTML file, or - for standard input; a JSON Lines file
        or a WARC archive gives its first page, or the one --source names. A page
        that a split stage cuts into several records shows the first, or the one
        --record names.

        Exit status: 0; 1 when the page gave no record (the file is still
        written, with the reason); 2 for a usage or pipeline error, or no such
        page; 3 when the file cannot be written.

        Examples:
          extract inspect -p Pipelines/career.yaml \\
              Fixtures/career/pages/a-registered-nurse.txt -o nurse.html
          extract inspect -p Pipelines/career.yaml crawl.warc.gz \\
              --source https://careers.example.org/guides/nurse -o nurse.html
        """
    )

    @Option(name: [.short, .long], help: "The pipeline file (YAML).", completion: .yamlFile)
    var pipeline: String

    @Argument(help: "The page: a text or HTML file, - for standard input, or a JSON Lines file or WARC archive (see --source).",
              completion: .file())
    var page: String

    @Option(name: [.short, .long], help: "Write the HTML to this file instead of standard output.", completion: .file())
    var output: String?

    @Option(help: ArgumentHelp("In a JSON Lines file or WARC archive: the page whose source (id, WARC-Target-URI, or path#N) is this (default: the first).",
                               valueName: "source"))
    var source: String?

    @Option(help: ArgumentHelp("For a page that a split stage cuts into several records: the K-th, PAGE#K (default: the first).", valueName: "k"))
    var record: Int = 1

    @OptionGroup var input: InputOptions

    func validate() throws {
        guard record >= 1 else { throw ValidationError("--record must be 1 or more") }
    }

    func run() throws {
        let built = try buildPipeline(pipeline)
        try InputPaths.check([page])
        if let output, let problem = OutputConflict.problem(writing: output, inputs: [page]) {
            printError("extract: \(problem)")
            throw ExitCode(ExtractCommand.Status.usage.rawValue)
        }
        let document = try readDocument()
        let inspection = Inspection.make(document: document, pipeline: built, inputEncoding: try InputEncoding.option(input.encoding), record: record)
        if record > inspection.records {
            printError("extract: \(document.source) gave \(inspection.records) record\(inspection.records == 1 ? "" : "s"); there is no record \(record)")
            throw ExitCode(ExtractCommand.Status.usage.rawValue)
        }
        let html = Array(InspectionPage(inspection).render().utf8)
        do {
            let file = try output.map { try OutputFile(path: $0) } ?? OutputFile()
            do {
                try file.write(html)
                try file.commit()
            } catch {
                file.discard()
                throw error
            }
        } catch {
            printError("extract: \(error)")
            throw ExitCode(ExtractCommand.Status.outputFailed.rawValue)
        }
        if let rejection = inspection.rejection {
            printError("extract: \(document.source): no record: \(rejection.message) [\(rejection.code)]")
            throw ExitCode(ExtractCommand.Status.someFailed.rawValue)
        }
    }

    /// The page to inspect: the first document of PAGE, or the one `--source` names.
    private func readDocument() throws -> Document {
        var entries = input.source([page])
        var chosen: Document?
        var sources: [String] = []
        while let entry = entries.next() {
            switch entry {
            case .skipped:
                continue
            case .failure(let name, let rejection):
                guard source == nil || source == name else { continue }
                printError("extract: \(name): \(rejection.message) [\(rejection.code)]")
                throw ExitCode(ExtractCommand.Status.usage.rawValue)
            case .document(let document):
                if let source, document.source != source {
                    if sources.count < 5 { sources.append(document.source) }
                    continue
                }
                if let chosen {
                    printError("extract: '\(page)' holds more than one page; showing the first, '\(chosen.source)' (choose another with --source)")
                    return chosen
                }
                if source != nil { return document }
                chosen = document
            }
        }
        if let chosen { return chosen }
        let known = sources.isEmpty ? "" : "; its pages include " + sources.map { "'\($0)'" }.joined(separator: ", ")
        printError("extract: no page " + (source.map { "with source '\($0)' " } ?? "") + "in '\(page)'\(known)")
        throw ExitCode(ExtractCommand.Status.usage.rawValue)
    }
}
