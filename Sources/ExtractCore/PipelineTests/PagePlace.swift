/// Where a span of a test's page is, as a person finds it: a line and column, in the tests file
/// for a page written inline as a literal block (`input: |`), in the page's file for a page
/// read from one, else in the page itself; and the text the span covers.
public struct PagePlace: Sendable, Equatable, CustomStringConvertible {
    /// The file the line and column are in; nil when they count from the page's own start.
    public var file: String?
    /// 1-based; the column counts Unicode scalars, as pipeline-file columns do.
    public var line: Int
    public var column: Int
    /// The page's original text under the span (bytes that are not UTF-8 shown as U+FFFD).
    public var text: String

    /// `career.tests.yaml:41:7`, or `page 3:17` for a place counted from the page's start.
    public var description: String {
        file.map { "\($0):\(line):\(column)" } ?? "page \(line):\(column)"
    }
}

extension PagePlace {
    /// The place of `span` in `page`, whose line 1 column 1 is at `origin` (none: the page's own).
    public init(span: Span, page: [UInt8], origin: InlineOrigin?, file: String?) {
        let start = min(max(span.start, 0), page.count)
        let end = min(max(span.end, start), page.count)
        var line = 1
        var lineStart = 0
        for index in 0..<start where page[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        let column = String(decoding: page[lineStart..<start], as: UTF8.self).unicodeScalars.count + 1
        let text = String(decoding: page[start..<end], as: UTF8.self)
        if let origin {
            self.init(file: origin.file, line: origin.firstLine + line - 1, column: origin.indent + column, text: text)
        } else {
            self.init(file: file, line: line, column: column, text: text)
        }
    }
}
