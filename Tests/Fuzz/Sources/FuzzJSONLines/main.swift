import ExtractCore
import FuzzSupport

let scratch = ScratchFile(suffix: ".jsonl")

/// Arbitrary bytes as a JSON Lines file, read through the same source the command line uses:
/// every line gives a document or a failure, never a crash; a document's text is UTF-8.
runFuzzer { data, size in
    scratch.write(bytes(data, size))
    var settings = PathSource.Settings()
    settings.maxDocumentBytes = 4096
    var source = PathSource(paths: [scratch.path], settings: settings)
    while let entry = source.next() {
        if case .document(let document) = entry {
            precondition(String(validating: document.bytes, as: UTF8.self) != nil, "a JSON Lines document that is not UTF-8")
        }
    }
    return 0
}
