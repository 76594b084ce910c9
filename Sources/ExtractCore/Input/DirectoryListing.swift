import Foundation

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
    /// The directory as given.
    let path: String
    /// Its device and inode (through symlinks), to tell when a link leads back to it.
    let identity: (device: UInt64, inode: UInt64)?
    /// The errno of a pass that could not read the directory, or 0.
    private(set) var failure: Int32 = 0

    init(_ directory: String) {
        path = directory
        base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        identity = Self.identity(of: directory)
        readPass()
    }

    /// The device and inode of what `path` names (symlinks followed), or nil when it cannot be stat'ed.
    static func identity(of path: String) -> (device: UInt64, inode: UInt64)? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return (UInt64(status.st_dev), UInt64(status.st_ino))
    }

    /// The listing in `walk` of the directory that `path` leads back to (through a symlink), if any.
    static func ancestor(of path: String, in walk: [DirectoryListing]) -> DirectoryListing? {
        guard let identity = identity(of: path) else { return nil }
        return walk.first { $0.identity.map { $0 == identity } ?? false }
    }

    /// One entry of the directory.
    enum Entry {
        case file(String)
        case directory(String)
        /// A name that cannot be stat'ed (a broken link, say), with the errno.
        case unreadable(String, Int32)
    }

    /// Reads the directory, keeping the `batch` smallest names after `last`.
    private mutating func readPass() {
        names.removeAll(keepingCapacity: true)
        entries.removeAll(keepingCapacity: true)
        position = 0
        complete = true
        guard let stream = opendir(base.isEmpty ? "/" : base) else {
            failure = errno
            return
        }
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

    /// The next entry, symlinks followed; nil after the last one (or when the directory could
    /// not be read: see ``failure``).
    mutating func next() -> Entry? {
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
            case 0: return .file(path)
            case 1: return .directory(path)
            default:
                var status = stat()
                guard stat(path, &status) == 0 else { return .unreadable(path, errno) }
                return (status.st_mode & 0o170000) == 0o040000 ? .directory(path) : .file(path)
            }
        }
    }
}
