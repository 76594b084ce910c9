/// A byte range in a document's original bytes: where a value or a problem came from.
public struct Span: Sendable, Equatable, Hashable {
    public var start: Int
    public var end: Int
    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }
    public init(_ range: Range<Int>) { self.init(start: range.lowerBound, end: range.upperBound) }
    public var range: Range<Int> { start..<end }
}
