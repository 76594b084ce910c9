/// Runs a pipeline's tests: each page goes through a ``PipelineWorker`` as in `extract run` and
/// `extract eval`, and the record's output object (what the emitters write) is compared with
/// what the test expects.
public struct PipelineTestRunner {
    public let pipeline: Pipeline
    /// The readers a test's `file:` is read with (the runtime's).
    public let readers: InputReaderRegistry
    private var worker: PipelineWorker

    public init(pipeline: Pipeline, inputEncoding: InputEncoding = .auto, readers: InputReaderRegistry = .builtIn) {
        self.pipeline = pipeline
        self.readers = readers
        worker = pipeline.makeWorker(inputEncoding: inputEncoding)
    }

    public mutating func run(_ test: PipelineTest) -> PipelineTestResult {
        PipelineTestResult(name: test.name, failures: failures(of: test))
    }

    private mutating func failures(of test: PipelineTest) -> [PipelineTestFailure] {
        let document: Document
        let origin: InlineOrigin?
        var file: String?
        switch test.input {
        case .inline(let text, let inlineOrigin):
            document = Document(source: test.source ?? test.name, bytes: Array(text.utf8))
            origin = inlineOrigin
        case .file(let path, _):
            switch Self.readPage(path, readers: readers) {
            case .failure(let message): return [.input(message)]
            case .rejected(let rejection): return Self.rejection(rejection, test: test)
            case .page(var page):
                // Places count in the file only when the page is the whole file (not a line
                // of JSON Lines or a record of an archive).
                if page.source == path { file = path }
                if let source = test.source { page.source = source }
                document = page
            }
            origin = nil
        }
        // Every record the page gives: one, or one per piece of a page that a stage splits.
        let items = worker.processAll(document)
        if items.count == 1, let rejection = items[0].rejection, items[0].document.source == document.source {
            return Self.rejection(rejection, test: test)
        }
        let produced = items.filter { $0.rejection == nil }.count
        var counted: [PipelineTestFailure] = []
        if let records = test.records, records != produced { counted.append(.recordCount(expected: records, produced: produced)) }
        guard items.indices.contains(test.record - 1) else { return counted + [.noSuchRecord(number: test.record, count: items.count)] }
        let item = items[test.record - 1]
        if let rejection = item.rejection { return counted + Self.rejection(rejection, test: test) }
        if let code = test.rejection { return counted + [.notRejected(expected: code)] }

        let place = { (span: Span) in PagePlace(span: span, page: document.bytes, origin: origin, file: file) }
        let output = item.record.outputObject(schema: pipeline.schema)
        var failures = counted
        for expectation in test.expectations {
            let produced = output.first { $0.key == expectation.field }?.value ?? .null
            guard !ValueComparison.equal(expectation.value, produced) else { continue }
            let index = expectation.id.index
            failures.append(.field(FieldMismatch(
                field: expectation.field, expected: expectation.value, produced: produced,
                differences: ValueComparison.differences(expectation.value, produced),
                place: item.record.spans[index].map(place), itemPlaces: (item.record.itemSpans[index] ?? []).map(place))))
        }
        if let expectation = test.diagnostics,
           let mismatch = Self.compare(expectation, item.record.diagnostics, place: place) {
            failures.append(.diagnostics(mismatch))
        }
        return failures
    }

    private static func rejection(_ rejection: Rejection, test: PipelineTest) -> [PipelineTestFailure] {
        rejection.code == test.rejection ? [] : [.rejected(rejection, expected: test.rejection)]
    }

    private enum PageRead {
        case page(Document)
        case rejected(Rejection)
        case failure(String)
    }

    /// The one page in a file, read as `extract run` reads its inputs.
    private static func readPage(_ path: String, readers: InputReaderRegistry) -> PageRead {
        var source = PathSource(paths: [path], readers: readers)
        var found: [InputEntry] = []
        while let entry = source.next() {
            if case .skipped = entry { continue }
            found.append(entry)
        }
        guard found.count == 1, let entry = found.first else {
            return .failure("'\(path)' holds \(found.count) pages; a test reads one")
        }
        switch entry {
        case .document(let document): return .page(document)
        case .failure(_, let rejection): return .rejected(rejection)
        case .skipped: return .failure("'\(path)' holds no page")
        }
    }

    /// The diagnostics against the test's list; nil when they agree. A pattern naming a field
    /// is matched first, as it fits fewer diagnostics than one naming only a code.
    static func compare(_ expectation: DiagnosticExpectation, _ diagnostics: [Diagnostic],
                        place: (Span) -> PagePlace) -> DiagnosticMismatch? {
        var unmatched = Array(diagnostics.indices)
        var missing: [Int] = []
        let order = expectation.patterns.indices.sorted { (expectation.patterns[$0].field != nil ? 0 : 1, $0) < (expectation.patterns[$1].field != nil ? 0 : 1, $1) }
        for index in order {
            if let position = unmatched.firstIndex(where: { expectation.patterns[index].matches(diagnostics[$0]) }) {
                unmatched.remove(at: position)
            } else {
                missing.append(index)
            }
        }
        let extra = expectation.mode == .exactly ? unmatched : []
        guard !missing.isEmpty || !extra.isEmpty else { return nil }
        return DiagnosticMismatch(mode: expectation.mode, expected: expectation.patterns,
                                  produced: diagnostics.map { ($0, $0.span.map(place)) },
                                  missing: missing.sorted().map { expectation.patterns[$0] }, extra: extra)
    }
}
