import Foundation

/// Reads a `.warc` or `.warc.gz` file record by record, as a stream: memory holds one record.
///
/// `response` records (an HTTP response: parsed by ``WARCResponse`` in the worker that loads it)
/// and `resource` records become documents, named by their `WARC-Target-URI`. Other record
/// types (`request`, `metadata`, `warcinfo`, `revisit`, `conversion`, `continuation`) are counted
/// as skipped. A record cut short, a damaged gzip member or a record without the headers a reader
/// needs is a failure with a `warc.*` code, and reading goes on with the next record.
struct WARCReader: InputEntryReader {
    let name: String
    private let stream: GzipStream
    private let maxDocumentBytes: Int
    /// Decompressed bytes not yet consumed, from `position` on.
    private var buffer: [UInt8] = []
    private var position = 0
    private var recordNumber = 0
    private var streamEnded = false
    /// A read error that stopped the file, reported once after the last record.
    private(set) var readError: Rejection?

    /// How a record starts; looked for after every line end while skipping damaged bytes.
    private static let versionPrefix = Array("WARC/1.".utf8)

    /// The most header bytes a record may have before it is taken as damage.
    static let maxHeaderBytes = 1 << 20

    init(descriptor: Int32, name: String, maxDocumentBytes: Int, meter: ReadMeter? = nil) {
        stream = GzipStream(descriptor: descriptor, meter: meter)
        self.name = name
        self.maxDocumentBytes = maxDocumentBytes
    }

    /// What filling the buffer got.
    private enum Fill: Equatable {
        case ok
        case end
        case gap(String)
    }

    /// Reads until `count` bytes are buffered after `position`, the stream ends, or bytes were lost.
    private mutating func fill(_ count: Int) -> Fill {
        while buffer.count - position < count {
            if streamEnded { return .end }
            if position > 0 && position >= buffer.count / 2 {
                buffer.removeSubrange(0..<position)
                position = 0
            }
            switch stream.read(into: &buffer) {
            case .data: continue
            case .end: streamEnded = true
            case .gap(let message): return .gap(message)
            case .readError(let error):
                streamEnded = true
                readError = Rejection(code: "input.unreadable", message: "reading stopped: \(String(cString: strerror(error)))")
            }
        }
        return .ok
    }

    /// Drops what is buffered: after a gap, the bytes before it belong to a damaged member.
    private mutating func dropBuffered() {
        buffer.removeAll(keepingCapacity: true)
        position = 0
    }

    private func failure(_ source: String, _ code: String, _ message: String) -> PendingInput {
        PendingInput(.failure(source: source, Rejection(code: code, message: message)))
    }

    /// The next record's entry, unparsed where parsing is the worker's job; nil at the end.
    mutating func nextEntry() -> PendingInput? {
        while true {
            // Records are separated by CRLF CRLF; writers differ in how many, so any run is skipped.
            while true {
                switch fill(1) {
                case .ok: break
                case .end: return nil
                case .gap(let message):
                    dropBuffered()
                    return failure(name, "warc.bad_gzip", message)
                }
                guard buffer[position] == 0x0D || buffer[position] == 0x0A else { break }
                position += 1
            }
            let start = recordNumber + 1
            let fallback = "\(name)#\(start)"
            guard startsWithVersion() else {
                if case .gap(let message) = skipToNextRecord() {
                    dropBuffered()
                    return failure(fallback, "warc.bad_gzip", message)
                }
                return failure(fallback, "warc.bad_record", "bytes that are not a WARC record (no 'WARC/1.x' line) were skipped")
            }
            // The header block ends at the first blank line.
            var headerEnd: (headers: Int, body: Int)?
            // How far past `position` the search has looked (filling may move `position`).
            var scanned = 0
            while headerEnd == nil {
                if let end = blankLine(from: position + scanned) { headerEnd = end; break }
                scanned = max(0, buffer.count - position - 3)
                if buffer.count - position > Self.maxHeaderBytes {
                    recordNumber += 1
                    _ = skipToNextRecord()
                    return failure(fallback, "warc.bad_record", "the record's headers do not end within \(Self.maxHeaderBytes) bytes")
                }
                switch fill(buffer.count - position + 1) {
                case .ok: continue
                case .end:
                    recordNumber += 1
                    position = buffer.count
                    return failure(fallback, "warc.truncated", "the file ends inside the record's headers")
                case .gap(let message):
                    recordNumber += 1
                    dropBuffered()
                    return failure(fallback, "warc.bad_gzip", message)
                }
            }
            guard let headerEnd else { continue }
            recordNumber += 1
            let headers = WARCHeaders(buffer[position..<headerEnd.headers])
            position = headerEnd.body
            let source = headers["WARC-Target-URI"].map(Self.unbracketed) ?? fallback
            guard let lengthText = headers["Content-Length"], let length = Int(lengthText),
                  length >= 0 else {
                _ = skipToNextRecord()
                return failure(source, "warc.bad_record", "the record has no valid Content-Length, so its end cannot be found")
            }
            let type = (headers["WARC-Type"] ?? "").lowercased()
            let wanted = type == "response" || type == "resource"
            // A record over the limit that is no page (a video, a PDF, an error) is skipped as a
            // smaller one would be, not failed: its HTTP head is read from the first bytes.
            var tooLargeKind: String?
            if wanted && length > maxDocumentBytes, case .ok = fill(min(length, 64 << 10)) {
                let head = WARCRecord(type: type, source: source, recordID: nil, contentType: headers["Content-Type"],
                                      block: Array(buffer[position..<min(buffer.count, position + length)]), maxDocumentBytes: maxDocumentBytes)
                if case .skipped(let kind)? = WARCResponse.skippedByHead(head) { tooLargeKind = kind }
            }
            if !wanted || length > maxDocumentBytes {
                switch skip(length) {
                case .ok: break
                case .end: return failure(source, "warc.truncated", "the file ends inside the record (\(length) bytes announced)")
                case .gap(let message): dropBuffered(); return failure(source, "warc.bad_gzip", message)
                }
                if !wanted { return PendingInput(.skipped(kind: "warc.\(type.isEmpty ? "untyped" : type)")) }
                if let tooLargeKind { return PendingInput(.skipped(kind: tooLargeKind)) }
                return PendingInput(.failure(source: source, Rejection.tooLarge(
                    "the record's block is \(length) bytes, over the limit of \(maxDocumentBytes)")))
            }
            switch fill(length) {
            case .ok: break
            case .end:
                let got = buffer.count - position
                position = buffer.count
                return failure(source, "warc.truncated", "the file ends inside the record: \(got) of \(length) bytes")
            case .gap(let message):
                dropBuffered()
                return failure(source, "warc.bad_gzip", message)
            }
            let block = Array(buffer[position..<(position + length)])
            position += length
            let record = WARCRecord(type: type, source: source, recordID: headers["WARC-Record-ID"],
                                    contentType: headers["Content-Type"], block: block, maxDocumentBytes: maxDocumentBytes)
            return PendingInput(kind: .warcRecord(record))
        }
    }

    /// Consumes `count` bytes without keeping them.
    private mutating func skip(_ count: Int) -> Fill {
        var left = count
        while left > 0 {
            let available = buffer.count - position
            if available >= left {
                position += left
                return .ok
            }
            left -= available
            dropBuffered()
            let got = fill(min(left, 1 << 20))
            if got != .ok && buffer.count == 0 { return got }
        }
        return .ok
    }

    /// Skips to the next line that starts a record (`WARC/1.`), or to the end.
    private mutating func skipToNextRecord() -> Fill {
        var afterNewline = false
        while true {
            while position < buffer.count {
                if afterNewline && startsWithVersion() { return .ok }
                afterNewline = buffer[position] == 0x0A
                position += 1
            }
            let got = fill(buffer.count - position + 8)
            if got == .end { position = buffer.count; return .ok }
            if case .gap = got { return got }
        }
    }

    /// Whether the bytes at `position` are `WARC/1.` (fetching enough to tell).
    private mutating func startsWithVersion() -> Bool {
        let prefix = Self.versionPrefix
        if fill(prefix.count) != .ok { return false }
        return buffer[position..<(position + prefix.count)].elementsEqual(prefix)
    }

    /// The end of the header lines and the start of the block, when a blank line follows `from`.
    private func blankLine(from start: Int) -> (headers: Int, body: Int)? {
        var index = max(start, position)
        while index + 1 < buffer.count {
            if buffer[index] == 0x0A {
                if buffer[index + 1] == 0x0A { return (index + 1, index + 2) }
                if buffer[index + 1] == 0x0D, index + 2 < buffer.count, buffer[index + 2] == 0x0A { return (index + 1, index + 3) }
            }
            index += 1
        }
        return nil
    }

    /// `<http://x>` → `http://x` (WARC 1.0 writers put angle brackets round the URI; 1.1 does not).
    static func unbracketed(_ uri: String) -> String {
        // The header's value is trimmed already.
        if uri.hasPrefix("<") && uri.hasSuffix(">") { return String(uri.dropFirst().dropLast()) }
        return uri
    }
}

/// One `response` or `resource` record, its block not parsed yet.
struct WARCRecord: Sendable {
    var type: String
    var source: String
    var recordID: String?
    var contentType: String?
    var block: [UInt8]
    /// The most bytes a decoded body may have (`--max-document-bytes`).
    var maxDocumentBytes: Int
}

/// Header lines (`Name: value`) looked up without regard to case; the first of a name wins.
///
/// Kept as bytes and searched when asked: a record is looked up for a handful of names, so
/// making a String of every line (as a dictionary would) costs more than the search.
struct WARCHeaders {
    private let bytes: ArraySlice<UInt8>

    init(_ bytes: ArraySlice<UInt8>) { self.bytes = bytes }

    subscript(name: String) -> String? {
        let wanted = Array(name.utf8)
        var lineStart = bytes.startIndex
        while lineStart < bytes.endIndex {
            let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.endIndex
            if let value = Self.value(of: wanted, in: bytes[lineStart..<lineEnd]) { return value }
            lineStart = lineEnd + 1
        }
        return nil
    }

    /// The trimmed value when `line` is `name: value` (the name in any case).
    private static func value(of name: [UInt8], in line: ArraySlice<UInt8>) -> String? {
        guard line.count > name.count, line[line.startIndex + name.count] == 0x3A else { return nil }
        for (offset, byte) in name.enumerated() where Self.lowercased(line[line.startIndex + offset]) != Self.lowercased(byte) {
            return nil
        }
        var start = line.startIndex + name.count + 1
        var end = line.endIndex
        while start < end, line[start] == 0x20 || line[start] == 0x09 { start += 1 }
        while end > start, line[end - 1] == 0x20 || line[end - 1] == 0x09 || line[end - 1] == 0x0D { end -= 1 }
        return String(decoding: line[start..<end], as: UTF8.self)
    }

    @inline(__always) private static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }
}
