import Foundation

/// One page per file (or standard input), read whole: the reader of every file that no other
/// reader's name end claims. The file is read by the worker that loads the entry.
public enum TextInputReader: InputReader {
    public static let format = "text"
    public static let fileExtensions: [String] = []
    public static let summary = "one page per file, UTF-8 or another text encoding (see --encoding), or HTML"

    public static func open(_ file: InputFile, settings: InputSettings) -> any InputEntryReader {
        if file.isStandardInput { return SingleEntryReader(PendingInput(readStandardInput(maxDocumentBytes: settings.maxDocumentBytes))) }
        return SingleEntryReader(PendingInput(kind: .file(path: file.path, maxBytes: settings.maxDocumentBytes)))
    }

    /// Reads one file as a document: `open`, `read` into the document's own buffer, `close`.
    static func readFile(_ path: String, maxDocumentBytes: Int) -> InputEntry {
        guard let descriptor = InputFile(path: path).openForReading() else {
            return .failure(source: path, Rejection(code: "input.unreadable", message: "cannot read the file"))
        }
        defer { close(descriptor) }
        // The size of what was opened (through a symlink, its target's).
        var status = stat()
        let expected = fstat(descriptor, &status) == 0 ? max(Int(status.st_size), 0) : 0
        if expected > maxDocumentBytes {
            return .failure(source: path, .tooLarge("the document is \(expected) bytes, over the limit of \(maxDocumentBytes)"))
        }
        switch readAll(descriptor, expecting: expected, limit: maxDocumentBytes) {
        case .bytes(let bytes): return .document(Document(source: path, bytes: bytes))
        case .tooLarge: return .failure(source: path, .tooLarge("the file holds more than the limit of \(maxDocumentBytes) bytes"))
        case .failed: return .failure(source: path, Rejection(code: "input.unreadable", message: "cannot read the file"))
        }
    }

    /// What ``readAll(_:expecting:limit:)`` got.
    enum ReadAll {
        case bytes([UInt8])
        /// More than the limit: reading stopped there.
        case tooLarge
        /// A read failed, with this errno.
        case failed(Int32)
    }

    /// Everything `descriptor` holds up to its end, the first read sized for `expected` bytes
    /// and one more (so it normally sees the end too); reading stops as soon as there is more
    /// than `limit` (a file that grew, a pipe).
    static func readAll(_ descriptor: Int32, expecting expected: Int, limit: Int) -> ReadAll {
        var bytes: [UInt8] = []
        var chunk = min(expected, limit) + 1
        while true {
            let read = ByteReading.read(descriptor, count: chunk, keeping: bytes[...], fill: true)
            guard read.error == 0 else { return .failed(read.error) }
            bytes = read.bytes
            if bytes.count > limit { return .tooLarge }
            if read.got < chunk { return .bytes(bytes) }
            // There is more: read on, in chunks that grow with what was read (each read copies
            // what came before into a larger array).
            chunk = min(max(64 << 10, bytes.count), limit - bytes.count + 1)
        }
    }

    private static func readStandardInput(maxDocumentBytes: Int) -> InputEntry {
        switch readAll(STDIN_FILENO, expecting: 64 << 10, limit: maxDocumentBytes) {
        case .bytes(let bytes): return .document(Document(source: "-", bytes: bytes))
        case .tooLarge: return .failure(source: "-", .tooLarge("standard input holds more than the limit of \(maxDocumentBytes) bytes"))
        case .failed(let error):
            return .failure(source: "-", Rejection(code: "input.unreadable", message: "cannot read standard input: \(String(cString: strerror(error)))"))
        }
    }
}
