import ExtractCore
import ExtractEmitters
import Foundation
import SwiftCSV
import Testing

@Suite struct CSVEmitterTests {
    static let fixtureHeader = [
        "id", "source", "title",
        "salary.min", "salary.max", "salary.currency", "salary.period", "salary.text",
        "job_growth.percent", "job_growth.period", "job_growth.text",
        "tags", "pathway", "notes", "diagnostics",
    ]

    /// The cells SwiftCSV must read back for ``Fixture/all``, `'` prefixes included.
    static let fixtureRows: [[String]] = [
        [
            "1", "pages/career one.html", "'=cmd|' /C calc'!A0",
            "52000", "81000.5", "'+1", "'@SUM(A1)", Fixture.salaryText,
            "-3.5", "2024-01-01", "'-3%",
            Fixture.hostileTags.joined(separator: "; "),
            #"[{"step":1,"title":"Apprentice, \"junior\"","required":true,"skills":["SQL","=HYPERLINK(\"x\")"]},"#
                + #"{"step":2,"title":"Lead: level 2 #1","required":false,"skills":[]},"#
                + #"{"step":3,"title":null,"required":false,"skills":["yes"]}]"#,
            "",
            "fields.unparsed(salary); segment.missing_section",
        ],
        [
            "2", "pages/b.html", "Data Analyst",
            "", "", "", "", "",
            "4", "", "'+4%",
            "", "[]", "Remote: yes\nHybrid: no", "",
        ],
        [
            "-7", "pages/c.html", "'-",
            "-3", "1e+16", "EUR", "year", "€3",
            "0.0", "", "0%",
            "'=1+2; x", #"[{"step":1,"title":"@home","required":null,"skills":[]}]"#, "'@", "",
        ],
    ]

    static func parse(_ text: String) throws -> EnumeratedCSV {
        try EnumeratedCSV(string: text, delimiter: .comma, loadColumns: false)
    }

    @Test func swiftCSVReadsBackHeaderRowsAndEveryCell() throws {
        let text = emitText(CSVEmitter.self, records: Fixture.all)
        let csv = try Self.parse(text)
        #expect(csv.header == Self.fixtureHeader)
        #expect(csv.rows.count == Fixture.all.count)
        for (row, expected) in zip(csv.rows, Self.fixtureRows) {
            #expect(row.count == Self.fixtureHeader.count)
            for (column, (cell, expectedCell)) in zip(Self.fixtureHeader, zip(row, expected)) {
                #expect(cell == expectedCell, "column \(column)")
            }
        }
    }

    @Test func formulaPrefixGoesOnStringsButNeverOnNumbers() throws {
        let csv = try Self.parse(emitText(CSVEmitter.self, records: Fixture.all))
        let column = { (name: String) in try #require(Self.fixtureHeader.firstIndex(of: name)) }
        // Strings starting with = + - @ get the quote.
        #expect(csv.rows[0][try column("title")] == "'=cmd|' /C calc'!A0")
        #expect(csv.rows[0][try column("salary.currency")] == "'+1")
        #expect(csv.rows[0][try column("salary.period")] == "'@SUM(A1)")
        #expect(csv.rows[0][try column("job_growth.text")] == "'-3%")
        // Negative numbers are typed and stay as they are.
        #expect(csv.rows[0][try column("job_growth.percent")] == "-3.5")
        #expect(csv.rows[2][try column("salary.min")] == "-3")
        #expect(csv.rows[2][try column("id")] == "-7")
        // A string that merely looks like a date or a number is not a trigger.
        #expect(csv.rows[0][try column("job_growth.period")] == "2024-01-01")
    }

    @Test func tabAndCarriageReturnAtTheStartArePrefixedToo() throws {
        var record = Record(source: "", fieldCount: 1)
        let schema = singleFieldSchema(name: "s", shape: .list(.scalar))
        var cells: [String] = []
        for string in ["\tindent", "\rreturn", "=1", "+1", "-1", "@1", "plain", "'quoted"] {
            record[FieldID(0)] = [.string(string)]
            let text = emitText(CSVEmitter.self, schema: schema, records: [record])
            cells.append(try Self.parse(text).rows[0][0])
        }
        #expect(cells == ["'\tindent", "'\rreturn", "'=1", "'+1", "'-1", "'@1", "plain", "'quoted"])
    }

    @Test func joinedListOfOnlyNumbersIsNotPrefixedButAnyStringMakesItText() throws {
        let schema = singleFieldSchema(name: "values", shape: .list(.scalar))
        var numbers = Record(source: "", fieldCount: 1)
        numbers[FieldID(0)] = [-3, 4, -0.5, true, nil, 7]
        var mixed = Record(source: "", fieldCount: 1)
        mixed[FieldID(0)] = [-3, "=cmd|' /C calc'!A0"]
        let text = emitText(CSVEmitter.self, schema: schema, records: [numbers, mixed])
        #expect(text == "values,diagnostics\r\n-3; 4; -0.5; true; ; 7,\r\n'-3; =cmd|' /C calc'!A0,\r\n")
        let rows = try Self.parse(text).rows
        #expect(rows.map { $0[0] } == ["-3; 4; -0.5; true; ; 7", "'-3; =cmd|' /C calc'!A0"])
    }

    @Test func rowsEndInCRLFAndEmbeddedLineBreaksAndQuotesSurvive() throws {
        let text = emitText(CSVEmitter.self, records: [Fixture.hostile])
        let bytes = Array(text.utf8)
        #expect(text.hasPrefix(Self.fixtureHeader.joined(separator: ",") + "\r\n"))
        #expect(text.hasSuffix("\r\n"))
        // RFC 4180 quoting: the cell is quoted, inner quotes doubled, the CRLF and LF kept raw.
        #expect(text.contains(#","Pay ""up to"" $81,000.50, or more"# + "\r\nper year\nroughly\","))
        // Every LF outside quotes is part of a CRLF.
        var inQuotes = false
        for (i, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
            if byte == 0x0A && !inQuotes { #expect(i > 0 && bytes[i - 1] == 0x0D) }
        }
        #expect(!inQuotes)
        let csv = try Self.parse(text)
        let cell = csv.rows[0][try #require(Self.fixtureHeader.firstIndex(of: "salary.text"))]
        #expect(cell == "Pay \"up to\" $81,000.50, or more\r\nper year\nroughly")
        #expect(cell.unicodeScalars.filter { $0 == "\n" }.count == 2)
    }

    /// Each string as the one cell of a one-column record: the row as written (after the header)
    /// and the cell as SwiftCSV reads it back.
    static func rowsAndCells(_ strings: [String]) throws -> (rows: [String], cells: [String]) {
        var rows: [String] = []
        var cells: [String] = []
        for string in strings {
            var record = Record(source: "", fieldCount: 1)
            record[FieldID(0)] = .string(string)
            let text = emitText(CSVEmitter.self, schema: singleFieldSchema(), records: [record])
            rows.append(String(text.dropFirst("s,diagnostics\r\n".count)))
            cells.append(try parse(text).rows[0][0])
        }
        return (rows, cells)
    }

    @Test func leadingAndTrailingSpacesAreQuotedAndKept() throws {
        let (texts, cells) = try Self.rowsAndCells([" lead space", "trailing ", "a,b", "no quotes needed", "Café ☕", "sep\u{2028}arated"])
        #expect(texts == [
            "\" lead space\",\r\n", "\"trailing \",\r\n", "\"a,b\",\r\n", "no quotes needed,\r\n", "Café ☕,\r\n",
            "\"sep\u{2028}arated\",\r\n",
        ])
        #expect(cells == [" lead space", "trailing ", "a,b", "no quotes needed", "Café ☕", "sep\u{2028}arated"])
    }

    @Test func cellsStartingOrEndingInUnicodeSpacesAreQuotedAndKept() throws {
        // Found by EmitterRoundTripPropertyTests: SwiftCSV dropped an unquoted cell's leading NBSP
        // (it skips any white space before a field, as other readers trim spaces).
        let strings = ["\u{A0}", "\u{A0}lead", "trail\u{3000}", "\u{2009}thin", "em\u{2003}", "\u{202F}", "\u{205F}x", "\u{1680}",
                       "in\u{A0}side", "\u{200B}zero width"]
        let (texts, cells) = try Self.rowsAndCells(strings)
        #expect(texts == [
            "\"\u{A0}\",\r\n", "\"\u{A0}lead\",\r\n", "\"trail\u{3000}\",\r\n", "\"\u{2009}thin\",\r\n", "\"em\u{2003}\",\r\n",
            "\"\u{202F}\",\r\n", "\"\u{205F}x\",\r\n", "\"\u{1680}\",\r\n", "in\u{A0}side,\r\n", "\u{200B}zero width,\r\n",
        ])
        #expect(cells == strings)
    }

    @Test func headerComesFromShapesEvenWhenTheObjectIsNull() throws {
        var schema = Schema()
        schema.fields = [
            Schema.Field(id: FieldID(0), name: "salary", shape: Fixture.salaryShape),
            Schema.Field(id: FieldID(1), name: "title", shape: .scalar),
        ]
        schema.output = [FieldID(0), FieldID(1)]
        var record = Record(source: "", fieldCount: 2)
        record[FieldID(0)] = .null
        record[FieldID(1)] = "Nurse"

        let text = emitText(CSVEmitter.self, schema: schema, records: [record])
        #expect(text == "salary.min,salary.max,salary.currency,salary.period,salary.text,title,diagnostics\r\n,,,,,Nurse,\r\n")
        let csv = try Self.parse(text)
        #expect(csv.header == ["salary.min", "salary.max", "salary.currency", "salary.period", "salary.text", "title", "diagnostics"])
        #expect(csv.rows == [["", "", "", "", "", "Nurse", ""]])

        // With no records at all the header is still written.
        #expect(emitText(CSVEmitter.self, schema: schema, records: []) == String(text.prefix { $0 != "\r\n" }) + "\r\n")
    }

    @Test func shapesFlattenRecursivelyAndOtherListsBecomeJSON() throws {
        let shape = Shape.object([
            .init("a", .object([.init("b", .scalar), .init("c", .list(.scalar))])),
            .init("free", .object([])),
            .init("grid", .list(.list(.scalar))),
        ])
        let schema = singleFieldSchema(name: "x", shape: shape)
        #expect(CSVEmitter(schema: schema, options: EmitterOptions()).columnNames
            == ["x.a.b", "x.a.c", "x.free", "x.grid", "diagnostics"])

        var record = Record(source: "", fieldCount: 1)
        record[FieldID(0)] = .object([
            .init("a", .object([.init("b", "deep"), .init("c", ["p", "q"])])),
            .init("free", .object([.init("k", 1)])),
            .init("grid", [[1, 2], ["3"]]),
        ])
        let csv = try Self.parse(emitText(CSVEmitter.self, schema: schema, records: [record]))
        #expect(csv.header == ["x.a.b", "x.a.c", "x.free", "x.grid", "diagnostics"])
        #expect(csv.rows == [["deep", "p; q", #"{"k":1}"#, #"[[1,2],["3"]]"#, ""]])
    }

    @Test func mismatchedValuesAreWrittenAsJSONNotDropped() throws {
        var record = Record(source: "", fieldCount: 1)
        record[FieldID(0)] = .object([.init("k", "v")])
        let csv = try Self.parse(emitText(CSVEmitter.self, schema: singleFieldSchema(), records: [record]))
        #expect(csv.rows == [[#"{"k":"v"}"#, ""]])
    }

    @Test func nonFiniteDecimalsGiveEmptyCells() throws {
        var record = Record(source: "", fieldCount: 1)
        record[FieldID(0)] = .decimal(.nan)
        let text = emitText(CSVEmitter.self, schema: singleFieldSchema(), records: [record])
        #expect(text == "s,diagnostics\r\n,\r\n")
    }

    @Test func includeSpansAddsASpansColumnOfCompactJSON() throws {
        let text = emitText(CSVEmitter.self, records: [Fixture.hostile, Fixture.quiet], options: EmitterOptions(includeSpans: true))
        let csv = try Self.parse(text)
        #expect(csv.header == Self.fixtureHeader + ["_spans"])
        #expect(csv.rows.map { $0.last } == [#"{"title":[10,28]}"#, "{}"])
    }

    @Test func theSpansColumnHoldsEachItemsSpanOfAListFieldAsTheJSONFormatsDo() throws {
        var record = Fixture.hostile
        record.spans[Fixture.tags.index] = Span(start: 40, end: 61)
        record.itemSpans[Fixture.tags.index] = [Span(start: 40, end: 52), Span(start: 53, end: 61)]
        let options = EmitterOptions(includeSpans: true)
        let csv = try Self.parse(emitText(CSVEmitter.self, records: [record], options: options))
        let cell = try #require(csv.rows.first?.last)
        #expect(cell == #"{"title":[10,28],"tags":[[40,52],[53,61]]}"#)
        // The same object the JSON array holds for the record.
        let json = try #require(try parseJSON(emitText(JSONEmitter.self, records: [record], options: options)) as? [[String: Any]])
        let fromJSON = try parsedValue(try #require(json.first?["_spans"]))
        #expect(try parsedValue(try parseJSON(cell)) == fromJSON)
    }

    @Test func formulaGuardOffWritesTextAsItIsStillQuotedWhereRFC4180Needs() throws {
        let options = EmitterOptions(csv: CSVOptions(formulaGuard: false))
        let csv = try Self.parse(emitText(CSVEmitter.self, records: Fixture.all, options: options))
        let column = { (name: String) in try #require(Self.fixtureHeader.firstIndex(of: name)) }
        #expect(csv.rows[0][try column("title")] == "=cmd|' /C calc'!A0")
        #expect(csv.rows[0][try column("salary.currency")] == "+1")
        #expect(csv.rows[0][try column("salary.period")] == "@SUM(A1)")
        #expect(csv.rows[0][try column("job_growth.text")] == "-3%")
        #expect(csv.rows[2][try column("tags")] == "=1+2; x")
        #expect(csv.rows[2][try column("notes")] == "@")
        #expect(csv.rows[0][try column("salary.text")] == Fixture.salaryText)

        // A leading tab or CR is kept inside quotes, so no reader trims it or breaks the row there.
        let schema = singleFieldSchema(name: "s", shape: .scalar)
        var record = Record(source: "", fieldCount: 1)
        var cells: [String] = []
        for string in ["\tindent", "\rreturn", "-1", "'quoted"] {
            record[FieldID(0)] = .string(string)
            let text = emitText(CSVEmitter.self, schema: schema, records: [record], options: options)
            cells.append(try Self.parse(text).rows[0][0])
        }
        #expect(cells == ["\tindent", "\rreturn", "-1", "'quoted"])
    }

    @Test func flattenSeparatorJoinsFieldAndKeysInEveryColumnName() throws {
        let options = EmitterOptions(csv: CSVOptions(flattenSeparator: "_"))
        let text = emitText(CSVEmitter.self, records: Fixture.all, options: options)
        let csv = try Self.parse(text)
        #expect(csv.header == Self.fixtureHeader.map { $0.replacingOccurrences(of: ".", with: "_") })
        #expect(csv.rows == (try Self.parse(emitText(CSVEmitter.self, records: Fixture.all))).rows)

        let nested = Shape.object([.init("a", .object([.init("b", .scalar)])), .init("c", .scalar)])
        let emitter = CSVEmitter(schema: singleFieldSchema(name: "x", shape: nested), options: EmitterOptions(csv: CSVOptions(flattenSeparator: "__")))
        #expect(emitter.columnNames == ["x__a__b", "x__c", "diagnostics"])
    }

    @Test func repeatedColumnNamesAreTheOnesTwoColumnsWouldShare() {
        var schema = Schema()
        schema.fields = [
            Schema.Field(id: FieldID(0), name: "salary", shape: Fixture.salaryShape),
            Schema.Field(id: FieldID(1), name: "salary_min", shape: .scalar),
            Schema.Field(id: FieldID(2), name: "salary.text", shape: .scalar),
        ]
        schema.output = [FieldID(0), FieldID(1), FieldID(2)]
        let underscore = CSVEmitter(schema: schema, options: EmitterOptions(csv: CSVOptions(flattenSeparator: "_")))
        #expect(underscore.repeatedColumnNames == ["salary_min"])
        let dot = CSVEmitter(schema: schema, options: EmitterOptions())
        #expect(dot.repeatedColumnNames == ["salary.text"])
        #expect(CSVEmitter(schema: Fixture.schema, options: EmitterOptions(csv: CSVOptions(flattenSeparator: "_"))).repeatedColumnNames == [])
    }

    @Test func diagnosticsCellNamesTheFieldAfterEachCodeThatHasOne() throws {
        var record = Record(source: "", fieldCount: 1)
        record[FieldID(0)] = "x"
        record.diagnostics = [
            Diagnostic(DiagnosticCode(stage: "fields", name: "not_found", meaning: "nothing matched"), field: "salary", message: "no salary"),
            Diagnostic(DiagnosticCode(stage: "truncation", name: "truncated", meaning: "cut off"), message: "cut"),
            Diagnostic(DiagnosticCode(stage: "resolve", name: "unresolved", meaning: "no entity"), field: "citations",
                       message: "'X' matches nothing"),
        ]
        let csv = try Self.parse(emitText(CSVEmitter.self, schema: singleFieldSchema(), records: [record]))
        #expect(csv.rows == [["x", "fields.not_found(salary); truncation.truncated; resolve.unresolved(citations)"]])
    }

    @Test func emptyRunIsJustTheHeader() {
        let text = emitText(CSVEmitter.self, records: [])
        #expect(text == Self.fixtureHeader.joined(separator: ",") + "\r\n")
    }
}
