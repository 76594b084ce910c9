import ExtractCore
import ExtractStages
import FuzzSupport

let pipeline = repositoryPipeline("Tests/Fuzz/normalize.yaml")
nonisolated(unsafe) var worker = pipeline.makeWorker()
let withoutReferences = repositoryPipeline("Tests/Fuzz/normalize-without-references.yaml")
nonisolated(unsafe) var second = withoutReferences.makeWorker()

/// Arbitrary page bytes through the normalize stage with every option on: UTF-8 out, spans
/// inside. Normalizing is idempotent where nothing decodes references (decoding `&amp;lt;`
/// twice gives `<` by nature, and a decoded `&#199;` may be followed by what reads as
/// mojibake), so that is checked with html_entities off.
runFuzzer { data, size in
    let input = bytes(data, size)
    checkInvariants(worker.process(Document(source: "fuzz", bytes: input)))
    let once = second.process(Document(source: "once", bytes: input))
    if once.rejection == nil {
        let again = second.process(Document(source: "again", bytes: once.text))
        precondition(again.rejection != nil || again.text == once.text, "normalize is not idempotent")
    }
    return 0
}
