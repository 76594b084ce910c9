import ExtractCore
import Testing

@Suite struct InputCheckTests {
    @Test(arguments: [
        ([UInt8](), "input.empty"),
        (Array(" \n\r\n\t".utf8), "input.empty"),
        ([0x41, 0x00, 0x42], "input.binary"),
        ([0x41, 0xFF], "input.not_utf8"),
        ([0xC0, 0x80], "input.not_utf8"),            // overlong NUL
        ([0xED, 0xA0, 0x80], "input.not_utf8"),      // surrogate
        ([0xF4, 0x90, 0x80, 0x80], "input.not_utf8"), // above U+10FFFF
        ([0x43, 0x61, 0x66, 0xC3, 0x20], "input.not_utf8"), // a partial character inside the text
    ])
    func badDocumentsAreRejectedWithTheirCode(bytes: [UInt8], code: String) {
        #expect(InputCheck.check(bytes)?.code == code)
    }

    @Test func validMultiByteTextPasses() {
        #expect(InputCheck.check(Array("Café • ☕ 𝄞 naïve".utf8)) == nil)
    }

    @Test func aPartialCharacterAtTheVeryEndIsACutNotARejection() {
        // A page cut at a fixed byte count can end inside a character: `•` is E2 80 A2.
        let bytes = Array("Cut here ".utf8) + [0xE2, 0x80]
        #expect(InputCheck.check(bytes) == nil)
        #expect(InputCheck.cutCharacterLength(bytes) == 2)
        #expect(InputCheck.cutCharacterLength(Array("whole".utf8)) == nil)
        #expect(InputCheck.cutCharacterLength(Array("Caf".utf8) + [0xC3, 0x41]) == nil)
    }

    @Test func firstInvalidByteIsReportedAtItsOffset() {
        #expect(InputCheck.firstInvalidUTF8(Array("Caf".utf8) + [0xE9, 0x20]) == 3)
    }
}
