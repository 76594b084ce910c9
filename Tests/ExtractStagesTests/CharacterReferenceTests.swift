import ExtractCore
import ExtractStages
import ExtractTestSupport
import Foundation
import Testing

/// HTML character references in the normalize stage, against a table of what Python's
/// `html.unescape` gives (`Fixtures/normalize/character-references.jsonl`, written by
/// `Tools/character-reference-cases.py`), and by hand where the WHATWG standard and this project
/// differ from Python on purpose.
@Suite("HTML character references")
struct CharacterReferenceTests {
    /// Only the decoding: every other step of the stage that could change the text is off.
    private static let decodingOnly = """
        stages:
          - stage: normalize
            bullet: false
            spaces: false
            unicode: false
            mojibake: false
            trailing_spaces: false
            line_endings: false
        """

    private struct Case: Decodable {
        let input: String
        let expected: String
    }

    private func decoded(_ text: String, worker: inout PipelineWorker) -> [UInt8] {
        worker.process(Document(source: "t", bytes: Array(text.utf8))).text
    }

    @Test func everyReferenceInPythonsTableDecodesAsPythonDecodesIt() throws {
        let file = repositoryRoot.appendingPathComponent("Fixtures/normalize/character-references.jsonl")
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
        let cases = try lines.map { try JSONDecoder().decode(Case.self, from: Data($0.utf8)) }
        #expect(cases.count > 2_200)
        let pipeline = try buildPipeline(Self.decodingOnly)
        var worker = pipeline.makeWorker()
        var wrong: [String] = []
        for row in cases where decoded(row.input, worker: &worker) != Array(row.expected.utf8) {
            let got = String(decoding: decoded(row.input, worker: &worker), as: UTF8.self)
            wrong.append("\(row.input.debugDescription) gave \(got.debugDescription), Python \(row.expected.debugDescription)")
        }
        #expect(wrong.isEmpty, "\(wrong.count) of \(cases.count) differ:\n\(wrong.prefix(20).joined(separator: "\n"))")
    }

    @Test(arguments: [
        ("&Aacute;rbol", "Árbol"), ("&AElig;", "Æ"), ("&acirc;", "â"), ("&Ntilde;", "Ñ"), ("&Scaron;", "Š"),
        ("&alpha;&Omega;", "αΩ"), ("&NotEqualTilde;", "\u{2242}\u{338}"), ("It&#146;s", "It\u{2019}s"),
        ("&#128;5", "€5"), ("&#x9D;", "\u{9D}"), ("&#0;", "\u{FFFD}"), ("&#xD800;", "\u{FFFD}"),
        ("&#x110000;", "\u{FFFD}"), ("&#x10FFFF;", "\u{10FFFF}"), ("&#1;", "\u{1}"),
    ])
    func theStandardsExpansionIsWritten(input: String, expected: String) throws {
        let pipeline = try buildPipeline(Self.decodingOnly)
        var worker = pipeline.makeWorker()
        #expect(decoded(input, worker: &worker) == Array(expected.utf8))
    }

    @Test(arguments: ["AT&T and R&D", "&amp without a semicolon", "&copy 2024", "&notit;", "&unknown;", "x &Amp; y"])
    func namesWithoutASemicolonOrNotInTheStandardStayAsWritten(text: String) throws {
        // Python decodes `&amp`, `&copy` and the `&not` of `&notit;` by their legacy prefix; text
        // such as `AT&T` is why the normalize stage does not.
        #expect(try normalized(text) == text)
    }

    @Test func aReferenceIsDecodedOnce() throws {
        #expect(try normalized("a &amp;lt; b &amp;amp; c &#38;#38;") == "a &lt; b &amp; c &#38;")
    }

    @Test func decodedTextGoesThroughTheOtherStepsAndMapsBack() throws {
        // `&nbsp;` becomes a space, `&shy;` goes, `&rsquo;` becomes `'` with plain quotes.
        let page = "A&nbsp;B&shy;C it&rsquo;s &ldquo;Caf&eacute;&rdquo; end"
        let result = try process(page, yaml: "stages:\n  - stage: normalize\n    quotes: plain\n")
        #expect(result.text == "A BC it's \"Café\" end")
        // Each word's span is the original text it came from, references and all.
        for (word, original) in [("it's", "it&rsquo;s"), ("\"Café\"", "&ldquo;Caf&eacute;&rdquo;"), ("BC", "B&shy;C"), ("end", "end")] {
            #expect(result.originalText(under: word) == original)
        }
    }
}
