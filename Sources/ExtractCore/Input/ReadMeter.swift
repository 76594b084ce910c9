import Foundation

/// How many bytes of the input have been read so far, for a progress display that knows the
/// input's size (``InputSize``).
///
/// Counted as the reader goes, never per page of a container: a page file when it is handed out
/// (its size, whether or not this shard reads it), a JSON Lines file or an archive chunk by chunk
/// as it is read (an archive's compressed bytes, so the count compares with file sizes). Shared
/// between the thread that reads and the one that shows progress.
public final class ReadMeter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    public init() {}

    /// Bytes read so far.
    public var bytesRead: Int { lock.withLock { count } }

    func add(_ bytes: Int) {
        lock.withLock { count += bytes }
    }
}
