/// Escaping for the inspection page: page text and values may hold anything (`<`, `&`,
/// `</script>`, quotes), and must show as written without ever becoming markup.
///
/// Works on Unicode scalars, not characters: `"` followed by a combining accent is one
/// `Character` but still a quote to an HTML parser.
enum HTMLText {
    /// Text for an element's content: `&`, `<` and `>` as references.
    static func escape(_ text: String) -> String {
        replacing(text) {
            switch $0 {
            case "&": return "&amp;"
            case "<": return "&lt;"
            case ">": return "&gt;"
            default: return nil
            }
        }
    }

    /// Text for a double- or single-quoted attribute value: also `"` and `'` as references.
    static func attribute(_ text: String) -> String {
        replacing(text) {
            switch $0 {
            case "&": return "&amp;"
            case "<": return "&lt;"
            case ">": return "&gt;"
            case "\"": return "&quot;"
            case "'": return "&#39;"
            default: return nil
            }
        }
    }

    /// JSON text made safe inside `<script type="application/json">`: `<`, `>` and `&` written as
    /// JSON escapes (`\u003c`), which only occur inside strings there, so the JSON reads the
    /// same and no `</script>` or `<!--` can end or change the element.
    static func scriptJSON(_ json: String) -> String {
        replacing(json) {
            switch $0 {
            case "<": return "\\u003c"
            case ">": return "\\u003e"
            case "&": return "\\u0026"
            case "\u{2028}": return "\\u2028"
            case "\u{2029}": return "\\u2029"
            default: return nil
            }
        }
    }

    /// `text` with each scalar for which `replacement` gives a string replaced by it.
    private static func replacing(_ text: String, _ replacement: (Unicode.Scalar) -> String?) -> String {
        guard text.unicodeScalars.contains(where: { replacement($0) != nil }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 32)
        for scalar in text.unicodeScalars {
            if let replaced = replacement(scalar) { out += replaced } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }
}
