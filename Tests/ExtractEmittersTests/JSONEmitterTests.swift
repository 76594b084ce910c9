import ExtractCore
import ExtractEmitters
import Foundation
import Testing

@Suite struct JSONEmitterTests {
    @Test func singleRecordRunEqualsPythonJSONDumpsByteForByte() {
        let text = emitText(JSONEmitter.self, records: [Fixture.hostile])
        #expect(text == pythonHostileRun + "\n")
    }

    @Test func twoRecordRunEqualsPythonAndParsesToTwoObjects() throws {
        let text = emitText(JSONEmitter.self, records: [Fixture.hostile, Fixture.quiet])
        // json.dumps([a, b]) is json.dumps([a]) without its closing "\n]", ",\n", then
        // json.dumps([b]) without its opening "[\n".
        let python = String(pythonHostileRun.dropLast(2)) + ",\n" + String(pythonQuietRun.dropFirst(2))
        #expect(text == python + "\n")

        let parsed = try #require(try parseJSON(text) as? [Any])
        #expect(parsed.count == 2)
        #expect(try parsedValue(parsed[0]) == expectedValue(Fixture.hostile))
        #expect(try parsedValue(parsed[1]) == expectedValue(Fixture.quiet))
    }

    @Test func emptyRunIsAnEmptyJSONArray() throws {
        let text = emitText(JSONEmitter.self, records: [])
        #expect(text == "[]\n")
        let parsed = try #require(try parseJSON(text) as? [Any])
        #expect(parsed.isEmpty)
    }

    @Test func everyRecordReadsBackByValueWithNumbersStillNumbers() throws {
        let text = emitText(JSONEmitter.self, records: Fixture.all)
        let parsed = try #require(try parseJSON(text) as? [[String: Any]])
        #expect(parsed.count == Fixture.all.count)
        for (object, record) in zip(parsed, Fixture.all) {
            #expect(try parsedValue(object) == expectedValue(record))
        }

        let hostile = parsed[0]
        #expect(hostile["id"] is NSNumber)
        #expect(!(hostile["id"] is String))
        let salary = try #require(hostile["salary"] as? [String: Any])
        #expect(try parsedValue(salary["min"]) == .integer(52000))
        #expect(try parsedValue(salary["max"]) == .decimal(81000.5))
        let growth = try #require(hostile["job_growth"] as? [String: Any])
        #expect(try parsedValue(growth["percent"]) == .decimal(-3.5))
        #expect(hostile["notes"] is NSNull)

        let numeric = parsed[2]
        #expect(try parsedValue(numeric["id"]) == .integer(-7))
        let numericSalary = try #require(numeric["salary"] as? [String: Any])
        #expect(try parsedValue(numericSalary["max"]) == .decimal(1e16))
        #expect(try parsedValue(numericSalary["min"]) == .integer(-3))
    }

    @Test func keysAreWrittenInOutputObjectOrder() {
        let text = emitText(JSONEmitter.self, records: [Fixture.hostile])
        let keys = ["id", "source", "title", "salary", "job_growth", "tags", "pathway", "notes", "diagnostics"]
        let positions = keys.map { text.range(of: "\n    \"\($0)\": ")?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        // A field the schema does not output is not written.
        #expect(!text.contains("\"body\""))
    }

    @Test func stringsAreEscapedPerRFC8259WithSlashAndNonASCIIRaw() throws {
        var controls = ""
        for scalar in 0..<0x20 { controls.unicodeScalars.append(Unicode.Scalar(UInt8(scalar))) }
        let string = controls + "\"\\/ Café ☕ 😀 \u{7F}\u{2028}"
        let schema = singleFieldSchema()
        var record = Record(source: "", fieldCount: 1)
        record[FieldID(0)] = .string(string)
        let text = emitText(JSONEmitter.self, schema: schema, records: [record])

        let expectedEscapes = #""\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f"#
            + #"\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f"#
            + #"\"\\/ Café ☕ 😀 "# + "\u{7F}\u{2028}\""
        #expect(text == "[\n  {\n    \"s\": " + expectedEscapes + ",\n    \"diagnostics\": []\n  }\n]\n")
        let parsed = try #require(try parseJSON(text) as? [[String: Any]])
        #expect(parsed.first?["s"] as? String == string)
    }

    @Test func nonFiniteDecimalsAreWrittenAsNull() throws {
        var record = Record(source: "", fieldCount: 1)
        record[FieldID(0)] = [.decimal(.nan), .decimal(.infinity), .decimal(-.infinity), 5.0, 0.1, -0.0]
        let text = emitText(JSONEmitter.self, schema: singleFieldSchema(), records: [record])
        #expect(!text.contains("nan") && !text.contains("inf"))
        let parsed = try #require(try parseJSON(text) as? [[String: Any]])
        #expect(try parsedValue(parsed.first?["s"]) == [nil, nil, nil, 5.0, 0.1, -0.0])
        #expect(text.contains("5.0,"))
    }

    @Test func emptyListsAndObjectsAreWrittenInline() {
        var record = Record(source: "", fieldCount: 1)
        record[FieldID(0)] = .object([.init("list", []), .init("object", .object([]))])
        let text = emitText(JSONEmitter.self, schema: singleFieldSchema(), records: [record])
        #expect(text == "[\n  {\n    \"s\": {\n      \"list\": [],\n      \"object\": {}\n    },\n    \"diagnostics\": []\n  }\n]\n")
    }

    @Test func includeSpansAddsASpansObjectLast() throws {
        let options = EmitterOptions(includeSpans: true)
        let text = emitText(JSONEmitter.self, records: [Fixture.hostile], options: options)
        #expect(text.hasSuffix("\"_spans\": {\n      \"title\": [\n        10,\n        28\n      ]\n    }\n  }\n]\n"))
        let parsed = try #require(try parseJSON(text) as? [Any])
        #expect(try parsedValue(parsed[0]) == expectedValue(Fixture.hostile, options: options))
    }
}

/// `json.dumps([hostile], indent=2, ensure_ascii=False)` from python3, for ``Fixture/hostile``.
let pythonHostileRun = ##"""
[
  {
    "id": 1,
    "source": "pages/career one.html",
    "title": "=cmd|' /C calc'!A0",
    "salary": {
      "min": 52000,
      "max": 81000.5,
      "currency": "+1",
      "period": "@SUM(A1)",
      "text": "Pay \"up to\" $81,000.50, or more\r\nper year\nroughly"
    },
    "job_growth": {
      "percent": -3.5,
      "period": "2024-01-01",
      "text": "-3%"
    },
    "tags": [
      "no",
      "yes",
      "on",
      "1e3",
      "0x10",
      "2024-01-01",
      "~",
      "null",
      "- dash",
      "key: value",
      " lead space",
      "#hash",
      "Café ☕",
      "",
      "back\\slash /path",
      "tab\there",
      "trailing ",
      "ends:",
      "bell\u0007unit\u001f"
    ],
    "pathway": [
      {
        "step": 1,
        "title": "Apprentice, \"junior\"",
        "required": true,
        "skills": [
          "SQL",
          "=HYPERLINK(\"x\")"
        ]
      },
      {
        "step": 2,
        "title": "Lead: level 2 #1",
        "required": false,
        "skills": []
      },
      {
        "step": 3,
        "title": null,
        "required": false,
        "skills": [
          "yes"
        ]
      }
    ],
    "notes": null,
    "diagnostics": [
      {
        "stage": "fields",
        "field": "salary",
        "code": "fields.unparsed",
        "message": "could not read \"$81,000.50+\"",
        "span": [
          120,
          131
        ]
      },
      {
        "stage": "segment",
        "field": null,
        "code": "segment.missing_section",
        "message": "no 'Outlook' section\nfound"
      }
    ]
  }
]
"""##

/// `json.dumps([quiet], indent=2, ensure_ascii=False)` from python3, for ``Fixture/quiet``.
let pythonQuietRun = ##"""
[
  {
    "id": 2,
    "source": "pages/b.html",
    "title": "Data Analyst",
    "salary": null,
    "job_growth": {
      "percent": 4,
      "text": "+4%"
    },
    "tags": [],
    "pathway": [],
    "notes": "Remote: yes\nHybrid: no",
    "diagnostics": []
  }
]
"""##
