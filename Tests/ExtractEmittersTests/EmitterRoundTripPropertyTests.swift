import ExtractConformance
import ExtractCore
import ExtractEmitters
import ExtractTestSupport
import Foundation
import PropertyBased
import SwiftCSV
import Testing
import Yams

/// Generated records, written by each emitter and read back by a real parser (JSONSerialization,
/// Yams, SwiftCSV), come back as the values they were made of.
@Suite("Emitters round-trip generated records through real parsers")
struct EmitterRoundTripPropertyTests {
    // MARK: Generating records

    /// The fixture's career-shaped schema plus `extra`, an object with no declared members (any
    /// keys, any nesting: one JSON column in CSV).
    static let extra = FieldID(9)
    static let schema: Schema = {
        var schema = Fixture.schema
        schema.fields.append(Schema.Field(id: extra, name: "extra", shape: .object([])))
        schema.output.append(extra)
        return schema
    }()

    /// A record as generated: the value of each output field (nil: never set), and its diagnostics.
    struct Generated {
        var values: [FieldID: Value] = [:]
        var diagnostics: [Diagnostic] = []

        var record: Record {
            var record = Record(source: "generated", fieldCount: EmitterRoundTripPropertyTests.schema.fields.count)
            for (id, value) in values { record[id] = value }
            record.diagnostics = diagnostics
            return record
        }

        /// What a reader must find: every output field (null when not set), then the diagnostics
        /// (`[]` when there is none).
        var expected: Value {
            var members = EmitterRoundTripPropertyTests.schema.outputFields.map { Value.Member($0.name, values[$0.id] ?? .null) }
            members.append(Value.Member("diagnostics", .list(diagnostics.map { diagnostic in
                var object: [Value.Member] = [
                    .init("stage", .string(diagnostic.stage)), .init("field", diagnostic.field.map(Value.string) ?? .null),
                    .init("code", .string(diagnostic.code)), .init("message", .string(diagnostic.message)),
                ]
                if let span = diagnostic.span { object.append(.init("span", [.integer(span.start), .integer(span.end)])) }
                return .object(object)
            })))
            return sortedKeys(.object(members))
        }
    }

    /// Numbers drawn from a generated list, one at a time; 0 once it runs out.
    struct Tape {
        var numbers: [Int]
        var position = 0

        /// A number in `0..<count`.
        mutating func next(_ count: Int) -> Int {
            defer { position += 1 }
            return position < numbers.count ? numbers[position] % count : 0
        }

        mutating func chance(_ percent: Int) -> Bool { next(100) < percent }

        mutating func pick<T>(_ items: [T]) -> T { items[next(items.count)] }
    }

    /// Strings that break naive writers and readers: YAML 1.1/1.2 lookalikes, formula triggers,
    /// quotes, line breaks, controls, non-ASCII.
    static let hostile: [String] = YAMLEmitterTests.traps + Fixture.hostileTags + [
        "=SUM(A1:A9)", "+33 1 23", "-12%", "@user", "\tindented", "\rcarriage", "a,b", "say \"hi\"", "\"", "''",
        "line\r\n", "\n", "  ", "2024-01-01T00:00:00", "1_000", "0o17", "NaN", "Infinity", "-.5", "1e400",
        "Ελληνικά", "👩‍⚕️ nurse", "\u{2028}", "e\u{301}", "日本語: テスト", "key:\n  - x",
    ]

    /// Ranges characters are drawn from (no surrogates: a Swift string cannot hold one).
    static let scalarRanges: [ClosedRange<UInt32>] = [
        0x20...0x7E, 0x20...0x7E, 0x00...0x1F, 0x7F...0xFF, 0x100...0x7FF, 0x2000...0x206F, 0x3040...0x30FF,
        0xFFF0...0xFFFF, 0x1F300...0x1F64F,
    ]

    /// A string: a hostile one, a few glued together, or random characters.
    static func string(_ tape: inout Tape) -> String {
        var text: String
        switch tape.next(3) {
        case 0:
            text = tape.pick(hostile)
        case 1:
            text = (0...tape.next(4)).map { _ in tape.pick(hostile) }.joined(separator: tape.pick(["", " ", "\n", ", "]))
        default:
            text = ""
            for _ in 0..<tape.next(13) {
                let range = tape.pick(scalarRanges)
                if let scalar = Unicode.Scalar(range.lowerBound + UInt32(tape.next(Int(range.upperBound - range.lowerBound) + 1))) {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        // Foundation's UTF-8 reading (under JSONSerialization and Yams both) drops a string's
        // leading byte order mark, whatever the text said: no writer can round-trip it.
        if text.unicodeScalars.first == "\u{FEFF}" { text = "x" + text }
        return text
    }

    static let integers = [0, 1, -1, 7, -7, 42, 52_000, -3, 1_000_000, Int(Int32.max), Int(Int32.min), 1 << 53, (1 << 53) + 1,
                           Int.max, Int.min, 999_999_999_999]
    static let decimals = [0.0, -0.0, 0.1, -3.5, 5.0, 52000.5, 1e16, 1e-5, 1e-300, 1.5e300, .leastNonzeroMagnitude, 123456789.125,
                           Double(1 << 53) + 2, 0.30000000000000004, -1e-7, 2.5e-3, 1e21, 1e22, 1.7976931348623157e308]

    /// A scalar: null, a bool, an integer, a decimal or a string.
    static func scalar(_ tape: inout Tape) -> Value {
        switch tape.next(8) {
        case 0: return .null
        case 1: return .bool(tape.chance(50))
        case 2: return .integer(tape.pick(integers))
        case 3: return .integer(tape.next(2_000_001) - 1_000_000)
        case 4: return .decimal(tape.pick(decimals))
        case 5: return .decimal(Double(tape.next(2_000_001) - 1_000_000) / Double(tape.pick([1, 2, 10, 100, 1_000, 3])))
        default: return .string(string(&tape))
        }
    }

    /// A value of `shape`; now and then null, or (for `mismatched`) a value of another kind.
    static func value(_ shape: Shape, _ tape: inout Tape, depth: Int = 0) -> Value {
        if tape.chance(8) { return .null }
        switch shape {
        case .scalar:
            return scalar(&tape)
        case .list(let item):
            return .list((0..<tape.next(5)).map { _ in value(item, &tape, depth: depth + 1) })
        case .object(let members) where members.isEmpty:
            return anyValue(&tape, depth: depth)
        case .object(let members):
            // Keys left out now and then: a missing key reads as null in CSV, and is missing in the others.
            return .object(members.filter { _ in !tape.chance(15) }.map { Value.Member($0.key, value($0.shape, &tape, depth: depth + 1)) })
        }
    }

    /// Any value: scalars, lists and objects with hostile keys, nested a few levels.
    static func anyValue(_ tape: inout Tape, depth: Int) -> Value {
        guard depth < 4 else { return scalar(&tape) }
        switch tape.next(3) {
        case 0:
            return .list((0..<tape.next(4)).map { _ in anyValue(&tape, depth: depth + 1) })
        case 1:
            var keys: [String] = []
            for _ in 0..<tape.next(5) {
                let key = string(&tape)
                if !keys.contains(key) { keys.append(key) }
            }
            return .object(keys.map { Value.Member($0, anyValue(&tape, depth: depth + 1)) })
        default:
            return scalar(&tape)
        }
    }

    /// Stages and names of diagnostic codes: the codes they make (`=x.unparsed`, `code with,
    /// comma.missing_section`) start with formula characters, hold commas and quotes.
    static let codeStages = ["fields", "segment", "truncation", "=x", "-y", "@z", "+w", "code with, comma", "code \"quoted\""]
    static let codeNames = ["unparsed", "missing_section", "a, \"b\""]

    static func generated(_ tape: inout Tape) -> Generated {
        var generated = Generated()
        for field in schema.outputFields where !tape.chance(10) {
            var value = value(field.shape, &tape)
            // A value not of its field's shape now and then: CSV writes it as JSON (scalar
            // columns) or leaves the columns empty (object columns); the others write it as it is.
            if tape.chance(5) { value = anyValue(&tape, depth: 1) }
            generated.values[field.id] = value
        }
        for _ in 0..<tape.next(3) {
            let span = tape.chance(50) ? Span(start: tape.next(1_000), end: 1_000 + tape.next(1_000)) : nil
            let code = DiagnosticCode(stage: tape.pick(codeStages), name: tape.pick(codeNames), meaning: "")
            generated.diagnostics.append(Diagnostic(code, field: tape.chance(50) ? string(&tape) : nil,
                                                    message: string(&tape), span: span))
        }
        return generated
    }

    /// One to four records from the generated numbers.
    static func records(_ numbers: [Int]) -> [Generated] {
        var tape = Tape(numbers: numbers)
        return (0...tape.next(4)).map { _ in generated(&tape) }
    }

    static let tapes = Gen.int(in: 0...Int(Int32.max)).array(of: 50...600)

    private static func show(_ records: [Generated]) -> String { records.map { "\($0.expected)" }.joined(separator: "\n") }

    // MARK: JSON, JSON Lines, YAML

    /// Whether JSONSerialization's reading `read` of JSON written for `written` is that value, as
    /// far as that reader can tell (``Value/isReading(of:)``: a decimal may be one unit in the last
    /// place off); ``jsonNumbersReadBackExactlyByJSONDecoder()`` checks every number exactly.
    static func foundationReads(_ read: Value, _ written: Value) -> Bool { read.isReading(of: written) }

    /// A record's field `n`, as JSONDecoder reads it (its other keys, `diagnostics`, are not read).
    struct Field<Number: Decodable>: Decodable { var n: Number }

    @Test func jsonNumbersReadBackExactlyByJSONDecoder() async {
        let schema = singleFieldSchema(name: "n")
        await propertyCheck(count: propertyCount(500), input: Gen.int(in: Int.min...Int.max), Gen.uint64(in: 0...UInt64.max)) { integer, bits throws in
            let decimal = Double(bitPattern: bits)
            var record = Record(source: "", fieldCount: 1)
            record[FieldID(0)] = .integer(integer)
            let integerLine = emit(JSONLinesEmitter.self, schema: schema, records: [record])
            #expect(try JSONDecoder().decode(Field<Int>.self, from: Data(integerLine)).n == integer)
            guard decimal.isFinite else { return }
            record[FieldID(0)] = .decimal(decimal)
            let decimalLine = emit(JSONLinesEmitter.self, schema: schema, records: [record])
            let read = try JSONDecoder().decode(Field<Double>.self, from: Data(decimalLine)).n
            #expect(read.bitPattern == decimal.bitPattern, "\(String(decoding: decimalLine, as: UTF8.self))")
        }
    }

    @Test func jsonReadByJSONSerializationGivesBackEveryRecord() async {
        await propertyCheck(count: propertyCount(200), input: Self.tapes) { numbers throws in
            let records = Self.records(numbers)
            let text = emitText(JSONEmitter.self, schema: Self.schema, records: records.map(\.record))
            #expect(Self.foundationReads(try parsedValue(try parseJSON(text)), .list(records.map(\.expected))), "\(text)")
        }
    }

    @Test func jsonLinesReadLineByLineGiveBackEveryRecord() async {
        await propertyCheck(count: propertyCount(200), input: Self.tapes) { numbers throws in
            let records = Self.records(numbers)
            let text = emitText(JSONLinesEmitter.self, schema: Self.schema, records: records.map(\.record))
            #expect(text.hasSuffix("\n"))
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            #expect(lines.count == records.count, "\(text)")
            for (line, record) in zip(lines, records) {
                #expect(Self.foundationReads(try parsedValue(try parseJSON(String(line))), record.expected), "\(line)")
            }
        }
    }

    @Test func yamlReadByYamsGivesBackEveryRecord() async {
        await propertyCheck(count: propertyCount(200), input: Self.tapes) { numbers throws in
            let records = Self.records(numbers)
            let text = emitText(YAMLEmitter.self, schema: Self.schema, records: records.map(\.record))
            #expect(try Yams.load_all(yaml: text).map { try parsedValue($0) } == records.map(\.expected), "\(text)")
        }
    }

    // MARK: CSV

    /// How a CSV column's value is written: one cell as it is, a list joined by `; `, or JSON.
    enum CellKind { case scalar, joinedList, json }

    static func kind(_ shape: Shape) -> CellKind {
        switch shape {
        case .scalar: return .scalar
        case .list(.scalar): return .joinedList
        default: return .json
        }
    }

    /// Whether a cell of a column of `shape` holds `value` as the CSV emitter documents it. A
    /// joined list cannot tell an item containing "; " from two items (documented): such a cell
    /// is taken as holding it.
    static func csvCellHolds(_ cell: String, _ value: Value, _ shape: Shape) throws -> Bool {
        switch (kind(shape), value) {
        case (.joinedList, .list(let items)) where !items.contains(where: { $0.stringValue?.contains("; ") ?? false }):
            return try joinedCellHolds(cell, items)
        case (.joinedList, .list):
            return true
        case (.json, .list), (.json, .object):
            return foundationReads(try parsedValue(try parseJSON(cell)), sortedKeys(value))
        default:
            return try cellHolds(cell, value)
        }
    }

    static let csvColumns = EmitterConformance.tableColumns(schema)

    /// `text` as a cell: a `'` before a leading `=`, `+`, `-`, `@`, tab or CR (a formula guard).
    static func guarded(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return text }
        return "'" + text
    }

    /// Whether `cell` holds `value` as written in a scalar column (or, for an item, in a joined list).
    static func cellHolds(_ cell: String, _ value: Value, guardText: Bool = true) throws -> Bool {
        switch value {
        case .null: return cell.isEmpty
        case .bool(let bool): return cell == (bool ? "true" : "false")
        case .integer(let integer): return Int(cell) == integer
        case .decimal(let decimal): return Double(cell).map { $0 == decimal && $0.sign == decimal.sign } ?? false
        case .string(let string): return cell == (guardText ? guarded(string) : string)
        case .list, .object:
            // Written as compact JSON (a mismatched value); JSON text never starts with a trigger.
            return foundationReads(try parsedValue(try parseJSON(cell)), sortedKeys(value))
        }
    }

    /// Whether a joined-list cell holds `items`: their texts joined by `"; "`, with the guard when
    /// any item is text (a string, or a list or object written as JSON) and the joined text starts
    /// with a trigger.
    static func joinedCellHolds(_ cell: String, _ items: [Value]) throws -> Bool {
        if items.isEmpty { return cell.isEmpty }
        let hasText = items.contains { item in
            switch item {
            case .string, .list, .object: return true
            default: return false
            }
        }
        let startsWithTrigger: Bool
        switch items[0] {
        case .string(let string): startsWithTrigger = guarded(string) != string
        case .integer(let integer): startsWithTrigger = integer < 0
        case .decimal(let decimal): startsWithTrigger = decimal.sign == .minus
        default: startsWithTrigger = false
        }
        var text = cell
        if hasText && startsWithTrigger {
            guard text.hasPrefix("'") else { return false }
            text.removeFirst()
        }
        let pieces = text.components(separatedBy: "; ")
        guard pieces.count == items.count else { return false }
        for (piece, item) in zip(pieces, items) where !(try cellHolds(piece, item, guardText: false)) { return false }
        return true
    }

    /// `value` with an `x` before every string and key that would join the character before it
    /// (a combining mark, a joiner), and after every one that would join the character after it
    /// (a prepended mark, U+0600): SwiftCSV reads by Swift `Character`, so `,` and a leading
    /// U+0300 are one character to it and the comma is lost. The output is right by RFC 4180 (and
    /// for Python's csv); this only keeps SwiftCSV's reading of it comparable.
    static func readableBySwiftCSV(_ value: Value) -> Value {
        func text(_ string: String) -> String {
            let start = (",\(string)").count == string.count + 1 ? string : "x" + string
            return ("\(start),").count == start.count + 1 ? start : start + "x"
        }
        switch value {
        case .string(let string): return .string(text(string))
        case .list(let items): return .list(items.map(readableBySwiftCSV))
        case .object(let members): return .object(members.map { Value.Member(text($0.key), readableBySwiftCSV($0.value)) })
        default: return value
        }
    }

    @Test func csvReadBySwiftCSVGivesBackEveryCell() async {
        // A joined list cannot tell an item containing "; " from two items (documented): none here.
        let header = Self.csvColumns.map(\.name) + ["diagnostics"]
        await propertyCheck(count: propertyCount(200), input: Self.tapes) { numbers throws in
            let records = Self.records(numbers).map { generated in
                var readable = generated
                readable.values = generated.values.mapValues(Self.readableBySwiftCSV)
                return readable
            }
            let text = emitText(CSVEmitter.self, schema: Self.schema, records: records.map(\.record))
            let csv = try EnumeratedCSV(string: text, delimiter: .comma, loadColumns: false)
            #expect(csv.header == header)
            #expect(csv.rows.count == records.count, "\(text.debugDescription)")
            for (row, record) in zip(csv.rows, records) {
                #expect(row.count == header.count, "\(text.debugDescription)")
                for (column, cell) in zip(Self.csvColumns, row) {
                    let field = record.values[column.field] ?? .null
                    let found = column.value(in: field) ?? .null
                    let holds = try Self.csvCellHolds(cell, found, column.shape)
                    #expect(holds, "\(column.name): cell \(cell.debugDescription) for \(found) in \(text.debugDescription)")
                }
                let codes = record.diagnostics.map(\.codeWithField).joined(separator: "; ")
                #expect(row.last == Self.guarded(codes), "diagnostics")
            }
        }
    }
}
