extension WorkItem {
    /// Applies ``InputCheck`` to the text as the document's bytes: rejects the item; drops a
    /// character cut off at the very end with an `input.cut_character` diagnostic; or decodes
    /// UTF-16 (byte order mark) and Windows-1252 (as `encoding` allows, with an
    /// `input.decoded_cp1252` diagnostic) into UTF-8 text whose offsets map back to the
    /// original bytes. A Windows-1252 charset the transport declared (a WARC record) is followed
    /// where `encoding` is `auto`. The runner calls it before the first stage; a stage that takes undecoded
    /// bytes calls it for the documents it passes through as text.
    public mutating func checkInput(encoding: InputEncoding = .auto) {
        let encoding = encoding.honoring(declaredCharset: document.metadata.charset)
        switch InputCheck.inspect(text, knownValidUTF8: document.isValidUTF8, encoding: encoding) {
        case .valid:
            break
        case .rejected(let rejection):
            self.rejection = rejection
        case .cutCharacter(let cut):
            text.removeLast(cut)
            diagnose(Diagnostic(InputDiagnostics.cutCharacter,
                                message: "the page ends in the middle of a UTF-8 character; its last \(cut) byte\(cut == 1 ? "" : "s") were dropped",
                                span: Span(start: text.count, end: text.count + cut)))
        case .utf16(let bigEndian):
            var decoded = DecodedText()
            decoded.appendUTF16(text, from: 2, bigEndian: bigEndian)
            replaceText(with: decoded)
            // The decoded text may be empty, or hold U+0000: the checks again, on it.
            if case .rejected(let rejection) = InputCheck.inspect(text, knownValidUTF8: true) {
                self.rejection = rejection
                return
            }
            let unreadable = decoded.unreadable
            if unreadable.count > 0 {
                diagnose(Diagnostic(InputDiagnostics.unreadableCharacters,
                                    message: "\(unreadable.count) character\(unreadable.count == 1 ? "" : "s") could not be read as UTF-16\(bigEndian ? "BE" : "LE") and became U+FFFD (the first at byte \(unreadable.firstOffset))",
                                    span: Span(start: unreadable.firstOffset, end: unreadable.firstOffset + 1)))
            }
        case .windows1252(let first):
            let byte = text[first]
            var decoded = DecodedText()
            decoded.appendWindows1252(text, from: 0)
            replaceText(with: decoded)
            diagnose(Diagnostic(InputDiagnostics.decodedCP1252,
                                message: "the page is not UTF-8 (byte 0x\(String(byte, radix: 16, uppercase: true)) at offset \(first)); it was read as Windows-1252",
                                span: Span(start: first, end: first + 1)))
        }
    }

    private mutating func replaceText(with decoded: DecodedText) {
        text = decoded.text
        offsets = offsets.composed(with: decoded.map)
    }
}
