import ExtractCore
import Foundation
import Yams

/// The checks every output format passes, built-in or from another package. The kit writes
/// ``ConformanceRecords`` (strings that break naive writers, numbers at their limits, nulls,
/// empty lists, diagnostics) as the runner does (header, records with the separator between
/// them, footer) and reads the bytes back with a real parser for the format:
///
/// - **records read back**: the parser gives back every record's output object (its fields in
///   output order, `diagnostics`, and `_spans` when asked for), with and without spans;
/// - **no records read back as none**: a run with no record is a valid, empty output;
/// - **encoding from many threads gives the same bytes**: an emitter holds no mutable state.
///
/// A format of records (JSON, YAML) is read back as one ``Value`` per record
/// (``ReadBack/records(_:)``; ``jsonArray``, ``jsonLines`` and ``yamlStream`` are such readers,
/// with Foundation's JSONSerialization and Yams). A table (CSV, TSV) is read back as a header
/// and rows of cells (``ReadBack/table(_:cellHolds:)``): its columns are those
/// ``tableColumns(_:spans:)`` lists, and the test says how a cell holds a value (how the format
/// writes numbers, joins lists, guards formulas). The kit ships no CSV reader: the caller
/// brings one (SwiftCSV, a TSV split), so this library depends on no CSV package.
///
/// Returns what it found wrong; an empty list means the format conforms.
public enum EmitterConformance {
    /// A header and rows of cells, as a table parser reads them.
    public struct Table: Sendable {
        public var header: [String]
        public var rows: [[String]]
        public init(header: [String], rows: [[String]]) {
            self.header = header
            self.rows = rows
        }
    }

    /// How the emitter's output is read back.
    public enum ReadBack: Sendable {
        /// One value per record (JSON, YAML), compared with each record's output object.
        case records(@Sendable ([UInt8]) throws -> [Value])
        /// A header and rows, compared cell by cell: `cellHolds(cell, value, shape)` says whether a
        /// cell holds the value the record has there (null for a key it lacks), in a column of that
        /// shape (``TableColumn/shape``; `diagnostics` is a list of scalars, each diagnostic's
        /// ``Diagnostic/codeWithField`` (`fields.not_found(salary)`), and `_spans` an object of any keys).
        case table(@Sendable ([UInt8]) throws -> Table, cellHolds: @Sendable (_ cell: String, _ value: Value, _ shape: Shape) throws -> Bool)
    }

    public static func check(_ emitter: any ExtractCore.Emitter.Type, readBack: ReadBack, schema: Schema = ConformanceRecords.schema,
                             records: [Record] = ConformanceRecords.all) -> [ConformanceFailure] {
        var failures: [ConformanceFailure] = []
        for options in [EmitterOptions(), EmitterOptions(includeSpans: true)] {
            let bytes = emit(emitter, schema: schema, records: records, options: options)
            failures += compare(emitter, bytes, readBack: readBack, schema: schema, records: records, options: options,
                                check: "records read back")
            let empty = emit(emitter, schema: schema, records: [], options: options)
            failures += compare(emitter, empty, readBack: readBack, schema: schema, records: [], options: options,
                                check: "no records read back as none")
        }
        failures += checkConcurrentEncoding(emitter, schema: schema, records: records)
        return failures
    }

    /// Runs `emitter` over `records` exactly as the runner does: header, records with the
    /// separator between them, footer.
    public static func emit(_ emitter: any ExtractCore.Emitter.Type, schema: Schema = ConformanceRecords.schema, records: [Record],
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

    // MARK: Readers

    /// A JSON array of records, read by Foundation's JSONSerialization.
    public static var jsonArray: ReadBack { .records(readJSONArray) }

    private static func readJSONArray(_ bytes: [UInt8]) throws -> [Value] {
        guard case .list(let items) = try Value(parsed: try JSONSerialization.jsonObject(with: Data(bytes))) else {
            throw UnexpectedParsedValue(description: "the output is not a JSON array")
        }
        return items
    }

    /// One JSON object per line, each line read by Foundation's JSONSerialization.
    public static var jsonLines: ReadBack { .records(readJSONLines) }

    private static func readJSONLines(_ bytes: [UInt8]) throws -> [Value] {
        guard bytes.isEmpty || bytes.last == 0x0A else { throw UnexpectedParsedValue(description: "the last line has no line end") }
        return try bytes.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast().map { line in
            try Value(parsed: try JSONSerialization.jsonObject(with: Data(line)))
        }
    }

    /// A stream of YAML documents, read by Yams.
    public static var yamlStream: ReadBack { .records(readYAMLStream) }

    private static func readYAMLStream(_ bytes: [UInt8]) throws -> [Value] {
        try Yams.load_all(yaml: String(decoding: bytes, as: UTF8.self)).map { try Value(parsed: $0) }
    }

    // MARK: Tables

    /// One column of a table: a field's value, or a value inside it at `path`.
    public struct TableColumn: Sendable {
        public var name: String
        public var field: FieldID
        /// The keys leading from the field's value to the column's value.
        public var path: [String]
        /// The shape of the column's value: a scalar, a list, or an object without declared members.
        public var shape: Shape

        /// The column's value in `value` (the field's): nil when the path leads through something
        /// that is not an object, or to a key it lacks.
        public func value(in value: Value) -> Value? {
            var node = value
            for key in path {
                guard case .object(let members) = node, let member = members.first(where: { $0.key == key }) else { return nil }
                node = member.value
            }
            return node
        }
    }

    /// The columns a table format writes for `schema`, as CSV does: a scalar field is one column;
    /// an object with declared members is flattened into `field.key` columns; anything else
    /// (lists, objects of any keys) is one column. Then `diagnostics` and, with spans, `_spans`.
    public static func tableColumns(_ schema: Schema) -> [TableColumn] {
        schema.outputFields.flatMap { columns($0.shape, name: $0.name, field: $0.id, path: []) }
    }

    private static func columns(_ shape: Shape, name: String, field: FieldID, path: [String]) -> [TableColumn] {
        guard case .object(let members) = shape, !members.isEmpty else {
            return [TableColumn(name: name, field: field, path: path, shape: shape)]
        }
        return members.flatMap { columns($0.shape, name: name + "." + $0.key, field: field, path: path + [$0.key]) }
    }

    // MARK: The checks

    private static func compare(_ emitter: any ExtractCore.Emitter.Type, _ bytes: [UInt8], readBack: ReadBack, schema: Schema,
                                records: [Record], options: EmitterOptions, check: String) -> [ConformanceFailure] {
        let format = "\(emitter.format)\(options.includeSpans ? " with spans" : "")"
        func failure(_ message: String) -> ConformanceFailure {
            ConformanceFailure(check: check, message: "\(format): \(message)")
        }
        let expected = records.map { $0.outputObject(schema: schema, options: options) }
        do {
            switch readBack {
            case .records(let read):
                let values = try read(bytes)
                guard values.count == records.count else {
                    return [failure("\(values.count) records read back from \(records.count) written")]
                }
                return zip(values, expected).enumerated().compactMap { n, pair in
                    pair.0.withSortedKeys.isReading(of: Value.object(pair.1).withSortedKeys) ? nil
                        : failure("record \(n + 1) read back as \(pair.0), written as \(Value.object(pair.1))")
                }
            case .table(let read, let cellHolds):
                let table = try read(bytes)
                let columns = tableColumns(schema)
                let header = columns.map(\.name) + ["diagnostics"] + (options.includeSpans ? ["_spans"] : [])
                guard table.header == header else { return [failure("header \(table.header), expected \(header)")] }
                guard table.rows.count == records.count else {
                    return [failure("\(table.rows.count) rows read back from \(records.count) records written")]
                }
                var failures: [ConformanceFailure] = []
                for (n, (row, (record, object))) in zip(table.rows, zip(records, expected)).enumerated() {
                    guard row.count == header.count else {
                        failures.append(failure("row \(n + 1) has \(row.count) cells, the header \(header.count)"))
                        continue
                    }
                    var values = columns.map { ($0.value(in: record[$0.field] ?? .null) ?? .null, $0.shape) }
                    values.append((.list(record.diagnostics.map { .string($0.codeWithField) }), .list(.scalar)))
                    if options.includeSpans { values.append((object.first { $0.key == "_spans" }?.value ?? .null, .object([]))) }
                    for (column, (cell, (value, shape))) in zip(header, zip(row, values)) where !(try cellHolds(cell, value, shape)) {
                        failures.append(failure("row \(n + 1), column '\(column)': cell \(cell.debugDescription) for \(value)"))
                    }
                }
                return failures
            }
        } catch {
            return [failure("the output cannot be read back: \(error)")]
        }
    }

    private static func checkConcurrentEncoding(_ emitter: any ExtractCore.Emitter.Type, schema: Schema, records: [Record]) -> [ConformanceFailure] {
        guard !records.isEmpty else { return [] }
        let instance = emitter.init(schema: schema, options: EmitterOptions(includeSpans: true))
        let expected = records.map { record in
            var bytes: [UInt8] = []
            instance.encode(record, into: &bytes)
            return bytes
        }
        let count = records.count * 40
        let results = EncodedResults(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { n in
            var bytes: [UInt8] = []
            instance.encode(records[n % records.count], into: &bytes)
            results.set(n, bytes)
        }
        let differing = (0..<count).filter { results.values[$0] != expected[$0 % records.count] }
        guard !differing.isEmpty else { return [] }
        return [ConformanceFailure(check: "encoding from many threads gives the same bytes",
                                   message: "\(emitter.format): \(differing.count) of \(count) encodings differ from encoding one at a time")]
    }

    /// Bytes written by index from concurrent encodings (each index once).
    private final class EncodedResults: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: [[UInt8]]
        init(count: Int) { stored = Array(repeating: [], count: count) }
        var values: [[UInt8]] {
            lock.lock()
            defer { lock.unlock() }
            return stored
        }
        func set(_ index: Int, _ bytes: [UInt8]) {
            lock.lock()
            stored[index] = bytes
            lock.unlock()
        }
    }
}
