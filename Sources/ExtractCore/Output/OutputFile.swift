import CExtractSystem
import Foundation

/// Where output bytes go: standard output, or a file written atomically.
///
/// A file is written to a temporary sibling and renamed into place by ``commit()``; if the run
/// fails or is interrupted, ``discard()`` removes the temporary file, so nothing half-written is
/// ever left at the destination.
///
/// A file's bytes are handed to the disk as the run goes: every ``writebackStep`` bytes, the
/// kernel is asked to start writing them back (without waiting). Otherwise all of a large
/// output stays dirty in memory until the end, and replacing an existing destination stalls
/// there: ext4 writes back the whole file when a rename replaces another (about 15 ms per
/// 64 MiB here, after the last record, when no other work can overlap it).
public final class OutputFile {
    private let handle: FileHandle
    public let destination: String?
    private let temporaryPath: String?
    private var buffer: [UInt8] = []
    private let flushThreshold = 1 << 20
    /// Bytes written to the file so far, and where the part not yet handed to writeback starts.
    private var fileBytes = 0
    private var writebackStart = 0
    /// How many bytes are written between two requests to start writeback.
    public static let writebackStep = 8 << 20

    /// Standard output.
    public init() {
        handle = FileHandle.standardOutput
        destination = nil
        temporaryPath = nil
    }

    /// A file at `path`, written through a temporary file in the same directory.
    public init(path: String) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let temporary = directory + "/." + url.lastPathComponent + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
        guard FileManager.default.createFile(atPath: temporary, contents: nil) else {
            throw OutputError(message: "cannot create '\(temporary)' (does the directory '\(directory)' exist and is it writable?)")
        }
        guard let opened = FileHandle(forWritingAtPath: temporary) else {
            throw OutputError(message: "cannot open '\(temporary)' for writing")
        }
        handle = opened
        destination = path
        temporaryPath = temporary
    }

    /// Small writes are gathered into one buffer; a large one (64 KiB or more: a chunk of records) goes out as
    /// it is, after what is buffered, without being copied again.
    public func write(_ bytes: [UInt8]) throws {
        if bytes.count >= flushThreshold / 16 {
            try flush()
            try writeOut(bytes)
            return
        }
        buffer.append(contentsOf: bytes)
        if buffer.count >= flushThreshold { try flush() }
    }

    public func flush() throws {
        guard !buffer.isEmpty else { return }
        try writeOut(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeOut(_ bytes: [UInt8]) throws {
        do {
            try handle.write(contentsOf: bytes)
        } catch {
            throw OutputError(message: "cannot write output: \(error.localizedDescription)")
        }
        guard temporaryPath != nil else { return }
        fileBytes += bytes.count
        if fileBytes - writebackStart >= Self.writebackStep {
            // Advisory: where it fails or is not supported, the data is written back later as usual.
            _ = extract_start_writeback(handle.fileDescriptor, Int64(writebackStart), Int64(fileBytes - writebackStart))
            writebackStart = fileBytes
        }
    }

    /// Flushes and, for a file, renames the temporary file into place.
    public func commit() throws {
        try flush()
        guard let temporaryPath, let destination else { return }
        try? handle.close()
        if rename(temporaryPath, destination) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw OutputError(message: "cannot move output into place at '\(destination)': \(reason)")
        }
    }

    /// Removes the temporary file; the destination is left as it was.
    public func discard() {
        guard let temporaryPath else { return }
        try? handle.close()
        unlink(temporaryPath)
    }

    /// The path of the temporary file, for signal handlers that must remove it.
    public var pendingPath: String? { temporaryPath }
}

public struct OutputError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}
