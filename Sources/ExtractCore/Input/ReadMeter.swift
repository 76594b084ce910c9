import Foundation

/// How many bytes of the input have been read so far, for a progress display that knows the
/// input's size (``InputSize``).
///
/// ``PathSource`` counts each file as its size on disk once its reader has given its last entry
/// (a page file, read or passed over by another shard, counts when the next file starts). A
/// reader of files that hold many pages may also count as it reads, chunk by chunk (never per
/// page), with ``add(_:)``, in bytes of the file as it is on disk (an archive's compressed
/// bytes), so a large file shows progress before its end: the JSON Lines and WARC readers do.
/// Shared between the thread that reads and the one that shows progress.
public final class ReadMeter: @unchecked Sendable {
    private let lock = NSLock()
    /// The sizes of the files read to their end.
    private var finished = 0
    /// What the reader of the file being read has counted of it.
    private var current = 0

    public init() {}

    /// Bytes read so far.
    public var bytesRead: Int { lock.withLock { finished + current } }

    /// Counts `bytes` more of the file being read.
    public func add(_ bytes: Int) {
        lock.withLock { current += bytes }
    }

    /// The file being read is done: it counts as its `size`, whatever its reader counted.
    func finishFile(size: Int) {
        lock.withLock {
            finished += size
            current = 0
        }
    }
}
