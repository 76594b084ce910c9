import ExtractCore
import ExtractEmitters
import Foundation
import Testing

/// `json.dumps(record, separators=(',', ':'), ensure_ascii=False)` from python3 for
/// ``Fixture/hostile`` and ``Fixture/quiet``.
private let pythonCompactHostile = ##"{"id":1,"source":"pages/career one.html","title":"=cmd|' /C calc'!A0","salary":{"min":52000,"max":81000.5,"currency":"+1","period":"@SUM(A1)","text":"Pay \"up to\" $81,000.50, or more\r\nper year\nroughly"},"job_growth":{"percent":-3.5,"period":"2024-01-01","text":"-3%"},"tags":["no","yes","on","1e3","0x10","2024-01-01","~","null","- dash","key: value"," lead space","#hash","Café ☕","","back\\slash /path","tab\there","trailing ","ends:","bell\u0007unit\u001f"],"pathway":[{"step":1,"title":"Apprentice, \"junior\"","required":true,"skills":["SQL","=HYPERLINK(\"x\")"]},{"step":2,"title":"Lead: level 2 #1","required":false,"skills":[]},{"step":3,"title":null,"required":false,"skills":["yes"]}],"notes":null,"diagnostics":[{"stage":"fields","field":"salary","code":"fields.unparsed","message":"could not read \"$81,000.50+\"","span":[120,131]},{"stage":"segment","field":null,"code":"segment.missing_section","message":"no 'Outlook' section\nfound"}]}"##
private let pythonCompactQuiet = ##"{"id":2,"source":"pages/b.html","title":"Data Analyst","salary":null,"job_growth":{"percent":4,"text":"+4%"},"tags":[],"pathway":[],"notes":"Remote: yes\nHybrid: no","diagnostics":[]}"##

@Suite struct JSONLinesEmitterTests {
    @Test func eachRecordIsOneCompactObjectOnItsOwnLine() throws {
        let text = emitText(JSONLinesEmitter.self, records: Fixture.all)
        #expect(text.hasSuffix("}\n"))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == Fixture.all.count + 1)
        #expect(lines.last == "")
        for (line, record) in zip(lines, Fixture.all) {
            let object = try #require(try parseJSON(String(line)) as? [String: Any])
            #expect(try parsedValue(object) == expectedValue(record))
        }
    }

    @Test func compactLinesEqualPythonCompactJSONByteForByte() {
        let text = emitText(JSONLinesEmitter.self, records: [Fixture.hostile, Fixture.quiet])
        #expect(text == pythonCompactHostile + "\n" + pythonCompactQuiet + "\n")
    }

    @Test func numbersStayNumbersAndKeysKeepOutputOrder() throws {
        let text = emitText(JSONLinesEmitter.self, records: [Fixture.numeric])
        #expect(text.hasPrefix(#"{"id":-7,"source":"pages/c.html","title":"-","salary":{"min":-3,"max":1e+16,"#))
        let object = try #require(try parseJSON(text) as? [String: Any])
        #expect(object["id"] is NSNumber)
        #expect(try parsedValue(object["id"]) == .integer(-7))
        let growth = try #require(object["job_growth"] as? [String: Any])
        #expect(try parsedValue(growth["percent"]) == .decimal(0.0))
    }

    @Test func emptyRunWritesNothing() {
        #expect(emit(JSONLinesEmitter.self, records: []).isEmpty)
    }

    @Test func singleRecordEndsWithOneNewline() {
        let text = emitText(JSONLinesEmitter.self, records: [Fixture.quiet])
        #expect(text == pythonCompactQuiet + "\n")
    }
}
