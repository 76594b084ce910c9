import Yams

extension ConfigNode {
    /// The node as a ``Value``, for values a user writes in YAML (a test's expected fields).
    ///
    /// Plain scalars are typed as the YAML 1.2 core schema types them: `null`, `~` or nothing is
    /// null; `true`/`false` a bool; `48`, `-3`, `0x1F` an integer; `0.2`, `1e3`, `.inf` a number;
    /// anything else (also `yes`, `no`, `on`, `2024-01-01`) a string. A quoted scalar is always a
    /// string (`"48"`). Mappings keep their keys in file order. Anchors and aliases are reported:
    /// an expected value is written out in full.
    public func value() -> Value? {
        switch node {
        case .scalar(let scalar):
            guard scalar.style == .plain else { return .string(scalar.string) }
            if scalar.tag.description == Tag.Name.str.rawValue { return .string(scalar.string) }
            return Self.coreSchemaValue(scalar.string)
        case .sequence:
            guard let items = list() else { return nil }
            let values = items.compactMap { $0.value() }
            return values.count == items.count ? .list(values) : nil
        case .mapping:
            guard let entries = entries() else { return nil }
            let members = entries.compactMap { entry in entry.value.value().map { Value.Member(entry.key, $0) } }
            return members.count == entries.count ? .object(members) : nil
        case .alias:
            report("\(path) is an alias", expected: "the value written out (anchors and aliases are not read here)")
            return nil
        }
    }

    /// A plain scalar's value under the YAML 1.2 core schema.
    static func coreSchemaValue(_ text: String) -> Value {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .decimal(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .decimal(-.infinity)
        case ".nan", ".NaN", ".NAN": return .decimal(.nan)
        default: break
        }
        let bytes = Array(text.utf8)
        if isDecimalInteger(bytes), let integer = Int(text) { return .integer(integer) }
        if text.hasPrefix("0x"), let integer = Int(text.dropFirst(2), radix: 16) { return .integer(integer) }
        if text.hasPrefix("0o"), let integer = Int(text.dropFirst(2), radix: 8) { return .integer(integer) }
        if isCoreFloat(bytes), let number = Double(text) { return .decimal(number) }
        return .string(text)
    }

    /// `[-+]?[0-9]+`
    private static func isDecimalInteger(_ bytes: [UInt8]) -> Bool {
        let digits = bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") ? bytes.dropFirst() : bytes[...]
        return !digits.isEmpty && digits.allSatisfy { (0x30...0x39).contains($0) }
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
    private static func isCoreFloat(_ bytes: [UInt8]) -> Bool {
        var index = 0
        func digits() -> Int {
            let start = index
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
            return index - start
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
        let whole = digits()
        var fraction = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            fraction = digits()
        }
        guard whole > 0 || fraction > 0 else { return false }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
            guard digits() > 0 else { return false }
        }
        return index == bytes.count
    }
}
