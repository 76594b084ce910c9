@testable import ExtractCore
import Foundation
import Testing

/// WARC files written by warcio (Fixtures/warc/make-fixtures.py), read through the same source
/// the command line uses.
@Suite struct WARCReaderTests {
    /// Every entry the source gives for `file`, loaded.
    private func entries(_ file: String, maxDocumentBytes: Int = 16 << 20) -> [InputEntry] {
        var settings = PathSource.Settings()
        settings.maxDocumentBytes = maxDocumentBytes
        var source = PathSource(paths: ["Fixtures/warc/" + file], settings: settings)
        var all: [InputEntry] = []
        while let entry = source.next() { all.append(entry) }
        return all
    }

    private func page(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: "Fixtures/career/pages/" + name)))
    }

    @Test func responsesBecomeDocumentsWithTheirURIAndMetadataAndTheRestIsSkippedByKind() throws {
        var documents: [Document] = []
        var skipped: [String] = []
        for entry in entries("crawl.warc.gz") {
            switch entry {
            case .document(let document): documents.append(document)
            case .skipped(let kind): skipped.append(kind)
            case .failure(let source, let rejection): Issue.record("\(source): \(rejection)")
            }
        }
        try #require(documents.count == 2)
        #expect(documents.map(\.source) == ["https://careers.example.org/pcc", "https://careers.example.org/pcc-b"])
        #expect(documents[0].bytes == (try page("patient-care-coordinator.txt")))
        // Chunked, then gzip-encoded: both undone.
        #expect(documents[1].bytes == (try page("patient-care-coordinator.layout-b.txt")))
        #expect(documents[0].metadata == DocumentMetadata(contentType: "text/plain", charset: "utf-8", httpStatus: 200,
                                                          warcRecordID: "<urn:uuid:00000000-0000-4000-8000-000000000001>"))
        #expect(skipped.sorted() == ["warc.metadata", "warc.metadata", "warc.request", "warc.request", "warc.response HTTP 404",
                                     "warc.response image/png", "warc.revisit", "warc.warcinfo"])
    }

    @Test func aDamagedGzipMemberIsOneFailureAndTheRecordsAfterItAreRead() {
        let got = entries("corrupt-member.warc.gz")
        var sources: [String] = []
        var codes: [String] = []
        for entry in got {
            switch entry {
            case .document(let document): sources.append(document.source)
            case .failure(_, let rejection): codes.append(rejection.code)
            case .skipped: break
            }
        }
        #expect(sources == ["https://careers.example.org/page-1", "https://careers.example.org/page-3"])
        #expect(codes == ["warc.bad_gzip"])
    }

    @Test func aRecordCutShortByTheEndOfTheFileIsATruncationFailure() {
        let got = entries("truncated.warc")
        guard got.count == 2, case .document(let whole) = got[0], case .failure(let source, let rejection) = got[1] else {
            Issue.record("expected a document and a failure, got \(got)")
            return
        }
        #expect(whole.source == "https://careers.example.org/whole")
        #expect(source == "https://careers.example.org/cut")
        #expect(rejection.code == "warc.truncated")
    }

    @Test func aRecordOverTheDocumentLimitIsSkippedWithoutBeingKeptAndReadingGoesOn() {
        let codes = entries("crawl.warc.gz", maxDocumentBytes: 2000).compactMap { entry -> String? in
            if case .failure(_, let rejection) = entry { return rejection.code }
            return nil
        }
        #expect(codes == ["input.too_large", "input.too_large"])
    }

    @Test func chunkedBodiesJoinAndMalformedOnesAreRefused() {
        #expect(WARCResponse.dechunked(Array("5\r\nHello\r\n7;ext=1\r\n, world\r\n0\r\n\r\n".utf8)) == Array("Hello, world".utf8))
        #expect(WARCResponse.dechunked(Array("5\r\nHel".utf8)) == nil)
        #expect(WARCResponse.dechunked(Array("zz\r\nHello\r\n".utf8)) == nil)
    }

    @Test func mediaTypeAndCharsetAreReadFromTheContentTypeHeader() {
        #expect(WARCResponse.mediaType("text/HTML; Charset=\"ISO-8859-1\"") == ("text/html", "iso-8859-1"))
        #expect(WARCResponse.mediaType("application/xhtml+xml") == ("application/xhtml+xml", nil))
        #expect(WARCResponse.mediaType(nil) == (nil, nil))
    }
}
