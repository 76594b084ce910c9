import ExtractCore
import Foundation

extension NormalizeStage {
    /// Cleans one document at a time, line by line, writing each line straight into the output.
    ///
    /// A line is written at the end of `output`, so what happens to it after it is copied —
    /// trailing spaces removed, a leading bullet replaced, NFC applied, the whole line dropped
    /// when it turns out blank — is an edit at the end of the array. A line of plain ASCII with
    /// no `&` and no CR (most lines of a page) is found eight bytes at a time and copied in one
    /// append, without per-line bookkeeping. The anchor buffers live in the worker and keep
    /// their capacity from one document to the next, so a page allocates little beyond its
    /// output text and offset map.
    public struct Worker: StageWorker {
        let settings: Settings
        /// Whether this page's references are decoded: `html_entities`, unless an earlier stage
        /// (html) already decoded them.
        private var decodeReferences = true
        /// What a leading bullet becomes (`settings.bullet`), nil to keep bullets as written.
        private let bullet: [UInt8]?
        /// (offset in the line, offset in the input text) where the correspondence changes, for
        /// the line being cleaned, in increasing order of line offset. The first one is always
        /// (0, where the line starts in the input).
        private var anchors: [(line: Int, original: Int)] = []
        /// Scratch space for `compose`, kept between lines.
        private var composedLine: [UInt8] = []
        private var composedAnchors: [(line: Int, original: Int)] = []
        /// The scalars that replace an entity or a mojibake run; empty between uses (a repair
        /// that finds no evidence appends nothing), its capacity kept.
        private var replacement: [UInt32] = []
        /// Whether the current pass repaired a mojibake run.
        private var repairedMojibake = false
        /// The text written so far for the current document.
        private var output: [UInt8] = []
        /// The offset map of the current document.
        private var map = OffsetMapBuilder()
        /// Blank lines met since the last line that was written.
        private var blankRun = 0

        init(settings: Settings) {
            self.settings = settings
            bullet = settings.bullet
            anchors.reserveCapacity(16)
        }

        public mutating func process(_ item: inout WorkItem) {
            decodeReferences = settings.entities && !item.referencesDecoded
            repairedMojibake = false
            clean(&item)
            // What one pass repairs can, with its neighbours, be evidence of more mojibake
            // (`Ã°»¦Š` → `ð»¦Š`, one character read as Windows-1252). The text is cleaned again
            // until a pass repairs nothing, so normalizing twice gives what once gives. Only
            // pages with a repair pay for this; references are decoded in the first pass only
            // (`&amp;lt;` is the text `&lt;`). Each repair makes the text shorter, so it ends;
            // the bound is a guard.
            var passes = 1
            while repairedMojibake, passes < Self.maximumPasses {
                decodeReferences = false
                repairedMojibake = false
                clean(&item)
                passes += 1
            }
        }

        /// How many times a page is cleaned at most (see ``process(_:)``).
        static let maximumPasses = 8

        /// One pass over the item's text: cleans every line and composes the offset map.
        private mutating func clean(_ item: inout WorkItem) {
            let text = item.text
            // Bullets such as `- ` becoming `• ` can make the text a little longer than the input.
            output.reserveCapacity(text.count + text.count / 16 + 16)
            // A rewritten line (a bullet, trailing spaces, an entity) takes two or three anchors.
            map = OffsetMapBuilder(capacity: text.count / 32 + 8)
            blankRun = 0
            text.withUnsafeBufferPointer { bytes in
                guard let base = bytes.baseAddress else { return }
                let count = bytes.count
                var start = 0
                while start < count {
                    // A line ends at LF, and at CR (alone or before LF) when line endings are normalized.
                    let special = TextCleaning.firstSpecialByte(base, from: start, count: count)
                    let end: Int
                    if special == count || base[special] == 0x0A || (settings.lineEndings && base[special] == 0x0D) {
                        end = special
                        writePlainLine(base, start, end)
                    } else if let unchangedEnd = unchangedLineEnd(bytes, from: special) {
                        end = unchangedEnd
                        writePlainLine(base, start, end)
                    } else {
                        end = writeLine(bytes, start, firstSpecial: special)
                    }
                    if end >= count { break }
                    start = base[end] == 0x0D && end + 1 < count && base[end + 1] == 0x0A ? end + 2 : end + 1
                }
            }
            item.offsets = item.offsets.composed(with: map.map)
            item.text = output
            output = []
        }

        /// Appends the newlines that separate the next written line from the previous one: one,
        /// plus the blank lines met since, up to `blank_lines`. None before the first line.
        private mutating func appendLineBreak() {
            guard !output.isEmpty else { return }
            output.append(0x0A)
            for _ in 0..<min(blankRun, settings.blankLines) { output.append(0x0A) }
        }

        /// When every byte needing attention from `index` to the end of its line is a non-ASCII
        /// character that cleaning leaves as it is (``TextCleaning/passesUnchanged(_:)``), the
        /// line's end; nil when the line needs ``writeLine(_:_:firstSpecial:)``.
        private func unchangedLineEnd(_ bytes: UnsafeBufferPointer<UInt8>, from index: Int) -> Int? {
            var index = index
            let count = bytes.count
            while index < count {
                let byte = bytes[index]
                if byte < 0x80 {
                    // A line end; or a `&` or a CR kept inside the line, which need the full cleaner.
                    return byte == 0x0A || (byte == 0x0D && settings.lineEndings) ? index : nil
                }
                let (scalar, length) = decodeScalar(bytes, index)
                guard TextCleaning.passesUnchanged(scalar), !(settings.plainQuotes && TextCleaning.plainQuote(scalar) != nil) else {
                    return nil
                }
                index = TextCleaning.firstSpecialByte(bytes.baseAddress!, from: index + length, count: count)
            }
            return count
        }

        /// Writes the line `base[start..<end]`, whose bytes need no cleaning (ASCII other than `&`
        /// and CR, and non-ASCII characters that pass unchanged), so only trailing spaces and a
        /// leading bullet can change, and both are found before copying.
        private mutating func writePlainLine(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) {
            var first = start
            while first < end, base[first] == 0x20 || base[first] == 0x09 { first += 1 }
            guard first < end else {
                // Empty, or nothing but spaces and tabs.
                blankRun += 1
                return
            }
            var last = end
            if settings.trailingSpaces {
                while base[last - 1] == 0x20 || base[last - 1] == 0x09 { last -= 1 }
            }
            let line = UnsafeBufferPointer(start: base + start, count: last - start)
            appendLineBreak()
            blankRun = 0
            map.anchor(text: output.count, original: start)
            let prefix = bullet == nil ? 0 : TextCleaning.bulletPrefixLength(line)
            if prefix > 0, let bullet {
                output.append(contentsOf: bullet)
                map.anchor(text: output.count, original: start + prefix)
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: line[prefix...]))
            // The line's end is where its content ended, before any removed trailing spaces.
            map.anchor(text: output.count, original: last)
        }

        /// Cleans and writes the line that starts at `start` and has a byte needing attention
        /// (non-ASCII, `&`, or a CR kept inside the line) at `firstSpecial`. Returns where the
        /// line ends in the input: its LF or CR, or the end of the text.
        ///
        /// Input bytes that stay as they are are copied in runs: `copied` is where the bytes not
        /// yet written start, and a run is written only when something replaced or removed
        /// follows it, or at the line's end.
        private mutating func writeLine(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, firstSpecial: Int) -> Int {
            guard let base = bytes.baseAddress else { return start }
            let count = bytes.count
            let lineStart = output.count
            // The line breaks go first, and are taken back with the line if it turns out blank.
            appendLineBreak()
            let contentStart = output.count
            anchors.removeAll(keepingCapacity: true)
            anchors.append((0, start))
            var copied = start
            // Where the line ends, found only when an entity or a mojibake sequence needs a bound.
            var knownEnd = -1
            let crEndsLines = settings.lineEndings
            func lineEnd(from index: Int) -> Int {
                if knownEnd < 0 {
                    knownEnd = index
                    while knownEnd < count, base[knownEnd] != 0x0A, !(crEndsLines && base[knownEnd] == 0x0D) { knownEnd += 1 }
                }
                return knownEnd
            }
            var needsComposition = false
            var index = firstSpecial
            while index < count {
                let byte = base[index]
                var length = 1
                if byte < 0x80 {
                    if byte == 0x0A || (byte == 0x0D && crEndsLines) { break }
                    // A `&` that is not a reference, or a CR kept inside the line, stays as it is.
                    if byte == 0x26, decodeReferences,
                       let (expansion, consumed) = HTMLCharacterReferences.reference(bytes, at: index, end: lineEnd(from: index)) {
                        replacement.append(expansion.first)
                        if expansion.second != 0 { replacement.append(expansion.second) }
                        length = consumed
                        writeReplacement(base, copied: &copied, from: index, to: index + length, contentStart: contentStart,
                                         needsComposition: &needsComposition)
                    }
                } else {
                    let scalar: UInt32
                    (scalar, length) = decodeScalar(bytes, index)
                    if settings.mojibake, MojibakeRepair.isLead(scalar),
                       let consumed = MojibakeRepair.repair(bytes, at: index, lineStart: start, end: lineEnd(from: index),
                                                            into: &replacement) {
                        length = consumed
                        repairedMojibake = true
                        writeReplacement(base, copied: &copied, from: index, to: index + length, contentStart: contentStart,
                                         needsComposition: &needsComposition)
                    } else {
                        // A C1 control is a Windows-1252 character read as Latin-1 (`It\u{92}s`).
                        let meant = settings.mojibake && scalar <= 0x9F ? Windows1252.scalar(scalar) : scalar
                        if settings.unicode && TextCleaning.mayNeedComposition(meant) { needsComposition = true }
                        let cleaned = cleaned(meant, at: index)
                        if cleaned != scalar {
                            if let cleaned { replacement.append(cleaned) }
                            writeReplacement(base, copied: &copied, from: index, to: index + length, contentStart: contentStart,
                                             needsComposition: &needsComposition)
                        }
                    }
                }
                index = TextCleaning.firstSpecialByte(base, from: index + length, count: count)
            }
            output.append(contentsOf: UnsafeBufferPointer(start: base + copied, count: index - copied))
            if settings.trailingSpaces {
                var last = output.count
                while last > contentStart, output[last - 1] == 0x20 || output[last - 1] == 0x09 { last -= 1 }
                if last < output.count {
                    output.removeSubrange(last...)
                    // Anchors are in increasing order: the ones past the new end are the last ones.
                    while let anchor = anchors.last, anchor.line > last - contentStart { anchors.removeLast() }
                }
            }
            if let bullet { replaceBullet(with: bullet, contentStart: contentStart) }
            if needsComposition { compose(contentStart: contentStart) }
            if isBlank(from: contentStart) {
                output.removeSubrange(lineStart...)
                blankRun += 1
                return index
            }
            blankRun = 0
            for anchor in anchors { map.anchor(text: contentStart + anchor.line, original: anchor.original) }
            // The line's end is where its content ended, before any removed trailing spaces.
            map.anchor(text: output.count, original: originalOffset(of: output.count - contentStart))
            return index
        }

        /// What a scalar of the text becomes: nil when it is removed (zero-width characters with
        /// `spaces`, a byte order mark at the start of the text), a space for an odd space, a plain
        /// quote for a typographic one with `quotes: plain`.
        @inline(__always)
        private func cleaned(_ scalar: UInt32, at index: Int) -> UInt32? {
            if (settings.spaces && TextCleaning.isInvisible(scalar)) || (index == 0 && scalar == 0xFEFF) { return nil }
            if settings.spaces && TextCleaning.isOddSpace(scalar) { return 0x20 }
            if settings.plainQuotes, let plain = TextCleaning.plainQuote(scalar) { return UInt32(plain) }
            return scalar
        }

        /// Writes the input bytes not yet written (from `copied` to `from`), then `replacement`
        /// (each scalar cleaned) in place of the input bytes `from..<to`, with anchors at both
        /// ends: an offset inside the replacement maps into the replaced bytes (see ``OffsetMap``).
        private mutating func writeReplacement(_ base: UnsafePointer<UInt8>, copied: inout Int, from: Int, to: Int,
                                               contentStart: Int, needsComposition: inout Bool) {
            output.append(contentsOf: UnsafeBufferPointer(start: base + copied, count: from - copied))
            let written = output.count
            for scalar in replacement {
                guard let cleaned = cleaned(scalar, at: from) else { continue }
                if settings.unicode && TextCleaning.mayNeedComposition(cleaned) { needsComposition = true }
                appendScalar(cleaned, to: &output)
            }
            // Nothing written (all removed): one anchor, after the removed bytes.
            if output.count > written { anchors.append((written - contentStart, from)) }
            anchors.append((output.count - contentStart, to))
            copied = to
            replacement.removeAll(keepingCapacity: true)
        }

        /// Whether the line written from `contentStart` has nothing but spaces and tabs.
        private func isBlank(from contentStart: Int) -> Bool {
            var index = contentStart
            while index < output.count {
                guard output[index] == 0x20 || output[index] == 0x09 else { return false }
                index += 1
            }
            return true
        }

        /// Replaces a leading run of bullet glyphs (with the spaces around them) in the line
        /// written from `contentStart` by `bullet`, and moves the anchors after it.
        private mutating func replaceBullet(with bullet: [UInt8], contentStart: Int) {
            let prefix = output.withUnsafeBufferPointer { TextCleaning.bulletPrefixLength(UnsafeBufferPointer(rebasing: $0[contentStart...])) }
            guard prefix > 0 else { return }
            // The text: the rest of the line moves to just after the bullet.
            let shift = bullet.count - prefix
            let rest = output.count - contentStart - prefix
            if shift > 0 { output.append(contentsOf: repeatElement(0, count: shift)) }
            output.withUnsafeMutableBytes { buffer in
                guard let line = buffer.baseAddress.map({ $0 + contentStart }) else { return }
                // copyMemory moves like memmove: the two regions may overlap.
                (line + bullet.count).copyMemory(from: line + prefix, byteCount: rest)
                bullet.withUnsafeBytes { UnsafeMutableRawBufferPointer(start: line, count: $0.count).copyMemory(from: $0) }
            }
            if shift < 0 { output.removeSubrange((output.count + shift)...) }
            // The anchors: the line's start stays, the ones inside the prefix become one at the
            // bullet's end, the ones after the prefix move by `shift`.
            let prefixOriginal = originalOffset(of: prefix)
            var firstAfter = 1
            while firstAfter < anchors.count, anchors[firstAfter].line <= prefix { firstAfter += 1 }
            if firstAfter == 1 {
                // No anchor inside the prefix: make room for the bullet's.
                anchors.append((0, 0))
                var index = anchors.count - 1
                while index > 1 {
                    anchors[index] = anchors[index - 1]
                    index -= 1
                }
                firstAfter = 2
            }
            anchors[1] = (bullet.count, prefixOriginal)
            var kept = 2
            for index in firstAfter..<anchors.count {
                anchors[kept] = (anchors[index].line + shift, anchors[index].original)
                kept += 1
            }
            anchors.removeSubrange(kept...)
        }

        /// The input offset of an offset in the current line, from the anchors.
        private func originalOffset(of offset: Int) -> Int {
            var index = anchors.count - 1
            while anchors[index].line > offset { index -= 1 }
            return anchors[index].original + (offset - anchors[index].line)
        }

        /// Puts the line written from `contentStart` in NFC, piece by piece: each piece is an ASCII
        /// character with the non-ASCII text after it (NFC never joins across an ASCII character),
        /// so the anchors of unchanged pieces are kept and offsets inside a changed piece map to
        /// the piece's start.
        private mutating func compose(contentStart: Int) {
            composedLine.removeAll(keepingCapacity: true)
            composedAnchors.removeAll(keepingCapacity: true)
            let lineLength = output.count - contentStart
            var pieceStart = 0
            var anchor = 0
            while pieceStart < lineLength {
                var pieceEnd = pieceStart + 1
                while pieceEnd < lineLength, output[contentStart + pieceEnd] >= 0x80 { pieceEnd += 1 }
                let piece = output[(contentStart + pieceStart)..<(contentStart + pieceEnd)]
                var unchanged = true
                if piece.count > 1 {
                    let composed = String(decoding: piece, as: UTF8.self).precomposedStringWithCanonicalMapping.utf8
                    if !composed.elementsEqual(piece) {
                        unchanged = false
                        composedAnchors.append((composedLine.count, originalOffset(of: pieceStart)))
                        composedAnchors.append((composedLine.count + composed.count, originalOffset(of: pieceEnd)))
                        composedLine.append(contentsOf: composed)
                    }
                }
                // The anchors inside this piece (the earlier ones belong to earlier pieces).
                while anchor < anchors.count, anchors[anchor].line < pieceEnd {
                    if unchanged {
                        composedAnchors.append((anchors[anchor].line - pieceStart + composedLine.count, anchors[anchor].original))
                    }
                    anchor += 1
                }
                if unchanged { composedLine.append(contentsOf: piece) }
                pieceStart = pieceEnd
            }
            composedAnchors.append((composedLine.count, originalOffset(of: lineLength)))
            output.removeLast(lineLength)
            output.append(contentsOf: composedLine)
            swap(&anchors, &composedAnchors)
        }
    }
}
