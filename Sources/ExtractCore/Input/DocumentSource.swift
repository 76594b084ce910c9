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

/// An input entry whose expensive part (file read, JSON parse) is done by ``load()``.
public struct PendingInput: Sendable {
    enum Kind: Sendable {
        case ready(InputEntry)
        case file(path: String, maxBytes: Int)
        case jsonLine(JSONLine)
        case warcRecord(WARCRecord)
        /// A reader from another package: its own loading.
        case deferred(@Sendable () -> InputEntry)
    }

    let kind: Kind

    /// An entry that is already loaded.
    public init(_ entry: InputEntry) { kind = .ready(entry) }

    /// An entry that `load` reads, in whichever worker loads it (a reader from another package).
    public init(loading load: @escaping @Sendable () -> InputEntry) { kind = .deferred(load) }

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
        case .file(let path, let maxBytes): return TextInputReader.readFile(path, maxDocumentBytes: maxBytes)
        case .jsonLine(let line): return line.parse()
        case .warcRecord(let record): return WARCResponse.entry(record)
        case .deferred(let load): return load()
        }
    }
}

/// Documents from paths: files, directories (walked recursively in sorted order) and `-` for
/// standard input, each file read by the reader its name (or `--input-format`) selects.
///
/// Directories are walked lazily: each one is listed once, when the walk reaches it, into a
/// compact sorted listing (the names in one byte buffer), so memory grows with the size of the
/// directories on the current path, not with the corpus.
public struct PathSource: DocumentSource {
    public typealias Settings = InputSettings

    private var pending: [String]
    private let settings: Settings
    private let readers: InputReaderRegistry
    /// The file being read, with its path and (when a meter counts the input) its size, if any.
    private var container: (path: String, reader: any InputEntryReader, size: Int)?
    /// Directories being walked, innermost last.
    private var walk: [DirectoryListing] = []

    public init(paths: [String], settings: Settings = Settings(), readers: InputReaderRegistry = .builtIn) {
        pending = paths.reversed()
        self.settings = settings
        self.readers = readers
    }

    public mutating func next() -> InputEntry? { nextPending()?.load() }

    public mutating func nextPending() -> PendingInput? {
        while true {
            if var current = container {
                // The reader is taken out while it reads and put back while it has entries.
                container = nil
                if let entry = current.reader.nextEntry() {
                    container = current
                    return entry
                }
                settings.meter?.finishFile(size: current.size)
                if let failure = current.reader.readError { return PendingInput(.failure(source: current.path, failure)) }
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
                    startReading(path)
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
                startReading(path)
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                return PendingInput(.failure(source: path, Rejection(code: "input.unreadable", message: "no such file or directory")))
            }
            if isDirectory.boolValue {
                walk.append(DirectoryListing(path))
                continue
            }
            startReading(path)
        }
    }

    /// The directory being walked that `path` leads back to (through a symlink), if any.
    private func walkedAncestor(_ path: String) -> String? {
        DirectoryListing.ancestor(of: path, in: walk)?.path
    }

    /// Starts reading the file at `path` (or standard input) with the reader `--input-format`
    /// names, or else the one its name selects; its entries come next.
    private mutating func startReading(_ path: String) {
        let file = InputFile(path: path)
        var size = 0
        if settings.meter != nil, !file.isStandardInput {
            var status = stat()
            if stat(path, &status) == 0 { size = Int(status.st_size) }
        }
        if let reader = settings.reader ?? (file.isStandardInput ? readers.reader(format: "text") : readers.reader(forPath: path)) {
            container = (path, reader.open(file, settings: settings), size)
        } else {
            container = (path, SingleEntryReader(PendingInput(.failure(source: path, Rejection(code: "input.unreadable",
                message: "no input reader reads this file (input formats: \(readers.formats.joined(separator: ", ")))")))), size)
        }
    }
}
