import Dispatch
import Foundation

/// Runs a pipeline over a stream of documents with N workers and writes records in input order.
///
/// The work is cut into chunks of a few documents, numbered in input order. Each of the N
/// worker threads (the calling thread is one of them) loops: take the next chunk from the
/// source under a lock (only the ordered, cheap part of reading: which file, which line), load
/// it (read the files, parse the JSON lines), run every document through its own
/// ``PipelineWorker``, encode the records with the emitter into one buffer, and hand the chunk
/// back. Whichever thread hands back the chunk that is next in input order writes it, and any
/// finished chunks after it, to the output. So reading, processing and writing overlap, the
/// threads never wait for one another at batch boundaries, and the output is the same byte for
/// byte whatever the number of workers. With one worker everything runs on the calling thread.
///
/// Memory is bounded by the read-ahead (``batchSize`` documents at most are read but not yet
/// written), not by the corpus.
public struct Runner {
    public let pipeline: Pipeline
    public let emitter: any Emitter
    public let jobs: Int
    /// The most documents read ahead of the output (in chunks being processed or waiting to be written).
    public let batchSize: Int

    /// Whether the records must carry source spans (the emitter writes them); when not, stages
    /// skip working them out.
    public var recordsSpans = true
    /// How text pages that are not UTF-8 are read (`--encoding`).
    public var inputEncoding = InputEncoding.auto
    /// Called on the writing thread for each document (or piece of one) that gave no record, in input order.
    public var onFailure: (String, Rejection) -> Void = { _, _ in }
    /// Called on the writing thread after each chunk is written, with the counts so far.
    public var onProgress: (RunSummary) -> Void = { _ in }
    /// Checked before each chunk is read; when it returns true the run stops reading and finishes cleanly.
    public var shouldStop: () -> Bool = { false }

    public init(pipeline: Pipeline, emitter: any Emitter, jobs: Int, batchSize: Int? = nil) {
        self.pipeline = pipeline
        self.emitter = emitter
        self.jobs = max(1, jobs)
        self.batchSize = max(1, batchSize ?? max(64, 32 * max(1, jobs)))
    }

    /// Documents per chunk: small enough to keep every worker busy to the end and the read-ahead
    /// within ``batchSize``, large enough that the lock is taken rarely.
    var chunkSize: Int { max(1, min(16, batchSize / (2 * jobs))) }

    /// Processes every document of `source` and writes the output; returns the counts.
    public func run<Source: DocumentSource>(source: inout Source, output: OutputFile) throws -> RunSummary {
        let start = DispatchTime.now()
        try output.write(emitter.header())
        let run = RunState(runner: self, source: source, output: output, start: start)
        if jobs == 1 {
            run.work(worker: 0)
        } else {
            let threads: any WorkerLoop = run
            DispatchQueue.concurrentPerform(iterations: jobs) { threads.work(worker: $0) }
        }
        source = run.source
        if let error = run.error { throw error }
        try output.write(emitter.footer(recordCount: run.written))
        var summary = run.summary
        summary.seconds = Self.seconds(since: start)
        return summary
    }

    static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }
}

/// What each worker thread runs (erases the source's type for the threads).
private protocol WorkerLoop: AnyObject, Sendable {
    func work(worker: Int)
}

/// A processed chunk, waiting to be written: its records' bytes (separated by the emitter's
/// separator), the failures in input order, and its counts.
private struct Chunk {
    var bytes: [UInt8] = []
    var records = 0
    var failures: [(String, Rejection)] = []
    var summary = RunSummary()
}

/// The state one run's threads share. Everything mutable is guarded by `condition`'s lock,
/// except each worker's own ``PipelineWorker`` (slot i belongs to thread i) and the output,
/// which only the thread holding the writer's turn (`writing`) touches.
private final class RunState<Source: DocumentSource>: WorkerLoop, @unchecked Sendable {
    let runner: Runner
    let output: OutputFile
    let start: DispatchTime
    let chunkSize: Int
    /// Chunks that may be read ahead of the next one to write.
    let window: Int
    let workers: UnsafeMutablePointer<PipelineWorker>
    /// The output size of each worker's last chunk (slot i belongs to thread i): the next chunk's
    /// buffer is made that size up front instead of growing record by record.
    let lastChunkBytes: UnsafeMutablePointer<Int>

    let condition = NSCondition()
    var source: Source
    var exhausted = false
    var nextToRead = 0
    var nextToWrite = 0
    var finished: [Int: Chunk] = [:]
    var writing = false
    var error: (any Error)?
    var summary = RunSummary()
    var written = 0

    init(runner: Runner, source: Source, output: OutputFile, start: DispatchTime) {
        self.runner = runner
        self.source = source
        self.output = output
        self.start = start
        chunkSize = runner.chunkSize
        window = max(2 * runner.jobs, runner.batchSize / chunkSize)
        workers = .allocate(capacity: runner.jobs)
        for index in 0..<runner.jobs { (workers + index).initialize(to: runner.pipeline.makeWorker(recordsSpans: runner.recordsSpans, inputEncoding: runner.inputEncoding)) }
        lastChunkBytes = .allocate(capacity: runner.jobs)
        lastChunkBytes.initialize(repeating: 0, count: runner.jobs)
    }

    deinit {
        workers.deinitialize(count: runner.jobs)
        workers.deallocate()
        lastChunkBytes.deallocate()
    }

    /// One worker thread's loop.
    func work(worker: Int) {
        var inputs: [PendingInput] = []
        inputs.reserveCapacity(chunkSize)
        while true {
            // Take the next chunk.
            condition.lock()
            while !exhausted && error == nil && nextToRead - nextToWrite >= window { condition.wait() }
            if exhausted || error != nil {
                condition.unlock()
                return
            }
            if runner.shouldStop() {
                exhausted = true
                condition.broadcast()
                condition.unlock()
                return
            }
            while inputs.count < chunkSize, let input = source.nextPending() { inputs.append(input) }
            if inputs.count < chunkSize { exhausted = true }
            let sequence = nextToRead
            if !inputs.isEmpty { nextToRead += 1 }
            condition.unlock()
            if inputs.isEmpty { return }

            let chunk = process(inputs, worker: worker)
            inputs.removeAll(keepingCapacity: true)

            // Hand it back; write it and whatever follows it if it is next in order.
            condition.lock()
            finished[sequence] = chunk
            if !writing {
                writing = true
                while error == nil, let next = finished.removeValue(forKey: nextToWrite) {
                    condition.unlock()
                    let failure = write(next)
                    condition.lock()
                    if let failure { error = failure }
                    nextToWrite += 1
                    condition.broadcast()
                }
                writing = false
            }
            condition.unlock()
        }
    }

    /// Loads, processes and encodes the documents of one chunk.
    private func process(_ inputs: [PendingInput], worker: Int) -> Chunk {
        var chunk = Chunk()
        chunk.bytes.reserveCapacity(lastChunkBytes[worker] + lastChunkBytes[worker] / 4)
        defer { lastChunkBytes[worker] = chunk.bytes.count }
        let emitter = runner.emitter
        let separator = emitter.separator
        for input in inputs {
            switch input.load() {
            case .failure(let source, let rejection):
                chunk.summary.countFailure(rejection)
                chunk.failures.append((source, rejection))
            case .skipped(let kind):
                chunk.summary.skipped[kind, default: 0] += 1
            case .document(let document):
                chunk.summary.count(document)
                // One item per record, or per piece of a document that a stage splits, in order.
                workers[worker].process(document) { item in
                    chunk.summary.count(item)
                    if let rejection = item.rejection {
                        chunk.failures.append((item.document.source, rejection))
                        return
                    }
                    if chunk.records > 0 { chunk.bytes.append(contentsOf: separator) }
                    emitter.encode(item.record, into: &chunk.bytes)
                    chunk.records += 1
                }
            }
        }
        return chunk
    }

    /// Writes one chunk and reports its failures and the progress (on the writer's turn).
    private func write(_ chunk: Chunk) -> (any Error)? {
        do {
            for (source, rejection) in chunk.failures { runner.onFailure(source, rejection) }
            if chunk.records > 0 {
                if written > 0 { try output.write(runner.emitter.separator) }
                try output.write(chunk.bytes)
                written += chunk.records
            }
            summary.add(chunk.summary)
            summary.seconds = Runner.seconds(since: start)
            runner.onProgress(summary)
            return nil
        } catch {
            return error
        }
    }
}
