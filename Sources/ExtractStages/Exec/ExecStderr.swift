import Foundation

/// Forwards what an `exec` stage's program writes to its stderr to extract's stderr, line by
/// line, each line prefixed with the document it was working on: `exec[pages/a.txt]: line`
/// (`exec: line` for what it writes after its last document).
///
/// Each child has its own buffer of the line it is in the middle of; whole lines are written with
/// one `write` under a lock shared by every worker, so lines of different children never mix
/// mid-line. A line longer than ``longestLine`` bytes is cut into lines of that length.
struct ExecStderr {
    static let longestLine = 16_384
    private static let lock = NSLock()

    private var partial: [UInt8] = []

    /// Takes bytes the child wrote while working on the document `label` (nil: between
    /// documents) and writes every line they complete.
    mutating func take(_ bytes: UnsafeRawBufferPointer, label: String?) {
        var lines: [UInt8] = []
        for byte in bytes {
            if byte == 0x0A {
                Self.appendLine(partial, label: label, to: &lines)
                partial.removeAll(keepingCapacity: true)
            } else {
                partial.append(byte)
                if partial.count == Self.longestLine {
                    Self.appendLine(partial, label: label, to: &lines)
                    partial.removeAll(keepingCapacity: true)
                }
            }
        }
        Self.write(lines)
    }

    /// Writes the unfinished line, if any, as a line of its own.
    mutating func flush(label: String?) {
        guard !partial.isEmpty else { return }
        var lines: [UInt8] = []
        Self.appendLine(partial, label: label, to: &lines)
        partial.removeAll(keepingCapacity: true)
        Self.write(lines)
    }

    private static func appendLine(_ line: [UInt8], label: String?, to lines: inout [UInt8]) {
        lines.append(contentsOf: "exec".utf8)
        if let label {
            lines.append(UInt8(ascii: "["))
            // A source is one line of the prefix, whatever it holds.
            lines.append(contentsOf: label.utf8.map { $0 == 0x0A || $0 == 0x0D ? UInt8(ascii: " ") : $0 })
            lines.append(UInt8(ascii: "]"))
        }
        lines.append(contentsOf: ": ".utf8)
        lines.append(contentsOf: line.last == 0x0D ? line.dropLast() : line[...])
        lines.append(0x0A)
    }

    /// Writes whole lines to stderr in one go, under the lock shared by every child.
    private static func write(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        lock.lock()
        defer { lock.unlock() }
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(2, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }
}
