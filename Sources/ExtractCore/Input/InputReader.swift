import Foundation

/// An input format: how a file given on the command line becomes documents. Each reader is one
/// type registered in an ``InputReaderRegistry`` (text files, JSON Lines and WARC are built in;
/// another package adds its own the same way), selected by `--input-format` or, when that is
/// `auto`, by the end of the file's name.
///
/// ``open(_:settings:)`` is called in input order on the thread that reads the input, under the
/// runner's lock: it and ``InputEntryReader/nextEntry()`` do the cheap, ordered part of reading
/// (finding the next line or record) and leave the expensive part (reading a whole file,
/// inflating, parsing) to ``PendingInput/load()``, which the runner's workers call in parallel.
public protocol InputReader: Sendable {
    /// The name `--input-format` takes (`jsonl`).
    static var format: String { get }
    /// The ends of file names, without the leading dot, that select this reader when the input
    /// format is `auto` (`warc.gz`); the longest end that a name has wins. The `text` reader has
    /// none: it reads every file that no other reader claims.
    static var fileExtensions: [String] { get }
    /// One line for `extract stages`.
    static var summary: String { get }
    /// Starts reading `file`. A file that cannot be opened gives a reader whose one entry is the
    /// failure (``InputFile/cannotOpen()``).
    static func open(_ file: InputFile, settings: InputSettings) -> any InputEntryReader
}

/// The entries of one file, read in order, one at a time, so memory holds one entry.
public protocol InputEntryReader {
    /// The next entry, its expensive part left to ``PendingInput/load()``; nil at the end.
    mutating func nextEntry() -> PendingInput?
    /// Why reading stopped early (a read error), reported under the file's name after the last
    /// entry; nil (the default) when it did not.
    var readError: Rejection? { get }
}

extension InputEntryReader {
    public var readError: Rejection? { nil }
}

/// A file to read: a path as given, or `-` for standard input.
public struct InputFile: Sendable {
    /// The path as given (or `-`): what documents and failures are named after.
    public let path: String

    public init(path: String) { self.path = path }

    public var isStandardInput: Bool { path == "-" }

    /// A new descriptor reading the file, which the caller closes (for standard input, a
    /// duplicate of it, so closing it leaves standard input open); nil when it cannot be opened.
    public func openForReading() -> Int32? {
        let descriptor = isStandardInput ? dup(STDIN_FILENO) : open(path, O_RDONLY | O_CLOEXEC)
        return descriptor >= 0 ? descriptor : nil
    }

    /// A reader whose one entry says the file cannot be opened (`input.unreadable`).
    public func cannotOpen() -> any InputEntryReader {
        SingleEntryReader(PendingInput(.failure(source: path, Rejection(code: "input.unreadable", message: "cannot open the file"))))
    }
}

/// What readers are told by the command line.
public struct InputSettings: Sendable {
    /// The reader every file is read with (`--input-format`); nil: chosen by each file's name.
    public var reader: (any InputReader.Type)?
    /// JSON Lines: the field holding the document id.
    public var idField = "id"
    /// JSON Lines: the field holding the page text.
    public var textField = "text"
    /// Larger documents are rejected (`input.too_large`, ``Rejection/tooLarge(_:)``) rather than
    /// read whole: a file, standard input, or a JSON Lines line (its page text is never longer than the line).
    public var maxDocumentBytes = 16 << 20
    /// Counts the bytes read, for progress; nil (the default) counts nothing. A reader may count
    /// its file as it reads it (see ``ReadMeter``).
    public var meter: ReadMeter?

    public init() {}
}

/// A file that is one entry (a page file): the reader every such format returns.
public struct SingleEntryReader: InputEntryReader {
    private var entry: PendingInput?

    public init(_ entry: PendingInput) { self.entry = entry }

    public mutating func nextEntry() -> PendingInput? {
        defer { entry = nil }
        return entry
    }
}

extension Rejection {
    /// A document over `--max-document-bytes` (`input.too_large`), saying how large it is.
    public static func tooLarge(_ message: String) -> Rejection { Rejection(code: "input.too_large", message: message) }
}
