import ExtractCore
import ExtractEmitters
import Foundation
import Testing

// MARK: Fixtures

/// A hand-built schema shaped like a career-page pipeline, and records full of strings that break
/// naive writers.
enum Fixture {
    static let id = FieldID(0)
    static let source = FieldID(1)
    /// Provided by a stage but not written to output.
    static let body = FieldID(2)
    static let title = FieldID(3)
    static let salary = FieldID(4)
    static let jobGrowth = FieldID(5)
    static let tags = FieldID(6)
    static let pathway = FieldID(7)
    static let notes = FieldID(8)

    static let salaryShape = Shape.object([
        .init("min", .scalar), .init("max", .scalar), .init("currency", .scalar),
        .init("period", .scalar), .init("text", .scalar),
    ])
    static let jobGrowthShape = Shape.object([.init("percent", .scalar), .init("period", .scalar), .init("text", .scalar)])
    static let pathwayShape = Shape.list(.object([
        .init("step", .scalar), .init("title", .scalar), .init("required", .scalar), .init("skills", .list(.scalar)),
    ]))

    static var schema: Schema {
        var schema = Schema()
        schema.fields = [
            Schema.Field(id: id, name: "id", shape: .scalar),
            Schema.Field(id: source, name: "source", shape: .scalar),
            Schema.Field(id: body, name: "body", shape: .scalar),
            Schema.Field(id: title, name: "title", shape: .scalar),
            Schema.Field(id: salary, name: "salary", shape: salaryShape),
            Schema.Field(id: jobGrowth, name: "job_growth", shape: jobGrowthShape),
            Schema.Field(id: tags, name: "tags", shape: .list(.scalar)),
            Schema.Field(id: pathway, name: "pathway", shape: pathwayShape),
            Schema.Field(id: notes, name: "notes", shape: .scalar),
        ]
        schema.output = [id, source, title, salary, jobGrowth, tags, pathway, notes]
        return schema
    }

    /// Strings that YAML 1.1 or 1.2 would read as something else, spreadsheets as formulas, or
    /// naive CSV and JSON writers would break on.
    static let hostileTags: [String] = [
        "no", "yes", "on", "1e3", "0x10", "2024-01-01", "~", "null", "- dash", "key: value",
        " lead space", "#hash", "Café ☕", "", "back\\slash /path", "tab\there", "trailing ", "ends:",
        "bell\u{07}unit\u{1F}",
    ]

    static let unparsed = DiagnosticCode(stage: "fields", name: "unparsed", meaning: "a text could not be read")
    static let missingSection = DiagnosticCode(stage: "segment", name: "missing_section", meaning: "a heading was not found")

    static let salaryText = "Pay \"up to\" $81,000.50, or more\r\nper year\nroughly"

    /// Everything hostile at once, with two diagnostics.
    static var hostile: Record {
        var record = Record(source: "pages/career one.html", fieldCount: 9)
        record[id] = 1
        record[source] = "pages/career one.html"
        record[body] = "<html>not written</html>"
        record[title] = "=cmd|' /C calc'!A0"
        record[salary] = .object([
            .init("min", 52000), .init("max", 81000.5), .init("currency", "+1"),
            .init("period", "@SUM(A1)"), .init("text", .string(salaryText)),
        ])
        record[jobGrowth] = .object([.init("percent", -3.5), .init("period", "2024-01-01"), .init("text", "-3%")])
        record[tags] = .list(hostileTags.map(Value.string))
        record[pathway] = .list([
            .object([
                .init("step", 1), .init("title", "Apprentice, \"junior\""), .init("required", true),
                .init("skills", ["SQL", "=HYPERLINK(\"x\")"]),
            ]),
            .object([.init("step", 2), .init("title", "Lead: level 2 #1"), .init("required", false), .init("skills", [])]),
            .object([.init("step", 3), .init("title", nil), .init("required", false), .init("skills", ["yes"])]),
        ])
        record[notes] = nil
        record.spans[title.index] = Span(start: 10, end: 28)
        record.diagnostics = [
            Diagnostic(unparsed, field: "salary", message: "could not read \"$81,000.50+\"", span: Span(start: 120, end: 131)),
            Diagnostic(missingSection, message: "no 'Outlook' section\nfound"),
        ]
        return record
    }

    /// A quiet record: a null object, a missing key, empty lists, no diagnostics.
    static var quiet: Record {
        var record = Record(source: "pages/b.html", fieldCount: 9)
        record[id] = 2
        record[source] = "pages/b.html"
        record[title] = "Data Analyst"
        record[salary] = .null
        record[jobGrowth] = .object([.init("percent", 4), .init("text", "+4%")])
        record[tags] = []
        record[pathway] = []
        record[notes] = "Remote: yes\nHybrid: no"
        return record
    }

    /// A record with numbers where text might be expected: negative integers and a tag list
    /// starting with a formula.
    static var numeric: Record {
        var record = Record(source: "pages/c.html", fieldCount: 9)
        record[id] = -7
        record[source] = "pages/c.html"
        record[title] = "-"
        record[salary] = .object([
            .init("min", -3), .init("max", 1e16), .init("currency", "EUR"), .init("period", "year"), .init("text", "€3"),
        ])
        record[jobGrowth] = .object([.init("percent", 0.0), .init("period", nil), .init("text", "0%")])
        record[tags] = ["=1+2", "x"]
        record[pathway] = [.object([.init("step", 1), .init("title", "@home"), .init("required", nil), .init("skills", [])])]
        record[notes] = "@"
        return record
    }

    static var all: [Record] { [hostile, quiet, numeric] }
}

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
    let instance = emitter.init(schema: schema, options: options)
    var output = instance.header()
    for (n, record) in records.enumerated() {
        if n > 0 { output.append(contentsOf: instance.separator) }
        instance.encode(record, into: &output)
    }
    output.append(contentsOf: instance.footer(recordCount: records.count))
    return output
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
func sortedKeys(_ value: Value) -> Value {
    switch value {
    case .list(let items): return .list(items.map(sortedKeys))
    case .object(let members):
        return .object(members.map { Value.Member($0.key, sortedKeys($0.value)) }.sorted { $0.key < $1.key })
    default: return value
    }
}

struct UnexpectedParsedValue: Error, CustomStringConvertible {
    var description: String
}

/// A value from Foundation's JSONSerialization or from Yams, as a ``Value`` (keys sorted), keeping
/// its type: a number stays a number (integer or decimal), a bool a bool, a string a string.
func parsedValue(_ any: Any?) throws -> Value {
    guard let any else { return .null }
    if any is NSNull { return .null }
    if let string = any as? String { return .string(string) }
    // Yams gives Swift values; check their exact types before NSNumber bridging blurs them.
    if type(of: any) == Bool.self, let bool = any as? Bool { return .bool(bool) }
    if type(of: any) == Int.self, let int = any as? Int { return .integer(int) }
    if type(of: any) == Double.self, let double = any as? Double { return .decimal(double) }
    // JSONSerialization gives NSNumber; its objCType says what the text was.
    if let number = any as? NSNumber {
        switch String(cString: number.objCType) {
        case "c", "B": return .bool(number.boolValue)
        case "d", "f": return .decimal(number.doubleValue)
        default: return .integer(number.intValue)
        }
    }
    if let list = any as? [Any] { return .list(try list.map(parsedValue)) }
    if let list = any as? [Any?] { return .list(try list.map(parsedValue)) }
    if let object = any as? [String: Any] {
        return sortedKeys(.object(try object.map { Value.Member($0.key, try parsedValue($0.value)) }))
    }
    if let object = any as? [AnyHashable: Any] {
        return sortedKeys(.object(try object.map { member in
            guard let key = member.key.base as? String else {
                throw UnexpectedParsedValue(description: "non-string key \(member.key) (\(type(of: member.key.base)))")
            }
            return Value.Member(key, try parsedValue(member.value))
        }))
    }
    throw UnexpectedParsedValue(description: "unexpected \(type(of: any)): \(any)")
}

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
