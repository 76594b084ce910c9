import ExtractCore
import Foundation

/// Progress on stderr while a long run goes (only when stderr is a terminal): one line rewritten
/// in place, cleared to the end (`\r` … `\e[K`, so nothing of a longer line before is left) and
/// made of whole parts that fit the terminal's width. Once the input's size is known (it is
/// measured on another thread while the run starts), the line also gives the share read, and the
/// time left.
final class Progress: @unchecked Sendable {
    private let enabled: Bool
    /// Counts the input's bytes as they are read, when progress is shown (nothing is counted
    /// otherwise): give it to the source (``PathSource/Settings/meter``).
    let meter: ReadMeter?
    private let lock = NSLock()
    private var totalBytes: Int?
    private var lastPrint = Date.distantPast
    private var shown = false

    /// `paths`: the run's inputs, whose total size is measured when enabled: at once when they
    /// are a few files, in the background when a directory must be walked or there are many.
    init(enabled: Bool, paths: [String]) {
        self.enabled = enabled
        meter = enabled ? ReadMeter() : nil
        guard enabled else { return }
        let quick = paths.count <= 64 && !paths.contains { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
        }
        if quick {
            totalBytes = InputSize.total(of: paths)
            return
        }
        DispatchQueue.global(qos: .utility).async { [self] in
            let total = InputSize.total(of: paths)
            lock.withLock { totalBytes = total }
        }
    }

    func update(_ summary: RunSummary) {
        guard enabled, Date().timeIntervalSince(lastPrint) >= 0.5 else { return }
        lastPrint = Date()
        let total = lock.withLock { totalBytes }
        let line = Self.line(summary, bytesRead: meter?.bytesRead ?? 0, totalBytes: total, width: Terminal.columns(of: STDERR_FILENO))
        FileHandle.standardError.write(Data(("\r" + line + "\u{1B}[K").utf8))
        shown = true
    }

    func clearLine() {
        guard shown else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        shown = false
    }

    /// The progress line for a terminal `width` columns wide:
    /// `extract: 45%, 12,345 documents, 2 failed, 1,234 docs/s, 540 MB of 1.2 GB, ETA 1m 13s`.
    /// Parts that do not fit are left out whole, the least useful first (the amount read, the
    /// rate, failures), and the line is one column short of the width, so the terminal never
    /// wraps it.
    static func line(_ summary: RunSummary, bytesRead: Int, totalBytes: Int?, width: Int) -> String {
        let rate = summary.seconds > 0 ? Double(summary.documents) / summary.seconds : 0
        var parts: [(order: Int, priority: Int, text: String)] = [
            (1, 0, "\(grouped(summary.documents)) document\(summary.documents == 1 ? "" : "s")"),
            (2, 3, "\(grouped(summary.failed)) failed"),
            (3, 4, "\(grouped(Int(rate))) docs/s"),
        ]
        if let totalBytes, totalBytes > 0 {
            let done = min(bytesRead, totalBytes)
            parts.append((0, 1, "\(done * 100 / totalBytes)%"))
            parts.append((4, 5, "\(bytes(done)) of \(bytes(totalBytes))"))
            if done > 0, summary.seconds >= 1 {
                parts.append((5, 2, "ETA " + duration(summary.seconds * Double(totalBytes - done) / Double(done))))
            }
        } else {
            parts.append((4, 5, "\(bytes(bytesRead)) read"))
        }
        let prefix = "extract: "
        func render(_ chosen: [(order: Int, priority: Int, text: String)]) -> String {
            prefix + chosen.sorted { $0.order < $1.order }.map(\.text).joined(separator: ", ")
        }
        var chosen: [(order: Int, priority: Int, text: String)] = []
        for part in parts.sorted(by: { $0.priority < $1.priority }) where render(chosen + [part]).count < width {
            chosen.append(part)
        }
        return TextWrap.truncated(render(chosen), to: width - 1)
    }

    /// `12,345`
    static func grouped(_ number: Int) -> String {
        let digits = String(number)
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 && digit != "-" { text += "," }
            text.append(digit)
        }
        return text
    }

    /// `512 B`, `12 KB`, `1.2 GB` (powers of 1000, as the summary's MB/s).
    static func bytes(_ count: Int) -> String {
        var value = Double(count)
        for unit in ["B", "KB", "MB", "GB"] {
            if value < 999.5 { return unit == "B" ? "\(count) B" : String(format: value < 9.95 ? "%.1f %@" : "%.0f %@", value, unit) }
            value /= 1000
        }
        return String(format: value < 9.95 ? "%.1f TB" : "%.0f TB", value)
    }

    /// `42s`, `3m 05s`, `2h 07m`
    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.up))
        if whole < 60 { return "\(whole)s" }
        if whole < 3600 { return String(format: "%dm %02ds", whole / 60, whole % 60) }
        return String(format: "%dh %02dm", whole / 3600, (whole % 3600) / 60)
    }
}

/// SIGINT / SIGTERM: stop reading, finish the batch in flight, leave no half-written output.
enum Interruption {
    /// The signal that asked the run to stop, or 0.
    nonisolated(unsafe) private static var flag: sig_atomic_t = 0
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []

    static var requested: Bool { flag != 0 }

    /// The exit status shells give a process a signal ended: 128 + the signal (130 for SIGINT,
    /// 143 for SIGTERM), so scripts and job schedulers see which one stopped the run.
    static var exitStatus: Int32 { flag == 0 ? ExtractCommand.Status.interrupted.rawValue : 128 + flag }

    /// Temporary files a second signal removes before exiting at once.
    nonisolated(unsafe) private static var pendingPaths: [String] = []

    /// Files to remove when a second signal ends the run at once (set before the run starts).
    static func removeOnSecondSignal(_ paths: [String]) { pendingPaths = paths }

    /// Catches SIGINT and SIGTERM from now on: the first asks the run to stop, a second ends it.
    /// Installed before any output file exists, so no signal can leave a temporary file behind.
    static func install() {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                if flag != 0 {
                    // A second interrupt: stop now, still without leaving a partial file.
                    for path in pendingPaths { unlink(path) }
                    exit(128 + signalNumber)
                }
                flag = signalNumber
            }
            source.resume()
            sources.append(source)
        }
    }
}
