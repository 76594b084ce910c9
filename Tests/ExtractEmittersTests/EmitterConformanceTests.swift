import ExtractConformance
import ExtractCore
import ExtractEmitters
import SwiftCSV
import Testing

/// Every built-in output format passes the emitter kit that plugin formats run: its output read
/// back by a real parser (JSONSerialization, Yams, SwiftCSV) holds every record, an empty run is
/// a valid empty output, and encoding from many threads gives the same bytes.
@Suite struct EmitterConformanceTests {
    /// CSV read by SwiftCSV, each cell checked as the CSV emitter documents it.
    static let csv = EmitterConformance.ReadBack.table({ bytes in
        let parsed = try EnumeratedCSV(string: String(decoding: bytes, as: UTF8.self), delimiter: .comma, loadColumns: false)
        return EmitterConformance.Table(header: parsed.header, rows: parsed.rows)
    }, cellHolds: EmitterRoundTripPropertyTests.csvCellHolds)

    static let readers: [String: EmitterConformance.ReadBack] = [
        "json": EmitterConformance.jsonArray, "jsonl": EmitterConformance.jsonLines, "yaml": EmitterConformance.yamlStream, "csv": csv,
    ]

    @Test(arguments: EmitterRegistry.builtIn.formats)
    func builtInFormatPassesTheEmitterKit(format: String) throws {
        let emitter = try #require(EmitterRegistry.builtIn.emitter(format: format))
        let readBack = try #require(Self.readers[format], "no reader for '\(format)'")
        #expect(EmitterConformance.check(emitter, readBack: readBack) == [])
    }

    @Test func theKitFindsAnEmitterThatLosesDiagnostics() throws {
        let failures = EmitterConformance.check(LosingDiagnostics.self, readBack: EmitterConformance.jsonLines)
        // The first record has two diagnostics; the others none.
        #expect(failures.map(\.check) == ["records read back", "records read back"])
        #expect(failures.allSatisfy { $0.message.contains("record 1 read back as") })
    }
}

/// JSON Lines that leaves out every record's diagnostics: what the kit must catch.
private struct LosingDiagnostics: Emitter {
    static let format = "broken"
    static let fileExtensions = ["broken"]
    static let summary = "JSON Lines without diagnostics"
    let inner: JSONLinesEmitter
    init(schema: Schema, options: EmitterOptions) { inner = JSONLinesEmitter(schema: schema, options: options) }
    func header() -> [UInt8] { inner.header() }
    var separator: [UInt8] { inner.separator }
    func encode(_ record: Record, into output: inout [UInt8]) {
        var without = record
        without.diagnostics = []
        inner.encode(without, into: &output)
    }
    func footer(recordCount: Int) -> [UInt8] { inner.footer(recordCount: recordCount) }
}
