import ExtractCore
import Foundation

/// What a parser gave that has no ``Value`` (a key that is not a string, a type no format has).
public struct UnexpectedParsedValue: Error, CustomStringConvertible {
    public var description: String
    public init(description: String) { self.description = description }
}

extension Value {
    /// A value from Foundation's JSONSerialization or from Yams, keeping its type: a number stays
    /// a number (integer or decimal), a bool a bool, a string a string; object keys sorted (the
    /// parsers give unordered dictionaries).
    public init(parsed any: Any?) throws {
        guard let any else { self = .null; return }
        if any is NSNull { self = .null; return }
        if let string = any as? String { self = .string(string); return }
        // Yams gives Swift values; check their exact types before NSNumber bridging blurs them.
        if type(of: any) == Bool.self, let bool = any as? Bool { self = .bool(bool); return }
        if type(of: any) == Int.self, let int = any as? Int { self = .integer(int); return }
        if type(of: any) == Double.self, let double = any as? Double { self = .decimal(double); return }
        // JSONSerialization gives NSNumber; its objCType says what the text was.
        if let number = any as? NSNumber {
            switch String(cString: number.objCType) {
            case "c", "B": self = .bool(number.boolValue)
            case "d", "f": self = .decimal(number.doubleValue)
            default: self = .integer(number.intValue)
            }
            return
        }
        if let list = any as? [Any] { self = .list(try list.map { try Value(parsed: $0) }); return }
        if let list = any as? [Any?] { self = .list(try list.map { try Value(parsed: $0) }); return }
        if let object = any as? [String: Any] {
            self = Value.object(try object.map { Value.Member($0.key, try Value(parsed: $0.value)) }).withSortedKeys
            return
        }
        if let object = any as? [AnyHashable: Any] {
            self = Value.object(try object.map { member in
                guard let key = member.key.base as? String else {
                    throw UnexpectedParsedValue(description: "non-string key \(member.key) (\(type(of: member.key.base)))")
                }
                return Value.Member(key, try Value(parsed: member.value))
            }).withSortedKeys
            return
        }
        throw UnexpectedParsedValue(description: "unexpected \(type(of: any)): \(any)")
    }

    /// The value with every object's keys sorted, recursively: how values read back by parsers
    /// that keep no key order are compared.
    public var withSortedKeys: Value {
        switch self {
        case .list(let items): return .list(items.map(\.withSortedKeys))
        case .object(let members):
            return .object(members.map { Value.Member($0.key, $0.value.withSortedKeys) }.sorted { $0.key < $1.key })
        default: return self
        }
    }

    /// Whether `self`, as a parser read it back, is `written`: equal, except that a decimal may be
    /// one unit in the last place off and `Int.min` may come back as a decimal (Foundation's
    /// JSONSerialization on Linux reads some numbers so; Python's json and JSONDecoder read the
    /// same text exactly).
    public func isReading(of written: Value) -> Bool {
        switch (self, written) {
        case (.decimal(let a), .decimal(let b)): return a == b || a == b.nextUp || a == b.nextDown
        case (.decimal(let a), .integer(let b)): return b == Int.min && a == Double(Int.min)
        case (.list(let a), .list(let b)): return a.count == b.count && zip(a, b).allSatisfy { $0.isReading(of: $1) }
        case (.object(let a), .object(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value.isReading(of: $1.value) }
        default: return self == written
        }
    }
}
