import Foundation

/// JSON Lines: one page per line, `{"id": …, "text": …}` (``InputSettings/idField`` and
/// ``InputSettings/textField`` name other fields). Lines are found in order; each is parsed by
/// the worker that loads it.
public enum JSONLinesInputReader: InputReader {
    public static let format = "jsonl"
    public static let fileExtensions = ["jsonl", "ndjson"]
    public static let summary = #"one page per line: {"id": …, "text": …} (--id-field, --text-field)"#

    public static func open(_ file: InputFile, settings: InputSettings) -> any InputEntryReader {
        guard let descriptor = file.openForReading() else { return file.cannotOpen() }
        return JSONLinesReader(handle: FileHandle(fileDescriptor: descriptor, closeOnDealloc: true), name: file.path, settings: settings)
    }
}
