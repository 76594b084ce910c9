import ExtractCore
import ExtractStages
import FuzzSupport

let pipeline = repositoryPipeline("Pipelines/career.yaml")
nonisolated(unsafe) var worker = pipeline.makeWorker()

/// Arbitrary page bytes through the whole career pipeline: a record or a rejection, spans inside.
runFuzzer { data, size in
    checkInvariants(worker.process(Document(source: "fuzz", bytes: bytes(data, size))))
    return 0
}
