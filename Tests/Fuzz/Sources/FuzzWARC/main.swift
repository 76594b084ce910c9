import ExtractCore
import FuzzSupport

let plain = ScratchFile(suffix: ".warc")

/// Arbitrary bytes as a WARC file (plain, or gzip when they start like gzip): every record gives
/// a document, a failure or a skip, reading always ends, and no document is over the limit.
runFuzzer { data, size in
    plain.write(bytes(data, size))
    var settings = PathSource.Settings()
    settings.reader = WARCInputReader.self
    settings.maxDocumentBytes = 1 << 16
    var source = PathSource(paths: [plain.path], settings: settings)
    var entries = 0
    while let entry = source.next() {
        entries += 1
        precondition(entries <= size + 1, "more entries than bytes: reading does not advance")
        if case .document(let document) = entry { precondition(document.bytes.count <= 1 << 16, "a document over the limit") }
    }
    return 0
}
