import Foundation

/// One thing read from the input: a document, or a failure to read one (reported and counted).
public enum InputEntry: Sendable {
    case document(Document)
    case failure(source: String, Rejection)
}

/// A lazy stream of documents. Sources read one document at a time so memory stays flat.
public protocol DocumentSource {
    mutating func next() -> InputEntry?
}

/// How files given on the command line are read.
public enum InputFormat: String, Sendable, CaseIterable {
    /// `.jsonl` / `.ndjson` files as JSON Lines, everything else as one page per file.
    case auto
    /// One page per file.
    case text
    /// One page per line: `{"id": …, "text": …}`.
    case jsonl
}

/// Documents from paths: files, directories (walked recursively in sorted order) and `-` for
/// standard input.
public struct PathSource: DocumentSource {
    public struct Settings: Sendable {
        public var format: InputFormat = .auto
        public var idField = "id"
        public var textField = "text"
        /// Larger documents are rejected (`input.too_large`) rather than read.
        public var maxDocumentBytes = 16 << 20
        public init() {}
    }

    private var pending: [String]
    private let settings: Settings
    private var lines: JSONLinesReader?

    public init(paths: [String], settings: Settings = Settings()) {
        pending = paths.reversed()
        self.settings = settings
    }

    public mutating func next() -> InputEntry? {
        while true {
            if var reader = lines {
                if let entry = reader.next() {
                    lines = reader
                    return entry
                }
                lines = nil
            }
            guard let path = pending.popLast() else { return nil }
            if path == "-" {
                if settings.format == .jsonl {
                    lines = JSONLinesReader(handle: .standardInput, name: "-", settings: settings)
                    continue
                }
                return readStandardInput()
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                return .failure(source: path, Rejection(code: "input.unreadable", message: "no such file or directory"))
            }
            if isDirectory.boolValue {
                pending.append(contentsOf: Self.listFiles(in: path).reversed())
                continue
            }
            if isJSONLines(path) {
                guard let handle = FileHandle(forReadingAtPath: path) else {
                    return .failure(source: path, Rejection(code: "input.unreadable", message: "cannot open the file"))
                }
                lines = JSONLinesReader(handle: handle, name: path, settings: settings)
                continue
            }
            return readFile(path)
        }
    }

    private func isJSONLines(_ path: String) -> Bool {
        switch settings.format {
        case .jsonl: return true
        case .text: return false
        case .auto: return path.hasSuffix(".jsonl") || path.hasSuffix(".ndjson")
        }
    }

    private func readFile(_ path: String) -> InputEntry {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        if let size = attributes?[.size] as? Int, size > settings.maxDocumentBytes {
            return .failure(source: path, Rejection(code: "input.too_large",
                message: "the document is \(size) bytes, over the limit of \(settings.maxDocumentBytes)"))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(source: path, Rejection(code: "input.unreadable", message: "cannot read the file"))
        }
        return .document(Document(source: path, bytes: [UInt8](data)))
    }

    private func readStandardInput() -> InputEntry {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        return .document(Document(source: "-", bytes: [UInt8](data)))
    }

    /// Regular files under `directory`, recursively, in sorted path order; hidden files skipped.
    static func listFiles(in directory: String) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        var result: [String] = []
        let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = base + "/" + name
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                result.append(contentsOf: listFiles(in: path))
            } else {
                result.append(path)
            }
        }
        return result
    }
}
