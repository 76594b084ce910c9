import ExtractCore
import ExtractStages
import Foundation

// Helpers shared by the test targets: build a pipeline from YAML text, run pages through it, and
// read what came out by field name. Nothing here asserts; the tests do.

/// The repository's root folder (where `Pipelines/` and `Fixtures/` are).
public let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The bytes of every file in `directory` (relative to the repository) whose name ends in
/// `ending`, in name order: fixture pages for generated inputs.
public func fixturePages(in directory: String, ending: String) -> [[UInt8]] {
    let url = repositoryRoot.appendingPathComponent(directory)
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).filter { $0.hasSuffix(ending) }.sorted()
    return names.compactMap { try? [UInt8](Data(contentsOf: url.appendingPathComponent($0))) }
}

/// Builds a pipeline from YAML text with the built-in stages, as `extract` would from a file.
///
/// `file` names the pipeline in error messages (`test.yaml:3:5: error: …`); `baseDirectory` is
/// where relative paths in it (registries) are resolved.
public func buildPipeline(_ yaml: String, file: String = "test.yaml", baseDirectory: String = ".") throws(PipelineError) -> Pipeline {
    try PipelineBuilder(registry: .builtIn).build(text: yaml, file: file, baseDirectory: baseDirectory)
}

/// The error building `yaml` throws, or nil when it builds.
public func pipelineError(_ yaml: String, file: String = "test.yaml", baseDirectory: String = ".") -> PipelineError? {
    do {
        _ = try buildPipeline(yaml, file: file, baseDirectory: baseDirectory)
        return nil
    } catch {
        return error
    }
}

/// One page run through a pipeline: the pipeline (for its schema) and the finished item.
public struct ProcessedPage {
    /// The pipeline the page went through; its schema names the fields.
    public let pipeline: Pipeline
    /// The finished item: text, offsets, sections, record, rejection.
    public let item: WorkItem

    /// Wraps an item a worker of `pipeline` produced.
    public init(pipeline: Pipeline, item: WorkItem) {
        self.pipeline = pipeline
        self.item = item
    }

    /// The page's original bytes, exactly as given.
    public var original: [UInt8] { item.document.bytes }

    /// The item's current text (after normalize) as a String.
    public var text: String { String(decoding: item.text, as: UTF8.self) }

    /// The value of field `name`; nil when the pipeline has no such field or no stage set it.
    public func value(_ name: String) -> Value? {
        guard let field = pipeline.schema.field(named: name) else { return nil }
        return item.record[field.id]
    }

    /// `value(name)`, for `page["title"]`.
    public subscript(_ name: String) -> Value? { value(name) }

    /// The span (in the original bytes) recorded for field `name`.
    public func span(_ name: String) -> Span? {
        guard let field = pipeline.schema.field(named: name) else { return nil }
        return item.record.spans[field.id.index]
    }

    /// The original bytes a span covers, decoded as UTF-8.
    public func originalText(_ span: Span) -> String {
        String(decoding: item.document.bytes[span.range], as: UTF8.self)
    }

    /// The original bytes that the first occurrence of `text` in the current text maps back to
    /// (through the item's offset map), or nil when the current text does not hold `text`.
    public func originalText(under text: String) -> String? {
        guard let offset = byteOffset(of: text, in: item.text) else { return nil }
        return originalText(item.offsets.span(offset..<(offset + text.utf8.count)))
    }

    /// The original bytes under field `name`'s span, or nil when it has none.
    public func originalText(of name: String) -> String? { span(name).map(originalText) }

    /// The text of section `name` (a range of the current text), or nil when it was not found.
    public func section(_ name: String) -> String? {
        guard let index = pipeline.sectionNames.firstIndex(of: name), let range = item.sections[index] else { return nil }
        return item.string(range)
    }

    /// The diagnostic codes of the record, in the order the stages added them.
    public var diagnosticCodes: [String] { item.record.diagnostics.map(\.code) }

    /// The diagnostics about field `name`.
    public func diagnostics(for name: String) -> [Diagnostic] {
        item.record.diagnostics.filter { $0.field == name }
    }

    /// The record as its output object (output fields in order).
    public var output: [Value.Member] { item.record.outputObject(schema: pipeline.schema) }
}

/// Runs one page (UTF-8 text) through an already built pipeline with a fresh worker.
public func process(_ page: String, with pipeline: Pipeline, source: String = "t") -> ProcessedPage {
    var worker = pipeline.makeWorker()
    return ProcessedPage(pipeline: pipeline, item: worker.process(Document(source: source, bytes: Array(page.utf8))))
}

/// Runs one page (UTF-8 text) through an already built pipeline with a fresh worker and gives
/// every item it ends as: one, or one per piece when a stage splits it.
public func processAll(_ page: String, with pipeline: Pipeline, source: String = "t") -> [ProcessedPage] {
    var worker = pipeline.makeWorker()
    return worker.processAll(Document(source: source, bytes: Array(page.utf8))).map { ProcessedPage(pipeline: pipeline, item: $0) }
}

/// Builds a pipeline from `yaml` and runs one page through it with a fresh worker.
public func process(_ page: String, yaml: String, source: String = "t", baseDirectory: String = ".") throws(PipelineError) -> ProcessedPage {
    let pipeline = try buildPipeline(yaml, baseDirectory: baseDirectory)
    return process(page, with: pipeline, source: source)
}

/// Runs a page through a pipeline made of just `- stage: normalize` with the given option lines
/// (each like `blank_lines: 0`) and returns the normalized text.
public func normalized(_ page: String, options: [String] = []) throws(PipelineError) -> String {
    let yaml = "stages:\n  - stage: normalize\n" + options.map { "    \($0)\n" }.joined()
    return try process(page, yaml: yaml).text
}

/// A fresh temporary directory, for registries and other files a pipeline reads; removed by `remove()`.
public struct TemporaryDirectory {
    /// The directory's absolute path.
    public let path: String

    /// Creates a new, empty directory under the system's temporary directory.
    public init() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("extract-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        path = url.path
    }

    /// Writes `text` to `name` inside the directory and returns the file's full path.
    @discardableResult
    public func write(_ name: String, _ text: String) throws -> String {
        let file = path + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        return file
    }

    /// Deletes the directory and everything in it.
    public func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// The byte offset of the first occurrence of `needle` in `haystack` at or after `from`, or nil.
public func byteOffset(of needle: String, in haystack: [UInt8], from: Int = 0) -> Int? {
    let pattern = Array(needle.utf8)
    guard !pattern.isEmpty, haystack.count >= pattern.count, from <= haystack.count - pattern.count else { return nil }
    for start in from...(haystack.count - pattern.count) where haystack[start..<(start + pattern.count)].elementsEqual(pattern) {
        return start
    }
    return nil
}

/// How many generated cases a property test runs: `base`, times the whole number in the
/// environment variable `EXTRACT_PROPERTY_SCALE` when it is set (`EXTRACT_PROPERTY_SCALE=50 swift
/// test --filter Property` runs each property fifty times as long). The default keeps `swift test` quick.
public func propertyCount(_ base: Int) -> Int {
    guard let text = ProcessInfo.processInfo.environment["EXTRACT_PROPERTY_SCALE"], let scale = Int(text), scale > 0 else {
        return base
    }
    return base * scale
}
