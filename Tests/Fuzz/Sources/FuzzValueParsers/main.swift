import ExtractCore
import ExtractStages
import FuzzSupport

/// Arbitrary strings through every value parser. A parser gives a value or nil; money never
/// gives min > max, and no parser reads a number from text without a digit.
runFuzzer { data, size in
    let input = bytes(data, size)
    guard String(validating: input, as: UTF8.self) != nil else { return 0 }  // parsers read UTF-8 text
    let hasDigit = input.contains { $0 >= 0x30 && $0 <= 0x39 }
    for parser in ValueParserRegistry.builtIn.parsers {
        guard let value = parser.parse(input[...]) else { continue }
        if !hasDigit && parser.name != "string" && parser.name != "slug" && parser.name != "strip_abbreviations"
            && parser.name != "abbreviations" && parser.name != "percent_label" && parser.name != "duration" {
            precondition(!containsNumber(value), "\(parser.name) read a number from text without a digit")
        }
        if parser.name == "money", case .object(let members) = value {
            let min = members.first { $0.key == "min" }?.value, max = members.first { $0.key == "max" }?.value
            if case .integer(let low)? = min, case .integer(let high)? = max { precondition(low <= high, "money min > max") }
        }
    }
    return 0
}

private func containsNumber(_ value: Value) -> Bool {
    switch value {
    case .integer, .decimal: return true
    case .list(let items): return items.contains(where: containsNumber)
    case .object(let members): return members.contains { containsNumber($0.value) }
    default: return false
    }
}
