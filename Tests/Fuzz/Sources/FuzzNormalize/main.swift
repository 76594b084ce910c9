import ExtractCore
import ExtractStages
import FuzzSupport

let pipeline = repositoryPipeline("Tests/Fuzz/normalize.yaml")
nonisolated(unsafe) var worker = pipeline.makeWorker()

/// Arbitrary page bytes through the normalize stage with every option on; normalizing its
/// output again must change nothing.
runFuzzer { data, size in
    let item = worker.process(Document(source: "fuzz", bytes: bytes(data, size)))
    checkInvariants(item)
    if item.rejection == nil {
        let again = worker.process(Document(source: "again", bytes: item.text))
        precondition(again.rejection != nil || again.text == item.text, "normalize is not idempotent")
    }
    return 0
}
