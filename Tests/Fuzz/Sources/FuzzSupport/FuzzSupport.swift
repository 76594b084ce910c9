import ExtractCore
import ExtractStages
import Foundation

/// The repository's root, found from this file's place in it.
public let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

/// A pipeline file of the repository, built once; a harness that cannot build it stops at once.
public func repositoryPipeline(_ path: String) -> Pipeline {
    do {
        return try PipelineBuilder(registry: .builtIn).build(file: repositoryRoot.appendingPathComponent(path).path)
    } catch {
        fatalError("fuzz harness setup: \(error)")
    }
}

/// The input's bytes as an array.
public func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    guard let data, size > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
}

/// Stops the run (a finding) when a processed item breaks an invariant every stage promises:
/// its text is UTF-8 and every span lies inside the document, start before end.
public func checkInvariants(_ item: WorkItem) {
    if item.rejection != nil { return }
    precondition(String(validating: item.text, as: UTF8.self) != nil, "the text after the stages is not UTF-8")
    let count = item.document.bytes.count
    let spans = item.record.spans.compactMap { $0 } + item.record.itemSpans.compactMap { $0 }.flatMap { $0 }
        + item.record.diagnostics.compactMap(\.span)
    for span in spans {
        precondition(span.start >= 0 && span.start <= span.end && span.end <= count, "span \(span) outside a page of \(count) bytes")
    }
}

/// Writes the input to a file in memory-backed /dev/shm (readers that take paths read it there).
public final class ScratchFile {
    public let path: String
    public init(suffix: String) {
        path = "/dev/shm/extract-fuzz-\(getpid())\(suffix)"
    }
    public func write(_ bytes: [UInt8]) {
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { fatalError("cannot write \(path)") }
    }
}

/// What each input is given to, set by ``runFuzzer(_:)``.
nonisolated(unsafe) private var fuzzBody: (@convention(c) (UnsafePointer<UInt8>?, Int) -> Int32)?

/// libFuzzer's entry point; it forwards to the target's body.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    fuzzBody?(data, size) ?? 0
}

@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

/// Hands the command line to libFuzzer, which calls `body` with each input, and exits with its
/// status. (SwiftPM gives an executable a `main` of its own, which runs this; libFuzzer's own
/// `main` is not the one called.)
public func runFuzzer(_ body: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Never {
    fuzzBody = body
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzerTestOneInput))
}
