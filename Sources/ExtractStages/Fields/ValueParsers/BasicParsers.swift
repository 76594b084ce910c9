import ExtractCore

/// The capture as text, trimmed. Empty text gives null.
public enum StringParser: ValueParser {
    public static let name = "string"
    public static let summary = "the text as written, trimmed"
    public static let shape = Shape.scalar(.text)
    public static let examples = [ValueParserExample("  Patient Care Coordinator ", "Patient Care Coordinator"), ValueParserExample(" ", Value.null)]
    public static func parse(_ text: ArraySlice<UInt8>) -> Value? {
        let body = trimmed(text)
        return body.isEmpty ? .null : .string(String(decoding: body, as: UTF8.self))
    }

    public static func parse(_ text: ArraySlice<UInt8>, into store: inout ValueStore) -> ValueStore.NodeID? {
        let body = trimmed(text)
        return body.isEmpty ? ValueStore.null : store.string(body)
    }
}

/// A whole number, with optional sign and thousands separators: `1,200` → 1200. A number of
/// 10^15 or more is not read (null, `fields.unparsed`): it cannot be held exactly, and a page
/// that writes one holds no count or year worth keeping.
public enum IntegerParser: ValueParser {
    public static let name = "integer"
    public static let summary = "a whole number: `1,200` → 1200"
    public static let shape = Shape.scalar(.integer)
    public static let examples = [ValueParserExample("1,200", 1200), ValueParserExample("-7", -7), ValueParserExample("12.5", nil)]
    public static func parse(_ text: ArraySlice<UInt8>) -> Value? {
        var scanner = ByteScanner(trimmed(text))
        let negative = scanner.consume("-") || scanner.consume("\u{2212}")
        if !negative { _ = scanner.consume("+") }
        guard let value = scanner.number(), scanner.isAtEnd, value == value.rounded(), value < 1e15 else { return nil }
        return .integer(Int(negative ? -value : value))
    }
}

/// A number, whole or not: `5.5` → 5.5, `12` → 12.
public enum DecimalParser: ValueParser {
    public static let name = "decimal"
    public static let summary = "a number: `5.5` → 5.5 (whole numbers stay integers)"
    public static let shape = Shape.scalar(.number)
    public static let examples = [ValueParserExample("5.5", 5.5), ValueParserExample("12", 12), ValueParserExample("1,234.5", 1234.5),
                                  ValueParserExample("5.5%", nil)]
    public static func parse(_ text: ArraySlice<UInt8>) -> Value? {
        var scanner = ByteScanner(trimmed(text))
        let negative = scanner.consume("-") || scanner.consume("\u{2212}")
        if !negative { _ = scanner.consume("+") }
        guard let value = scanner.number(), scanner.isAtEnd else { return nil }
        return numberValue(negative ? -value : value)
    }
}

/// A lowercase ASCII slug: `Patient Care Coordinator` → `patient-care-coordinator`.
///
/// Letters with diacritics lose them when they are Latin-1 (`é` → `e`); other non-ASCII
/// characters separate words.
public enum SlugParser: ValueParser {
    public static let name = "slug"
    public static let summary = "a lowercase slug: `Patient Care Coordinator` → `patient-care-coordinator`"
    public static let shape = Shape.scalar(.text)
    public static let examples = [ValueParserExample("Patient Care Coordinator", "patient-care-coordinator"),
                                  ValueParserExample("Women’s Health Nurse", "womens-health-nurse"), ValueParserExample("Café Owner", "cafe-owner"),
                                  ValueParserExample(" -- ", nil)]
    public static func parse(_ text: ArraySlice<UInt8>) -> Value? {
        var slug: [UInt8] = []
        slug.reserveCapacity(text.count)
        var pendingDash = false
        for scalar in String(decoding: text, as: UTF8.self).unicodeScalars {
            var byte: UInt8?
            if scalar.isASCII {
                let b = UInt8(scalar.value)
                if isLetter(b) || isDigit(b) { byte = lower(b) }
            } else if let folded = latinBaseLetter(scalar.value) {
                byte = folded
            }
            if let byte {
                if pendingDash && !slug.isEmpty { slug.append(0x2D) }
                pendingDash = false
                slug.append(byte)
            } else if scalar != "'" && scalar != "\u{2019}" {
                pendingDash = true
            }
        }
        return slug.isEmpty ? nil : .string(String(decoding: slug, as: UTF8.self))
    }
}
