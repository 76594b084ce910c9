import Dispatch
import Foundation

/// Runs a pipeline over a stream of documents with N workers and writes records in input order.
///
/// Documents are read in batches; the workers process a batch in parallel (each with its own
/// ``PipelineWorker``), encode the records with the emitter, and the bytes are written in input
/// order, so the output is the same byte for byte whatever the number of workers. Memory is
/// bounded by the batch size, not the corpus.
public struct Runner {
    public let pipeline: Pipeline
    public let emitter: any Emitter
    public let jobs: Int
    public let batchSize: Int

    /// Called on the writing thread for each document that gave no record.
    public var onFailure: (String, Rejection) -> Void = { _, _ in }
    /// Called after each batch with the counts so far.
    public var onProgress: (RunSummary) -> Void = { _ in }
    /// Checked between batches; when it returns true the run stops reading and finishes cleanly.
    public var shouldStop: () -> Bool = { false }

    public init(pipeline: Pipeline, emitter: any Emitter, jobs: Int, batchSize: Int? = nil) {
        self.pipeline = pipeline
        self.emitter = emitter
        self.jobs = max(1, jobs)
        self.batchSize = batchSize ?? max(64, 32 * max(1, jobs))
    }

    /// Processes every document of `source` and writes the output; returns the counts.
    public func run(source: inout some DocumentSource, output: OutputFile) throws -> RunSummary {
        let start = DispatchTime.now()
        var summary = RunSummary()
        let workers = WorkerPool(pipeline: pipeline, count: jobs)
        try output.write(emitter.header())
        var written = 0
        var exhausted = false
        while !exhausted && !shouldStop() {
            var batch: [InputEntry] = []
            batch.reserveCapacity(batchSize)
            while batch.count < batchSize, let entry = source.next() { batch.append(entry) }
            if batch.count < batchSize { exhausted = true }
            if batch.isEmpty { break }

            let results = process(batch, workers: workers)
            for (entry, result) in zip(batch, results) {
                switch entry {
                case .failure(let source, let rejection):
                    summary.countFailure(rejection)
                    onFailure(source, rejection)
                case .document:
                    guard let result else { continue }
                    summary.count(result.item)
                    if let rejection = result.item.rejection {
                        onFailure(result.item.document.source, rejection)
                        continue
                    }
                    if written > 0 { try output.write(emitter.separator) }
                    try output.write(result.bytes)
                    written += 1
                }
            }
            summary.seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            onProgress(summary)
        }
        try output.write(emitter.footer(recordCount: written))
        summary.seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        return summary
    }

    private struct Result: Sendable {
        var item: WorkItem
        var bytes: [UInt8]
    }

    private func process(_ batch: [InputEntry], workers: WorkerPool) -> [Result?] {
        let slots = ResultSlots<Result>(count: batch.count)
        let emitter = self.emitter
        let work: @Sendable (Int, Int) -> Void = { worker, index in
            guard case .document(let document) = batch[index] else { return }
            let item = workers.workers[worker].process(document)
            var bytes: [UInt8] = []
            if item.rejection == nil { emitter.encode(item.record, into: &bytes) }
            slots.slots[index] = Result(item: item, bytes: bytes)
        }
        if jobs == 1 {
            for index in batch.indices { work(0, index) }
        } else {
            let next = Counter()
            DispatchQueue.concurrentPerform(iterations: jobs) { worker in
                while true {
                    let index = next.increment()
                    guard index < batch.count else { break }
                    work(worker, index)
                }
            }
        }
        return slots.values
    }
}

/// One ``PipelineWorker`` per thread; slot i is only touched by the thread running worker i.
/// Raw storage, because concurrent mutation through a class's array property is an
/// exclusivity violation even at distinct indices.
private final class WorkerPool: @unchecked Sendable {
    let workers: UnsafeMutablePointer<PipelineWorker>
    let count: Int
    init(pipeline: Pipeline, count: Int) {
        self.count = count
        workers = .allocate(capacity: count)
        for index in 0..<count { (workers + index).initialize(to: pipeline.makeWorker()) }
    }
    deinit {
        workers.deinitialize(count: count)
        workers.deallocate()
    }
}

/// Result slots written by index from several threads, each index by exactly one thread.
private final class ResultSlots<T>: @unchecked Sendable {
    let slots: UnsafeMutablePointer<T?>
    let count: Int
    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
    }
    var values: [T?] { Array(UnsafeBufferPointer(start: slots, count: count)) }
    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }
}

/// A shared counter handing out the next document index.
private final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        let current = value
        value += 1
        return current
    }
}
