import CustomPlugin
import ExtractBuiltIn
import ExtractConformance
import ExtractCore
import Foundation
import Testing

/// The four parts pass the kits extract's own parts pass.
@Suite struct ConformanceTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/pages")

    static let pages: [Document] = ["nurse-educator.txt", "data-analyst.txt", "warehouse-lead.txt"].map { name in
        Document(source: name, bytes: (try? [UInt8](Data(contentsOf: fixtures.appendingPathComponent(name)))) ?? [])
    }

    @Test func theWordCountStagePassesTheStageKit() {
        #expect(Self.pages.allSatisfy { !$0.bytes.isEmpty })
        #expect(StageConformance.check(WordCountStage.self, pages: Self.pages) == [])
    }

    @Test func theUSDateParserPassesTheValueParserKit() {
        #expect(ValueParserConformance.check(USDateParser.self) == [])
    }

    /// A TSV cell as the format documents it, read back: `\\`, `\t`, `\n`, `\r` undone.
    static func unescaped(_ cell: Substring) -> String {
        var out = ""
        var escaped = false
        for character in cell {
            if escaped {
                switch character {
                case "t": out.append("\t")
                case "n": out.append("\n")
                case "r": out.append("\r")
                default: out.append(character)
                }
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                out.append(character)
            }
        }
        return out
    }

    /// TSV split into lines and cells (a row is one line: line breaks in cells are escaped).
    static func readTSV(_ bytes: [UInt8]) throws -> EmitterConformance.Table {
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.hasSuffix("\n") else { throw UnexpectedParsedValue(description: "the last line has no line end") }
        let lines = text.dropLast().split(separator: "\n", omittingEmptySubsequences: false)
        let cells = lines.map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(unescaped) }
        return EmitterConformance.Table(header: cells.first ?? [], rows: Array(cells.dropFirst()))
    }

    /// Whether a cell holds `value` as the TSV format writes it.
    static func cellHolds(_ cell: String, _ value: Value, _ shape: Shape) throws -> Bool {
        switch value {
        case .null: return cell.isEmpty
        case .string(let text): return cell == text
        case .bool(let bool): return cell == (bool ? "true" : "false")
        case .integer(let integer): return Int(cell) == integer
        case .decimal(let decimal): return Double(cell) == decimal
        case .list(let items) where shape == .list(.scalar):
            // Joined by "; ": an item holding "; " itself cannot be told apart.
            if items.contains(where: { $0.stringValue?.contains("; ") ?? false }) { return true }
            let pieces = cell.isEmpty ? [] : cell.components(separatedBy: "; ")
            guard pieces.count == items.count else { return false }
            for (piece, item) in zip(pieces, items) where !(try cellHolds(piece, item, .scalar)) { return false }
            return true
        case .list, .object:
            let read = try Value(parsed: try JSONSerialization.jsonObject(with: Data(cell.utf8), options: [.fragmentsAllowed]))
            return read.isReading(of: value.withSortedKeys)
        }
    }

    @Test func theTSVEmitterPassesTheEmitterKit() {
        #expect(EmitterConformance.check(TSVEmitter.self, readBack: .table(Self.readTSV, cellHolds: Self.cellHolds)) == [])
    }

    @Test func theRuntimeHasEveryBuiltInPartAndTheFourNewOnes() {
        let custom = ExtractRuntime.custom, builtIn = ExtractRuntime.builtIn
        #expect(custom.stages.kinds == builtIn.stages.kinds + ["word_count"])
        #expect(custom.parsers.names == builtIn.parsers.names + ["us_date"])
        #expect(custom.emitters.formats == builtIn.emitters.formats + ["tsv"])
        #expect(custom.readers.formats == builtIn.readers.formats + ["gztext"])
        #expect(custom.readers.reader(forPath: "a/page.txt.gz") == GzipTextReader.self)
        #expect(custom.readers.reader(forPath: "a/crawl.warc.gz") == WARCInputReader.self)
        #expect(custom.readers.reader(forPath: "a/page.txt") == TextInputReader.self)
    }
}
