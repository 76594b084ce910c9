import Foundation

/// One thing read from the input: a document, or a failure to read one (reported and counted).
public enum InputEntry: Sendable {
    case document(Document)
    case failure(source: String, Rejection)
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
    }

    let kind: Kind

    /// An entry that is already loaded.
    public init(_ entry: InputEntry) { kind = .ready(entry) }

    init(kind: Kind) { self.kind = kind }

    /// Reads or parses the entry.
    public func load() -> InputEntry {
        switch kind {
        case .ready(let entry): return entry
        case .file(let path, let maxBytes): return PathSource.readFile(path, maxDocumentBytes: maxBytes)
        case .jsonLine(let line): return line.parse()
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
        public init() {}
    }

    private var pending: [String]
    private let settings: Settings
    private var lines: JSONLinesReader?
    /// Directories being walked, innermost last.
    private var walk: [DirectoryListing] = []

    public init(paths: [String], settings: Settings = Settings()) {
        pending = paths.reversed()
        self.settings = settings
    }

    public mutating func next() -> InputEntry? { nextPending()?.load() }

    public mutating func nextPending() -> PendingInput? {
        while true {
            if var reader = lines {
                // The reader is taken out while it reads and put back while it has lines.
                lines = nil
                if let line = reader.nextLine() {
                    lines = reader
                    return line
                }
                if let failure = reader.readError { return PendingInput(.failure(source: reader.name, failure)) }
            }
            if !walk.isEmpty {
                guard let (path, isDirectory) = walk[walk.count - 1].next() else {
                    walk.removeLast()
                    continue
                }
                if isDirectory {
                    walk.append(DirectoryListing(path))
                    continue
                }
                if let entry = openPath(path) { return entry }
                continue
            }
            guard let path = pending.popLast() else { return nil }
            if path == "-" {
                if settings.format == .jsonl {
                    lines = JSONLinesReader(handle: .standardInput, name: "-", settings: settings)
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

    /// A file: JSON Lines starts a reader (nil: go on reading), anything else is one document.
    private mutating func openPath(_ path: String) -> PendingInput? {
        if isJSONLines(path) {
            guard let handle = FileHandle(forReadingAtPath: path) else {
                return PendingInput(.failure(source: path, Rejection(code: "input.unreadable", message: "cannot open the file")))
            }
            lines = JSONLinesReader(handle: handle, name: path, settings: settings)
            return nil
        }
        return PendingInput(kind: .file(path: path, maxBytes: settings.maxDocumentBytes))
    }

    private func isJSONLines(_ path: String) -> Bool {
        switch settings.format {
        case .jsonl: return true
        case .text: return false
        case .auto: return path.hasSuffix(".jsonl") || path.hasSuffix(".ndjson")
        }
    }

    /// Reads one file as a document: `open`, `read` into the document's own buffer, `close`.
    static func readFile(_ path: String, maxDocumentBytes: Int) -> InputEntry {
        // The size as FileManager reported it before (the entry itself, not a symlink's target).
        var status = stat()
        if lstat(path, &status) == 0, Int(status.st_size) > maxDocumentBytes {
            return .failure(source: path, tooLarge("the document is \(Int(status.st_size)) bytes, over the limit of \(maxDocumentBytes)"))
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            return .failure(source: path, Rejection(code: "input.unreadable", message: "cannot read the file"))
        }
        defer { close(descriptor) }
        // What was opened (a symlink's target, say) may be larger than what lstat saw.
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
            chunk = min(max(64 << 10, bytes.count), limit + 1 - bytes.count)
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

    /// Regular files under `directory`, recursively, in sorted path order; hidden files skipped.
    static func listFiles(in directory: String) -> [String] {
        var result: [String] = []
        var walk = [DirectoryListing(directory)]
        while !walk.isEmpty {
            guard let (path, isDirectory) = walk[walk.count - 1].next() else {
                walk.removeLast()
                continue
            }
            if isDirectory { walk.append(DirectoryListing(path)) } else { result.append(path) }
        }
        return result
    }
}

/// One directory's entries, in the order `[String].sorted()` gives them, hidden ones left out.
///
/// Memory stays bounded however large the directory: each pass over the directory keeps only
/// the next ``batch`` names after the last one given out (names in one byte buffer), and the
/// directory is read again for the batch after that. A directory of up to ``batch`` entries is
/// read once.
struct DirectoryListing {
    /// Names kept per pass.
    static let batch = 8192

    private let base: String
    /// Names of this pass, each followed by a NUL.
    private var names: [UInt8] = []
    /// Per name of this pass: its start in `names` and its kind (1 directory, 0 other, 2 unknown:
    /// stat when reached), in sorted order once the pass is done.
    private var entries: [(start: Int32, kind: UInt8)] = []
    private var position = 0
    /// Where `keepSmallest` compacts to; swapped with `names`/`entries`, so the same two buffers
    /// serve every pass (allocating new ones each time fragments the heap: peak RSS then grows
    /// with the size of the directory).
    private var spareNames: [UInt8] = []
    private var spareEntries: [(start: Int32, kind: UInt8)] = []
    /// The last name given out (with its NUL), where the next pass starts.
    private var last: [UInt8]?
    /// Whether this pass holds every remaining name.
    private var complete = false

    init(_ directory: String) {
        base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        readPass()
    }

    /// Reads the directory, keeping the `batch` smallest names after `last`.
    private mutating func readPass() {
        names.removeAll(keepingCapacity: true)
        entries.removeAll(keepingCapacity: true)
        position = 0
        complete = true
        guard let stream = opendir(base.isEmpty ? "/" : base) else { return }
        defer { closedir(stream) }
        let last = self.last
        /// Once a batch is full, the largest name kept: names at or after it cannot make this batch.
        var cutoff: [UInt8]?
        while let entry = readdir(stream) {
            let kind: UInt8
            switch entry.pointee.d_type {
            case UInt8(DT_DIR): kind = 1
            case UInt8(DT_REG): kind = 0
            default: kind = 2
            }
            withUnsafePointer(to: &entry.pointee.d_name) { name in
                name.withMemoryRebound(to: UInt8.self, capacity: 256) { bytes in
                    guard bytes[0] != UInt8(ascii: ".") else { return }  // hidden, `.` and `..`
                    if let last, !last.withUnsafeBufferPointer({ Self.precedes($0.baseAddress!, bytes) }) { return }
                    if let cutoff, !cutoff.withUnsafeBufferPointer({ Self.precedes(bytes, $0.baseAddress!) }) { return }
                    entries.append((Int32(names.count), kind))
                    names.append(contentsOf: UnsafeBufferPointer(start: bytes, count: strlen(UnsafeRawPointer(bytes).assumingMemoryBound(to: CChar.self)) + 1))
                }
            }
            if entries.count >= 2 * Self.batch {
                keepSmallest()
                let start = Int(entries[entries.count - 1].start)
                cutoff = Array(names[start...(names[start...].firstIndex(of: 0)!)])
            }
        }
        keepSmallest()
    }

    /// Sorts this pass's names and keeps the first `batch` of them.
    private mutating func keepSmallest() {
        names.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress!
            entries.sort { Self.precedes(base + Int($0.start), base + Int($1.start)) }
        }
        guard entries.count > Self.batch else { return }
        complete = false
        spareNames.removeAll(keepingCapacity: true)
        spareEntries.removeAll(keepingCapacity: true)
        for entry in entries.prefix(Self.batch) {
            spareEntries.append((Int32(spareNames.count), entry.kind))
            var index = Int(entry.start)
            while names[index] != 0 { spareNames.append(names[index]); index += 1 }
            spareNames.append(0)
        }
        swap(&names, &spareNames)
        swap(&entries, &spareEntries)
    }

    /// The NUL-terminated name at `a` sorts before the one at `b`, as Swift's String comparison
    /// orders them (by bytes when both are ASCII, which is the same order; as Strings otherwise).
    /// Names that are different bytes but equal Strings (`é` precomposed and decomposed) are
    /// ordered by their bytes, so the order is total and a pass boundary cannot fall between them.
    private static func precedes(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>) -> Bool {
        var i = 0
        while true {
            let x = a[i]
            let y = b[i]
            if x >= 0x80 || y >= 0x80 { break }
            if x != y { return x < y }  // NUL (the end) sorts first
            if x == 0 { return false }
            i += 1
        }
        let first = String(cString: a)
        let second = String(cString: b)
        if first != second { return first < second }
        var j = 0
        while a[j] == b[j] && a[j] != 0 { j += 1 }
        return a[j] < b[j]
    }

    /// The next entry's path and whether it is a directory (symlinks followed); entries that
    /// cannot be stat'ed (broken links) are skipped.
    mutating func next() -> (String, Bool)? {
        while true {
            if position == entries.count {
                guard !complete, let (start, _) = entries.last else { return nil }
                var index = Int(start)
                var name: [UInt8] = []
                while names[index] != 0 { name.append(names[index]); index += 1 }
                name.append(0)
                last = name
                readPass()
                continue
            }
            let (start, kind) = entries[position]
            position += 1
            var end = Int(start)
            while names[end] != 0 { end += 1 }
            let path = base + "/" + String(decoding: names[Int(start)..<end], as: UTF8.self)
            switch kind {
            case 0: return (path, false)
            case 1: return (path, true)
            default:
                var status = stat()
                guard stat(path, &status) == 0 else { continue }
                return (path, (status.st_mode & 0o170000) == 0o040000)
            }
        }
    }
}
