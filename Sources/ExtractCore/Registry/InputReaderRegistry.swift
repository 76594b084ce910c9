/// The input formats `--input-format` accepts and file names select. A value, like the stage
/// registry: other packages add theirs with ``adding(_:)``. Consulted once per file given or
/// found in a directory, never per document of a file.
public struct InputReaderRegistry: Sendable {
    public private(set) var readers: [any InputReader.Type] = []
    /// Every file name end, with its dot, and its reader: longest first, and among ends of one
    /// length the later registration first.
    private var byExtension: [(end: String, reader: any InputReader.Type)] = []

    public init(_ readers: [any InputReader.Type] = []) {
        for reader in readers { self = self.adding(reader) }
    }

    /// A registry with `reader` added; a format registered twice keeps the later registration,
    /// in the earlier one's place. A file name end two readers claim selects the later one.
    public func adding(_ reader: any InputReader.Type) -> InputReaderRegistry {
        var copy = self
        copy.readers = readers.registering(reader) { $0.format == reader.format }
        copy.byExtension.removeAll { $0.reader.format == reader.format }
        for end in reader.fileExtensions {
            let dotted = "." + end
            let place = copy.byExtension.firstIndex { $0.end.utf8.count <= dotted.utf8.count } ?? copy.byExtension.count
            copy.byExtension.insert((dotted, reader), at: place)
        }
        return copy
    }

    /// The reader `--input-format NAME` names.
    public func reader(format: String) -> (any InputReader.Type)? { readers.first { $0.format == format } }

    /// The reader for a file when the format is `auto`: the one whose file name end `path` has
    /// (the longest, `.warc.gz` before `.gz`), else the `text` reader; nil when there is none.
    public func reader(forPath path: String) -> (any InputReader.Type)? {
        byExtension.first { path.hasSuffix($0.end) }?.reader ?? reader(format: "text")
    }

    public var formats: [String] { readers.map { $0.format } }

    /// Text files, JSON Lines and WARC archives: the readers `extract` ships with.
    public static let builtIn = InputReaderRegistry([TextInputReader.self, JSONLinesInputReader.self, WARCInputReader.self])
}
