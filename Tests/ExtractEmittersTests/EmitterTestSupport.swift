import ExtractConformance
import ExtractCore
import ExtractEmitters
import Foundation
import Testing

// MARK: Fixtures

/// The kit's records and schema (career-shaped, full of strings that break naive writers).
typealias Fixture = ConformanceRecords

/// A schema with one output field, `name`, of the given shape (FieldID 0).
func singleFieldSchema(name: String = "s", shape: Shape = .scalar) -> Schema {
    var schema = Schema()
    schema.fields = [Schema.Field(id: FieldID(0), name: name, shape: shape)]
    schema.output = [FieldID(0)]
    return schema
}

// MARK: Running an emitter

/// Runs `emitter` over `records` exactly as the runner does: header, records with the separator
/// between them, footer.
func emit(_ emitter: any Emitter.Type, schema: Schema = Fixture.schema, records: [Record],
          options: EmitterOptions = EmitterOptions()) -> [UInt8] {
    EmitterConformance.emit(emitter, schema: schema, records: records, options: options)
}

func emitText(_ emitter: any Emitter.Type, schema: Schema = Fixture.schema, records: [Record],
              options: EmitterOptions = EmitterOptions()) -> String {
    String(decoding: emit(emitter, schema: schema, records: records, options: options), as: UTF8.self)
}

// MARK: Comparing by value

/// The record's output object as a value, keys sorted (parsers give unordered dictionaries).
func expectedValue(_ record: Record, schema: Schema = Fixture.schema, options: EmitterOptions = EmitterOptions()) -> Value {
    sortedKeys(.object(record.outputObject(schema: schema, options: options)))
}

/// `value` with every object's keys sorted, recursively.
func sortedKeys(_ value: Value) -> Value { value.withSortedKeys }

/// A value from Foundation's JSONSerialization or from Yams, as a ``Value`` (keys sorted), keeping
/// its type.
func parsedValue(_ any: Any?) throws -> Value { try Value(parsed: any) }

/// Parses JSON text with Foundation's JSONSerialization.
func parseJSON(_ text: String) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
}

// MARK: Python (PyYAML, json)

enum Python {
    /// Whether `python3` with the `yaml` module (PyYAML) can be run.
    static let hasPyYAML: Bool = (try? run(["-c", "import yaml"], stdin: Data()).status) == 0

    struct Result {
        var status: Int32
        var stdout: Data
        var stderr: String
    }

    /// Runs `/usr/bin/env python3 arguments…` with `stdin` as its standard input.
    static func run(_ arguments: [String], stdin: Data) throws -> Result {
        let input = FileManager.default.temporaryDirectory
            .appendingPathComponent("extract-emitters-\(UUID().uuidString).in")
        try stdin.write(to: input)
        defer { try? FileManager.default.removeItem(at: input) }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["PYTHONIOENCODING"] = "utf-8"
        environment["PYTHONUTF8"] = "1"
        process.environment = environment
        process.standardInput = try FileHandle(forReadingFrom: input)
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: out, stderr: String(decoding: err, as: UTF8.self))
    }

    /// Every document of a YAML stream as read by PyYAML's `safe_load_all` (a YAML 1.1 loader),
    /// passed back through Python's `json`.
    static func loadYAMLDocuments(_ yaml: String) throws -> Any {
        let script = "import sys,yaml,json; print(json.dumps(list(yaml.safe_load_all(sys.stdin)), ensure_ascii=False))"
        let result = try run(["-c", script], stdin: Data(yaml.utf8))
        guard result.status == 0 else {
            throw UnexpectedParsedValue(description: "PyYAML failed (\(result.status)): \(result.stderr)")
        }
        return try JSONSerialization.jsonObject(with: result.stdout)
    }
}
