import CZlib
import Foundation

/// Turns a `response` or `resource` record into a document: for an HTTP response, the status
/// line and headers are parsed, a chunked body is joined, a gzip or deflate body is inflated, and
/// the declared media type and charset travel with the document. Run by the worker that loads
/// the record, so this work is spread over the workers.
///
/// What is not a page is skipped and counted: a response whose media type is neither HTML nor
/// text (an image, a PDF, JSON), and a response whose status is not 2xx (a redirect or an error
/// page carries no page of the site).
enum WARCResponse {
    static func entry(_ record: WARCRecord) -> InputEntry {
        var metadata = DocumentMetadata(warcRecordID: record.recordID)
        var body: [UInt8]
        if record.type == "response", (record.contentType ?? "").lowercased().hasPrefix("application/http") {
            guard let response = HTTPMessage(record.block) else {
                return .failure(source: record.source, Rejection(code: "warc.bad_http", message: "the record's HTTP response has no readable status line and headers"))
            }
            metadata.httpStatus = response.status
            (metadata.contentType, metadata.charset) = mediaType(response.headers["Content-Type"])
            // What is not a page is skipped before its body is decoded: an image or an error page
            // in an encoding not read here is not a failure, and is not inflated to be thrown away.
            if let skipped = skipped(record, status: response.status, mediaType: metadata.contentType) { return skipped }
            body = Array(record.block[response.bodyStart...])
            if let transfer = response.headers["Transfer-Encoding"]?.lowercased(), transfer.contains("chunked") {
                guard let joined = Self.dechunked(body) else {
                    return .failure(source: record.source, Rejection(code: "warc.bad_http", message: "the chunked body is malformed or cut short"))
                }
                body = joined
            }
            if let encoding = response.headers["Content-Encoding"]?.lowercased(),
               !encoding.isEmpty, encoding != "identity" {
                guard encoding == "gzip" || encoding == "x-gzip" || encoding == "deflate" else {
                    return .failure(source: record.source, Rejection(code: "warc.unsupported_encoding",
                        message: "the body is '\(encoding)'-encoded; gzip and deflate are read"))
                }
                switch Self.inflated(body, limit: record.maxDocumentBytes) {
                case .bytes(let bytes): body = bytes
                case .tooLarge:
                    return .failure(source: record.source, Rejection.tooLarge("the decoded body is over the limit of \(record.maxDocumentBytes) bytes"))
                case .damaged(let message):
                    return .failure(source: record.source, Rejection(code: "warc.bad_encoding", message: "the \(encoding) body cannot be decoded: \(message)"))
                }
            }
        } else {
            (metadata.contentType, metadata.charset) = mediaType(record.contentType)
            if let skipped = skipped(record, status: nil, mediaType: metadata.contentType) { return skipped }
            body = record.block
        }
        if body.isEmpty { return .failure(source: record.source, Rejection(code: "input.empty", message: "the record's body is empty")) }
        return .document(Document(source: record.source, bytes: body, metadata: metadata))
    }

    /// The skip of a record whose head (HTTP status and headers, or the record's media type)
    /// shows it is no page; nil for a page, or when the head cannot be read.
    static func skippedByHead(_ record: WARCRecord) -> InputEntry? {
        if record.type == "response", (record.contentType ?? "").lowercased().hasPrefix("application/http") {
            guard let response = HTTPMessage(record.block) else { return nil }
            return skipped(record, status: response.status, mediaType: mediaType(response.headers["Content-Type"]).0)
        }
        return skipped(record, status: nil, mediaType: mediaType(record.contentType).0)
    }

    /// The skip of a record that is no page: an HTTP status other than 2xx, or a media type
    /// other than a page's; nil for a page (or a record that names no media type).
    static func skipped(_ record: WARCRecord, status: Int?, mediaType: String?) -> InputEntry? {
        if let status, !(200..<300).contains(status) { return .skipped(kind: "warc.\(record.type) HTTP \(status)") }
        if let mediaType, !isPage(mediaType) { return .skipped(kind: "warc.\(record.type) \(mediaType)") }
        return nil
    }

    /// HTML, XHTML and plain text are pages; everything else (images, PDF, CSS, scripts, JSON)
    /// is not read.
    static func isPage(_ mediaType: String) -> Bool {
        mediaType == "text/html" || mediaType == "application/xhtml+xml" || mediaType == "text/plain"
    }

    /// `text/html; charset=ISO-8859-1` → (`text/html`, `iso-8859-1`). Read on bytes: it runs for
    /// every record, and Foundation's trimming costs more than the rest of the record's headers.
    static func mediaType(_ header: String?) -> (String?, String?) {
        guard let header else { return (nil, nil) }
        var parts = Array(header.utf8).split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: false)[...]
        let type = parts.popFirst().map(trimmed).flatMap { $0.isEmpty ? nil : String(decoding: $0, as: UTF8.self).lowercased() }
        var charset: String?
        for parameter in parts {
            guard let equals = parameter.firstIndex(of: UInt8(ascii: "=")) else { continue }
            let name = String(decoding: trimmed(parameter[..<equals]), as: UTF8.self).lowercased()
            guard name == "charset" else { continue }
            var value = trimmed(parameter[(equals + 1)...])
            while let first = value.first, first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") { value = value.dropFirst() }
            while let last = value.last, last == UInt8(ascii: "\"") || last == UInt8(ascii: "'") { value = value.dropLast() }
            charset = String(decoding: value, as: UTF8.self).lowercased()
        }
        return (type, charset)
    }

    /// `bytes` without the spaces and tabs around it.
    static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var start = bytes.startIndex, end = bytes.endIndex
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 || bytes[end - 1] == 0x0D { end -= 1 }
        return bytes[start..<end]
    }

    /// A `Transfer-Encoding: chunked` body joined; nil when a chunk size is unreadable or a
    /// chunk is cut short.
    static func dechunked(_ body: [UInt8]) -> [UInt8]? {
        var result: [UInt8] = []
        result.reserveCapacity(body.count)
        var index = 0
        while true {
            guard let lineEnd = body[index...].firstIndex(of: 0x0A) else { return nil }
            // The size in hex, maybe followed by `;extension`.
            let sizeEnd = body[index..<lineEnd].firstIndex(of: UInt8(ascii: ";")) ?? lineEnd
            guard let size = Int(String(decoding: trimmed(body[index..<sizeEnd]), as: UTF8.self), radix: 16), size >= 0 else { return nil }
            index = lineEnd + 1
            if size == 0 { return result }  // trailers, if any, carry nothing a page needs
            guard index + size <= body.count else { return nil }
            result.append(contentsOf: body[index..<(index + size)])
            index += size
            // The CRLF after the chunk's data.
            if index < body.count && body[index] == 0x0D { index += 1 }
            if index < body.count && body[index] == 0x0A { index += 1 }
        }
    }

    enum Inflated {
        case bytes([UInt8])
        case tooLarge
        case damaged(String)
    }

    /// A gzip, zlib or raw deflate body inflated, up to `limit` bytes.
    static func inflated(_ body: [UInt8], limit: Int) -> Inflated {
        // 15 + 32: gzip or zlib, told by the header. Servers that say "deflate" sometimes send raw
        // deflate without the zlib header: tried second, with -15.
        for windowBits: Int32 in [15 + 32, -15] {
            let outcome = inflate(body, windowBits: windowBits, limit: limit)
            if case .damaged = outcome, windowBits != -15 { continue }
            return outcome
        }
        return .damaged("not gzip or deflate data")
    }

    private static func inflate(_ body: [UInt8], windowBits: Int32, limit: Int) -> Inflated {
        var stream = z_stream()
        guard inflateInit2_(&stream, windowBits, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            return .damaged("zlib could not be initialised")
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var scratch = [UInt8](repeating: 0, count: 64 << 10)
        return body.withUnsafeBufferPointer { inBytes -> Inflated in
            // zlib reads next_in and never writes through it.
            stream.next_in = inBytes.baseAddress.map { UnsafeMutablePointer(mutating: $0) }
            stream.avail_in = UInt32(inBytes.count)
            while true {
                var status: Int32 = Z_OK
                let produced = scratch.withUnsafeMutableBufferPointer { outBytes -> Int in
                    stream.next_out = outBytes.baseAddress
                    stream.avail_out = UInt32(outBytes.count)
                    status = CZlib.inflate(&stream, Z_NO_FLUSH)
                    return outBytes.count - Int(stream.avail_out)
                }
                output.append(contentsOf: scratch[0..<produced])
                if output.count > limit { return .tooLarge }
                switch status {
                case Z_STREAM_END: return .bytes(output)
                case Z_OK: continue
                case Z_BUF_ERROR where produced > 0: continue
                case Z_BUF_ERROR: return .damaged("the data is cut short")
                default: return .damaged(stream.msg.map { String(cString: $0) } ?? "error \(status)")
                }
            }
        }
    }
}

/// An HTTP/1.x response's status line and headers, and where its body starts.
struct HTTPMessage {
    var status: Int
    var headers: WARCHeaders
    var bodyStart: Int

    init?(_ block: [UInt8]) {
        guard block.starts(with: Array("HTTP/".utf8)), let firstLine = block.firstIndex(of: 0x0A) else { return nil }
        // `HTTP/1.1 200 OK`: the status is the second word.
        let words = block[..<firstLine].split(separator: 0x20, maxSplits: 2)
        guard words.count >= 2, let status = Int(String(decoding: WARCResponse.trimmed(words[1]), as: UTF8.self)) else { return nil }
        var index = firstLine + 1
        var end: Int?
        while index < block.count {
            if block[index] == 0x0A { end = index + 1; break }
            if block[index] == 0x0D, index + 1 < block.count, block[index + 1] == 0x0A { end = index + 2; break }
            guard let next = block[index...].firstIndex(of: 0x0A) else { break }
            index = next + 1
        }
        // Headers without the blank line after them: the block was cut inside them; no body.
        self.status = status
        headers = WARCHeaders(block[(firstLine + 1)..<(end ?? block.count)])
        bodyStart = end ?? block.count
    }
}
