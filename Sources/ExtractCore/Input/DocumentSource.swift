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
        /// Larger documents are rejected (`input.too_large`) rather than read.
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
                // Move the reader out while it reads, so its buffer is not copied.
                lines = nil
                if let line = reader.nextLine() {
                    lines = reader
                    return PendingInput(kind: .jsonLine(line))
                }
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
            let size = Int(status.st_size)
            return .failure(source: path, Rejection(code: "input.too_large",
                message: "the document is \(size) bytes, over the limit of \(maxDocumentBytes)"))
        }
        guard let bytes = readWholeFile(path) else {
            return .failure(source: path, Rejection(code: "input.unreadable", message: "cannot read the file"))
        }
        return .document(Document(source: path, bytes: bytes))
    }

    /// The file's bytes, or nil when it cannot be opened or read.
    static func readWholeFile(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        var bytes: [UInt8] = []
        // One byte more than the size, so one read normally sees the end of the file too.
        var chunk = max(Int(status.st_size), 0) + 1
        while true {
            let before = bytes.count
            var got = 0
            var failed = false
            bytes.append(contentsOf: repeatElement(0, count: chunk))
            bytes.withUnsafeMutableBytes { buffer in
                while got < chunk {
                    let result = read(descriptor, buffer.baseAddress! + before + got, chunk - got)
                    if result < 0 {
                        if errno == EINTR { continue }
                        failed = true
                        return
                    }
                    if result == 0 { break }
                    got += result
                }
            }
            if failed { return nil }
            bytes.removeLast(chunk - got)
            if got < chunk { return bytes }
            chunk = 64 << 10  // the file is longer than it was: read on
        }
    }

    private func readStandardInput() -> InputEntry {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        return .document(Document(source: "-", bytes: [UInt8](data)))
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

/// One directory's entries, sorted as `[String].sorted()` sorts them, hidden ones left out:
/// the names are kept in one byte buffer and paths are made one at a time.
struct DirectoryListing {
    private let base: String
    private var names: [UInt8] = []
    /// Start of each name in `names` (each name ends with a NUL), in sorted order.
    private var starts: [Int32] = []
    /// Per name in read order: 1 directory, 0 other, 2 unknown (stat when reached).
    private var kinds: [UInt8] = []
    private var order: [Int32] = []
    private var position = 0

    init(_ directory: String) {
        base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        guard let stream = opendir(directory) else { return }
        defer { closedir(stream) }
        while let entry = readdir(stream) {
            let added: Bool = withUnsafePointer(to: &entry.pointee.d_name) { name in
                name.withMemoryRebound(to: UInt8.self, capacity: 256) { bytes in
                    guard bytes[0] != UInt8(ascii: ".") else { return false }  // hidden, `.` and `..`
                    starts.append(Int32(names.count))
                    var index = 0
                    while bytes[index] != 0 { names.append(bytes[index]); index += 1 }
                    names.append(0)
                    return true
                }
            }
            guard added else { continue }
            switch entry.pointee.d_type {
            case UInt8(DT_DIR): kinds.append(1)
            case UInt8(DT_REG): kinds.append(0)
            default: kinds.append(2)
            }
        }
        order = (0..<Int32(starts.count)).map { $0 }
        names.withUnsafeBufferPointer { buffer in
            let starts = self.starts
            order.sort { Self.precedes(buffer, Int(starts[Int($0)]), Int(starts[Int($1)])) }
        }
    }

    /// The name at `a` sorts before the name at `b`, as Swift's String comparison orders them
    /// (by bytes when both are ASCII, which is the same order; as Strings otherwise).
    private static func precedes(_ buffer: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int) -> Bool {
        var i = a
        var j = b
        while true {
            let x = buffer[i]
            let y = buffer[j]
            if x >= 0x80 || y >= 0x80 { break }
            if x != y { return x < y }  // NUL (the end) sorts first
            if x == 0 { return false }
            i += 1
            j += 1
        }
        return string(buffer, a) < string(buffer, b)
    }

    private static func string(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int) -> String {
        var end = start
        while buffer[end] != 0 { end += 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<end]), as: UTF8.self)
    }

    /// The next entry's path and whether it is a directory (symlinks followed); entries that
    /// cannot be stat'ed (broken links) are skipped.
    mutating func next() -> (String, Bool)? {
        while position < order.count {
            let index = Int(order[position])
            position += 1
            let start = Int(starts[index])
            var end = start
            while names[end] != 0 { end += 1 }
            let path = base + "/" + String(decoding: names[start..<end], as: UTF8.self)
            switch kinds[index] {
            case 0: return (path, false)
            case 1: return (path, true)
            default:
                var status = stat()
                guard stat(path, &status) == 0 else { continue }
                return (path, (status.st_mode & 0o170000) == 0o040000)
            }
        }
        return nil
    }
}
