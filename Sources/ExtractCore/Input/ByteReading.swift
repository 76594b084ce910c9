import Foundation

/// Reading a file descriptor straight into memory that is not zero-filled first.
///
/// Growing an array by `count` zeros and reading over them fills every byte twice, and in an
/// unoptimized build (the test suite's) appending a million zeros one by one took a third of a
/// second per MiB read.
enum ByteReading {
    /// Reads up to `count` bytes from `descriptor` to `destination`: one read(2) (retried when
    /// interrupted), or with `fill` as many as it takes to get `count` bytes or reach the end.
    /// Returns how many bytes were read (0 at the end of the file) and the errno of a failed
    /// read, or 0.
    static func read(_ descriptor: Int32, into destination: UnsafeMutablePointer<UInt8>, count: Int,
                     fill: Bool) -> (got: Int, error: Int32) {
        var got = 0
        while got < count {
            let result = Foundation.read(descriptor, destination + got, count - got)
            if result < 0 {
                if errno == EINTR { continue }
                return (got, errno)
            }
            got += result
            if result == 0 || !fill { break }
        }
        return (got, 0)
    }

    /// `kept` followed by up to `count` bytes read from `descriptor` (as
    /// ``read(_:into:count:fill:)``), in a new array; and how many were read, and errno or 0.
    static func read(_ descriptor: Int32, count: Int, keeping kept: ArraySlice<UInt8>,
                     fill: Bool) -> (bytes: [UInt8], got: Int, error: Int32) {
        var outcome = (got: 0, error: Int32(0))
        let bytes = [UInt8](unsafeUninitializedCapacity: kept.count + count) { storage, initialized in
            guard let base = storage.baseAddress else { return }
            kept.withUnsafeBufferPointer { if let start = $0.baseAddress { base.initialize(from: start, count: $0.count) } }
            outcome = read(descriptor, into: base + kept.count, count: count, fill: fill)
            initialized = kept.count + outcome.got
        }
        return (bytes, outcome.got, outcome.error)
    }
}
