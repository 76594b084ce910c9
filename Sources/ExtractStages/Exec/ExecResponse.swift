import ExtractCore

/// What an `exec` stage's program answers for one document: one JSON object on one line,
///
///     {"fields": {"word_count": 412}, "diagnostics": [{"code": "no_title", "message": "…"}]}
///     {"reject": "not a career page"}
///
/// Every key is optional; no other key is allowed. A diagnostic may also name its `field`.
/// Anything else (not JSON, not an object, an unknown key, a value of the wrong type) is no
/// response at all: ``read(_:)`` says why, and the stage rejects the document as
/// `exec.bad_response`. Whether each field is declared and fits its shape is checked later,
/// field by field (``ExecWorker``).
struct ExecResponse: Equatable {
    struct Note: Equatable {
        var code: String
        var message: String
        var field: String?
    }

    var fields: [Value.Member] = []
    var diagnostics: [Note] = []
    /// The program's reason when it rejects the document.
    var rejection: String?

    /// Why a line is no response, in words.
    struct Invalid: Error, Equatable {
        var reason: String
    }

    static let keys = ["fields", "diagnostics", "reject"]

    /// Reads one answer line (without its line feed).
    static func read(_ line: [UInt8]) -> Result<ExecResponse, Invalid> {
        let value: Value
        do {
            value = try JSONValueReader.read(line)
        } catch {
            return .failure(Invalid(reason: "invalid JSON at byte \(error.offset) (\(error.message)): \(quoted(line))"))
        }
        guard case .object(let members) = value else {
            return .failure(Invalid(reason: "not a JSON object: \(quoted(line))"))
        }
        var response = ExecResponse()
        for member in members {
            switch (member.key, member.value) {
            case ("fields", .object(let fields)): response.fields = fields
            case ("reject", .string(let reason)): response.rejection = reason
            case ("diagnostics", .list(let items)):
                for item in items {
                    guard let note = note(item) else {
                        return .failure(Invalid(reason: "each diagnostic must be {\"code\": WORD, \"message\": TEXT} with an optional \"field\", found \(quoted(item))"))
                    }
                    response.diagnostics.append(note)
                }
            case ("fields", _), ("reject", _), ("diagnostics", _):
                let expected = ["fields": "an object", "reject": "a string", "diagnostics": "a list"][member.key] ?? ""
                return .failure(Invalid(reason: "\"\(member.key)\" must be \(expected), found \(quoted(member.value))"))
            default:
                return .failure(Invalid(reason: "unknown key \"\(member.key)\" (a response has: \(keys.joined(separator: ", ")))"))
            }
        }
        return .success(response)
    }

    /// A diagnostic entry: `code` a word of letters, digits, `_`, `.` or `-`; `message` text.
    private static func note(_ item: Value) -> Note? {
        guard case .object(let members) = item, members.allSatisfy({ ["code", "message", "field"].contains($0.key) }),
              case .string(let code)? = item["code"], !code.isEmpty,
              code.utf8.allSatisfy({ $0 < 0x80 && (isWordByte($0)) }),
              case .string(let message)? = item["message"] else { return nil }
        switch item["field"] {
        case nil, .null?: return Note(code: code, message: message, field: nil)
        case .string(let field)?: return Note(code: code, message: message, field: field)
        default: return nil
        }
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "-"): true
        default: false
        }
    }

    /// The start of what the program wrote, for a message.
    static func quoted(_ line: [UInt8]) -> String {
        let limit = 120
        let text = String(decoding: line.prefix(limit), as: UTF8.self)
        return "'" + text + (line.count > limit ? "…'" : "'")
    }

    private static func quoted(_ value: Value) -> String {
        var bytes: [UInt8] = []
        ExecRequest.appendValue(value, to: &bytes)
        return quoted(bytes)
    }
}
