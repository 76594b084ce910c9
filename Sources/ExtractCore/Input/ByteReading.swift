import Foundation

/// Reading a file descriptor into arrays of bytes, straight into the array's storage.
///
/// Growing an array by `count` zeros and reading over them fills every byte twice, and in an
/// unoptimized build (the test suite's) appending a million zeros one by one took a third of a
/// second per MiB read.
enum ByteReading {
    struct Result {
        /// `kept`, then the bytes read.
        var bytes: [UInt8]
        /// How many bytes were read (0 at the end of the file).
        var got: Int
        /// errno of a failed read, or 0.
        var error: Int32
    }

    /// `kept` followed by up to `count` bytes read from `descriptor`: one read(2) (retried when
    /// interrupted), or with `fill` as many as it takes to get `count` bytes or reach the end.
    static func read(_ descriptor: Int32, count: Int, keeping kept: ArraySlice<UInt8>, fill: Bool) -> Result {
        var got = 0
        var error: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: kept.count + count) { storage, initialized in
            guard let base = storage.baseAddress else { return }
            kept.withUnsafeBufferPointer { if let start = $0.baseAddress { base.initialize(from: start, count: $0.count) } }
            let tail = base + kept.count
            while got < count {
                let result = Foundation.read(descriptor, tail + got, count - got)
                if result < 0 {
                    if errno == EINTR { continue }
                    error = errno
                    break
                }
                got += result
                if result == 0 || !fill { break }
            }
            initialized = kept.count + got
        }
        return Result(bytes: bytes, got: got, error: error)
    }
}
