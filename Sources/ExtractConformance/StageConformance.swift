import ExtractBuiltIn
import ExtractCore
import Foundation

/// The checks every stage passes, built-in or from another package, run on the stage's own
/// documented example (``StageDescription/example``) built into a pipeline with `runtime`'s
/// stages and parsers (plus the stage):
///
/// - **the example builds**: it is a valid pipeline-file snippet that uses the stage;
/// - **the example runs**: every given page gives a record (give pages the example accepts);
///   a stage that splits pages (``SplittingStageWorker``) gives one per piece, and every check
///   below looks at every piece;
/// - **spans stay inside the page**: every span of a value, a list item or a diagnostic, and the
///   map from the final text back to the page, lies within the page's bytes;
/// - **nothing leaks between pages in a reused worker**: a worker that ran another page first
///   gives a page exactly what a fresh worker gives (record, text, sections);
/// - **separate workers agree**: workers on several threads give the records one worker gives;
/// - **hostile pages end within pattern limits**: every ``HostilePage`` run under a tenfold
///   tighter PCRE2 match limit ends with a record or a rejection, spans inside the page and
///   dotted codes (``checkMatchLimit(_:entry:runtime:baseDirectory:)`` checks a stage's
///   patterns hit the limit with a diagnostic).
///
/// Each check returns what it found wrong; an empty list means the stage conforms.
public enum StageConformance {
    /// Every check above, for `stage` with `pages` (documents the example should accept).
    /// `baseDirectory` is where relative paths in the example (registries) are resolved.
    public static func check(_ stage: any Stage.Type, pages: [Document], runtime: ExtractRuntime = .builtIn,
                             baseDirectory: String = ".") -> [ConformanceFailure] {
        let built = examplePipeline(stage, runtime: runtime, baseDirectory: baseDirectory)
        guard case .success(let pipeline) = built else {
            if case .failure(let failure) = built { return [failure] }
            return []
        }
        var failures = [ConformanceFailure]()
        failures += checkExampleRuns(pipeline, pages: pages)
        failures += checkSpansInsidePages(pipeline, pages: pages)
        failures += checkReusedWorker(pipeline, pages: pages)
        failures += checkSeparateWorkers(pipeline, pages: pages)
        switch examplePipeline(stage, runtime: runtime, baseDirectory: baseDirectory, matchLimit: tightMatchLimit) {
        case .success(let tight): failures += checkHostilePages(tight)
        case .failure(let failure): failures.append(failure)
        }
        return failures
    }

    /// The match limit hostile pages run under: a tenth of the default.
    public static let tightMatchLimit = PatternLimits().matchLimit / 10

    /// A pattern that backtracks exponentially on ``baitPage``, for ``checkMatchLimit(_:entry:runtime:baseDirectory:)``.
    public static let backtrackingBait = "(?:a+)+$"
    /// A line of 40 `a`s that ``backtrackingBait`` cannot match at its end.
    public static let baitPage = Array(("Title\n" + String(repeating: "a", count: 40) + "!\n").utf8)

    /// **A pattern stops at the match limit with a diagnostic**: `entry`, a stage entry whose
    /// pattern is ``backtrackingBait`` (`"- stage: mine\n  pattern: '(?:a+)+$'"`), run on
    /// ``baitPage`` under `limits: { match_limit: 10000 }`, gives a record (not a rejection)
    /// with the stage's `KIND.match_limit` diagnostic, instead of running for minutes.
    public static func checkMatchLimit(_ stage: any Stage.Type, entry: String, runtime: ExtractRuntime = .builtIn,
                                       baseDirectory: String = ".") -> [ConformanceFailure] {
        let check = "a pattern stops at the match limit with a diagnostic"
        let kind = stage.description.kind
        let yaml = "limits: { match_limit: 10000 }\nstages:\n" + indented(entry)
        let pipeline: Pipeline
        do {
            pipeline = try runtime.adding(stage).builder.build(text: yaml, file: "\(kind)-bait.yaml", baseDirectory: baseDirectory)
        } catch {
            return [ConformanceFailure(check: check, message: "the entry does not build:\n\(error.description)")]
        }
        var worker = pipeline.makeWorker()
        let item = worker.process(Document(source: "bait", bytes: baitPage))
        if let rejection = item.rejection {
            return [ConformanceFailure(check: check, message: "the bait page was rejected: \(rejection.code): \(rejection.message)")]
        }
        let codes = item.record.diagnostics.map(\.code)
        guard codes.contains("\(kind).match_limit") else {
            return [ConformanceFailure(check: check, message: "no '\(kind).match_limit' diagnostic; the record has \(codes)")]
        }
        return []
    }

    // MARK: The checks

    /// The stage's example as a pipeline file, built with `runtime` and the stage.
    static func examplePipeline(_ stage: any Stage.Type, runtime: ExtractRuntime, baseDirectory: String,
                                matchLimit: Int? = nil) -> Result<Pipeline, ConformanceFailure> {
        let kind = stage.description.kind
        let limits = matchLimit.map { "limits: { match_limit: \($0) }\n" } ?? ""
        let yaml = limits + "stages:\n" + indented(stage.description.example)
        let pipeline: Pipeline
        do {
            pipeline = try runtime.adding(stage).builder.build(text: yaml, file: "\(kind)-example.yaml", baseDirectory: baseDirectory)
        } catch {
            return .failure(ConformanceFailure(check: "the example builds", message: "the example of '\(kind)' does not build:\n\(error.description)"))
        }
        guard pipeline.stages.contains(where: { ObjectIdentifier(type(of: $0)) == ObjectIdentifier(stage) }) else {
            return .failure(ConformanceFailure(check: "the example builds", message: "the example of '\(kind)' does not use the stage"))
        }
        return .success(pipeline)
    }

    static func checkExampleRuns(_ pipeline: Pipeline, pages: [Document]) -> [ConformanceFailure] {
        var worker = pipeline.makeWorker()
        return pages.flatMap { page in
            worker.processAll(page).compactMap { item in
                guard let rejection = item.rejection else { return nil }
                return ConformanceFailure(check: "the example runs", message: "'\(item.document.source)' was rejected: \(rejection.code): \(rejection.message)")
            }
        }
    }

    static func checkSpansInsidePages(_ pipeline: Pipeline, pages: [Document]) -> [ConformanceFailure] {
        var worker = pipeline.makeWorker()
        return pages.flatMap { worker.processAll($0).flatMap(spansOutside) }
    }

    /// Every span of `item` that is not inside its page's bytes.
    static func spansOutside(_ item: WorkItem) -> [ConformanceFailure] {
        let count = item.document.bytes.count
        var spans: [(String, Span)] = []
        let record = item.record
        for (index, span) in record.spans.enumerated() { if let span { spans.append(("field \(index)", span)) } }
        for (index, items) in record.itemSpans.enumerated() {
            for span in items ?? [] { spans.append(("an item of field \(index)", span)) }
        }
        for diagnostic in record.diagnostics { if let span = diagnostic.span { spans.append(("diagnostic \(diagnostic.code)", span)) } }
        if item.rejection == nil { spans.append(("the text's map to the page", item.offsets.span(0..<item.text.count))) }
        return spans.compactMap { what, span in
            guard span.start < 0 || span.start > span.end || span.end > count else { return nil }
            return ConformanceFailure(check: "spans stay inside the page",
                                      message: "'\(item.document.source)': \(what) has span \(span.start)..<\(span.end) in a page of \(count) bytes")
        }
    }

    static func checkReusedWorker(_ pipeline: Pipeline, pages: [Document]) -> [ConformanceFailure] {
        // Each page after every other page and after a short one, and the short one after each.
        let short = Document(source: "short", bytes: Array("Another Title\nshort page\n".utf8))
        var pairs: [(Document, Document)] = []
        for (i, page) in pages.enumerated() {
            pairs.append((short, page))
            pairs.append((page, short))
            for (j, other) in pages.enumerated() where i != j { pairs.append((other, page)) }
        }
        var failures: [ConformanceFailure] = []
        for (first, second) in pairs {
            var fresh = pipeline.makeWorker()
            let alone = fresh.processAll(second)
            var reused = pipeline.makeWorker()
            _ = reused.processAll(first)
            let after = reused.processAll(second)
            var differences: [String] = []
            if after.count != alone.count { differences.append("number of pieces") }
            if after.map(\.record) != alone.map(\.record) { differences.append("record") }
            if after.map(\.text) != alone.map(\.text) { differences.append("text") }
            if after.map(\.sections) != alone.map(\.sections) { differences.append("sections") }
            if after.map(\.rejection) != alone.map(\.rejection) { differences.append("rejection") }
            if !differences.isEmpty {
                failures.append(ConformanceFailure(check: "nothing leaks between pages in a reused worker",
                    message: "'\(second.source)' after '\(first.source)' differs from a fresh worker's in its \(differences.joined(separator: ", "))"))
            }
        }
        return failures
    }

    static func checkSeparateWorkers(_ pipeline: Pipeline, pages: [Document]) -> [ConformanceFailure] {
        var one = pipeline.makeWorker()
        let expected = pages.map { one.processAll($0).map(\.record) }
        let results = Results(count: pages.count)
        DispatchQueue.concurrentPerform(iterations: pages.count) { index in
            var worker = pipeline.makeWorker()
            results.set(index, worker.processAll(pages[index]).map(\.record))
        }
        return zip(pages, zip(results.values, expected)).compactMap { page, pair in
            guard pair.0 != pair.1 else { return nil }
            return ConformanceFailure(check: "separate workers agree",
                                      message: "'\(page.source)' gave another record on its own thread than in one worker")
        }
    }

    static func checkHostilePages(_ pipeline: Pipeline) -> [ConformanceFailure] {
        var worker = pipeline.makeWorker()
        var failures: [ConformanceFailure] = []
        for page in HostilePage.all {
            for item in worker.processAll(Document(source: page.name, bytes: page.bytes)) {
                failures += spansOutside(item)
                let codes = (item.rejection.map { [$0.code] } ?? []) + item.record.diagnostics.map(\.code)
                for code in codes where !isDotted(code) {
                    failures.append(ConformanceFailure(check: "hostile pages end within pattern limits",
                                                       message: "'\(item.document.source)' gave the code '\(code)', which is not 'stage.reason'"))
                }
            }
        }
        return failures
    }

    /// `segment.missing_section`: two or more dot-separated words of lowercase letters, digits and `_`.
    static func isDotted(_ code: String) -> Bool {
        let parts = code.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count >= 2 && parts.allSatisfy { part in
            !part.isEmpty && part.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x5F }
        }
    }

    static func indented(_ snippet: String) -> String {
        snippet.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n") + "\n"
    }

    /// Each page's records (one per piece), written by index from concurrent workers (each index once).
    private final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var values: [[Record]?]
        init(count: Int) { values = Array(repeating: nil, count: count) }
        func set(_ index: Int, _ records: [Record]) {
            lock.lock()
            values[index] = records
            lock.unlock()
        }
    }
}
