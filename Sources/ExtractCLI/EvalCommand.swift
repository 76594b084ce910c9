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
        --expected (page `x.txt` → `x.json`; a JSON Lines id `x` → `x.json`;
        record k of a page that a split stage cut into pieces, source `x.txt#k`,
        → `x#k.json`, and an expected `x#k.json` that no record matches is
        reported). For every field it counts exact, wrong and missing values;
        list fields are also compared item by item (precision and recall), so one
        missing bullet costs one item. Diagnostics are compared by stage, field
        and code, as a list field whose items count in the list precision and
        recall; a missing `diagnostics` counts as [], and a page with none on
        either side does not count it. `source` is not compared.

        Exit status: 0, or 1 when accuracy (exact fields / compared fields) is
        below --min-accuracy, some record has no expected record (or the
        reverse) or some page failed; 2 for a usage or pipeline error; 3 when
        the --report file cannot be written.

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
        // The expected names of the pages read (`x` for `x.txt`): their pieces' expected records must all be matched.
        var pages: Set<String> = []
        while let entry = source.next() {
            switch entry {
            case .failure(let name, let rejection):
                evaluation.failed.append("\(name): \(rejection.message) [\(rejection.code)]")
            case .skipped:
                continue
            case .document(let document):
                // One item, or one per piece when a stage splits the page (`PAGE#k`).
                var compared = false
                for item in worker.processAll(document) {
                    if let rejection = item.rejection {
                        evaluation.failed.append("\(item.document.source): \(rejection.message) [\(rejection.code)]")
                        continue
                    }
                    let path = expectedPath(for: item.document.source)
                    guard let data = FileManager.default.contents(atPath: path) else {
                        evaluation.withoutExpected.append(item.document.source)
                        continue
                    }
                    evaluation.add(source: item.document.source, produced: item.record.outputObject(schema: built.schema),
                                   expected: try Self.expectedRecord(data, path: path))
                    compared = true
                }
                if compared { evaluation.documents += 1 }
                pages.insert(Self.expectedName(for: document.source))
            }
        }
        evaluation.withoutRecord = Self.unmatchedPieces(in: expected, pages: pages, matched: evaluation.comparedSources.map(Self.expectedName))
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
        if belowThreshold || !evaluation.withoutExpected.isEmpty || !evaluation.failed.isEmpty || !evaluation.withoutRecord.isEmpty {
            throw ExitCode(ExtractCommand.Status.someFailed.rawValue)
        }
    }

    /// The expected record's file for a record's source.
    private func expectedPath(for source: String) -> String {
        (expected as NSString).appendingPathComponent(Self.expectedName(for: source) + ".json")
    }

    /// An expected record file read as a JSON object's members; a file that is not one ends the run (exit 2).
    private static func expectedRecord(_ data: Data, path: String) throws -> [Value.Member] {
        let expectedValue: Value
        do { expectedValue = try JSONValueReader.read([UInt8](data)) } catch {
            printError("extract: \(path): \(error)")
            throw ExitCode(ExtractCommand.Status.usage.rawValue)
        }
        guard case .object(let members) = expectedValue else {
            printError("extract: \(path): the expected record is not a JSON object")
            throw ExitCode(ExtractCommand.Status.usage.rawValue)
        }
        return members
    }

    /// `dir/x.txt` → `x`; a JSON Lines id stays as it is; `path#3` → `path#3`'s base name. A
    /// piece of a split page keeps its numbers after the page's name: `dir/x.txt#2` → `x#2`.
    static func expectedName(for source: String) -> String {
        var page = source[...]
        while let hash = pieceNumberStart(page) { page = page[..<hash] }
        let pieces = source[page.endIndex...]
        let base = (String(page) as NSString).lastPathComponent
        let ext = (base as NSString).pathExtension
        return (["txt", "text", "html", "md"].contains(ext.lowercased()) ? (base as NSString).deletingPathExtension : base) + pieces
    }

    /// Expected records of pieces (`x#k.json`, `x#k#j.json`) of the pages read (by expected name)
    /// that no record was compared with: a split that lost blocks shows here, not as a perfect score.
    static func unmatchedPieces(in directory: String, pages: Set<String>, matched: [String]) -> [String] {
        let matched = Set(matched)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { name in
            guard name.hasSuffix(".json"), !matched.contains(String(name.dropLast(5))) else { return false }
            var page = name.dropLast(5)
            while let hash = pieceNumberStart(page) {
                page = page[..<hash]
                if pages.contains(String(page)) { return true }
            }
            return false
        }.sorted().map { (directory as NSString).appendingPathComponent($0) }
    }

    /// Where `#k` starts when `text` ends with a piece number (`#` and digits).
    private static func pieceNumberStart(_ text: Substring) -> Substring.Index? {
        guard let hash = text.lastIndex(of: "#") else { return nil }
        let digits = text[text.index(after: hash)...]
        return !digits.isEmpty && digits.allSatisfy({ ("0"..."9").contains($0) }) ? hash : nil
    }
}
