import ExtractCore
import Foundation

/// Progress on stderr while a long run goes (only when stderr is a terminal), and the summary line.
final class Progress: @unchecked Sendable {
    private let enabled: Bool
    private var lastPrint = Date.distantPast
    private var shown = false

    init(enabled: Bool) { self.enabled = enabled }

    func update(_ summary: RunSummary) {
        guard enabled, Date().timeIntervalSince(lastPrint) >= 0.5 else { return }
        lastPrint = Date()
        let rate = summary.seconds > 0 ? Double(summary.documents) / summary.seconds : 0
        let line = "\rextract: \(summary.documents) documents, \(summary.failed) failed, \(Int(rate)) docs/s"
        FileHandle.standardError.write(Data(line.utf8))
        shown = true
    }

    func clearLine() {
        guard shown else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        shown = false
    }

    /// `extract: 12 documents → 11 records, 1 failed (input.not_utf8 1); diagnostics: …; 0.05 s; output: x.jsonl`
    /// `kept`: the run gave no record, so the output file was not replaced.
    static func summaryLine(_ summary: RunSummary, output: String?, interrupted: Bool, kept: Bool = false) -> String {
        func counts(_ table: [String: Int]) -> String {
            table.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        }
        var line = "extract: \(summary.documents) document\(summary.documents == 1 ? "" : "s") → \(summary.records) record\(summary.records == 1 ? "" : "s")"
        line += ", \(summary.failed) failed"
        if !summary.failures.isEmpty { line += " (\(counts(summary.failures)))" }
        if !summary.skipped.isEmpty { line += "; skipped: \(counts(summary.skipped))" }
        if !summary.diagnostics.isEmpty { line += "; diagnostics: \(counts(summary.diagnostics))" }
        let rate = summary.seconds > 0 ? Double(summary.documents) / summary.seconds : 0
        line += String(format: "; %.2f s, %.0f docs/s, %.1f MB/s", summary.seconds, rate,
                       summary.seconds > 0 ? Double(summary.inputBytes) / summary.seconds / 1e6 : 0)
        if interrupted {
            line += "; interrupted, no output written"
        } else if kept, let output {
            line += "; no output written, '\(output)' left as it was"
        } else {
            line += "; output: \(output ?? "standard output")"
        }
        return line
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
