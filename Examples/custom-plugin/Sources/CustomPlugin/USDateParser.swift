import ExtractCore

/// `us_date`: a date written the American way, as ISO 8601: `March 3, 2025` → `2025-03-03`.
/// The month is its English name or a three-letter abbreviation (`Mar`, `Mar.`, also `Sept`), in
/// any case; the day must exist in that month (`February 29` only in a leap year); the year has
/// four digits. Anything else is refused.
public enum USDateParser: ValueParser {
    public static let name = "us_date"
    public static let summary = "a US date as ISO 8601: `March 3, 2025` → `2025-03-03`"
    public static let examples = [
        ValueParserExample("March 3, 2025", "2025-03-03"),
        ValueParserExample(" Sept. 30, 2024 ", "2024-09-30"),
        ValueParserExample("feb 29, 2024", "2024-02-29"),
        ValueParserExample("Feb 29, 2025", nil),
        ValueParserExample("April 31, 2025", nil),
        ValueParserExample("3 March 2025", nil),
        ValueParserExample("Open until filled", nil),
    ]

    static let months = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                         "november", "december"].map { Array($0.utf8) }

    public static func parse(_ text: ArraySlice<UInt8>) -> Value? {
        var rest = text.drop { $0 == 0x20 }
        while rest.last == 0x20 { rest = rest.dropLast() }
        // The month: letters, then an optional full stop.
        let word = rest.prefix { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }.map { $0 | 0x20 }
        rest = rest.dropFirst(word.count)
        if rest.first == 0x2E { rest = rest.dropFirst() }
        guard let month = month(named: word), rest.first == 0x20 else { return nil }
        rest = rest.dropFirst()
        // The day, a comma and a space, the year.
        let dayDigits = rest.prefix { $0 >= 0x30 && $0 <= 0x39 }
        rest = rest.dropFirst(dayDigits.count)
        guard (1...2).contains(dayDigits.count), rest.starts(with: [0x2C, 0x20]) else { return nil }
        rest = rest.dropFirst(2)
        guard rest.count == 4, rest.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let day = number(dayDigits), year = number(rest)
        guard day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        return .string("\(year)-\(twoDigits(month))-\(twoDigits(day))")
    }

    /// 1 to 12 for a month's name or its first three letters (or `sept`); nil for anything else.
    static func month(named word: [UInt8]) -> Int? {
        for (index, name) in months.enumerated() {
            if word == name || (word.count == 3 && name.starts(with: word)) || (index == 8 && word == Array("sept".utf8)) {
                return index + 1
            }
        }
        return nil
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func number(_ digits: ArraySlice<UInt8>) -> Int { digits.reduce(0) { $0 * 10 + Int($1 - 0x30) } }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
