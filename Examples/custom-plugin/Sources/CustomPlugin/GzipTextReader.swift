import ExtractCore

/// `--input-format gztext`, and any file ending in `.txt.gz`: one page per gzip-compressed file.
/// The file is inflated by the worker that loads it, with extract's own gzip reader; a damaged or
/// cut-off file is a failure (`gztext.damaged`), a page larger than `--max-document-bytes` once
/// inflated is `input.too_large`.
public enum GzipTextReader: InputReader {
    public static let format = "gztext"
    public static let fileExtensions = ["txt.gz"]
    public static let summary = "one page per gzip-compressed text file"

    public static func open(_ file: InputFile, settings: InputSettings) -> any InputEntryReader {
        let limit = settings.maxDocumentBytes
        return SingleEntryReader(PendingInput { inflate(file, limit: limit) })
    }

    static func inflate(_ file: InputFile, limit: Int) -> InputEntry {
        guard let descriptor = file.openForReading() else {
            return .failure(source: file.path, Rejection(code: "input.unreadable", message: "cannot open the file"))
        }
        let stream = GzipStream(descriptor: descriptor)
        var bytes: [UInt8] = []
        while true {
            switch stream.read(into: &bytes) {
            case .data:
                if bytes.count > limit {
                    return .failure(source: file.path, .tooLarge("the page inflates to more than the limit of \(limit) bytes"))
                }
            case .end:
                return .document(Document(source: file.path, bytes: bytes))
            case .gap(let what):
                return .failure(source: file.path, Rejection(code: "gztext.damaged", message: what))
            case .readError(let error):
                return .failure(source: file.path, Rejection(code: "input.unreadable", message: "reading stopped (errno \(error))"))
            }
        }
    }
}
