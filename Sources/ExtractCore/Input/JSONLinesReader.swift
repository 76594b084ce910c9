import Foundation

/// Reads `{"id": …, "text": …}` objects, one per line, lazily in 1 MiB chunks.
///
/// A document's source is its id field when present, else `path#N` (N counts lines from 1).
/// A line that is not a JSON object with a string text field is a failure for that line only.
struct JSONLinesReader {
    private let handle: FileHandle
    private let name: String
    private let settings: PathSource.Settings
    private var buffer: [UInt8] = []
    private var position = 0
    private var lineNumber = 0
    private var atEnd = false

    init(handle: FileHandle, name: String, settings: PathSource.Settings) {
        self.handle = handle
        self.name = name
        self.settings = settings
    }

    mutating func next() -> InputEntry? {
        while let line = nextLine() {
            lineNumber += 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            return parse(line)
        }
        return nil
    }

    private mutating func nextLine() -> ArraySlice<UInt8>? {
        while true {
            if let newline = buffer[position...].firstIndex(of: 0x0A) {
                let line = buffer[position..<newline]
                position = newline + 1
                return line
            }
            if atEnd {
                guard position < buffer.count else { return nil }
                let line = buffer[position...]
                position = buffer.count
                return line
            }
            buffer.removeFirst(position)
            position = 0
            let chunk = handle.readData(ofLength: 1 << 20)
            if chunk.isEmpty { atEnd = true } else { buffer.append(contentsOf: chunk) }
        }
    }

    private func parse(_ line: ArraySlice<UInt8>) -> InputEntry {
        let fallback = "\(name)#\(lineNumber)"
        guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
            return .failure(source: fallback, Rejection(code: "input.bad_json_line",
                message: "line \(lineNumber) is not a JSON object"))
        }
        var source = fallback
        if let id = object[settings.idField] {
            if let string = id as? String { source = string } else if let number = id as? NSNumber { source = number.stringValue }
        }
        guard let text = object[settings.textField] as? String else {
            return .failure(source: source, Rejection(code: "input.missing_text",
                message: "line \(lineNumber) has no string field '\(settings.textField)'"))
        }
        return .document(Document(source: source, bytes: Array(text.utf8)))
    }
}
