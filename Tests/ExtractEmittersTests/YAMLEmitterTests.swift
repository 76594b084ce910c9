import ExtractCore
import ExtractEmitters
import Foundation
import Testing
import Yams

@Suite struct YAMLEmitterTests {
    /// Strings a YAML 1.1 or 1.2 reader would take for something else (bool, null, number,
    /// timestamp, merge key, alias, comment, mapping, …) or choke on, and ordinary ones that must
    /// still read back unchanged.
    static let traps: [String] = [
        // Bools and nulls, YAML 1.1 and 1.2.
        "y", "Y", "n", "N", "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF",
        "true", "True", "TRUE", "false", "False", "FALSE", "null", "Null", "NULL", "~", "",
        // Numbers, special floats, timestamps, sexagesimals.
        "1e3", "1E3", "1e-5", "1e+5", "0x1F", "0o17", "017", "0b101", "1_000", "1,000", ".5", "5.", "1.0",
        "+1", "-1", "-0", "0", "00", "0.", "1:20", "1:20:30.5", "12:30", "2024-01-01", "2024-01-01T10:00:00Z",
        "2024-1-1 10:00:00", ".inf", "-.inf", "+.INF", ".NaN", ".nan", "123abc",
        // Special keys and indicators.
        "=", "<<", "- dash", "-dash", "---", "--- x", "...", "? q", "?q", ": c", ":c", ", c", "[x]", "{y: 1}",
        "#hash", "&anchor", "*alias", "!tag", "!!str", "|", "> folded", "'single'", "\"double\"", "%YAML",
        "@at", "`tick", "+", "-", ".", ":", "?", "#",
        // Mapping and comment lookalikes.
        "key: value", "a #comment", "ends:", "ends: ", "a: b: c", "é: x",
        // Whitespace, line breaks, control and invisible characters.
        " lead", "trail ", "\ttab", "tab\tin", "line\nbreak", "cr\rreturn", "crlf\r\nline", "nel\u{85}",
        // (The BOM is mid-string: Foundation's UTF-8 decoding, under both Yams and JSONSerialization,
        // drops a string's leading U+FEFF whatever the YAML said.)
        "ls\u{2028}", "ps\u{2029}", "bom\u{FEFF}inside", "bell\u{07}", "del\u{7F}", "c1\u{9F}", "nonchar\u{FFFE}\u{FFFF}",
        "nul\u{0}", "esc\u{1B}[0m",
        // Fine as they are, and must come back unchanged.
        "a#b", "x:y", "http://example.com/a?b=c#d", "nbsp\u{A0}ok", "Café ☕", "emoji 😀", "back\\slash",
        "slash/ok", "quote\"inside", "apostrophe's", "100%", "50 %", "C#", "abc123", "true false", "no way",
        "Norway", "NO!", "null value", "$var", "x\\ny", "=cmd|' /C calc'!A0", "@SUM(A1)", "日本語",
    ]

    /// A record holding every trap as a list item, as an object value and as an object key.
    static func trapRecord() -> (Schema, Record) {
        var schema = Schema()
        schema.fields = [
            Schema.Field(id: FieldID(0), name: "items", shape: .list(.scalar)),
            Schema.Field(id: FieldID(1), name: "by_key", shape: .scalar),
            Schema.Field(id: FieldID(2), name: "listed", shape: .list(.object([]))),
        ]
        schema.output = [FieldID(0), FieldID(1), FieldID(2)]
        var record = Record(source: "", fieldCount: 3)
        record[FieldID(0)] = .list(traps.map(Value.string))
        record[FieldID(1)] = .object(traps.map { Value.Member($0, .string($0)) })
        record[FieldID(2)] = .list(traps.map { .object([Value.Member($0, .string($0))]) })
        return (schema, record)
    }

    @Test func trapsAreDistinct() {
        // They are also used as keys of one object.
        #expect(Set(Self.traps).count == Self.traps.count)
    }

    static func yamsDocuments(_ yaml: String) throws -> [Value] {
        try Yams.load_all(yaml: yaml).map { try parsedValue($0) }
    }

    // MARK: Reading back

    @Test func yamsReadsEveryRecordBackByValue() throws {
        let yaml = emitText(YAMLEmitter.self, records: Fixture.all)
        let documents = try Self.yamsDocuments(yaml)
        #expect(documents.count == Fixture.all.count)
        for (document, record) in zip(documents, Fixture.all) {
            #expect(document == expectedValue(record))
        }
    }

    @Test(.enabled(if: Python.hasPyYAML, "python3 with the yaml module (PyYAML) is not installed: skipped"))
    func pyYAMLReadsEveryRecordBackByValue() throws {
        let yaml = emitText(YAMLEmitter.self, records: Fixture.all)
        let documents = try #require(try Python.loadYAMLDocuments(yaml) as? [Any])
        #expect(documents.count == Fixture.all.count)
        for (document, record) in zip(documents, Fixture.all) {
            #expect(try parsedValue(document) == expectedValue(record))
        }
    }

    @Test func yamsReadsEveryTrapBackAsTheSameString() throws {
        let (schema, record) = Self.trapRecord()
        let yaml = emitText(YAMLEmitter.self, schema: schema, records: [record])
        let documents = try Self.yamsDocuments(yaml)
        #expect(documents.count == 1)
        #expect(documents.first == expectedValue(record, schema: schema))
        // Item by item, for readable failures.
        guard case .object(let members) = documents.first, case .list(let items)? = members.first(where: { $0.key == "items" })?.value
        else {
            Issue.record("no items list in \(yaml)")
            return
        }
        for (item, trap) in zip(items, Self.traps) {
            #expect(item == .string(trap), "\(trap.debugDescription) came back as \(item)")
        }
    }

    @Test(.enabled(if: Python.hasPyYAML, "python3 with the yaml module (PyYAML) is not installed: skipped"))
    func pyYAMLReadsEveryTrapBackAsTheSameString() throws {
        let (schema, record) = Self.trapRecord()
        let yaml = emitText(YAMLEmitter.self, schema: schema, records: [record])
        let documents = try #require(try Python.loadYAMLDocuments(yaml) as? [Any])
        #expect(documents.count == 1)
        let document = try parsedValue(documents.first)
        #expect(document == expectedValue(record, schema: schema))
        guard case .list(let items)? = document["items"] else {
            Issue.record("no items list in \(document)")
            return
        }
        for (item, trap) in zip(items, Self.traps) {
            #expect(item == .string(trap), "\(trap.debugDescription) came back as \(item)")
        }
    }

    @Test func numbersBoolsAndNullsKeepTheirTypesInBothReaders() throws {
        // -999…999 (18 digits): JSONSerialization, reading PyYAML's answer, turns 19-digit negative
        // integers into doubles on Linux.
        var record = Record(source: "", fieldCount: 1)
        record[FieldID(0)] = [1, -3, 0, .integer(Int.max), -999_999_999_999_999_999, 5.0, -3.5, 0.1, 1e16, 1e-5, .decimal(.leastNonzeroMagnitude), -0.0,
                              true, false, nil, .decimal(.nan), .decimal(.infinity)]
        let schema = singleFieldSchema(name: "n", shape: .list(.scalar))
        let yaml = emitText(YAMLEmitter.self, schema: schema, records: [record])
        #expect(yaml.contains("\n  - 1.0e+16\n  - 1.0e-05\n  - 5.0e-324\n  - -0.0\n"))
        let expected = sortedKeys(.object([.init("n", [1, -3, 0, .integer(Int.max), -999_999_999_999_999_999, 5.0, -3.5, 0.1,
                                                       1e16, 1e-5, .decimal(.leastNonzeroMagnitude), -0.0, true, false, nil, nil, nil]),
                                           .init("diagnostics", [])]))
        #expect(try Self.yamsDocuments(yaml) == [expected])
        if Python.hasPyYAML {
            let documents = try #require(try Python.loadYAMLDocuments(yaml) as? [Any])
            #expect(try documents.map(parsedValue) == [expected])
        }
    }

    @Test(.enabled(if: Python.hasPyYAML, "python3 with the yaml module (PyYAML) is not installed: skipped"))
    func overlongKeysUseExplicitKeySyntax() throws {
        let long = String(repeating: "k", count: 1500)
        var record = Record(source: "", fieldCount: 1)
        record[FieldID(0)] = .list([.object([.init(long, ["a", .object([.init(long + "yes", "v")])]), .init("next", 1)])])
        let schema = singleFieldSchema(name: "x", shape: .list(.object([])))
        let yaml = emitText(YAMLEmitter.self, schema: schema, records: [record])
        #expect(yaml.contains("\n  - ? " + long + "\n    :\n      - a\n      - ? " + long + "yes\n        : v\n    next: 1\n"))
        let expected = expectedValue(record, schema: schema)
        #expect(try Self.yamsDocuments(yaml) == [expected])
        let documents = try #require(try Python.loadYAMLDocuments(yaml) as? [Any])
        #expect(try documents.map(parsedValue) == [expected])
    }

    // MARK: Layout

    @Test func blockLayoutUsesTwoSpaceIndentationAndInlineEmpties() {
        var schema = Schema()
        let names: [(String, Shape)] = [
            ("name", .scalar), ("pay", .object([.init("min", .scalar), .init("max", .scalar), .init("period", .scalar)])),
            ("tags", .list(.scalar)), ("steps", .list(.object([]))), ("grid", .list(.list(.scalar))),
            ("empty", .list(.scalar)), ("none", .object([])), ("nothing", .scalar),
        ]
        schema.fields = names.enumerated().map { Schema.Field(id: FieldID($0.offset), name: $0.element.0, shape: $0.element.1) }
        schema.output = schema.fields.map(\.id)
        var record = Record(source: "", fieldCount: names.count)
        let values: [Value] = [
            "Nurse",
            .object([.init("min", 52000), .init("max", 81000.5), .init("period", nil)]),
            ["a", "yes"],
            [
                .object([.init("step", 1), .init("skills", ["SQL", "Excel"]), .init("meta", .object([.init("level", 2)]))]),
                .object([.init("step", 2), .init("skills", []), .init("meta", .object([]))]),
            ],
            [[1, 2], []],
            [],
            .object([]),
            nil,
        ]
        record.values = values.map(Optional.some)
        let yaml = emitText(YAMLEmitter.self, schema: schema, records: [record, record])
        let document = """
            ---
            name: Nurse
            pay:
              min: 52000
              max: 81000.5
              period: null
            tags:
              - a
              - "yes"
            steps:
              - step: 1
                skills:
                  - SQL
                  - Excel
                meta:
                  level: 2
              - step: 2
                skills: []
                meta: {}
            grid:
              - - 1
                - 2
              - []
            empty: []
            none: {}
            nothing: null
            diagnostics: []

            """
        #expect(yaml == document + document)
    }

    @Test func recordsStartWithDocumentMarkersAndDiagnosticsComeLast() throws {
        let yaml = emitText(YAMLEmitter.self, records: [Fixture.quiet, Fixture.hostile])
        #expect(yaml.hasPrefix("""
            ---
            id: 2
            source: pages/b.html
            title: Data Analyst
            salary: null
            job_growth:
              percent: 4
              text: "+4%"
            tags: []
            pathway: []
            notes: "Remote: yes\\nHybrid: no"
            diagnostics: []
            ---
            id: 1

            """))
        #expect(yaml.hasSuffix("""
            diagnostics:
              - stage: fields
                field: salary
                code: fields.unparsed
                message: could not read "$81,000.50+"
                span:
                  - 120
                  - 131
              - stage: segment
                field: null
                code: segment.missing_section
                message: "no 'Outlook' section\\nfound"

            """))
        // Key order follows outputObject (checked on the ordered node tree).
        let nodes = try Array(Yams.compose_all(yaml: yaml))
        let keys = nodes.map { $0.mapping?.keys.compactMap(\.string) ?? [] }
        #expect(keys == [
            ["id", "source", "title", "salary", "job_growth", "tags", "pathway", "notes", "diagnostics"],
            ["id", "source", "title", "salary", "job_growth", "tags", "pathway", "notes", "diagnostics"],
        ])
    }

    @Test func stringsArePlainOnlyWhenSafeAndQuotedWithJSONEscapesOtherwise() {
        func line(_ string: String) -> String {
            var record = Record(source: "", fieldCount: 1)
            record[FieldID(0)] = .string(string)
            let yaml = emitText(YAMLEmitter.self, schema: singleFieldSchema(), records: [record])
            #expect(yaml.hasPrefix("---\ns: ") && yaml.hasSuffix("\ndiagnostics: []\n"))
            return String(yaml.dropFirst("---\ns: ".count).dropLast("\ndiagnostics: []\n".count))
        }
        #expect(line("Café ☕") == "Café ☕")
        #expect(line("slash/ok") == "slash/ok")
        #expect(line("=cmd|' /C calc'!A0") == "=cmd|' /C calc'!A0")
        #expect(line("no") == #""no""#)
        #expect(line("") == #""""#)
        #expect(line("~") == #""~""#)
        #expect(line("1e3") == #""1e3""#)
        #expect(line("a/b: c") == #""a/b: c""#)
        #expect(line("tab\tquote\"back\\slash\u{7}") == #""tab\tquote\"back\\slash\u0007""#)
        #expect(line("nel\u{85}ls\u{2028}ps\u{2029}bom\u{FEFF}del\u{7F}") == #""nel\u0085ls\u2028ps\u2029bom\ufeffdel\u007f""#)
        #expect(line("crlf\r\n\u{8}\u{C}") == #""crlf\r\n\b\f""#)
    }

    @Test func emptyRunWritesNothingAndARecordWithoutFieldsHasOnlyItsDiagnostics() throws {
        #expect(emit(YAMLEmitter.self, records: []).isEmpty)
        let yaml = emitText(YAMLEmitter.self, schema: Schema(), records: [Record(source: "", fieldCount: 0)])
        #expect(yaml == "---\ndiagnostics: []\n")
        #expect(try Self.yamsDocuments(yaml) == [.object([.init("diagnostics", [])])])
    }

    @Test func includeSpansAddsASpansMapping() throws {
        let options = EmitterOptions(includeSpans: true)
        let yaml = emitText(YAMLEmitter.self, records: [Fixture.hostile], options: options)
        #expect(yaml.hasSuffix("_spans:\n  title:\n    - 10\n    - 28\n"))
        #expect(try Self.yamsDocuments(yaml) == [expectedValue(Fixture.hostile, options: options)])
    }
}
