import ExtractCore
import ExtractTestSupport
import Foundation
import Testing

/// UTF-16 and Windows-1252 pages decoded as Python's codecs decode them
/// (`Fixtures/encodings/decoding-cases.jsonl`, written by `Tools/encoding-cases.py`), and a
/// piece of each decoded page mapped back to the original bytes Python encoded it to; and
/// `--encoding auto` on Western text in Windows-1252 and on other languages in their own
/// encodings, written by Python (`Fixtures/encodings/auto-cases.jsonl`).
@Suite struct DecodingAgreementTests {
    private struct Case: Decodable {
        let name: String
        let encoding: String
        let bytes: String
        let expected: String
        let field: String
        let field_bytes: [Int]
    }

    private struct AutoCase: Decodable {
        let name: String
        let bytes: String
        let auto: String
        let expected: String?
    }

    private static func read<Row: Decodable>(_ name: String, as: Row.Type) throws -> [Row] {
        let file = repositoryRoot.appendingPathComponent("Fixtures/encodings/" + name)
        return try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map {
            try JSONDecoder().decode(Row.self, from: Data($0.utf8))
        }
    }

    private static func cases() throws -> [Case] { try read("decoding-cases.jsonl", as: Case.self) }

    private static func bytes(hex: String) -> [UInt8] {
        let digits = Array(hex.utf8)
        return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(decoding: digits[$0..<($0 + 2)], as: UTF8.self), radix: 16)! }
    }

    @Test func everyPageInPythonsTableDecodesAsPythonDecodesIt() throws {
        let cases = try Self.cases()
        #expect(cases.count >= 16)
        for row in cases {
            var item = WorkItem(document: Document(source: row.name, bytes: Self.bytes(hex: row.bytes)), sectionCount: 0, fieldCount: 0)
            item.checkInput(encoding: row.encoding == "cp1252" ? .cp1252 : .auto)
            #expect(item.rejection == nil, "\(row.name)")
            #expect(String(decoding: item.text, as: UTF8.self) == row.expected, "\(row.name)")
        }
    }

    @Test func aPieceOfEachDecodedPageMapsToTheOriginalBytesPythonEncodedItTo() throws {
        for row in try Self.cases() {
            var item = WorkItem(document: Document(source: row.name, bytes: Self.bytes(hex: row.bytes)), sectionCount: 0, fieldCount: 0)
            item.checkInput(encoding: row.encoding == "cp1252" ? .cp1252 : .auto)
            let field = Array(row.field.utf8)
            let start = try #require(item.text.indices.first { item.text[$0...].starts(with: field) }, "\(row.name)")
            #expect(item.span(of: start..<(start + field.count)) == Span(start: row.field_bytes[0], end: row.field_bytes[1]), "\(row.name)")
        }
    }

    @Test func autoReadsWesternTextInWindows1252AndRejectsOtherLanguagesInTheirEncodings() throws {
        let cases = try Self.read("auto-cases.jsonl", as: AutoCase.self)
        #expect(cases.count >= 21)
        for row in cases {
            var item = WorkItem(document: Document(source: row.name, bytes: Self.bytes(hex: row.bytes)), sectionCount: 0, fieldCount: 0)
            item.checkInput(encoding: .auto)
            if row.auto == "decoded" {
                #expect(item.rejection == nil, "\(row.name): \(item.rejection?.message ?? "")")
                #expect(String(decoding: item.text, as: UTF8.self) == row.expected, "\(row.name)")
                #expect(item.record.diagnostics.map(\.code) == ["input.decoded_cp1252"], "\(row.name)")
            } else {
                #expect(item.rejection?.code == "input.not_utf8", "\(row.name)")
            }
        }
    }
}
