import ExtractCore
import ExtractStages
import ExtractTestSupport
import Foundation
import PropertyBased
import Testing

/// Words of correct text from many scripts.
private let words = [
    "career", "Nurse", "déjà", "naïve", "Größe", "Straße", "AÑO", "¿Qué?", "¡OLÉ!", "Čeština", "ŽLUŤOUČKÝ", "MÍŠA",
    "ZAŻÓŁĆ", "Łódź", "ŐRÜLT", "ÞÓRÐUR", "GUÐ", "SÃO", "PAULO", "MAÇÃ", "ÎLE", "NAÏF", "ESPAÑA", "Ελληνικά", "ανατροφή",
    "gâteau", "âme", "Привет", "Щука", "日本語", "カタカナ", "Tiếng", "Việt", "İSTANBUL", "ışık", "😀", "👩‍⚕️", "🇫🇮", "★", "—", "→", "12",
    "$52,000", "5×£35", "4288×…", "Brontë…”", "“Jane”", "it’s", "«très»", "Hyvää", "päivää",
]

/// Accented capitals (and `×`, `ë`, `é`), each then followed by a mark that correct text puts
/// after a word: the sequences that look like mojibake. `Â`, `Ã`, `Î`, `Ï`, `Ð` and `Ñ` are not
/// among them: before these marks they are the evidence the repair goes by (see MojibakeRepair).
private let capitals = ["É", "È", "Ê", "Ë", "Ä", "Å", "Æ", "Ç", "Ì", "Í", "Ò", "Ó", "Ô", "Õ", "Ö", "Ø", "Ù", "Ú", "Û",
                        "Ü", "Ý", "Þ", "ß", "×", "ë", "é"]
private let marks = ["®", "…", "’", "¿", "´", "£", "\u{A0}", "”", "™", "–", "—", "·"]

/// Pieces of correct text: the words, and a word in capitals ending in each capital and mark.
private let correctPieces = words + capitals.flatMap { capital in marks.map { "NESTL" + capital + $0 } }

/// What separates pieces: spaces of all kinds, punctuation, line breaks.
private let separators = [" ", "  ", "\n", ", ", ". ", "\u{A0}", "\u{2009}", " — ", "\t", "\n\n• "]

/// `text`'s UTF-8 read as Windows-1252 (Latin-1 where Foundation's Windows-1252 gives up).
private func misread(_ text: String) -> String {
    let bytes = Data(text.utf8)
    return String(data: bytes, encoding: .windowsCP1252) ?? String(data: bytes, encoding: .isoLatin1) ?? text
}

/// Pieces of any text: correct ones, the same read as Windows-1252 once and twice, and
/// fragments that lost information (`voilÃ`, a C1 control, `Â` after a capital).
private let anyPieces = correctPieces + words.map(misread) + words.map { misread(misread($0)) }
    + ["voilÃ", "jusqu'Ã", "Ã", "It\u{92}s", "\u{81}", "MISUTÂ", "â€¢ item", "&amp;", "e\u{301}", "Ã’s"]

/// Joins the pieces picked by index, each followed by the separator picked for it.
private func text(_ pieces: [String], _ picks: [Int], _ seps: [Int]) -> String {
    var text = ""
    for (position, pick) in picks.enumerated() {
        text += pieces[pick] + separators[seps[position % seps.count]]
    }
    return text
}

@Suite("Normalize stage properties")
struct NormalizePropertyTests {
    private static let normalize = try! buildPipeline("stages:\n  - stage: normalize\n")
    private static let normalizeWithoutMojibake = try! buildPipeline("stages:\n  - stage: normalize\n    mojibake: false\n")
    /// Decoding references is not repeatable by nature (`&amp;lt;` → `&lt;` → `<`): left out of idempotence.
    private static let normalizeWithoutReferences = try! buildPipeline("stages:\n  - stage: normalize\n    html_entities: false\n")

    private func run(_ text: String, _ pipeline: Pipeline) -> String { process(text, with: pipeline).text }

    @Test func repairingCorrectTextLeavesItAsItIs() async {
        await propertyCheck(
            count: propertyCount(400),
            input: Gen.int(in: 0...(correctPieces.count - 1)).array(of: 1...16),
            Gen.int(in: 0...(separators.count - 1)).array(of: 16)
        ) { picks, seps in
            let page = text(correctPieces, picks, seps)
            #expect(Array(run(page, Self.normalize).utf8) == Array(run(page, Self.normalizeWithoutMojibake).utf8),
                    "\(page.debugDescription)")
        }
    }

    @Test func normalizingTwiceGivesWhatNormalizingOnceGives() async {
        await propertyCheck(
            count: propertyCount(400),
            input: Gen.int(in: 0...(anyPieces.count - 1)).array(of: 1...16),
            Gen.int(in: 0...(separators.count - 1)).array(of: 16)
        ) { picks, seps in
            let page = text(anyPieces, picks, seps)
            let once = run(page, Self.normalizeWithoutReferences)
            #expect(Array(run(once, Self.normalizeWithoutReferences).utf8) == Array(once.utf8), "\(page.debugDescription)")
        }
    }

    @Test func everyCorrectPieceReadAsWindows1252IsRepaired() {
        // Alone, between spaces: the table of the positives, for every piece of the generator.
        var unrepaired: [String] = []
        for piece in correctPieces where misread(piece) != piece {
            let page = "a " + misread(piece) + " b"
            if Array(run(page, Self.normalize).utf8) != Array(run("a " + piece + " b", Self.normalize).utf8) {
                unrepaired.append(piece)
            }
        }
        #expect(unrepaired.isEmpty, "\(unrepaired)")
    }
}
