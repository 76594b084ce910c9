import Foundation

/// One thing read from the input: a document, or a failure to read one (reported and counted).
public enum InputEntry: Sendable {
    case document(Document)
    case failure(source: String, Rejection)
    /// Something read and deliberately not made a document (a WARC request record, an image
    /// response), counted in the summary under `kind` (`warc.request`, `warc.response image/png`).
    case skipped(kind: String)
}

/// A lazy stream of documents. Sources read one document at a time so memory stays flat.
public protocol DocumentSource {
    mutating func next() -> InputEntry?
    /// The next entry, possibly not loaded yet: the cheap, ordered part of reading (which file,
    /// which line) happens here, and ``PendingInput/load()`` does the rest (reading the file,
    /// parsing the JSON line) on whichever thread calls it. The runner calls this under its lock
    /// and loads in its workers, so reading runs in parallel. The default loads in `next()`.
    mutating func nextPending() -> PendingInput?
}

extension DocumentSource {
    public mutating func nextPending() -> PendingInput? { next().map(PendingInput.init) }
}

/// A file that holds many documents (JSON Lines, a WARC archive), read entry by entry in order.
protocol ContainerReader {
    /// The file's path as given (or `-`).
    var name: String { get }
    /// The next entry, its expensive part left to ``PendingInput/load()``; nil at the end.
    mutating func nextEntry() -> PendingInput?
    /// Why reading stopped early (a read error), reported after the last entry.
    var readError: Rejection? { get }
}

/// An input entry whose expensive part (file read, JSON parse) is done by ``load()``.
public struct PendingInput: Sendable {
    enum Kind: Sendable {
        case ready(InputEntry)
        case file(path: String, maxBytes: Int)
        case jsonLine(JSONLine)
        case warcRecord(WARCRecord)
    }

    let kind: Kind

    /// An entry that is already loaded.
    public init(_ entry: InputEntry) { kind = .ready(entry) }

    init(kind: Kind) { self.kind = kind }

    /// Whether this is a record the reader skipped, known without loading it.
    var isSkipped: Bool {
        if case .ready(.skipped) = kind { return true }
        return false
    }

    /// Reads or parses the entry.
    public func load() -> InputEntry {
        switch kind {
        case .ready(let entry): return entry
        case .file(let path, let maxBytes): return PathSource.readFile(path, maxDocumentBytes: maxBytes)
        case .jsonLine(let line): return line.parse()
        case .warcRecord(let record): return WARCResponse.entry(record)
        }
    }
}

/// How files given on the command line are read.
public enum InputFormat: String, Sendable, CaseIterable {
    /// `.jsonl` / `.ndjson` files as JSON Lines, everything else as one page per file.
    case auto
    /// One page per file.
    case text
    /// One page per line: `{"id": …, "text": …}`.
    case jsonl
    /// Web archives: one page per `response` or `resource` record, gzip or not.
    case warc
}

/// Documents from paths: files, directories (walked recursively in sorted order) and `-` for
/// standard input.
///
/// Directories are walked lazily: each one is listed once, when the walk reaches it, into a
/// compact sorted listing (the names in one byte buffer), so memory grows with the size of the
/// directories on the current path, not with the corpus.
public struct PathSource: DocumentSource {
    public struct Settings: Sendable {
        public var format: InputFormat = .auto
        public var idField = "id"
        public var textField = "text"
        /// Larger documents are rejected (`input.too_large`) rather than read whole: a file, standard
        /// input, or a JSON Lines line (its page text is never longer than the line).
        public var maxDocumentBytes = 16 << 20
        /// Counts the bytes read, for progress; nil (the default) counts nothing.
        public var meter: ReadMeter?
        public init() {}
    }

    private var pending: [String]
    private let settings: Settings
    /// The file of many documents being read (JSON Lines, WARC), if any.
    private var container: (any ContainerReader)?
    /// Directories being walked, innermost last.
    private var walk: [DirectoryListing] = []

    public init(paths: [String], settings: Settings = Settings()) {
        pending = paths.reversed()
        self.settings = settings
    }

    public mutating func next() -> InputEntry? { nextPending()?.load() }

    public mutating func nextPending() -> PendingInput? {
        while true {
            if var reader = container {
                // The reader is taken out while it reads and put back while it has entries.
                container = nil
                if let entry = reader.nextEntry() {
                    container = reader
                    return entry
                }
                if let failure = reader.readError { return PendingInput(.failure(source: reader.name, failure)) }
            }
            if !walk.isEmpty {
                guard let entry = walk[walk.count - 1].next() else {
                    let done = walk.removeLast()
                    if done.failure != 0 {
                        return PendingInput(.failure(source: done.path, Rejection(code: "input.unreadable",
                            message: "cannot read the directory: \(String(cString: strerror(done.failure)))")))
                    }
                    continue
                }
                switch entry {
                case .file(let path):
                    if let entry = openPath(path) { return entry }
                case .directory(let path):
                    if let loop = walkedAncestor(path) {
                        return PendingInput(.failure(source: path, Rejection(code: "input.symlink_loop",
                            message: "a link back to '\(loop)', which is being walked: not walked again")))
                    }
                    walk.append(DirectoryListing(path))
                case .unreadable(let path, let error):
                    return PendingInput(.failure(source: path, Rejection(code: "input.unreadable",
                        message: "cannot read it: \(String(cString: strerror(error)))")))
                }
                continue
            }
            guard let path = pending.popLast() else { return nil }
            if path == "-" {
                if settings.format == .jsonl {
                    container = JSONLinesReader(handle: .standardInput, name: "-", settings: settings)
                    continue
                }
                if settings.format == .warc {
                    container = WARCReader(descriptor: dup(STDIN_FILENO), name: "-", maxDocumentBytes: settings.maxDocumentBytes,
                                           meter: settings.meter)
                    continue
                }
                return PendingInput(readStandardInput())
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                return PendingInput(.failure(source: path, Rejection(code: "input.unreadable", message: "no such file or directory")))
            }
            if isDirectory.boolValue {
                walk.append(DirectoryListing(path))
                continue
            }
            if let entry = openPath(path) { return entry }
        }
    }

    /// The directory being walked that `path` leads back to (through a symlink), if any.
    private func walkedAncestor(_ path: String) -> String? {
        DirectoryListing.ancestor(of: path, in: walk)?.path
    }

    /// A file: JSON Lines starts a reader (nil: go on reading), anything else is one document.
    private mutating func openPath(_ path: String) -> PendingInput? {
        if isWARC(path) {
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else {
                return PendingInput(.failure(source: path, Rejection(code: "input.unreadable", message: "cannot open the file")))
            }
            container = WARCReader(descriptor: descriptor, name: path, maxDocumentBytes: settings.maxDocumentBytes, meter: settings.meter)
            return nil
        }
        if isJSONLines(path) {
            guard let handle = FileHandle(forReadingAtPath: path) else {
                return PendingInput(.failure(source: path, Rejection(code: "input.unreadable", message: "cannot open the file")))
            }
            container = JSONLinesReader(handle: handle, name: path, settings: settings)
            return nil
        }
        if let meter = settings.meter {
            var status = stat()
            if stat(path, &status) == 0 { meter.add(Int(status.st_size)) }
        }
        return PendingInput(kind: .file(path: path, maxBytes: settings.maxDocumentBytes))
    }

    private func isJSONLines(_ path: String) -> Bool {
        switch settings.format {
        case .jsonl: return true
        case .text, .warc: return false
        case .auto: return path.hasSuffix(".jsonl") || path.hasSuffix(".ndjson")
        }
    }

    private func isWARC(_ path: String) -> Bool {
        switch settings.format {
        case .warc: return true
        case .text, .jsonl: return false
        case .auto: return path.hasSuffix(".warc") || path.hasSuffix(".warc.gz")
        }
    }

    /// Reads one file as a document: `open`, `read` into the document's own buffer, `close`.
    static func readFile(_ path: String, maxDocumentBytes: Int) -> InputEntry {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            return .failure(source: path, Rejection(code: "input.unreadable", message: "cannot read the file"))
        }
        defer { close(descriptor) }
        // The size of what was opened (through a symlink, its target's).
        var status = stat()
        let expected = fstat(descriptor, &status) == 0 ? max(Int(status.st_size), 0) : 0
        if expected > maxDocumentBytes {
            return .failure(source: path, tooLarge("the document is \(expected) bytes, over the limit of \(maxDocumentBytes)"))
        }
        switch readAll(descriptor, expecting: expected, limit: maxDocumentBytes) {
        case .bytes(let bytes): return .document(Document(source: path, bytes: bytes))
        case .tooLarge: return .failure(source: path, tooLarge("the file holds more than the limit of \(maxDocumentBytes) bytes"))
        case .failed: return .failure(source: path, Rejection(code: "input.unreadable", message: "cannot read the file"))
        }
    }

    /// A document over `--max-document-bytes`.
    static func tooLarge(_ message: String) -> Rejection { Rejection(code: "input.too_large", message: message) }

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

    private func readStandardInput() -> InputEntry {
        switch Self.readAll(STDIN_FILENO, expecting: 64 << 10, limit: settings.maxDocumentBytes) {
        case .bytes(let bytes): return .document(Document(source: "-", bytes: bytes))
        case .tooLarge: return .failure(source: "-", Self.tooLarge("standard input holds more than the limit of \(settings.maxDocumentBytes) bytes"))
        case .failed(let error):
            return .failure(source: "-", Rejection(code: "input.unreadable", message: "cannot read standard input: \(String(cString: strerror(error)))"))
        }
    }
}
