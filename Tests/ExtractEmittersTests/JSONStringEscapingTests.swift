import ExtractCore
import ExtractEmitters
import Foundation
import Testing

/// Strings are escaped eight bytes at a time; whatever the position of a character that needs
/// escaping, in or across those words, the text must be what JSON expects and read back whole.
@Suite struct JSONStringEscapingTests {
    /// The escape JSON (and Python's `json.dumps(ensure_ascii=False)`) writes for one character.
    private func expected(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    @Test(arguments: ["\"", "\\", "\n", "\u{01}", "\u{1F}", "\t"])
    func aSpecialCharacterAtEveryPositionIsEscaped(special: String) throws {
        for length in 0...20 {
            for position in 0...length {
                let plain = String(repeating: "a", count: length)
                let index = plain.index(plain.startIndex, offsetBy: position)
                let text = String(plain[..<index]) + special + String(plain[index...])
                let json = JSONWriter.compact(.string(text))
                #expect(json == expected(text), "length \(length), position \(position)")
                let back = try JSONSerialization.jsonObject(with: Data(json.utf8), options: .fragmentsAllowed) as? String
                #expect(back == text)
            }
        }
    }

    @Test func runsOfSpecialsAndNonASCIIAreEscapedTogether() throws {
        let text = "Café \"quoted\"\n\t☕ back\\slash\u{7F}\u{85} \u{2028} end — 𝄞\"\"\"\"\"\"\"\"\"\\"
        let json = JSONWriter.compact(.string(text))
        #expect(json == expected(text))
        #expect(try JSONSerialization.jsonObject(with: Data(json.utf8), options: .fragmentsAllowed) as? String == text)
    }
}
