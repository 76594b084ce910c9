// Per-document benchmarks of the career pipeline: each stage (as the pipeline prefix that ends with
// it), the whole pipeline, each emitter, and JSON Lines reading. One benchmark iteration is one
// document, so every metric (wall clock, instructions, mallocs) is per document.
//
// The pages come from Benchmarks/corpus/generate.py (1,000 pages, seed 42, made on first use into
// Benchmarks/.build/corpus/), or from the JSON Lines file named by EXTRACT_BENCH_CORPUS.

import Benchmark
import ExtractCore
import ExtractEmitters
import ExtractStages
import Foundation

// MARK: - Inputs

/// The benchmark package's folder (where `swift package benchmark` runs) and the repository root.
enum Paths {
    static let package: String = {
        let current = FileManager.default.currentDirectoryPath
        for candidate in [current, current + "/Benchmarks"] where FileManager.default.fileExists(atPath: candidate + "/corpus/generate.py") {
            return candidate
        }
        fatalError("run the benchmarks from the Benchmarks folder (cd Benchmarks && swift package benchmark)")
    }()
    static let root = (package as NSString).deletingLastPathComponent
    static let career = root + "/Pipelines/career.yaml"
}

enum Corpus {
    /// The benchmark pages, generated once (deterministic: same seed, same pages).
    static let file: String = {
        if let path = ProcessInfo.processInfo.environment["EXTRACT_BENCH_CORPUS"] { return path }
        let path = Paths.package + "/.build/corpus/bench-1000-seed42.jsonl"
        if !FileManager.default.fileExists(atPath: path) {
            try? FileManager.default.createDirectory(atPath: Paths.package + "/.build/corpus", withIntermediateDirectories: true)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", Paths.package + "/corpus/generate.py", "--count", "1000", "--seed", "42", "--jsonl", path]
            do { try process.run() } catch { fatalError("cannot run the corpus generator: \(error)") }
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { fatalError("the corpus generator failed") }
        }
        return path
    }()

    static let documents: [Document] = {
        var source = PathSource(paths: [file])
        var documents: [Document] = []
        while let entry = source.next() {
            if case .document(let document) = entry { documents.append(document) }
        }
        precondition(!documents.isEmpty, "no pages in \(file)")
        return documents
    }()
}

enum Pipelines {
    static let text: String = {
        guard let text = try? String(contentsOfFile: Paths.career, encoding: .utf8) else { fatalError("cannot read \(Paths.career)") }
        return text
    }()

    /// The career pipeline cut after each of its stages: `normalize`, `normalize, truncation`, …
    /// (the `record:` list dropped, so every field provided so far is output). The cost of a stage
    /// is the difference between the prefix that ends with it and the one before.
    static let prefixes: [(name: String, pipeline: Pipeline)] = {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let starts = lines.indices.filter { lines[$0].hasPrefix("  - stage:") }
        let end = lines.firstIndex { $0.hasPrefix("record:") } ?? lines.count
        var result: [(String, Pipeline)] = []
        var kinds: [String] = []
        for (position, start) in starts.enumerated() {
            let kind = lines[start].dropFirst("  - stage:".count).split(separator: "#")[0].trimmingCharacters(in: .whitespaces)
            kinds.append(kind)
            let stop = position + 1 < starts.count ? starts[position + 1] : end
            let yaml = (lines[..<stop]).joined(separator: "\n") + "\n"
            result.append((kinds.joined(separator: "+"), build(yaml, name: "prefix \(position + 1)")))
        }
        return result
    }()

    static let career: Pipeline = build(text, name: Paths.career)

    static func build(_ yaml: String, name: String) -> Pipeline {
        do {
            return try PipelineBuilder(registry: .builtIn).build(text: yaml, file: name,
                                                                  baseDirectory: (Paths.career as NSString).deletingLastPathComponent)
        } catch {
            fatalError("\(name): \(error)")
        }
    }
}

/// The resolver's inputs: the labelled mentions and registries of several sizes.
enum Entities {
    static let mentions: [MentionEvaluation.Mention] = {
        do { return try MentionEvaluation.load(path: Paths.root + "/Fixtures/entities/mentions.yaml") } catch {
            fatalError("cannot read the labelled mentions: \(error)")
        }
    }()

    /// An index over the shipped registry plus `extra` synthetic entries (made once into Benchmarks/.build/).
    static func index(extra: Int) -> EntityIndex {
        var path = Paths.root + "/Pipelines/registries/certification-bodies.yaml"
        if extra > 0 {
            let grown = Paths.package + "/.build/registry-plus-\(extra).yaml"
            if !FileManager.default.fileExists(atPath: grown) {
                try? FileManager.default.createDirectory(atPath: Paths.package + "/.build", withIntermediateDirectories: true)
                FileManager.default.createFile(atPath: grown, contents: nil)
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                process.arguments = ["python3", Paths.package + "/registry/synthesize.py", path, "\(extra)"]
                process.standardOutput = FileHandle(forWritingAtPath: grown)
                do { try process.run() } catch { fatalError("cannot run the registry synthesizer: \(error)") }
                process.waitUntilExit()
                guard process.terminationStatus == 0 else { fatalError("the registry synthesizer failed") }
            }
            path = grown
        }
        do { return EntityIndex(registry: try EntityRegistry.load(path: path)) } catch { fatalError("\(path): \(error)") }
    }
}

/// Mutable state of one benchmark (a worker, the next page); benchmarks run one at a time.
final class Cursor<State>: @unchecked Sendable {
    var state: State
    var index = 0
    init(_ state: State) { self.state = state }
    func next<T>(_ items: [T]) -> T {
        defer { index = (index + 1) % items.count }
        return items[index]
    }
}

// MARK: - Benchmarks

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .instructions, .mallocCountTotal, .throughput],
        timeUnits: .microseconds,
        warmupIterations: 20,
        maxDuration: .seconds(2),
        maxIterations: 20_000
    )

    // Each stage: the pipeline prefix that ends with it, one page per iteration.
    for (name, pipeline) in Pipelines.prefixes {
        let cursor = Cursor(pipeline.makeWorker())
        Benchmark("stages: \(name)") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(cursor.state.process(cursor.next(Corpus.documents)))
            }
        }
    }

    // The whole career pipeline (same as the last prefix, with the record: list).
    let whole = Cursor(Pipelines.career.makeWorker())
    Benchmark("pipeline: career (whole)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(whole.state.process(whole.next(Corpus.documents)))
        }
    }

    // The whole pipeline plus JSON Lines encoding: what a worker does per page in `extract`.
    let endToEnd = Cursor((Pipelines.career.makeWorker(),
                           JSONLinesEmitter(schema: Pipelines.career.schema, options: EmitterOptions()), [UInt8]()))
    Benchmark("pipeline: career + jsonl encode") { benchmark in
        for _ in benchmark.scaledIterations {
            let item = endToEnd.state.0.process(endToEnd.next(Corpus.documents))
            endToEnd.state.2.removeAll(keepingCapacity: true)
            endToEnd.state.1.encode(item.record, into: &endToEnd.state.2)
            blackHole(endToEnd.state.2)
        }
    }

    // Each emitter, on records made once beforehand.
    let records: [Record] = {
        var worker = Pipelines.career.makeWorker()
        return Corpus.documents.map { worker.process($0).record }
    }()
    for type in EmitterRegistry.builtIn.emitters {
        let emitter = type.init(schema: Pipelines.career.schema, options: EmitterOptions())
        let cursor = Cursor([UInt8]())
        Benchmark("emit: \(type.format)") { benchmark in
            for _ in benchmark.scaledIterations {
                cursor.state.removeAll(keepingCapacity: true)
                emitter.encode(cursor.next(records), into: &cursor.state)
                blackHole(cursor.state)
            }
        }
    }

    // Entity resolution, one labelled mention (Fixtures/entities/mentions.yaml) per iteration,
    // uncached, against the real registry and against it grown to 1,000 and 4,000 more entries.
    for extra in [0, 1_000, 4_000] {
        let index = Entities.index(extra: extra)
        let cursor = Cursor(0)
        Benchmark("resolve: mention, registry of \(index.registry.entities.count)") { benchmark in
            for _ in benchmark.scaledIterations {
                let mention = cursor.next(Entities.mentions)
                blackHole(index.resolve(mention.text, credentials: mention.credentials, role: mention.role))
            }
        }
    }

    // Reading: one JSON Lines line read and parsed (the runner does this in its workers).
    let reader = Cursor(PathSource(paths: [Corpus.file]))
    Benchmark("input: jsonl line (read + parse)") { benchmark in
        for _ in benchmark.scaledIterations {
            if let entry = reader.state.next() {
                blackHole(entry)
            } else {
                reader.state = PathSource(paths: [Corpus.file])
            }
        }
    }
}
