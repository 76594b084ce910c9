@testable import ExtractCore
import ExtractEmitters
import ExtractStages
import ExtractTestSupport
import Foundation
import PropertyBased
import Testing

/// Entries handed out in order from memory, as a source of files or JSON Lines would hand them out:
/// documents, JSON Lines lines still to parse (the runner's workers parse them), read failures
/// and skipped entries.
struct InMemorySource: DocumentSource {
    private var entries: [PendingInput]
    private var position = 0

    init(_ entries: [PendingInput]) { self.entries = entries }

    mutating func next() -> InputEntry? { nextPending()?.load() }

    mutating func nextPending() -> PendingInput? {
        guard position < entries.count else { return nil }
        defer { position += 1 }
        return entries[position]
    }
}

/// Runs with several workers write exactly what a run with one writes, whatever the documents:
/// the same bytes, the same summary, the same failures in the same order.
@Suite("--jobs N writes what --jobs 1 writes (generated mixes of documents)")
struct JobsPropertyTests {
    static let pipeline = Result { try PipelineBuilder(registry: .builtIn).build(file: repositoryRoot.appendingPathComponent("Pipelines/career.yaml").path) }

    static let textPages = fixturePages(in: "Fixtures/career/pages", ending: ".txt")
    static let htmlPages = fixturePages(in: "Fixtures/career-html/pages", ending: ".html")

    /// A JSON Lines line (to be parsed by the worker that takes it).
    static func line(_ text: String, number: Int) -> PendingInput {
        PendingInput(kind: .jsonLine(JSONLine(bytes: Array(text.utf8), name: "pages.jsonl", lineNumber: number,
                                              idField: "id", textField: "text")))
    }

    /// `text` as a JSON string literal.
    static func quoted(_ text: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [text], options: [.fragmentsAllowed])) ?? Data("[\"\"]".utf8)
        return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
    }

    /// Entry `n` of a generated input, of the kind `kind` picks (`variant` picks among its kind).
    static func entry(_ n: Int, kind: Int, variant: Int) -> PendingInput {
        let source = "doc-\(n)"
        func document(_ bytes: [UInt8]) -> PendingInput { PendingInput(.document(Document(source: source, bytes: bytes))) }
        switch kind % 12 {
        case 0, 1: return document(textPages[variant % textPages.count])
        case 2: return document(htmlPages[variant % htmlPages.count])
        case 3: return document([])
        case 4: return document([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00] + Array(repeating: UInt8(variant % 256), count: 64))
        case 5:
            var page = textPages[variant % textPages.count]
            page.insert(contentsOf: [0xC3, 0x28, 0xFF], at: variant % page.count)
            return document(page)
        case 6: return document(Array(["Registered Nurse", "Ultrasound Technician", "Nurse\u{A0}Aide", "É"][variant % 4].utf8))
        case 7: return document(Array(String(repeating: "Median Salary $52,000 per year ", count: 2_000 + variant % 3_000).utf8))
        case 8:
            // A page, or a line in an odd shape that still holds one (a key twice, escapes, no id).
            let odd = ["{\"text\": \"Title only\"}", "{\"id\": \"dup\", \"id\": \"dup\", \"text\": \"x\"}",
                       "{\"text\": \"\\u00e9t\\u00e9\\n\\ud83d\\ude00\", \"extra\": [1, {\"a\": null}]}"]
            if variant % 4 == 0 { return line(odd[variant / 4 % odd.count], number: n + 1) }
            let page = String(decoding: textPages[variant % textPages.count], as: UTF8.self)
            return line("{\"id\": \"\(source)\", \"text\": \(quoted(page))}", number: n + 1)
        case 9:
            let bad = ["{\"id\": 1}", "not json", "{\"text\": 5}", "[1, 2]", "{\"text\": \"\\ud800 lone\"}", "{\"id\": \"x\", \"text\": \"a\""]
            return line(bad[variant % bad.count], number: n + 1)
        case 10:
            return PendingInput(.failure(source: source, Rejection(code: "input.unreadable", message: "cannot read it: generated")))
        default:
            return PendingInput(.skipped(kind: ["warc.request", "warc.response image/png"][variant % 2]))
        }
    }

    static let emitters: [any Emitter.Type] = [JSONLinesEmitter.self, JSONEmitter.self, CSVEmitter.self, YAMLEmitter.self]

    /// What a run wrote and reported.
    struct Outcome: Equatable {
        var bytes: [UInt8]
        var summary: RunSummary
        var failures: [String]
    }

    /// Runs `entries` through `pipeline` (the career pipeline when nil) and gives what was written and reported.
    static func run(_ entries: [PendingInput], emitter: any Emitter.Type, spans: Bool, jobs: Int, batchSize: Int?,
                    directory: TemporaryDirectory, pipeline: Pipeline? = nil) throws -> Outcome {
        let pipeline = try pipeline ?? Self.pipeline.get()
        let instance = emitter.init(schema: pipeline.schema, options: EmitterOptions(includeSpans: spans))
        var runner = Runner(pipeline: pipeline, emitter: instance, jobs: jobs, batchSize: batchSize)
        runner.recordsSpans = spans
        var failures: [String] = []
        runner.onFailure = { source, rejection in failures.append("\(source): \(rejection.code): \(rejection.message)") }
        let path = directory.path + "/out-\(jobs)-\(batchSize ?? 0).\(emitter.fileExtensions[0])"
        let output = try OutputFile(path: path)
        var source = InMemorySource(entries)
        var summary = try runner.run(source: &source, output: output)
        try output.commit()
        summary.seconds = 0
        return Outcome(bytes: try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))), summary: summary, failures: failures)
    }

    @Test func anyNumberOfWorkersWritesWhatOneWorkerWrites() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let numbers = Gen.int(in: 0...1_000_000)
        await propertyCheck(count: propertyCount(25), input: numbers.array(of: 0...40), Gen.int(in: 2...8), Gen.int(in: 1...9), numbers) {
            picks, jobs, batch, setting throws in
            let entries = picks.enumerated().map { Self.entry($0.offset, kind: $0.element, variant: $0.element / 12) }
            let emitter = Self.emitters[setting % Self.emitters.count]
            let spans = setting / Self.emitters.count % 2 == 1
            let one = try Self.run(entries, emitter: emitter, spans: spans, jobs: 1, batchSize: nil, directory: directory)
            // Batch 9 stands for the runner's own default; 1...8 force chunks of one document.
            let many = try Self.run(entries, emitter: emitter, spans: spans, jobs: jobs, batchSize: batch == 9 ? nil : batch,
                                    directory: directory)
            // The mix is what it was meant to be: good pages give records, read failures are reported.
            #expect(one.summary.records >= picks.filter { $0 % 12 < 2 }.count)
            #expect(one.failures.count >= picks.filter { [3, 4, 9, 10].contains($0 % 12) }.count)
            #expect(many.summary == one.summary, "jobs \(jobs), batch \(batch), \(emitter.format)")
            #expect(many.failures == one.failures, "jobs \(jobs), batch \(batch), \(emitter.format)")
            #expect(many.bytes == one.bytes, "jobs \(jobs), batch \(batch), \(emitter.format): \(picks)")
        }
    }
}
