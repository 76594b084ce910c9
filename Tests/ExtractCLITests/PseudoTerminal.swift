import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs `extract` with its standard error on a pseudo-terminal of a given width, as it is in a
/// user's terminal window, and returns what the terminal received (escape sequences included).
enum PseudoTerminal {
    struct Result {
        var status: Int32
        var stdout: String
        /// Everything written to the terminal (the line discipline turns `\n` into `\r\n`).
        var terminal: String
    }

    /// The C library's pseudo-terminal calls, which Swift's Glibc module does not import (they
    /// need `_XOPEN_SOURCE`): looked up by name.
    private static func function<T>(_ name: String, as type: T.Type) throws -> T {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { throw POSIXError(.ENOSYS) }
        return unsafeBitCast(symbol, to: type)
    }

    static func run(_ arguments: [String], columns: Int) throws -> Result {
        typealias OnDescriptor = @convention(c) (Int32) -> Int32
        let openPrimary = try function("posix_openpt", as: OnDescriptor.self)
        let grant = try function("grantpt", as: OnDescriptor.self)
        let unlock = try function("unlockpt", as: OnDescriptor.self)
        let secondaryName = try function("ptsname", as: (@convention(c) (Int32) -> UnsafeMutablePointer<CChar>?).self)
        let master = openPrimary(O_RDWR | O_NOCTTY)
        guard master >= 0, grant(master) == 0, unlock(master) == 0, let name = secondaryName(master) else {
            throw POSIXError(.ENOTTY)
        }
        var size = winsize(ws_row: 24, ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        let secondary = open(name, O_RDWR | O_NOCTTY)
        guard secondary >= 0 else { throw POSIXError(.ENOTTY) }

        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = arguments
        process.currentDirectoryURL = CLI.root
        // The terminal's own width, not a COLUMNS the test runner may have.
        process.environment = ProcessInfo.processInfo.environment.filter { $0.key != "COLUMNS" }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle(fileDescriptor: secondary, closeOnDealloc: false)
        process.standardInput = FileHandle.nullDevice

        // Read the terminal while the process writes, so a full buffer never blocks it.
        let received = ReceivedBytes()
        let reader = Thread {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = read(master, &buffer, buffer.count)
                if count <= 0 { break }  // EIO once the last writer has closed the terminal
                received.append(buffer[0..<count])
            }
        }
        reader.start()
        try process.run()
        close(secondary)
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !reader.isFinished { usleep(10_000) }
        close(master)
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      terminal: String(decoding: received.bytes, as: UTF8.self))
    }

    /// Bytes read from the terminal, shared with the reading thread.
    private final class ReceivedBytes: @unchecked Sendable {
        private let lock = NSLock()
        private var storage: [UInt8] = []
        var bytes: [UInt8] { lock.withLock { storage } }
        func append(_ more: ArraySlice<UInt8>) { lock.withLock { storage += more } }
    }
}
