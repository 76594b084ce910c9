/// One test that lives with a pipeline: a page, and what the pipeline must make of it.
///
/// Tests come from a `tests:` list in the pipeline file or from `PIPELINE.tests.yaml` beside it
/// (``PipelineTestLoader``); ``PipelineTestRunner`` runs them. A test checks only what it
/// names: the fields in `expect`, the diagnostics when it lists them, the rejection when it
/// expects one.
public struct PipelineTest: Sendable {
    /// The name the runner prints (`ok   name`) and `--filter` matches; unique among the tests.
    public var name: String
    /// Where the test's entry starts in its file.
    public var location: SourceLocation
    public var input: PipelineTestInput
    /// The document's locator (what `{document: source}` derives); nil: the default of ``input``.
    public var source: String?
    /// The fields the record must hold, in the order written.
    public var expectations: [FieldExpectation]
    /// The diagnostics the record must carry; nil: not checked.
    public var diagnostics: DiagnosticExpectation?
    /// The code of the rejection the page must get (it must give no record); nil: it must give one.
    public var rejection: String?
    /// Which of the page's records the test checks, from 1: for a page that a stage splits, the
    /// record (or rejection) of piece k, `SOURCE#k`; other pages give one.
    public var record = 1
    /// How many records the page must give (rejected pieces not counted); nil: not checked.
    public var records: Int?

}

/// Where a test's page comes from.
public enum PipelineTestInput: Sendable {
    /// The page's text, written in the tests file (`input: |`). `origin` places the page's
    /// lines in that file when they can be placed exactly (a literal block scalar).
    case inline(String, origin: InlineOrigin?)
    /// A file, read as `extract run` reads it (JSON Lines and WARC by extension), which must hold
    /// one page. `path` is the file's path as the runner opens it; `written` as the test wrote it.
    case file(path: String, written: String)
}

/// Where an inline page's first line sits in the tests file: its line `n` is the file's line
/// `firstLine + n - 1`, and its column `c` the file's column `indent + c`.
public struct InlineOrigin: Sendable, Equatable {
    public var file: String
    public var firstLine: Int
    public var indent: Int

}

/// A field the record must hold, and its value (objects and lists are compared whole).
public struct FieldExpectation: Sendable {
    public var field: String
    public var id: FieldID
    public var value: Value
    public var location: SourceLocation

}

/// The diagnostics a record must carry, by code (and field when named).
public struct DiagnosticExpectation: Sendable {
    public enum Mode: Sendable, Equatable {
        /// `diagnostics:` the record's diagnostics are exactly these, in any order (a multiset:
        /// a code listed twice must occur twice; `[]` means none at all).
        case exactly
        /// `diagnostics_include:` each of these occurs, each matched by a diagnostic of its own;
        /// others may occur as well.
        case including
    }

    public var mode: Mode
    public var patterns: [DiagnosticPattern]

}

/// A diagnostic as a test names it: `fields.not_found` (any field, or none) or
/// `fields.not_found(salary)` (that field only).
public struct DiagnosticPattern: Sendable, Equatable, CustomStringConvertible {
    public var code: String
    public var field: String?

    public init(code: String, field: String? = nil) { (self.code, self.field) = (code, field) }


    /// Reads `code` or `code(field)`; nil when the text is neither.
    public init?(_ text: String) {
        var code = Substring(text)
        var field: String?
        if code.hasSuffix(")"), let open = code.firstIndex(of: "(") {
            let name = code[code.index(after: open)..<code.index(before: code.endIndex)]
            guard Self.isName(name) else { return nil }
            field = String(name)
            code = code[..<open]
        }
        let parts = code.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2, parts.allSatisfy(Self.isName) else { return nil }
        self.init(code: String(code), field: field)
    }

    public func matches(_ diagnostic: Diagnostic) -> Bool {
        diagnostic.code == code && (field == nil || diagnostic.field == field)
    }

    public var description: String { field.map { "\(code)(\($0))" } ?? code }

    /// A code part or field name: letters, digits, `_` and `-`, not empty.
    private static func isName(_ text: Substring) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
    }
}
