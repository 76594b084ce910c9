import CZlib
import Foundation

/// The bytes of a file, decompressed as they are read when it is gzip, passed through when not.
///
/// A gzip file may be one member (`gzip file.warc`) or a member per record (what Common Crawl and
/// warcio write); members follow each other in one stream of decompressed bytes. A member that
/// cannot be inflated (corrupt, cut short) is reported as a ``Event/gap(_:)`` and reading
/// resumes at the next member header found after it, so one damaged record does not lose the
/// rest of the file. Public for input readers of other packages (a `.txt.gz` reader, say).
public final class GzipStream {
    public enum Event: Equatable, Sendable {
        /// `count` more bytes were appended.
        case data(Int)
        /// Bytes were lost: a damaged member, with what happened. The next bytes start a new member.
        case gap(String)
        case end
        /// Reading the file failed, with this errno.
        case readError(Int32)
    }

    private let descriptor: Int32
    /// Compressed bytes read and not yet inflated, from `inputStart` on.
    private var input: [UInt8] = []
    private var inputStart = 0
    /// Offset in the file of `input[0]`, for messages.
    private var inputFileOffset = 0
    private var fileAtEnd = false
    private var stream = z_stream()
    private var isGzip: Bool?
    /// Whether a member has been started and not finished.
    private var inMember = false
    private var inflateReady = false
    private static let chunk = 1 << 20
    /// Where inflate writes, one allocation for the stream's life.
    private var scratch = [UInt8](repeating: 0, count: 256 << 10)
    private static let magic: [UInt8] = [0x1F, 0x8B, 0x08]

    /// Counts the (compressed) bytes read from the file, for progress.
    private let meter: ReadMeter?

    /// Reads `descriptor`, which the stream closes when it is freed; `meter` (a reader's
    /// ``InputSettings/meter``) counts the bytes read from it.
    public init(descriptor: Int32, meter: ReadMeter? = nil) {
        self.descriptor = descriptor
        self.meter = meter
    }

    deinit {
        if inflateReady { inflateEnd(&stream) }
        close(descriptor)
    }

    /// Appends at most `limit` (at least one) decompressed bytes to `buffer`.
    public func read(into buffer: inout [UInt8], limit: Int = 1 << 20) -> Event {
        while true {
            if inputStart == input.count || (inputStart + 3 > input.count && !fileAtEnd) {
                if let error = refill() { return .readError(error) }
            }
            if inputStart == input.count && fileAtEnd {
                if inMember {
                    inMember = false
                    return .gap("the gzip stream ends inside a member (the file was cut short)")
                }
                return .end
            }
            if isGzip == nil { isGzip = input.count - inputStart >= 2 && input[inputStart] == 0x1F && input[inputStart + 1] == 0x8B }
            if isGzip == false {
                let count = min(limit, input.count - inputStart)
                buffer.append(contentsOf: input[inputStart..<(inputStart + count)])
                inputStart += count
                return .data(count)
            }
            if !inMember {
                // Padding between members (some writers leave zeros) is skipped; anything else
                // that is not a member header is damage.
                while inputStart < input.count && input[inputStart] == 0 { inputStart += 1 }
                if inputStart == input.count { continue }
                guard hasMagic(at: inputStart) else { return resynchronize("bytes that are not a gzip member") }
                if inflateReady { inflateReset(&stream) } else {
                    guard inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
                        return .gap("zlib could not be initialised")
                    }
                    inflateReady = true
                }
                inMember = true
            }
            let outputLimit = min(limit, scratch.count)
            let available = input.count - inputStart
            var status: Int32 = Z_OK
            var consumed = 0
            var produced = 0
            input.withUnsafeMutableBufferPointer { inBytes in
                scratch.withUnsafeMutableBufferPointer { outBytes in
                    stream.next_in = inBytes.baseAddress! + inputStart
                    stream.avail_in = UInt32(available)
                    stream.next_out = outBytes.baseAddress!
                    stream.avail_out = UInt32(outputLimit)
                    status = inflate(&stream, Z_NO_FLUSH)
                    consumed = available - Int(stream.avail_in)
                    produced = outputLimit - Int(stream.avail_out)
                }
            }
            buffer.append(contentsOf: scratch[0..<produced])
            inputStart += consumed
            switch status {
            case Z_STREAM_END:
                inMember = false
                if produced > 0 { return .data(produced) }
            case Z_OK, Z_BUF_ERROR:
                if produced > 0 { return .data(produced) }
                if consumed == 0 {
                    // inflate wants more input than there is: read on, or the file ends mid-member.
                    if fileAtEnd {
                        inMember = false
                        return inputStart == input.count ? .gap("the gzip stream ends inside a member (the file was cut short)")
                            : resynchronize("a gzip member that inflate cannot go on with")
                    }
                    if let error = refill() { return .readError(error) }
                }
            default:
                inMember = false
                let message = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                return resynchronize("a damaged gzip member (\(message))")
            }
        }
    }

    /// Skips to the next gzip member header after the damage and says what was lost.
    private func resynchronize(_ what: String) -> Event {
        let damagedAt = inputFileOffset + inputStart
        // Past the damaged byte, but never past what was read (found by fuzzing: damage in the
        // last byte read stepped beyond the buffer).
        inputStart = min(inputStart + 1, input.count)
        while true {
            while inputStart + 3 <= input.count {
                if hasMagic(at: inputStart) {
                    return .gap("\(what) at byte \(damagedAt) of the file; \(inputFileOffset + inputStart - damagedAt) bytes skipped")
                }
                inputStart += 1
            }
            if fileAtEnd {
                let skipped = inputFileOffset + input.count - damagedAt
                inputStart = input.count
                return .gap("\(what) at byte \(damagedAt) of the file; the last \(skipped) bytes skipped")
            }
            if refill() != nil { return .gap("\(what) at byte \(damagedAt); reading stopped") }
        }
    }

    private func hasMagic(at index: Int) -> Bool {
        index + 3 <= input.count && input[index] == Self.magic[0] && input[index + 1] == Self.magic[1] && input[index + 2] == Self.magic[2]
    }

    /// Drops what was inflated and reads the next chunk after what is left; nil, or the errno.
    private func refill() -> Int32? {
        guard !fileAtEnd else { return nil }
        if inputStart > 0 {
            input.removeSubrange(0..<inputStart)
            inputFileOffset += inputStart
            inputStart = 0
        }
        let read = ByteReading.read(descriptor, count: Self.chunk, keeping: input[...], fill: false)
        guard read.error == 0 else { return read.error }
        meter?.add(read.got)
        input = read.bytes
        if read.got == 0 { fileAtEnd = true }
        return nil
    }
}
