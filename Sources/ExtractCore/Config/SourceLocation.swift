/// A place in a pipeline file: 1-based line and column (columns count Unicode scalars, as libyaml does).
/// Line and column 0 stand for the file as a whole (``wholeFile(_:)``).
public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }
    /// The file itself rather than a place in it: what is wrong is that it cannot be read, or
    /// is not text. Printed as the path alone.
    public static func wholeFile(_ file: String) -> SourceLocation { SourceLocation(file: file, line: 0, column: 0) }

    public var isWholeFile: Bool { line == 0 }

    public var description: String { isWholeFile ? file : "\(file):\(line):\(column)" }
}
