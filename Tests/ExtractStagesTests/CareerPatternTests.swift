import ExtractCore
import ExtractStages
import ExtractTestSupport
import Foundation
import Testing

/// The career pipeline matches certification and citation lines a word at a time
/// (`(?:[^ \n]++| )+?`), which is faster than the plain lazy `.+?` and must read every line the
/// same way. The shipped pipeline and a copy with the `.+?` forms run over the same generated
/// lines: tricky ones (runs of spaces, tabs, dashes, ` - ` at either end, remarks, abbreviations
/// in parentheses, arrows glued to a word, non-ASCII) and random mixes of those pieces.
@Suite("Career pipeline patterns")
struct CareerPatternTests {
    static let pipelinePath = repositoryRoot.appendingPathComponent("Pipelines/career.yaml").path

    /// The shipped patterns and the plain lazy forms they stand for.
    static let rewrites = [
        (#"'^• (?<name>(?:[^ \n]++| )+?)(?: - (?<issuer>(?:[^ \n]++| )+?))?(?: \((?<note>[^()]*[a-z][^()]*)\))?$'"#,
         #"'^• (?<name>.+?)(?: - (?<issuer>.+?))?(?: \((?<note>[^()]*[a-z][^()]*)\))?$'"#),
        (#"'^• (?<text>(?<organization>(?:[^ \n↗]++|[ ↗])+?)(?: - (?<topic>(?:[^ \n↗]++|[ ↗])+?))?)(?: ?↗)?$'"#,
         #"'^• (?<text>(?<organization>.+?)(?: - (?<topic>.+?))?)(?: ?↗)?$'"#),
    ]

    static let tricky = [
        "Certified Medical Assistant (CMA) - American Association of Medical Assistants",
        "Basic Life Support (BLS) - American Heart Association (AHA)",
        "Registered Nurse (RN) - State board of nursing (varies by state)",
        "Certified Coding Specialist (CCS) - AHIMA (required by most employers)",
        "Phlebotomy Technician (CPT)", "Name  -  Issuer", "Name - ", "Name -", " - Issuer", "A - B - C",
        "Name  (remark here)", "Name\t- Issuer", "Name -Issuer", "Name- Issuer", "Name - Issuer  ",
        "Bureau of Labor Statistics - Medical and Health Services Managers ↗",
        "Bureau of Labor Statistics↗", "BLS - Topic↗", "O*NET OnLine ↗ - Summary ↗", "↗", "Name ↗↗",
        "Société Française - Über Größe (é)", "Nurse (RN, LPN) - Board (CCI) (note)", "(only a remark)",
    ]

    static let pieces = ["Word", "ab", "RN", " ", " ", "  ", "\t", "-", " - ", "- ", " -", "(", ")", "(CCI)",
                         " (a remark)", "↗", " ↗", "é", "Ünï", ",", "/", "x y"]

    /// Lines made of random pieces, the same on every run.
    static func randomLines(count: Int) -> [String] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        return (0..<count).map { _ in (0..<(1 + next(10))).map { _ in pieces[next(pieces.count)] }.joined() }
    }

    static func page(_ lines: [String]) -> String {
        let bullets = lines.map { "• " + $0 }.joined(separator: "\n")
        return "Pattern Check\nA page to read certification and citation lines.\n"
            + "Certifications & Licenses\n\(bullets)\nCitations\n\(bullets)\n"
    }

    @Test func wordAtATimePatternsReadEveryLineAsTheLazyFormsDo() throws {
        let shippedText = try String(contentsOfFile: Self.pipelinePath, encoding: .utf8)
        var lazyText = shippedText
        for (shipped, lazy) in Self.rewrites {
            #expect(lazyText.contains(shipped), "the pipeline no longer holds \(shipped)")
            lazyText = lazyText.replacingOccurrences(of: shipped, with: lazy)
        }
        let directory = repositoryRoot.appendingPathComponent("Pipelines").path
        let shipped = try PipelineBuilder(registry: .builtIn).build(text: shippedText, file: "career.yaml", baseDirectory: directory)
        let lazy = try PipelineBuilder(registry: .builtIn).build(text: lazyText, file: "lazy.yaml", baseDirectory: directory)
        var shippedWorker = shipped.makeWorker()
        var lazyWorker = lazy.makeWorker()
        let lines = Self.tricky + Self.randomLines(count: 3_000)
        var compared = 0
        // A page of 20 lines at a time, so each line is also read after and before others.
        for start in stride(from: 0, to: lines.count, by: 20) {
            let text = Self.page(Array(lines[start..<min(start + 20, lines.count)]))
            let a = shippedWorker.process(Document(source: "p", bytes: Array(text.utf8)))
            let b = lazyWorker.process(Document(source: "p", bytes: Array(text.utf8)))
            for name in ["certifications", "citations"] {
                let field = try #require(shipped.schema.fields.firstIndex { $0.name == name })
                #expect(a.record.values[field] == b.record.values[field], "\(name) differ on:\n\(text)")
                if case .list(let items)? = a.record.values[field] { compared += items.count }
            }
            #expect(a.record.diagnostics.map(\.message) == b.record.diagnostics.map(\.message))
        }
        // Most lines are read as items by both (the rest match neither).
        #expect(compared > lines.count)
    }
}
