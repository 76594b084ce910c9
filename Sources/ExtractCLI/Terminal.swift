import Foundation

/// The terminal the command writes to: whether a stream is one, and how wide it is, so text can
/// be laid out to fit it.
enum Terminal {
    /// Whether `descriptor` is a terminal.
    static func isTerminal(_ descriptor: Int32) -> Bool { isatty(descriptor) != 0 }

    /// The columns text written to `descriptor` may use: `COLUMNS` when it is set (as
    /// argument-parser reads it for `--help`), else the width of the terminal `descriptor` is
    /// (TIOCGWINSZ, read each time, so a resized window is followed), else `fallback`.
    static func columns(of descriptor: Int32, fallback: Int = 80) -> Int {
        if let text = ProcessInfo.processInfo.environment["COLUMNS"], let columns = Int(text), columns > 0 { return columns }
        var size = winsize()
        if ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return fallback
    }
}
