import ExtractTestSupport
import Foundation

/// Runs the built `extract` binary as a user would, capturing exit status, stdout and stderr.
struct CLIResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

enum CLI {
    /// The package root, from this file's path.
    static let root = repositoryRoot

    /// The `extract` binary next to the test bundle (`swift test` builds it first).
    static var binary: URL {
        var directory = Bundle.main.bundleURL
        if directory.pathExtension == "xctest" { directory.deleteLastPathComponent() }
        for candidate in [directory, directory.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("extract")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return root.appendingPathComponent(".build/debug/extract")
    }

    /// Runs `extract` with `arguments` in the package root, feeding `stdin` if given, or reading
    /// standard input from `stdinFile`; standard output is captured unless `stdoutFile` takes it.
    /// `environment` adds to (or, with nil values, removes from) the test's own environment.
    static func run(_ arguments: [String], stdin: Data? = nil, stdinFile: FileHandle? = nil, stdoutFile: FileHandle? = nil,
                    in directory: URL? = nil, environment: [String: String?] = [:]) throws -> CLIResult {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? root
        if !environment.isEmpty {
            var merged = ProcessInfo.processInfo.environment
            for (name, value) in environment { merged[name] = value }
            process.environment = merged
        }
        // stderr goes to a file so neither stream can fill up and block the child.
        let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("extract-stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let errHandle = try FileHandle(forWritingTo: errURL)
        defer { try? FileManager.default.removeItem(at: errURL) }
        let out = Pipe()
        process.standardOutput = stdoutFile ?? out
        process.standardError = errHandle
        let input = Pipe()
        process.standardInput = stdinFile ?? input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        try out.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try errHandle.close()
        let errData = try Data(contentsOf: errURL)
        return CLIResult(status: process.terminationStatus,
                         stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A fresh temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("extract-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// The expected record of a bundled page, as Foundation JSON, without `source`.
func expectedRecord(_ name: String) throws -> [String: Any] {
    let url = CLI.root.appendingPathComponent("Fixtures/career/expected/\(name).json")
    var object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
    object.removeValue(forKey: "source")
    // Every record has `diagnostics`; an expected record may leave out an empty list (eval reads it so too).
    if object["diagnostics"] == nil { object["diagnostics"] = [Any]() }
    return object
}

/// Deep equality of Foundation JSON-like values (dictionaries, arrays, strings, numbers, null).
func jsonEqual(_ a: Any?, _ b: Any?) -> Bool {
    switch (a, b) {
    case (nil, nil): return true
    case (is NSNull, is NSNull), (nil, is NSNull), (is NSNull, nil): return true
    case let (x as [String: Any], y as [String: Any]):
        return x.count == y.count && x.allSatisfy { key, value in y.keys.contains(key) && jsonEqual(value, y[key]) }
    case let (x as [Any], y as [Any]):
        return x.count == y.count && zip(x, y).allSatisfy { jsonEqual($0, $1) }
    case let (x as String, y as String): return x == y
    case let (x as NSNumber, y as NSNumber): return x == y
    case let (x as Int, y as Int): return x == y
    case let (x as Double, y as Double): return x == y
    case let (x as Int, y as NSNumber): return NSNumber(value: x) == y
    case let (x as NSNumber, y as Int): return x == NSNumber(value: y)
    case let (x as Bool, y as Bool): return x == y
    default: return false
    }
}

/// The keys whose values differ, for readable failures.
func differingKeys(_ got: [String: Any], _ expected: [String: Any]) -> [String] {
    Set(got.keys).union(expected.keys).sorted().filter { !jsonEqual(got[$0], expected[$0]) }
}
