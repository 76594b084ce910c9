/// Breaking text into lines that fit a width, for the command line's own output (`extract stages`,
/// the run summary) laid out like argument-parser's `--help`: words are never split, and lines
/// after the first hang under the text, not under the label.
enum TextWrap {
    /// `text` broken at spaces into lines of at most `width` columns, the first starting with
    /// `first` and the others with `rest`. A word longer than a line gets a line of its own.
    /// Columns are counted in characters (the output is mostly ASCII).
    static func lines(_ text: String, width: Int, first: String, rest: String) -> [String] {
        lines(words: text.split(separator: " ").map(String.init), width: width, first: first, rest: rest)
    }

    /// `words` (each kept whole, even with a space in it: `fields.not_found 4,`) laid out as
    /// ``lines(_:width:first:rest:)`` does, a space between them.
    static func lines(words: [String], width: Int, first: String, rest: String) -> [String] {
        var lines: [String] = []
        var line = first
        var lineHasWord = false
        for word in words {
            if lineHasWord && line.count + 1 + word.count > width {
                lines.append(line)
                line = rest
                lineHasWord = false
            }
            line += (lineHasWord ? " " : "") + word
            lineHasWord = true
        }
        lines.append(line)
        return lines
    }

    /// `line` cut to at most `width` columns, for a line that must not wrap (a progress line
    /// rewritten in place).
    static func truncated(_ line: String, to width: Int) -> String {
        line.count <= width ? line : String(line.prefix(max(0, width)))
    }
}
