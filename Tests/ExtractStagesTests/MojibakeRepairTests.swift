import ExtractCore
import ExtractStages
import ExtractTestSupport
import Foundation
import Testing

/// A text, with the language it is in, for tables of cases.
struct LabelledText: CustomTestStringConvertible, Sendable {
    let language: String
    let text: String
    var testDescription: String { "\(language): \(text.debugDescription)" }
}

/// Correct text in many languages, with the sequences that look like mojibake in it: an
/// accented capital or `×`/`ë` before `®`, `…`, `’`, `¿`, `´`, `£`, `”` or a no-break space.
let correctTexts: [LabelledText] = [
    LabelledText(language: "Spanish", text: "NESTLÉ® requiere contratar personal"),
    LabelledText(language: "French", text: "PARCE QUE SUR LEURS PLAQUES IL Y MARQUÉ…"),
    LabelledText(language: "English", text: "Offering 5×£35 pin ups"),
    LabelledText(language: "English", text: "“Jane Eyre” by Charlotte Brontë…”"),
    LabelledText(language: "Finnish", text: "SELKÄ\u{A0}EDELLÄ\u{A0}MAAHAN via @YouTube"),
    LabelledText(language: "Finnish", text: "Hyvää päivää, HÄÄT’s ÄÄ"),
    LabelledText(language: "French", text: "L’épisode 8 est trop fou; « très cher » à Noël, À BIENTÔT, CONNAÎT®"),
    LabelledText(language: "French", text: "déjà vu, naïve, ÉTÉ´ et CAFÉ¿"),
    LabelledText(language: "German", text: "Größe, ÄRGER®, MÜLLER… und SCHÖN’s Straße"),
    LabelledText(language: "Spanish", text: "¿Qué tal? AÑO 2024 — ¡OLÉ!"),
    LabelledText(language: "Portuguese", text: "ESSE CARA AI QUEM É¿ SÃO PAULO, C O N C L U S Ã O, VOCÊ…"),
    LabelledText(language: "Czech", text: "MÍŠA, Čeština, ŽLUŤOUČKÝ KŮŇ ÚPĚL ĎÁBELSKÉ ÓDY, VYŠŠÍ"),
    LabelledText(language: "Polish", text: "ZAŻÓŁĆ GĘŚLĄ JAŹŃ, Łódź"),
    LabelledText(language: "Hungarian", text: "ŐRÜLT ŰRHAJÓ"),
    LabelledText(language: "Icelandic", text: "GUÐ… ÞÓRÐUR"),
    LabelledText(language: "Greek", text: "Η ¨ανατροφή¨ δυστυχώς, αβγ ΑΒΓ"),
    LabelledText(language: "Russian", text: "Привет, мир! Щука — ёж"),
    LabelledText(language: "Japanese", text: "日本語のテキスト、カタカナ。"),
    LabelledText(language: "Vietnamese", text: "Tiếng Việt có dấu"),
    LabelledText(language: "Turkish", text: "İSTANBUL’DA ŞEHİR ışık"),
    LabelledText(language: "emoji", text: "😀 👩‍⚕️ 🇫🇮 ✔ ★"),
    LabelledText(language: "numbers", text: "4288×… and 2012—∞, √π, ∆°"),
]

@Suite("Mojibake repair")
struct MojibakeRepairTests {
    private func repaired(_ text: String) throws -> [UInt8] { Array(try normalized(text).utf8) }
    private func kept(_ text: String) throws -> [UInt8] { Array(try normalized(text, options: ["mojibake: false"]).utf8) }

    @Test(arguments: correctTexts)
    func correctTextIsLeftAsItIs(_ sample: LabelledText) throws {
        #expect(try repaired(sample.text) == kept(sample.text))
    }

    /// The text's UTF-8 bytes read as Windows-1252 (or as Latin-1, where a byte Windows-1252
    /// leaves undefined makes Foundation's reader give up), as a browser or a database does.
    private func misread(_ text: String) throws -> String {
        let bytes = Data(text.utf8)
        return try #require(String(data: bytes, encoding: .windowsCP1252) ?? String(data: bytes, encoding: .isoLatin1))
    }

    @Test(arguments: correctTexts)
    func theSameTextReadAsWindows1252IsRepaired(_ sample: LabelledText) throws {
        let broken = try misread(sample.text)
        #expect(broken != sample.text)
        #expect(try repaired(broken) == repaired(sample.text), "\(broken.debugDescription)")
    }

    @Test(arguments: [
        ("itâ€™s", "it’s"), ("a cafÃ© â€” â€œquotedâ€\u{9D}", "a café — “quoted”"), ("Ã‰cole naÃ¯ve", "École naïve"),
        ("Â©2020, 5Â°C, Â£35", "©2020, 5°C, £35"), ("GrÃ¶ÃŸe", "Größe"), ("bÄ™dzie", "będzie"), ("ÄŒeÅ¡tina", "Čeština"),
        ("Ð¿Ñ€Ð¸Ð²ÐµÑ‚", "привет"), ("Î±Î²Î³", "αβγ"), ("æ—¥æœ¬èªž", "日本語"), ("ðŸ˜€", "😀"),
        ("â„¢ and â‚¬5", "™ and €5"), ("âœ” No problems", "✔ No problems"), ("hatikuâ™«~", "hatiku♫~"),
    ])
    func windows1252MojibakeIsRepaired(broken: String, meant: String) throws {
        #expect(try repaired(broken) == Array(meant.utf8))
    }

    @Test(arguments: [
        ("Ecuadorâ\u{80}\u{99}s", "Ecuador’s"), ("ã\u{81}\u{82}ã\u{82}\u{8A}", "あり"), ("It\u{92}s", "It’s"),
        ("\u{93}quoted\u{94}", "“quoted”"),
    ])
    func latin1ReadingWithC1ControlsIsRepaired(broken: String, meant: String) throws {
        #expect(try repaired(broken) == Array(meant.utf8))
    }

    @Test(arguments: [
        ("voilÃ  le travail", "voilà le travail"), ("voilÃ le travail", "voilà le travail"),
        ("Ã perturber", "à perturber"), ("jusqu'Ã nos jours", "jusqu'à nos jours"),
    ])
    func aGraveWhoseNoBreakSpaceBecameASpaceIsRepaired(broken: String, meant: String) throws {
        #expect(try repaired(broken) == Array(meant.utf8))
    }

    @Test(arguments: ["C O N C L U S Ã O", "SÃO PAULO", "IRMÃ E", "atÃ s 19h"])
    func capitalATildeBeforeASpaceIsNotAGrave(text: String) throws {
        #expect(try repaired(text) == kept(text))
    }

    @Test func doubleMojibakeIsRepairedWhole() throws {
        #expect(try repaired("itÃ¢â‚¬â„¢s") == Array("it’s".utf8))
        // `”` is E2 80 9D; 0x9D, undefined in Windows-1252, reads as U+009D, which is C2 9D in UTF-8.
        #expect(try repaired("Ã¢â‚¬Å“quotedÃ¢â‚¬Â\u{9D}") == Array("“quoted”".utf8))
    }

    @Test(arguments: ["There are a lot of Ã’s in mojibake text", "MISUTÂ\u{A0}AJIKKO", "!YO SÉ¡", "Ã…lesund"])
    func sequencesThatCanBeTextAreLeftAlone(text: String) throws {
        #expect(try repaired(text) == kept(text))
    }

    @Test func aLoneWordInitialSequenceBeforeANoBreakSpaceIsLeftAlone() throws {
        // `Š` misread is `Å` and a no-break space: alone in its word it cannot be told from the
        // Scandinavian `Å` before a no-break space, so `ŠKOLA` misread stays misread.
        let text = "\u{C5}\u{A0}KOLA and \u{C5}\u{A0}i Lofoten"
        #expect(try repaired(text) == kept(text))
    }

    @Test func repairingIsLocalToTheMojibake() throws {
        // Correct text beside mojibake on the same line keeps its look-alike sequences.
        #expect(try repaired("CafÃ© and NESTLÉ®, 5×£35") == Array("Café and NESTLÉ®, 5×£35".utf8))
    }

    @Test func repairedTextMapsBackToTheMojibake() throws {
        let page = "Intro itâ€™s GrÃ¶ÃŸe end"
        let result = try process(page, yaml: "stages:\n  - stage: normalize\n")
        #expect(result.text == "Intro it’s Größe end")
        for (word, original) in [("it’s", "itâ€™s"), ("Größe", "GrÃ¶ÃŸe"), ("end", "end"), ("Intro", "Intro")] {
            #expect(result.originalText(under: word) == original)
        }
    }
}
