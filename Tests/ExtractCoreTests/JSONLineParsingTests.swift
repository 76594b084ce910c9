import Foundation
import Testing
@testable import ExtractCore

/// The byte scanner that reads usual JSON Lines lines must give what JSONSerialization gives,
/// and hand everything it is not sure of to JSONSerialization.
@Suite struct JSONLineParsingTests {
    private func line(_ bytes: [UInt8]) -> JSONLine {
        JSONLine(bytes: bytes, name: "pages.jsonl", lineNumber: 7, idField: "id", textField: "text")
    }

    /// (source, text bytes) of a document, or the rejection code.
    private func outcome(_ entry: InputEntry) -> String {
        switch entry {
        case .document(let document): return "\(document.source) | \(document.bytes)"
        case .failure(let source, let rejection): return "\(source) | \(rejection.code)"
        case .skipped(let kind): return "skipped \(kind)"
        }
    }

    @Test(arguments: [
        #"{"id": "a-1", "text": "Plain text"}"#,
        #"{"id": 42, "text": "Caf\u00e9 \u2022 \ud83d\ude00\n\tTab \"quoted\" back\\slash \/"}"#,
        #"{"text": "Caf\u00e9 ☕ naïve • bullet", "id": "é-id"}"#,
        #"{"id": "x", "text": "• one\n• two\n  • three\r\nend"}"#,
        #"{"id": null, "text": "no id"}"#,
        #"{"id": "x", "other": [1, 2], "text": "a container elsewhere"}"#,
        #"{"id": "x", "text": 5}"#,
        #"{"id": "x"}"#,
        #"{"id": "x", "text": "lone \udc00 low surrogate"}"#,
        #"not json"#,
    ])
    func theScannerAgreesWithJSONSerialization(text: String) {
        let line = line(Array(text.utf8))
        #expect(outcome(line.parse()) == outcome(line.parseWithFoundation()))
    }

    @Test(arguments: [
        [0xFF],                      // not a UTF-8 byte
        [0xC3, 0x28],                // a lead byte without its continuation
        [0xED, 0xA0, 0x80],          // an encoded surrogate
        [0xE2, 0x80],                // a character cut short before the closing quote
    ] as [[UInt8]])
    func invalidUTF8InAStringIsLeftToJSONSerialization(bad: [UInt8]) {
        for template in [(#"{"id": "x", "text": "before "#, #" after"}"#), (#"{"id": "x"#, #"", "text": "fine"}"#)] {
            let line = line(Array(template.0.utf8) + bad + Array(template.1.utf8))
            #expect(FastJSONLine.parse(line.bytes, idField: "id", textField: "text", fallbackSource: "f", lineNumber: 7) == nil)
            #expect(outcome(line.parse()) == outcome(line.parseWithFoundation()))
        }
    }

    @Test(arguments: [#"\n"#, #"\""#, #"\\"#, #"\u00e9"#, "é", "☕"])
    func anEscapeOrNonASCIIAtEveryPositionReadsAsJSONSerializationReadsIt(special: String) {
        for length in 0...20 {
            for position in 0...length {
                let plain = String(repeating: "a", count: length)
                let index = plain.index(plain.startIndex, offsetBy: position)
                let text = String(plain[..<index]) + special + String(plain[index...])
                let line = line(Array(#"{"id": "x", "text": ""#.utf8) + Array(text.utf8) + Array(#""}"#.utf8))
                #expect(outcome(line.parse()) == outcome(line.parseWithFoundation()), "length \(length), position \(position)")
            }
        }
    }

    @Test func aDocumentFromAJSONStringIsKnownToBeValidUTF8() throws {
        guard case .document(let document) = line(Array(#"{"id": "x", "text": "Caf\u00e9"}"#.utf8)).parse() else {
            Issue.record("no document")
            return
        }
        #expect(document.isValidUTF8)
        #expect(document.bytes == Array("Café".utf8))
    }
}

/// A lone UTF-16 surrogate escape stands for no character: the line fails, and says why.
@Suite struct LoneSurrogateTests {
    @Test(arguments: [
        (#"{"text": "Title\ud800 here"}"#, #"\ud800"#),
        (#"{"text": "Ok \udc00"}"#, #"\udc00"#),
        (#"{"text": "high at the end \uD83D"}"#, #"\uD83D"#),
        (#"{"text": "two highs \ud83d\ud83d"}"#, #"\ud83d"#),
    ])
    func aLoneSurrogateIsNamedInTheLinesFailure(line: String, escape: String) {
        let entry = JSONLine(bytes: Array(line.utf8), name: "pages.jsonl", lineNumber: 3, idField: "id", textField: "text").parse()
        guard case .failure(let source, let rejection) = entry else {
            Issue.record("expected a failure, got \(entry)")
            return
        }
        #expect(source == "pages.jsonl#3")
        #expect(rejection.code == "input.bad_json_line")
        #expect(rejection.message == "line 3 of 'pages.jsonl' holds \(escape), half of a UTF-16 pair with no other half: no character")
    }

    @Test func aPairedSurrogateAndAnEscapedBackslashAreNotLone() {
        #expect(JSONLine.loneSurrogate(in: Array(#"{"text": "emoji \ud83d\ude00 and \\ud800 as text"}"#.utf8)) == nil)
        let entry = JSONLine(bytes: Array(#"{"text": "emoji \ud83d\ude00"}"#.utf8), name: "p", lineNumber: 1, idField: "id", textField: "text").parse()
        guard case .document(let document) = entry else {
            Issue.record("expected a document, got \(entry)")
            return
        }
        #expect(String(decoding: document.bytes, as: UTF8.self) == "emoji 😀")
    }
}
