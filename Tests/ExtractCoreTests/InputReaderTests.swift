import ExtractCore
import ExtractTestSupport
import Foundation
import Testing

/// A reader from outside the project's modules: every line of a `.lines` file is a page, loaded
/// (upper-cased, to show it ran) by whichever worker loads it.
private enum LinesReader: InputReader {
    static let format = "lines"
    static let fileExtensions = ["lines"]
    static let summary = "one page per line"

    static func open(_ file: InputFile, settings: InputSettings) -> any InputEntryReader {
        guard let descriptor = file.openForReading() else { return file.cannotOpen() }
        defer { close(descriptor) }
        let text = String(decoding: FileHandle(fileDescriptor: descriptor).readDataToEndOfFile(), as: UTF8.self)
        return Lines(path: file.path, lines: text.split(separator: "\n").map(String.init))
    }

    struct Lines: InputEntryReader {
        let path: String
        var lines: [String]
        var number = 0
        mutating func nextEntry() -> PendingInput? {
            guard !lines.isEmpty else { return nil }
            let line = lines.removeFirst()
            number += 1
            let source = "\(path)#\(number)"
            return PendingInput(loading: { .document(Document(source: source, bytes: Array(line.uppercased().utf8))) })
        }
    }
}

/// Another reader claiming `.gz`, to show the longest file name end wins.
private enum AnyGzip: InputReader {
    static let format = "gz"
    static let fileExtensions = ["gz"]
    static let summary = "anything gzip"
    static func open(_ file: InputFile, settings: InputSettings) -> any InputEntryReader { file.cannotOpen() }
}

@Suite struct InputReaderTests {
    @Test func theBuiltInReadersAreChosenByFormatAndByTheLongestFileNameEnd() {
        let readers = InputReaderRegistry.builtIn.adding(AnyGzip.self)
        #expect(readers.formats == ["text", "jsonl", "warc", "gz"])
        #expect(readers.reader(format: "jsonl") == JSONLinesInputReader.self)
        #expect(readers.reader(format: "auto") == nil)
        #expect(readers.reader(forPath: "a/corpus.ndjson") == JSONLinesInputReader.self)
        #expect(readers.reader(forPath: "a/crawl.warc.gz") == WARCInputReader.self)
        #expect(readers.reader(forPath: "a/page.txt.gz") == AnyGzip.self)
        #expect(readers.reader(forPath: "a/page.html") == TextInputReader.self)
        // File name ends are matched as written, as they always were: `.JSONL` is a text page.
        #expect(readers.reader(forPath: "a/CORPUS.JSONL") == TextInputReader.self)
    }

    @Test func aLaterRegistrationOfAFormatReplacesTheEarlierOneInItsPlace() {
        let readers = InputReaderRegistry.builtIn.adding(LinesReader.self)
        #expect(readers.formats == ["text", "jsonl", "warc", "lines"])
        let replaced = readers.adding(AnyGzip.self).adding(LinesReader.self)
        #expect(replaced.formats == ["text", "jsonl", "warc", "lines", "gz"])
        #expect(replaced.reader(forPath: "x.lines") == LinesReader.self)
    }

    @Test func aReaderFromAnotherPackageReadsItsFilesAmongTheBuiltInOnes() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("a.lines", "first\nsecond\n")
        try directory.write("b.txt", "a page")
        try directory.write("c.jsonl", #"{"id": "json-page", "text": "from JSON"}"# + "\n")
        var source = PathSource(paths: [directory.path], readers: InputReaderRegistry.builtIn.adding(LinesReader.self))
        var documents: [String] = []
        while let entry = source.next() {
            guard case .document(let document) = entry else {
                Issue.record("not a document: \(entry)")
                continue
            }
            documents.append("\((document.source as NSString).lastPathComponent)=\(String(decoding: document.bytes, as: UTF8.self))")
        }
        #expect(documents == ["a.lines#1=FIRST", "a.lines#2=SECOND", "b.txt=a page", "json-page=from JSON"])
    }

    @Test func aForcedReaderReadsEveryFileAndAFileNoReaderTakesFailsWithTheFormats() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = try directory.write("page.jsonl", "one\ntwo\n")
        var settings = InputSettings()
        settings.reader = LinesReader.self
        var forced = PathSource(paths: [file], settings: settings, readers: InputReaderRegistry.builtIn.adding(LinesReader.self))
        var count = 0
        while case .document? = forced.next() { count += 1 }
        #expect(count == 2)
        // A registry without a text reader has none for a file no name end claims.
        var bare = PathSource(paths: [try directory.write("page.txt", "x")], readers: InputReaderRegistry([LinesReader.self]))
        guard case .failure(_, let rejection)? = bare.next() else {
            Issue.record("expected a failure")
            return
        }
        #expect(rejection.code == "input.unreadable")
        #expect(rejection.message == "no input reader reads this file (input formats: lines)")
    }
}
