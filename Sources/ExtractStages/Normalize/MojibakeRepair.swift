import ExtractCore

/// Repairs UTF-8 text that was decoded as Windows-1252 or Latin-1 and saved again as UTF-8
/// (`â€™` for `’`, `Ã©` for `é`, `Ecuadorâ\u{80}\u{99}s` for `Ecuador’s`), and only where the
/// text shows that this happened.
///
/// A *sequence* is a character U+00C2–U+00F4 (what a UTF-8 lead byte reads as) followed by the
/// characters its continuation bytes read as (U+0080–U+00BF, or the Windows-1252 characters of
/// 0x80–0x9F), whose bytes are valid UTF-8. Correct text has such sequences too (`NESTLÉ®`,
/// `MARQUÉ…`, `5×£35`, `Brontë…”`, `SELKÄ` and a no-break space), so a sequence is repaired
/// only on evidence, the way ftfy's "badness" heuristic weighs it. A sequence is *strong*
/// evidence when:
/// - a continuation is a C1 control (U+0080–U+009F): text never holds one, a Latin-1 reading does;
/// - its lead is `Â` or `Ã`, which begin the mojibake of every Latin-1 character (`Ã©`, `Â°`),
///   unless what follows is `’` or `…` (`Ã’s` can be text about the letter) or, at the end of a
///   word in capitals, a no-break space (`MAÇÃ`, `MISUTÂ AJIKKO`);
/// - its lead is `Î`, `Ï`, `Ð` or `Ñ` (Greek and Cyrillic read as Windows-1252) and a continuation is
///   not one that often ends a word (no-break space, soft hyphen, `…`, `’`, `”`, `®`, `™`);
/// - it is `â` and two continuations, not all of the kind that follows words (below): the mojibake
///   of U+2000–U+2FFF, punctuation, symbols, arrows and dingbats (`âœ”` for `✔`);
/// - a continuation is a character that does not follow a letter in text: `€ ‚ ƒ „ † ‡ ˆ ‰ ˜ Ÿ ¤
///   ¦ ¨ ª ¬ ¯ ° ± µ ¸ º ¼ ½ ¾` (so `â€`, `â„¢`, `Ã¢â‚¬`, `ðŸ˜€`, `Ä°` are mojibake);
/// - it is two characters, a letter and an opening or closing mark (`© ® ™ ‘ “ ” ‚ „ « » ‹ › ¡ ¿ •`),
///   followed straight by a letter or digit, inside a word (`bÄ™dzie`, `eÅ¡tina`).
///
/// Sequences next to each other form a *run*, repaired whole when one of them is strong, or when
/// it holds two or more and one of them is at least *weak* (not made only of the no-break space,
/// soft hyphen, `·`, `´`, `–`, `—`, `…` and `’` that follow words in correct text), or when the
/// same word holds another run that is at least weak (`ÄŒeÅ¡tina`, `ÅžEHÄ°R`). Any other run is
/// left as written. A repaired run is checked again, so double mojibake
/// (`Ã¢â‚¬â„¢`) becomes `’`; a layer without evidence of its own is kept.
///
/// One case of lost information is repaired as ftfy does: `Ã` followed by a space, after
/// a lowercase ASCII letter or an apostrophe (with at most one space of any kind between) or at the line's
/// start, and not before `s `, is `à` whose no-break-space byte became a space: `voilÃ  le` and
/// `voilÃ le` both become `voilà le`.
///
/// (The normalize stage also reads a C1 control standing alone as the Windows-1252 character of
/// that byte: `It\u{92}s` → `It’s`.)
enum MojibakeRepair {
    /// How much a sequence says about its run.
    private enum Evidence: Int, Comparable {
        case none, weak, strong
        static func < (a: Evidence, b: Evidence) -> Bool { a.rawValue < b.rawValue }
    }

    /// How far, in bytes, the text around a run is read for context (the rest of its word): a
    /// bound, so a page-long "word" of non-ASCII text costs linear time, not quadratic.
    private static let contextLimit = 64

    /// Whether `scalar` can begin a sequence: it is what a UTF-8 lead byte 0xC2–0xF4 reads as.
    @inline(__always)
    static func isLead(_ scalar: UInt32) -> Bool { scalar >= 0xC2 && scalar <= 0xF4 }

    /// The run of sequences at `index` (a lead character), read no further than `end`: when it
    /// shows evidence, its repaired scalars are appended to `repaired` and the number of bytes it
    /// takes is returned; nil leaves the text as written. `lineStart` bounds the look back
    /// before `index`.
    static func repair(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, lineStart: Int, end: Int,
                       into repaired: inout [UInt32]) -> Int? {
        let mark = repaired.count
        let bounds = Bounds(lineStart: lineStart, end: end, contextEnd: end)
        guard let length = run(bytes, at: index, bounds, into: &repaired) else { return nil }
        if repaired[mark...].contains(where: isLead) {
            var scalars = Array(repaired[mark...])
            // Double (or triple) mojibake: repair the repaired text again while it shows evidence,
            // read inside its word with the rest of the word repaired once too, as a second run
            // over the whole text would read it.
            var before = index
            while before > lineStart, index - before < contextLimit, isWordByte(bytes[before - 1]) { before -= 1 }
            while bytes[before] & 0xC0 == 0x80 { before += 1 }  // not inside a character
            var after = index + length
            while after < end, after - index - length < contextLimit, isWordByte(bytes[after]) { after += 1 }
            while after < end, bytes[after] & 0xC0 == 0x80 { after += 1 }
            let prefix = repairedOnce(bytes, before..<index)
            let suffix = repairedOnce(bytes, (index + length)..<after)
            for _ in 0..<2 {
                guard let again = prefix.withUnsafeBufferPointer({ prefix in
                    suffix.withUnsafeBufferPointer { suffix in layer(scalars, prefix: prefix, suffix: suffix) }
                }) else { break }
                scalars = again
            }
            repaired.replaceSubrange(mark..., with: scalars)
        }
        // A repair must not make new mojibake with a lead left as written just before the run
        // (`ÅÅ¸` → `ÅŸ`, which a second pass would read as `ş`): such a chain is left as
        // written, so normalizing twice gives what once gives (found by fuzzing).
        if index > lineStart {
            var previous = index - 1
            while previous > lineStart, bytes[previous] & 0xC0 == 0x80 { previous -= 1 }
            let before = decodeScalar(bytes, previous).scalar
            if isLead(before), makesSequence([before] + repaired[mark...].prefix(3)) {
                repaired.removeSubrange(mark...)
                return nil
            }
        }
        // A repair never ends in a C1 control: `Â€` would become U+0080, which no text holds and
        // which a second pass would read as `€` (found by fuzzing normalize's idempotence). A
        // layer of double mojibake may hold one (`â€\u{9D}` is `”`), the result may not.
        if repaired[mark...].contains(where: { (0x80...0x9F).contains($0) }) {
            repaired.removeSubrange(mark...)
            return nil
        }
        return length
    }

    /// Whether `scalars`, read as Windows-1252 bytes, start with a whole UTF-8 sequence: a lead
    /// and as many continuation characters as it needs, giving a valid scalar that is no control.
    private static func makesSequence(_ scalars: [UInt32]) -> Bool {
        guard let lead = scalars.first, isLead(lead) else { return false }
        let continuations = lead < 0xE0 ? 1 : (lead < 0xF0 ? 2 : 3)
        guard scalars.count > continuations else { return false }
        var decoded = lead & (lead < 0xE0 ? 0x1F : (lead < 0xF0 ? 0x0F : 0x07))
        for scalar in scalars[1...continuations] {
            guard let byte = Windows1252.continuationByte(scalar) else { return false }
            decoded = decoded << 6 | UInt32(byte & 0x3F)
        }
        let minimum: UInt32 = continuations == 1 ? 0x80 : (continuations == 2 ? 0x800 : 0x10000)
        return decoded >= minimum && decoded <= 0x10FFFF && !(0xD800...0xDFFF).contains(decoded) && !(0x80...0x9F).contains(decoded)
    }

    /// Where reading may go: sequences and runs end by `end`; the look at the rest of the word
    /// (``wordShowsMojibake(_:around:_:)``, a letter after a mark) goes up to `contextEnd`; the
    /// look back stops at `lineStart`.
    private struct Bounds {
        var lineStart: Int
        var end: Int
        var contextEnd: Int
    }

    /// The text in `range` with each of its runs that shows evidence repaired once, read within
    /// `range` alone.
    private static func repairedOnce(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [UInt8] {
        let bounds = Bounds(lineStart: range.lowerBound, end: range.upperBound, contextEnd: range.upperBound)
        var text: [UInt8] = []
        var scalars: [UInt32] = []
        var index = range.lowerBound
        while index < range.upperBound {
            let (scalar, length) = decodeScalar(bytes, index)
            scalars.removeAll(keepingCapacity: true)
            if isLead(scalar), let consumed = run(bytes, at: index, bounds, into: &scalars) {
                for repaired in scalars { appendScalar(repaired, to: &text) }
                index += consumed
            } else {
                text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<(index + length)]))
                index += length
            }
        }
        return text
    }

    /// `scalars` between `prefix` and `suffix` (the rest of their word) with every run in `scalars`
    /// that shows evidence repaired; nil when there is none.
    private static func layer(_ scalars: [UInt32], prefix: UnsafeBufferPointer<UInt8>, suffix: UnsafeBufferPointer<UInt8>) -> [UInt32]? {
        var bytes = Array(prefix)
        let start = bytes.count
        for scalar in scalars { appendScalar(scalar, to: &bytes) }
        let end = bytes.count
        bytes.append(contentsOf: suffix)
        return bytes.withUnsafeBufferPointer { buffer -> [UInt32]? in
            let bounds = Bounds(lineStart: 0, end: end, contextEnd: buffer.count)
            var result: [UInt32] = []
            var changed = false
            var index = start
            while index < end {
                let (scalar, length) = decodeScalar(buffer, index)
                if isLead(scalar), let consumed = run(buffer, at: index, bounds, into: &result) {
                    changed = true
                    index += consumed
                } else {
                    result.append(scalar)
                    index += length
                }
            }
            return changed ? result : nil
        }
    }

    /// One layer of repair of the run at `index`: see ``repair(_:at:lineStart:end:into:)``.
    private static func run(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, _ bounds: Bounds, into repaired: inout [UInt32]) -> Int? {
        let mark = repaired.count
        let reading = read(bytes, at: index, bounds, into: &repaired)
        if reading.showsMojibake
            || (reading.sequences > 0
                && wordShowsMojibake(bytes, around: index..<(index + reading.length), lookingAfter: !reading.endsWithNoBreakSpace, bounds)) {
            return reading.length
        }
        repaired.removeSubrange(mark...)
        return nil
    }

    /// What reading a run found: its bytes, its sequences and the strongest evidence among them.
    private struct Reading {
        var length = 0
        var sequences = 0
        var evidence = Evidence.none
        /// Whether its last character is a no-break space, which ends a word in correct text.
        var endsWithNoBreakSpace = false

        /// A strong sequence, or several with one at least weak.
        var showsMojibake: Bool { evidence == .strong || (sequences >= 2 && evidence == .weak) }
    }

    /// Reads the run at `index` and appends the scalars its sequences encode to `repaired`.
    private static func read(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, _ bounds: Bounds, into repaired: inout [UInt32]) -> Reading {
        var reading = Reading()
        var position = index
        while position < bounds.end {
            let lead = decodeScalar(bytes, position)
            guard isLead(lead.scalar) else { break }
            if let (scalar, length, evidence) = sequence(bytes, at: position, leadLength: lead.length, bounds) {
                repaired.append(scalar)
                position += length
                reading.evidence = max(reading.evidence, evidence)
                reading.endsWithNoBreakSpace = bytes[position - 2] == 0xC2 && bytes[position - 1] == 0xA0
            } else if reading.sequences == 0, lead.scalar == 0xC3,
                      let space = lostNoBreakSpace(bytes, at: position, lineStart: bounds.lineStart, end: bounds.end) {
                // `Ã` and the space that was its second byte: `à`, and the space stays as the
                // word's end, unless a second space follows to be that.
                repaired.append(0xE0)
                position += lead.length
                if position + space < bounds.end, bytes[position + space] == 0x20 { position += space }
                reading.evidence = .strong
            } else {
                break
            }
            reading.sequences += 1
        }
        reading.length = position - index
        return reading
    }

    /// Whether the word around the run `run` holds another run with evidence (weak or strong)
    /// right beside the ASCII letters next to it (`ÄŒeÅ¡tina`: `ÄŒ` alone says little, `Å¡` in
    /// the same word says it is mojibake; `ÅžEHÄ°R`: two suspicious sequences in one word). A
    /// no-break space ends a word: the text after a run ending with one is another word
    /// (`lookingAfter` false), and so is a run before that ends with one.
    private static func wordShowsMojibake(_ bytes: UnsafeBufferPointer<UInt8>, around run: Range<Int>, lookingAfter: Bool,
                                          _ bounds: Bounds) -> Bool {
        let context = Bounds(lineStart: bounds.lineStart, end: bounds.contextEnd, contextEnd: bounds.contextEnd)
        var scratch: [UInt32] = []
        // After: the letters, then a run starting right there.
        var after = run.upperBound
        while after < context.end, after - run.upperBound < contextLimit, isASCIILetter(bytes[after]) { after += 1 }
        if lookingAfter, after < context.end, bytes[after] >= 0x80, isLead(decodeScalar(bytes, after).scalar),
           read(bytes, at: after, context, into: &scratch).evidence >= .weak {
            return true
        }
        // Before: the letters, then a run ending right there, read from the start of the
        // non-ASCII text it is part of.
        var before = run.lowerBound
        while before > context.lineStart, run.lowerBound - before < contextLimit, isASCIILetter(bytes[before - 1]) { before -= 1 }
        var index = before
        while index > context.lineStart, before - index < contextLimit, bytes[index - 1] >= 0x80 { index -= 1 }
        while bytes[index] & 0xC0 == 0x80 { index += 1 }  // not inside a character
        let segment = Bounds(lineStart: context.lineStart, end: before, contextEnd: context.end)
        while index < before {
            let (scalar, length) = decodeScalar(bytes, index)
            if isLead(scalar) {
                let reading = read(bytes, at: index, segment, into: &scratch)
                if reading.sequences > 0, index + reading.length == before {
                    return reading.evidence >= .weak && !reading.endsWithNoBreakSpace
                }
                index += max(reading.length, length)
            } else {
                index += length
            }
        }
        return false
    }

    /// The sequence at `index`: the scalar its bytes encode, the bytes it takes, and its evidence;
    /// nil when the characters after the lead are not continuation bytes or the bytes are not
    /// valid UTF-8 (an overlong form, a surrogate, past U+10FFFF).
    private static func sequence(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, leadLength: Int, _ bounds: Bounds)
        -> (UInt32, Int, Evidence)? {
        let end = bounds.end
        let lead = decodeScalar(bytes, index).scalar
        let continuations = lead < 0xE0 ? 1 : (lead < 0xF0 ? 2 : 3)
        var decoded = lead & (lead < 0xE0 ? 0x1F : (lead < 0xF0 ? 0x0F : 0x07))
        var position = index + leadLength
        var strong = false
        var allCommon = true
        var allQuiet = true
        var edgeMark = false
        var first: UInt32 = 0
        for _ in 0..<continuations {
            guard position < end else { return nil }
            let (scalar, length) = decodeScalar(bytes, position)
            guard let byte = Windows1252.continuationByte(scalar) else { return nil }
            decoded = decoded << 6 | UInt32(byte & 0x3F)
            position += length
            if first == 0 { first = scalar }
            if scalar <= 0x9F || isImplausibleAfterLetter(scalar) { strong = true }
            if !isCommonAfterWord(scalar) { allCommon = false }
            if !isQuietAfterWord(scalar) { allQuiet = false }
            edgeMark = isOpeningOrClosingMark(scalar)  // the last continuation counts
        }
        // Valid UTF-8: the shortest form, at most U+10FFFF, not a surrogate.
        let minimum: UInt32 = continuations == 1 ? 0x80 : (continuations == 2 ? 0x800 : 0x10000)
        guard decoded >= minimum, decoded <= 0x10FFFF, !(0xD800...0xDFFF).contains(decoded) else { return nil }
        if lead == 0xC2 || lead == 0xC3 {
            // `Ã’s` and `Ã…` can be text about the letter; `MAÇÃ` or `MISUTÂ` and a no-break space,
            // a word in capitals.
            if !(first == 0x2019 || first == 0x2026 || (first == 0xA0 && capitalsBefore(bytes, index, lineStart: bounds.lineStart))) {
                strong = true
            }
        }
        if (lead == 0xCE || lead == 0xCF || lead == 0xD0 || lead == 0xD1) && !allQuiet { strong = true }
        // `â` and two more: punctuation, symbols, arrows, dingbats (U+2000–U+2FFF), as in `âœ”`.
        if lead == 0xE2 && !allCommon { strong = true }
        if edgeMark, continuations == 1, lead != 0xD7, position < bounds.contextEnd, isASCIIAlphanumeric(bytes[position]) {
            strong = true
        }
        return (decoded, position - index, strong ? .strong : (allCommon ? .none : .weak))
    }

    /// Whether the two characters before `index` are capital letters (ASCII or Latin-1).
    private static func capitalsBefore(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int, lineStart: Int) -> Bool {
        var position = index
        for _ in 0..<2 {
            guard position > lineStart else { return false }
            position -= 1
            while position > lineStart, bytes[position] & 0xC0 == 0x80 { position -= 1 }
            let scalar = decodeScalar(bytes, position).scalar
            guard (scalar >= 0x41 && scalar <= 0x5A) || (scalar >= 0xC0 && scalar <= 0xDE && scalar != 0xD7) else { return false }
        }
        return true
    }

    /// `Ã` at `index` followed by a space that stands for a lost no-break space: after a
    /// lowercase ASCII letter or an apostrophe (at most one space between), or at the line's
    /// start; not before `s ` (Portuguese `Ã s`, as ftfy leaves it).
    ///
    /// Returns the length of that space: a plain one, or a typographic one, which the stage turns
    /// into a plain space (so a second run over the text finds what the first found); nil when
    /// there is none.
    private static func lostNoBreakSpace(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, lineStart: Int, end: Int) -> Int? {
        let space = index + 2  // `Ã` is two bytes
        guard space < end else { return nil }
        let (scalar, length) = decodeScalar(bytes, space)
        guard scalar == 0x20 || TextCleaning.isOddSpace(scalar) else { return nil }
        let after = space + length
        if after + 1 < end, bytes[after] == 0x73, bytes[after + 1] == 0x20 { return nil }
        // One space before, of any kind (the stage makes them all plain spaces), may stand between.
        var before = index
        if before > lineStart {
            var start = before - 1
            while start > lineStart, bytes[start] & 0xC0 == 0x80 { start -= 1 }
            let previous = decodeScalar(bytes, start).scalar
            if previous == 0x20 || TextCleaning.isOddSpace(previous) { before = start }
        }
        if before == lineStart { return before == index ? length : nil }
        let byte = bytes[before - 1]
        return (byte >= 0x61 && byte <= 0x7A) || byte == 0x27 ? length : nil
    }

    /// Continuation characters that do not follow a letter in text.
    private static func isImplausibleAfterLetter(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x20AC, 0x201A, 0x192, 0x201E, 0x2020, 0x2021, 0x2C6, 0x2030, 0x2DC, 0x178,
             0xA4, 0xA6, 0xA8, 0xAA, 0xAC, 0xAF, 0xB0, 0xB1, 0xB5, 0xB8, 0xBA, 0xBC, 0xBD, 0xBE: true
        default: false
        }
    }

    /// Continuation characters that follow words in correct text: no-break space, soft hyphen,
    /// `·`, `´`, `–`, `—`, `…`, `’`. A sequence made only of them says nothing.
    private static func isCommonAfterWord(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0xA0, 0xAD, 0xB7, 0xB4, 0x2013, 0x2014, 0x2026, 0x2019: true
        default: false
        }
    }

    /// After `Î`, `Ï`, `Ð`, `Ñ`: the characters that may end a word written in capitals.
    private static func isQuietAfterWord(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0xA0, 0xAD, 0x2026, 0x2019, 0x201D, 0xAE, 0x2122: true
        default: false
        }
    }

    /// Quotation marks, `©`, `®`, `™`, `¡`, `¿` and `•`: they open or close a word, never sit inside one.
    private static func isOpeningOrClosingMark(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0xA9, 0xAE, 0x2122, 0x2018, 0x201C, 0x201D, 0x201A, 0x201E, 0xAB, 0xBB, 0x2039, 0x203A, 0xA1, 0xBF, 0x2022: true
        default: false
        }
    }

    /// A byte of a word, for the text around a run read again: an ASCII letter or any byte of a
    /// non-ASCII character.
    @inline(__always)
    private static func isWordByte(_ byte: UInt8) -> Bool { byte >= 0x80 || isASCIILetter(byte) }

    @inline(__always)
    private static func isASCIILetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }

    @inline(__always)
    private static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A)
    }
}
