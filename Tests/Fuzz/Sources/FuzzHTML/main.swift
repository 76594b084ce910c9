import ExtractCore
import ExtractStages
import FuzzSupport

let pipeline = repositoryPipeline("Tests/Fuzz/html.yaml")
nonisolated(unsafe) var worker = pipeline.makeWorker()

/// Arbitrary page bytes through the html stage (select and drop as the career pipeline has
/// them): a text or a rejection, UTF-8, every span inside the page, the offset map monotone.
runFuzzer { data, size in
    let item = worker.process(Document(source: "fuzz", bytes: bytes(data, size)))
    checkInvariants(item)
    if item.rejection == nil {
        var previous = 0
        for offset in stride(from: 0, through: item.text.count, by: max(1, item.text.count / 64)) {
            let original = item.offsets.original(offset)
            precondition(original >= previous && original <= item.document.bytes.count, "offset map goes back or leaves the page")
            previous = original
        }
    }
    return 0
}
